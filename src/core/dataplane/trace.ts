// trace(state, request, rng): resolve the destination, then open `count` connections, each a new one,
// and follow every packet there and back. Returns hops and an outcome per connection, computed from
// the cluster's rules, never scripted.
import type { ClusterState } from '../cluster/state';
import { readCorefile } from '../controllers/corefile';
import type { DnsConfig } from '../controllers/coredns';
import { seededRng, TraceContext, type Origin, originIP, originLocation } from './context';
import { parseDestination, type Destination } from './destination';
import { resolveName } from './dns-path';
import { sendPacket } from './forward';
import { ingressIfController } from './ingress-path';
import { packet, Recorder, srcOf } from './recorder';
import { replyPath } from './reply';
import type { ConnectionResult, Trace, TraceRequest } from './types';

/** A request that cannot be traced as given (no such pod, unreadable destination). */
export class TraceInputError extends Error {
  constructor(
    message: string,
    public readonly kind: 'not-found' | 'usage',
  ) {
    super(message);
  }
}

export function resolveOrigin(state: ClusterState, req: TraceRequest): Origin {
  const f = req.from;
  if (f.kind === 'external') return { kind: 'external', ip: f.ip, at: undefined };
  if (f.kind === 'node') {
    const node = state.index.nodeByName.get(f.name);
    if (!node) throw new TraceInputError(`node "${f.name}" not found (nodes: ${state.nodes.map((n) => n.name).join(', ')})`, 'not-found');
    return { kind: 'node', node, at: undefined };
  }
  const pod = state.index.podByKey.get(f.key);
  if (!pod) {
    const [, ns, name] = f.key.split('/');
    throw new TraceInputError(`pod "${name}" not found in namespace "${ns}"`, 'not-found');
  }
  if (!pod.nodeName || !pod.ip) throw new TraceInputError(`pod ${pod.namespace}/${pod.name} is Pending and has no IP yet${pod.pendingReason ? `: ${pod.pendingReason}` : ''}`, 'not-found');
  return { kind: 'pod', pod, at: undefined };
}

const corefileConfigs = new WeakMap<ClusterState, DnsConfig>();

/** CoreDNS's configuration from the kube-system/coredns ConfigMap, read once per state (no upstream records). */
export function corefileConfig(state: ClusterState): DnsConfig {
  let config = corefileConfigs.get(state);
  if (!config) {
    const cm = state.objects.find((o) => o.key === 'ConfigMap/kube-system/coredns');
    const corefile = (cm?.object.data as Record<string, string> | undefined)?.Corefile ?? null;
    config = { ...readCorefile(corefile, state.topology.net.clusterDomain).config, upstream: new Map() };
    corefileConfigs.set(state, config);
  }
  return config;
}

const NO_RESOLVE: ReadonlyMap<string, string> = new Map();

function newContext(state: ClusterState, req: TraceRequest, rng: () => number, start: number): TraceContext {
  const config = corefileConfig(state);
  const dns = req.upstreamDns && req.upstreamDns.size ? { ...config, upstream: req.upstreamDns } : config;
  const resolve = req.resolve && req.resolve.length ? new Map(req.resolve.map((r) => [r.host.toLowerCase(), r.ip])) : NO_RESOLVE;
  return new TraceContext(state, rng, dns, resolve, start);
}

export function trace(state: ClusterState, req: TraceRequest, rng: () => number = seededRng(state.seed)): Trace {
  const origin = resolveOrigin(state, req);
  const dest = parseDestination(req.to, req.protocol);
  if ('error' in dest) throw new TraceInputError(dest.error, 'usage');
  const start = req.startMs ?? 0;
  const ctx = newContext(state, req, rng, start);
  const count = Math.max(1, req.count ?? 1);
  const interval = req.intervalMs ?? 1000;

  let ip = dest.host;
  if (!dest.isIP) {
    const r = resolveName(ctx, origin, dest.host);
    if (!r.ok) {
      const dnsOnly: ConnectionResult = { seq: 1, time: start, outcome: r.outcome, reason: r.reason, backend: null, http: null, hops: ctx.rec.hops, reply: { hops: [], seenSource: null } };
      return asTrace(dnsOnly, [dnsOnly], count > 1 ? [] : null);
    }
    ip = r.ips[0];
  }
  // (One connection, the usual case: a one-element array, not one grown by push.)
  const connections: ConnectionResult[] = count === 1 ? [connect(ctx, origin, dest, ip, 1, start)] : [];
  for (let i = connections.length; i < count; i++) {
    if (i > 0) ctx.rec = new Recorder(start + i * interval);
    connections.push(connect(ctx, origin, dest, ip, i + 1, start + i * interval));
  }
  return asTrace(connections[0], connections, count > 1 ? distribution(connections) : null);
}

/** The first connection's fields plus the run's (written out: this is on the hot path of every trace). */
function asTrace(c: ConnectionResult, connections: ConnectionResult[], dist: Trace['distribution']): Trace {
  return { seq: c.seq, time: c.time, outcome: c.outcome, reason: c.reason, backend: c.backend, http: c.http, hops: c.hops, reply: c.reply, connections, distribution: dist };
}

const RESPONSE_NOTE = { TCP: 'response', UDP: 'response', SCTP: 'response', ICMP: 'echo-reply' } as const;

function connect(ctx: TraceContext, origin: Origin, dest: Destination, ip: string, seq: number, time: number): ConnectionResult {
  const pkt = packet(originIP(origin), dest.protocol === 'ICMP' ? 0 : ctx.nextPort(), ip, dest.port ?? 0, dest.protocol);
  const path = sendPacket(ctx, origin, pkt);
  // Each connection has its own recorder (trace() makes a new one before the next), so its hop list
  // is handed out as is.
  const all = ctx.rec.hops;
  if (path.outcome !== 'delivered' || !path.server) {
    return { seq, time, outcome: path.outcome, reason: path.reason, backend: null, http: null, hops: all, reply: { hops: [], seenSource: null } };
  }
  const viaIngress = dest.scheme ? ingressIfController(ctx, path, dest, originLocation(origin)) : null;
  if (viaIngress) return { seq, time, ...viaIngress };
  const forwardCount = all.length;
  const status = dest.scheme ? (path.httpStatus ?? 200) : null;
  replyPath(ctx, path, originLocation(origin), dest.scheme ? 'http-response' : RESPONSE_NOTE[dest.protocol], { status });
  const server = path.server;
  const seenSource = srcOf(path.packet) ?? `${path.packet.src}:${path.packet.srcPort}`;
  const replyHops = all.splice(forwardCount);
  return {
    seq,
    time,
    outcome: 'delivered',
    reason: path.reason,
    backend: {
      pod: server.kind === 'pod' ? server.route.ref : null,
      node: server.kind === 'pod' ? server.route.nodeName : server.kind === 'node' ? server.node.name : null,
      ip: path.packet.dst,
      port: path.packet.dstPort,
      seenSource,
    },
    http: status ? { status } : null,
    hops: all,
    reply: { hops: replyHops, seenSource },
  };
}

function distribution(cs: ConnectionResult[]): NonNullable<Trace['distribution']> {
  const m = new Map<string, { pod: string | null; ip: string; port: number; count: number }>();
  for (const c of cs) {
    if (!c.backend) continue;
    const k = `${c.backend.ip}:${c.backend.port}`;
    const e = m.get(k) ?? { pod: c.backend.pod, ip: c.backend.ip, port: c.backend.port, count: 0 };
    e.count++;
    m.set(k, e);
  }
  return [...m.values()].sort((a, b) => b.count - a.count || (a.ip < b.ip ? -1 : 1));
}
