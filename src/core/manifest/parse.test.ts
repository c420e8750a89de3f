import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ParseCache, parseManifest, splitDocuments } from './parse';
import { locate, parseFieldPath } from './locate';

describe('splitDocuments agrees with a YAML parser on document boundaries', () => {
  it.each([
    // [text, expected document count] — each row is a stream shape people paste
    ['', 0], // empty text: no documents (kubectl applies nothing)
    ['a: 1', 1], // a bare document needs no marker
    ['---\na: 1', 1], // a leading marker does not make an empty first document
    ['# comment\n---\na: 1', 1], // comments before the first marker are not a document
    ['a: 1\n---\nb: 2', 2],
    ['a: 1\n---\n---\nb: 2', 3], // an empty document between two markers is still a document
    ['a: 1\n...\n---\nb: 2', 2], // `...` ends a document; the next `---` starts the next one
    ['a: |\n  x\n  ---\nb: 2', 1], // an indented `---` is content, not a marker
    ['a: 1\n--- # note\nb: 2', 2], // a marker may carry a comment
    ['a: "---"\n', 1],
    ['%YAML 1.2\n---\na: 1', 1], // directives belong to the document that follows
  ])('%j → %i documents', (text, n) => {
    expect(splitDocuments(text)).toHaveLength(n);
    const ours = parseManifest(text).map((d) => d.value);
    const theirs = parseAllDocuments(text) as unknown as { toJS(): unknown }[];
    expect(ours).toEqual(Array.isArray(theirs) ? theirs.map((d) => d.toJS() ?? null) : []);
  });
});

describe('positions', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ports:\n  - port: 80\n    nodePort: 29999\n';
  it('documents know their offsets and first line', () => {
    const docs = parseManifest(text, 'f.yaml');
    expect(docs.map((d) => [d.index, d.startLine])).toEqual([
      [0, 1],
      [1, 5],
    ]);
    expect(text.slice(docs[1].start, docs[1].end).startsWith('---')).toBe(true);
  });
  it('a field path points at the value in the whole text', () => {
    const docs = parseManifest(text, 'f.yaml');
    const r = locate(docs[1], parseFieldPath('spec.ports[0].nodePort'));
    expect([r.line, r.column]).toEqual([13, 15]);
    expect(text.slice(r.start, r.end)).toBe('29999');
  });
  it('a missing field points at its deepest existing parent', () => {
    const docs = parseManifest(text, 'f.yaml');
    const r = locate(docs[1], parseFieldPath('spec.ports[0].targetPort'));
    expect(text.slice(r.start, r.end)).toContain('port: 80');
  });
  it.each([
    ['spec.ports[0].nodePort', ['spec', 'ports', 0, 'nodePort']],
    ['metadata.labels[app.kubernetes.io/name]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['spec.rules[1].http.paths[0].backend', ['spec', 'rules', 1, 'http', 'paths', 0, 'backend']],
  ])('parseFieldPath(%s)', (p, segs) => expect(parseFieldPath(p)).toEqual(segs));
});

describe('bad input gives an error with a position, never an exception', () => {
  it.each([
    ['a syntax error (reported where the parser notices it)', 'a: 1\n---\nb: [1, 2\nc: 3\n', 1, 4],
    ['a duplicate key (apiserver decoding rejects them too)', 'metadata:\n  name: a\n  name: b\n', 0, 3],
    ['a tab as indentation', 'a:\n\tb: 1\n', 0, 2],
    ['an undefined alias', 'a: *nope\n', 0, 1],
  ])('%s', (_what, text, doc, line) => {
    const docs = parseManifest(text, 'f.yaml');
    const bad = docs[doc];
    expect(bad.error).not.toBeNull();
    expect(bad.error!.reason).toBe('YAMLSyntax');
    expect(bad.error!.line).toBe(line);
  });
  it('the valid documents around a broken one still load', () => {
    const docs = parseManifest('a: 1\n---\nb: [\n---\nc: 3\n');
    expect(docs.map((d) => d.value)).toEqual([{ a: 1 }, null, { c: 3 }]);
    expect(docs[1].error?.line).toBe(4);
  });
  it('a billion-laughs alias bomb is refused by the alias limit', () => {
    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++) bomb += `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]\n`;
    const [doc] = parseManifest(bomb);
    expect(doc.error?.detail).toMatch(/alias/i);
  });
  it('__proto__ and constructor keys become plain data, not prototypes', () => {
    const [doc] = parseManifest('__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n');
    const v = doc.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('binary garbage and deep nesting give errors, not throws', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
    expect(() => parseManifest(garbage)).not.toThrow();
    const deep = '['.repeat(20000) + ']'.repeat(20000);
    const [d] = parseManifest(deep);
    expect(d.error).not.toBeNull();
  });
});

describe('the parse cache', () => {
  it('re-parses only the document that changed', () => {
    const cache = new ParseCache();
    const a = 'x: 1\n---\nb: 2\n';
    const first = parseManifest(a, null, cache);
    const second = parseManifest('x: 1\n---\nb: 3\n', null, cache);
    expect(second[0].value).toBe(first[0].value); // the same object: not parsed again
    expect(second[1].value).toEqual({ b: 3 });
  });
});

describe('plain scalars resolve as kubectl (goyaml.v2, YAML 1.1) resolves them', () => {
  it.each([
    // sigs.k8s.io/yaml → goyaml.v2 resolve.go: y/yes/on and n/no/off (three casings) are booleans
    ['yes', true],
    ['On', true],
    ['Y', true],
    ['no', false],
    ['OFF', false],
    ['n', false],
    ['"yes"', 'yes'], // quoting keeps a string
    ['yess', 'yess'],
    ['~', null],
    ['0x1F', 31],
    ['1e3', 1000],
  ])('%s', (scalar, want) => {
    // (keys resolve the same way: `y:` is the key "true" once sigs.k8s.io/yaml stringifies it)
    expect((parseManifest(`v: ${scalar}\n`)[0].value as { v: unknown }).v).toBe(want);
    // the anchor path (yaml, for its alias limits) must agree with the fast path
    expect((parseManifest(`a: &x 1\nv: ${scalar}\n`)[0].value as { v: unknown }).v).toBe(want);
  });
});
