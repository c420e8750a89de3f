// "Send a request here": sensible requests to a diagram element (Service, Ingress, node, pod), as
// drafts for the request composer. Pure: cluster in, drafts out (the context menu hands them to the UI
// store's setDraft). The defaults follow how people test each thing from a shell:
// - ClusterIP Service: curl its DNS name from a client pod (one the Service does not select), or the
//   ClusterIP from a node when no such pod exists (a node's resolver knows no cluster names);
// - NodePort / LoadBalancer: from the outside world to the external IP, else to NODE_IP:nodePort;
// - Ingress: from outside to http://HOST/PATH; while the controller's external IP is <pending>, curl
//   --resolve HOST:NODE_IP to the controller's NodePort (what people do on kind);
// - node: each NodePort on that node's IP; a pod: its first container port from another pod.
import type { ClusterState, NodeState, ObjectKey, PodState, ServiceState, TraceRequest } from '../../core';
import type { ComposerDraft } from '../store/ui';
import { namespaceRank, SYSTEM_NAMESPACES } from './model';

/** The composer draft plus curl's --resolve (the UI store's draft carries it through unchanged). */
export type RequestDraft = ComposerDraft;

export interface HereItem {
  id: string;
  label: string;
  draft: RequestDraft;
}

/** The outside world's client address (TEST-NET-3, never a cluster address). */
export const OUTSIDE_IP = '203.0.113.10';
const OUTSIDE: TraceRequest['from'] = { kind: 'external', ip: OUTSIDE_IP };
/** Enough for a menu: big clusters have many NodePorts. */
const MAX_ITEMS = 6;

const rec = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

const selects = (svc: ServiceState, p: PodState): boolean =>
  svc.selector !== null && Object.keys(svc.selector).length > 0 && svc.namespace === p.namespace && Object.entries(svc.selector).every(([k, v]) => p.labels[k] === v);

const usable = (p: PodState): boolean => p.ip !== null && p.nodeName !== null && !p.terminating && !p.hostNetwork && p.phase === 'Running';

/** A pod to send from: running, the user's own (add-on pods last), not excluded; same namespace first. */
export function clientPod(cluster: ClusterState, exclude: (p: PodState) => boolean, namespace?: string): PodState | null {
  let best: PodState | null = null;
  let bestRank = Infinity;
  for (const p of cluster.pods) {
    if (!usable(p) || exclude(p) || SYSTEM_NAMESPACES.has(p.namespace)) continue;
    const rank = (p.namespace === namespace ? 0 : 1 + namespaceRank(p.namespace)) * 1e9 + p.ordinal;
    if (rank < bestRank) {
      best = p;
      bestRank = rank;
    }
  }
  return best;
}

/** The node people usually try first: a worker (kind's control plane is tainted), else any node. */
function firstNode(cluster: ClusterState, prefer?: (n: NodeState) => boolean): NodeState | null {
  return (prefer && cluster.nodes.find(prefer)) || cluster.nodes.find((n) => n.role === 'worker') || cluster.nodes[0] || null;
}

/** Nodes holding a ready endpoint of the Service (externalTrafficPolicy: Local answers only there). */
function nodesWithEndpoints(cluster: ClusterState, svc: ServiceState): Set<string> {
  const out = new Set<string>();
  for (const p of svc.ports) {
    for (const e of cluster.index.endpoints.get(`${svc.namespace}/${svc.name}:${p.name}/${p.protocol}`) ?? []) if (e.ready && e.nodeName) out.add(e.nodeName);
  }
  return out;
}

type Port = ServiceState['ports'][number];

/** http:// for TCP ports (https:// for 443 or a port named https), HOST:PORT + protocol for UDP. */
function target(host: string, port: number, protocol: string, name = '', path = '/'): { to: string; protocol?: string } {
  if (protocol === 'TCP') return { to: `${port === 443 || name === 'https' ? 'https' : 'http'}://${host}:${port}${path}` };
  return { to: `${host}:${port}`, protocol };
}

const portsOf = (svc: ServiceState): Port[] => svc.ports.filter((p) => p.protocol === 'TCP' || p.protocol === 'UDP');

function fromLabel(from: TraceRequest['from']): string {
  return from.kind === 'external' ? 'the outside world' : from.kind === 'node' ? `node ${from.name}` : `pod ${from.key.split('/').slice(1).join('/')}`;
}

function item(id: string, label: string, from: TraceRequest['from'], t: { to: string; protocol?: string }, resolve?: RequestDraft['resolve']): HereItem {
  const draft: RequestDraft = { from, to: t.to, send: true, count: 1 };
  if (t.protocol) draft.protocol = t.protocol;
  if (resolve) draft.resolve = resolve;
  return { id, label, draft };
}

