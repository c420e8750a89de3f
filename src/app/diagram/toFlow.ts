// ClusterState → React Flow nodes and edges (pure; no React). Node ids are object keys
// ("Pod/default/web-1", "Node//kind-worker"), so a selection, a trace hop or a diagnostic maps to a
// diagram element directly. Big clusters stay drawable: pods beyond a per-node cap collapse into a
// "+N more" box, and zoomed out (or over the element budget) nodes show pod counts instead of pods.
import type { Edge, Node } from '@xyflow/react';
import type { ClusterState } from '../../core';
import { buildModel, type DiagramModel, type IngressView, type NodeView, type PodStatus, type PodView, type ServiceView, type SystemSummary, type UnsimulatedView } from './model';
import { LABEL_EDGE } from './edges';
import { ingressHeight, layout, systemHeight, NODE_HEADER, PENDING_HEADER, serviceHeight, type LayoutInput, type Rect, type XY } from './layout';
import { sameData } from './reuse';
import { ElementCache } from './stable';

export const CLIENT_ID = 'outside:client';
export const DNS_ID = 'outside:dns';
export const SYSTEM_ID = 'outside:system';
export const PENDING_ID = 'area:unscheduled';
export const moreId = (group: string): string => `more:${group}`;

export type PodCounts = Record<PodStatus, number>;

export type NodeBoxData = { node: Omit<NodeView, 'pods'>; counts: PodCounts; summary: boolean; hasSelection: boolean; compact?: boolean };
export type PodBoxData = { pod: PodView };
export type MoreBoxData = { count: number; counts: PodCounts };
export type ServiceBoxData = { service: ServiceView };
export type IngressBoxData = { ingress: IngressView };
export type OutsideBoxData = { role: 'client' | 'dns'; title: string; detail: string };
export type SystemBoxData = { summary: SystemSummary; shown: boolean };
export type PendingAreaData = { counts: PodCounts; summary: boolean; hasSelection: boolean };
export type UnsimulatedBoxData = { item: UnsimulatedView };

export type DiagramNode =
  | Node<NodeBoxData, 'k8sNode'>
  | Node<PodBoxData, 'pod'>
  | Node<MoreBoxData, 'more'>
  | Node<ServiceBoxData, 'service'>
  | Node<IngressBoxData, 'ingress'>
  | Node<OutsideBoxData, 'outside'>
  | Node<SystemBoxData, 'system'>
  | Node<PendingAreaData, 'pending'>
  | Node<UnsimulatedBoxData, 'unsimulated'>;

export interface FlowOptions {
  showSystem: boolean;
  /** zoomed out: nodes show pod counts instead of pod boxes */
  summary: boolean;
  /** zoomed far out: node boxes show only their name and counts, edges lose their labels */
  compact?: boolean;
  positions?: Record<string, XY>;
  selection?: string | null;
  /** most elements (nodes + edges) handed to React Flow */
  budget?: number;
  /** most edges drawn (zoomed out, where hundreds of Service → node lines are one grey mass) */
  edgeLimit?: number;
  /** most pod boxes drawn in all nodes together (each node gets its share, at least 6, at most 40) */
  podBudget?: number;
}

export interface FlowResult {
  nodes: DiagramNode[];
  edges: Edge[];
  /** summary mode actually used (forced on when the full drawing would exceed the budget) */
  summary: boolean;
  /** edges left out to stay within the budget */
  hiddenEdges: number;
  /** the drop targets of a dragged pod: node groups and the unscheduled area */
  groups: string[];
}

export const DEFAULT_BUDGET = 3000;
const DEFAULT_POD_BUDGET = 800;

export function countPods(pods: PodView[]): PodCounts {
  const c: PodCounts = { ready: 0, 'not-ready': 0, pending: 0, terminating: 0, succeeded: 0, failed: 0 };
  for (const p of pods) c[p.status]++;
  return c;
}

/** The pods drawn in a group: the first `cap` in sorted order (the selected one always among them). */
export function visiblePods(pods: PodView[], cap: number, selection: string | null): { shown: PodView[]; hidden: PodView[] } {
  if (pods.length <= cap) return { shown: pods, hidden: [] };
  const shown = pods.slice(0, cap - 1);
  const sel = selection ? pods.findIndex((p) => p.key === selection) : -1;
  if (sel >= cap - 1) shown[shown.length - 1] = pods[sel];
  const keep = new Set(shown.map((p) => p.key));
  return { shown, hidden: pods.filter((p) => !keep.has(p.key)) };
}

const podLabel = (p: PodView): string => `Pod ${p.namespace}/${p.name}, ${p.status.replace('-', ' ')}${p.ip ? `, IP ${p.ip}` : ''}`;

