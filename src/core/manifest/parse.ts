// Multi-document YAML → JS values with source positions.
//
// Speed: values come from js-yaml (about 10× faster than `yaml` here), one document at a time, with a
// cache keyed by the document's text so an edit re-parses only the document that changed. Exact
// positions come from `yaml` (eemeli), and only when something needs pointing at (see locate.ts).
// Safety: documents that use anchors/aliases go through `yaml` with its alias-expansion limit, so a
// billion-laughs document is an error, not an exponential walk later on.
import jsyaml from 'js-yaml';
import { parseDocument, type YAMLError } from 'yaml';
import type { Diagnostic } from '../model/types';
import { ObjectCreateCache } from './create-cache';
import { lineColAt } from './text';
import { JSYAML_SCHEMA, YAML_BOOL11 } from './yaml11';

export interface ParsedDocument {
  /** Index of the document within its file, counting from 0. */
  index: number;
  file: string | null;
  /** Offsets of the document's text (including its `---` line) in the whole file text. */
  start: number;
  end: number;
  /** 1-based line of `start` in the whole file. */
  startLine: number;
  text: string;
  /** The decoded value; null for an empty document or a document that failed to parse. */
  value: unknown;
  /** A YAML syntax error, if the document did not parse. */
  error: Diagnostic | null;
}

interface CachedParse {
  value: unknown;
  /** Error position relative to the document text. */
  error: { message: string; offset: number } | null;
}

/** Parse results keyed by document text; hand the same cache to successive parses of an edited text. */
export class ParseCache {
  /** The create path's per-object results for the values parsed here (loadManifests uses it). */
  readonly created = new ObjectCreateCache();
  private current = new Map<string, CachedParse>();
  private previous = new Map<string, CachedParse>();
  get(text: string): CachedParse | undefined {
    const hit = this.current.get(text) ?? this.previous.get(text);
    if (hit) this.current.set(text, hit);
    return hit;
  }
  set(text: string, v: CachedParse): void {
    this.current.set(text, v);
  }
  /** Called once per parse: entries not used by the last two parses are dropped. */
  rotate(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/** Anchors (&a) or aliases (*a) outside quotes: route the document through `yaml`'s alias limits. */
const ALIAS_OR_ANCHOR = /(?:^|[\s[{,:-])[&*][^\s\]},]/m;
const MAX_ALIAS_COUNT = 100;

function parseWithYaml(text: string): CachedParse {
  const doc = parseDocument(text, {
    schema: 'core',
    customTags: (tags) => [YAML_BOOL11, ...tags],
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const err: YAMLError | undefined = doc.errors[0];
  if (err) return { value: null, error: { message: err.message, offset: err.pos[0] } };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? null, error: null };
  } catch (e) {
    return { value: null, error: { message: e instanceof Error ? e.message : String(e), offset: 0 } };
  }
}

/**
 * Nesting deeper than this is refused before any parser sees it: recursive-descent parsers that run out
 * of stack can take the whole process down (V8 aborts when a regex is compiled near the stack limit),
 * which a try/catch cannot stop. No manifest comes anywhere near it.
 */
export const MAX_DEPTH = 500;

/**
 * A cheap upper bound of a document's nesting: flow brackets (counted even inside quotes and comments,
 * so nothing can hide a bomb from the count), indentation, and `- ` runs at the start of a line.
 */
export function nestingTooDeep(text: string): { offset: number } | null {
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      dashes = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32) {
        if (++indent > MAX_DEPTH * 4) return { offset: i };
        continue;
      }
      const next = text.charCodeAt(i + 1);
      if ((c === 45 || c === 63 || c === 58) && (next === 32 || next === 9)) {
        if (++dashes > MAX_DEPTH) return { offset: i };
        continue;
      }
      lineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++flow > MAX_DEPTH) return { offset: i };
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return null;
}

