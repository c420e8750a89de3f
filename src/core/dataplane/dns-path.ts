// Name resolution as the client experiences it. In a pod: the stub resolver walks /etc/resolv.conf's
// search list, and every query is itself a UDP packet to kube-dns's ClusterIP that kube-proxy DNATs
// to a CoreDNS pod. On a node: the node's own resolver, which knows nothing of cluster names. Outside:
// public DNS (--upstream-dns), curl's --resolve, and Ingress hosts pointing at the controller's address.
import type { PodState } from '../cluster/state';
import { corednsResolve, type DnsQuery, type DnsResponse, type RRType } from '../controllers/coredns';
import { resolvConf } from '../controllers/kubelet-dns';
import { stubResolve } from './stub-resolver';
import type { Origin, TraceContext } from './context';
import { originLocation } from './context';
import { sendPacket } from './forward';
import { replyPath } from './reply';
import { LATENCY, packet } from './recorder';
import type { Outcome } from './types';

export type Resolution =
  | { ok: true; ips: string[]; via: string }
  | { ok: false; outcome: Extract<Outcome, 'nxdomain' | 'dns_error' | 'no_response'>; reason: string };

const answersOf = (r: DnsResponse) => r.answers.filter((a) => a.type === 'A').map((a) => a.data);

function fromStub(rcode: DnsResponse['rcode'], ips: string[], hadCNAME: boolean, failure: string | null): Resolution {
  if (failure) return { ok: false, outcome: 'dns_error', reason: failure };
  if (rcode === 'SERVFAIL') return { ok: false, outcome: 'dns_error', reason: 'dns-servfail' };
  if (rcode === 'NOERROR' && ips.length) return { ok: true, ips, via: 'coredns' };
  return { ok: false, outcome: 'nxdomain', reason: hadCNAME ? 'cname-target-unresolved' : rcode === 'NOERROR' ? 'dns-nodata' : 'dns-nxdomain' };
}

/** One DNS query from a pod to its nameserver, as packets. */
function podQuery(ctx: TraceContext, origin: Origin & { kind: 'pod' }, nameserver: string, q: DnsQuery): DnsResponse | { unreachable: string } {
  const { state } = ctx;
  const pkt = packet(origin.pod.ip!, ctx.nextPort(), nameserver, 53, 'UDP');
  const first = ctx.rec.hops.length;
  const path = sendPacket(ctx, origin, pkt);
  const sent = ctx.rec.hops[first];
  sent.component = 'stub-resolver';
  sent.action = 'dns-query';
  sent.note = 'dns-query';
  sent.facts = { name: q.name, type: q.type };
  if (path.outcome !== 'delivered' || !path.server) return { unreachable: path.reason === 'no-endpoints' ? 'dns-no-endpoints' : `dns-${path.reason}` };
  let resp: DnsResponse;
  const server = path.server;
  if (server.kind === 'pod' && server.pod.labels['k8s-app'] === 'kube-dns') {
    resp = corednsResolve(state, ctx.dns, q);
    ctx.rec.add(`pod/${server.pod.namespace}/${server.pod.name}`, 'coredns', 'dns-answer', path.packet, path.packet, `dns-${resp.reason}`).facts = {
      name: q.name,
      type: q.type,
      rcode: resp.rcode,
      answers: resp.answers.map((a) => `${a.type} ${a.data}`).join(', '),
    };
  } else {
    resp = upstreamAnswer(ctx, q);
  }
  replyPath(ctx, path, originLocation(origin), 'dns-answer', { rcode: resp.rcode });
  return resp;
}

/** What the world's DNS (and a node's resolver) says: --upstream-dns and Corefile hosts entries. */
function upstreamAnswer(ctx: TraceContext, q: DnsQuery): DnsResponse {
  const name = q.name.replace(/\.$/, '');
  const ips = q.type === 'A' ? (ctx.dns.upstream.get(name) ?? ctx.dns.hosts.get(name)) : undefined;
  if (ips && ips.length) {
    return { rcode: 'NOERROR', answers: ips.map((ip) => ({ name: q.name, ttl: 300, type: 'A' as RRType, data: ip })), authority: [], additional: [], source: 'upstream', reason: 'upstream' };
  }
  return { rcode: 'NXDOMAIN', answers: [], authority: [], additional: [], source: 'none', reason: 'nxdomain' };
}

