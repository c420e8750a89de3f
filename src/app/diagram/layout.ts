// Deterministic layout: the same model gives the same positions, and adding or removing one object
// moves as little as possible. Columns from left to right follow the path traffic takes:
//   outside world and Ingresses → Services → nodes (rows of two boxes, pods inside in sorted order;
//   more nodes wrap into further rows).
// Every box has a fixed width and a height computed from its content (so nothing depends on DOM
// measurement); a node's height grows with its pods but never moves its neighbours in the row.
// Positions the user dragged (store.positions) win over the automatic ones.
import type { IngressView, ServiceView } from './model';

export interface XY {
  x: number;
  y: number;
}

export interface Rect extends XY {
  width: number;
  height: number;
}

/** One text line in every box (CSS uses the same value: diagram.css --d-line). */
export const LINE = 18;
export const PAD = 8;
export const HEADER = 24;
export const GAP = 12;

export const POD_W = 170;
export const POD_H = 2 * 6 + 4 * LINE;
export const NODE_COLS = 2;
export const NODE_W = GAP + NODE_COLS * (POD_W + GAP);
export const NODE_HEADER = 2 * PAD + HEADER + 3 * LINE;
export const PENDING_HEADER = 2 * PAD + HEADER + LINE;
/** the left column: the outside world, then the Ingresses, then the system summary */
export const LEFT_W = 240;
export const SERVICE_W = 300;
export const ROW_GAP = 20;
export const NODE_GAP = 40;
/** Nodes per row in a mid-sized cluster (five to eight nodes). */
export const NODES_PER_ROW = 2;

/** Nodes per row for `groups` node boxes. A kind-sized cluster (up to four nodes) is one column, so
 *  the diagram fits the tall pane beside the editor at a readable zoom (two per row drew a three-node
 *  cluster at about 0.4 scale); up to eight, two per row; a big one wraps into a roughly square grid,
 *  so fitting it in the pane does not shrink a 50-row column to a sliver. */
export function nodesPerRow(groups: number): number {
  if (groups <= 4) return 1;
  return groups <= 8 ? NODES_PER_ROW : Math.ceil(Math.sqrt(groups));
}

export const COLUMN_X = {
  left: 0,
  services: LEFT_W + 60,
  nodes: LEFT_W + 60 + SERVICE_W + 80,
} as const;

export function serviceHeight(s: Pick<ServiceView, 'ports' | 'external' | 'externalName' | 'flag'>): number {
  const lines = 1 + Math.max(1, s.ports.length) + (s.external ? 1 : 0) + (s.externalName ? 1 : 0) + 1 + (s.flag ? 2 : 0);
  return 2 * PAD + HEADER + lines * LINE;
}

export function ingressHeight(i: Pick<IngressView, 'rules'>): number {
  return 2 * PAD + HEADER + (1 + Math.max(1, i.rules.length)) * LINE;
}

/** The system-components box: a title, one line per namespace, the show/hide button. */
export function systemHeight(namespaces: number): number {
  return 2 * PAD + HEADER + namespaces * LINE + 2 * LINE + 4;
}

/** Vertical centre of rule `i` inside an Ingress box (its edge leaves from there). */
export function ingressRuleY(i: number): number {
  return PAD + HEADER + LINE + i * LINE + LINE / 2;
}

export function groupHeight(children: number, header: number): number {
  const rows = Math.max(1, Math.ceil(children / NODE_COLS));
  return header + rows * (POD_H + GAP) + GAP;
}

/** Where child `i` of a group sits, relative to the group: row-major, NODE_COLS per row. */
export function childSlot(i: number, header: number): XY {
  return { x: GAP + (i % NODE_COLS) * (POD_W + GAP), y: header + Math.floor(i / NODE_COLS) * (POD_H + GAP) };
}

/** The key under which a child's dragged position is remembered: per group, so a pod that moves to
 *  another node gets that node's automatic slot rather than a stale offset. */
export function childPositionKey(child: string, group: string): string {
  return `${child}@${group}`;
}

export interface LayoutInput {
  /** left column, top to bottom */
  left: { id: string; height: number }[];
  services: { id: string; height: number }[];
  /** groups in a row (nodes, then the unscheduled area), each with its children in display order */
  groups: { id: string; header: number; children: string[] }[];
}

export interface LayoutResult {
  /** top-level boxes in absolute coordinates; children relative to their group */
  rects: Map<string, Rect>;
  parent: Map<string, string>;
}

function stack(ids: { id: string; height: number }[], x: number, width: number, y0: number, out: Map<string, Rect>, positions: Record<string, XY>): void {
  let y = y0;
  for (const { id, height } of ids) {
    const p = positions[id];
    out.set(id, { x: p?.x ?? x, y: p?.y ?? y, width, height });
    y += height + ROW_GAP;
  }
}

export function layout(input: LayoutInput, positions: Record<string, XY> = {}): LayoutResult {
  const rects = new Map<string, Rect>();
  const parent = new Map<string, string>();
  stack(input.left, COLUMN_X.left, LEFT_W, 0, rects, positions);
  stack(input.services, COLUMN_X.services, SERVICE_W, 0, rects, positions);
  // Each row starts below the tallest group of the row above.
  let rowY = 0;
  let rowHeight = 0;
  const perRow = nodesPerRow(input.groups.length);
  input.groups.forEach((g, i) => {
    const col = i % perRow;
    if (col === 0 && i > 0) {
      rowY += rowHeight + NODE_GAP;
      rowHeight = 0;
    }
    const height = groupHeight(g.children.length, g.header);
    rowHeight = Math.max(rowHeight, height);
    const p = positions[g.id];
    rects.set(g.id, { x: p?.x ?? COLUMN_X.nodes + col * (NODE_W + NODE_GAP), y: p?.y ?? rowY, width: NODE_W, height });
    g.children.forEach((c, j) => {
      const slot = positions[childPositionKey(c, g.id)] ?? childSlot(j, g.header);
      rects.set(c, { x: slot.x, y: slot.y, width: POD_W, height: POD_H });
      parent.set(c, g.id);
    });
  });
  return { rects, parent };
}

/** The group whose rectangle (absolute) contains the point, if any: the drop target of a dragged pod. */
export function groupAt(point: XY, groups: { id: string; rect: Rect }[]): string | null {
  for (const g of groups) {
    const r = g.rect;
    if (point.x >= r.x && point.x <= r.x + r.width && point.y >= r.y && point.y <= r.y + r.height) return g.id;
  }
  return null;
}
