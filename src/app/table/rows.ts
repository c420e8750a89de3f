// The topology as plain tables (nodes, pods, Services, endpoints) for people who cannot use the
// diagram: pure rows from the ClusterState, with kubectl-like cell text, a filter and a sort. No React.
import type { ClusterState, ObjectKey, PodState, ServiceState } from '../../core';
import { SYSTEM_NAMESPACES } from '../traffic/model';

export type TableId = 'nodes' | 'pods' | 'services' | 'endpoints';

export interface Row {
  /** unique within its table */
  id: string;
  /** the object selecting this row selects (the editor and the diagram follow it) */
  select: ObjectKey;
  /** one text per column; the first is the row's header (its name) */
  cells: string[];
}

export interface TableData {
  id: TableId;
  title: string;
  columns: string[];
  /** columns shown in the monospace font (addresses, ports) */
  mono: number[];
  rows: Row[];
}

export interface TableOptions {
  /** include the add-ons' objects (kube-system, ingress-nginx, metallb-system, …) */
  system: boolean;
}

const shown = (ns: string, o: TableOptions) => o.system || !SYSTEM_NAMESPACES.has(ns);

/** kubectl get pods' STATUS, plus readiness in words (READY is a count there; here a word reads better). */
export function podStatus(p: PodState): string {
  if (p.terminating) return 'Terminating';
  if (p.phase !== 'Running') return p.phase;
  return p.ready ? 'Running, ready' : 'Running, not ready';
}

/** kubectl get svc's PORT(S): 80/TCP, 80:30008/TCP. */
export function servicePorts(s: ServiceState): string {
  return s.ports.map((p) => `${p.port}${p.nodePort !== null ? `:${p.nodePort}` : ''}/${p.protocol}`).join(', ') || '<none>';
}

/** kubectl get svc's EXTERNAL-IP: the external name, load-balancer / external IPs, <pending>, <none>. */
export function externalIP(s: ServiceState): string {
  if (s.type === 'ExternalName') return s.externalName ?? '<none>';
  const ips = [...s.loadBalancerIPs, ...s.externalIPs];
  if (ips.length) return ips.join(',');
  return s.type === 'LoadBalancer' ? '<pending>' : '<none>';
}

function readyEndpoints(c: ClusterState, s: ServiceState): number {
  const ips = new Set<string>();
  for (const p of s.ports) for (const e of c.index.endpoints.get(`${s.namespace}/${s.name}:${p.name}/${p.protocol}`) ?? []) if (e.ready) ips.add(e.ip);
  return ips.size;
}

export function topologyTables(c: ClusterState, o: TableOptions): TableData[] {
  const podsPerNode = new Map<string, number>();
  for (const p of c.pods) if (p.nodeName && shown(p.namespace, o)) podsPerNode.set(p.nodeName, (podsPerNode.get(p.nodeName) ?? 0) + 1);
  const nodes: Row[] = c.nodes.map((n) => ({
    id: n.key,
    select: n.key,
    cells: [n.name, n.internalIP, n.role, String(podsPerNode.get(n.name) ?? 0), `${n.ready ? 'Ready' : 'NotReady'}${n.unschedulable ? ', SchedulingDisabled' : ''}`, n.podCIDR],
  }));
  const pods: Row[] = c.pods.filter((p) => shown(p.namespace, o)).map((p) => ({ id: p.key, select: p.key, cells: [p.name, p.ip ?? '<none>', p.nodeName ?? '<none>', podStatus(p), p.namespace] }));
  const services = c.services.filter((s) => shown(s.namespace, o));
  const svcRows: Row[] = services.map((s) => ({
    id: s.key,
    select: s.key,
    cells: [s.name, s.type, s.clusterIP ?? 'None', servicePorts(s), externalIP(s), String(readyEndpoints(c, s)), s.namespace],
  }));
  const endpoints: Row[] = [];
  for (const s of services) {
    for (const p of s.ports) {
      for (const e of c.index.endpoints.get(`${s.namespace}/${s.name}:${p.name}/${p.protocol}`) ?? []) {
        const state = e.terminating ? 'terminating' : e.ready ? 'ready' : e.serving ? 'serving, not ready' : 'not ready';
        endpoints.push({
          id: `${s.key}|${p.name}/${p.protocol}|${e.ip}:${e.port}`,
          select: e.podKey ?? s.key,
          cells: [`${e.ip}:${e.port}/${e.protocol}`, `${s.namespace}/${s.name}${p.name ? `:${p.name}` : ''}`, e.podKey ? e.podKey.split('/').slice(1).join('/') : '<none>', e.nodeName ?? '<none>', state],
        });
      }
    }
  }
  return [
    // The columns people look for first come first: the side pane is narrow and scrolls sideways.
    { id: 'nodes', title: 'Nodes', columns: ['Name', 'Internal IP', 'Role', 'Pods', 'Status', 'Pod CIDR'], mono: [1, 5], rows: nodes },
    { id: 'pods', title: 'Pods', columns: ['Name', 'IP', 'Node', 'Status', 'Namespace'], mono: [1], rows: pods },
    { id: 'services', title: 'Services', columns: ['Name', 'Type', 'Cluster IP', 'Ports', 'External IP', 'Ready endpoints', 'Namespace'], mono: [2, 3, 4], rows: svcRows },
    { id: 'endpoints', title: 'Endpoints', columns: ['Endpoint', 'Service', 'Pod', 'Node', 'State'], mono: [0], rows: endpoints },
  ];
}

export interface Sort {
  col: number;
  dir: 'ascending' | 'descending';
}

/** Numbers and IP addresses compare by value ("10.244.1.12" after "10.244.1.2"), words alphabetically. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A sorted copy (stable: equal cells keep their order, which is the cluster's creation order). */
export function sortRows(rows: Row[], sort: Sort | null): Row[] {
  if (!sort) return rows;
  const k = sort.dir === 'ascending' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => k * collator.compare(a.r.cells[sort.col] ?? '', b.r.cells[sort.col] ?? '') || a.i - b.i)
    .map((x) => x.r);
}

/** Rows any of whose cells contains every word of the query (case-insensitive). */
export function filterRows(rows: Row[], query: string): Row[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return rows;
  return rows.filter((r) => {
    const text = r.cells.join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Next sort when a column header is activated: ascending, then descending, then ascending again. */
export function nextSort(cur: Sort | null, col: number): Sort {
  return cur && cur.col === col && cur.dir === 'ascending' ? { col, dir: 'descending' } : { col, dir: 'ascending' };
}
