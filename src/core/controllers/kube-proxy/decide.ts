// Models kube-proxy's rules acting on one new connection on one node (pkg/proxy/iptables/proxier.go syncProxyRules, iptablesJumpChains). Leaves out: conntrack (every packet is NEW), KUBE-FIREWALL's localnet block, --reap.
// The walk: nat PREROUTING/OUTPUT → KUBE-SERVICES → KUBE-NODEPORTS → EXT/FW/SVC/SVL/SEP (walk.ts), then
// the filter hooks (KUBE-PROXY-FIREWALL, KUBE-SERVICES, KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS) in the
// order kube-proxy prepends its jump rules. Only the destination's Service ports are built (sp-rules.ts,
// the same code buildProxyTables uses), found by address through a Map, and shared-chain rule numbers
// come from per-state prefix sums (offsets.ts), so a trace costs O(rules of one Service), never a walk
// over the Services.
import type { ClusterState } from '../../cluster/state';
import { portKey, stateIndex, type StateIndex, type SvcPort, type VipPorts } from './service-info';
import { topOffset, topOffsetFrom } from './offsets';
import { nodeCache, spRules, type NodeCache } from './node-cache';
import { ip4, ip4Key } from './ip4';
import { M_DST_LOCAL, M_PROB, M_RCHECK, protoCode, type RuleSpec } from './rule-spec';
import { matches, sameVip, topHop, walk, type Walk } from './walk';
import type { SPRules } from './sp-rules';
import { nodePortsJumpRule } from './rules';
import { DEFAULT_PROXY_OPTIONS, type AffinityTable, type ProxyDecision, type ProxyPacket } from './types';

export { affinityKey } from './walk';

function dnat(spr: SPRules, w: Walk, via: 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer'): ProxyDecision {
  // The picked rule knows its endpoint's position in the chain's endpoint list (sp-rules.ts); a DNAT
  // reached without a pick is the only endpoint.
  const picked = w.pickF !== -1;
  const hit = picked && (w.pickF & M_RCHECK) !== 0;
  const count = picked ? w.pickCount : 1;
  return {
    action: 'dnat',
    service: spr.svcKey,
    servicePort: spr.portName,
    endpoint: w.toEp!,
    toIP: w.toIP,
    toPort: w.toPort,
    rules: w.rules,
    probability: picked && !hit && w.pickF & M_PROB ? w.pickProb : null,
    pickProbability: 1 / count,
    endpointIndex: picked ? w.pickIndex : 0,
    endpointCount: count,
    masquerade: w.masq,
    affinity: spr.affinity ? (hit ? 'hit' : 'new') : null,
    via,
  };
}

interface Hit {
  num: number;
  spr: SPRules;
  r: RuleSpec;
}

const byNum = (a: Hit, b: Hit) => a.num - b.num;
const NONE: never[] = [];
const ANY = 0;
const SAME_VIP = 1;
const NODEPORT_FILTER = 2;

/** The rules of TOP chain `c` that match, over the given Service ports, in rule-number order. */
function hitsIn(idx: StateIndex, nc: NodeCache, nodeName: string, c: number, sps: readonly SvcPort[], mode: number, w: Walk): Hit[] {
  let out: Hit[] | null = null;
  for (let s = 0; s < sps.length; s++) {
    const sp = sps[s];
    const spr = spRules(idx, nc, nodeName, sp);
    const list = spr.top[c];
    for (let j = 0; j < list.length; j++) {
      const r = list[j];
      if (mode === SAME_VIP ? !sameVip(r, w) : mode === NODEPORT_FILTER ? (r.f & M_DST_LOCAL) === 0 : false) continue;
      if (!matches(r, w)) continue;
      (out ??= []).push({ num: topOffset(idx, nc.off, sp.index, c) + j + 1, spr, r });
    }
  }
  if (!out) return NONE;
  return out.length > 1 ? out.sort(byNum) : out;
}

