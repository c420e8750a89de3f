import { describe, expect, it } from 'vitest';
import type { Edge } from '@xyflow/react';
import { keepUnchanged } from './stable';

const edge = (id: string, label?: string): Edge => ({ id, source: 'a', target: id, ...(label ? { label } : {}) });

describe('keepUnchanged: a redrawing keeps the objects of elements that look the same', () => {
  it.each([
    { name: 'nothing changed: the previous array itself', prev: [edge('x'), edge('y')], next: [edge('x'), edge('y')], kept: ['x', 'y'], same: true },
    { name: 'one label changed: the others keep their objects', prev: [edge('x', '1'), edge('y', '1')], next: [edge('x', '2'), edge('y', '1')], kept: ['y'], same: false },
    { name: 'an element added', prev: [edge('x')], next: [edge('x'), edge('y')], kept: ['x'], same: false },
    { name: 'an element removed', prev: [edge('x'), edge('y')], next: [edge('y')], kept: ['y'], same: false },
    { name: 'first drawing', prev: [], next: [edge('x')], kept: [], same: false },
  ])('$name', ({ prev, next, kept, same }) => {
    const out = keepUnchanged(prev, next);
    expect(out).toEqual(next);
    expect(out === prev).toBe(same);
    expect(out.filter((x) => prev.includes(x)).map((x) => x.id)).toEqual(kept);
  });
});
