// Minimal, comment-preserving edits of manifest text: change one scalar, add a field, remove or append
// a document. Every function returns the new text and the edits (offsets into the old text), so the
// editor can apply them as one undoable step and everything else stays byte-identical.
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { splitDocuments } from './parse';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface EditResult {
  text: string;
  edits: TextEdit[];
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function docAt(text: string, index: number): { start: number; end: number; doc: Document } | null {
  const seg = splitDocuments(text)[index];
  if (!seg) return null;
  return { start: seg.start, end: seg.end, doc: parseDocument(text.slice(seg.start, seg.end), { keepSourceTokens: true }) };
}

/** A scalar rendered as YAML, quoted only when it would otherwise read as something else. */
function scalarText(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(v) && !/^(?:y|yes|n|no|true|false|on|off|null|~|[0-9.e+-]+)$/i.test(v) ? v : JSON.stringify(v);
}

/**
 * Set `path` (e.g. ['spec', 'nodeName']) in document `index` to `value`. An existing scalar is replaced
 * in place; a missing last key is added under its (block) parent map with the parent's indentation.
 */
export function setScalar(text: string, index: number, path: (string | number)[], value: string | number | boolean): EditResult | { error: string } {
  const d = docAt(text, index);
  if (!d) return { error: `document ${index} does not exist` };
  const node = d.doc.getIn(path, true);
  if (isScalar(node) && node.range) {
    const [s, e] = node.range;
    const edit = { start: d.start + s, end: d.start + e, text: scalarText(value) };
    return { text: applyEdits(text, [edit]), edits: [edit] };
  }
  if (node !== undefined) return { error: `${path.join('.')} is not a scalar` };
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length ? d.doc.getIn(parentPath, true) : d.doc.contents;
  const key = String(path[path.length - 1]);
  if (!isMap(parent) || !parent.range) return { error: `${parentPath.join('.') || 'the document'} is not a map` };
  if (parent.flow) return { error: `${parentPath.join('.')} is a flow map; edit it by hand` };
  const docText = text.slice(d.start, d.end);
  const first = parent.items[0];
  const firstKey = first && isScalar(first.key) && first.key.range ? first.key.range[0] : parent.range[0];
  const lineStart = docText.lastIndexOf('\n', firstKey - 1) + 1;
  const indent = docText.slice(lineStart, firstKey).replace(/[^ ]/g, ' ');
  const last = parent.items[parent.items.length - 1];
  const lastNode = (last?.value ?? last?.key) as { range?: number[] } | undefined;
  const lastEnd = lastNode?.range ? lastNode.range[1] : parent.range[1];
  const nl = docText.indexOf('\n', Math.max(0, lastEnd - 1));
  const at = nl === -1 ? docText.length : nl + 1;
  const line = `${indent}${key}: ${scalarText(value)}\n`;
  const pos = d.start + at;
  const needsNewline = pos > 0 && text[pos - 1] !== '\n';
  const edit = { start: pos, end: pos, text: (needsNewline ? '\n' : '') + line };
  return { text: applyEdits(text, [edit]), edits: [edit] };
}

/** Remove document `index` together with its `---` separator. */
export function removeDocument(text: string, index: number): EditResult | { error: string } {
  const segs = splitDocuments(text);
  const seg = segs[index];
  if (!seg) return { error: `document ${index} does not exist` };
  const edit = { start: seg.start, end: seg.end, text: '' };
  // Keep exactly one separator between the neighbours: drop this document's own leading `---` line
  // if it has one; otherwise the next document's.
  const own = /^---[^\n]*\n?/.test(text.slice(seg.start));
  if (!own && segs[index + 1]) {
    const m = /^---[^\n]*\n?/.exec(text.slice(segs[index + 1].start));
    if (m) edit.end = segs[index + 1].start + m[0].length;
  }
  return { text: applyEdits(text, [edit]), edits: [edit] };
}

/** Append a document (YAML text without a leading `---`). */
export function appendDocument(text: string, doc: string): EditResult {
  const sep = text.length === 0 ? '' : text.endsWith('\n') ? '---\n' : '\n---\n';
  const edit = { start: text.length, end: text.length, text: sep + (doc.endsWith('\n') ? doc : doc + '\n') };
  return { text: applyEdits(text, [edit]), edits: [edit] };
}
