// Shells (shells.ts): React Flow keeps its node objects while only box content changes, so a keystroke
// that changes a Service's port hands React Flow nothing new; anything React Flow itself uses still
// reaches it.
import { describe, expect, it } from 'vitest';
import { keepShells, sameShell } from './shells';
import type { DiagramNode } from './toFlow';

const svc = (id: string, extra: Partial<DiagramNode> = {}, port = 'http: 80 → http'): DiagramNode =>
  ({ id, type: 'service', position: { x: 0, y: 0 }, width: 300, height: 82, selected: false, data: { service: { key: id, ports: [port] } }, ariaLabel: `Service ${id}`, ...extra }) as unknown as DiagramNode;

describe('sameShell: do two drawings of a box differ only in what the box shows?', () => {
  it.each([
    { name: 'only data changed (a port)', b: svc('s', {}, 'http: 8 → http'), same: true },
    { name: 'moved', b: svc('s', { position: { x: 0, y: 10 } }), same: false },
    { name: 'resized (e.g. a port line added)', b: svc('s', { height: 100 }), same: false },
    { name: 'selected', b: svc('s', { selected: true }), same: false },
    { name: 'a class on the wrapper (is-related pods)', b: svc('s', { className: 'is-related' }), same: false },
    { name: 'its accessible name changed (a flag)', b: svc('s', { ariaLabel: 'Service s, no endpoints' }), same: false },
    { name: 'another parent', b: svc('s', { parentId: 'Node//n' }), same: false },
    { name: 'another type', b: { ...svc('s'), type: 'ingress' } as DiagramNode, same: false },
  ])('$name', ({ b, same }) => {
    expect(sameShell(svc('s'), b)).toBe(same);
  });
});

describe('keepShells', () => {
  const prev = [svc('a'), svc('b'), svc('c')];

  it.each([
    { name: 'only data changed: the previous array itself', next: [svc('a'), svc('b', {}, 'http: 8 → http'), svc('c')], kept: ['a', 'b', 'c'], same: true },
    { name: 'the very same nodes: the previous array itself', next: prev, kept: ['a', 'b', 'c'], same: true },
    { name: 'one box moved: a new array, the others kept', next: [svc('a'), svc('b', { position: { x: 5, y: 5 } }), svc('c')], kept: ['a', 'c'], same: false },
    { name: 'a box added', next: [svc('a'), svc('b'), svc('c'), svc('d')], kept: ['a', 'b', 'c'], same: false },
    { name: 'a box removed', next: [svc('a'), svc('c')], kept: ['a', 'c'], same: false },
    { name: 'reordered: kept, but React Flow sees the new order', next: [svc('c'), svc('a'), svc('b')], kept: ['c', 'a', 'b'], same: false },
  ])('$name', ({ next, kept, same }) => {
    const out = keepShells(prev, next);
    expect(out === prev).toBe(same);
    expect(out.map((n) => n.id)).toEqual(next.map((n) => n.id));
    expect(out.filter((n) => prev.includes(n)).map((n) => n.id)).toEqual(kept);
  });

  it('a first drawing is taken as it is', () => {
    const next = [svc('a')];
    expect(keepShells([], next)).toBe(next);
  });
});
