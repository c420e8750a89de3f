// Services, Ingresses, the outside world (client, upstream DNS), the system-components summary and
// objects the engine keeps but does not simulate.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useAppStore } from '../../store/context';
import { useUi } from '../../store/ui';
import { ingressRuleY } from '../layout';
import { useBoxData } from '../useBox';
import { TEXT_W, badge, fitClass, mono, sans } from '../fit';
import type { IngressBoxData, OutsideBoxData, ServiceBoxData, SystemBoxData, UnsimulatedBoxData } from '../toFlow';

const hidden = { isConnectable: false, className: 'd-handle' } as const;

export const ServiceBox = memo(function ServiceBox({ id, data: given, selected }: NodeProps<Node<ServiceBoxData, 'service'>>) {
  const data = useBoxData(id, given);
  const store = useAppStore();
  const s = data.service;
  const eps = s.endpoints;
  const W = TEXT_W.service;
  const ns = s.namespace !== 'default' ? `${s.namespace}/` : '';
  const clusterIP = `ClusterIP ${s.clusterIP}`;
  const external = s.external && `external ${s.external}`;
  const cname = s.externalName && `CNAME → ${s.externalName}`;
  const summary = s.type === 'ExternalName' ? 'no endpoints (DNS alias)' : s.selector === null ? `no selector · ${eps.total} endpoint${eps.total === 1 ? '' : 's'} by hand` : `selector ${s.selector} · ${eps.total} endpoint${eps.total === 1 ? '' : 's'}${eps.total ? ` (${eps.ready} ready)` : ''}`;
  // fit.ts: lines that fit paint without a clip; the box's own clip is not needed (every line clips itself or fits, the flag clips itself)
  return (
    <div className={`d-box d-service d-unclipped${s.flag ? ' is-flagged' : ''}${s.system ? ' is-system' : ''}${selected ? ' is-selected' : ''}`}>
      <Handle type="target" position={Position.Left} id="in" {...hidden} />
      <Handle type="source" position={Position.Right} id="out" {...hidden} />
      <Handle type="source" position={Position.Left} id="dns" {...hidden} />
      <div className={`d-title${fitClass(W, badge(s.type), sans(` ${ns}`), sans(s.name, true))}`}>
        <span className="d-badge">{s.type}</span> {ns && <span className="d-muted">{ns}</span>}
        <span className="d-name">{s.name}</span>
      </div>
      <div className={`d-line mono${fitClass(W, mono(clusterIP))}`}>{clusterIP}</div>
      {s.ports.length ? (
        s.ports.map((p, i) => (
          <div key={i} className={`d-line mono${fitClass(W, mono(p))}`}>
            {p}
          </div>
        ))
      ) : (
        <div className="d-line d-muted d-fit">no ports</div>
      )}
      {external && <div className={`d-line mono${fitClass(W, mono(external))}`}>{external}</div>}
      {cname && <div className={`d-line mono${fitClass(W, mono(cname))}`}>{cname}</div>}
      <div className={`d-line d-muted${fitClass(W, sans(summary))}`} title={s.selector ?? undefined}>
        {summary}
      </div>
      {s.flag && (
        <div className="d-flag" role="note">
          <span aria-hidden="true">⚠</span> {s.flag}{' '}
          <button
            type="button"
            className="nodrag d-why"
            aria-label={`Why? Explain why ${s.namespace}/${s.name} has no ready endpoints`}
            onClick={(e) => {
              e.stopPropagation();
              store.getState().select(s.key, 'diagram');
              useUi.getState().focusSide('why');
            }}
          >
            Why?
          </button>
        </div>
      )}
    </div>
  );
});

export const IngressBox = memo(function IngressBox({ id, data: given, selected }: NodeProps<Node<IngressBoxData, 'ingress'>>) {
  const data = useBoxData(id, given);
  const i = data.ingress;
  return (
    <div className={`d-box d-ingress${selected ? ' is-selected' : ''}`}>
      <Handle type="target" position={Position.Top} id="top" {...hidden} />
      <div className="d-title">
        <span className="d-badge">Ingress</span> {i.namespace !== 'default' && <span className="d-muted">{i.namespace}/</span>}
        <span className="d-name">{i.name}</span>
      </div>
      <div className="d-line d-muted">
        class {i.className ?? '(default)'} · address {i.address ?? '<pending>'}
      </div>
      {i.rules.length === 0 && <div className="d-line d-muted">no rules</div>}
      {i.rules.map((r, j) => (
        <div key={j} className={`d-line mono${r.service ? '' : ' d-missing'}`} title={r.service ? undefined : `Service ${r.serviceName} does not exist`}>
          {r.host}
          {r.path} → {r.serviceName}:{r.port}
          {!r.service && ' (no such Service)'}
          <Handle type="source" position={Position.Right} id={`rule-${j}`} {...hidden} style={{ top: ingressRuleY(j) }} />
        </div>
      ))}
    </div>
  );
});

export const OutsideBox = memo(function OutsideBox({ id, data: given }: NodeProps<Node<OutsideBoxData, 'outside'>>) {
  const data = useBoxData(id, given);
  return (
    <div className={`d-box d-outside role-${data.role}`}>
      {data.role === 'client' ? (
        <>
          <Handle type="source" position={Position.Right} id="out" {...hidden} />
          <Handle type="source" position={Position.Bottom} id="down" {...hidden} />
        </>
      ) : (
        <Handle type="target" position={Position.Right} id="in" {...hidden} />
      )}
      <div className="d-title">
        <span aria-hidden="true" className="d-icon">
          {data.role === 'client' ? '☁' : '⌕'}
        </span>{' '}
        {data.title}
      </div>
      <div className="d-line d-muted">{data.detail}</div>
    </div>
  );
});

export const SystemBox = memo(function SystemBox({ id, data: given }: NodeProps<Node<SystemBoxData, 'system'>>) {
  const data = useBoxData(id, given);
  const store = useAppStore();
  const { summary, shown } = data;
  return (
    <div className="d-box d-system">
      <div className="d-title">
        System <span className="d-muted">· {summary.pods} pods, {summary.services} Services</span>
      </div>
      <ul className="d-system-text d-muted">
        {summary.lines.map((l) => (
          <li key={l} title={l}>
            {l}
          </li>
        ))}
      </ul>
      <label className="nodrag d-check">
        <input type="checkbox" checked={shown} onChange={(e) => store.getState().setShowSystem(e.target.checked)} /> Show in the diagram
      </label>
    </div>
  );
});

export const UnsimulatedBox = memo(function UnsimulatedBox({ id, data: given, selected }: NodeProps<Node<UnsimulatedBoxData, 'unsimulated'>>) {
  const data = useBoxData(id, given);
  const u = data.item;
  return (
    <div className={`d-box d-unsimulated${selected ? ' is-selected' : ''}`}>
      <div className="d-title" title={`${u.kind} ${u.namespace ? `${u.namespace}/` : ''}${u.name}`}>
        {u.kind} {u.name}
      </div>
      <div className="d-line">— not simulated: kept, but no effect on traffic</div>
    </div>
  );
});
