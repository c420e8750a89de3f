// One packet from its origin to whatever answers it: into the first node's netfilter (kube-proxy's
// DNAT, REJECT or DROP), SNAT on the way out where kube-proxy marked it, routing between nodes over the
// CNI's per-node pod routes, and delivery to a listening socket. Records every translation so that the
// reply can be walked back through conntrack (reply.ts).
import type { EndpointState, NodeState, PodState } from '../cluster/state';
import { decide } from '../controllers/kube-proxy';
import { parseCIDR4 } from '../net/ipv4';
import { healthCheckNodePortResponse } from '../controllers/load-balancer';
import { servicePortKey } from '../cluster/state';
import { hopRule, originIP, originLocation, type Origin, type TraceContext } from './context';
import { conntrackEntry, LATENCY, type Packet } from './recorder';
import type { Outcome } from './types';

export interface Translation {
  kind: 'dnat' | 'snat';
  /** the node whose conntrack table holds the entry */
  node: string;
  before: Packet;
  after: Packet;
}

export type Server = { kind: 'pod'; pod: PodState } | { kind: 'node'; node: NodeState } | { kind: 'internet'; ip: string };

export interface PathResult {
  outcome: Outcome;
  reason: string;
  /** the packet as the server received it (or as it was when it died) */
  packet: Packet;
  server: Server | null;
  translations: Translation[];
  /** the kube-proxy decision's endpoint, when one was picked */
  endpoint: EndpointState | null;
  serviceKey: string | null;
  /** an HTTP status the server itself decided (kube-proxy's health-check server answering 503) */
  httpStatus?: number;
}

const podLoc = (p: PodState) => `pod/${p.namespace}/${p.name}`;
const nodeLoc = (n: NodeState) => `node/${n.name}`;

function fail(outcome: Outcome, reason: string, packet: Packet, translations: Translation[], endpoint: EndpointState | null = null, serviceKey: string | null = null): PathResult {
  return { outcome, reason, packet, server: null, translations, endpoint, serviceKey };
}

/** Where an external client's packet first lands: a node (by its IP, or announced by the load balancer). */
function externalEntry(ctx: TraceContext, pkt: Packet): { node: NodeState } | { fail: PathResult } {
  const { index } = ctx.state;
  const node = index.nodeByIP.get(pkt.dst);
  if (node) {
    ctx.rec.add({ at: 'external', component: 'routing', action: 'route', before: pkt, note: 'to-node-ip', facts: { node: node.name }, latency: LATENCY.external });
    return { node };
  }
  const svcs = index.serviceByExternalIP.get(pkt.dst);
  if (svcs && svcs.length) {
    const svc = svcs[0];
    // MetalLB L2: one node answers ARP for the address. With externalTrafficPolicy Local only nodes with a
    // ready local endpoint announce it; control-plane nodes labelled exclude-from-external-load-balancers never do.
    let candidates = ctx.state.nodes.filter((n) => !('node.kubernetes.io/exclude-from-external-load-balancers' in n.labels) && n.ready);
    if (svc.externalTrafficPolicy === 'Local') {
      const local = new Set<string>();
      for (const p of svc.ports) for (const e of index.endpoints.get(`${svc.namespace}/${svc.name}:${p.name}/${p.protocol}`) ?? []) if (e.ready && e.nodeName) local.add(e.nodeName);
      candidates = candidates.filter((n) => local.has(n.name));
    }
    if (candidates.length === 0) {
      ctx.rec.add({ at: 'loadbalancer', component: 'load-balancer', action: 'lost', before: pkt, note: 'lb-no-announcer', facts: { service: svc.key }, latency: LATENCY.external });
      return { fail: fail('no_response', 'lb-no-announcer', pkt, []) };
    }
    const sorted = [...candidates].sort((a, b) => (a.name < b.name ? -1 : 1));
    const chosen = sorted[hashPick(svc.key, sorted.length)];
    ctx.rec.add({ at: 'loadbalancer', component: 'load-balancer', action: 'announce', before: pkt, note: 'lb-l2-announce', facts: { node: chosen.name, ip: pkt.dst, service: svc.key }, latency: LATENCY.external });
    return { node: chosen };
  }
  const why = index.serviceByClusterIP.has(pkt.dst) ? 'clusterip-from-outside' : index.podByIP.has(pkt.dst) ? 'podip-from-outside' : 'unknown-host';
  ctx.rec.add({ at: 'external', component: 'routing', action: 'lost', before: pkt, note: why, latency: LATENCY.external });
  return { fail: fail('no_response', why, pkt, []) };
}

