// One packet from its origin to whatever answers it: into the first node's netfilter (kube-proxy's
// DNAT, REJECT or DROP), SNAT on the way out where kube-proxy marked it, routing between nodes over the
// CNI's per-node pod routes, and delivery to a listening socket. Records every translation so that the
// reply can be walked back through conntrack (reply.ts).
import type { EndpointState, NodeState, PodState } from '../cluster/state';
import { decide } from '../controllers/kube-proxy';
import { parseCIDR4 } from '../net/ipv4';
import { healthCheckNodePortResponse } from '../controllers/load-balancer';
import { servicePortKey } from '../cluster/state';
import { originIP, originLocation, type Origin, type TraceContext } from './context';
import { ctEntry, ctTuple, dstOf, LATENCY, packet, srcOf, type Packet } from './recorder';
import type { HopRule, Outcome } from './types';
import { listensOn, podRoute, type PodRoute } from './routes';

export interface Translation {
  kind: 'dnat' | 'snat';
  /** the node whose conntrack table holds the entry (its name, and the node itself for cheap comparisons) */
  node: string;
  nodeState: NodeState;
  before: Packet;
  after: Packet;
  /** the conntrack entry's original and reply tuples (ctTuple) */
  ctOrig: string;
  ctReply: string;
}

/** Who answered. A pod carries its routing record (hop location, "NS/NAME", node). */
export type Server = { kind: 'pod'; pod: PodState; route: PodRoute } | { kind: 'node'; node: NodeState } | { kind: 'internet'; ip: string };

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

const nodeLoc = (n: NodeState) => `node/${n.name}`;

function fail(outcome: Outcome, reason: string, packet: Packet, translations: Translation[], endpoint: EndpointState | null = null, serviceKey: string | null = null): PathResult {
  return { outcome, reason, packet, server: null, translations, endpoint, serviceKey };
}

/** Where an external client's packet first lands: a node (by its IP, or announced by the load balancer). */
function externalEntry(ctx: TraceContext, pkt: Packet): { node: NodeState } | { fail: PathResult } {
  const { index } = ctx.state;
  const node = index.nodeByIP.get(pkt.dst);
  if (node) {
    ctx.rec.add('external', 'routing', 'route', pkt, pkt, 'to-node-ip', LATENCY.external).facts = { node: node.name };
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
      ctx.rec.add('loadbalancer', 'load-balancer', 'lost', pkt, pkt, 'lb-no-announcer', LATENCY.external).facts = { service: svc.key };
      return { fail: fail('no_response', 'lb-no-announcer', pkt, []) };
    }
    const sorted = [...candidates].sort((a, b) => (a.name < b.name ? -1 : 1));
    const chosen = sorted[hashPick(svc.key, sorted.length)];
    ctx.rec.add('loadbalancer', 'load-balancer', 'announce', pkt, pkt, 'lb-l2-announce', LATENCY.external).facts = { node: chosen.name, ip: pkt.dst, service: svc.key };
    return { node: chosen };
  }
  const why = index.serviceByClusterIP.has(pkt.dst) ? 'clusterip-from-outside' : index.podByIP.has(pkt.dst) ? 'podip-from-outside' : 'unknown-host';
  ctx.rec.add('external', 'routing', 'lost', pkt, pkt, why, LATENCY.external);
  return { fail: fail('no_response', why, pkt, []) };
}

function hashPick(key: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return h % n;
}

const SEND_NOTE = { TCP: 'send-tcp', UDP: 'send-udp', SCTP: 'send-sctp', ICMP: 'send-icmp' } as const;
const DNAT_NOTE = { clusterIP: 'dnat-clusterIP', nodePort: 'dnat-nodePort', externalIP: 'dnat-externalIP', loadBalancer: 'dnat-loadBalancer' } as const;

