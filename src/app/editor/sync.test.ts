import { describe, expect, it } from 'vitest';
import { loadManifests, type Diagnostic } from '../../core';
import { ObjectIndex, applyEdit, countProblems, diagnosticSpan, documentIndexAt, minimalEdit, rebaseEdit } from './sync';

describe('minimalEdit: one replacement between common prefix and suffix', () => {
  it.each([
    { name: 'identical texts need no edit', a: 'abc', b: 'abc', want: null },
    { name: 'insertion in the middle', a: 'port: 80\n', b: 'port: 8080\n', want: { start: 8, end: 8, text: '80' } },
    { name: 'deletion at the end', a: 'a: 1\nb: 2\n', b: 'a: 1\n', want: { start: 5, end: 10, text: '' } },
    { name: 'replacement of a scalar (diagram drag sets nodeName)', a: 'nodeName: w1\nx: 1', b: 'nodeName: w2\nx: 1', want: { start: 11, end: 12, text: '2' } },
    { name: 'from empty', a: '', b: 'kind: Pod', want: { start: 0, end: 0, text: 'kind: Pod' } },
    { name: 'to empty', a: 'kind: Pod', b: '', want: { start: 0, end: 9, text: '' } },
    { name: 'repeated characters: prefix and suffix never overlap', a: 'aaa', b: 'aaaa', want: { start: 3, end: 3, text: 'a' } },
    { name: 'a surrogate pair is never split', a: 'x😀y', b: 'x😃y', want: { start: 1, end: 3, text: '😃' } },
    // whole chunks are compared first (a long text): the result is the character-by-character one
    { name: 'long text, edit past whole chunks', a: `${'a'.repeat(1000)}x${'b'.repeat(700)}`, b: `${'a'.repeat(1000)}yz${'b'.repeat(700)}`, want: { start: 1000, end: 1001, text: 'yz' } },
    { name: 'long repeated text: prefix and suffix never overlap', a: 'ab'.repeat(600), b: 'ab'.repeat(601), want: { start: 1200, end: 1200, text: 'ab' } },
    { name: 'long text, edit at a chunk boundary', a: 'c'.repeat(512), b: `${'c'.repeat(256)}d${'c'.repeat(256)}`, want: { start: 256, end: 256, text: 'd' } },
  ])('$name', ({ a, b, want }) => {
    const e = minimalEdit(a, b);
    expect(e).toEqual(want);
    if (e) expect(applyEdit(a, e)).toBe(b);
  });
});

describe('rebaseEdit: a change from elsewhere while typing is still unsent', () => {
  const base = 'a: 1\nb: 2\nc: 3\n';
  it.each([
    { name: 'their edit after mine is shifted by my insertion', mine: 'a: 11\nb: 2\nc: 3\n', theirs: 'a: 1\nb: 2\nc: 9\n', want: 'a: 11\nb: 2\nc: 9\n' },
    { name: 'their edit before mine keeps its offsets', mine: 'a: 1\nb: 2\nc: 33\n', theirs: 'a: 7\nb: 2\nc: 3\n', want: 'a: 7\nb: 2\nc: 33\n' },
    { name: 'overlapping edits: the store wins', mine: 'a: 1\nb: 22\nc: 3\n', theirs: 'a: 1\nb: 5\nc: 3\n', want: 'a: 1\nb: 5\nc: 3\n' },
    { name: 'nothing typed: their edit as is', mine: base, theirs: 'a: 1\n', want: 'a: 1\n' },
  ])('$name', ({ mine, theirs, want }) => {
    const e = rebaseEdit(base, mine, theirs);
    expect(e && applyEdit(mine, e)).toBe(want);
  });
});

const lines = (text: string) => {
  const ls = text.split('\n');
  return { getLineCount: () => ls.length, getLineMaxColumn: (l: number) => ls[l - 1].length + 1 };
};

const diag = (over: Partial<Diagnostic>): Diagnostic => ({
  severity: 'error',
  file: 'cluster.yaml',
  document: 0,
  kind: null,
  namespace: null,
  name: null,
  field: null,
  type: null,
  value: null,
  detail: null,
  reason: 'Invalid',
  code: 422,
  message: 'm',
  line: null,
  column: null,
  ...over,
});

