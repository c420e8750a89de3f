// Models kube-proxy's rules acting on one new connection on one node (pkg/proxy/iptables/proxier.go syncProxyRules, iptablesJumpChains). Leaves out: conntrack (every packet is NEW), KUBE-FIREWALL's localnet block, --reap.
// The walk: nat PREROUTING/OUTPUT → KUBE-SERVICES → KUBE-NODEPORTS → EXT/FW/SVC/SVL/SEP, then the filter
// hooks (KUBE-PROXY-FIREWALL, KUBE-SERVICES, KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS) in the order
// kube-proxy prepends its jump rules. Only the destination's Service ports are built (sp-rules.ts, the
// same code buildProxyTables uses) and shared-chain rule numbers come from per-state prefix sums, so a
// trace costs O(rules of one Service).
import type { ClusterState } from '../../cluster/state';
import { portKey, stateIndex, topOffset, topOffsetFrom, type StateIndex, type SvcPort, type VipPorts } from './service-info';
import { nodeCache, spRules, type NodeCache } from './node-cache';
import { ip4, ip4Key } from './ip4';
import { A_DNAT, A_MASQ, A_NOTHING, M_DPORT, M_DST, M_DST_LOCAL, M_PROB, M_PROTO, M_RCHECK, M_SRC, M_SRC_LOCAL, M_SRC_NEG, protoCode, ruleText, type RuleSpec } from './rule-spec';
import type { SPRules } from './sp-rules';
import { fixedRuleText } from './lookup';
import { nodePortsJumpRule } from './rules';
import { DEFAULT_PROXY_OPTIONS, type AffinityTable, type ProxyDecision, type ProxyPacket, type TracedRule } from './types';

/** The affinity table key of kube-proxy's `recent` list `name` for one client address. */
export function affinityKey(sepChain: string, clientIP: string): string {
  return `${sepChain}|${clientIP}`;
}

interface Walk {
  /** source and destination addresses as int32s (null: not an IPv4 address) */
  srcN: number | null;
  dstN: number | null;
  src: string;
  dst: string;
  /** ip4Key(dst): with a canonical destination, KUBE-SERVICES entries compare addresses as numbers */
  dstKey: number | null;
  protoN: number;
  dport: number;
  srcLocal: boolean;
  dstLocal: boolean;
  ctx: { rng: () => number; affinity: AffinityTable; now: number };
  rules: TracedRule[];
  masq: boolean;
  fwAllowed: boolean;
  pick: RuleSpec | null;
  /** the picked rule's statistic probability */
  pickProb: number;
}

/** Whether every match of `r` holds for the packet (the compiled form of its Match, see rule-spec.ts). */
function matches(r: RuleSpec, w: Walk): boolean {
  const k = r.k;
  if (k & M_PROTO && r.protoN !== w.protoN) return false;
  if (k & M_DPORT && r.dport !== w.dport) return false;
  if (k & M_DST && (w.dstN === null || (w.dstN & r.dstMask) !== r.dstNet)) return false;
  if (k & M_SRC && (w.srcN !== null && (w.srcN & r.srcMask) === r.srcNet) === ((k & M_SRC_NEG) !== 0)) return false;
  if (k & M_SRC_LOCAL && !w.srcLocal) return false;
  if (k & M_DST_LOCAL && !w.dstLocal) return false;
  if (k & M_RCHECK) {
    const rc = r.m.rcheck!;
    const e = w.ctx.affinity.get(affinityKey(rc.name, w.src));
    if (!e || w.ctx.now - e.lastSeen > rc.seconds * 1000) return false;
  }
  if (k & M_PROB && !(w.ctx.rng() < r.m.prob!)) return false;
  return true;
}

/** A KUBE-SERVICES-style entry for the packet's destination address (the `-d VIP` the entry captures). */
function sameVip(r: RuleSpec, w: Walk): boolean {
  return w.dstKey !== null ? r.vipKey === w.dstKey : r.vip === w.dst;
}

// Each traversed rule carries its text, taken from the rule the walk matched (the same text proxyRuleText
// finds by ref, without its searches). A port's own rules and the fixed rules get one frozen object per
// state, shared between decisions; the shared chains' rules are numbered per node, so they get a new one.
const markMasqHops = new WeakMap<StateIndex, TracedRule>();

function markMasqHop(idx: StateIndex): TracedRule {
  let h = markMasqHops.get(idx);
  if (!h) markMasqHops.set(idx, (h = Object.freeze({ table: 'nat', chain: 'KUBE-MARK-MASQ', num: 1, text: fixedRuleText(idx, 'nat', 'KUBE-MARK-MASQ', 1) })));
  return h;
}

