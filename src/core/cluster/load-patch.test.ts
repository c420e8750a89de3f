import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests, ParseCache, type LoadedCluster } from '../index';
import { patchStats } from './load-patch';

const EXAMPLES = join(__dirname, '../../../examples');
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f, readFileSync(join(EXAMPLES, f), 'utf8')] as const);

/** All of a load: objects with where they came from, diagnostics, documents, topology. */
function dump(l: LoadedCluster): string {
  const src = (s: LoadedCluster['objects'][number]) => (s.source ? { doc: s.source.doc.index, start: s.source.doc.start, end: s.source.doc.end, line: s.source.doc.startLine, text: s.source.doc.text, path: s.source.itemPath } : null);
  return JSON.stringify({
    topology: l.topology,
    objects: l.objects.map((s) => ({ ...s, source: src(s) })),
    userObjects: l.userObjects.map((s) => [s.key, src(s)]),
    diagnostics: l.diagnostics,
    documents: l.documents.map((d) => ({ ...d, value: undefined })),
  });
}

/** Loads `texts` one after another as an editor would (cache + previous load) and each cold; returns how many were patched. */
function follow(texts: string[], seed = 1): number {
  const cache = new ParseCache();
  let previous: LoadedCluster | undefined;
  const before = patchStats.patched;
  for (const [i, t] of texts.entries()) {
    const warm = loadManifests([{ name: 'm.yaml', text: t }], { cache, previous, seed });
    const cold = loadManifests([{ name: 'm.yaml', text: t }], { seed });
    expect(dump(warm), `text ${i}:\n${t}`).toBe(dump(cold));
    previous = warm;
  }
  return patchStats.patched - before;
}

const svc = (name: string, extra = '  # -\n', port = 80) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: {app: ${name}}\n${extra}  ports:\n  - port: ${port}\n`;
const deploy = (name: string, replicas = 2) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n      - {name: c, image: nginx}\n`;
const docs = (...d: string[]) => d.join('---\n');

describe('a load that re-makes only the edited document answers exactly what a full load does', () => {
  it.each([
    ['a port edit in one Service', [docs(svc('a'), deploy('a'), svc('b')), docs(svc('a', undefined, 8), deploy('a'), svc('b')), docs(svc('a', undefined, 81), deploy('a'), svc('b'))], 2],
    ['a replica count', [docs(svc('a'), deploy('a', 2)), docs(svc('a'), deploy('a', 3))], 1],
    ['the same text again', [docs(svc('a')), docs(svc('a'))], 1],
    ['a NodePort Service edit keeps its allocated nodePort', [docs(svc('a', '  type: NodePort\n'), svc('b', '  type: NodePort\n')), docs(svc('a', '  type: NodePort\n', 81), svc('b', '  type: NodePort\n'))], 1],
    ['a type change allocates nodePorts: a full load', [docs(svc('a'), svc('b')), docs(svc('a', '  type: NodePort\n'), svc('b'))], 0],
    ['a pinned clusterIP change: a full load', [docs(svc('a', '  clusterIP: 10.96.0.50\n'), svc('b')), docs(svc('a', '  clusterIP: 10.96.0.51\n'), svc('b'))], 0],
    ['a rename: a full load', [docs(svc('a'), svc('b')), docs(svc('c'), svc('b'))], 0],
    ['a Service that turns invalid: a full load', [docs(svc('a'), svc('b')), docs(svc('a', undefined, 0), svc('b'))], 0],
    ['an invalid Service edited while still invalid', [docs(svc('a', undefined, 0), svc('b')), docs(svc('a', undefined, 70000), svc('b'))], 1],
    ['a duplicate name stays a duplicate', [docs(svc('a'), svc('a', undefined, 81)), docs(svc('a'), svc('a', undefined, 82))], 1],
    ['a namespace edit: a full load', [docs('apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n', svc('a')), docs('apiVersion: v1\nkind: Namespace\nmetadata: {name: y}\n', svc('a'))], 0],
    ['a new line: a full load', [docs(svc('a'), svc('b')), docs(`# note\n${svc('a')}`, svc('b'))], 0],
    ['a syntax error and its fix: full loads', [docs(svc('a'), svc('b')), docs(svc('a').replace('ports:', 'ports'), svc('b')), docs(svc('a'), svc('b'))], 0],
    ['an unsimulated kind', [docs('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}\n', svc('a')), docs('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "2"}\n', svc('a'))], 1],
    ['a List document', [docs(`apiVersion: v1\nkind: List\nitems:\n- ${svc('a').trimEnd().replaceAll('\n', '\n  ')}\n`), docs(`apiVersion: v1\nkind: List\nitems:\n- ${svc('a', undefined, 81).trimEnd().replaceAll('\n', '\n  ')}\n`)], 1],
  ])('%s', (_what, texts, patched) => {
    expect(follow(texts as string[])).toBe(patched);
  });

  it('a Service that now takes an address: in a small subnet the next Services move, and the full load says so', () => {
    // /28: 14 addresses, so an address taken earlier shifts where later Services land.
    const kind = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  serviceSubnet: 10.96.0.0/28\n';
    const external = '  type: ExternalName\n  externalName: a.example.com\n';
    const internal = '  type: ClusterIP\n  # externalName: a.example.com\n';
    const names = ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const texts = [docs(kind, svc('a', external), ...names.map((n) => svc(n))), docs(kind, svc('a', internal), ...names.map((n) => svc(n)))];
    const cold = texts.map((t) => loadManifests([{ name: 'm.yaml', text: t }]));
    const ips = (l: LoadedCluster) => l.objects.filter((o) => names.includes(o.name) && o.kind === 'Service').map((o) => (o.object.spec as { clusterIP?: string }).clusterIP);
    expect(ips(cold[0]), 'the later Services do move').not.toEqual(ips(cold[1]));
    follow(texts);
  });

  it('a trailing space on a `---` line (the store\'s calibration edit) is patched and changes no object', () => {
    const t = docs(svc('a'), deploy('a'), svc('b'));
    const marker = t.lastIndexOf('\n---\n');
    const edited = `${t.slice(0, marker + 4)} ${t.slice(marker + 4)}`;
    expect(follow([t, edited, t])).toBe(2);
    const objects = (x: string) => JSON.stringify(loadManifests([{ name: 'm.yaml', text: x }]).objects.map((o) => o.object));
    expect(objects(edited)).toBe(objects(t));
  });

  it('a seed change is never patched', () => {
    const cache = new ParseCache();
    const t = docs(svc('a'), svc('b'));
    const first = loadManifests([{ name: 'm.yaml', text: t }], { cache, seed: 1 });
    const before = patchStats.patched;
    const second = loadManifests([{ name: 'm.yaml', text: t }], { cache, seed: 2, previous: first });
    expect(patchStats.patched).toBe(before);
    expect(dump(second)).toBe(dump(loadManifests([{ name: 'm.yaml', text: t }], { seed: 2 })));
  });

  it.each(examples)('%s: single-character edits all over the text', (_name, t) => {
    // Delete, then put back, one character at a spread of places; digits become other digits.
    const step = Math.max(1, Math.floor(t.length / 60));
    const texts = [t];
    for (let at = 0; at < t.length; at += step) {
      texts.push(t.slice(0, at) + t.slice(at + 1), t);
      if (/[0-9]/.test(t[at])) texts.push(t.slice(0, at) + String((Number(t[at]) + 1) % 10) + t.slice(at + 1), t);
    }
    // Many of those edits are patched (the others change a name, an allocation, a line count or the YAML).
    expect(follow(texts)).toBeGreaterThanOrEqual(5);
  });
});