function parseOne(text: string): CachedParse {
  const deep = nestingTooDeep(text);
  if (deep) return { value: null, error: { message: `exceeded max depth of ${MAX_DEPTH}`, offset: deep.offset } };
  if (ALIAS_OR_ANCHOR.test(text)) return parseWithYaml(text);
  try {
    const value = jsyaml.load(text, { schema: JSYAML_SCHEMA, json: false });
    return { value: value ?? null, error: null };
  } catch (e) {
    // Prefer `yaml`'s message and position (the editor's YAML mode uses the same library); fall back to
    // js-yaml's when the two parsers disagree.
    const slow = parseWithYaml(text);
    if (slow.error) return slow;
    const mark = (e as { mark?: { position: number } }).mark;
    const reason = (e as { reason?: string }).reason ?? (e instanceof Error ? e.message : String(e));
    return { value: null, error: { message: reason, offset: mark?.position ?? 0 } };
  }
}

export interface Segment {
  start: number;
  end: number;
  startLine: number;
}

const isMarker = (text: string, i: number, ch: string): boolean =>
  text.charCodeAt(i) === ch.charCodeAt(0) &&
  text.charCodeAt(i + 1) === ch.charCodeAt(0) &&
  text.charCodeAt(i + 2) === ch.charCodeAt(0) &&
  (i + 3 >= text.length || /[\s]/.test(text[i + 3]));

/**
 * Split a stream into documents the way a YAML parser does: a `---` line starts a document, a `...`
 * line ends one. Document markers at column 0 are forbidden inside content, so this scan is exact for
 * the text people write; a marker with only comments, blank lines or directives before it does not
 * start a second document.
 */
export function splitDocuments(text: string): Segment[] {
  const segments: Segment[] = [];
  let segStart = 0;
  let segLine = 1;
  let hasContent = false;
  let ended = false;
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    if (isMarker(text, pos, '-')) {
      if (hasContent || ended) {
        segments.push({ start: segStart, end: pos, startLine: segLine });
        segStart = pos;
        segLine = line;
      }
      hasContent = true; // an explicit `---` makes a document even when nothing follows
      ended = false;
    } else if (isMarker(text, pos, '.')) {
      segments.push({ start: segStart, end: eol, startLine: segLine });
      segStart = eol + 1;
      segLine = line + 1;
      hasContent = false;
      ended = false;
    } else if (!hasContent) {
      const c = text[pos];
      let j = pos;
      while (j < eol && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
      if (j < eol && text[j] !== '#' && c !== '%') hasContent = true;
    }
    pos = eol + 1;
    line++;
  }
  if (hasContent) segments.push({ start: segStart, end: text.length, startLine: segLine });
  return segments;
}

export function parseManifest(text: string, file: string | null = null, cache?: ParseCache): ParsedDocument[] {
  if (typeof text !== 'string') return [];
  cache?.rotate();
  return splitDocuments(text).map((seg, index) => {
    const docText = text.slice(seg.start, seg.end);
    let parsed = cache?.get(docText);
    if (!parsed) {
      parsed = parseOne(docText);
      cache?.set(docText, parsed);
    }
    let error: Diagnostic | null = null;
    if (parsed.error) {
      const { line, column } = lineColAt(docText, parsed.error.offset);
      const absLine = seg.startLine + line - 1;
      error = {
        severity: 'error',
        file,
        document: index,
        kind: null,
        namespace: null,
        name: null,
        field: null,
        type: null,
        value: null,
        detail: parsed.error.message,
        reason: 'YAMLSyntax',
        code: null,
        message: `error parsing ${file ?? 'manifest'}: document ${index}, line ${absLine}, column ${column}: ${firstLine(parsed.error.message)}`,
        line: absLine,
        column,
      };
    }
    return { index, file, start: seg.start, end: seg.end, startLine: seg.startLine, text: docText, value: parsed.value, error };
  });
}

const firstLine = (s: string): string => s.split('\n')[0];