export function toFlow(cluster: ClusterState, opts: FlowOptions): FlowResult {
  const model = buildModel(cluster, { showSystem: opts.showSystem });
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const full = draw(model, opts, opts.summary);
  const edgeLimit = opts.edgeLimit ?? Number.POSITIVE_INFINITY;
  if (opts.summary || full.nodes.length + full.edges.length <= budget) return trim(full, budget, edgeLimit, opts.selection ?? null);
  // Over the budget: while the boxes alone leave room for edges, keep the pods (zoomed in, they are what
  // the user came to see) and drop the least telling edges; only boxes beyond that summarise the nodes.
  if (full.nodes.length <= budget * BOXES_SHARE) return trim(full, budget, edgeLimit, opts.selection ?? null);
  return trim(draw(model, opts, true), budget, edgeLimit, opts.selection ?? null);
}

/** The share of the element budget pod boxes may take before a drawing over budget is summarised. */
const BOXES_SHARE = 0.5;

/** Keep within the budget by dropping edges: those touching the selection go last, then those to a
 *  single pod box, then the rest (aggregates into "+N more" boxes and nodes, the least telling). */
function trim(r: FlowResult, budget: number, edgeLimit: number, selection: string | null): FlowResult {
  const room = Math.min(edgeLimit, Math.max(0, budget - r.nodes.length));
  if (r.edges.length <= room) return r;
  const touches = (e: Edge) => e.source === selection || e.target === selection;
  const toPod = (e: Edge) => !touches(e) && e.target.startsWith('Pod/');
  const edges = [...r.edges.filter(touches), ...r.edges.filter(toPod), ...r.edges.filter((e) => !touches(e) && !toPod(e))].slice(0, room);
  return { ...r, edges, hiddenEdges: r.edges.length - edges.length };
}

/** The last layout: a keystroke rarely changes a box's size or the set of boxes, so the next drawing
 *  usually has the same input and takes the same rectangles. */
const NO_POSITIONS: Record<string, XY> = {};
let lastLayout: { input: LayoutInput; positions: Record<string, XY>; rects: Map<string, Rect> } | null = null;

function placed(input: LayoutInput, positions: Record<string, XY>): ReadonlyMap<string, Rect> {
  if (lastLayout && lastLayout.positions === positions && sameData(lastLayout.input, input)) return lastLayout.rects;
  const { rects } = layout(input, positions);
  lastLayout = { input, positions, rects };
  return rects;
}

/** The boxes of the last drawing, one cache per mode (full, summary): toFlow may draw both in one call. */
const nodeCaches = [new ElementCache<DiagramNode>(), new ElementCache<DiagramNode>()];