describe('diagnosticSpan: where a marker goes', () => {
  const model = lines('apiVersion: v1\nkind: Service\nspec:\n  ports:\n  - nodePort: 29999\n');
  it.each([
    {
      name: 'a field error marks the field value range',
      d: diag({ range: { document: 0, start: 0, end: 0, line: 5, column: 15, endLine: 5, endColumn: 20 }, line: 5, column: 15 }),
      want: { startLineNumber: 5, startColumn: 15, endLineNumber: 5, endColumn: 20 },
    },
    {
      name: 'a YAML syntax error (line/column only) marks the rest of its line',
      d: diag({ reason: 'YAMLSyntax', line: 2, column: 7 }),
      want: { startLineNumber: 2, startColumn: 7, endLineNumber: 2, endColumn: 14 },
    },
    { name: 'no position at all: line 1', d: diag({}), want: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 15 } },
    {
      name: 'a block node ending at column 1 of the next line ends on its own last line',
      d: diag({ range: { document: 0, start: 0, end: 0, line: 3, column: 1, endLine: 5, endColumn: 1 }, line: 3, column: 1 }),
      want: { startLineNumber: 3, startColumn: 1, endLineNumber: 4, endColumn: 9 },
    },
    {
      name: 'a stale range past the end is clamped into the model',
      d: diag({ range: { document: 0, start: 0, end: 0, line: 40, column: 3, endLine: 41, endColumn: 9 }, line: 40, column: 3 }),
      want: { startLineNumber: 6, startColumn: 1, endLineNumber: 6, endColumn: 1 },
    },
  ])('$name', ({ d, want }) => {
    expect(diagnosticSpan(d, model)).toEqual(want);
  });
});

const TEXT = `# header comment
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: one
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: two
---
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
`;

describe('ObjectIndex: cursor offset ↔ object key', () => {
  const loaded = loadManifests([{ name: 'cluster.yaml', text: TEXT }]);
  const index = new ObjectIndex(loaded);
  const at = (needle: string) => TEXT.indexOf(needle);
  it.each([
    { name: 'inside a plain document → its object', offset: at('app: web'), want: 'Service/default/web' },
    { name: 'on the header comment of the first document → its object', offset: 0, want: 'Service/default/web' },
    { name: 'inside the first List item → that item', offset: at('name: one'), want: 'ConfigMap/default/one' },
    { name: 'inside the second List item → that item', offset: at('name: two'), want: 'ConfigMap/default/two' },
    { name: 'on the List header (no item) → nothing', offset: at('kind: List'), want: null },
    { name: 'the kind cluster config is not an object', offset: at('kind: Cluster'), want: null },
    { name: 'the end of the text belongs to the last document', offset: TEXT.length, want: null },
  ])('$name', ({ offset, want }) => {
    expect(index.keyAt(offset)).toBe(want);
  });

  it('rangeOf gives the object node (an item of a List, not the whole document)', () => {
    const r = index.rangeOf('ConfigMap/default/two' as never)!;
    expect(TEXT.slice(r.start, r.end)).toBe('apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: two\n');
    const s = index.rangeOf('Service/default/web' as never)!;
    expect(TEXT.slice(s.start, s.end).startsWith('apiVersion: v1\nkind: Service')).toBe(true);
    expect(index.rangeOf('Pod/default/nope' as never)).toBeNull();
  });

  it('documentIndexAt: a `---` boundary belongs to the document it starts', () => {
    const second = TEXT.indexOf('---');
    expect(documentIndexAt(loaded.documents, second - 1)).toBe(0);
    expect(documentIndexAt(loaded.documents, second)).toBe(1);
  });
});

describe('problem counts', () => {
  it('counts errors and warnings', () => {
    expect(countProblems([diag({}), diag({ severity: 'warning' }), diag({})])).toEqual({ errors: 2, warnings: 1 });
  });
  it('adds the problems the worker left out past its cap (derived.omitted)', () => {
    expect(countProblems([diag({}), diag({ severity: 'warning' })], { errors: 4000, warnings: 7 })).toEqual({ errors: 4001, warnings: 8 });
  });
});
