// Builds the hop list of one connection: sequence numbers, the cluster clock, address formatting.
import type { Action, Component, Hop, HopLocation, HopRule, L4, PacketView } from './types';

/** A packet in flight: addresses as numbers would be faster, but traces are short and strings read well. */
export interface Packet {
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  proto: L4;
}

export const view = (p: Packet): PacketView =>
  p.proto === 'ICMP' ? { src: p.src, dst: p.dst, proto: p.proto } : { src: `${p.src}:${p.srcPort}`, dst: `${p.dst}:${p.dstPort}`, proto: p.proto };

export const addr = (ip: string, port: number): string => `${ip}:${port}`;

/** Simulated latencies (ms): inside a node, between nodes, to and from the outside world. */
export const LATENCY = { local: 0.05, node: 0.2, external: 1 } as const;

export interface HopInit {
  at: HopLocation;
  component: Component;
  action: Action;
  before: Packet;
  after?: Packet;
  rule?: HopRule | null;
  rules?: HopRule[];
  probability?: number | null;
  conntrack?: string | null;
  note: string;
  facts?: Hop['facts'];
  latency?: number;
}

export class Recorder {
  readonly hops: Hop[] = [];
  constructor(public time: number) {}
  add(h: HopInit): Hop {
    this.time = Math.round((this.time + (h.latency ?? LATENCY.local)) * 1000) / 1000;
    const before = view(h.before);
    // One object shape for every hop (absent optional fields are undefined, which JSON omits).
    const hop: Hop = {
      seq: this.hops.length + 1,
      at: h.at,
      time: this.time,
      component: h.component,
      action: h.action,
      rule: h.rule ?? null,
      rules: h.rules && h.rules.length ? h.rules : undefined,
      probability: h.probability ?? null,
      conntrack: h.conntrack ?? null,
      before,
      after: h.after && h.after !== h.before ? view(h.after) : before,
      note: h.note,
      facts: h.facts,
    };
    this.hops.push(hop);
    return hop;
  }
}

/** conntrack -L style: the original tuple and the reply tuple the kernel expects back. */
export function conntrackEntry(orig: Packet, reply: Packet, state = 'NEW'): string {
  const p = orig.proto.toLowerCase();
  const num = orig.proto === 'TCP' ? 6 : orig.proto === 'UDP' ? 17 : orig.proto === 'SCTP' ? 132 : 1;
  const ports = (x: Packet) => (x.proto === 'ICMP' ? '' : ` sport=${x.srcPort} dport=${x.dstPort}`);
  return `${p} ${num} ${state} src=${orig.src} dst=${orig.dst}${ports(orig)} src=${reply.src} dst=${reply.dst}${ports(reply)}`;
}
