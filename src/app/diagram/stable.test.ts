import { describe, expect, it } from 'vitest';
import type { Edge } from '@xyflow/react';
import { ElementCache, keepUnchanged } from './stable';

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

describe('keepUnchanged when the drawing hands back the very same objects (ElementCache)', () => {
  const x = edge('x');
  const y = edge('y', '1');
  it.each([
    { name: 'all the same objects: the previous array', next: () => [x, y], same: true, kept: ['x', 'y'] },
    { name: 'one new but equal object: still the previous array', next: () => [x, edge('y', '1')], same: true, kept: ['x', 'y'] },
    { name: 'one changed: a new array keeping the other object', next: () => [x, edge('y', '2')], same: false, kept: ['x'] },
    { name: 'shifted by an insertion: kept by id', next: () => [edge('w'), x, edge('y', '1')], same: false, kept: ['x', 'y'] },
  ])('$name', ({ next, same, kept }) => {
    const prev = [x, y];
    const n = next();
    const out = keepUnchanged(prev, n);
    expect(out).toEqual(n);
    expect(out === prev).toBe(same);
    expect(out.filter((e) => prev.includes(e)).map((e) => e.id)).toEqual(kept);
  });
});

describe('ElementCache: an element is built once per distinct inputs', () => {
  it.each([
    { name: 'the same inputs: the same object, not rebuilt', second: ['r', true, 'v'], rebuilt: false },
    { name: 'an input changed: rebuilt', second: ['r', false, 'v'], rebuilt: true },
    { name: 'an input added: rebuilt', second: ['r', true, 'v', 1], rebuilt: true },
    { name: 'NaN equals NaN (Object.is): not rebuilt', first: [Number.NaN], second: [Number.NaN], rebuilt: false },
  ])('$name', ({ first = ['r', true, 'v'], second, rebuilt }) => {
    const cache = new ElementCache<{ n: number }>();
    let builds = 0;
    const take = (deps: unknown[]) => cache.get('id', ...deps) ?? cache.set('id', { n: ++builds }, ...deps);
    const a = take(first);
    cache.commit();
    const b = take(second);
    expect(a === b).toBe(!rebuilt);
    expect(builds).toBe(rebuilt ? 2 : 1);
  });

  it('forgets what a drawing did not ask for', () => {
    const cache = new ElementCache<object>();
    const v = cache.set('gone', {}, 1);
    cache.commit();
    cache.commit();
    expect(cache.get('gone', 1)).toBeUndefined();
    expect(v).toBeTruthy();
  });
});
