// The outcome line, the per-pod histogram (count > 1) and the what-if comparison with the trace from
// before the last edit.
import type { Hop, Trace } from '../../core';
import { explainOutcome } from '../../explain';
import { distributionRows, outcomeLabel, whatIf } from './model';

export function OutcomeLine({ trace }: { trace: Trace }) {
  const ok = trace.outcome === 'delivered';
  return (
    <p className={`traffic-outcome ${ok ? 'ok' : 'bad'}`} data-testid="traffic-outcome">
      <strong>
        {ok ? '✓' : '✗'} {outcomeLabel(trace.outcome)}
        {trace.http ? ` (HTTP ${trace.http.status})` : ''}
      </strong>
      : {explainOutcome(trace)}
    </p>
  );
}

export function Histogram({ trace }: { trace: Trace }) {
  const rows = distributionRows(trace);
  if (trace.connections.length <= 1 || rows.length === 0) return null;
  const total = rows.reduce((n, r) => n + r.count, 0);
  return (
    <section className="traffic-histogram" aria-label="Distribution">
      <h3>
        {trace.connections.length} connections, {total} reached a backend
      </h3>
      <ul>
        {rows.map((r) => (
          <li key={r.label}>
            <span className="hist-label mono">{r.label}</span>
            <span className="hist-bar" aria-hidden="true">
              <span style={{ width: `${r.percent}%` }} />
            </span>
            <span className="hist-value">
              {r.count} ({r.percent}%)
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function WhatIfLine({ prev, prevHops, cur, curHops, onJump }: { prev: Trace; prevHops: Hop[]; cur: Trace; curHops: Hop[]; onJump(i: number): void }) {
  const w = whatIf(prevHops, prev, curHops, cur);
  return (
    <p className="traffic-whatif" data-testid="traffic-whatif">
      Before your edit: <strong>{outcomeLabel(w.before)}</strong> → after: <strong>{outcomeLabel(w.after)}</strong>
      {w.firstDiff === null ? (
        '; same path.'
      ) : (
        <>
          ; paths part at{' '}
          <button type="button" className="linklike" onClick={() => onJump(w.firstDiff!)}>
            hop {w.firstDiff + 1}
          </button>
          {curHops[w.firstDiff] ? ` (${curHops[w.firstDiff].component} ${curHops[w.firstDiff].action} at ${curHops[w.firstDiff].at})` : ' (the new path ends earlier)'}.
        </>
      )}
    </p>
  );
}