/** From inside the cluster to a Service's ClusterIP (by DNS name from a pod). */
function insideRequest(cluster: ClusterState, svc: ServiceState, p: Port, id: string, label: string): HereItem | null {
  const pod = clientPod(cluster, (x) => selects(svc, x), svc.namespace);
  if (pod) return item(id, label, { kind: 'pod', key: pod.key }, target(`${svc.name}.${svc.namespace}`, p.port, p.protocol, p.name));
  const node = firstNode(cluster);
  if (!node || !svc.clusterIP) return null;
  return item(id, label, { kind: 'node', name: node.name }, target(svc.clusterIP, p.port, p.protocol, p.name));
}

/** From outside: the external / load-balancer IP, else a node's IP at the nodePort. */
function outsideRequest(cluster: ClusterState, svc: ServiceState, p: Port, id: string, label: string): HereItem | null {
  const ip = svc.loadBalancerIPs[0] ?? svc.externalIPs[0];
  if (ip) return item(id, label, OUTSIDE, target(ip, p.port, p.protocol, p.name));
  if (p.nodePort === null) return null;
  const local = svc.externalTrafficPolicy === 'Local' ? nodesWithEndpoints(cluster, svc) : null;
  const node = firstNode(cluster, local ? (n) => local.has(n.name) : undefined);
  return node ? item(id, label, OUTSIDE, target(node.internalIP, p.nodePort, p.protocol, p.name)) : null;
}

function serviceItems(cluster: ClusterState, svc: ServiceState): HereItem[] {
  const ports = portsOf(svc);
  if (svc.type === 'ExternalName') {
    const pod = clientPod(cluster, () => false, svc.namespace);
    const p = ports[0];
    return pod ? [item('send', 'Send a request here', { kind: 'pod', key: pod.key }, p ? target(`${svc.name}.${svc.namespace}`, p.port, p.protocol, p.name) : { to: `http://${svc.name}.${svc.namespace}/` })] : [];
  }
  const out: HereItem[] = [];
  const many = ports.length > 1;
  const suffix = (p: Port) => (many ? `: port ${p.name || p.port}` : '');
  const outside = svc.type === 'NodePort' || svc.type === 'LoadBalancer';
  for (const p of ports) {
    const primary = outside ? outsideRequest(cluster, svc, p, `send:${p.port}/${p.protocol}`, `Send a request here${suffix(p)}`) : null;
    if (primary) out.push(primary);
    const inside = insideRequest(cluster, svc, p, `${primary ? 'send-inside' : 'send'}:${p.port}/${p.protocol}`, primary ? `Send a request here from inside${suffix(p)}` : `Send a request here${suffix(p)}`);
    if (inside) out.push(inside);
  }
  return out;
}

interface IngressTarget {
  host: string | null;
  path: string;
}

function ingressTargets(obj: unknown): IngressTarget[] {
  const spec = rec(rec(obj)?.spec);
  const rules = Array.isArray(spec?.rules) ? spec.rules : [];
  const out: IngressTarget[] = [];
  for (const r of rules) {
    const host = typeof rec(r)?.host === 'string' ? (rec(r)!.host as string) : null;
    const paths = rec(rec(r)?.http)?.paths;
    const list = Array.isArray(paths) ? paths : [];
    // A wildcard host names no single machine: ask for a made-up one it matches.
    const h = host?.startsWith('*.') ? `www${host.slice(1)}` : host;
    if (list.length === 0) out.push({ host: h, path: '/' });
    for (const p of list) {
      const path = typeof rec(p)?.path === 'string' && (rec(p)!.path as string).startsWith('/') ? (rec(p)!.path as string) : '/';
      out.push({ host: h, path });
    }
  }
  if (out.length === 0 && spec?.defaultBackend) out.push({ host: null, path: '/' });
  return out;
}

/** The ingress controller's Service (ingress-nginx, as kind's deploy manifest installs it). */
function controllerService(cluster: ClusterState): ServiceState | null {
  return (
    cluster.index.serviceByKey.get('Service/ingress-nginx/ingress-nginx-controller' as ObjectKey) ??
    cluster.services.find((s) => s.namespace === 'ingress-nginx' && (s.type === 'LoadBalancer' || s.type === 'NodePort')) ??
    null
  );
}

