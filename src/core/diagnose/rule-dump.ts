// The rule view's data: one node's `iptables-save -t TABLE` text exactly as kube-proxy wrote it (the
// engine's tables in the layout of its renderer, as `knp iptables` prints it), as lines, with the line of every rule by
// (chain, number) so a trace's hops (which name rules as `iptables -L CHAIN --line-numbers` counts
// them) can be highlighted in the dump.
import type { ClusterState } from '../cluster/state';
import { buildProxyTables, type ProxyTables } from '../controllers/kube-proxy';
import type { Hop, HopRule } from '../dataplane/types';

export type RuleTable = 'nat' | 'filter';

export interface RuleDump {
  node: string;
  table: RuleTable;
  /** the dump's lines (`*nat`, `:CHAIN - [0:0]`…, `-A …`…, `COMMIT`) */
  lines: string[];
  /** chain → the line of its `:CHAIN` declaration */
  chainLine: Map<string, number>;
  /** chain → the line of its first rule and how many rules it has (a chain's rules are contiguous) */
  chainRules: Map<string, { first: number; count: number }>;
}

const tableCache = new WeakMap<ClusterState, Map<string, ProxyTables>>();
const dumpCache = new WeakMap<ProxyTables, Partial<Record<RuleTable, RuleDump>>>();

function tablesFor(state: ClusterState, node: string): ProxyTables {
  let m = tableCache.get(state);
  if (!m) tableCache.set(state, (m = new Map()));
  let t = m.get(node);
  if (!t) {
    t = buildProxyTables(state, node);
    // Only the last few nodes viewed are kept per state (a 50-node cluster's tables are big).
    if (m.size >= 4) m.delete(m.keys().next().value as string);
    m.set(node, t);
  }
  return t;
}

/** The dump of `table` on `node`; null when the node does not exist. */
export function ruleDump(state: ClusterState, node: string, table: RuleTable): RuleDump | null {
  if (!state.index.nodeByName.has(node)) return null;
  const tables = tablesFor(state, node);
  let per = dumpCache.get(tables);
  if (!per) dumpCache.set(tables, (per = {}));
  const hit = per[table];
  if (hit) return hit;
  // renderIptablesSave's layout, built as lines directly (the same text without a join and a split of
  // 150,000 lines): `*table`, one `:CHAIN - [0:0]` per chain, the rules grouped by chain, COMMIT.
  const tb = tables[table];
  const lines: string[] = [`*${table}`];
  const chainLine = new Map<string, number>();
  for (const c of tb.chains) {
    chainLine.set(c, lines.length);
    lines.push(`:${c} - [0:0]`);
  }
  const chainRules = new Map<string, { first: number; count: number }>();
  for (const r of tb.rules) {
    const cr = chainRules.get(r.ref.chain);
    if (cr) cr.count++;
    else chainRules.set(r.ref.chain, { first: lines.length, count: 1 });
    lines.push(r.text);
  }
  lines.push('COMMIT');
  const dump: RuleDump = { node, table, lines, chainLine, chainRules };
  per[table] = dump;
  return dump;
}

/** The line of a hop's rule in the dump, or -1. */
export function lineOfRule(dump: RuleDump, rule: Pick<HopRule, 'table' | 'chain' | 'num'>): number {
  if (rule.table !== dump.table) return -1;
  const cr = dump.chainRules.get(rule.chain);
  return cr && rule.num >= 1 && rule.num <= cr.count ? cr.first + rule.num - 1 : -1;
}

/** The rules a hop traversed, in order (a hop without a `rules` list: its deciding rule alone). */
export function hopRules(h: Hop): HopRule[] {
  return h.rules?.length ? h.rules : h.rule ? [h.rule] : [];
}

/** "node/NAME" → NAME; null for pods, the outside world, the load balancer. */
export function hopNode(h: Hop): string | null {
  return h.at.startsWith('node/') ? h.at.slice(5) : null;
}

const isRuleHop = (h: Hop) => h.component === 'kube-proxy' && hopRules(h).length > 0 && hopNode(h) !== null;

/**
 * The kube-proxy hop the rule view centres on for playback position `cursor`: the latest one at or
 * before the cursor, else the first after it (before playback starts, the first one); -1 if none.
 */
export function focusHop(hops: readonly Hop[], cursor: number): number {
  for (let i = Math.min(cursor, hops.length - 1); i >= 0; i--) if (isRuleHop(hops[i])) return i;
  for (let i = Math.max(cursor + 1, 0); i < hops.length; i++) if (isRuleHop(hops[i])) return i;
  return -1;
}

export interface TraversedRule {
  /** 1-based position in traversal order over every hop on this node */
  step: number;
  /** index of the hop in the playback list */
  hop: number;
  rule: HopRule;
  /** line in the dump, -1 when the rule is in the other table or not found */
  line: number;
  /** belongs to the focused hop */
  current: boolean;
}

/**
 * Every rule the trace traversed on the dump's node, numbered in order across hops (a DNS lookup's
 * rules come before the connection's), each with its line in the dump.
 */
export function traversedRules(hops: readonly Hop[], focus: number, dump: RuleDump): TraversedRule[] {
  const out: TraversedRule[] = [];
  hops.forEach((h, i) => {
    if (hopNode(h) !== dump.node || h.component !== 'kube-proxy') return;
    for (const rule of hopRules(h)) out.push({ step: out.length + 1, hop: i, rule, line: lineOfRule(dump, rule), current: i === focus });
  });
  return out;
}

/** Lines containing `query` (case-insensitive), as indexes; every line when the query is blank. */
export function filterLines(lines: readonly string[], query: string): number[] {
  const q = query.trim().toLowerCase();
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (!q || lines[i].toLowerCase().includes(q)) out.push(i);
  return out;
}
