// Models kube-proxy's rules acting on one new connection on one node (pkg/proxy/iptables/proxier.go syncProxyRules, iptablesJumpChains). Leaves out: conntrack (every packet is NEW), KUBE-FIREWALL's localnet block, --reap.
// The walk: nat PREROUTING/OUTPUT → KUBE-SERVICES → KUBE-NODEPORTS → EXT/FW/SVC/SVL/SEP, then the filter
// hooks (KUBE-PROXY-FIREWALL, KUBE-SERVICES, KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS) in the order
// kube-proxy prepends its jump rules. Only the destination's Service ports are built (sp-rules.ts, the
// same code buildProxyTables uses) and shared-chain rule numbers come from per-state prefix sums, so a
// trace costs O(rules of one Service).
import type { ClusterState } from '../../cluster/state';
import { portKey, stateIndex, topOffset, type StateIndex, type SvcPort } from './service-info';
import { inNet, ip4, nodeCache, spRules, type NodeCache } from './node-cache';
import { A_DNAT, A_MASQ, A_NOTHING, M_DPORT, M_DST, M_DST_LOCAL, M_PROB, M_PROTO, M_RCHECK, M_SRC, M_SRC_LOCAL, type Match, type RuleSpec, type SPRules } from './sp-rules';
import { DEFAULT_PROXY_OPTIONS, type AffinityTable, type ProxyDecision, type ProxyPacket, type RuleRef } from './types';

/** The affinity table key of kube-proxy's `recent` list `name` for one client address. */
export function affinityKey(sepChain: string, clientIP: string): string {
  return `${sepChain}|${clientIP}`;
}

interface Walk {
  srcN: number | null;
  dstN: number | null;
  src: string;
  dst: string;
  proto: string;
  dport: number;
  srcLocal: boolean;
  dstLocal: boolean;
  ctx: { rng: () => number; affinity: AffinityTable; now: number };
  rules: RuleRef[];
  masq: boolean;
  fwAllowed: boolean;
  pick: RuleSpec | null;
}

function matches(m: Match, w: Walk): boolean {
  const k = m.k;
  if (k & M_PROTO && m.proto !== w.proto) return false;
  if (k & M_DPORT && m.dport !== w.dport) return false;
  if (k & M_DST && !inNet(w.dstN, m.dst!)) return false;
  if (k & M_SRC && inNet(w.srcN, m.src!) === m.src!.neg) return false;
  if (k & M_SRC_LOCAL && !w.srcLocal) return false;
  if (k & M_DST_LOCAL && !w.dstLocal) return false;
  if (k & M_RCHECK) {
    const e = w.ctx.affinity.get(affinityKey(m.rcheck!.name, w.src));
    if (!e || w.ctx.now - e.lastSeen > m.rcheck!.seconds * 1000) return false;
  }
  if (k & M_PROB && !(w.ctx.rng() < m.prob!)) return false;
  return true;
}

// Refs of a port's own rules are shared between decisions, hence frozen.
const MARK_MASQ_REF: RuleRef = Object.freeze({ table: 'nat', chain: 'KUBE-MARK-MASQ', num: 1 });

/** Walk one of the Service port's own chains; returns the DNAT rule reached, or null if it fell through. */
function walk(spr: SPRules, rules: RuleSpec[] | undefined, w: Walk, depth: number): RuleSpec | null {
  if (!rules || depth > 8) return null;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (!matches(r.m, w)) continue;
    w.rules.push(r.ref!);
    const act = r.act;
    if (act === A_MASQ) {
      w.masq = true;
      w.rules.push(MARK_MASQ_REF);
      continue;
    }
    if (act === A_DNAT) {
      if (r.m.set && r.ep) w.ctx.affinity.set(affinityKey(r.m.set, w.src), { endpoint: `${r.ep.ip}:${r.ep.port}`, lastSeen: w.ctx.now });
      return r;
    }
    if (act === A_NOTHING) continue;
    if (r.pick) w.pick = r;
    if (r.fwAllow) w.fwAllowed = true;
    const res = walk(spr, r.next, w, depth + 1);
    if (res) return res;
  }
  return null;
}