function draw(model: DiagramModel, opts: FlowOptions, summary: boolean): FlowResult {
  const selection = opts.selection ?? null;
  const groupCount = model.nodes.length + (model.pending.length ? 1 : 0);
  const cap = Math.min(40, Math.max(6, Math.floor((opts.podBudget ?? DEFAULT_POD_BUDGET) / Math.max(1, groupCount))));

  // Which pod boxes exist, and where each pod's edges land (itself, its group's "+N more", or its group).
  const groupInput: LayoutInput['groups'] = [];
  const target = new Map<string, string>();
  const groupPods: { id: string; view: NodeView | null; shown: PodView[]; hidden: PodView[]; all: PodView[] }[] = [];
  const addGroup = (id: string, view: NodeView | null, header: number, pods: PodView[]) => {
    const { shown, hidden } = visiblePods(pods, cap, selection);
    const children = shown.map((p) => p.key as string);
    if (hidden.length) children.push(moreId(id));
    groupInput.push({ id, header, children });
    groupPods.push({ id, view, shown, hidden, all: pods });
    for (const p of shown) target.set(p.key, summary ? id : p.key);
    for (const p of hidden) target.set(p.key, summary ? id : moreId(id));
  };
  for (const n of model.nodes) addGroup(n.key, n, NODE_HEADER, n.pods);
  if (model.pending.length) addGroup(PENDING_ID, null, PENDING_HEADER, model.pending);

  // The left column: where traffic comes from (client, Ingresses), then DNS, the system summary and
  // what is not simulated.
  const left = [
    { id: CLIENT_ID, height: 64 },
    ...model.ingresses.map((i) => ({ id: i.key as string, height: ingressHeight(i) })),
    { id: DNS_ID, height: 64 },
    ...(model.system.pods + model.system.services > 0 ? [{ id: SYSTEM_ID, height: systemHeight(model.system.lines.length) }] : []),
    ...model.unsimulated.map((u) => ({ id: u.key as string, height: 64 })),
  ];
  const rects = placed({ left, services: model.services.map((s) => ({ id: s.key, height: serviceHeight(s) })), groups: groupInput }, opts.positions ?? NO_POSITIONS);

  // Each box is built only when its inputs changed since the last drawing (ElementCache): the view objects
  // of the model are reused when equal (model.ts), so a keystroke rebuilds the box it changed.
  const cache = nodeCaches[summary ? 1 : 0];
  const nodes: DiagramNode[] = [];
  const place = (id: string, r: Rect) => ({ id, position: { x: r.x, y: r.y }, width: r.width, height: r.height, selected: id === selection });
  // the inputs of every box: its rectangle (the same object while the layout is), whether it is selected
  const get = (id: string, r: Rect, a?: unknown, b?: unknown, c?: unknown, d?: unknown) => cache.get(id, r, id === selection, a, b, c, d);
  const put = (n: DiagramNode, r: Rect, a?: unknown, b?: unknown, c?: unknown, d?: unknown) => nodes.push(cache.set(n.id, n, r, n.id === selection, a, b, c, d));
  let r = rects.get(CLIENT_ID)!;
  put(get(CLIENT_ID, r) ?? { ...place(CLIENT_ID, r), type: 'outside', data: { role: 'client', title: 'External client', detail: 'outside the cluster' }, ariaLabel: 'External client, outside the cluster', selectable: false }, r);
  r = rects.get(DNS_ID)!;
  put(get(DNS_ID, r) ?? { ...place(DNS_ID, r), type: 'outside', data: { role: 'dns', title: 'DNS', detail: 'upstream resolver (outside)' }, ariaLabel: 'Upstream DNS resolver, outside the cluster', selectable: false }, r);
  if (rects.has(SYSTEM_ID)) {
    r = rects.get(SYSTEM_ID)!;
    put(get(SYSTEM_ID, r, model.system, opts.showSystem) ?? { ...place(SYSTEM_ID, r), type: 'system', data: { summary: model.system, shown: opts.showSystem }, ariaLabel: 'System components', selectable: false }, r, model.system, opts.showSystem);
  }
  for (const u of model.unsimulated) {
    r = rects.get(u.key)!;
    put(get(u.key, r, u) ?? { ...place(u.key, r), type: 'unsimulated', data: { item: u }, ariaLabel: `${u.kind} ${u.name}, not simulated` }, r, u);
  }
  for (const i of model.ingresses) {
    r = rects.get(i.key)!;
    put(get(i.key, r, i) ?? { ...place(i.key, r), type: 'ingress', data: { ingress: i }, ariaLabel: `Ingress ${i.namespace}/${i.name}` }, r, i);
  }
  for (const s of model.services) {
    r = rects.get(s.key)!;
    put(get(s.key, r, s) ?? { ...place(s.key, r), type: 'service', data: { service: s }, ariaLabel: `Service ${s.namespace}/${s.name}, ${s.type}${s.flag ? `, ${s.flag}` : ''}` }, r, s);
  }
  const compact = opts.compact ?? false;
  for (const g of groupPods) {
    r = rects.get(g.id)!;
    const hasSelection = g.all.some((p) => p.key === selection);
    if (g.id === PENDING_ID) {
      const counts = countPods(g.all);
      const key = `${g.all.length}:${Object.values(counts).join(',')}`;
      put(get(g.id, r, summary, hasSelection, key) ?? { ...place(g.id, r), type: 'pending', data: { counts, summary, hasSelection }, ariaLabel: `Unscheduled area, ${g.all.length} Pending pods`, selectable: false }, r, summary, hasSelection, key);
      continue;
    }
    // the same node view holds the same pods (model.ts), hence the same counts
    const view = g.view!;
    let n = get(g.id, r, view, summary, hasSelection, compact);
    if (!n) {
      const { pods: _pods, ...node } = view;
      n = { ...place(g.id, r), type: 'k8sNode', data: { node, counts: countPods(g.all), summary, hasSelection, ...(compact ? { compact: true } : {}) }, ariaLabel: `Node ${node.name}, ${node.role}${node.unschedulable ? ', cordoned' : ''}` };
    }
    put(n, r, view, summary, hasSelection, compact);
  }
  if (!summary) {
    for (const g of groupPods) {
      for (const p of g.shown) {
        r = rects.get(p.key)!;
        // Selecting a pod's controller (a Deployment has no box of its own) highlights its pods.
        const related = selection !== null && model.ownersOf(p).includes(selection as PodView['key']);
        put(get(p.key, r, p, g.id, related) ?? { ...place(p.key, r), parentId: g.id, type: 'pod', data: { pod: p }, ariaLabel: podLabel(p), ...(related ? { className: 'is-related' } : {}) }, r, p, g.id, related);
      }
      if (g.hidden.length) {
        const id = moreId(g.id);
        r = rects.get(id)!;
        const counts = countPods(g.hidden);
        const key = `${g.hidden.length}:${Object.values(counts).join(',')}`;
        put(get(id, r, g.id, key) ?? { ...place(id, r), parentId: g.id, type: 'more', data: { count: g.hidden.length, counts }, ariaLabel: `${g.hidden.length} more pods`, selectable: false }, r, g.id, key);
      }
    }
  }
  cache.commit();

  return { nodes, edges: drawEdges(model, target, selection, opts.compact ?? false, summary), summary, hiddenEdges: 0, groups: groupPods.map((g) => g.id) };
}