export function resolveName(ctx: TraceContext, origin: Origin, name: string): Resolution {
  const pinned = ctx.resolve.get(name);
  if (pinned) return { ok: true, ips: [pinned], via: 'resolve-flag' };
  if (origin.kind === 'pod') return resolveInPod(ctx, origin, origin.pod, name);
  const at = originLocation(origin);
  const domain = ctx.state.topology.net.clusterDomain;
  const q: DnsQuery = { name: name.endsWith('.') ? name : `${name}.`, type: 'A' };
  const query = packet(at === 'external' ? (origin as { ip: string }).ip : '0.0.0.0', 0, 'upstream', 53, 'UDP');
  ctx.rec.add(at, 'stub-resolver', 'dns-query', query, query, 'dns-query-upstream', LATENCY.external).facts = { name: q.name, type: 'A' };
  if (origin.kind === 'external') {
    const ingressIP = ingressHostAddress(ctx, name);
    if (ingressIP === 'pending') return { ok: false, outcome: 'nxdomain', reason: 'ingress-address-pending' };
    if (ingressIP) return { ok: true, ips: [ingressIP], via: 'ingress-host' };
  }
  const resp = upstreamAnswer(ctx, q);
  const clusterName = name.replace(/\.$/, '').endsWith(`.${domain}`) || !name.includes('.');
  if (resp.rcode !== 'NOERROR') return { ok: false, outcome: 'nxdomain', reason: origin.kind === 'node' && clusterName ? 'node-uses-host-dns' : 'dns-nxdomain' };
  return { ok: true, ips: answersOf(resp), via: 'upstream' };
}

function resolveInPod(ctx: TraceContext, origin: Origin & { kind: 'pod' }, pod: PodState, name: string): Resolution {
  const rc = resolvConf(ctx.state, pod);
  const nameserver = rc.nameservers[0];
  if (!nameserver) return { ok: false, outcome: 'dns_error', reason: 'no-nameserver' };
  let failure: string | null = null;
  let loop = false;
  const r = stubResolve(rc, name, 'A', (q) => {
    if (failure) return { rcode: 'SERVFAIL', answers: [], authority: [], additional: [], source: 'none', reason: failure };
    const resp = podQuery(ctx, origin, nameserver, q);
    if ('unreachable' in resp) {
      failure = resp.unreachable;
      return { rcode: 'SERVFAIL', answers: [], authority: [], additional: [], source: 'none', reason: failure };
    }
    if (resp.reason === 'cname-loop') loop = true;
    return resp;
  });
  // CoreDNS answers a CNAME loop with the CNAME and no address (NOERROR); the client cannot resolve
  // the name and reports a resolution error, which is how the trace classifies it.
  const ipsFound = r.answers.some((a) => a.type === 'A');
  if (loop && !ipsFound) return { ok: false, outcome: 'dns_error', reason: 'cname-loop' };
  const ips = r.answers.filter((a) => a.type === 'A').map((a) => a.data);
  return fromStub(r.rcode, ips, r.answers.some((a) => a.type === 'CNAME'), failure);
}

/**
 * An Ingress host, asked from outside: public DNS would point it at the ingress controller's external
 * address. Returns that address, 'pending' while the controller's LoadBalancer has none, or null.
 */
function ingressHostAddress(ctx: TraceContext, host: string): string | 'pending' | null {
  const { state } = ctx;
  const h = host.replace(/\.$/, '');
  const hit = state.objects.some((o) => {
    if (o.kind !== 'Ingress') return false;
    const rules = ((o.object.spec as { rules?: { host?: string }[] } | undefined)?.rules ?? []) as { host?: string }[];
    return rules.some((r) => r.host === h || (r.host?.startsWith('*.') && h.endsWith(r.host.slice(1)) && !h.slice(0, -r.host.length + 1).includes('.')));
  });
  if (!hit) return null;
  const ctl = state.index.serviceByKey.get('Service/ingress-nginx/ingress-nginx-controller' as never);
  if (!ctl || ctl.loadBalancerIPs.length === 0) return 'pending';
  return ctl.loadBalancerIPs[0];
}
