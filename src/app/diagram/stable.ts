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
  const before = new Map<string, T>();
  for (const x of prev) before.set(x.id, x);
  let same = prev.length === next.length;
  const out = next.map((x, i) => {
    const p = before.get(x.id);
    const keep = p !== undefined && sameData(p, x);
    if (!keep || prev[i] !== p) same = false;
    return keep ? p : x;
  });
  return same ? (prev as T[]) : out;
}
