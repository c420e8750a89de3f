// Semantic zoom and viewport culling, so a big cluster (100 nodes, 5,000 pods) keeps the diagram under
// ~1,500 DOM elements at every zoom (issue 4, "Speed"): React Flow's onlyRenderVisibleElements skips
// off-screen boxes, but pod boxes on screen and edges that merely cross the screen still add up.
// Pure: the diagram component feeds it React Flow's transform and pane size.
import type { Edge } from '@xyflow/react';
import { GAP, NODE_GAP, NODE_W, POD_H, POD_W, type Rect } from './layout';

/** Below this zoom a pod box is a few pixels wide: nodes show pod counts instead. */
export const SUMMARY_ZOOM = 0.2;
/** Below this zoom a node's text is unreadable: node boxes shrink to their name and counts (in big type). */
export const FAR_ZOOM = 0.12;
/** Most pod boxes worth drawing on screen at once (each is ~12 elements, plus its edge). */
export const POD_VIEW_LIMIT = 80;
/** Flow-space area one pod box takes inside its node (box plus gaps). */
const POD_AREA = (POD_W + GAP) * (POD_H + GAP);
/** Most full node boxes (~15 elements each) worth drawing at once; past that they go compact (~5). */
export const NODE_VIEW_LIMIT = 40;
/** Flow-space area a node box takes in the grid, for a node with a few pods (width × typical height). */
const NODE_AREA = (NODE_W + NODE_GAP) * 400;
/**
 * Most edges drawn while zoomed out (summary and far levels): 200 Services over 100 nodes make ~5,000
 * Service → node lines there, an unreadable mass that cost 2,700 SVG edges (~8,000 DOM elements) and
 * most of each pan frame. Past it, the edges touching the selection stay and a note says how many are
 * hidden; zooming in (edges culled to the view) or selecting a Service shows them.
 */
export const OVERVIEW_EDGE_LIMIT = 300;
/** Culling edges pays off only past this many; smaller diagrams keep every edge. */
export const EDGE_CULL_MIN = 300;

export type ZoomLevel = 'far' | 'summary' | 'full';

/** How many boxes of `area` (flow units²) the pane holds at this zoom. */
const fits = (area: number, zoom: number, paneWidth: number, paneHeight: number): number => (paneWidth * paneHeight) / (zoom * zoom * area);

/**
 * What to draw at this zoom: pods only when the pane cannot hold more than POD_VIEW_LIMIT of them (so a
 * small cluster shows pods as soon as they are legible, a big one once you zoom in on a node); full node
 * boxes only when it cannot hold more than NODE_VIEW_LIMIT nodes, else compact ones.
 */
export function zoomLevel(zoom: number, paneWidth: number, paneHeight: number, pods: number, nodes = 0): ZoomLevel {
  const sized = paneWidth > 0 && paneHeight > 0;
  if (zoom < FAR_ZOOM) return 'far';
  if (nodes > NODE_VIEW_LIMIT && sized && fits(NODE_AREA, zoom, paneWidth, paneHeight) > NODE_VIEW_LIMIT) return 'far';
  if (zoom < SUMMARY_ZOOM) return 'summary';
  if (pods > POD_VIEW_LIMIT && sized && fits(POD_AREA, zoom, paneWidth, paneHeight) > POD_VIEW_LIMIT) return 'summary';
  return 'full';
}

/**
 * The visible part of the flow, snapped to a grid of a quarter screen and grown by half a screen on each
 * side, as a string key: it changes only when the view has moved far enough to matter, so the edge
 * filter below reruns a few times per pan, not on every frame.
 */
export function viewKey(transform: readonly [number, number, number], paneWidth: number, paneHeight: number): string {
  const [tx, ty, zoom] = transform;
  if (!(zoom > 0) || paneWidth <= 0 || paneHeight <= 0) return '';
  const w = paneWidth / zoom;
  const h = paneHeight / zoom;
  const step = Math.max(w, h) / 4;
  const x0 = Math.floor((-tx / zoom - w / 2) / step) * step;
  const y0 = Math.floor((-ty / zoom - h / 2) / step) * step;
  const x1 = (Math.floor((-tx / zoom + w * 1.5) / step) + 1) * step;
  const y1 = (Math.floor((-ty / zoom + h * 1.5) / step) + 1) * step;
  return `${x0},${y0},${x1},${y1}`;
}

export function rectOfKey(key: string): Rect | null {
  const p = key.split(',').map(Number);
  if (p.length !== 4 || p.some((n) => !Number.isFinite(n))) return null;
  return { x: p[0], y: p[1], width: p[2] - p[0], height: p[3] - p[1] };
}

const overlaps = (a: Rect, b: Rect): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Absolute rectangles of nodes whose positions may be relative to a parent (one level, as drawn here). */
export function absoluteRects(nodes: readonly { id: string; position: { x: number; y: number }; width?: number; height?: number; parentId?: string }[]): Map<string, Rect> {
  const out = new Map<string, Rect>();
  for (const n of nodes) {
    const parent = n.parentId ? out.get(n.parentId) : undefined;
    out.set(n.id, { x: n.position.x + (parent?.x ?? 0), y: n.position.y + (parent?.y ?? 0), width: n.width ?? 0, height: n.height ?? 0 });
  }
  return out;
}

/** Edges whose target is in (or near) view: an edge to something far away only crosses the screen. */
export function cullEdges(edges: Edge[], rects: Map<string, Rect>, view: Rect): Edge[] {
  return edges.filter((e) => {
    const t = rects.get(e.target);
    return !t || overlaps(t, view);
  });
}

/**
 * Zoomed far out (compact boxes), diagrams of at most this many nodes + edges are drawn without viewport
 * culling (the 5,000-pod cluster is ~600, all on screen at fit view anyway), so a pan adds and removes no
 * DOM: React Flow's onlyRenderVisibleElements would otherwise mount or unmount boxes at the pane's edges
 * in most pan frames, each costing a React commit, a repaint and a full re-layerization of the diagram.
 * Closer in (full boxes, pods) culling stays on, so the DOM holds only what is near the view.
 */
export const RENDER_ALL_LIMIT = 1000;

/** Whether React Flow should cull boxes and lines outside the view (see RENDER_ALL_LIMIT). */
export function cullOffscreen(level: ZoomLevel, drawn: number): boolean {
  return level !== 'far' || drawn > RENDER_ALL_LIMIT;
}

/**
 * Flow-space margin of the viewport fill (below) around the boxes: its edges stay off-screen at any zoom
 * (a 2,000 px pane at the 0.02 minimum zoom spans 100,000 units), so they never show as a seam.
 */
export const FILL_MARGIN = 100_000;

/**
 * The rectangle the viewport fill covers: every top-level box (children lie inside their parents)
 * plus FILL_MARGIN, or null for an empty diagram. See diagram.css `.react-flow__viewport::before`.
 */
export function fillRect(nodes: readonly { position: { x: number; y: number }; width?: number; height?: number; parentId?: string }[]): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    if (n.parentId) continue;
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? 0));
    y1 = Math.max(y1, n.position.y + (n.height ?? 0));
  }
  if (!Number.isFinite(x0) || !Number.isFinite(y0) || !Number.isFinite(x1) || !Number.isFinite(y1)) return null;
  return { x: x0 - FILL_MARGIN, y: y0 - FILL_MARGIN, width: x1 - x0 + 2 * FILL_MARGIN, height: y1 - y0 + 2 * FILL_MARGIN };
}
