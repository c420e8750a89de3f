// ClusterState → what the diagram shows, as plain data: nodes with their pods (sorted), Pending pods,
// Services with their ports and endpoint health, Ingress rules, objects the engine keeps but does not
// simulate, and the links between them. No React, no positions: layout.ts places it, toFlow.ts draws it.
import type { ClusterState, EndpointState, NodeState, ObjectKey, PodState, ServiceState } from '../../core';
import { PodIndex } from './pod-index';
import { ownersIn } from './owners';
import { previousViews, reuse, reuseService, same, samePod } from './reuse';

/** Namespaces whose workloads belong to the cluster itself (kubeadm/kind add-ons, ingress-nginx). */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'ingress-nginx', 'local-path-storage', 'metallb-system']);

export type PodStatus = 'ready' | 'not-ready' | 'pending' | 'terminating' | 'succeeded' | 'failed';

export interface PodView {
  key: ObjectKey;
  namespace: string;
  name: string;
  ip: string | null;
  labels: [string, string][];
  status: PodStatus;
  /** why a Pending pod is not scheduled, or why a pod sits in the unscheduled area */
  reason: string | null;
  owner: { kind: string; name: string } | null;
  system: boolean;
  nodeName: string | null;
}

export interface NodeView {
  key: ObjectKey;
  name: string;
  role: NodeState['role'];
  internalIP: string;
  podCIDR: string;
  unschedulable: boolean;
  ready: boolean;
  taints: string[];
  pods: PodView[];
}

export interface ServiceView {
  key: ObjectKey;
  namespace: string;
  name: string;
  type: ServiceState['type'];
  /** "10.96.0.10", "None (headless)" or "none (a DNS alias)" for ExternalName */
  clusterIP: string;
  ports: string[];
  /** external addresses (LoadBalancer ingress, externalIPs); "<pending>" for a LoadBalancer without one */
  external: string | null;
  externalName: string | null;
  selector: string | null;
  endpoints: { total: number; ready: number; withoutPod: number };
  /** a problem worth flagging on the box, e.g. "no endpoints: selector app=x matches no pod" */
  flag: string | null;
  system: boolean;
}

export interface IngressRuleView {
  host: string;
  path: string;
  serviceName: string;
  port: string;
  service: ObjectKey | null;
}

export interface IngressView {
  key: ObjectKey;
  namespace: string;
  name: string;
  className: string | null;
  address: string | null;
  rules: IngressRuleView[];
}

export interface UnsimulatedView {
  key: ObjectKey;
  kind: string;
  namespace: string | null;
  name: string;
}

export interface EndpointLink {
  service: ObjectKey;
  pod: ObjectKey;
  ready: boolean;
}

export interface SystemSummary {
  pods: number;
  services: number;
  /** one line per namespace, e.g. "kube-system: coredns ×2, kube-dns 10.96.0.10" */
  lines: string[];
}

export interface DiagramModel {
  nodes: NodeView[];
  /** pods without a node (Pending), or bound to a node that does not exist */
  pending: PodView[];
  services: ServiceView[];
  ingresses: IngressView[];
  unsimulated: UnsimulatedView[];
  endpoints: EndpointLink[];
  /** LoadBalancer Services reach every node on their nodePort */
  loadBalancers: { service: ObjectKey; nodes: ObjectKey[] }[];
  externalNames: ObjectKey[];
  system: SystemSummary;
  /** A pod's controllers, nearest first (e.g. its ReplicaSet, then that ReplicaSet's Deployment):
   *  selecting one of them (e.g. the cursor in a Deployment's document) highlights the pod. Resolved
   *  when asked (a selection), against this model's cluster: views are shared between models. */
  ownersOf(pod: PodView): ObjectKey[];
}

