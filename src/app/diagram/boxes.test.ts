// The box store (boxes.ts): boxes read their content by id, and a new drawing wakes only the boxes whose
// data object changed, so a keystroke that changes one Service costs one box, not the cluster.
import { describe, expect, it } from 'vitest';
import { BoxStore } from './boxes';

const A = { text: 'a' };
const B = { text: 'b' };
const C = { text: 'c' };

/** A store holding `first`, with a listener on every id in `watch` that records wake-ups. */
function watched(first: { id: string; data: unknown }[], watch: string[]) {
  const store = new BoxStore();
  store.publish(first);
  const woken: string[] = [];
  for (const id of watch) store.subscribe(id, () => woken.push(id));
  return { store, woken };
}

describe('BoxStore.publish', () => {
  it.each([
    { name: 'the same data objects: nobody wakes', next: [{ id: 'x', data: A }, { id: 'y', data: B }], woken: [] },
    { name: 'one box got a new data object: only it wakes', next: [{ id: 'x', data: A }, { id: 'y', data: C }], woken: ['y'] },
    { name: 'an equal but new object still counts as new (identity is the contract)', next: [{ id: 'x', data: { text: 'a' } }, { id: 'y', data: B }], woken: ['x'] },
    { name: 'a new box: no listener yet, nothing wakes', next: [{ id: 'x', data: A }, { id: 'y', data: B }, { id: 'z', data: C }], woken: [] },
    { name: 'order does not matter', next: [{ id: 'y', data: B }, { id: 'x', data: A }], woken: [] },
  ])('$name', ({ next, woken: expected }) => {
    const { store, woken } = watched([{ id: 'x', data: A }, { id: 'y', data: B }], ['x', 'y']);
    store.publish(next);
    expect(woken).toEqual(expected);
    for (const n of next) expect(store.get(n.id)).toBe(n.data);
  });

  it('forgets boxes no longer drawn', () => {
    const { store } = watched([{ id: 'x', data: A }, { id: 'y', data: B }], []);
    store.publish([{ id: 'y', data: B }]);
    expect(store.get('x')).toBeUndefined();
    expect(store.get('y')).toBe(B);
  });

  it('the very array published last time is a no-op', () => {
    const nodes = [{ id: 'x', data: A }];
    const { store, woken } = watched(nodes, ['x']);
    expect(store.publish(nodes)).toEqual([]);
    expect(woken).toEqual([]);
  });

  it('returns the ids whose data changed, and stops waking an unsubscribed box', () => {
    const store = new BoxStore();
    store.publish([{ id: 'x', data: A }]);
    const woken: string[] = [];
    const off = store.subscribe('x', () => woken.push('x'));
    expect(store.publish([{ id: 'x', data: B }])).toEqual(['x']);
    off();
    expect(store.publish([{ id: 'x', data: C }])).toEqual(['x']);
    expect(woken).toEqual(['x']);
  });
});
