// The runtime-action log: what was done to the running cluster (delete a pod, cordon a node, …), in
// order, replayed by reconcile after the manifests. Each entry can be removed; a skipped action shows
// the engine's reason beside it. New actions are typed in the log's grammar and checked before adding.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ClusterState } from '../../core';
import { ACTION_GRAMMAR, formatAction, parseAction } from '../../core/controllers/runtime-actions';
import { normalizeAction, warningsByAction } from './derive';
import { useApp } from '../store/context';
import './panels.css';

/** A few ready-made actions for the input's autocomplete (bounded: big clusters have many pods). */
function suggestions(cluster: ClusterState): string[] {
  const out: string[] = [];
  for (const p of cluster.pods) {
    if (out.length >= 150) break;
    if (p.namespace !== 'kube-system') out.push(`delete pod/${p.namespace}/${p.name}`, `not-ready pod/${p.namespace}/${p.name}`);
  }
  for (const n of cluster.nodes.slice(0, 50)) out.push(`cordon node/${n.name}`, `drain node/${n.name}`);
  return out;
}

function AddAction({ cluster }: { cluster: ClusterState }) {
  const addAction = useApp((s) => s.addAction);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  const options = useMemo(() => suggestions(cluster), [cluster]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseAction(value);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    addAction(formatAction(parsed));
    setValue('');
    setError(null);
  };
  return (
    <form className="action-add" onSubmit={submit}>
      <label htmlFor={`${ids}-in`}>Add an action</label>
      <div className="action-add-row">
        <input
          id={`${ids}-in`}
          list={`${ids}-list`}
          value={value}
          placeholder="delete pod/default/NAME"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error !== null}
          aria-describedby={error ? `${ids}-help` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="btn">
          Add
        </button>
      </div>
      <datalist id={`${ids}-list`}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      {error && (
        <p id={`${ids}-help`} className="action-error" role="alert">
          {error}
        </p>
      )}
      <details className="action-help">
        <summary>Syntax</summary>
        <ul>
          {ACTION_GRAMMAR.split(', ').map((g) => (
            <li key={g}>
              <code>{g}</code>
            </li>
          ))}
        </ul>
      </details>
    </form>
  );
}

export function ActionLog() {
  const { actions, removeAction, clearActions, cluster } = useApp(
    useShallow((s) => ({ actions: s.actions, removeAction: s.removeAction, clearActions: s.clearActions, cluster: (s.derived.broken ? s.lastGood : s.derived).cluster })),
  );
  const warnings = useMemo(() => warningsByAction(cluster.diagnostics), [cluster]);
  return (
    <section className="action-log" aria-labelledby="action-log-title">
      <div className="panel-head">
        <h2 id="action-log-title">Runtime actions</h2>
        {actions.length > 0 && (
          <button type="button" className="btn btn-quiet" onClick={clearActions}>
            Clear all
          </button>
        )}
      </div>
      <p className="panel-intro">What you do to the running cluster, replayed in order after the manifests.</p>
      {actions.length === 0 ? (
        <p className="empty">No actions yet.</p>
      ) : (
        <ol className="action-list" aria-label="Runtime actions">
          {actions.map((a, i) => {
            const why = warnings.get(a) ?? warnings.get(normalizeAction(a)) ?? [];
            return (
              <li key={`${i}:${a}`} className={why.length ? 'action skipped' : 'action'}>
                <code className="action-text">{a}</code>
                <button type="button" className="btn btn-quiet" aria-label={`Remove action ${a}`} title="Remove (undo) this action" onClick={() => removeAction(i)}>
                  ✕
                </button>
                {why.map((w, j) => (
                  <p key={j} className="action-warning">
                    ⚠ {w}
                  </p>
                ))}
              </li>
            );
          })}
        </ol>
      )}
      <AddAction cluster={cluster} />
    </section>
  );
}
