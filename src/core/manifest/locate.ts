// Field path → source range. Parses a document with `yaml` (which keeps node ranges) only when a
// diagnostic or a selection needs a position, so the fast path never pays for positions.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { SourceRange } from '../model/types';
import type { ParsedDocument } from './parse';
import { lineColAt } from './text';

export type PathSegment = string | number;

/** `spec.ports[0].nodePort` / `metadata.labels[app]` → ['spec','ports',0,'nodePort'] / ['metadata','labels','app'] */
export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

const docCache = new Map<string, Document>();
function yamlDoc(text: string): Document {
  let d = docCache.get(text);
  if (!d) {
    if (docCache.size > 64) docCache.clear();
    d = parseDocument(text, { schema: 'core', merge: false, uniqueKeys: false });
    docCache.set(text, d);
  }
  return d;
}

/**
 * The range of the deepest node on `path` that exists in the document: the value when the whole path
 * exists, else the key of the deepest existing ancestor (a missing field points at its parent).
 */
export function locate(doc: ParsedDocument, path: PathSegment[]): SourceRange {
  const y = yamlDoc(doc.text);
  let node: Node | null = (y.contents as Node | null) ?? null;
  let best: [number, number] | null = node?.range ? [node.range[0], node.range[1]] : null;
  for (const seg of path) {
    if (!node) break;
    let next: Node | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair) {
        const key = pair.key as Node;
        next = (pair.value as Node | null) ?? null;
        if (key.range) best = [key.range[0], key.range[1]];
        if (next?.range) best = [next.range[0], next.range[1]];
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = (node.items[seg] as Node | undefined) ?? null;
      if (next?.range) best = [next.range[0], next.range[1]];
    }
    if (!next) break;
    node = next;
  }
  const [s, e] = best ?? [0, 0];
  return toRange(doc, s, e);
}

export function toRange(doc: ParsedDocument, localStart: number, localEnd: number): SourceRange {
  const a = lineColAt(doc.text, localStart);
  const b = lineColAt(doc.text, localEnd);
  return {
    document: doc.index,
    start: doc.start + localStart,
    end: doc.start + localEnd,
    line: doc.startLine + a.line - 1,
    column: a.column,
    endLine: doc.startLine + b.line - 1,
    endColumn: b.column,
  };
}

/** The range of a whole document's content (for selecting an object in the editor). */
export function documentRange(doc: ParsedDocument): SourceRange {
  return toRange(doc, 0, doc.text.length);
}
