// walk.ts evaluates compiled rules, ladders and endpoint-chain copies (rule-spec.ts, ladder.ts). These rows
// pin it to a plain rule-by-rule interpretation of the same chains (iptables semantics: every rule in
// order, a jump returns when its chain ends, DNAT ends the traversal) with the same random draws.
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../../cluster/state';
import { decide } from './decide';
import { buildServicePortRules, type Match, type RuleSpec } from './sp-rules';
import { resolveOptions, stateIndex } from './service-info';
import { ep, mkState, svc, TEST_NODE, TEST_NODE_IP } from './test-fixtures';
import { ip4 } from './ip4';
import type { AffinityTable, ProxyPacket } from './types';
import { affinityKey } from './walk';

class Affinity implements AffinityTable {
  m = new Map<string, { endpoint: string; lastSeen: number }>();
  get(k: string) {
    return this.m.get(k);
  }
  set(k: string, v: { endpoint: string; lastSeen: number }) {
    this.m.set(k, v);
  }
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const inNet = (n: number | null, net: { net: number; bits: number }) =>
  n !== null && (net.bits === 0 || ((n & (net.bits >= 32 ? 0xffffffff : ~(0xffffffff >>> net.bits))) >>> 0) === ((net.net & (net.bits >= 32 ? 0xffffffff : ~(0xffffffff >>> net.bits))) >>> 0));

/** The matches of a rule as written (Match), one by one. */
function refMatches(m: Match, pkt: ProxyPacket, rng: () => number, aff: Affinity, now: number): boolean {
  if (m.proto !== undefined && m.proto !== pkt.proto.toLowerCase()) return false;
  if (m.dport !== undefined && m.dport !== pkt.dstPort) return false;
  if (m.dst && !inNet(ip4(pkt.dst), m.dst)) return false;
  if (m.src && inNet(ip4(pkt.src), m.src) === m.src.neg) return false;
  if (m.rcheck) {
    const e = aff.get(affinityKey(m.rcheck.name, pkt.src));
    if (!e || now - e.lastSeen > m.rcheck.seconds * 1000) return false;
  }
  if (m.prob !== undefined && !(rng() < m.prob)) return false;
  return true;
}

/** Rule by rule through the port's own chains: the refs traversed and the DNAT rule reached. */
function refWalk(chains: Map<string, RuleSpec[]>, chain: string, pkt: ProxyPacket, rng: () => number, aff: Affinity, now: number, out: string[], depth = 0): RuleSpec | null {
  const rules = chains.get(chain);
  if (!rules || depth > 8) return null;
  for (const r of rules) {
    if (!refMatches(r.m, pkt, rng, aff, now)) continue;
    out.push(`${r.ref!.chain} ${r.ref!.num}`);
    if (r.target === 'KUBE-MARK-MASQ') {
      out.push('KUBE-MARK-MASQ 1');
      continue;
    }
    if (r.target === 'DNAT') {
      if (r.m.set) aff.set(affinityKey(r.m.set, pkt.src), { endpoint: `${r.ep!.ip}:${r.ep!.port}`, lastSeen: now });
      return r;
    }
    if (r.target === null) continue;
    const res = refWalk(chains, r.target, pkt, rng, aff, now, out, depth + 1);
    if (res) return res;
  }
  return null;
}

const CIP = '172.30.0.41';
const eps = (n: number) => Array.from({ length: n }, (_, i) => ep(`10.180.${i >> 8}.${(i & 255) + 1}`, 80));
const oneSvc = (n: number, affinity?: number) => mkState([svc('ns1', 'svc1', { clusterIP: CIP, ports: [{ name: 'p80', port: 80 }], affinity })], { 'ns1/svc1:p80': eps(n) });

describe('walk.ts ≡ a rule-by-rule walk of the same chains', () => {
  it.each([
    // writeServiceToEndpointRules with one endpoint: no statistic rule, a plain jump
    { name: 'one endpoint, pod client', state: () => oneSvc(1), src: '10.0.0.9', runs: 20 },
    // the probability ladder (ladder.ts steps) over several endpoints
    { name: 'five endpoints, pod client', state: () => oneSvc(5), src: '10.0.0.9', runs: 200 },
    { name: 'fifteen endpoints, pod client', state: () => oneSvc(15), src: '10.0.0.9', runs: 300 },
    // KUBE-SEP's "-s EP -j KUBE-MARK-MASQ": an endpoint reaching its own Service (hairpin)
    { name: 'hairpin: the client is an endpoint', state: () => oneSvc(3), src: '10.180.0.2', runs: 200 },
    // KUBE-SVC's "! -s clusterCIDR -j KUBE-MARK-MASQ": a client outside the cluster CIDR (the node)
    { name: 'node client, masquerade', state: () => oneSvc(4), src: TEST_NODE_IP, runs: 100 },
    // sessionAffinity ClientIP: --rcheck rules before the ladder, --set on the DNAT rule
    { name: 'session affinity', state: () => oneSvc(3, 10), src: '10.0.0.9', runs: 100 },
    // largeClusterEndpointsThreshold: past 1000 endpoints the per-endpoint rules lose their comments
    { name: 'large cluster mode (1001 endpoints)', state: () => oneSvc(1001), src: '10.0.0.9', runs: 30 },
  ])('$name', ({ state, src, runs }) => {
    const s: ClusterState = state();
    const idx = stateIndex(s, resolveOptions());
    const spr = buildServicePortRules(idx, idx.sps.find((p) => p.clusterIP === CIP)!, TEST_NODE, TEST_NODE_IP);
    const entry = spr.top[0].find((r) => r.vip === CIP)!;
    const rng = seeded(3);
    const affA = new Affinity();
    const affB = new Affinity();
    for (let i = 0; i < runs; i++) {
      const pkt: ProxyPacket = { src, srcPort: 40000 + i, dst: CIP, dstPort: 80, proto: 'TCP', origin: src === TEST_NODE_IP ? 'local-host' : 'local-pod' };
      const draws: number[] = [];
      const now = i * 1000;
      const d = decide(s, TEST_NODE, pkt, { rng: () => (draws.push(rng()), draws[draws.length - 1]), affinity: affA, now });
      let k = 0;
      const out: string[] = [];
      const res = refWalk(spr.chains, entry.target!, pkt, () => draws[k++], affB, now, out);
      expect(k, 'the same number of draws').toBe(draws.length);
      expect(d.action).toBe('dnat');
      if (d.action !== 'dnat') return;
      expect(d.rules.slice(1).map((r) => `${r.chain} ${r.num}`)).toEqual(out);
      expect(`${d.toIP}:${d.toPort}`).toBe(`${res!.ep!.ip}:${res!.ep!.port}`);
      expect(d.masquerade).toBe(out.includes('KUBE-MARK-MASQ 1'));
    }
  });
});
