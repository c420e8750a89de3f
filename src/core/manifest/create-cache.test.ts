// The create cache (create-cache.ts) must never change what a load gives: every load with a cache is
// compared with a load of the same text without one, after edits anywhere in the text.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifests, ParseCache, reconcile, type LoadedCluster } from '../index';
import { applyWarnings, appliedObjects } from '../cluster/apply-warnings';

const EXAMPLES = new URL('../../../examples/', import.meta.url);
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f, readFileSync(new URL(f, EXAMPLES), 'utf8')] as const);

const fresh = (text: string, seed = 1) => loadManifests([{ name: 'm.yaml', text }], { seed });
const cached = (cache: ParseCache, text: string, seed = 1) => loadManifests([{ name: 'm.yaml', text }], { seed, cache });
/** Everything a load gives, as text (documents, objects in order, diagnostics with positions, topology). */
const dump = (l: LoadedCluster) => JSON.stringify(l);
const errors = (l: LoadedCluster) => l.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);

/** Loads `texts` in turn through one cache, each checked against a load without the cache. */
function sameAsFresh(texts: string[], seed = 1): LoadedCluster[] {
  const cache = new ParseCache();
  return texts.map((t) => {
    const got = cached(cache, t, seed);
    expect(dump(got)).toBe(dump(fresh(t, seed)));
    return got;
  });
}

