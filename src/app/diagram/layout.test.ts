import { describe, expect, it } from 'vitest';
import { childPositionKey, childSlot, COLUMN_X, GAP, groupAt, groupHeight, layout, NODE_GAP, NODE_HEADER, NODE_W, NODES_PER_ROW, nodesPerRow, POD_H, POD_W, ROW_GAP, type LayoutInput } from './layout';

const input = (over: Partial<LayoutInput> = {}): LayoutInput => ({
  left: [
    { id: 'client', height: 64 },
    { id: 'Ingress/default/web', height: 80 },
  ],
  services: [
    { id: 'Service/default/a', height: 100 },
    { id: 'Service/default/b', height: 120 },
  ],
  groups: [
    { id: 'Node//n1', header: NODE_HEADER, children: ['Pod/default/p1', 'Pod/default/p2', 'Pod/default/p3'] },
    { id: 'Node//n2', header: NODE_HEADER, children: [] },
  ],
  ...over,
});

describe('layout', () => {
  it.each([
    // pods fill a node row-major, NODE_COLS (2) per row
    [0, { x: GAP, y: NODE_HEADER }],
    [1, { x: GAP + POD_W + GAP, y: NODE_HEADER }],
    [2, { x: GAP, y: NODE_HEADER + POD_H + GAP }],
  ])('child %i sits at %j', (i, at) => {
    expect(childSlot(i, NODE_HEADER)).toEqual(at);
  });

  it('puts columns left to right in traffic order and stacks each column', () => {
    const { rects, parent } = layout(input());
    expect(rects.get('client')).toMatchObject({ x: COLUMN_X.left, y: 0 });
    expect(rects.get('Ingress/default/web')).toMatchObject({ x: COLUMN_X.left, y: 64 + ROW_GAP });
    expect(rects.get('Service/default/a')).toEqual({ x: COLUMN_X.services, y: 0, width: expect.any(Number), height: 100 });
    expect(rects.get('Service/default/b')).toMatchObject({ x: COLUMN_X.services, y: 100 + ROW_GAP });
    expect(rects.get('Node//n1')).toEqual({ x: COLUMN_X.nodes, y: 0, width: NODE_W, height: groupHeight(3, NODE_HEADER) });
    expect(rects.get('Node//n2')).toMatchObject({ x: COLUMN_X.nodes, y: groupHeight(3, NODE_HEADER) + NODE_GAP });
    expect(rects.get('Pod/default/p3')).toEqual({ ...childSlot(2, NODE_HEADER), width: POD_W, height: POD_H });
    expect(parent.get('Pod/default/p3')).toBe('Node//n1');
  });

  it('an empty node still has room for one row of pods', () => {
    expect(groupHeight(0, NODE_HEADER)).toBe(groupHeight(1, NODE_HEADER));
  });

  it.each([
    // stability: what is added after (sorted later) never moves what is already drawn
    ['a Service appended to the column', { services: [...input().services, { id: 'Service/default/c', height: 90 }] }],
    ['a node appended to the row', { groups: [...input().groups, { id: 'Node//n3', header: NODE_HEADER, children: ['Pod/default/q'] }] }],
    ['a pod added to another node', { groups: [input().groups[0], { ...input().groups[1], children: ['Pod/default/new'] }] }],
    ['an Ingress added below the others', { left: [...input().left, { id: 'Ingress/default/x', height: 60 }] }],
  ])('adding %s moves nothing else', (_name, over) => {
    const before = layout(input()).rects;
    const after = layout(input(over)).rects;
    for (const [id, r] of before) {
      if (id === 'Node//n2') expect(after.get(id)).toMatchObject({ x: r.x, y: r.y });
      else expect(after.get(id)).toEqual(r);
    }
  });

  it('is deterministic', () => {
    expect([...layout(input()).rects]).toEqual([...layout(input()).rects]);
  });

  it('uses dragged positions: top-level by id, pods per (pod, node)', () => {
    const { rects } = layout(input(), {
      'Service/default/b': { x: 5, y: 6 },
      [childPositionKey('Pod/default/p1', 'Node//n1')]: { x: 50, y: 300 },
      [childPositionKey('Pod/default/p2', 'Node//n2')]: { x: 1, y: 1 }, // a stale offset from another node is ignored
    });
    expect(rects.get('Service/default/b')).toMatchObject({ x: 5, y: 6 });
    expect(rects.get('Pod/default/p1')).toMatchObject({ x: 50, y: 300 });
    expect(rects.get('Pod/default/p2')).toMatchObject(childSlot(1, NODE_HEADER));
  });

  it('wraps big clusters into rows below the tallest node of the row above', () => {
    const groups = Array.from({ length: 5 }, (_, i) => ({ id: `Node//n${i}`, header: NODE_HEADER, children: i === NODES_PER_ROW - 1 ? ['a', 'b', 'c', 'd', 'e'] : [] }));
    const { rects } = layout(input({ groups }));
    expect(rects.get(`Node//n${NODES_PER_ROW}`)).toMatchObject({ x: COLUMN_X.nodes, y: groupHeight(5, NODE_HEADER) + NODE_GAP });
  });

  it('a kind-sized cluster is one column, each node below the one before', () => {
    const groups = Array.from({ length: 3 }, (_, i) => ({ id: `Node//n${i}`, header: NODE_HEADER, children: i === 0 ? ['a', 'b', 'c'] : [] }));
    const { rects } = layout(input({ groups }));
    expect(rects.get('Node//n1')).toMatchObject({ x: COLUMN_X.nodes, y: groupHeight(3, NODE_HEADER) + NODE_GAP });
    expect(rects.get('Node//n2')).toMatchObject({ x: COLUMN_X.nodes, y: groupHeight(3, NODE_HEADER) + groupHeight(0, NODE_HEADER) + 2 * NODE_GAP });
  });

  it.each([
    // the drop target of a dragged pod: the group under the pointer
    [{ x: COLUMN_X.nodes + 5, y: 5 }, 'Node//n1'],
    [{ x: COLUMN_X.nodes + NODE_W + NODE_GAP + 1, y: 1 }, 'Node//n2'],
    [{ x: COLUMN_X.nodes + NODE_W + 1, y: 5 }, null],
    [{ x: 0, y: 0 }, null],
  ])('groupAt(%j) → %s', (pt, id) => {
    // five nodes: two per row, n1 and n2 side by side
    const groups = ['n1', 'n2', 'n3', 'n4', 'n5'].map((n) => ({ id: `Node//${n}`, header: NODE_HEADER, children: [] }));
    const { rects } = layout(input({ groups }));
    expect(groupAt(pt, ['Node//n1', 'Node//n2'].map((g) => ({ id: g, rect: rects.get(g)! })))).toBe(id);
  });
});

describe('nodesPerRow', () => {
  it.each([
    [1, 1], // a kind cluster: one column beside the editor
    [3, 1],
    [4, 1],
    [5, 2], // five to eight: two per row
    [8, 2],
    [9, 3], // past eight nodes: a roughly square grid
    [100, 10],
    [101, 11],
  ])('%i nodes → %i per row', (n, perRow) => {
    expect(nodesPerRow(n)).toBe(perRow);
  });

  it('a hundred nodes lay out as ten rows of ten', () => {
    const groups = Array.from({ length: 100 }, (_, i) => ({ id: `Node//n${i}`, header: NODE_HEADER, children: [] }));
    const { rects } = layout({ left: [], services: [], groups });
    expect(new Set(groups.map((g) => rects.get(g.id)!.x)).size).toBe(10);
    expect(new Set(groups.map((g) => rects.get(g.id)!.y)).size).toBe(10);
  });
});
