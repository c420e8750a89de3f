// Nodes (group boxes), pods, the "+N more" box and the unscheduled area. Readiness is shown by an icon
// with its shape and a word, never by colour alone; not-ready pods also get a dashed border.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { PodStatus } from '../model';
import type { MoreBoxData, NodeBoxData, PendingAreaData, PodBoxData, PodCounts } from '../toFlow';
import { useBoxData } from '../useBox';
import { TEXT_W, badge, fitClass, mono, sans } from '../fit';

export const STATUS_TEXT: Record<PodStatus, { icon: string; text: string }> = {
  ready: { icon: '✓', text: 'Ready' },
  'not-ready': { icon: '✕', text: 'Not ready' },
  pending: { icon: '◷', text: 'Pending' },
  terminating: { icon: '⊘', text: 'Terminating' },
  succeeded: { icon: '■', text: 'Succeeded' },
  failed: { icon: '!', text: 'Failed' },
};

const ORDER: PodStatus[] = ['ready', 'not-ready', 'pending', 'terminating', 'succeeded', 'failed'];

/** "3 ready · 1 not ready" */
export function countsText(c: PodCounts): string {
  const parts = ORDER.filter((s) => c[s] > 0).map((s) => `${c[s]} ${STATUS_TEXT[s].text.toLowerCase()}`);
  return parts.length ? parts.join(' · ') : 'no pods';
}

const total = (c: PodCounts) => ORDER.reduce((n, s) => n + c[s], 0);

function Counts({ counts }: { counts: PodCounts }) {
  return (
    <ul className="d-counts">
      {ORDER.filter((s) => counts[s] > 0).map((s) => (
        <li key={s} className={`status-${s}`}>
          <span aria-hidden="true" className="d-icon">
            {STATUS_TEXT[s].icon}
          </span>{' '}
          {counts[s]} {STATUS_TEXT[s].text.toLowerCase()}
        </li>
      ))}
    </ul>
  );
}

/** Middle ellipsis: a controller's pods differ only at the end of their names, so keep both ends. */
export function shortName(name: string, max = 20): string {
  if (name.length <= max) return name;
  const tail = Math.ceil((max - 1) / 2);
  return `${name.slice(0, max - 1 - tail)}…${name.slice(-tail)}`;
}

const hiddenHandle = { isConnectable: false, className: 'd-handle' } as const;

export const NodeBox = memo(function NodeBox({ id, data: given, selected }: NodeProps<Node<NodeBoxData, 'k8sNode'>>) {
  const data = useBoxData(id, given);
  const n = data.node;
  const n_pods = total(data.counts);
  if (data.compact) {
    // Zoomed far out (a box is a few pixels): the name and the counts, in as few elements as possible.
    return (
      <div className={`d-group d-node is-compact${n.unschedulable ? ' is-cordoned' : ''}${n.ready ? '' : ' is-notready'}${selected ? ' is-selected' : ''}${data.hasSelection ? ' has-selection' : ''}`} data-testid="diagram-node">
        <Handle type="target" position={Position.Left} id="in" {...hiddenHandle} />
        {/* text wraps here, inside the box's clip: the lines need none of their own (fit.ts) */}
        <div className="d-title d-fit">{n.name}</div>
        <div className="d-line d-fit">
          {n_pods} pod{n_pods === 1 ? '' : 's'}: {countsText(data.counts)}
          {n.unschedulable ? ' · cordoned' : ''}
          {n.ready ? '' : ' · NotReady'}
        </div>
      </div>
    );
  }
  const W = TEXT_W.node;
  const addresses = `InternalIP ${n.internalIP} · pod CIDR ${n.podCIDR}`;
  const taints = n.taints.length ? `taints: ${n.taints.join(', ')}` : 'no taints';
  const podLine = `${n_pods} pod${n_pods === 1 ? '' : 's'}: ${countsText(data.counts)}`;
  const titleRuns = [sans('⬢ '), sans(n.name, true), sans(' '), badge(n.role)];
  if (n.unschedulable) titleRuns.push(badge('⛔ cordoned · SchedulingDisabled'));
  if (!n.ready) titleRuns.push(badge('NotReady'));
  // fit.ts: lines that fit paint without a clip; the box keeps its clip only around the pod summary
  return (
    <div className={`d-group d-node${data.summary ? '' : ' d-unclipped'}${n.unschedulable ? ' is-cordoned' : ''}${n.ready ? '' : ' is-notready'}${selected ? ' is-selected' : ''}${data.hasSelection ? ' has-selection' : ''}`} data-testid="diagram-node">
      <Handle type="target" position={Position.Left} id="in" {...hiddenHandle} />
      <div className={`d-title${fitClass(W, ...titleRuns)}`}>
        <span aria-hidden="true" className="d-icon">
          ⬢
        </span>{' '}
        <span className="d-name">{n.name}</span> <span className="d-badge">{n.role}</span>
        {n.unschedulable && <span className="d-badge d-warn">⛔ cordoned · SchedulingDisabled</span>}
        {!n.ready && <span className="d-badge d-warn">NotReady</span>}
      </div>
      <div className={`d-line mono${fitClass(W, mono(addresses))}`}>{addresses}</div>
      <div className={`d-line d-muted${fitClass(W, sans(taints))}`} title={n.taints.join('\n')}>
        {taints}
      </div>
      <div className={`d-line d-muted${fitClass(W, sans(podLine))}`}>{podLine}</div>
      {data.summary && (
        <div className="d-summary">
          <Counts counts={data.counts} />
          <p className="d-muted">Zoom in to see the pods.</p>
        </div>
      )}
    </div>
  );
});

