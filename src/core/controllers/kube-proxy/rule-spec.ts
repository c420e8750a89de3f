// Models one iptables rule as kube-proxy writes it (pkg/proxy/iptables/proxier.go), in text and as the matches netfilter evaluates. Leaves out: match modules kube-proxy does not use.
// A rule's matches are kept twice: as written (Match, for readers) and compiled into flat number fields
// on the rule itself, which decide.ts evaluates for every rule a trace traverses. Traversal cost at
// 10,000 Services is dominated by how many separate objects it visits, hence the flat layout: the
// fields a decision reads come first, in one fixed order (one hidden class for every rule).
import type { EndpointState } from '../../cluster/state';
import { ip4Key } from './ip4';
import type { LadderStep } from './ladder';

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
  // Read on every traversal, packed into the first fields (decide.ts): flags (F_* below: the M_* match
  // bits, the action, pick/fwAllow, the -d/-s prefix lengths), dport * 8 + protocol code, and the -d / -s
  // networks as int32s already masked.
  f: number;
  pd: number;
  dn: number;
  sn: number;
  /** KUBE-SERVICES entries: ip4Key(vip), null when the address is not a canonical dotted quad */
  vk: number | null;
  /**
   * A load-balancing ladder runs from here to the end of the chain (`-m statistic --probability` jumps,
   * then one unconditional jump): its probabilities (NaN for the last rule); its rules are ladderRules.
   * Kept on the rule before the ladder (tail) so a decision goes there without visiting the ladder's
   * first rule, or on the ladder's first rule when it opens the chain (ladder). decide.ts draws against
   * these instead of visiting every rule object of the chain.
   */
  ladder: number[] | undefined;
  tail: number[] | undefined;
  /** the ladder's steps (ladder.ts), made with the rules' hops (node-cache.ts prepareHops) */
  ladderSteps: LadderStep[] | undefined;
  tailSteps: LadderStep[] | undefined;
  /** the next rule of the same chain (decisions follow links rather than visiting chain arrays) */
  after: RuleSpec | null;
  /** jumps to one of the port's own chains: that chain's first rule */
  into: RuleSpec | null;
  /** own-chain rules: the ref with its text, shared by every decision that traverses the rule (decide.ts) */
  hop: Readonly<{ table: 'nat'; chain: string; num: number; text: string }> | undefined;
  /** the full `-A CHAIN …` text, once asked for (ruleText) */
  text: string | undefined;
  /** KUBE-SERVICES entries: which destination they capture */
  via: 'clusterIP' | 'externalIP' | 'loadBalancer' | undefined;
  /** DNAT rules and endpoint picks: the endpoint's address (--to-destination) */
  epIP: string | undefined;
  epPort: number;
  /** endpoint picks: the endpoint's position in the chain's endpoint list, and the list's length */
  epIndex: number;
  epCount: number;
  /** `-m recent --set` list name */
  setName: string | undefined;
  ladderRules: RuleSpec[] | undefined;
  tailRules: RuleSpec[] | undefined;
  /** DNAT rules and endpoint picks: the endpoint */
  ep: EndpointState | undefined;
  // As written, and the unpacked flags (setFlags packs them into f).
  /** the M_* bits of m */
  k: number;
  /** A_*: what walking the rule does once it matched */
  act: number;
  /** a jump from the SVC/SVL chain to an endpoint (the load-balancing pick) */
  pick: boolean;
  /** a source-range rule of the KUBE-FW chain that lets the packet through */
  fwAllow: boolean;
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

/** RuleSpec.f: bits 0–8 the M_* bits, then the action, pick, fwAllow, and the -d and -s prefix lengths. */
export const F_ACT_SHIFT = 9;
export const F_PICK = 1 << 11;
export const F_FW_ALLOW = 1 << 12;
const F_DST_BITS_SHIFT = 13;
const F_SRC_BITS_SHIFT = 19;

/** The -d prefix length's mask, from f. */
export const dstMaskOf = (f: number): number => maskOf((f >>> F_DST_BITS_SHIFT) & 63);
/** The -s prefix length's mask, from f. */
export const srcMaskOf = (f: number): number => maskOf((f >>> F_SRC_BITS_SHIFT) & 63);

/** Pack k, act, pick, fwAllow and the prefix lengths into f (after any of them changed). */
export function setFlags(r: RuleSpec): void {
  r.f =
    r.k |
    (r.act << F_ACT_SHIFT) |
    (r.pick ? F_PICK : 0) |
    (r.fwAllow ? F_FW_ALLOW : 0) |
    ((r.m.dst ? r.m.dst.bits : 0) << F_DST_BITS_SHIFT) |
    ((r.m.src ? r.m.src.bits : 0) << F_SRC_BITS_SHIFT);
}

/** The rule's `-A CHAIN …` line, built on first use. */
export function ruleText(r: RuleSpec): string {
  return (r.text ??= `-A ${r.chain} ${r.body}`);
}

export type RuleInit = Pick<RuleSpec, 'chain' | 'body' | 'target'> & Partial<Pick<RuleSpec, 'comment' | 'ep' | 'via' | 'vip' | 'localhost' | 'reason'>> & { m: Partial<Match> };

/** The prefix mask of a /bits network as an int32 (0 for /0). */
function maskOf(bits: number): number {
  return bits <= 0 ? 0 : bits >= 32 ? -1 : -1 << (32 - bits);
}

/**
 * An equal string, newly allocated: the endpoint's address is read on every trace that picks it (packet
 * view, conntrack entry, route lookup), and a copy made with its rule sits next to the rule in memory
 * instead of wherever the endpoint controller allocated the original.
 */
function freshCopy(s: string): string {
  return s.split('').join('');
}

/** Build a rule with its matches compiled. */
export function rs(x: RuleInit): RuleSpec {
  const m = x.m;
  const match: Match = { src: m.src, dst: m.dst, proto: m.proto, dport: m.dport, srcLocal: m.srcLocal === true, dstLocal: m.dstLocal === true, prob: m.prob, rcheck: m.rcheck, set: m.set, k: 0 };
  match.k = mask(match);
  const r: RuleSpec = {
    f: 0,
    pd: (m.dport ?? 0) * 8 + (m.proto === undefined ? 0 : protoCode(m.proto, false)),
    dn: m.dst ? m.dst.net & maskOf(m.dst.bits) : 0,
    sn: m.src ? m.src.net & maskOf(m.src.bits) : 0,
    vk: x.vip !== undefined && ip4Key(x.vip) === ip4Key(x.vip) ? ip4Key(x.vip) : null,
    ladder: undefined,
    tail: undefined,
    ladderSteps: undefined,
    tailSteps: undefined,
    after: null,
    into: null,
    hop: undefined,
    text: undefined,
    via: x.via,
    epIP: x.ep ? freshCopy(x.ep.ip) : undefined,
    epPort: x.ep ? x.ep.port : 0,
    epIndex: 0,
    epCount: 1,
    setName: m.set,
    ladderRules: undefined,
    tailRules: undefined,
    ep: x.ep,
    k: match.k,
    act: A_NOTHING,
    pick: false,
    fwAllow: false,
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
  setFlags(r);
  return r;
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
  // Both made at their final size, one after the other (no growing): they are read together.
  const rules = list.slice(start);
  const probs = rules.map((r, i) => (i === rules.length - 1 ? NaN : r.m.prob!));
  if (start === 0) {
    list[0].ladder = probs;
    list[0].ladderRules = rules;
  } else {
    list[start - 1].tail = probs;
    list[start - 1].tailRules = rules;
  }
}
