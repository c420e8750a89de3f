// The mini map of a big cluster as a few SVG paths (one per kind of box) instead of one <rect> per box.
// A pan near fit view changes the mini map's viewBox in every frame (the view grows past the boxes'
// bounds), and Chromium then re-lays out every shape in it: ~300 rects at 100 nodes / 200 Services.
// Pure: MiniMapBoxes.tsx feeds it React Flow's boxes.

export interface MiniBox {
  id: string;
  type?: string;
  selected?: boolean;
  hidden?: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MiniPath {
  className: string;
  d: string;
}

/** Kinds the mini map leaves out of a big cluster: pods and "+N more" boxes are sub-pixel there. */
const LEFT_OUT = new Set(['pod', 'more']);

/** A rectangle with corners rounded like SVG's <rect rx ry> (the radius clamped to half a side), as path data. */
export function roundedRectPath(x: number, y: number, w: number, h: number, radius: number): string {
  const r = Math.max(0, Math.min(radius, w / 2, h / 2));
  if (r === 0) return `M${x} ${y}h${w}v${h}h${-w}z`;
  const a = (dx: number, dy: number) => `a${r} ${r} 0 0 1 ${dx} ${dy}`;
  return `M${x + r} ${y}h${w - 2 * r}${a(r, r)}v${h - 2 * r}${a(-r, r)}h${-(w - 2 * r)}${a(-r, -r)}v${-(h - 2 * r)}${a(r, -r)}z`;
}

/**
 * One path per class the mini map would give each box (React Flow's MiniMapNode: `react-flow__minimap-node`,
 * `selected`, then ClusterDiagram's `d-mini-<type>`), in the order the classes first appear, so boxes of
 * a kind fill and stroke exactly as their rects did (they never overlap one another).
 */
export function miniMapPaths(boxes: Iterable<MiniBox>, radius: number): MiniPath[] {
  const byClass = new Map<string, string[]>();
  for (const b of boxes) {
    if (b.hidden || LEFT_OUT.has(b.type ?? '') || !(b.width > 0) || !(b.height > 0)) continue;
    const className = `react-flow__minimap-node${b.selected ? ' selected' : ''} d-mini-${b.type}`;
    let parts = byClass.get(className);
    if (!parts) byClass.set(className, (parts = []));
    parts.push(roundedRectPath(b.x, b.y, b.width, b.height, radius));
  }
  return [...byClass].map(([className, parts]) => ({ className, d: parts.join('') }));
}