function hashPick(key: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return h % n;
}

/** Send `pkt` from `origin` and follow it until something answers, refuses, drops or loses it. */
export function sendPacket(ctx: TraceContext, origin: Origin, pkt0: Packet): PathResult {
  const { state, rec } = ctx;
  const translations: Translation[] = [];
  let pkt = { ...pkt0 };
  rec.add({ at: originLocation(origin), component: 'client', action: 'send', before: pkt, note: `send-${pkt.proto.toLowerCase()}` });

  let node: NodeState;
  let entry: 'local-pod' | 'local-host' | 'external';
  if (origin.kind === 'external') {
    const e = externalEntry(ctx, pkt);
    if ('fail' in e) return e.fail;
    node = e.node;
    entry = 'external';
  } else if (origin.kind === 'node') {
    node = origin.node;
    entry = 'local-host';
  } else {
    node = state.index.nodeByName.get(origin.pod.nodeName!)!;
    entry = origin.pod.hostNetwork ? 'local-host' : 'local-pod';
  }

  const d = decide(state, node.name, { src: pkt.src, srcPort: pkt.srcPort, dst: pkt.dst, dstPort: pkt.dstPort, proto: pkt.proto, origin: entry }, {
    rng: ctx.rng,
    affinity: ctx.affinity,
    now: rec.time,
  });
  const rules = d.rules.map((r) => hopRule(state, node.name, r));
  const last = rules[rules.length - 1] ?? null;
  let endpoint: EndpointState | null = null;
  let serviceKey: string | null = null;
  if (d.action === 'reject' || d.action === 'drop') {
    rec.add({ at: nodeLoc(node), component: 'kube-proxy', action: d.action, before: pkt, rule: last, rules, note: d.reason, facts: { service: d.service } });
    return fail(d.action === 'reject' ? 'refused' : 'dropped', d.reason, pkt, translations, null, d.service);
  }
  let masquerade = false;
  if (d.action === 'dnat') {
    endpoint = d.endpoint;
    serviceKey = d.service;
    const after = { ...pkt, dst: d.endpoint.ip, dstPort: d.endpoint.port };
    rec.add({
      at: nodeLoc(node),
      component: 'kube-proxy',
      action: 'dnat',
      before: pkt,
      after,
      rule: last,
      rules,
      probability: d.probability,
      conntrack: conntrackEntry(pkt, { ...after, src: after.dst, srcPort: after.dstPort, dst: pkt.src, dstPort: pkt.srcPort }),
      note: `dnat-${d.via}`,
      facts: { service: d.service, port: d.servicePort, endpointIndex: d.endpointIndex + 1, endpointCount: d.endpointCount, pickProbability: d.pickProbability, affinity: d.affinity },
    });
    translations.push({ kind: 'dnat', node: node.name, before: pkt, after });
    pkt = after;
    masquerade = d.masquerade;
  } else if (state.index.serviceByClusterIP.has(pkt.dst) || state.index.serviceByExternalIP.has(pkt.dst)) {
    rec.add({ at: nodeLoc(node), component: 'kube-proxy', action: 'pass', before: pkt, rules, note: pkt.proto === 'ICMP' ? 'no-rule-icmp' : 'no-rule-port' });
  }
  return route(ctx, node, pkt, translations, masquerade, endpoint, serviceKey);
}

