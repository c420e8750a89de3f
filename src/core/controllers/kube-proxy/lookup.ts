// Models one rule of kube-proxy's tables by reference, as `iptables -t nat -L CHAIN NUM` shows it (pkg/proxy/iptables/proxier.go layout). Leaves out: nothing beyond rules.ts.
// The text of a RuleRef exactly as buildProxyTables would hold it, without building the whole table: the
// fixed chains are recomputed, the interleaved chains (KUBE-SERVICES, KUBE-NODEPORTS, …) are searched by
// their per-port prefix sums, and per-Service chains come from the ports decide() built (or, for a chain
// never traced, an index of every port's chain names built once per state).
import type { ClusterState } from '../../cluster/state';
import { chainOwner, nodeCache, spRules, type NodeCache } from './node-cache';
import { filterFixedRules, natFixedRules, nodePortsJumpRule } from './rules';
import { chainNames, resolveOptions, stateIndex, type StateIndex } from './service-info';
import { topOffset } from './offsets';
import { ruleText as textOf, type RuleSpec } from './rule-spec';
import type { ProxyOptions, RuleRef } from './types';

/** The TOP chain index (service-info.ts TOP) of a filter chain. */
const FILTER_TOP: Record<string, number> = { 'KUBE-SERVICES': 2, 'KUBE-EXTERNAL-SERVICES': 3, 'KUBE-PROXY-FIREWALL': 4, 'KUBE-NODEPORTS': 5 };

const chainIndexes = new WeakMap<StateIndex, Map<string, number>>();

/** Every Service port chain name → the port's index (hashing every port once; only for untraced chains). */
function chainIndex(idx: StateIndex): Map<string, number> {
  let m = chainIndexes.get(idx);
  if (!m) {
    m = new Map();
    for (const sp of idx.sps) {
      const n = chainNames(sp);
      for (const c of [n.svc, n.svl, n.ext, n.fw, ...n.sep]) m.set(c, sp.index);
    }
    chainIndexes.set(idx, m);
  }
  return m;
}

function topRule(idx: StateIndex, nc: NodeCache, nodeName: string, c: number, num: number): RuleSpec | undefined {
  // The port whose rules cover `num`: the last index i with topOffset(i) < num.
  let lo = 0;
  let hi = idx.sps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (topOffset(idx, nc.off, mid + 1, c) < num) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= idx.sps.length) return undefined;
  const sp = idx.sps[lo];
  return spRules(idx, nc, nodeName, sp).top[c][num - topOffset(idx, nc.off, sp.index, c) - 1];
}

/** The `-A CHAIN …` text of one rule of kube-proxy's tables on `nodeName`, or null if there is no such rule. */
export function proxyRuleText(state: ClusterState, nodeName: string, ref: RuleRef, options?: Partial<ProxyOptions>): string | null {
  const idx = stateIndex(state, resolveOptions(options));
  const opts = idx.opts;
  const nc = nodeCache(idx, state, nodeName);
  const { table, chain, num } = ref;
  if (num < 1) return null;
  const fixed = fixedRules(idx)[table].get(chain);
  if (fixed) return fixed[num - 1] ?? null;
  const c = table === 'nat' ? (chain === 'KUBE-SERVICES' ? 0 : chain === 'KUBE-NODEPORTS' ? 1 : -1) : (FILTER_TOP[chain] ?? -1);
  if (c >= 0) {
    if (c === 0 && num === nc.natServicesTotal + 1) return `-A KUBE-SERVICES ${nodePortsJumpRule(opts).body}`;
    const r = topRule(idx, nc, nodeName, c, num);
    return r ? textOf(r) : null;
  }
  if (table !== 'nat') return null;
  let owner = chainOwner(idx, nc, chain);
  if (!owner) {
    const i = chainIndex(idx).get(chain);
    if (i === undefined) return null;
    owner = spRules(idx, nc, nodeName, idx.sps[i]);
  }
  const r = owner.chains.get(chain)?.[num - 1];
  return r ? textOf(r) : null;
}

const fixedCache = new WeakMap<StateIndex, { nat: Map<string, string[]>; filter: Map<string, string[]> }>();

/** The text of a fixed rule (KUBE-MARK-MASQ, KUBE-POSTROUTING, KUBE-FORWARD, …), or null. */
export function fixedRuleText(idx: StateIndex, table: 'nat' | 'filter', chain: string, num: number): string | null {
  return fixedRules(idx)[table].get(chain)?.[num - 1] ?? null;
}

/** table → chain → the texts of the chains whose rules never change (KUBE-POSTROUTING, KUBE-FORWARD, …). */
function fixedRules(idx: StateIndex): { nat: Map<string, string[]>; filter: Map<string, string[]> } {
  let f = fixedCache.get(idx);
  if (!f) {
    f = { nat: new Map(), filter: new Map() };
    for (const [table, rules] of [['nat', natFixedRules(idx.opts)], ['filter', filterFixedRules(idx.opts)]] as const) {
      for (const r of rules) f[table].set(r.chain, [...(f[table].get(r.chain) ?? []), `-A ${r.chain} ${r.body}`]);
    }
    fixedCache.set(idx, f);
  }
  return f;
}
