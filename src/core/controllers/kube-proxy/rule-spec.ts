// Models one iptables rule as kube-proxy writes it (pkg/proxy/iptables/proxier.go), in text and as the matches netfilter evaluates. Leaves out: match modules kube-proxy does not use.
// A rule's matches are kept twice: as written (Match, for readers) and compiled into flat number fields
// on the rule itself, which decide.ts evaluates for every rule a trace traverses. Traversal cost at
// 10,000 Services is dominated by how many separate objects it visits, hence the flat layout: the
// fields a decision reads come first, in one fixed order (one hidden class for every rule).
import type { EndpointState } from '../../cluster/state';
import { ip4Key } from './ip4';

/** Structured matches of one rule (all must hold). Addresses as numbers; masks as prefix lengths. */
export interface Match {
  src?: { net: number; bits: number; neg: boolean };
  dst?: { net: number; bits: number; neg: boolean };
  proto?: string;
  dport?: number;
  srcLocal: boolean;
  dstLocal: boolean;
  prob?: number;
  rcheck?: { name: string; seconds: number };
  /** `-m recent --set` list name */
  set?: string;
  /** which of the fields above are present (M_* bits), set by rs() */
  k: number;
}

export const M_PROTO = 1;
export const M_DPORT = 2;
export const M_DST = 4;
export const M_SRC = 8;
export const M_SRC_LOCAL = 16;
export const M_DST_LOCAL = 32;
export const M_PROB = 64;
export const M_RCHECK = 128;
/** `! -s`: the source match is negated */
export const M_SRC_NEG = 256;

/** What walking a rule does once it matched (decide.ts). */
export const A_JUMP = 0;
export const A_MASQ = 1;
export const A_DNAT = 2;
export const A_NOTHING = 3;

/** Protocol names as small numbers: a rule's never equals a packet's unless the names are equal. */
export function protoCode(p: string, packet: boolean): number {
  return p === 'tcp' ? 1 : p === 'udp' ? 2 : p === 'sctp' ? 3 : p === 'icmp' ? 4 : packet ? -1 : 0;
}

export interface RuleSpec {
  // Compiled matches (see Match): M_* bits, protocol code, --dport, -d / -s as (address & mask, mask) int32s.
  k: number;
  protoN: number;
  dport: number;
  dstNet: number;
  dstMask: number;
  srcNet: number;
  srcMask: number;
  /** KUBE-SERVICES entries: ip4Key(vip), null when the address is not a canonical dotted quad */
  vipKey: number | null;
  act: number;
  /**
   * The first rule of a load-balancing ladder that runs to the end of its chain (`-m statistic --probability`
   * jumps, then one unconditional jump): the ladder's probabilities (NaN for the last rule) and rules.
   * decide.ts draws against these instead of visiting every rule object of the chain.
   */
  ladder: number[] | undefined;
  /** jumps to one of the port's own chains: that chain's first rule */
  into: RuleSpec | null;
  /** the next rule of the same chain (decisions follow links rather than visiting chain arrays) */
  after: RuleSpec | null;
  /** own-chain rules: the ref with its text, shared by every decision that traverses the rule (decide.ts) */
  hop: Readonly<{ table: 'nat'; chain: string; num: number; text: string }> | undefined;
  /** a jump from the SVC/SVL chain to an endpoint (the load-balancing pick) */
  pick: boolean;
  /** the full `-A CHAIN …` text, once asked for (ruleText) */
  text: string | undefined;
  /** KUBE-SERVICES entries: which destination they capture */
  via: 'clusterIP' | 'externalIP' | 'loadBalancer' | undefined;
  /** `-m recent --set` list name */
  setName: string | undefined;
  /** DNAT rules and endpoint picks: the endpoint's address (--to-destination) */
  epIP: string | undefined;
  epPort: number;
  /** endpoint picks: the endpoint's position in the chain's endpoint list, and the list's length */
  epIndex: number;
  epCount: number;
  ladderRules: RuleSpec[] | undefined;
  /** a source-range rule of the KUBE-FW chain that lets the packet through */
  fwAllow: boolean;
  /** DNAT rules and endpoint picks: the endpoint */
  ep: EndpointState | undefined;
  // As written.
  chain: string;
  /** the rule text after "-A CHAIN " */
  body: string;
  comment: string | undefined;
  /** -j target; null when the rule has none */
  target: string | null;
  m: Match;
  vip: string | undefined;
  /** KUBE-NODEPORTS localhost rule */
  localhost: boolean;
  /** filter rules: REJECT/DROP reason */
  reason: 'no-endpoints' | 'no-local-endpoints' | 'lb-source-ranges' | undefined;
  /** own-chain rules: their (fixed) reference, set once the port is built */
  ref: Readonly<{ table: 'nat'; chain: string; num: number }> | undefined;
}