function ownHop(r: RuleSpec): TracedRule {
  return (r.hop ??= Object.freeze({ table: 'nat', chain: r.ref!.chain, num: r.ref!.num, text: ruleText(r) }));
}

const topHop = (table: 'nat' | 'filter', chain: string, num: number, r: RuleSpec): TracedRule => ({ table, chain, num, text: ruleText(r) });

/** Walk one of the Service port's own chains from `first`; returns the DNAT rule reached, or null if it fell through. */
function walk(idx: StateIndex, first: RuleSpec | null, w: Walk, depth: number): RuleSpec | null {
  if (depth > 8) return null;
  for (let r = first; r !== null; r = r.after) {
    if (r.ladder !== undefined) return ladder(idx, r.ladderRules!, r.ladder, w, depth);
    if (!matches(r, w)) continue;
    w.rules.push(r.hop ?? ownHop(r));
    const act = r.act;
    if (act === A_MASQ) {
      w.masq = true;
      w.rules.push(markMasqHop(idx));
      continue;
    }
    if (act === A_DNAT) {
      if (r.setName !== undefined && r.ep) w.ctx.affinity.set(affinityKey(r.setName, w.src), { endpoint: `${r.epIP}:${r.epPort}`, lastSeen: w.ctx.now });
      return r;
    }
    if (act === A_NOTHING) continue;
    if (r.pick) {
      w.pick = r;
      w.pickProb = r.k & M_PROB ? r.m.prob! : NaN;
    }
    if (r.fwAllow) w.fwAllowed = true;
    const res = walk(idx, r.into, w, depth + 1);
    if (res) return res;
  }
  return null;
}

/**
 * The rest of a chain, a load-balancing ladder (rule-spec.ts markLadder): exactly what walk() does with
 * those rules (one rng draw per statistic rule until one matches, then the jump to its endpoint chain),
 * reading the probabilities from one array instead of every rule object.
 */
function ladder(idx: StateIndex, rules: RuleSpec[], probs: number[], w: Walk, depth: number): RuleSpec | null {
  const rng = w.ctx.rng;
  for (let k = 0; k < probs.length; k++) {
    const p = probs[k];
    if (p === p && !(rng() < p)) continue; // NaN: the last, unconditional rule
    const r = rules[k];
    w.rules.push(r.hop ?? ownHop(r));
    w.pick = r;
    w.pickProb = p;
    const res = walk(idx, r.into, w, depth + 1);
    if (res) return res;
  }
  return null;
}

function dnat(spr: SPRules, r: RuleSpec, w: Walk, via: 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer'): ProxyDecision {
  const pick = w.pick;
  // The picked rule knows its endpoint's position in the chain's endpoint list (sp-rules.ts); a DNAT
  // reached without a pick is the only endpoint.
  const hit = pick !== null && (pick.k & M_RCHECK) !== 0;
  const count = pick ? pick.epCount : 1;
  return {
    action: 'dnat',
    service: spr.svcKey,
    servicePort: spr.portName,
    endpoint: r.ep!,
    toIP: r.epIP!,
    toPort: r.epPort,
    rules: w.rules,
    probability: pick && !hit && pick.k & M_PROB ? w.pickProb : null,
    pickProbability: 1 / count,
    endpointIndex: pick ? pick.epIndex : 0,
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
      if (mode === SAME_VIP ? !sameVip(r, w) : mode === NODEPORT_FILTER ? (r.k & M_DST_LOCAL) === 0 : false) continue;
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
  const dstN = ip4(pkt.dst);
  const dstLocal = dstN !== null && (dstN === nc.nodeN || dstN >>> 24 === 127);
  const key = ip4Key(pkt.dst);
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
    pick: null,
    pickProb: NaN,
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
      const res = walk(idx, r.into, w, 0);
      if (res) return dnat(spr, res, w, r.via!);
    }
  } else if (vip) {
    const hits = hitsIn(idx, nc, nodeName, 0, vipSps, SAME_VIP, w);
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i];
      w.rules.push(topHop('nat', 'KUBE-SERVICES', h.num, h.r));
      const res = walk(idx, h.r.into, w, 0);
      if (res) return dnat(h.spr, res, w, h.r.via!);
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
        const res = walk(idx, h.r.into, w, 0);
        if (res) return dnat(h.spr, res, w, 'nodePort');
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