/** The lines of the last drawing, one cache per mode (see nodeCaches). */
const edgeCaches = [new ElementCache<Edge>(), new ElementCache<Edge>()];

function drawEdges(model: DiagramModel, target: Map<string, string>, selection: string | null, compact: boolean, summary: boolean): Edge[] {
  const cache = edgeCaches[summary ? 1 : 0];
  const edges: Edge[] = [];
  // Edges are not clickable (interactionWidth 0 drops React Flow's invisible hit path: one DOM element
  // per edge fewer); those touching the selection are raised and highlighted. Each is built only when
  // its inputs changed since the last drawing (ElementCache).
  const add = (id: string, source: string, target: string, a: unknown, b: unknown, c: unknown, build: () => Edge) => {
    const active = selection !== null && (source === selection || target === selection);
    let e = cache.get(id, source, target, active, a, b, c);
    if (!e) {
      const x = { ...build(), interactionWidth: 0 };
      e = cache.set(id, active ? { ...x, className: `${x.className} edge-active`, zIndex: 1 } : x, source, target, active, a, b, c);
    }
    edges.push(e);
  };
  // Service → endpoint pods; aggregated per target when pods are collapsed or summarised.
  const agg = new Map<string, { service: string; to: string; n: number; ready: number }>();
  for (const l of model.endpoints) {
    const to = target.get(l.pod);
    if (!to) continue;
    const id = `ep|${l.service}|${to}`;
    const a = agg.get(id) ?? { service: l.service, to, n: 0, ready: 0 };
    a.n++;
    if (l.ready) a.ready++;
    agg.set(id, a);
  }
  for (const [id, a] of agg) {
    add(id, a.service, a.to, a.n, a.ready, compact, () => {
      const notReady = a.ready === 0;
      const single = a.to.startsWith('Pod/');
      return {
        id,
        source: a.service,
        sourceHandle: 'out',
        target: a.to,
        targetHandle: 'in',
        className: `edge-endpoint${notReady ? ' edge-notready' : ''}`,
        style: notReady ? { strokeDasharray: '6 4' } : undefined,
        // drawn by edges.tsx as plain text (React Flow's labels measure themselves, one layout each)
        ...(single || compact ? {} : { type: LABEL_EDGE, label: `${a.n} endpoint${a.n === 1 ? '' : 's'}${a.ready < a.n ? ` (${a.ready} ready)` : ''}` }),
        ariaLabel: `endpoint of ${a.service}${notReady ? ', not ready' : ''}`,
      };
    });
  }
  for (const i of model.ingresses) {
    i.rules.forEach((r, j) => {
      const to = r.service;
      if (!to) return;
      add(`ing|${i.key}|${j}`, i.key, to, r.host, r.path, r.serviceName, () => ({ id: `ing|${i.key}|${j}`, source: i.key, sourceHandle: `rule-${j}`, target: to, targetHandle: 'in', className: 'edge-ingress', ariaLabel: `${r.host}${r.path} → ${r.serviceName}` }));
    });
    add(`out|${i.key}`, CLIENT_ID, i.key, null, null, null, () => ({ id: `out|${i.key}`, source: CLIENT_ID, sourceHandle: 'down', target: i.key, targetHandle: 'top', className: 'edge-outside' }));
  }
  for (const lb of model.loadBalancers) {
    add(`out|${lb.service}`, CLIENT_ID, lb.service, null, null, null, () => ({ id: `out|${lb.service}`, source: CLIENT_ID, sourceHandle: 'out', target: lb.service, targetHandle: 'in', className: 'edge-outside' }));
    for (const n of lb.nodes) add(`lb|${lb.service}|${n}`, lb.service, n, null, null, null, () => ({ id: `lb|${lb.service}|${n}`, source: lb.service, sourceHandle: 'out', target: n, targetHandle: 'in', className: 'edge-lb' }));
  }
  for (const s of model.externalNames) add(`dns|${s}`, s, DNS_ID, null, null, null, () => ({ id: `dns|${s}`, source: s, sourceHandle: 'dns', target: DNS_ID, targetHandle: 'in', className: 'edge-dns' }));
  cache.commit();
  return edges;
}