const byKey = <T extends { key: string }>(a: T, b: T): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export const rec = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function formatSelector(sel: Record<string, string>): string {
  return Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k]}`)
    .join(',');
}

function podStatus(p: PodState): PodStatus {
  if (p.terminating) return 'terminating';
  if (p.phase === 'Succeeded') return 'succeeded';
  if (p.phase === 'Failed') return 'failed';
  if (p.phase === 'Pending' || !p.nodeName) return 'pending';
  return p.ready ? 'ready' : 'not-ready';
}

function podView(p: PodState, system: boolean, reason: string | null): PodView {
  return {
    key: p.key,
    namespace: p.namespace,
    name: p.name,
    ip: p.ip,
    labels: Object.keys(p.labels)
      .sort()
      .map((k) => [k, p.labels[k]]),
    status: podStatus(p),
    reason,
    owner: p.owner ? { kind: p.owner.kind, name: p.owner.name } : null,
    system,
    nodeName: p.nodeName,
  };
}

function taintText(t: NodeState['taints'][number]): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

function portText(p: ServiceState['ports'][number], type: ServiceState['type']): string {
  const name = p.name ? `${p.name}: ` : '';
  const proto = p.protocol === 'TCP' ? '' : `/${p.protocol}`;
  const node = p.nodePort !== null && type !== 'ClusterIP' ? ` · nodePort ${p.nodePort}` : '';
  return `${name}${p.port} → ${p.targetPort}${proto}${node}`;
}

function serviceFlag(s: ServiceState, pods: PodIndex, eps: ServiceView['endpoints']): string | null {
  if (s.type === 'ExternalName' || s.selector === null) return null;
  if (Object.keys(s.selector).length === 0) return null; // an empty selector is "no selector" upstream
  // Endpoints exist only for matching pods: scan the pods (once per Service) only when there are none.
  if (eps.total > 0) return eps.ready === 0 ? 'no ready endpoints: traffic has nowhere to go' : null;
  const n = pods.count(s.namespace, s.selector);
  const sel = formatSelector(s.selector);
  if (n === 0) return `no endpoints: selector ${sel} matches no pod`;
  return `no endpoints: ${n} pod${n === 1 ? '' : 's'} match ${sel}, but none has an IP and the target port`;
}

function ingressRules(obj: Record<string, unknown>, namespace: string, services: Set<string>): IngressRuleView[] {
  const spec = rec(obj.spec) ?? {};
  const out: IngressRuleView[] = [];
  const backendOf = (b: unknown): { serviceName: string; port: string } | null => {
    const svc = rec(rec(b)?.service);
    if (!svc) return null;
    const port = rec(svc.port) ?? {};
    const portText = typeof port.number === 'number' ? String(port.number) : (str(port.name) ?? '');
    return { serviceName: str(svc.name) ?? '', port: portText };
  };
  const push = (host: string, path: string, b: unknown) => {
    const be = backendOf(b);
    if (!be) return;
    const key = `Service/${namespace}/${be.serviceName}`;
    out.push({ host, path, ...be, service: services.has(key) ? (key as ObjectKey) : null });
  };
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  for (const r of rules) {
    const host = str(rec(r)?.host) ?? '*';
    const paths = rec(rec(r)?.http)?.paths;
    if (!Array.isArray(paths)) continue;
    for (const p of paths) push(host, str(rec(p)?.path) ?? '/', rec(p)?.backend);
  }
  if (spec.defaultBackend) push('*', '(default backend)', spec.defaultBackend);
  return out;
}

/** The Deployment behind a ReplicaSet-owned pod (the ReplicaSet is named <deployment>-<pod-template-hash>). */
function workloadName(p: PodState): string {
  if (!p.owner) return p.name;
  return p.owner.kind === 'ReplicaSet' ? p.owner.name.replace(/-[a-z0-9]+$/, '') : p.owner.name;
}

function systemSummary(sysPods: PodState[], sysSvcs: ServiceState[]): SystemSummary {
  const parts: string[] = [];
  const nsList = [...new Set([...sysPods.map((p) => p.namespace), ...sysSvcs.map((s) => s.namespace)])].sort();
  for (const ns of nsList) {
    const owners = new Map<string, number>();
    for (const p of sysPods) {
      if (p.namespace !== ns) continue;
      const app = workloadName(p);
      owners.set(app, (owners.get(app) ?? 0) + 1);
    }
    const items = [...owners].sort().map(([n, c]) => `${n} ×${c}`);
    for (const s of sysSvcs) if (s.namespace === ns && s.clusterIP) items.push(`${s.name} ${s.clusterIP}`);
    parts.push(`${ns}: ${items.join(', ')}`);
  }
  return { pods: sysPods.length, services: sysSvcs.length, lines: parts };
}

export interface ModelOptions {
  showSystem: boolean;
}

/** The input order each sorted pod list was made from (sortedLike). */
const sortedFrom = new WeakMap<PodView[], PodView[]>();

/** `pods` sorted by key: the previous node's list itself when it holds the very same views. */
function sortedLike(before: PodView[] | undefined, pods: PodView[]): PodView[] {
  if (before && before.length === pods.length) {
    // the same views in the same input order as last time (the usual keystroke): no set, no sort
    const from = sortedFrom.get(before);
    if (from && from.every((p, i) => p === pods[i])) return before;
    const had = new Set(before);
    if (pods.every((p) => had.has(p))) {
      sortedFrom.set(before, pods);
      return before;
    }
  }
  const out = pods.slice().sort(byKey);
  sortedFrom.set(out, pods);
  return out;
}

/** One model per derivation and showSystem: toFlow runs again on every zoom level, drag and selection. */
const models = new WeakMap<ClusterState, Map<boolean, DiagramModel>>();
/** The latest model per showSystem: the next derivation's model reuses its views where they are equal. */
const latest = new Map<boolean, DiagramModel>();

export function buildModel(cluster: ClusterState, opts: ModelOptions): DiagramModel {
  let byOpt = models.get(cluster);
  if (!byOpt) models.set(cluster, (byOpt = new Map()));
  let m = byOpt.get(opts.showSystem);
  if (!m) {
    m = makeModel(cluster, opts, latest.get(opts.showSystem) ?? null);
    byOpt.set(opts.showSystem, m);
    latest.set(opts.showSystem, m);
  }
  return m;
}

/** A Service's view and endpoint lines, by the engine's record of it, with what else they were made from. */
interface ServiceMemo {
  pods: PodState[];
  showSystem: boolean;
  system: boolean;
  lists: (EndpointState[] | undefined)[];
  links: EndpointLink[];
  view: ServiceView;
}
const serviceMemo = new WeakMap<ServiceState, ServiceMemo>();

/**
 * The model of `cluster`. Each view equal to the one of the same key in `prev` is that very object
 * (views are plain immutable data), so after a keystroke the drawing code and the memoised boxes see
 * which few things changed by identity.
 */
export function makeModel(cluster: ClusterState, opts: ModelOptions, prev: DiagramModel | null): DiagramModel {
  const was = prev ? previousViews(prev) : null;
  // One pass over every API object (thousands: ReplicaSets, EndpointSlices…), for what the model needs of them.
  const systemKeys = new Set<string>();
  const ingressObjects: ClusterState['objects'] = [];
  const unsimulatedObjects: ClusterState['objects'] = [];
  for (const o of cluster.objects) {
    if (o.system) systemKeys.add(o.key);
    if (o.kind === 'Ingress' && o.simulated) {
      if (opts.showSystem || !o.system) ingressObjects.push(o);
    } else if (!o.simulated && !o.system) unsimulatedObjects.push(o);
  }
  const isSystemPod = (p: PodState) => SYSTEM_NAMESPACES.has(p.namespace) || systemKeys.has(p.key);
  const isSystemSvc = (s: ServiceState) => SYSTEM_NAMESPACES.has(s.namespace) || systemKeys.has(s.key);
  const nodeNames = new Set(cluster.nodes.map((n) => n.name));

  // Each pod and Service is asked once whether it belongs to the system (a keystroke runs this for all).
  const sysPods: PodState[] = [];
  const shownPodKeys = new Set<string>();
  const podsByNode = new Map<string, PodView[]>();
  const pending: PodView[] = [];
  for (const p of cluster.pods) {
    const system = isSystemPod(p);
    if (system) sysPods.push(p);
    if (system && !opts.showSystem) continue;
    shownPodKeys.add(p.key);
    const onNode = p.nodeName !== null && nodeNames.has(p.nodeName);
    const reason = p.nodeName && !onNode ? `node "${p.nodeName}" does not exist` : p.pendingReason;
    const old = was?.pods.get(p.key);
    const v = old && samePod(old, p, podStatus(p), reason, system) ? old : podView(p, system, reason);
    if (onNode) {
      const list = podsByNode.get(p.nodeName!) ?? [];
      list.push(v);
      podsByNode.set(p.nodeName!, list);
    } else pending.push(v);
  }

  const nodes: NodeView[] = cluster.nodes.map((n) =>
    reuse(was?.nodes, {
      key: n.key,
      name: n.name,
      role: n.role,
      internalIP: n.internalIP,
      podCIDR: n.podCIDR,
      unschedulable: n.unschedulable,
      ready: n.ready,
      taints: n.taints.map(taintText),
      pods: sortedLike(was?.nodes.get(n.key)?.pods, podsByNode.get(n.name) ?? []),
    }),
  );

  const sysSvcs: ServiceState[] = [];
  const shownSvcs: ServiceState[] = [];
  for (const s of cluster.services) {
    const system = isSystemSvc(s);
    if (system) sysSvcs.push(s);
    if (!system || opts.showSystem) shownSvcs.push(s);
  }
  const sysSvcKeys = new Set(sysSvcs.map((s) => s.key as string));
  const endpoints: EndpointLink[] = [];
  let podIndex: PodIndex | null = null;
  // one map for every Service's endpoint pods (a keystroke runs this for each of hundreds of Services)
  const perPod = new Map<ObjectKey, boolean>();
  const services: ServiceView[] = shownSvcs
    .map((s) => {
      const system = sysSvcKeys.has(s.key);
      const lists = s.ports.map((port) => cluster.index.endpoints.get(`${s.namespace}/${s.name}:${port.name}/${port.protocol}`));
      // The engine hands back the very record and endpoint lists of a Service an edit left alone
      // (reconcile-memo.ts): with the same pods, its view and lines are the ones made last time.
      const memo = serviceMemo.get(s);
      if (memo && memo.pods === cluster.pods && memo.showSystem === opts.showSystem && memo.system === system && memo.lists.every((l, i) => l === lists[i])) {
        for (const link of memo.links) endpoints.push(link);
        return reuseService(was?.services, memo.view);
      }
      const links: EndpointLink[] = [];
      perPod.clear();
      let withoutPod = 0;
      for (const list of lists) {
        for (const ep of list ?? []) {
          if (!ep.podKey) {
            withoutPod++;
            continue;
          }
          perPod.set(ep.podKey, perPod.get(ep.podKey) === true || ep.ready);
        }
      }
      let ready = 0;
      for (const [pod, r] of perPod) {
        if (r) ready++;
        if (shownPodKeys.has(pod)) links.push({ service: s.key, pod, ready: r });
      }
      for (const link of links) endpoints.push(link);
      const eps = { total: perPod.size + withoutPod, ready, withoutPod };
      const external =
        s.type === 'LoadBalancer'
          ? [...s.loadBalancerIPs, ...s.externalIPs].join(', ') || '<pending>'
          : s.externalIPs.length
            ? s.externalIPs.join(', ')
            : null;
      const view = reuseService(was?.services, {
        key: s.key,
        namespace: s.namespace,
        name: s.name,
        type: s.type,
        clusterIP: s.type === 'ExternalName' ? 'none (a DNS alias)' : s.headless ? 'None (headless)' : (s.clusterIP ?? '—'),
        ports: s.ports.map((p) => portText(p, s.type)),
        external,
        externalName: s.externalName,
        selector: s.selector ? formatSelector(s.selector) : null,
        endpoints: eps,
        flag: serviceFlag(s, (podIndex ??= new PodIndex(cluster.pods)), eps),
        system,
      });
      serviceMemo.set(s, { pods: cluster.pods, showSystem: opts.showSystem, system, lists, links, view });
      return view;
    })
    .sort(byKey);

  const svcKeys = new Set(services.map((s) => s.key as string));
  const ingresses: IngressView[] = ingressObjects
    .map((o) => {
      const ns = o.namespace ?? 'default';
      const lb = rec(rec(o.object.status)?.loadBalancer);
      const ing = Array.isArray(lb?.ingress) ? lb.ingress : [];
      const address = ing.map((i) => str(rec(i)?.ip) ?? str(rec(i)?.hostname)).filter((x): x is string => !!x).join(', ') || null;
      return reuse(was?.ingresses, { key: o.key, namespace: ns, name: o.name, className: str(rec(o.object.spec)?.ingressClassName), address, rules: ingressRules(o.object, ns, svcKeys) });
    })
    .sort(byKey);

  const unsimulated: UnsimulatedView[] = unsimulatedObjects
    .map((o) => reuse(was?.unsimulated, { key: o.key, kind: o.kind, namespace: o.namespace, name: o.name }))
    .sort(byKey);

  const nodeKeys = nodes.map((n) => n.key);
  return {
    nodes,
    pending: pending.sort(byKey),
    services,
    ingresses,
    unsimulated,
    endpoints,
    loadBalancers: services.filter((s) => s.type === 'LoadBalancer').map((s) => ({ service: s.key, nodes: nodeKeys })),
    externalNames: services.filter((s) => s.type === 'ExternalName').map((s) => s.key),
    system: same(prev?.system, systemSummary(sysPods, sysSvcs)),
    ownersOf: ownersIn(cluster),
  };
}