/** Send `pkt` from `origin` and follow it until something answers, refuses, drops or loses it. */
export function sendPacket(ctx: TraceContext, origin: Origin, pkt0: Packet): PathResult {
  const { state, rec } = ctx;
  const translations: Translation[] = [];
  let pkt = pkt0;
  rec.add(originLocation(origin), 'client', 'send', pkt, pkt, SEND_NOTE[pkt.proto]);

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

  // The context supplies decide()'s rng, affinity table and clock (`now` is the recorder's time).
  const d = decide(state, node.name, { src: pkt.src, srcPort: pkt.srcPort, dst: pkt.dst, dstPort: pkt.dstPort, proto: pkt.proto, origin: entry }, ctx);
  // The decision's rules carry their iptables-save text already.
  const rules = d.rules;
  const last = rules.length ? rules[rules.length - 1] : null;
  const at = nodeLoc(node);
  if (d.action === 'reject' || d.action === 'drop') {
    const h = rec.add(at, 'kube-proxy', d.action, pkt, pkt, d.reason);
    h.rule = last;
    if (rules.length) h.rules = rules;
    h.facts = { service: d.service };
    return fail(d.action === 'reject' ? 'refused' : 'dropped', d.reason, pkt, translations, null, d.service);
  }
  let endpoint: EndpointState | null = null;
  let serviceKey: string | null = null;
  let masquerade = false;
  if (d.action === 'dnat') {
    endpoint = d.endpoint;
    serviceKey = d.service;
    const after = packet(pkt.src, pkt.srcPort, d.toIP, d.toPort, pkt.proto, srcOf(pkt));
    const h = rec.add(at, 'kube-proxy', 'dnat', pkt, after, DNAT_NOTE[d.via]);
    h.rule = last;
    if (rules.length) h.rules = rules;
    h.probability = d.probability;
    const ctOrig = ctTuple(pkt.proto, pkt.src, pkt.dst, pkt.srcPort, pkt.dstPort);
    const ctReply = ctTuple(pkt.proto, after.dst, pkt.src, after.dstPort, pkt.srcPort);
    h.conntrack = ctEntry(pkt.proto, 'NEW', ctOrig, ctReply);
    h.facts = { service: d.service, port: d.servicePort, endpointIndex: d.endpointIndex + 1, endpointCount: d.endpointCount, pickProbability: d.pickProbability, affinity: d.affinity };
    translations.push({ kind: 'dnat', node: node.name, nodeState: node, before: pkt, after, ctOrig, ctReply });
    pkt = after;
    masquerade = d.masquerade;
  } else if (state.index.serviceByClusterIP.has(pkt.dst) || state.index.serviceByExternalIP.has(pkt.dst)) {
    const h = rec.add(at, 'kube-proxy', 'pass', pkt, pkt, pkt.proto === 'ICMP' ? 'no-rule-icmp' : 'no-rule-port');
    if (rules.length) h.rules = rules;
  }
  return route(ctx, node, pkt, translations, masquerade, endpoint, serviceKey);
}

// kube-proxy writes exactly three KUBE-POSTROUTING rules; the MASQUERADE is the third.
const MASQUERADE_RULE: HopRule = Object.freeze({
  table: 'nat',
  chain: 'KUBE-POSTROUTING',
  num: 3,
  text: '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
});

/** Source NAT to the node's address on the way out: kube-proxy's MASQUERADE, or the CNI's. */
function snat(ctx: TraceContext, node: NodeState, pkt: Packet, translations: Translation[], note: 'masquerade-kube-proxy' | 'masquerade-cni'): Packet {
  const after = packet(node.internalIP, pkt.proto === 'ICMP' ? 0 : ctx.nextPort(), pkt.dst, pkt.dstPort, pkt.proto, null, dstOf(pkt));
  const kubeProxy = note === 'masquerade-kube-proxy';
  const h = ctx.rec.add(nodeLoc(node), kubeProxy ? 'kube-proxy' : 'routing', 'snat', pkt, after, note);
  if (kubeProxy) h.rule = MASQUERADE_RULE;
  const ctOrig = ctTuple(pkt.proto, pkt.src, pkt.dst, pkt.srcPort, pkt.dstPort);
  const ctReply = ctTuple(pkt.proto, after.dst, after.src, after.dstPort, after.srcPort);
  h.conntrack = ctEntry(pkt.proto, 'NEW', ctOrig, ctReply);
  translations.push({ kind: 'snat', node: node.name, nodeState: node, before: pkt, after, ctOrig, ctReply });
  return after;
}

