// Models netfilter traversing kube-proxy's per-Service chains for one new connection (iptables -j semantics: a jump returns when the chain ends, DNAT ends the traversal). Leaves out: RETURN targets (kube-proxy writes none in these chains).
// The walk records every rule it matched, with its text, and evaluates matches from the rules' compiled
// form (rule-spec.ts). Load-balancing ladders are read from one array of probabilities and one record
// per step (ladder.ts) rather than from every rule object: same draws, same rules, fewer memory reads.
import type { EndpointState } from '../../cluster/state';
import { A_DNAT, A_MASQ, A_NOTHING, dstMaskOf, F_ACT_SHIFT, F_FW_ALLOW, F_PICK, M_DPORT, M_DST, M_DST_LOCAL, M_PROB, M_PROTO, M_RCHECK, M_SRC, M_SRC_LOCAL, M_SRC_NEG, ruleText, srcMaskOf, type RuleSpec } from './rule-spec';
import type { LadderStep } from './ladder';
import { fixedRuleText } from './lookup';
import type { StateIndex } from './service-info';
import type { AffinityTable, TracedRule } from './types';

/** The affinity table key of kube-proxy's `recent` list `name` for one client address. */
export function affinityKey(sepChain: string, clientIP: string): string {
  return `${sepChain}|${clientIP}`;
}

/** One packet's traversal. */
export interface Walk {
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
  /** the endpoint pick (a jump from SVC/SVL): its flags (-1: none), probability, endpoint position */
  pickF: number;
  pickProb: number;
  pickIndex: number;
  pickCount: number;
  /** the DNAT reached */
  toEp: EndpointState | undefined;
  toIP: string;
  toPort: number;
}

/** Whether every match of `r` holds for the packet (the compiled form of its Match, see rule-spec.ts). */
export function matches(r: RuleSpec, w: Walk): boolean {
  const f = r.f;
  if (f & M_PROTO && (r.pd & 7) !== w.protoN) return false;
  if (f & M_DPORT && r.pd >>> 3 !== w.dport) return false;
  if (f & M_DST && (w.dstN === null || (w.dstN & dstMaskOf(f)) !== r.dn)) return false;
  if (f & M_SRC && (w.srcN !== null && (w.srcN & srcMaskOf(f)) === r.sn) === ((f & M_SRC_NEG) !== 0)) return false;
  if (f & M_SRC_LOCAL && !w.srcLocal) return false;
  if (f & M_DST_LOCAL && !w.dstLocal) return false;
  if (f & M_RCHECK) {
    const rc = r.m.rcheck!;
    const e = w.ctx.affinity.get(affinityKey(rc.name, w.src));
    if (!e || w.ctx.now - e.lastSeen > rc.seconds * 1000) return false;
  }
  if (f & M_PROB && !(w.ctx.rng() < r.m.prob!)) return false;
  return true;
}

/** A KUBE-SERVICES-style entry for the packet's destination address (the `-d VIP` the entry captures). */
export function sameVip(r: RuleSpec, w: Walk): boolean {
  return w.dstKey !== null ? r.vk === w.dstKey : r.vip === w.dst;
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

export const topHop = (table: 'nat' | 'filter', chain: string, num: number, r: RuleSpec): TracedRule => ({ table, chain, num, text: ruleText(r) });

function dnatTo(w: Walk, r: RuleSpec): true {
  if (r.setName !== undefined && r.ep) w.ctx.affinity.set(affinityKey(r.setName, w.src), { endpoint: `${r.epIP}:${r.epPort}`, lastSeen: w.ctx.now });
  w.toEp = r.ep;
  w.toIP = r.epIP!;
  w.toPort = r.epPort;
  return true;
}

/** Walk one of the Service port's own chains from `first`; true once a DNAT rule is reached, false if it fell through. */
export function walk(idx: StateIndex, first: RuleSpec | null, w: Walk, depth: number): boolean {
  if (depth > 8 || first === null) return false;
  if (first.ladder !== undefined) return ladder(idx, first.ladderSteps!, first.ladder, w, depth);
  for (let r: RuleSpec | null = first; r !== null; r = r.after) {
    if (matches(r, w)) {
      w.rules.push(r.hop ?? ownHop(r));
      const f = r.f;
      const act = (f >>> F_ACT_SHIFT) & 3;
      if (act === A_MASQ) {
        w.masq = true;
        w.rules.push(markMasqHop(idx));
      } else if (act === A_DNAT) {
        return dnatTo(w, r);
      } else if (act !== A_NOTHING) {
        if (f & F_PICK) {
          w.pickF = f;
          w.pickProb = f & M_PROB ? r.m.prob! : NaN;
          w.pickIndex = r.epIndex;
          w.pickCount = r.epCount;
        }
        if (f & F_FW_ALLOW) w.fwAllowed = true;
        if (walk(idx, r.into, w, depth + 1)) return true;
      }
    }
    // The rest of the chain is a load-balancing ladder.
    if (r.tail !== undefined) return ladder(idx, r.tailSteps!, r.tail, w, depth);
  }
  return false;
}

/**
 * The rest of a chain, a load-balancing ladder (rule-spec.ts markLadder): exactly what walk() does with
 * those rules (one rng draw per statistic rule until one matches, then the jump to its endpoint chain),
 * reading the probabilities from one array and the steps from ladder.ts records.
 */
function ladder(idx: StateIndex, steps: LadderStep[], probs: number[], w: Walk, depth: number): boolean {
  const rng = w.ctx.rng;
  for (let k = 0; k < probs.length; k++) {
    const p = probs[k];
    if (p === p && !(rng() < p)) continue; // NaN: the last, unconditional rule
    const s = steps[k];
    w.rules.push(s.hop);
    w.pickF = s.f;
    w.pickProb = p;
    w.pickIndex = s.epIndex;
    w.pickCount = s.epCount;
    if (s.pair && depth + 1 <= 8 ? endpointPair(idx, s, w) : walk(idx, s.into, w, depth + 1)) return true;
  }
  return false;
}

/** The usual KUBE-SEP chain (ladder.ts), from its copy: walk() on its two rules would do exactly this. */
function endpointPair(idx: StateIndex, s: LadderStep, w: Walk): boolean {
  // -s EP_IP/32 -j KUBE-MARK-MASQ: hairpin traffic (the endpoint reaching itself) is masqueraded.
  if (w.srcN !== null && (w.srcN & s.masqMask) === s.masqNet) {
    w.rules.push(s.masqHop!);
    w.masq = true;
    w.rules.push(markMasqHop(idx));
  }
  // -p PROTO -j DNAT --to-destination EP_IP:PORT
  if (s.dnatProtoN !== w.protoN) return false;
  w.rules.push(s.dnatHop!);
  if (s.dnatSet !== undefined && s.ep) w.ctx.affinity.set(affinityKey(s.dnatSet, w.src), { endpoint: `${s.ip}:${s.port}`, lastSeen: w.ctx.now });
  w.toEp = s.ep;
  w.toIP = s.ip!;
  w.toPort = s.port;
  return true;
}