const svc = (name: string, extra = '', ns = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
${extra}  selector: {app: ${name}}
  ports:
  - port: 80
`;
const deploy = (name: string, replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
`;
const docs = (...ds: string[]) => ds.join('---\n');
const ING = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    kubernetes.io/ingress.class: nginx
spec:
  defaultBackend:
    service: {name: web, port: {number: 80}}
`;

describe('a load with the create cache equals a load without it', () => {
  it.each(examples)('%s: loaded again, and after an edit of its first Service port', (_, text) => {
    const edited = text.replace(/port: (\d+)/, (_m, p) => `port: ${Number(p) + 1}`);
    sameAsFresh([text, text, edited, text]);
  });

  it.each([
    // validation.go ValidateService + service-allocator: a pinned clusterIP taken by an earlier document
    // (claimIP "provided IP is already allocated") appears and disappears with the edit of the later one
    [
      'clusterIP collision',
      docs(svc('a', '  clusterIP: 10.96.0.50\n'), svc('b', '  clusterIP: 10.96.0.51\n')),
      docs(svc('a', '  clusterIP: 10.96.0.50\n'), svc('b', '  clusterIP: 10.96.0.50\n')),
    ],
    // portallocator: a nodePort another Service already holds ("provided port is already allocated")
    [
      'nodePort collision',
      docs(svc('a', '  type: NodePort\n').replace('- port: 80', '- port: 80\n    nodePort: 30080'), svc('b', '  type: NodePort\n').replace('- port: 80', '- port: 80\n    nodePort: 30081')),
      docs(svc('a', '  type: NodePort\n').replace('- port: 80', '- port: 80\n    nodePort: 30080'), svc('b', '  type: NodePort\n').replace('- port: 80', '- port: 80\n    nodePort: 30080')),
    ],
    // registry Store.Create: AlreadyExists (409) for a second object of the same key
    ['duplicate name', docs(svc('a'), svc('b'), deploy('web')), docs(svc('a'), svc('a'), deploy('web'))],
    // NamespaceLifecycle admission: namespaces "team" not found until a Namespace document exists
    ['namespace', docs('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n', svc('a', '', 'team')), docs('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n', svc('a', '', 'team'))],
    // service-allocator: automatic picks avoid values pinned anywhere in the text, so pinning a value in
    // one document can move another document's automatic clusterIP
    ['pinned values move automatic ones', docs(svc('a'), svc('b'), svc('c')), docs(svc('a'), svc('b'), svc('c', '  clusterIP: 10.96.0.1\n'))],
  ])('%s: a cross-document problem follows the edit of one document', (_, before, after) => {
    const [a, b, c] = sameAsFresh([before, after, before]);
    expect(errors(a)).toEqual(errors(c));
    expect(dump(a)).toBe(dump(c));
    if (_ !== 'pinned values move automatic ones') expect(errors(b).length).toBeGreaterThan(errors(a).length);
  });

  it.each([
    // strict decoding (400 BadRequest) and validation errors (422) are kept per document and re-placed
    ['decode error moves down a line', docs(svc('a').replace('port: 80', 'port: "eighty"'), svc('b')), docs('# a comment\n' + svc('a').replace('port: 80', 'port: "eighty"'), svc('b'))],
    ['invalid object moves down a line', docs(svc('Bad_Name'), deploy('web')), docs('# a comment\n' + svc('Bad_Name'), deploy('web'))],
    // ingress strategy WarningsOnCreate: the deprecated class annotation
    ['warnings move with their document', docs(deploy('web'), ING), docs(deploy('web'), '# moved\n' + ING)],
  ])('%s: diagnostics point at the document where it is now', (_, before, after) => {
    const [, b] = sameAsFresh([before, after]);
    expect(b.diagnostics.length).toBeGreaterThan(0);
  });

  it('a different seed or network is never served from the cache', () => {
    const cache = new ParseCache();
    const text = docs(svc('a'), svc('b', '  type: NodePort\n'));
    const kind = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  serviceSubnet: 10.100.0.0/16\n';
    for (const [t, seed] of [[text, 1], [text, 2], [docs(kind, svc('a'), svc('b', '  type: NodePort\n')), 2], [text, 1]] as const) {
      expect(dump(cached(cache, t, seed))).toBe(dump(fresh(t, seed)));
    }
  });

  it('the cluster’s own objects (Nodes, kube-system) follow the kind config', () => {
    const kind = (workers: number) => `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n${'- role: worker\n'.repeat(workers)}`;
    sameAsFresh([docs(kind(1), svc('a')), docs(kind(3), svc('a')), docs(svc('a')), docs(kind(1), svc('a'))]);
  });

  it('objects named by generateName are created afresh (their name depends on what came before)', () => {
    const gen = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: cfg-\ndata: {a: b}\n';
    sameAsFresh([docs(gen, svc('a')), docs(svc('x'), gen, svc('a')), docs(gen, svc('a'))]);
  });

  it('an edit decodes and validates only the document it changed', () => {
    const cache = new ParseCache();
    const text = docs(...Array.from({ length: 20 }, (_, i) => [deploy(`app-${i}`), svc(`svc-${i}`)]).flat());
    cached(cache, text);
    const before = cache.created.misses;
    cached(cache, text.replace('name: svc-7\n', 'name: svc-seven\n'));
    expect(cache.created.misses - before).toBe(1);
  });

  it('stored objects are not mutated by a later load, reconcile or apply check (they are shared between loads)', () => {
    const freeze = (v: unknown): void => {
      if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
      Object.freeze(v);
      for (const x of Object.values(v)) freeze(x);
    };
    for (const [, text] of examples) {
      const cache = new ParseCache();
      const first = cached(cache, text);
      for (const o of first.objects) freeze(o.object);
      const edited = text.replace(/port: (\d+)/, (_m, p) => `port: ${Number(p) + 1}`);
      const next = cached(cache, edited);
      expect(() => reconcile(next, { seed: 1 })).not.toThrow();
      expect(() => applyWarnings(appliedObjects(new Map(), first), next, 1)).not.toThrow();
      expect(dump(cached(cache, text))).toBe(dump(fresh(text)));
    }
  });

  it('the reconciled cluster is the same whether its load used the cache', () => {
    for (const [, text] of examples) {
      const cache = new ParseCache();
      cached(cache, text);
      const edited = text.replace(/replicas: (\d+)/, (_m, r) => `replicas: ${Number(r) + 1}`);
      const got = reconcile(cached(cache, edited), { seed: 1 });
      const want = reconcile(fresh(edited), { seed: 1 });
      expect(JSON.stringify({ ...got, index: null })).toBe(JSON.stringify({ ...want, index: null }));
    }
  });
});