function ingressItems(cluster: ClusterState, obj: unknown): HereItem[] {
  const targets = ingressTargets(obj).slice(0, MAX_ITEMS);
  const ctl = controllerService(cluster);
  const http = ctl?.ports.find((p) => p.name === 'http' || p.port === 80) ?? null;
  const lbIP = ctl ? (ctl.loadBalancerIPs[0] ?? ctl.externalIPs[0] ?? null) : null;
  const node = firstNode(cluster);
  const many = targets.length > 1;
  return targets.map((t, i) => {
    const label = many ? `Send a request here: ${t.host ?? '*'}${t.path}` : 'Send a request here';
    const id = `send:${i}`;
    // The controller has an address: public DNS points the host at it (or ask that address directly).
    if (lbIP || !ctl || !http) return item(id, label, OUTSIDE, { to: `http://${t.host ?? lbIP ?? node?.internalIP ?? 'localhost'}${t.path}` });
    // <pending>: the controller's NodePort on a node, with the host pinned there like curl --resolve.
    if (http.nodePort === null || !node) return item(id, label, OUTSIDE, { to: `http://${t.host ?? ctl.clusterIP}${t.path}` });
    if (!t.host) return item(id, label, OUTSIDE, { to: `http://${node.internalIP}:${http.nodePort}${t.path}` });
    return item(id, label, OUTSIDE, { to: `http://${t.host}:${http.nodePort}${t.path}` }, [{ host: t.host, ip: node.internalIP }]);
  });
}

function nodeItems(cluster: ClusterState, node: NodeState): HereItem[] {
  const out: HereItem[] = [];
  const services = cluster.services.filter((s) => s.namespace !== 'kube-system' && s.type !== 'ClusterIP' && s.type !== 'ExternalName').sort((a, b) => namespaceRank(a.namespace) - namespaceRank(b.namespace));
  for (const svc of services) {
    for (const p of portsOf(svc)) {
      if (p.nodePort === null || out.length >= MAX_ITEMS) continue;
      out.push(item(`send:${p.nodePort}/${p.protocol}`, `Send a request here: ${p.nodePort}/${p.protocol} (${svc.name})`, OUTSIDE, target(node.internalIP, p.nodePort, p.protocol, p.name)));
    }
  }
  // No NodePort at all: a ping from outside still shows how a node is reached.
  if (out.length === 0) out.push(item('send', 'Send a request here (ping)', OUTSIDE, { to: node.internalIP, protocol: 'ICMP' }));
  return out;
}

function podItems(cluster: ClusterState, pod: PodState): HereItem[] {
  if (!pod.ip) return [];
  const sameOwner = (p: PodState) => p.key === pod.key || (pod.owner !== null && p.owner?.uid === pod.owner.uid);
  const client = clientPod(cluster, sameOwner, pod.namespace) ?? clientPod(cluster, (p) => p.key === pod.key, pod.namespace);
  const from: TraceRequest['from'] | null = client ? { kind: 'pod', key: client.key } : firstNode(cluster) ? { kind: 'node', name: firstNode(cluster)!.name } : null;
  if (!from) return [];
  const port = pod.containers.flatMap((c) => c.ports).find((p) => p.protocol === 'TCP' || p.protocol === 'UDP');
  // A pod that declares no port may still listen; a ping is the one request it certainly answers.
  const t = port ? target(pod.ip, port.containerPort, port.protocol, port.name ?? '') : { to: pod.ip, protocol: 'ICMP' };
  return [item('send', port ? 'Send a request here' : 'Send a request here (ping)', from, t)];
}

/** The "Send a request here" items for a diagram element (an object key), in menu order. */
export function requestsHere(cluster: ClusterState, key: string): HereItem[] {
  const kind = key.split('/')[0];
  if (kind === 'Service') {
    const svc = cluster.index.serviceByKey.get(key as ObjectKey);
    return svc ? serviceItems(cluster, svc).slice(0, MAX_ITEMS) : [];
  }
  if (kind === 'Ingress') {
    const o = cluster.objects.find((x) => x.key === key);
    return o ? ingressItems(cluster, o.object) : [];
  }
  if (kind === 'Node') {
    const node = cluster.index.nodeByName.get(key.split('/').slice(2).join('/'));
    return node ? nodeItems(cluster, node) : [];
  }
  if (kind === 'Pod') {
    const pod = cluster.index.podByKey.get(key as ObjectKey);
    return pod ? podItems(cluster, pod) : [];
  }
  return [];
}

/** The diagram's status line after sending: what was sent, from where. */
export function sentMessage(d: RequestDraft): string {
  const via = d.resolve?.length ? ` (--resolve ${d.resolve.map((r) => `${r.host}:${r.ip}`).join(', ')})` : '';
  return `Sending a request from ${d.from ? fromLabel(d.from) : 'the composer’s source'} to ${d.to}${d.protocol && d.protocol !== 'TCP' ? ` (${d.protocol})` : ''}${via}.`;
}
