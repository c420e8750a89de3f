// The "Table" side tab: nodes, pods, Services and endpoints as accessible HTML tables (caption, column
// and row headers, sortable columns with aria-sort). Each row's name is a button that selects the
// object (store.select(key, 'list')), so the editor and the diagram follow; Up/Down move between rows.
import './table.css';
import { memo, useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ObjectKey } from '../../core';
import { useApp } from '../store/context';
import { filterRows, nextSort, sortRows, topologyTables, type Row, type Sort, type TableData } from './rows';

/** Rows drawn per table before "Show more": a 5,000-pod cluster stays quick to open. */
export const PAGE = 200;

function moveFocus(e: KeyboardEvent<HTMLTableSectionElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.t-row')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  const j = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : buttons.length - 1;
  const target = buttons[Math.max(0, Math.min(buttons.length - 1, j))];
  e.preventDefault();
  target?.focus();
}

const TopologyTableSection = memo(function TopologyTableSection({ table, query, selection, onSelect }: { table: TableData; query: string; selection: ObjectKey | null; onSelect(k: ObjectKey): void }) {
  const [sort, setSort] = useState<Sort | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const rows = useMemo(() => sortRows(filterRows(table.rows, query), sort), [table.rows, query, sort]);
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const ids = useId();
  const caption = `${table.title} (${rows.length === table.rows.length ? rows.length : `${rows.length} of ${table.rows.length}`})`;
  return (
    <section className="t-section" aria-labelledby={`${ids}-cap`}>
      <table className="t-table" data-table={table.id}>
        <caption id={`${ids}-cap`}>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={c} scope="col" aria-sort={sort?.col === i ? sort.dir : undefined}>
                <button type="button" className="t-sort" onClick={() => setSort(nextSort(sort, i))}>
                  {c}
                  <span aria-hidden="true" className="t-sort-mark">
                    {sort?.col === i ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={moveFocus}>
          {shown.length === 0 ? (
            <tr>
              <td colSpan={table.columns.length} className="muted">
                {table.rows.length ? 'No row matches the filter.' : `No ${table.title.toLowerCase()}.`}
              </td>
            </tr>
          ) : (
            shown.map((r: Row) => {
              const selected = selection === r.select;
              return (
                <tr key={r.id} className={selected ? 'is-selected' : undefined} data-key={r.select}>
                  <th scope="row">
                    {selected ? (
                      <span aria-hidden="true" className="t-mark">
                        ▶{' '}
                      </span>
                    ) : null}
                    <button type="button" className={table.mono.includes(0) ? 't-row mono' : 't-row'} aria-current={selected ? 'true' : undefined} onClick={() => onSelect(r.select)}>
                      {r.cells[0]}
                    </button>
                  </th>
                  {r.cells.slice(1).map((c, i) => (
                    <td key={i} className={table.mono.includes(i + 1) ? 'mono' : undefined}>
                      {c}
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
      {rows.length > limit ? (
        <button type="button" className="btn t-more" onClick={() => setLimit(limit + PAGE * 5)}>
          Show {Math.min(PAGE * 5, rows.length - limit)} more of {rows.length - limit} hidden
        </button>
      ) : null}
    </section>
  );
});

export function TopologyTable() {
  const { cluster, broken, selection, source, select } = useApp(
    useShallow((s) => ({ cluster: (s.derived.broken ? s.lastGood : s.derived).cluster, broken: s.derived.broken, selection: s.selection, source: s.selectionSource, select: s.select })),
  );
  const panel = useRef<HTMLElement>(null);
  // Something selected on the diagram or in the editor: bring its first row into view.
  useEffect(() => {
    if (!selection || source === 'list') return;
    panel.current?.querySelector(`tr[data-key="${CSS.escape(selection)}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [selection, source]);
  const [system, setSystem] = useState(false);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const tables = useMemo(() => topologyTables(cluster, { system }), [cluster, system]);
  const ids = useId();
  const onSelect = useCallback((k: ObjectKey) => select(k, 'list'), [select]);
  return (
    <section ref={panel} className="t-panel" aria-label="Topology table">
      <div className="t-controls">
        <label htmlFor={`${ids}-filter`}>Filter</label>
        <input id={`${ids}-filter`} type="search" value={query} placeholder="name, IP, node…" spellCheck={false} onChange={(e) => setQuery(e.target.value)} />
        <label className="t-check">
          <input type="checkbox" checked={system} onChange={(e) => setSystem(e.target.checked)} /> Add-ons
        </label>
      </div>
      {broken ? (
        <p className="t-note" role="note">
          The YAML has a syntax error: these tables show the last valid state.
        </p>
      ) : null}
      {tables.map((t) => (
        <TopologyTableSection key={t.id} table={t} query={deferredQuery} selection={selection} onSelect={onSelect} />
      ))}
    </section>
  );
}