/** Routing after NAT: to a pod (local or on another node), to a node, or out of the cluster. */
function route(ctx: TraceContext, node: NodeState, pkt0: Packet, translations: Translation[], masquerade: boolean, endpoint: EndpointState | null, serviceKey: string | null): PathResult {
  const { state, rec } = ctx;
  const { index } = state;
  let pkt = pkt0;
  const snat = (note: string, rule: string | null) => {
    const after = { ...pkt, src: node.internalIP, srcPort: pkt.proto === 'ICMP' ? 0 : ctx.nextPort() };
    rec.add({
      at: nodeLoc(node),
      component: note === 'masquerade-kube-proxy' ? 'kube-proxy' : 'routing',
      action: 'snat',
      before: pkt,
      after,
      // kube-proxy writes exactly three KUBE-POSTROUTING rules; the MASQUERADE is the third.
      rule: rule ? { table: 'nat', chain: 'KUBE-POSTROUTING', num: 3, text: rule } : null,
      conntrack: conntrackEntry(pkt, { ...after, src: after.dst, srcPort: after.dstPort, dst: after.src, dstPort: after.srcPort }),
      note,
    });
    translations.push({ kind: 'snat', node: node.name, before: pkt, after });
    pkt = after;
  };
  if (masquerade) snat('masquerade-kube-proxy', '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully');

  const pod = index.podByIP.get(pkt.dst);
  const dstNode = index.nodeByIP.get(pkt.dst);
  if (pod && pod.nodeName) {
    if (pod.nodeName !== node.name) {
      const target = index.nodeByName.get(pod.nodeName)!;
      rec.add({ at: nodeLoc(node), component: 'routing', action: 'route', before: pkt, note: 'to-node', facts: { via: target.internalIP, podCIDR: target.podCIDR, node: target.name }, latency: LATENCY.node });
      node = target;
    }
    rec.add({ at: nodeLoc(node), component: 'routing', action: 'route', before: pkt, note: 'to-pod', facts: { pod: `${pod.namespace}/${pod.name}` } });
    return deliverToPod(ctx, pod, pkt, translations, endpoint, serviceKey);
  }
  if (dstNode) {
    if (dstNode.name !== node.name) {
      rec.add({ at: nodeLoc(node), component: 'routing', action: 'route', before: pkt, note: 'to-node', facts: { via: dstNode.internalIP, node: dstNode.name }, latency: LATENCY.node });
    }
    return deliverToNode(ctx, dstNode, pkt, translations, endpoint, serviceKey);
  }
  if (index.serviceByClusterIP.has(pkt.dst)) {
    rec.add({ at: nodeLoc(node), component: 'routing', action: 'lost', before: pkt, note: pkt.proto === 'ICMP' ? 'clusterip-icmp' : 'clusterip-port-not-served' });
    return fail('no_response', pkt.proto === 'ICMP' ? 'clusterip-icmp' : 'clusterip-port-not-served', pkt, translations, endpoint, serviceKey);
  }
  if (isPodCIDR(state.topology.net.podSubnet, pkt.dst)) {
    rec.add({ at: nodeLoc(node), component: 'routing', action: 'lost', before: pkt, note: 'no-such-pod' });
    return fail('no_response', 'no-such-pod', pkt, translations, endpoint, serviceKey);
  }
  // Leaving the cluster: kindnet masquerades pod traffic to destinations outside the cluster.
  if (!masquerade && !index.nodeByIP.has(pkt.src)) snat('masquerade-cni', null);
  const known = [...ctx.dns.upstream.values(), ...ctx.dns.hosts.values()].some((ips) => ips.includes(pkt.dst));
  rec.add({ at: nodeLoc(node), component: 'routing', action: 'route', before: pkt, note: 'to-internet', latency: LATENCY.external });
  if (!known) {
    rec.add({ at: 'external', component: 'internet', action: 'lost', before: pkt, note: 'unknown-host' });
    return fail('no_response', 'unknown-host', pkt, translations, endpoint, serviceKey);
  }
  rec.add({ at: 'external', component: 'internet', action: 'deliver', before: pkt, note: 'external-host' });
  return { outcome: 'delivered', reason: 'external-host', packet: pkt, server: { kind: 'internet', ip: pkt.dst }, translations, endpoint, serviceKey };
}

