import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests, ParseCache, reconcile, ReconcileMemo, type ClusterState } from '../index';

const EXAMPLES = join(__dirname, '../../../examples');
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f, readFileSync(join(EXAMPLES, f), 'utf8')] as const);

/** Everything a reconcile answers, Maps and Sets included, lazily built wire objects read. */
function dump(s: ClusterState): string {
  return JSON.stringify(s, (_k, v: unknown) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v));
}

const deploy = (name: string, replicas: number, port = 8080) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        ports:\n        - containerPort: ${port}\n          name: http\n`;
const service = (name: string, port: number, selector = name) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: {app: ${selector}}\n  ports:\n  - name: http\n    port: ${port}\n    targetPort: http\n`;
const base = [deploy('a', 2), service('a', 80), deploy('b', 3), service('b', 81), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\n  labels: {app: a}\nspec:\n  containers:\n  - name: c\n    image: alpine\n'];
const text = (docs: string[]) => docs.join('---\n');

/** Successive texts an editor might produce, each with the runtime actions in force. */
const edits: [string, string, string[]][] = [
  ['the first text', text(base), []],
  ['a Service port changes', text([base[0], service('a', 8), ...base.slice(2)]), []],
  ['and back', text(base), []],
  ['a selector changes to the other Deployment', text([base[0], service('a', 80, 'b'), ...base.slice(2)]), []],
  ['a Deployment scales', text([deploy('a', 4), ...base.slice(1)]), []],
  ['a container port changes', text([deploy('a', 4, 9090), ...base.slice(1)]), []],
  ['a document is added before the others', text([service('c', 90), deploy('a', 4, 9090), ...base.slice(1)]), []],
  ['a comment line shifts every document', text([`# note\n${service('c', 90)}`, deploy('a', 4, 9090), ...base.slice(1)]), []],
  ['an action deletes a pod', text(base), ['cordon node/kind-worker']],
  ['the same action, a Service edit', text([base[0], service('a', 8), ...base.slice(2)]), ['cordon node/kind-worker']],
  ['a kind config changes the nodes', text(['kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n', ...base]), []],
  ['a pod is removed', text(base.slice(0, 4)), []],
  ['a broken Service', text([base[0], 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports: []\n', ...base.slice(2)]), []],
];

describe('ReconcileMemo: a reconcile that reuses the last one answers exactly what a cold one does', () => {
  it('over a sequence of edits, with the previous state left as it was', () => {
    const cache = new ParseCache();
    const memo = new ReconcileMemo();
    let previous: { state: ClusterState; dump: string } | null = null;
    for (const [what, t, actions] of edits) {
      const warm = reconcile(loadManifests([{ name: 'm.yaml', text: t }], { cache }), { actions, memo });
      const cold = reconcile(loadManifests([{ name: 'm.yaml', text: t }]), { actions });
      expect(dump(warm), what).toBe(dump(cold));
      if (previous) expect(dump(previous.state), `${what}: the previous state is untouched`).toBe(previous.dump);
      previous = { state: warm, dump: dump(warm) };
    }
    // Service-only edits (and the repeated text) reused the controllers' answers; the others did not.
    expect(memo.hits).toBeGreaterThanOrEqual(4);
    // and those re-synced only the edited Service's endpoints
    expect(memo.endpointHits).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)('%s: every single-character deletion reconciles like a cold reconcile', (_name, t) => {
    const cache = new ParseCache();
    const memo = new ReconcileMemo();
    reconcile(loadManifests([{ name: 'm.yaml', text: t }], { cache }), { memo });
    // Delete one character at a spread of places (digits change ports and replicas; others break names or YAML).
    const step = Math.max(1, Math.floor(t.length / 40));
    for (let at = 0; at < t.length; at += step) {
      const edited = t.slice(0, at) + t.slice(at + 1);
      const warm = reconcile(loadManifests([{ name: 'm.yaml', text: edited }], { cache }), { memo });
      const cold = reconcile(loadManifests([{ name: 'm.yaml', text: edited }]));
      expect(dump(warm), `deleting offset ${at}`).toBe(dump(cold));
    }
    expect(memo.hits, 'some edits left the workloads alone').toBeGreaterThan(0);
  });

  it.each([
    ['a LoadBalancer Service (MetalLB) next to the edited one', 'apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: p, namespace: metallb-system}\nspec: {addresses: [192.168.49.200-192.168.49.210]}\n'],
    ['a Service whose name is cut when its slices are named', service('s'.repeat(60), 82, 'a')],
    ['a pasted EndpointSlice', 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: by-hand\n  labels: {kubernetes.io/service-name: manual}\naddressType: IPv4\nendpoints:\n- addresses: [10.0.0.9]\nports:\n- {name: http, port: 80}\n'],
    ['two Services over the same pods', service('a2', 80, 'a')],
  ])('with %s, Service edits reconcile like a cold reconcile', (_what, extra) => {
    const lb = service('l', 80, 'b').replace('spec:\n', 'spec:\n  type: LoadBalancer\n');
    const texts = [80, 8, 81, 80].map((p) => text([base[0], service('a', p), ...base.slice(2), lb, extra]));
    texts.push(text([base[0], service('a', 81, 'b'), ...base.slice(2), lb, extra]));
    const cache = new ParseCache();
    const memo = new ReconcileMemo();
    for (const t of texts) {
      const warm = reconcile(loadManifests([{ name: 'm.yaml', text: t }], { cache }), { memo });
      expect(dump(warm)).toBe(dump(reconcile(loadManifests([{ name: 'm.yaml', text: t }]))));
    }
  });

  it('an unchanged Service keeps its record and its endpoint lists (the views tell what changed by identity)', () => {
    const cache = new ParseCache();
    const memo = new ReconcileMemo();
    const first = reconcile(loadManifests([{ name: 'm.yaml', text: text(base) }], { cache }), { memo });
    const next = reconcile(loadManifests([{ name: 'm.yaml', text: text([base[0], service('a', 8), ...base.slice(2)]) }], { cache }), { memo });
    const svc = (s: ClusterState, name: string) => s.services.find((x) => x.name === name)!;
    expect(svc(next, 'b')).toBe(svc(first, 'b'));
    expect(first.index.endpoints.get('default/b:http/TCP')).toHaveLength(3);
    expect(next.index.endpoints.get('default/b:http/TCP')).toBe(first.index.endpoints.get('default/b:http/TCP'));
    expect(svc(next, 'a')).not.toBe(svc(first, 'a'));
    expect(svc(next, 'a').ports[0].port).toBe(8);
  });

  it('a different seed or action list is never answered from the memo', () => {
    const memo = new ReconcileMemo();
    const cache = new ParseCache();
    const t = text(base);
    reconcile(loadManifests([{ name: 'm.yaml', text: t }], { cache }), { memo, seed: 1 });
    reconcile(loadManifests([{ name: 'm.yaml', text: t }], { cache, seed: 2 }), { memo, seed: 2 });
    reconcile(loadManifests([{ name: 'm.yaml', text: t }], { cache, seed: 2 }), { memo, seed: 2, actions: ['delete pod/default/client'] });
    expect(memo.hits).toBe(0);
    reconcile(loadManifests([{ name: 'm.yaml', text: t }], { cache, seed: 2 }), { memo, seed: 2, actions: ['delete pod/default/client'] });
    expect(memo.hits).toBe(1);
  });
});
