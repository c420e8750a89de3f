// The "Rules" tab: a node's `iptables-save -t nat|filter` exactly as kube-proxy wrote it. While a trace
// is watched, the node is the one of the current hop's kube-proxy decision and the rules the packet
// traversed there are highlighted and numbered in order. Derived from the store's cluster and trace,
// so it follows every edit; built only while the tab is on screen.
import { useCallback, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ClusterState, ObjectKey } from '../../core';
import { filterLines, focusHop, hopNode, ruleDump, traversedRules, type RuleTable, type TraversedRule } from '../../core';
import { playbackHops } from '../store';
import { useApp } from '../store/context';
import { RuleLines, type LineMark, type ScrollRequest } from './RuleLines';
import { useVisible } from './useVisible';
import './rules.css';

/** The node a selection points at: a Node itself, or the node a Pod runs on. */
function selectedNode(cluster: ClusterState, sel: ObjectKey | null): string | null {
  if (!sel) return null;
  const [kind, , name] = sel.split('/');
  if (kind === 'Node') return cluster.index.nodeByName.has(name) ? name : null;
  if (kind === 'Pod') return cluster.index.podByKey.get(sel)?.nodeName ?? null;
  return null;
}

export function RuleView() {
  const { cluster, dimmed, selection, traffic, cursor, setCursor, setPlaying } = useApp(
    useShallow((s) => ({
      cluster: (s.derived.broken ? s.lastGood : s.derived).cluster,
      dimmed: s.derived.broken,
      selection: s.selection,
      traffic: s.traffic,
      cursor: s.cursor,
      setCursor: s.setCursor,
      setPlaying: s.setPlaying,
    })),
  );
  const root = useRef<HTMLElement>(null);
  const visible = useVisible(root);
  const hops = useMemo(() => playbackHops(traffic), [traffic]);
  const focus = useMemo(() => focusHop(hops, cursor), [hops, cursor]);
  const traceNode = focus >= 0 ? hopNode(hops[focus]) : null;
  const fallback = selectedNode(cluster, selection) ?? cluster.nodes[0]?.name ?? '';
  const defaultNode = traceNode && cluster.index.nodeByName.has(traceNode) ? traceNode : fallback;

  // A node picked by hand holds until what the view would default to changes (a new hop, a new selection).
  const [picked, setPicked] = useState<{ node: string; for: string } | null>(null);
  const node = picked && picked.for === defaultNode && cluster.index.nodeByName.has(picked.node) ? picked.node : defaultNode;
  const [table, setTable] = useState<RuleTable>('nat');
  const [query, setQuery] = useState('');
  const [jump, setJump] = useState<ScrollRequest | null>(null);

  const dump = useMemo(() => (visible && node ? ruleDump(cluster, node, table) : null), [visible, cluster, node, table]);
  const traversed = useMemo<TraversedRule[]>(() => {
    if (!dump) return [];
    // A rule whose recorded text differs from the dump's line (a trace from an older state) is not marked.
    return traversedRules(hops, focus, dump).map((r) => (r.line >= 0 && r.rule.text !== null && dump.lines[r.line] !== r.rule.text ? { ...r, line: -1 } : r));
  }, [dump, hops, focus]);
  const marks = useMemo(() => {
    const m = new Map<number, LineMark>();
    for (const r of traversed) {
      if (r.line < 0) continue;
      const cur = m.get(r.line);
      if (cur) {
        cur.steps.push(r.step);
        cur.current ||= r.current;
      } else m.set(r.line, { steps: [r.step], current: r.current });
    }
    return m;
  }, [traversed]);
  const rows = useMemo(() => (dump ? filterLines(dump.lines, query) : []), [dump, query]);

  // Scroll to the first highlighted rule of the watched hop whenever that hop (or the dump) changes.
  const autoLine = traversed.find((r) => r.current && r.line >= 0)?.line ?? traversed.find((r) => r.line >= 0)?.line ?? -1;
  const autoKey = `${dump ? `${dump.node}/${dump.table}` : ''}|${focus}|${autoLine}|${query}`;
  const [seenAuto, setSeenAuto] = useState('');
  if (autoKey !== seenAuto) {
    setSeenAuto(autoKey);
    if (autoLine >= 0) setJump({ line: autoLine, n: (jump?.n ?? 0) + 1 });
  }

  const pick = useCallback((line: number) => setJump((j) => ({ line, n: (j?.n ?? 0) + 1 })), []);
  const goTo = (r: TraversedRule) => {
    if (r.line < 0) return;
    if (query && !dump?.lines[r.line].toLowerCase().includes(query.trim().toLowerCase())) setQuery('');
    setJump({ line: r.line, n: (jump?.n ?? 0) + 1 });
  };

  const otherTable = traversed.filter((r) => r.line < 0 && r.rule.table !== table).length;
  const onThisNode = traversed.filter((r) => r.line >= 0);
  const label = `iptables-save -t ${table} on ${node}`;

  return (
    <section ref={root} className={`rules-panel${dimmed ? ' is-dimmed' : ''}`} aria-label="Rules">
      <div className="rules-controls">
        <label>
          Node{' '}
          <select value={node} onChange={(e) => setPicked({ node: e.target.value, for: defaultNode })}>
            {cluster.nodes.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <div role="group" aria-label="Table" className="rules-tables">
          {(['nat', 'filter'] as const).map((t) => (
            <button key={t} type="button" className="btn" aria-pressed={table === t} onClick={() => setTable(t)}>
              {t}
            </button>
          ))}
        </div>
        <input type="search" className="rules-search" placeholder="Filter lines…" aria-label="Filter lines" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <p className="rules-context">
        <code>{label}</code> · {dump ? (query ? `${rows.length} of ${dump.lines.length} lines` : `${dump.lines.length} lines`) : '…'}
        {dimmed ? ' · showing the last valid manifests' : ''}
      </p>
      {traceNode && traceNode !== node ? (
        <p className="rules-note">
          The watched packet's kube-proxy decision is on {traceNode}.{' '}
          <button type="button" className="linklike" onClick={() => setPicked(null)}>
            Show {traceNode}
          </button>
        </p>
      ) : null}
      {otherTable > 0 ? (
        <p className="rules-note">
          {otherTable} traversed rule{otherTable === 1 ? ' is' : 's are'} in the {table === 'nat' ? 'filter' : 'nat'} table.{' '}
          <button type="button" className="linklike" onClick={() => setTable(table === 'nat' ? 'filter' : 'nat')}>
            Show it
          </button>
        </p>
      ) : null}
      {onThisNode.length ? (
        <ol className="rules-traversed" aria-label="Rules traversed">
          {onThisNode.map((r) => (
            <li key={r.step} className={r.current ? 'is-current' : undefined}>
              <button type="button" className="rules-step" onClick={() => goTo(r)} title={dump?.lines[r.line]}>
                <span className="rules-step-n">{r.step}</span> {r.rule.chain} <span className="muted">#{r.rule.num}</span>
              </button>
              {!r.current ? (
                <button
                  type="button"
                  className="linklike rules-hop"
                  onClick={() => {
                    setPlaying(false);
                    setCursor(r.hop);
                  }}
                >
                  hop {r.hop + 1}
                </button>
              ) : (
                <span className="muted rules-hop">hop {r.hop + 1}</span>
              )}
            </li>
          ))}
        </ol>
      ) : traffic ? (
        <p className="rules-note muted">The watched packet traversed no kube-proxy rule on {node}.</p>
      ) : (
        <p className="rules-note muted">Send a request (Traffic tab) to see the rules its packets traverse highlighted here.</p>
      )}
      {dump ? <RuleLines lines={dump.lines} rows={rows} marks={marks} scrollTo={jump} label={label} onPick={pick} /> : <div className="rl-box" />}
      {dump && jump && dump.lines[jump.line] !== undefined ? (
        <p className="rules-full" aria-live="polite">
          <span className="muted">
            Line {jump.line + 1}
            {marks.get(jump.line) ? `, step ${marks.get(jump.line)!.steps.join(', ')}` : ''}:
          </span>{' '}
          <code>{dump.lines[jump.line]}</code>
        </p>
      ) : null}
    </section>
  );
}