function isPodCIDR(podSubnet: string, ip: string): boolean {
  return parseCIDR4(podSubnet)?.contains(ip) ?? false;
}

/** Ports a container listens on: its declared containerPorts, or (declaring none) every port a Service targets at it. */
export function listens(ctx: TraceContext, pod: PodState, port: number, proto: string): boolean {
  let declared = false;
  for (const c of pod.containers) {
    for (const p of c.ports) {
      declared = true;
      if (p.containerPort === port && p.protocol === proto) return true;
    }
  }
  if (declared) return false;
  for (const eps of ctx.state.index.endpoints.values()) for (const e of eps) if (e.podKey === pod.key && e.port === port && e.protocol === proto) return true;
  return false;
}

function deliverToPod(ctx: TraceContext, pod: PodState, pkt: Packet, translations: Translation[], endpoint: EndpointState | null, serviceKey: string | null): PathResult {
  const at = podLoc(pod);
  if (pkt.proto !== 'ICMP' && !listens(ctx, pod, pkt.dstPort, pkt.proto)) {
    ctx.rec.add({ at, component: 'container', action: 'reject', before: pkt, note: pkt.proto === 'TCP' ? 'not-listening-rst' : 'not-listening-icmp', facts: { port: pkt.dstPort } });
    return fail('refused', 'not-listening', pkt, translations, endpoint, serviceKey);
  }
  ctx.rec.add({ at, component: 'container', action: 'deliver', before: pkt, note: pkt.proto === 'ICMP' ? 'echo-request' : 'accepted', facts: { pod: `${pod.namespace}/${pod.name}` } });
  return { outcome: 'delivered', reason: 'delivered', packet: pkt, server: { kind: 'pod', pod }, translations, endpoint, serviceKey };
}

/** Processes on a node that listen on its IP (host network): the API server on control-plane nodes, the kubelet. */
const NODE_LISTENERS: { port: number; proto: string; role?: 'control-plane'; what: string }[] = [
  { port: 6443, proto: 'TCP', role: 'control-plane', what: 'kube-apiserver' },
  { port: 10250, proto: 'TCP', what: 'kubelet' },
  { port: 10256, proto: 'TCP', what: 'kube-proxy healthz' },
];

function deliverToNode(ctx: TraceContext, node: NodeState, pkt: Packet, translations: Translation[], endpoint: EndpointState | null, serviceKey: string | null): PathResult {
  const at = nodeLoc(node);
  // kube-proxy's health-check server for externalTrafficPolicy: Local (load balancers probe it).
  const hc = pkt.proto === 'TCP' ? ctx.state.services.find((s) => s.healthCheckNodePort === pkt.dstPort) : undefined;
  if (hc) {
    const eps = hc.ports.flatMap((p) => ctx.state.index.endpoints.get(servicePortKey(hc, p)) ?? []);
    const r = healthCheckNodePortResponse({ service: hc, nodeName: node.name, endpoints: eps });
    ctx.rec.add({ at, component: 'kube-proxy', action: 'deliver', before: pkt, note: 'healthcheck-nodeport', facts: { service: hc.key, status: r.status } });
    return { outcome: 'delivered', reason: 'healthcheck-nodeport', packet: pkt, server: { kind: 'node', node }, translations, endpoint, serviceKey: hc.key, httpStatus: r.status };
  }
  const l = NODE_LISTENERS.find((x) => x.port === pkt.dstPort && x.proto === pkt.proto && (!x.role || x.role === node.role));
  if (pkt.proto !== 'ICMP' && !l) {
    ctx.rec.add({ at, component: 'node', action: 'reject', before: pkt, note: 'node-port-closed', facts: { port: pkt.dstPort } });
    return fail('refused', 'node-port-closed', pkt, translations, endpoint, serviceKey);
  }
  ctx.rec.add({ at, component: 'node', action: 'deliver', before: pkt, note: l ? 'node-process' : 'echo-request', facts: { process: l?.what ?? null } });
  return { outcome: 'delivered', reason: 'delivered', packet: pkt, server: { kind: 'node', node }, translations, endpoint, serviceKey };
}

export { originIP };
