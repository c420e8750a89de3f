// Keep the identity of diagram elements that did not change between two drawings. Every derivation
// (every keystroke) builds new node and edge objects; handed to React Flow as they are, each of the
// thousands of boxes re-renders and React Flow re-adopts it. A box whose drawing is the same as before
// keeps its previous object, so React Flow and the memoised node components skip it.
import type { Edge } from '@xyflow/react';
import type { DiagramNode } from './toFlow';
import { sameData } from './reuse';

/** `next` with each element that equals its predecessor of the same id replaced by that predecessor;
 *  `prev` itself when nothing changed at all. Equal: the same plain data (reuse.ts sameData), which is
 *  quick to tell because the diagram model hands back the very view objects that did not change. */
export function keepUnchanged<T extends DiagramNode | Edge>(prev: readonly T[], next: T[]): T[] {
  if (prev.length === 0) return next;
  // Usually the elements line up with the previous drawing's, most of them the very same objects
  // (toFlow's ElementCache): compare in place, and index the previous elements only when they do not.
  let same = prev.length === next.length;
  let out: T[] | null = null;
  let before: Map<string, T> | null = null;
  for (let i = 0; i < next.length; i++) {
    const x = next[i];
    let p: T | undefined = prev[i];
    if (p === x) continue;
    if (p === undefined || p.id !== x.id) {
      if (!before) {
        before = new Map();
        for (const q of prev) before.set(q.id, q);
      }
      p = before.get(x.id);
      same = false;
    }
    const keep = p !== undefined && sameData(p, x);
    if (!keep || prev[i] !== p) same = false;
    if (keep && p !== x) {
      out ??= next.slice();
      out[i] = p as T;
    }
  }
  return same ? (prev as T[]) : (out ?? next);
}

interface Entry<T> {
  value: T;
  d0: unknown;
  d1: unknown;
  d2: unknown;
  d3: unknown;
  d4: unknown;
  d5: unknown;
  /** the drawing that last took it */
  gen: number;
}

/**
 * Builds each element of a drawing once per distinct set of inputs: asked for an id whose inputs (up to
 * six values, compared by identity) are those it had in the previous drawing, it hands back that
 * drawing's very object instead of building an equal one. toFlow then returns the objects of unchanged
 * boxes and lines as they were, and keepUnchanged / keepShells recognise them at once, without comparing
 * their contents. The inputs must determine the element completely. get/set rather than one call with
 * a builder and an array of inputs: a keystroke asks for ~2,000 elements, and those allocations were a
 * good part of its garbage.
 */
export class ElementCache<T> {
  private entries = new Map<string, Entry<T>>();
  private gen = 0;

  /** The element of `id` built from these very inputs in the previous drawing (or this one), if any. */
  get(id: string, d0?: unknown, d1?: unknown, d2?: unknown, d3?: unknown, d4?: unknown, d5?: unknown): T | undefined {
    const e = this.entries.get(id);
    if (e === undefined || !Object.is(e.d0, d0) || !Object.is(e.d1, d1) || !Object.is(e.d2, d2) || !Object.is(e.d3, d3) || !Object.is(e.d4, d4) || !Object.is(e.d5, d5)) return undefined;
    e.gen = this.gen;
    return e.value;
  }

  /** Remember `value` as the element of `id` built from these inputs; returns it. */
  set(id: string, value: T, d0?: unknown, d1?: unknown, d2?: unknown, d3?: unknown, d4?: unknown, d5?: unknown): T {
    const e = this.entries.get(id);
    if (e === undefined) {
      this.entries.set(id, { value, d0, d1, d2, d3, d4, d5, gen: this.gen });
      return value;
    }
    e.value = value;
    e.d0 = d0;
    e.d1 = d1;
    e.d2 = d2;
    e.d3 = d3;
    e.d4 = d4;
    e.d5 = d5;
    e.gen = this.gen;
    return value;
  }

  /** End of a drawing: elements it did not ask for are forgotten. */
  commit(): void {
    for (const [id, e] of this.entries) if (e.gen !== this.gen) this.entries.delete(id);
    this.gen++;
  }
}
