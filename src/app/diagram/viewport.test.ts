import { describe, expect, it } from 'vitest';
import type { Edge } from '@xyflow/react';
import { absoluteRects, cullEdges, cullOffscreen, FAR_ZOOM, FILL_MARGIN, fillRect, RENDER_ALL_LIMIT, POD_VIEW_LIMIT, rectOfKey, SUMMARY_ZOOM, viewKey, zoomLevel, type ZoomLevel } from './viewport';

describe('zoomLevel', () => {
  it.each<[string, number, number, ZoomLevel]>([
    // name, zoom, pods in the cluster, level (pane 600 × 900 px)
    ['far out: names and counts only', FAR_ZOOM / 2, 10, 'far'],
    ['zoomed out: pod counts', (FAR_ZOOM + SUMMARY_ZOOM) / 2, 10, 'summary'],
    ['a small cluster shows pods as soon as they are legible', SUMMARY_ZOOM, 10, 'full'],
    ['a small cluster at the limit still shows pods', 0.3, POD_VIEW_LIMIT, 'full'],
    ['5,000 pods at 0.3: the pane would hold hundreds of pod boxes', 0.3, 5000, 'summary'],
    ['5,000 pods zoomed in on a node: pods', 1, 5000, 'full'],
  ])('%s', (_name, zoom, pods, level) => {
    expect(zoomLevel(zoom, 600, 900, pods)).toBe(level);
  });

  it.each<[number, number, ZoomLevel]>([
    // zoom, nodes in the cluster → level (pane 600 × 900 px, 5,000 pods)
    [0.15, 3, 'summary'], // a few nodes: full node boxes with pod counts
    [0.15, 100, 'far'], // a hundred: the pane would hold ~50 node boxes, compact ones
    [0.5, 100, 'summary'], // zoomed in on a few of them: full boxes, pod counts
  ])('zoom %f with %i nodes → %s', (zoom, nodes, level) => {
    expect(zoomLevel(zoom, 600, 900, 5000, nodes)).toBe(level);
  });

  it('the pod threshold falls as the pane shrinks (more zoom fits fewer boxes)', () => {
    expect(zoomLevel(0.6, 1600, 1000, 5000)).toBe('summary');
    expect(zoomLevel(0.6, 400, 300, 5000)).toBe('full');
  });
});

describe('viewKey / rectOfKey', () => {
  it('covers the visible flow area with half a screen to spare on each side', () => {
    const r = rectOfKey(viewKey([-1000, -500, 0.5], 800, 600))!; // visible: x 2000..3600, y 1000..2200
    expect(r.x).toBeLessThanOrEqual(2000 - 800);
    expect(r.y).toBeLessThanOrEqual(1000 - 600);
    expect(r.x + r.width).toBeGreaterThanOrEqual(3600 + 800);
    expect(r.y + r.height).toBeGreaterThanOrEqual(2200 + 600);
  });

  it('does not change for small pans (the edge filter does not rerun every frame)', () => {
    const a = viewKey([-1000, -500, 0.5], 800, 600);
    expect(viewKey([-1001, -502, 0.5], 800, 600)).toBe(a);
    expect(viewKey([-1800, -500, 0.5], 800, 600)).not.toBe(a);
  });

  it('is empty (no culling) before React Flow knows its size', () => {
    expect(viewKey([0, 0, 1], 0, 0)).toBe('');
    expect(rectOfKey('')).toBeNull();
  });
});

describe('cullEdges', () => {
  const nodes = [
    { id: 'svc', position: { x: 0, y: 0 }, width: 100, height: 50 },
    { id: 'node-a', position: { x: 500, y: 0 }, width: 300, height: 300 },
    { id: 'pod-a', position: { x: 10, y: 100 }, width: 50, height: 50, parentId: 'node-a' },
    { id: 'node-b', position: { x: 500, y: 5000 }, width: 300, height: 300 },
    { id: 'pod-b', position: { x: 10, y: 100 }, width: 50, height: 50, parentId: 'node-b' },
  ];
  const edge = (target: string): Edge => ({ id: `svc→${target}`, source: 'svc', target });

  it('places children relative to their parent', () => {
    expect(absoluteRects(nodes).get('pod-b')).toEqual({ x: 510, y: 5100, width: 50, height: 50 });
  });

  it('keeps edges that end in view, drops those ending far away, keeps unknown targets', () => {
    const kept = cullEdges([edge('pod-a'), edge('pod-b'), edge('gone')], absoluteRects(nodes), { x: 400, y: 0, width: 600, height: 600 });
    expect(kept.map((e) => e.target)).toEqual(['pod-a', 'gone']);
  });
});

describe('fillRect (the opaque fill under a dragged viewport)', () => {
  const M = FILL_MARGIN;
  it.each<[string, { position: { x: number; y: number }; width?: number; height?: number; parentId?: string }[], { x: number; y: number; width: number; height: number } | null]>([
    // name, boxes, covered rectangle
    ['empty diagram: no fill', [], null],
    ['one box, grown by the margin on every side', [{ position: { x: 10, y: 20 }, width: 100, height: 50 }], { x: 10 - M, y: 20 - M, width: 100 + 2 * M, height: 50 + 2 * M }],
    [
      'the union of top-level boxes; children lie inside their parents and are skipped',
      [
        { position: { x: -50, y: 0 }, width: 100, height: 100 },
        { position: { x: 400, y: 300 }, width: 200, height: 100 },
        { position: { x: 5000, y: 5000 }, width: 10, height: 10, parentId: 'n' },
      ],
      { x: -50 - M, y: -M, width: 650 + 2 * M, height: 400 + 2 * M },
    ],
    ['a box without a size counts as a point', [{ position: { x: 7, y: 8 } }], { x: 7 - M, y: 8 - M, width: 2 * M, height: 2 * M }],
  ])('%s', (_name, boxes, want) => {
    expect(fillRect(boxes)).toEqual(want);
  });

  it('keeps its edges off-screen at the minimum zoom (0.02) for a 2,000 px pane', () => {
    expect(FILL_MARGIN * 0.02).toBeGreaterThanOrEqual(2000);
  });
});

describe('cullOffscreen', () => {
  it.each<[string, ZoomLevel, number, boolean]>([
    // name, zoom level, nodes + edges drawn, cull?
    ['far out, a big cluster (~600 boxes and lines): all mounted, a pan adds no DOM', 'far', 603, false],
    ['far out, over the limit: culled', 'far', RENDER_ALL_LIMIT + 1, true],
    ['summary (full node boxes, ~15 elements each): culled', 'summary', 603, true],
    ['pods drawn: culled', 'full', 300, true],
  ])('%s', (_name, level, drawn, cull) => {
    expect(cullOffscreen(level, drawn)).toBe(cull);
  });
});
