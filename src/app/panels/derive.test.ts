import { describe, expect, it } from 'vitest';
import { derive } from '../store';
import { exampleText, type ExampleSlug } from '../examples';
import { clusterCounts, normalizeAction, problemCounts, warningsByAction } from './derive';
import { isPristineExample } from './replace';

describe('clusterCounts: the status bar counts what the manifests made, not the system components', () => {
  it.each([
    // default.yaml: three kind nodes, Deployment web (3 replicas) + Pod client, Services web and web-nodeport, Ingress web;
    // the ingress-nginx controller pod (owned by a system Deployment outside kube-system) is not counted
    { slug: 'default', want: { nodes: 3, pods: 4, services: 2, ingresses: 1 } },
    // nodeport.yaml: Deployment myapp with 3 replicas behind one NodePort Service
    { slug: 'nodeport', want: { nodes: 3, pods: 3, services: 1, ingresses: 0 } },
  ] as { slug: ExampleSlug; want: ReturnType<typeof clusterCounts> }[])('$slug', ({ slug, want }) => {
    expect(clusterCounts(derive({ text: exampleText(slug), actions: [], seed: 1 }).cluster)).toEqual(want);
  });
});

describe('clusterCounts reads the typed records, not the API objects', () => {
  it.each(['default', 'nodeport'] as ExampleSlug[])('%s: no Pod, Service or Ingress object is read (each would be JSON-parsed when it came from the worker)', (slug) => {
    const cluster = derive({ text: exampleText(slug), actions: [], seed: 1 }).cluster;
    const want = clusterCounts(cluster);
    let reads = 0;
    const objects = cluster.objects.map((o) => {
      if (o.kind !== 'Pod' && o.kind !== 'Service' && o.kind !== 'Ingress') return o;
      const copy = { ...o };
      Object.defineProperty(copy, 'object', { get: () => (reads++, o.object) });
      return copy;
    });
    expect(clusterCounts({ ...cluster, objects })).toEqual(want);
    expect(reads).toBe(0);
  });
});

describe('warningsByAction: a skipped action shows its reason beside its log entry', () => {
  it.each([
    // runtime-actions.ts podNotFound: kubectl's NotFound wording
    { action: 'delete pod/default/nope', want: 'pods "nope" not found' },
    // reconcile.ts: an action that does not parse is skipped with the parser's reason, keyed by the raw text
    { action: 'explode pod/x', want: /unknown verb "explode"/ },
  ])('$action', ({ action, want }) => {
    const d = derive({ text: exampleText('default'), actions: [action], seed: 1 });
    const got = warningsByAction(d.cluster.diagnostics).get(normalizeAction(action)) ?? [];
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(want);
  });

  it('an action that applied has no warning', () => {
    const d = derive({ text: exampleText('default'), actions: ['cordon node/kind-worker'], seed: 1 });
    expect(warningsByAction(d.cluster.diagnostics).get('cordon node/kind-worker')).toBeUndefined();
  });
});

describe('small helpers', () => {
  it.each([
    { input: '  cordon   node/kind-worker ', want: 'cordon node/kind-worker' },
    { input: 'move pod/default/a node/kind-worker2', want: 'move pod/default/a node/kind-worker2' },
    { input: ' not a verb ', want: 'not a verb' },
  ])('normalizeAction($input)', ({ input, want }) => {
    expect(normalizeAction(input)).toBe(want);
  });

  it('problemCounts splits errors from warnings', () => {
    const d = derive({ text: `${exampleText('default')}---\nkind: [\n`, actions: ['delete pod/default/nope'], seed: 1 });
    expect(problemCounts(d.diagnostics)).toEqual({ errors: 1, warnings: 1 });
  });

  it.each([
    { name: 'an untouched example', snap: { text: exampleText('clusterip'), actions: [], seed: 1 }, want: true },
    { name: 'an example with actions', snap: { text: exampleText('clusterip'), actions: ['cordon node/kind-worker'], seed: 1 }, want: false },
    { name: 'edited text', snap: { text: `${exampleText('clusterip')}# mine\n`, actions: [], seed: 1 }, want: false },
  ])('isPristineExample: $name', ({ snap, want }) => {
    expect(isPristineExample(snap)).toBe(want);
  });
});
