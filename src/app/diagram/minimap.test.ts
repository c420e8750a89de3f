import { describe, expect, it } from 'vitest';
import { miniMapPaths, roundedRectPath, type MiniBox } from './minimap';

describe('roundedRectPath', () => {
  it.each<[string, [number, number, number, number, number], string]>([
    // name, [x, y, width, height, radius], path data
    ['square corners without a radius', [1, 2, 10, 20, 0], 'M1 2h10v20h-10z'],
    ['corners rounded like <rect rx ry>', [0, 0, 100, 50, 5], 'M5 0h90a5 5 0 0 1 5 5v40a5 5 0 0 1 -5 5h-90a5 5 0 0 1 -5 -5v-40a5 5 0 0 1 5 -5z'],
    ['the radius clamps to half the shorter side, as SVG does', [0, 0, 4, 100, 5], 'M2 0h0a2 2 0 0 1 2 2v96a2 2 0 0 1 -2 2h0a2 2 0 0 1 -2 -2v-96a2 2 0 0 1 2 -2z'],
  ])('%s', (_name, [x, y, w, h, r], d) => {
    expect(roundedRectPath(x, y, w, h, r)).toBe(d);
  });
});

describe('miniMapPaths', () => {
  const box = (id: string, type: string, x: number, extra: Partial<MiniBox> = {}): MiniBox => ({ id, type, x, y: 0, width: 10, height: 10, ...extra });

  it('draws one path per class, in the order the classes first appear, with the classes React Flow gives a mini map rect', () => {
    const paths = miniMapPaths([box('c', 'outside', 0), box('s1', 'service', 20), box('n', 'k8sNode', 40), box('s2', 'service', 60), box('s3', 'service', 80, { selected: true })], 0);
    expect(paths).toEqual([
      { className: 'react-flow__minimap-node d-mini-outside', d: 'M0 0h10v10h-10z' },
      { className: 'react-flow__minimap-node d-mini-service', d: 'M20 0h10v10h-10zM60 0h10v10h-10z' },
      { className: 'react-flow__minimap-node d-mini-k8sNode', d: 'M40 0h10v10h-10z' },
      { className: 'react-flow__minimap-node selected d-mini-service', d: 'M80 0h10v10h-10z' },
    ]);
  });

  it.each<[string, MiniBox]>([
    // name, a box the mini map of a big cluster leaves out
    ['pods (sub-pixel at that scale)', box('p', 'pod', 0)],
    ['"+N more" boxes', box('m', 'more', 0)],
    ['hidden boxes (React Flow skips them too)', box('h', 'service', 0, { hidden: true })],
    ['boxes not measured yet', box('z', 'service', 0, { width: 0 })],
  ])('leaves out %s', (_name, b) => {
    expect(miniMapPaths([b], 5)).toEqual([]);
  });
});
