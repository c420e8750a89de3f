// The problems below the editor: every diagnostic of the current text (kubectl's wording), with
// counts, collapsible. Clicking one puts the editor's cursor on the field it names. Part of the main
// bundle, so it reaches the (lazy) editor through bridge.ts, never through Monaco.
import { memo, useState } from 'react';
import type { Diagnostic } from '../../core';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context';
import { revealInEditor } from './bridge';
import { countProblems } from './sync';
import './editor.css';

/** Rendering thousands of rows would stall the page after a huge paste; the counts stay exact. */
export const MAX_LISTED = 300;

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning' } as const;

function where(d: Diagnostic): string {
  const line = d.range?.line ?? d.line;
  const column = d.range?.column ?? d.column;
  return line ? `Ln ${line}, Col ${column ?? 1}` : '';
}

const Problem = memo(function Problem({ d }: { d: Diagnostic }) {
  const loc = where(d);
  return (
    <li className={`problem ${d.severity}`}>
      <button type="button" className="problem-button" onClick={() => revealInEditor(d)} title={loc ? `Go to ${loc}` : undefined}>
        <span className="problem-icon" aria-hidden="true">
          {d.severity === 'error' ? '✖' : '▲'}
        </span>
        <span className="visually-hidden">{SEVERITY_LABEL[d.severity]}: </span>
        <span className="problem-message">{d.message}</span>
        {loc && <span className="problem-where">{loc}</span>}
      </button>
    </li>
  );
});

export function ProblemsList() {
  const { diagnostics, omitted } = useApp(useShallow((s) => ({ diagnostics: s.derived.diagnostics, omitted: s.derived.omitted })));
  const [open, setOpen] = useState(true);
  // The worker lists at most its cap of problems; the counts include those it left out.
  const { errors, warnings } = countProblems(diagnostics, omitted);
  const unlisted = (omitted?.errors ?? 0) + (omitted?.warnings ?? 0);
  const shown = diagnostics.slice(0, MAX_LISTED);
  return (
    <section className="problems-panel" aria-label="Problems">
      <button type="button" className="problems-header" aria-expanded={open} aria-controls="problems-list" onClick={() => setOpen(!open)}>
        <span className="problems-chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="problems-title">Problems</span>
        <span className="problems-count error" title="errors">
          <span aria-hidden="true">✖</span> {errors} {errors === 1 ? 'error' : 'errors'}
        </span>
        <span className="problems-count warning" title="warnings">
          <span aria-hidden="true">▲</span> {warnings} {warnings === 1 ? 'warning' : 'warnings'}
        </span>
      </button>
      {open && (
        <ul id="problems-list" className="problems-items">
          {diagnostics.length === 0 && <li className="problem none">No problems.</li>}
          {shown.map((d, i) => (
            <Problem key={i} d={d} />
          ))}
          {diagnostics.length + unlisted > shown.length && <li className="problem more">…and {(diagnostics.length + unlisted - shown.length).toLocaleString('en-US')} more</li>}
        </ul>
      )}
    </section>
  );
}
