// The shell page: loads a built-in example (`/?example=nodeport`) through the same core the CLI uses and
// shows what the cluster holds and what the apiserver would say. The workbench (editor + diagram)
// replaces the body of this page in a later issue.
import { useMemo, useState } from 'react';
import { loadManifests, type Diagnostic, type StoredObject } from '../core';
import { EXAMPLE_SLUGS, EXAMPLE_TITLES, exampleText, isExampleSlug, type ExampleSlug } from './examples';
import { ObjectTables } from './ObjectTables';

function initialSlug(): { slug: ExampleSlug; unknown: string | null } {
  const asked = new URLSearchParams(window.location.search).get('example');
  if (asked === null || isExampleSlug(asked)) return { slug: asked ?? 'default', unknown: null };
  return { slug: 'default', unknown: asked };
}

export function App() {
  const [{ slug, unknown }, setState] = useState(initialSlug);
  const text = exampleText(slug);
  const cluster = useMemo(() => loadManifests([{ name: `${slug}.yaml`, text }]), [slug, text]);
  const pick = (s: ExampleSlug) => {
    setState({ slug: s, unknown: null });
    window.history.replaceState(null, '', `?example=${s}`);
  };
  return (
    <div className="shell">
      <header>
        <h1>Kube Net Playground</h1>
        <label>
          Example{' '}
          <select aria-label="Example" value={slug} onChange={(e) => pick(e.target.value as ExampleSlug)}>
            {EXAMPLE_SLUGS.map((s) => (
              <option key={s} value={s}>
                {EXAMPLE_TITLES[s]}
              </option>
            ))}
          </select>
        </label>
      </header>
      {unknown !== null && (
        <p role="alert" className="notice">
          There is no example called “{unknown}”; showing the starter cluster instead.
        </p>
      )}
      <main>
        <section aria-label="Manifest">
          <h2>{slug}.yaml</h2>
          <pre className="manifest">{text}</pre>
        </section>
        <section aria-label="Cluster">
          <Problems diagnostics={cluster.diagnostics} />
          <ObjectTables objects={cluster.objects as StoredObject[]} />
        </section>
      </main>
    </div>
  );
}

function Problems({ diagnostics }: { diagnostics: Diagnostic[] }) {
  if (diagnostics.length === 0) return <p className="ok">No problems: kube-apiserver would accept every object.</p>;
  return (
    <ul aria-label="Problems" className="problems">
      {diagnostics.map((d, i) => (
        <li key={i} className={d.severity}>
          <span className="where">{d.line !== null ? `line ${d.line}:${d.column}` : ''}</span> {d.message}
        </li>
      ))}
    </ul>
  );
}