function filterHits(idx: StateIndex, nc: NodeCache, nodeName: string, chain: number, vipSps: readonly SvcPort[], pkt: ProxyPacket, w: Walk): Hit[] {
  switch (chain) {
    case F_FIREWALL:
      return hitsIn(idx, nc, nodeName, 4, vipSps, SAME_VIP, w);
    case F_SERVICES:
      return hitsIn(idx, nc, nodeName, 2, vipSps, SAME_VIP, w);
    case F_EXTERNAL: {
      const hs = hitsIn(idx, nc, nodeName, 3, vipSps, SAME_VIP, w);
      if (!w.dstLocal) return hs;
      const np = hitsIn(idx, nc, nodeName, 3, idx.nodePorts.get(portKey(pkt.dstPort, pkt.proto)) ?? NONE, NODEPORT_FILTER, w);
      return np.length === 0 ? hs : [...hs, ...np].sort(byNum);
    }
    case F_NODEPORTS:
      return pkt.proto === 'TCP' ? hitsIn(idx, nc, nodeName, 5, idx.hcPorts.get(pkt.dstPort) ?? NONE, ANY, w) : NONE;
    default:
      return NONE;
  }
}

const F_FIREWALL = 0;
const F_SERVICES = 1;
const F_EXTERNAL = 2;
const F_NODEPORTS = 3;
const FILTER_CHAINS = ['KUBE-PROXY-FIREWALL', 'KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS'];
// The filter hooks' jump order: kube-proxy prepends its jump rules in iptablesJumpChains order, so the
// last one listed for a hook runs first (INPUT: PROXY-FIREWALL, NODEPORTS, EXTERNAL-SERVICES; OUTPUT:
// PROXY-FIREWALL, SERVICES; FORWARD: PROXY-FIREWALL, (KUBE-FORWARD), SERVICES, EXTERNAL-SERVICES).
const HOOK_OUTPUT = [F_FIREWALL, F_SERVICES];
const HOOK_INPUT = [F_FIREWALL, F_NODEPORTS, F_EXTERNAL];
const HOOK_FORWARD = [F_FIREWALL, F_SERVICES, F_EXTERNAL];
const HOOK_OUTPUT_INPUT = [...HOOK_OUTPUT, ...HOOK_INPUT];

/** The rules of a destination's only Service port, kept on the entry when they are the same on every node. */
function portRules(idx: StateIndex, nc: NodeCache, nodeName: string, v: VipPorts): SPRules {
  const spr = spRules(idx, nc, nodeName, v.sp0);
  if (!v.sp0.nodeDep) v.spr0 = spr;
  return spr;
}

/** The Service ports capturing the packet's destination address and port (by number when canonical). */
function vipPorts(idx: StateIndex, w: Walk, pk: number): VipPorts | null {
  let v = (w.dstKey !== null ? idx.vipsByKey.get(w.dstKey) : idx.vips.get(w.dst)) ?? null;
  while (v !== null && v.pk !== pk) v = v.next;
  return v;
}

