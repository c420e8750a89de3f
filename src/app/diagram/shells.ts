// The node objects React Flow receives ("shells"): everything it positions, sizes, selects and labels,
// while the boxes read their content from the box store (boxes.ts). A shell is replaced only when
// something React Flow itself uses changed; a drawing that differs from the last one only in box data
// (a Service's port, a pod's status, a node's counts) hands React Flow the very same array, so its store
// stays still and no node wrapper re-renders. A kept shell's `data` is stale by design: read box
// content through useBoxData (useBox.ts), never from React Flow's node objects.
import type { DiagramNode } from './toFlow';
import { sameData } from './reuse';

/** Keys of a node whose change React Flow does not need to see. */
const CONTENT_ONLY = new Set(['data']);

/** Do `a` and `b` differ only in their data? */
export function sameShell(a: DiagramNode, b: DiagramNode): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  let n = 0;
  for (const k of ka) {
    if (CONTENT_ONLY.has(k)) continue;
    n++;
    if (!Object.hasOwn(b, k) || !sameData((a as unknown as Record<string, unknown>)[k], (b as unknown as Record<string, unknown>)[k])) return false;
  }
  let m = 0;
  for (const k of Object.keys(b)) if (!CONTENT_ONLY.has(k)) m++;
  return n === m;
}

/**
 * `next` with each node whose shell equals that of the node of the same id in `prev` replaced by that
 * previous node; `prev` itself when every node is kept in the same order (React Flow then sees no change).
 */
export function keepShells(prev: readonly DiagramNode[], next: readonly DiagramNode[]): DiagramNode[] {
  if (prev.length === 0) return next as DiagramNode[];
  // Usually the nodes line up with the previous shells, most of them the very same objects: compare in
  // place, and index the previous shells only when they do not.
  let same = prev.length === next.length;
  let out: DiagramNode[] | null = null;
  let before: Map<string, DiagramNode> | null = null;
  for (let i = 0; i < next.length; i++) {
    const n = next[i];
    let p: DiagramNode | undefined = prev[i];
    if (p === n) continue;
    if (p === undefined || p.id !== n.id) {
      if (!before) {
        before = new Map();
        for (const q of prev) before.set(q.id, q);
      }
      p = before.get(n.id);
      same = false;
    }
    const keep = p !== undefined && sameShell(p, n);
    if (!keep || prev[i] !== p) same = false;
    if (keep) {
      out ??= next.slice();
      out[i] = p as DiagramNode;
    }
  }
  return same ? (prev as DiagramNode[]) : (out ?? (next as DiagramNode[]));
}
