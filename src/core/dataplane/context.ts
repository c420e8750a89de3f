// Everything one trace run carries: the state, the seeded rng, conntrack-like affinity memory, the
// clock. Hops quote the exact iptables-save line of each rule (kube-proxy's decide() hands them over).
import type { ClusterState, NodeState, PodState } from '../cluster/state';
import type { AffinityTable } from '../controllers/kube-proxy';
import type { DnsConfig } from '../controllers/coredns';
import { Recorder } from './recorder';

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

/** One trace run's context (a class, not a literal with closures: one is made per trace). */
export class TraceContext {
  readonly affinity: AffinityTable = new MemoryAffinity();
  rec: Recorder;
  private port: number;
  constructor(
    readonly state: ClusterState,
    readonly rng: () => number,
    readonly dns: DnsConfig,
    readonly resolve: ReadonlyMap<string, string>,
    start: number,
  ) {
    this.rec = new Recorder(start);
    this.port = 32768 + Math.floor(rng() * 20000);
  }
  /** The cluster clock (decide() reads it as its `now` for session affinity). */
  get now(): number {
    return this.rec.time;
  }
  /** The next ephemeral port (the kernel's ip_local_port_range 32768–60999, deterministic from the rng). */
  nextPort(): number {
    return (this.port = this.port >= 60999 ? 32768 : this.port + 1);
  }
}

/** Where a connection starts. `at` caches its hop location (originLocation). */
export type Origin = ({ kind: 'pod'; pod: PodState } | { kind: 'node'; node: NodeState } | { kind: 'external'; ip: string }) & { at?: string };

export function originLocation(o: Origin): string {
  return (o.at ??= o.kind === 'pod' ? `pod/${o.pod.namespace}/${o.pod.name}` : o.kind === 'node' ? `node/${o.node.name}` : 'external');
}

export function originIP(o: Origin): string {
  return o.kind === 'pod' ? o.pod.ip! : o.kind === 'node' ? o.node.internalIP : o.ip;
}

/**
 * mulberry32: a small seeded PRNG; the trace's only source of randomness. The state lives in a typed
 * array: a closure variable past 2^30 would be boxed as a new heap number on every call.
 */
export function seededRng(seed: number): () => number {
  const a = new Uint32Array([seed >>> 0]);
  return () => {
    a[0] += 0x6d2b79f5;
    let t = a[0];
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
