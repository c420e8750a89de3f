// The Service's selector against the labels of the pods in its namespace: one column per selector
// pair, one row per pod (selected pods first, then near-misses), each cell marked match or mismatch
// with a symbol and a word, not colour alone.
import type { ClusterState, PodState } from '../../core';
import { matchesSelector, type NoEndpointsReport, type ReasonCode } from '../../core';

const MAX_ROWS = 8;

const PROBLEM_TEXT: Partial<Record<ReasonCode, string>> = {
  'pod-terminal': 'finished',
  'pod-unscheduled': 'Pending',
  'pod-no-ip': 'no IP',
  'pod-terminating': 'terminating',
  'pod-not-ready': 'not ready',
  'named-port-missing': 'no such port',
  'port-protocol-mismatch': 'port protocol',
};

/** What the pod gives the Service: a ready endpoint, a problem, or nothing (not selected). */
function endpointState(report: NoEndpointsReport, p: PodState): { text: string; cls: string } {
  const row = report.selected.find((r) => r.key === p.key);
  if (!row) return { text: 'not selected', cls: 'none' };
  return row.problem ? { text: PROBLEM_TEXT[row.problem] ?? row.problem, cls: 'bad' } : { text: 'ready', cls: 'ok' };
}

function rowsFor(cluster: ClusterState, report: NoEndpointsReport): { pods: PodState[]; total: number } {
  const inNs = cluster.pods.filter((p) => p.namespace === report.namespace);
  const near = new Set<string>(report.findings.filter((f) => f.kind === 'near-miss').flatMap((f) => f.pods));
  const sel = report.selector ?? {};
  const rank = (p: PodState) => (matchesSelector(sel, p.labels) ? 0 : near.has(p.key) ? 1 : 2);
  // Pods with none of the selector's keys say little; they are counted, not listed.
  const relevant = inNs.filter((p) => rank(p) < 2 || Object.keys(sel).some((k) => k in p.labels));
  relevant.sort((a, b) => rank(a) - rank(b));
  return { pods: relevant.slice(0, MAX_ROWS), total: inNs.length };
}

function EndpointCell({ report, pod }: { report: NoEndpointsReport; pod: PodState }) {
  const e = endpointState(report, pod);
  return <td className={`why-ep ${e.cls}`}>{e.text}</td>;
}

export function SelectorTable({ cluster, report }: { cluster: ClusterState; report: NoEndpointsReport }) {
  const sel = report.selector ?? {};
  const keys = Object.keys(sel).sort();
  const { pods, total } = rowsFor(cluster, report);
  return (
    <div className="why-selector">
      <table className="why-table">
        <caption>
          Selector <code>{keys.map((k) => `${k}=${sel[k]}`).join(',')}</code> against the pods in namespace {report.namespace}
        </caption>
        <thead>
          <tr>
            <th scope="col">Pod</th>
            <th scope="col">Endpoint</th>
            {keys.map((k) => (
              <th key={k} scope="col" className="mono">
                {k}={sel[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pods.map((p) => (
            <tr key={p.key} className={matchesSelector(sel, p.labels) ? 'is-match' : undefined}>
              <th scope="row" className="mono" title={p.key}>
                {p.name}
              </th>
              <EndpointCell report={report} pod={p} />
              {keys.map((k) => {
                const has = Object.prototype.hasOwnProperty.call(p.labels, k);
                const ok = p.labels[k] === sel[k];
                return (
                  <td key={k} className={ok ? 'why-cell ok' : 'why-cell bad'}>
                    <span aria-hidden="true">{ok ? '✓' : '✗'}</span> <span className="mono">{has ? p.labels[k] : '(none)'}</span>
                    <span className="visually-hidden">{ok ? ' matches' : ' does not match'}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {pods.length === 0 ? <p className="muted why-small">No pod in namespace {report.namespace} has any of these label keys.</p> : null}
      {total > pods.length ? (
        <p className="muted why-small">
          {total - pods.length} more pod{total - pods.length === 1 ? '' : 's'} in {report.namespace} not listed.
        </p>
      ) : null}
    </div>
  );
}