/** What kube-proxy's rules on `nodeName` do to the first packet of a connection. */
export function decide(state: ClusterState, nodeName: string, pkt: ProxyPacket, ctx: { rng: () => number; affinity: AffinityTable; now: number }): ProxyDecision {
  const idx = stateIndex(state, DEFAULT_PROXY_OPTIONS);
  const nc = nodeCache(idx, state, nodeName);
  const srcN = ip4(pkt.src);
  // A canonical dotted quad's key is its address (as an int32): one parse instead of two.
  const key = ip4Key(pkt.dst);
  const dstN = key === key ? key >>> 0 : ip4(pkt.dst);
  const dstLocal = dstN !== null && (dstN === nc.nodeN || dstN >>> 24 === 127);
  const pp = pkt.proto;
  const w: Walk = {
    srcN: srcN === null ? null : srcN | 0,
    dstN: dstN === null ? null : dstN | 0,
    src: pkt.src,
    dst: pkt.dst,
    dstKey: key === key ? key : null,
    protoN: pp === 'TCP' ? 1 : pp === 'UDP' ? 2 : pp === 'SCTP' ? 3 : pp === 'ICMP' ? 4 : protoCode(String(pp).toLowerCase(), true),
    dport: pkt.dstPort,
    srcLocal: pkt.origin === 'local-host' || (srcN !== null && (srcN === nc.nodeN || srcN >>> 24 === 127)),
    dstLocal,
    ctx,
    rules: [],
    masq: false,
    fwAllowed: false,
    pickF: -1,
    pickProb: NaN,
    pickIndex: 0,
    pickCount: 1,
    toEp: undefined,
    toIP: '',
    toPort: 0,
  };
  const pk = portKey(pkt.dstPort, pkt.proto);
  const vip = vipPorts(idx, w, pk);
  const vipSps = vip ? vip.sps : NONE;

  // nat: KUBE-SERVICES, in rule order.
  if (vip && vip.n === 1) {
    // One Service port: its KUBE-SERVICES rules are already in rule order.
    const spr = (vip.spr0 as SPRules | undefined) ?? portRules(idx, nc, nodeName, vip);
    let j = 0;
    for (let r = spr.natFirst; r !== null; r = r.after, j++) {
      if (!sameVip(r, w) || !matches(r, w)) continue;
      w.rules.push(topHop('nat', 'KUBE-SERVICES', topOffsetFrom(spr.natBase, nc.off, spr.index, 0) + j + 1, r));
      if (walk(idx, r.into, w, 0)) return dnat(spr, w, r.via!);
    }
  } else if (vip) {
    const hits = hitsIn(idx, nc, nodeName, 0, vipSps, SAME_VIP, w);
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i];
      w.rules.push(topHop('nat', 'KUBE-SERVICES', h.num, h.r));
      if (walk(idx, h.r.into, w, 0)) return dnat(h.spr, w, h.r.via!);
    }
  }
  // The last rule: local destinations go on to KUBE-NODEPORTS.
  if (dstLocal) {
    w.rules.push((nc.nodePortsJump ??= Object.freeze({ table: 'nat', chain: 'KUBE-SERVICES', num: nc.natServicesTotal + 1, text: `-A KUBE-SERVICES ${nodePortsJumpRule(idx.opts).body}` })));
    const nps = idx.nodePorts.get(pk);
    if (nps) {
      const hits = hitsIn(idx, nc, nodeName, 1, nps, ANY, w);
      for (let i = 0; i < hits.length; i++) {
        const h = hits[i];
        w.rules.push(topHop('nat', 'KUBE-NODEPORTS', h.num, h.r));
        if (walk(idx, h.r.into, w, 0)) return dnat(h.spr, w, 'nodePort');
      }
    }
  }

  // filter: not DNATed, so the Service's own addresses meet kube-proxy's REJECT / DROP / ACCEPT rules.
  if (!vip && !dstLocal) return { action: 'none', rules: w.rules };
  const hooks = pkt.origin === 'local-host' ? (dstLocal ? HOOK_OUTPUT_INPUT : HOOK_OUTPUT) : dstLocal ? HOOK_INPUT : HOOK_FORWARD;
  for (const chain of hooks) {
    const h = filterHits(idx, nc, nodeName, chain, vipSps, pkt, w)[0];
    if (!h) continue;
    w.rules.push(topHop('filter', FILTER_CHAINS[chain], h.num, h.r));
    const service = h.spr.svcKey;
    if (h.r.target === 'ACCEPT') return { action: 'none', rules: w.rules };
    if (h.r.target === 'REJECT') return { action: 'reject', service, rules: w.rules, reason: 'no-endpoints' };
    // A load-balancer source range let the packet in, but no local endpoint took it.
    const reason = h.r.reason === 'lb-source-ranges' && !w.fwAllowed ? 'lb-source-ranges' : 'no-local-endpoints';
    return { action: 'drop', service, rules: w.rules, reason };
  }
  return { action: 'none', rules: w.rules };
}
