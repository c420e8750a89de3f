// Everything one trace run carries: the state, the seeded rng, conntrack-like affinity memory, the
// clock. Hops quote the exact iptables-save line of each rule, looked up without building whole tables.
import type { ClusterState, NodeState, PodState } from '../cluster/state';
import { proxyRuleText, type AffinityTable, type RuleRef } from '../controllers/kube-proxy';
import type { DnsConfig } from '../controllers/coredns';
import type { HopRule } from './types';
import { Recorder } from './recorder';

export interface TraceContext {
  state: ClusterState;
  rng: () => number;
  affinity: AffinityTable;
  dns: DnsConfig;
  resolve: ReadonlyMap<string, string>;
  rec: Recorder;
  /** Ephemeral ports handed out so far (deterministic from the rng). */
  nextPort: () => number;
}

export type Origin = { kind: 'pod'; pod: PodState } | { kind: 'node'; node: NodeState } | { kind: 'external'; ip: string };

export function originLocation(o: Origin): string {
  return o.kind === 'pod' ? `pod/${o.pod.namespace}/${o.pod.name}` : o.kind === 'node' ? `node/${o.node.name}` : 'external';
}

export function originIP(o: Origin): string {
  return o.kind === 'pod' ? o.pod.ip! : o.kind === 'node' ? o.node.internalIP : o.ip;
}

/** A Map-backed affinity table (kube-proxy's `recent` module state), shared by the connections of one run. */
export class MemoryAffinity implements AffinityTable {
  private m: Map<string, { endpoint: string; lastSeen: number }> | null = null;
  get(key: string) {
    return this.m?.get(key);
  }
  set(key: string, v: { endpoint: string; lastSeen: number }) {
    (this.m ??= new Map()).set(key, v);
  }
}

/** mulberry32: a small seeded PRNG; the trace's only source of randomness. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hopRule(state: ClusterState, node: string, ref: RuleRef): HopRule {
  return { table: ref.table, chain: ref.chain, num: ref.num, text: proxyRuleText(state, node, ref) };
}
