// The data plane's vocabulary: requests, hops and outcomes. Components and actions are closed lists so
// that the explain module, the CLI's JSON and the diagram can switch over them exhaustively.
import type { ObjectKey } from '../model/types';

export type L4 = 'TCP' | 'UDP' | 'SCTP' | 'ICMP';

export type TraceSource = { kind: 'external'; ip: string } | { kind: 'pod'; key: ObjectKey } | { kind: 'node'; name: string };

export interface TraceRequest {
  from: TraceSource;
  /** URL (http://host[:port]/path), HOST[:PORT], or IP[:PORT] */
  to: string;
  /** L4 protocol; URLs are HTTP(S) over TCP. Default TCP. */
  protocol?: L4;
  /** Number of connections (each a new one). Default 1. */
  count?: number;
  /** Cluster-clock time of the first connection and the gap between connections, in ms. */
  startMs?: number;
  intervalMs?: number;
  /** curl's --resolve HOST:IP */
  resolve?: { host: string; ip: string }[];
  /** Public DNS records the outside world (and CoreDNS's forward plugin) knows: name → IPs. */
  upstreamDns?: Map<string, string[]>;
}

/** Where a hop happened: "node/NAME", "pod/NS/NAME", "external", "loadbalancer". */
export type HopLocation = string;

export const COMPONENTS = [
  'client', // the program that opened the connection (curl, ping, dig)
  'stub-resolver', // the resolver library inside the client (glibc)
  'coredns',
  'kube-proxy', // the rules kube-proxy wrote into netfilter
  'conntrack', // the kernel's connection tracking reversing translations on replies
  'routing', // the node's routing table and the CNI's routes (kindnet)
  'load-balancer', // MetalLB (L2 mode): the node that answers for the external IP
  'ingress-nginx',
  'container', // the process in the destination pod
  'node', // a process on the node itself (host network)
  'upstream-dns',
  'internet',
] as const;
export type Component = (typeof COMPONENTS)[number];

export const ACTIONS = [
  'send', // a packet leaves the client
  'dns-query',
  'dns-answer',
  'route', // forwarded by routing (no address change)
  'dnat', // destination rewritten (kube-proxy KUBE-SEP DNAT)
  'snat', // source rewritten (KUBE-POSTROUTING MASQUERADE, or the CNI's masquerade to the outside)
  'pass', // netfilter traversed, no rule of kube-proxy matched
  'deliver', // the packet reached a listening socket
  'reject', // REJECT rule / ICMP port unreachable / TCP RST
  'drop', // DROP rule
  'lost', // nothing answers (no route, nobody at that address)
  'announce', // the load balancer answers for an external IP on one node
  'l7-route', // the ingress controller picked a backend by host and path
  'proxy', // the ingress controller opened a new connection to the backend
  'respond', // the server answered (HTTP status or echo reply)
  'un-dnat', // conntrack restored the original destination as the reply's source
  'un-snat', // conntrack restored the original source as the reply's destination
  'receive', // the reply reached the client
] as const;
export type Action = (typeof ACTIONS)[number];

export interface PacketView {
  /** "IP:PORT" (ICMP: "IP") */
  src: string;
  dst: string;
  proto: L4;
}

export interface HopRule {
  table: 'nat' | 'filter';
  chain: string;
  num: number;
  text: string | null;
}

export interface Hop {
  seq: number;
  at: HopLocation;
  time: number;
  component: Component;
  action: Action;
  /** The last rule that decided (e.g. the KUBE-SEP DNAT rule), and every rule traversed. */
  rule: HopRule | null;
  rules?: HopRule[];
  probability: number | null;
  conntrack: string | null;
  before: PacketView;
  after: PacketView;
  /** A reason/detail code the explain module turns into a sentence. */
  note: string;
  /** Structured facts for the sentence (endpoint index, chain, DNS name, HTTP status, …). */
  facts?: Record<string, string | number | boolean | null>;
}

export type Outcome = 'delivered' | 'refused' | 'dropped' | 'no_response' | 'nxdomain' | 'dns_error';

export interface Backend {
  pod: string | null; // "NS/NAME"
  node: string | null;
  ip: string;
  port: number;
  seenSource: string; // "IP:PORT" the server saw
}

export interface ConnectionResult {
  seq: number;
  time: number;
  outcome: Outcome;
  reason: string;
  backend: Backend | null;
  http: { status: number } | null;
  hops: Hop[];
  reply: { hops: Hop[]; seenSource: string | null };
}

export interface Trace extends ConnectionResult {
  /** Every connection when count > 1 (the top-level fields describe the first). */
  connections: ConnectionResult[];
  distribution: { pod: string | null; ip: string; port: number; count: number }[] | null;
}