/** Routing after NAT: to a pod (local or on another node), to a node, or out of the cluster. */
function route(ctx: TraceContext, node: NodeState, pkt0: Packet, translations: Translation[], masquerade: boolean, endpoint: EndpointState | null, serviceKey: string | null): PathResult {
  const { state, rec } = ctx;
  const { index } = state;
  let pkt = pkt0;
  if (masquerade) pkt = snat(ctx, node, pkt, translations, 'masquerade-kube-proxy');

  const pr = podRoute(state, pkt.dst);
  if (pr && pr.nodeName) {
    let at = nodeLoc(node);
    // The same node exactly when the pod's node is this node object (one NodeState per name).
    if (pr.node !== node) {
      // (A pod is only bound to a node the state has; a dangling nodeName would have no route.)
      if (pr.node === undefined) throw new TypeError(`pod ${pr.ref} is bound to unknown node ${pr.nodeName}`);
      rec.add(at, 'routing', 'route', pkt, pkt, 'to-node', LATENCY.node).facts = { via: pr.nodeIP, podCIDR: pr.podCIDR, node: pr.nodeName };
      at = pr.nodeAt;
    }
    rec.add(at, 'routing', 'route', pkt, pkt, 'to-pod').facts = { pod: pr.ref };
    return deliverToPod(ctx, pr, pkt, translations, endpoint, serviceKey);
  }
  const dstNode = index.nodeByIP.get(pkt.dst);
  if (dstNode) {
    if (dstNode.name !== node.name) {
      rec.add(nodeLoc(node), 'routing', 'route', pkt, pkt, 'to-node', LATENCY.node).facts = { via: dstNode.internalIP, node: dstNode.name };
    }
    return deliverToNode(ctx, dstNode, pkt, translations, endpoint, serviceKey);
  }
  if (index.serviceByClusterIP.has(pkt.dst)) {
    const why = pkt.proto === 'ICMP' ? 'clusterip-icmp' : 'clusterip-port-not-served';
    rec.add(nodeLoc(node), 'routing', 'lost', pkt, pkt, why);
    return fail('no_response', why, pkt, translations, endpoint, serviceKey);
  }
  if (isPodCIDR(state.topology.net.podSubnet, pkt.dst)) {
    rec.add(nodeLoc(node), 'routing', 'lost', pkt, pkt, 'no-such-pod');
    return fail('no_response', 'no-such-pod', pkt, translations, endpoint, serviceKey);
  }
  // Leaving the cluster: kindnet masquerades pod traffic to destinations outside the cluster.
  if (!masquerade && !index.nodeByIP.has(pkt.src)) pkt = snat(ctx, node, pkt, translations, 'masquerade-cni');
  const known = knownOutside(ctx, pkt.dst);
  rec.add(nodeLoc(node), 'routing', 'route', pkt, pkt, 'to-internet', LATENCY.external);
  if (!known) {
    rec.add('external', 'internet', 'lost', pkt, pkt, 'unknown-host');
    return fail('no_response', 'unknown-host', pkt, translations, endpoint, serviceKey);
  }
  rec.add('external', 'internet', 'deliver', pkt, pkt, 'external-host');
  return { outcome: 'delivered', reason: 'external-host', packet: pkt, server: { kind: 'internet', ip: pkt.dst }, translations, endpoint, serviceKey };
}

/** Some public DNS record (--upstream-dns, or the Corefile's hosts) names this address: a host answers there. */
function knownOutside(ctx: TraceContext, ip: string): boolean {
  for (const ips of ctx.dns.upstream.values()) if (ips.includes(ip)) return true;
  for (const ips of ctx.dns.hosts.values()) if (ips.includes(ip)) return true;
  return false;
}

function isPodCIDR(podSubnet: string, ip: string): boolean {
  return parseCIDR4(podSubnet)?.contains(ip) ?? false;
}

function deliverToPod(ctx: TraceContext, pr: PodRoute, pkt: Packet, translations: Translation[], endpoint: EndpointState | null, serviceKey: string | null): PathResult {
  if (pkt.proto !== 'ICMP' && !listensOn(pr, pkt.dstPort, pkt.proto)) {
    ctx.rec.add(pr.at, 'container', 'reject', pkt, pkt, pkt.proto === 'TCP' ? 'not-listening-rst' : 'not-listening-icmp').facts = { port: pkt.dstPort };
    return fail('refused', 'not-listening', pkt, translations, endpoint, serviceKey);
  }
  ctx.rec.add(pr.at, 'container', 'deliver', pkt, pkt, pkt.proto === 'ICMP' ? 'echo-request' : 'accepted').facts = { pod: pr.ref };
  return { outcome: 'delivered', reason: 'delivered', packet: pkt, server: { kind: 'pod', pod: pr.pod, route: pr }, translations, endpoint, serviceKey };
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
    ctx.rec.add(at, 'kube-proxy', 'deliver', pkt, pkt, 'healthcheck-nodeport').facts = { service: hc.key, status: r.status };
    return { outcome: 'delivered', reason: 'healthcheck-nodeport', packet: pkt, server: { kind: 'node', node }, translations, endpoint, serviceKey: hc.key, httpStatus: r.status };
  }
  const l = NODE_LISTENERS.find((x) => x.port === pkt.dstPort && x.proto === pkt.proto && (!x.role || x.role === node.role));
  if (pkt.proto !== 'ICMP' && !l) {
    ctx.rec.add(at, 'node', 'reject', pkt, pkt, 'node-port-closed').facts = { port: pkt.dstPort };
    return fail('refused', 'node-port-closed', pkt, translations, endpoint, serviceKey);
  }
  ctx.rec.add(at, 'node', 'deliver', pkt, pkt, l ? 'node-process' : 'echo-request').facts = { process: l?.what ?? null };
  return { outcome: 'delivered', reason: 'delivered', packet: pkt, server: { kind: 'node', node }, translations, endpoint, serviceKey };
}

export { originIP };