function dnat(spr: SPRules, r: RuleSpec, w: Walk, via: 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer'): ProxyDecision {
  const sp = spr.sp;
  const pick = w.pick;
  const eps = pick ? (pick.ref!.chain === spr.clusterChain ? spr.clusterEps : spr.localEps) : [r.ep!];
  const hit = !!pick && pick.m.rcheck !== undefined;
  return {
    action: 'dnat',
    service: sp.svc.key,
    servicePort: sp.port.name,
    endpoint: r.ep!,
    rules: w.rules,
    probability: pick && !hit && pick.m.prob !== undefined ? pick.m.prob : null,
    pickProbability: 1 / eps.length,
    endpointIndex: Math.max(0, eps.indexOf(pick?.ep ?? r.ep!)),
    endpointCount: eps.length,
    masquerade: w.masq,
    affinity: sp.affinity ? (hit ? 'hit' : 'new') : null,
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
      if (mode === SAME_VIP ? r.vip !== w.dst : mode === NODEPORT_FILTER ? r.m.dstLocal !== true : false) continue;
      if (!matches(r.m, w)) continue;
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

function vipPorts(idx: StateIndex, dst: string, pk: number): readonly SvcPort[] {
  const byPort = idx.vips.get(dst);
  if (byPort) for (let i = 0; i < byPort.length; i++) if (byPort[i].pk === pk) return byPort[i].sps;
  return NONE;
}

/** What kube-proxy's rules on `nodeName` do to the first packet of a connection. */
export function decide(state: ClusterState, nodeName: string, pkt: ProxyPacket, ctx: { rng: () => number; affinity: AffinityTable; now: number }): ProxyDecision {
  const idx = stateIndex(state, DEFAULT_PROXY_OPTIONS);
  const nc = nodeCache(idx, state, nodeName);
  const srcN = ip4(pkt.src);
  const dstN = ip4(pkt.dst);
  const dstLocal = dstN !== null && (dstN === nc.nodeN || dstN >>> 24 === 127);
  const w: Walk = {
    srcN,
    dstN,
    src: pkt.src,
    dst: pkt.dst,
    proto: pkt.proto === 'TCP' ? 'tcp' : pkt.proto.toLowerCase(),
    dport: pkt.dstPort,
    srcLocal: pkt.origin === 'local-host' || (srcN !== null && (srcN === nc.nodeN || srcN >>> 24 === 127)),
    dstLocal,
    ctx,
    rules: [],
    masq: false,
    fwAllowed: false,
    pick: null,
  };
  const pk = portKey(pkt.dstPort, pkt.proto);
  const vipSps = vipPorts(idx, pkt.dst, pk);

  // nat: KUBE-SERVICES, in rule order.
  if (vipSps.length === 1) {
    // One Service port: its KUBE-SERVICES rules are already in rule order.
    const sp = vipSps[0];
    const spr = spRules(idx, nc, nodeName, sp);
    const list = spr.top[0];
    for (let j = 0; j < list.length; j++) {
      const r = list[j];
      if (r.vip !== w.dst || !matches(r.m, w)) continue;
      w.rules.push({ table: 'nat', chain: 'KUBE-SERVICES', num: topOffset(idx, nc.off, sp.index, 0) + j + 1 });
      const res = walk(spr, r.next, w, 0);
      if (res) return dnat(spr, res, w, r.via!);
    }
  } else if (vipSps.length) {
    const hits = hitsIn(idx, nc, nodeName, 0, vipSps, SAME_VIP, w);
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i];
      w.rules.push({ table: 'nat', chain: 'KUBE-SERVICES', num: h.num });
      const res = walk(h.spr, h.r.next, w, 0);
      if (res) return dnat(h.spr, res, w, h.r.via!);
    }
  }
  // The last rule: local destinations go on to KUBE-NODEPORTS.
  if (dstLocal) {
    w.rules.push({ table: 'nat', chain: 'KUBE-SERVICES', num: nc.natServicesTotal + 1 });
    const nps = idx.nodePorts.get(pk);
    if (nps) {
      const hits = hitsIn(idx, nc, nodeName, 1, nps, ANY, w);
      for (let i = 0; i < hits.length; i++) {
        const h = hits[i];
        w.rules.push({ table: 'nat', chain: 'KUBE-NODEPORTS', num: h.num });
        const res = walk(h.spr, h.r.next, w, 0);
        if (res) return dnat(h.spr, res, w, 'nodePort');
      }
    }
  }

  // filter: not DNATed, so the Service's own addresses meet kube-proxy's REJECT / DROP / ACCEPT rules.
  if (!vipSps.length && !dstLocal) return { action: 'none', rules: w.rules };
  const hooks = pkt.origin === 'local-host' ? (dstLocal ? HOOK_OUTPUT_INPUT : HOOK_OUTPUT) : dstLocal ? HOOK_INPUT : HOOK_FORWARD;
  for (const chain of hooks) {
    const h = filterHits(idx, nc, nodeName, chain, vipSps, pkt, w)[0];
    if (!h) continue;
    w.rules.push({ table: 'filter', chain: FILTER_CHAINS[chain], num: h.num });
    const service = h.spr.sp.svc.key;
    if (h.r.target === 'ACCEPT') return { action: 'none', rules: w.rules };
    if (h.r.target === 'REJECT') return { action: 'reject', service, rules: w.rules, reason: 'no-endpoints' };
    // A load-balancer source range let the packet in, but no local endpoint took it.
    const reason = h.r.reason === 'lb-source-ranges' && !w.fwAllowed ? 'lb-source-ranges' : 'no-local-endpoints';
    return { action: 'drop', service, rules: w.rules, reason };
  }
  return { action: 'none', rules: w.rules };
}
