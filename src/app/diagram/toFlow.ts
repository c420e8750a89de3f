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

function draw(model: DiagramModel, opts: FlowOptions, summary: boolean): FlowResult {
  const selection = opts.selection ?? null;
  const groupCount = model.nodes.length + (model.pending.length ? 1 : 0);
  const cap = Math.min(40, Math.max(6, Math.floor((opts.podBudget ?? DEFAULT_POD_BUDGET) / Math.max(1, groupCount))));

  // Which pod boxes exist, and where each pod's edges land (itself, its group's "+N more", or its group).
  const groupInput: LayoutInput['groups'] = [];
  const target = new Map<string, string>();
  const groupPods: { id: string; shown: PodView[]; hidden: PodView[]; all: PodView[] }[] = [];
  const addGroup = (id: string, header: number, pods: PodView[]) => {
    const { shown, hidden } = visiblePods(pods, cap, selection);
    const children = shown.map((p) => p.key as string);
    if (hidden.length) children.push(moreId(id));
    groupInput.push({ id, header, children });
    groupPods.push({ id, shown, hidden, all: pods });
    for (const p of shown) target.set(p.key, summary ? id : p.key);
    for (const p of hidden) target.set(p.key, summary ? id : moreId(id));
  };
  for (const n of model.nodes) addGroup(n.key, NODE_HEADER, n.pods);
  if (model.pending.length) addGroup(PENDING_ID, PENDING_HEADER, model.pending);

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

  const nodes: DiagramNode[] = [];
  const place = (id: string) => {
    const r = rects.get(id)!;
    return { id, position: { x: r.x, y: r.y }, width: r.width, height: r.height, selected: id === selection };
  };
  nodes.push({ ...place(CLIENT_ID), type: 'outside', data: { role: 'client', title: 'External client', detail: 'outside the cluster' }, ariaLabel: 'External client, outside the cluster', selectable: false });
  nodes.push({ ...place(DNS_ID), type: 'outside', data: { role: 'dns', title: 'DNS', detail: 'upstream resolver (outside)' }, ariaLabel: 'Upstream DNS resolver, outside the cluster', selectable: false });
  if (rects.has(SYSTEM_ID)) nodes.push({ ...place(SYSTEM_ID), type: 'system', data: { summary: model.system, shown: opts.showSystem }, ariaLabel: 'System components', selectable: false });
  for (const u of model.unsimulated) nodes.push({ ...place(u.key), type: 'unsimulated', data: { item: u }, ariaLabel: `${u.kind} ${u.name}, not simulated` });
  for (const i of model.ingresses) nodes.push({ ...place(i.key), type: 'ingress', data: { ingress: i }, ariaLabel: `Ingress ${i.namespace}/${i.name}` });
  for (const s of model.services) nodes.push({ ...place(s.key), type: 'service', data: { service: s }, ariaLabel: `Service ${s.namespace}/${s.name}, ${s.type}${s.flag ? `, ${s.flag}` : ''}` });
  for (const g of groupPods) {
    const hasSelection = g.all.some((p) => p.key === selection);
    const counts = countPods(g.all);
    if (g.id === PENDING_ID) {
      nodes.push({ ...place(g.id), type: 'pending', data: { counts, summary, hasSelection }, ariaLabel: `Unscheduled area, ${g.all.length} Pending pods`, selectable: false });
      continue;
    }
    const { pods: _pods, ...node } = model.nodes.find((n) => n.key === g.id)!;
    nodes.push({ ...place(g.id), type: 'k8sNode', data: { node, counts, summary, hasSelection, ...(opts.compact ? { compact: true } : {}) }, ariaLabel: `Node ${node.name}, ${node.role}${node.unschedulable ? ', cordoned' : ''}` });
  }
  if (!summary) {
    for (const g of groupPods) {
      for (const p of g.shown) {
        // Selecting a pod's controller (a Deployment has no box of its own) highlights its pods.
        const related = selection !== null && model.ownersOf(p).includes(selection as PodView['key']);
        nodes.push({ ...place(p.key), parentId: g.id, type: 'pod', data: { pod: p }, ariaLabel: podLabel(p), ...(related ? { className: 'is-related' } : {}) });
      }
      if (g.hidden.length) nodes.push({ ...place(moreId(g.id)), parentId: g.id, type: 'more', data: { count: g.hidden.length, counts: countPods(g.hidden) }, ariaLabel: `${g.hidden.length} more pods`, selectable: false });
    }
  }

  return { nodes, edges: drawEdges(model, target, selection, opts.compact ?? false), summary, hiddenEdges: 0, groups: groupPods.map((g) => g.id) };
}

function drawEdges(model: DiagramModel, target: Map<string, string>, selection: string | null, compact: boolean): Edge[] {
  const edges: Edge[] = [];
  // Edges are not clickable (interactionWidth 0 drops React Flow's invisible hit path: one DOM element
  // per edge fewer); those touching the selection are raised and highlighted.
  const mark = (e: Edge): Edge => {
    const x = { ...e, interactionWidth: 0 };
    return selection && (e.source === selection || e.target === selection) ? { ...x, className: `${e.className} edge-active`, zIndex: 1 } : x;
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
    const notReady = a.ready === 0;
    const single = a.to.startsWith('Pod/');
    edges.push(
      mark({
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
      }),
    );
  }
  for (const i of model.ingresses) {
    i.rules.forEach((r, j) => {
      if (!r.service) return;
      edges.push(mark({ id: `ing|${i.key}|${j}`, source: i.key, sourceHandle: `rule-${j}`, target: r.service, targetHandle: 'in', className: 'edge-ingress', ariaLabel: `${r.host}${r.path} → ${r.serviceName}` }));
    });
    edges.push(mark({ id: `out|${i.key}`, source: CLIENT_ID, sourceHandle: 'down', target: i.key, targetHandle: 'top', className: 'edge-outside' }));
  }
  for (const lb of model.loadBalancers) {
    edges.push(mark({ id: `out|${lb.service}`, source: CLIENT_ID, sourceHandle: 'out', target: lb.service, targetHandle: 'in', className: 'edge-outside' }));
    for (const n of lb.nodes) edges.push(mark({ id: `lb|${lb.service}|${n}`, source: lb.service, sourceHandle: 'out', target: n, targetHandle: 'in', className: 'edge-lb' }));
  }
  for (const s of model.externalNames) edges.push(mark({ id: `dns|${s}`, source: s, sourceHandle: 'dns', target: DNS_ID, targetHandle: 'in', className: 'edge-dns' }));
  return edges;
}