/** The rule's `-A CHAIN …` line, built on first use. */
export function ruleText(r: RuleSpec): string {
  return (r.text ??= `-A ${r.chain} ${r.body}`);
}

export type RuleInit = Pick<RuleSpec, 'chain' | 'body' | 'target'> & Partial<Pick<RuleSpec, 'comment' | 'ep' | 'via' | 'vip' | 'localhost' | 'reason'>> & { m: Partial<Match> };

/** The prefix mask of a /bits network as an int32 (0 for /0). */
function maskOf(bits: number): number {
  return bits <= 0 ? 0 : bits >= 32 ? -1 : ~(0xffffffff >>> bits);
}

/** Build a rule with its matches compiled. */
export function rs(x: RuleInit): RuleSpec {
  const m = x.m;
  const match: Match = { src: m.src, dst: m.dst, proto: m.proto, dport: m.dport, srcLocal: m.srcLocal === true, dstLocal: m.dstLocal === true, prob: m.prob, rcheck: m.rcheck, set: m.set, k: 0 };
  match.k = mask(match);
  const dstMask = m.dst ? maskOf(m.dst.bits) : 0;
  const srcMask = m.src ? maskOf(m.src.bits) : 0;
  return {
    k: match.k,
    protoN: m.proto === undefined ? 0 : protoCode(m.proto, false),
    dport: m.dport ?? 0,
    dstNet: m.dst ? m.dst.net & dstMask : 0,
    dstMask,
    srcNet: m.src ? m.src.net & srcMask : 0,
    srcMask,
    vipKey: x.vip !== undefined && ip4Key(x.vip) === ip4Key(x.vip) ? ip4Key(x.vip) : null,
    act: A_NOTHING,
    ladder: undefined,
    into: null,
    after: null,
    hop: undefined,
    pick: false,
    text: undefined,
    via: x.via,
    setName: m.set,
    epIP: x.ep ? x.ep.ip : undefined,
    epPort: x.ep ? x.ep.port : 0,
    epIndex: 0,
    epCount: 1,
    ladderRules: undefined,
    fwAllow: false,
    ep: x.ep,
    chain: x.chain,
    body: x.body,
    comment: x.comment,
    target: x.target,
    m: match,
    vip: x.vip,
    localhost: x.localhost === true,
    reason: x.reason,
    ref: undefined,
  };
}

function mask(m: Match): number {
  return (
    (m.proto !== undefined ? M_PROTO : 0) |
    (m.dport !== undefined ? M_DPORT : 0) |
    (m.dst ? M_DST : 0) |
    (m.src ? M_SRC : 0) |
    (m.src?.neg ? M_SRC_NEG : 0) |
    (m.srcLocal ? M_SRC_LOCAL : 0) |
    (m.dstLocal ? M_DST_LOCAL : 0) |
    (m.prob !== undefined ? M_PROB : 0) |
    (m.rcheck ? M_RCHECK : 0)
  );
}

/** Link each rule of a chain (or of a top chain's list) to the one after it. */
export function linkChain(list: RuleSpec[]): void {
  for (let i = 0; i < list.length; i++) list[i].after = i + 1 < list.length ? list[i + 1] : null;
}

/** Find the chain's trailing load-balancing ladder (see RuleSpec.ladder) and record it on its first rule. */
export function markLadder(list: RuleSpec[]): void {
  const n = list.length;
  const isStep = (r: RuleSpec, last: boolean) => r.act === A_JUMP && r.pick && !r.fwAllow && r.setName === undefined && r.k === (last ? 0 : M_PROB);
  if (n < 2 || !isStep(list[n - 1], true)) return;
  let start = n - 1;
  while (start > 0 && isStep(list[start - 1], false)) start--;
  if (start === n - 1) return;
  const probs: number[] = [];
  for (let i = start; i < n; i++) probs.push(i === n - 1 ? NaN : list[i].m.prob!);
  list[start].ladder = probs;
  list[start].ladderRules = list.slice(start);
}
