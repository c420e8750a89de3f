// A finding's fix as a minimal text edit of the manifests: find the target object's document (and List
// item) in the text, then change one scalar (manifest/edit.ts setScalar) or rename one map key.
// Everything else in the text stays byte-identical, so the editor applies it as one undoable edit.
import { isMap, isScalar, parseDocument } from 'yaml';
import { applyEdits, setScalar, type EditResult } from '../manifest/edit';
import { parseManifest, splitDocuments } from '../manifest/parse';
import type { Fix, ObjectRef } from './types';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : null);

function sameObject(v: unknown, ref: ObjectRef): boolean {
  const o = rec(v);
  const meta = rec(o?.metadata);
  if (!o || !meta || o.kind !== ref.kind || meta.name !== ref.name) return false;
  if (ref.namespace === null) return true;
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
  return ns === ref.namespace;
}

/** The document index and the path prefix (inside a List: ['items', i]) of `ref` in `text`. */
export function findObject(text: string, ref: ObjectRef): { index: number; prefix: (string | number)[] } | null {
  for (const doc of parseManifest(text)) {
    if (doc.error) continue;
    if (sameObject(doc.value, ref)) return { index: doc.index, prefix: [] };
    const items = rec(doc.value)?.items;
    if (rec(doc.value)?.kind === 'List' && Array.isArray(items)) {
      const i = items.findIndex((it) => sameObject(it, ref));
      if (i >= 0) return { index: doc.index, prefix: ['items', i] };
    }
  }
  return null;
}

/** A key as YAML, quoted only when it would otherwise read as something else (edit.ts's rule). */
function keyText(v: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(v) && !/^(?:y|yes|n|no|true|false|on|off|null|~|[0-9.e+-]+)$/i.test(v) ? v : JSON.stringify(v);
}

/** Rename the map key at `path` (its last segment) in document `index`, keeping its value. */
export function renameKey(text: string, index: number, path: (string | number)[], newKey: string): EditResult | { error: string } {
  const seg = splitDocuments(text)[index];
  if (!seg) return { error: `document ${index} does not exist` };
  const doc = parseDocument(text.slice(seg.start, seg.end));
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = String(path[path.length - 1]);
  if (!isMap(parent)) return { error: `${path.slice(0, -1).join('.')} is not a map` };
  if (parent.items.some((p) => isScalar(p.key) && String(p.key.value) === newKey)) return { error: `${newKey} is already set` };
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === last);
  const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
  if (!range) return { error: `${path.join('.')} does not exist` };
  const edit = { start: seg.start + range[0], end: seg.start + range[1], text: keyText(newKey) };
  return { text: applyEdits(text, [edit]), edits: [edit] };
}

/** The text after `fix` (text edits only; a `remove-actions` fix is the caller's: it edits the action log). */
export function applyFix(text: string, fix: Fix): EditResult | { error: string } {
  if (fix.kind === 'remove-actions') return { error: 'a runtime-action fix does not edit the manifests' };
  const at = findObject(text, fix.target);
  if (!at) return { error: `${fix.target.kind} ${fix.target.name} is not in the manifests` };
  const path = [...at.prefix, ...fix.path];
  return fix.kind === 'set' ? setScalar(text, at.index, path, fix.value) : renameKey(text, at.index, path, fix.newKey);
}