export const PodBox = memo(function PodBox({ id, data: given, selected }: NodeProps<Node<PodBoxData, 'pod'>>) {
  const data = useBoxData(id, given);
  const p = data.pod;
  const st = STATUS_TEXT[p.status];
  const labels = p.labels.map(([k, v]) => `${k}=${v}`).join(' ');
  const W = TEXT_W.pod;
  const ns = p.namespace !== 'default' ? `${p.namespace}/` : '';
  const name = shortName(p.name);
  const ip = p.ip ?? 'no IP yet';
  const status = `${st.icon} ${st.text}${p.reason ? `: ${p.reason}` : ''}${!p.owner && p.status !== 'pending' ? ' · bare pod' : ''}`;
  // fit.ts: lines that fit paint without a clip, the others clip themselves, so the box needs no clip
  return (
    <div className={`d-box d-pod d-unclipped status-${p.status}${p.system ? ' is-system' : ''}${selected ? ' is-selected' : ''}`} title={`${p.namespace}/${p.name}${p.reason ? `\n${p.reason}` : ''}`} data-node={p.nodeName ?? ''}>
      <Handle type="target" position={Position.Left} id="in" {...hiddenHandle} />
      <div className={`d-title${fitClass(W, sans(ns), sans(name, true))}`}>
        {ns && <span className="d-muted">{ns}</span>}
        <span className="d-name">{name}</span>
      </div>
      <div className={`d-line mono${fitClass(W, mono(ip))}`}>{ip}</div>
      <div className={`d-line d-labels${fitClass(W, { text: labels || 'no labels', px: 11 })}`} title={labels}>
        {labels || <span className="d-muted">no labels</span>}
      </div>
      <div className={`d-line d-podstatus${fitClass(W, sans(status))}`}>
        <span aria-hidden="true" className="d-icon">
          {st.icon}
        </span>{' '}
        {st.text}
        {p.reason && <span className="d-muted">: {p.reason}</span>}
        {!p.owner && p.status !== 'pending' && <span className="d-muted"> · bare pod</span>}
      </div>
    </div>
  );
});

export const MoreBox = memo(function MoreBox({ id, data: given }: NodeProps<Node<MoreBoxData, 'more'>>) {
  const data = useBoxData(id, given);
  return (
    <div className="d-box d-more">
      <Handle type="target" position={Position.Left} id="in" {...hiddenHandle} />
      <div className="d-title">+{data.count} more pods</div>
      <div className="d-line d-muted">{countsText(data.counts)}</div>
    </div>
  );
});

export const PendingArea = memo(function PendingArea({ id, data: given }: NodeProps<Node<PendingAreaData, 'pending'>>) {
  const data = useBoxData(id, given);
  return (
    <div className={`d-group d-pending${data.hasSelection ? ' has-selection' : ''}`}>
      <Handle type="target" position={Position.Left} id="in" {...hiddenHandle} />
      <div className="d-title">
        <span aria-hidden="true" className="d-icon">
          ◷
        </span>{' '}
        Unscheduled (Pending)
      </div>
      <div className="d-line d-muted">No node fits these pods yet; drop one on a node to place it.</div>
      {data.summary && <Counts counts={data.counts} />}
    </div>
  );
});
