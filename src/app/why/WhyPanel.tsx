// The "Why" tab: why a Service has no ready endpoints. Its selector against the pods' labels, the
// causes and near-misses the core's analysis found, and a one-click fix for each fixable one (a minimal
// text edit of the manifests, one undoable step; or dropping the runtime action that caused it).
import { useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ObjectKey } from '../../core';
import { analyzeNoEndpoints, applyFix, servicesWithoutReadyEndpoints, type Finding, type Fix } from '../../core';
import { useApp, useAppStore } from '../store/context';
import { useVisible } from '../rules/useVisible';
import { SelectorTable } from './SelectorTable';
import './why.css';

const KIND_LABEL: Record<Finding['kind'], string> = { cause: 'Cause', 'near-miss': 'Near-miss', note: 'Note' };

export function WhyPanel() {
  const s = useApp(
    useShallow((st) => ({
      cluster: (st.derived.broken ? st.lastGood : st.derived).cluster,
      dimmed: st.derived.broken,
      selection: st.selection,
      actions: st.actions,
      select: st.select,
      setManifestText: st.setManifestText,
      removeAction: st.removeAction,
    })),
  );
  const { cluster, selection } = s;
  const store = useAppStore();
  const root = useRef<HTMLElement>(null);
  const visible = useVisible(root);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const broken = useMemo(() => (visible ? servicesWithoutReadyEndpoints(cluster) : []), [visible, cluster]);
  const brokenSet = useMemo(() => new Set<string>(broken), [broken]);
  const selected = selection && selection.startsWith('Service/') && cluster.index.serviceByKey.has(selection) ? selection : null;
  const key: ObjectKey | null = selected ?? broken[0] ?? null;
  const report = useMemo(() => (visible && key ? analyzeNoEndpoints(cluster, key, { actions: s.actions }) : null), [visible, cluster, key, s.actions]);

  const apply = (fix: Fix) => {
    if (!report) return;
    if (fix.kind === 'remove-actions') {
      const now = store.getState().actions;
      if (fix.actions.some((a) => now[a.index] !== a.action)) return setStatus({ ok: false, text: 'The action log changed; nothing was removed.' });
      // Highest index first, so the lower ones still point at the same actions.
      for (const a of [...fix.actions].sort((x, y) => y.index - x.index)) s.removeAction(a.index);
    } else {
      // Read the text at click time: the fix is computed against exactly what is in the editor now.
      const r = applyFix(store.getState().text, fix);
      if ('error' in r) return setStatus({ ok: false, text: `Cannot apply the fix: ${r.error}.` });
      s.setManifestText(r.text, 'diagram');
    }
    s.select(report.service, 'list');
    setStatus({ ok: true, text: `Applied: ${fix.label}.` });
  };

  const services = cluster.services;
  // The hidden tab does not build a 10,000-option list on every edit.
  const others = useMemo(
    () =>
      visible
        ? services
            .filter((v) => !brokenSet.has(v.key))
            .map((v) => (
              <option key={v.key} value={v.key}>
                {v.namespace}/{v.name}
              </option>
            ))
        : null,
    [visible, services, brokenSet],
  );
  return (
    <section ref={root} className={`why-panel${s.dimmed ? ' is-dimmed' : ''}`} aria-label="Why no endpoints">
      <div className="why-controls">
        <label>
          Service{' '}
          <select
            value={key ?? ''}
            onChange={(e) => {
              setStatus(null);
              s.select(e.target.value as ObjectKey, 'list');
            }}
          >
            {key === null ? <option value="">(choose a Service)</option> : null}
            {broken.length ? (
              <optgroup label="No ready endpoints">
                {broken.map((k) => (
                  <option key={k} value={k}>
                    ⚠ {k.slice('Service/'.length)}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label="Other Services">{others}</optgroup>
          </select>
        </label>
        <span className="muted">{broken.length === 0 ? 'Every Service has ready endpoints.' : `${broken.length} Service${broken.length === 1 ? '' : 's'} without ready endpoints`}</span>
      </div>
      <p className="why-status" role="status">
        {status ? <span className={status.ok ? 'why-ok' : 'why-bad'}>{status.text}</span> : null}
      </p>
      {report ? (
        <>
          <h3 className="why-title">
            Service {report.namespace}/{report.name} <span className="muted">({report.headless ? 'headless ' : ''}{report.type})</span>
          </h3>
          <p className={`why-verdict ${report.ready ? 'is-ok' : report.type === 'ExternalName' ? 'is-note' : 'is-bad'}`} data-testid="why-verdict">
            <span aria-hidden="true">{report.ready ? '✓ ' : report.type === 'ExternalName' ? 'ℹ ' : '⚠ '}</span>
            {report.ready ? 'Has ready endpoints' : report.type === 'ExternalName' ? 'No endpoints (by design)' : 'No ready endpoints'}
            {report.ports.length ? (
              <span className="why-ports">
                {report.ports.map((p) => (
                  <span key={p.index} className="mono">
                    {p.name ? `${p.name}: ` : ''}
                    {p.port}→{String(p.targetPort)}/{p.protocol} {p.ready}/{p.total} ready
                  </span>
                ))}
              </span>
            ) : null}
          </p>
          {report.selector ? <SelectorTable cluster={cluster} report={report} /> : null}
          <ul className="why-findings" aria-label="Findings">
            {report.findings.map((f, i) => (
              <li key={`${f.code}-${i}`} className={`why-finding kind-${f.kind}`}>
                <span className="why-kind">{KIND_LABEL[f.kind]}</span> <span className="why-message">{f.message}</span>
                {f.fixes.length ? (
                  <span className="why-fixes">
                    {f.fixes.map((fix, j) => (
                      <button key={j} type="button" className="btn why-fix" onClick={() => apply(fix)}>
                        {fix.label}
                      </button>
                    ))}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{services.length ? 'Choose a Service.' : 'There are no Services yet.'}</p>
      )}
    </section>
  );
}
