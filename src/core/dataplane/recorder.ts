// Builds the hop list of one connection: sequence numbers, the cluster clock, address formatting.
// This is the hot path of every trace (the benchmark runs 200,000 a second), hence: packets are
// immutable and format their "IP:PORT" view once, hops are created with one fixed shape and no
// intermediate init object, and the caller sets the few optional fields on the hop it gets back.
import type { Action, Component, Hop, HopLocation, L4, PacketView } from './types';

/** A packet in flight. Never mutated: a rewrite makes a new packet (packet()), so the view can be cached. */
export interface Packet {
  readonly src: string;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  readonly proto: L4;
  /** the PacketView hops show, made on first use (view()) */
  v: PacketView | null;
  /** the "IP:PORT" strings of its source and destination when another packet's view already has them */
  readonly sv: string | null;
  readonly dv: string | null;
}

/**
 * A packet. A rewrite keeps one end of the packet, and the reply swaps the request's ends: pass that
 * end's view string (`sv`, `dv`, from srcOf/dstOf) and the view reuses it instead of formatting it again.
 */
export function packet(src: string, srcPort: number, dst: string, dstPort: number, proto: L4, sv: string | null = null, dv: string | null = null): Packet {
  return { src, srcPort, dst, dstPort, proto, v: null, sv, dv };
}

/** The packet as hops show it ("IP:PORT", ICMP: "IP"); hops that see the same packet share one view. */
export function view(p: Packet): PacketView {
  return (p.v ??=
    p.proto === 'ICMP' ? { src: p.src, dst: p.dst, proto: p.proto } : { src: p.sv ?? `${p.src}:${p.srcPort}`, dst: p.dv ?? `${p.dst}:${p.dstPort}`, proto: p.proto });
}

/** The "IP:PORT" of the packet's source / destination (null for ICMP, whose views have no ports). */
export const srcOf = (p: Packet): string | null => (p.proto === 'ICMP' ? null : view(p).src);
export const dstOf = (p: Packet): string | null => (p.proto === 'ICMP' ? null : view(p).dst);

/** Simulated latencies (ms): inside a node, between nodes, to and from the outside world. */
export const LATENCY = { local: 0.05, node: 0.2, external: 1 } as const;

export class Recorder {
  readonly hops: Hop[] = [];
  constructor(public time: number) {}
  /**
   * Record a hop that moved `before` to `after` (the same packet when nothing was rewritten). The hop's
   * optional fields (rule, rules, probability, conntrack, facts) start empty; the caller sets them.
   */
  add(at: HopLocation, component: Component, action: Action, before: Packet, after: Packet, note: string, latency: number = LATENCY.local): Hop {
    this.time = Math.round((this.time + latency) * 1000) / 1000;
    // One object shape for every hop (absent optional fields are undefined, which JSON omits).
    const hop: Hop = {
      seq: this.hops.length + 1,
      at,
      time: this.time,
      component,
      action,
      rule: null,
      rules: undefined,
      probability: null,
      conntrack: null,
      before: view(before),
      after: view(after),
      note,
      facts: undefined,
    };
    this.hops.push(hop);
    return hop;
  }
}

const CT_HEAD: Record<L4, string> = { TCP: 'tcp 6', UDP: 'udp 17', SCTP: 'sctp 132', ICMP: 'icmp 1' };

/** One direction of a conntrack entry as `conntrack -L` prints it: "src=A dst=B sport=a dport=b" (ICMP: no ports). */
export function ctTuple(proto: L4, src: string, dst: string, sport: number, dport: number): string {
  return proto === 'ICMP' ? `src=${src} dst=${dst}` : `src=${src} dst=${dst} sport=${sport} dport=${dport}`;
}

/**
 * conntrack -L style: protocol, state, the original tuple and the reply tuple the kernel expects back.
 * The entry a NAT creates and the one the reply finds are the same tuples in another state, so the
 * translation keeps its two tuple strings and the reply path reuses them.
 */
export function ctEntry(proto: L4, state: string, orig: string, reply: string): string {
  return `${CT_HEAD[proto]} ${state} ${orig} ${reply}`;
}
