// The cursor's hop in detail: the packet before and after (rewritten fields marked with text and a
// symbol, not colour alone), where it happened, the deciding iptables rule, probability, conntrack.
import { forwardRef } from 'react';
import type { Hop } from '../../core';
import { explainHop } from '../../explain';
import { changedFields, splitEndpoint, type PacketField } from './model';

function Field({ name, value, changed }: { name: string; value: string; changed: boolean }) {
  return (
    <span className={changed ? 'pkt-field changed' : 'pkt-field'}>
      <span className="pkt-name">{name}</span> <span className="mono">{value}</span>
      {changed ? <strong className="pkt-changed"> (changed)</strong> : null}
    </span>
  );
}

function Packet({ label, p, changed }: { label: string; p: Hop['before']; changed: Set<PacketField> }) {
  const s = splitEndpoint(p.src), d = splitEndpoint(p.dst);
  return (
    <div className="pkt" aria-label={label} role="group">
      <div className="pkt-label">{label}</div>
      <Field name="src" value={s.port === null ? s.ip : `${s.ip}:${s.port}`} changed={changed.has('srcIP') || changed.has('srcPort')} />
      <Field name="dst" value={d.port === null ? d.ip : `${d.ip}:${d.port}`} changed={changed.has('dstIP') || changed.has('dstPort')} />
      <Field name="proto" value={p.proto} changed={changed.has('proto')} />
    </div>
  );
}

export const Inspector = forwardRef<HTMLElement, { hop: Hop | null; index: number }>(function Inspector({ hop, index }, ref) {
  if (!hop) {
    return (
      <section ref={ref} tabIndex={-1} className="traffic-inspector" aria-label="Hop inspector">
        <p className="muted">Select a hop to inspect it, or press play.</p>
      </section>
    );
  }
  const changed = changedFields(hop);
  const none = new Set<PacketField>();
  return (
    <section ref={ref} tabIndex={-1} className="traffic-inspector" aria-label="Hop inspector">
      <h3>
        Hop {index + 1}: {hop.component} {hop.action}
      </h3>
      <p className="traffic-sentence">{explainHop(hop)}</p>
      <dl className="traffic-facts">
        <dt>Where</dt>
        <dd className="mono">{hop.at}</dd>
        <dt>Time</dt>
        <dd>{hop.time.toFixed(2)} ms</dd>
        {hop.rule ? (
          <>
            <dt>Rule</dt>
            <dd>
              {hop.rule.table} {hop.rule.chain} rule {hop.rule.num}
              {hop.rule.text ? <code className="traffic-rule">{hop.rule.text}</code> : null}
            </dd>
          </>
        ) : null}
        {hop.probability !== null ? (
          <>
            <dt>Probability</dt>
            <dd>{hop.probability}</dd>
          </>
        ) : null}
        {hop.conntrack ? (
          <>
            <dt>Conntrack</dt>
            <dd>
              <code className="traffic-rule">{hop.conntrack}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <div className="pkt-pair">
        <Packet label="Before" p={hop.before} changed={none} />
        <span aria-hidden="true" className="pkt-arrow">
          →
        </span>
        <Packet label="After" p={hop.after} changed={changed} />
      </div>
      {hop.rules && hop.rules.length > 1 ? (
        <details className="traffic-rules">
          <summary>Rules traversed ({hop.rules.length})</summary>
          <ol>
            {hop.rules.map((r, i) => (
              <li key={i}>
                <code className="traffic-rule">{r.text ?? `${r.chain} rule ${r.num}`}</code>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
});
