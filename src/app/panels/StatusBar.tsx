// The bottom line: what the cluster holds, how many problems the manifests have (buttons that take you
// to the problems list), the seed, and whether the YAML is broken (views then show the last valid state).
import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { clusterCounts, problemCounts } from './derive';
import { useApp } from '../store/context';
import './panels.css';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The problems list is the editor helper's (a section labelled "Problems", rows `li.problem.error`). */
function focusProblems(severity: 'error' | 'warning', retry = true): void {
  const list = document.querySelector<HTMLElement>('#problems, [aria-label="Problems"]');
  if (!list) return;
  const first = list.querySelector<HTMLElement>(`.problem.${severity} button`);
  const header = list.querySelector<HTMLElement>('[aria-expanded="false"]');
  if (!first && header && retry) {
    header.click(); // the list is collapsed: open it, then look again once React has rendered it
    requestAnimationFrame(() => focusProblems(severity, false));
    return;
  }
  const target = first ?? list;
  if (!first && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.scrollIntoView({ block: 'nearest' });
  target.focus();
}

export function StatusBar() {
  const { cluster, diagnostics, omitted, broken, seed } = useApp(
    useShallow((s) => ({ cluster: (s.derived.broken ? s.lastGood : s.derived).cluster, diagnostics: s.derived.diagnostics, omitted: s.derived.omitted, broken: s.derived.broken, seed: s.seed })),
  );
  // Counting walks every object (~1 ms at 1,000 objects): done in the render after a keystroke's frame.
  const counted = useDeferredValue(cluster);
  const counts = useMemo(() => clusterCounts(counted), [counted]);
  const problems = useMemo(() => problemCounts(diagnostics, omitted), [diagnostics, omitted]);
  return (
    <footer className="status-bar" aria-label="Status">
      <span className="status-counts" data-testid="status-counts">
        {plural(counts.nodes, 'node')} · {plural(counts.pods, 'pod')} · {plural(counts.services, 'Service')} · {plural(counts.ingresses, 'Ingress', 'Ingresses')}
      </span>
      <span className="status-problems">
        {problems.errors + problems.warnings === 0 ? (
          <span className="status-ok">No problems</span>
        ) : (
          <>
            {problems.errors > 0 && (
              <button type="button" className="status-btn status-error" onClick={() => focusProblems('error')}>
                {plural(problems.errors, 'error')}
              </button>
            )}
            {problems.warnings > 0 && (
              <button type="button" className="status-btn status-warning" onClick={() => focusProblems('warning')}>
                {plural(problems.warnings, 'warning')}
              </button>
            )}
          </>
        )}
      </span>
      {broken && <span className="status-broken">YAML has errors: showing last valid state</span>}
      <span className="status-seed" title="Same manifests, actions and seed give the same IPs, names and traces">
        seed {seed}
      </span>
    </footer>
  );
}
