import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cordonNode, deleteObject, deletePod, deploymentOf, drainNode, exposeDeployment, movePod, scaleDeployment, setReady, uncordonNode } from './commands';
import { createAppStore } from './store';

const example = (slug: string) => readFileSync(new URL(`../../examples/${slug}.yaml`, import.meta.url), 'utf8');
const storeFor = (text: string, actions: string[] = []) => createAppStore({ text, actions, seed: 1 });
const pods = (store: ReturnType<typeof storeFor>) => store.getState().derived.cluster.pods.filter((p) => p.namespace === 'default');
const ownedPod = (store: ReturnType<typeof storeFor>, prefix: string) => pods(store).find((p) => p.name.startsWith(prefix) && p.owner)!;

const barePod = `# the client we curl from
apiVersion: v1
kind: Pod
metadata:
  name: client # keep this comment
  labels: {run: client}
spec:
  nodeName: kind-worker   # pinned by hand
  containers:
  - name: c
    image: alpine
`;

describe('movePod', () => {
  it('bare pod without nodeName: adds spec.nodeName, every other byte kept (edit.ts setScalar)', () => {
    const store = storeFor(example('clusterip'));
    const before = store.getState().text;
    const alpine = store.getState().derived.cluster.index.podByKey.get('Pod/default/alpine' as never)!;
    const target = alpine.nodeName === 'kind-worker' ? 'kind-worker2' : 'kind-worker';
    const r = movePod(store, alpine.key, target);
    expect(r.ok).toBe(true);
    const after = store.getState().text;
    expect(after).toBe(before.replace('    command: ["sleep", "infinity"]\n', `    command: ["sleep", "infinity"]\n  nodeName: ${target}\n`));
    expect(after).toContain('# A bare pod to curl from');
    expect(store.getState().derived.cluster.index.podByKey.get(alpine.key)!.nodeName).toBe(target);
    expect(store.getState().origin).toBe('diagram');
    expect(store.getState().actions).toEqual([]);
  });

  it('bare pod with nodeName: replaces the scalar in place, trailing comment kept', () => {
    const store = storeFor(barePod);
    const r = movePod(store, 'Pod/default/client', 'kind-worker2');
    expect(r).toEqual({ ok: true, message: expect.stringContaining('spec.nodeName set to kind-worker2') });
    expect(store.getState().text).toBe(barePod.replace('nodeName: kind-worker   #', 'nodeName: kind-worker2   #'));
  });

  it('owned pod: a runtime move action; the ReplicaSet recreates it on the target under a new name and IP', () => {
    const store = storeFor(example('default'));
    const pod = ownedPod(store, 'web-');
    const target = ['kind-worker', 'kind-worker2', 'kind-control-plane'].find((n) => n !== pod.nodeName)!;
    const textBefore = store.getState().text;
    const r = movePod(store, pod.key, target);
    expect(store.getState().actions).toEqual([`move pod/default/${pod.name} node/${target}`]);
    expect(store.getState().text).toBe(textBefore);
    const now = pods(store);
    expect(now.some((p) => p.key === pod.key)).toBe(false);
    const fresh = now.find((p) => p.owner?.name === pod.owner!.name && p.nodeName === target && !store.getState().lastGood.cluster.index.podByKey.has(pod.key))!;
    expect(fresh).toBeDefined();
    expect(fresh.ip).not.toBe(pod.ip);
    expect(r.ok).toBe(true);
    expect(r.message).toContain('under a new name and IP');
    expect(r.message).toContain(' as web-');
  });

  it.each([
    // runtime-actions.ts: the node must exist (kubectl's NotFound wording)
    ['an unknown node', 'kind-worker9', 'nodes "kind-worker9" not found'],
  ])('refuses %s', (_name, node, message) => {
    const store = storeFor(example('clusterip'));
    expect(movePod(store, 'Pod/default/alpine', node)).toEqual({ ok: false, message });
  });

  it('refuses a move to the node the pod already runs on', () => {
    const store = storeFor(example('clusterip'));
    const p = store.getState().derived.cluster.index.podByKey.get('Pod/default/alpine' as never)!;
    expect(movePod(store, p.key, p.nodeName!)).toEqual({ ok: false, message: `pod alpine already runs on ${p.nodeName}` });
  });

  it('refuses while the YAML has a syntax error', () => {
    const store = storeFor(example('clusterip'));
    store.getState().setManifestText(store.getState().text + '\n---\nkind: [\n', 'editor');
    expect(movePod(store, 'Pod/default/alpine', 'kind-worker').ok).toBe(false);
  });
});

describe('runtime actions', () => {
  it('deletePod of an owned pod logs `delete pod/NS/NAME`; its ReplicaSet replaces it', () => {
    const store = storeFor(example('default'));
    const pod = ownedPod(store, 'web-');
    const r = deletePod(store, pod.key);
    expect(store.getState().actions).toEqual([`delete pod/default/${pod.name}`]);
    expect(r.message).toMatch(new RegExp(`^pod "${pod.name}" deleted; ReplicaSet web-[a-z0-9]+ created web-`));
    expect(pods(store).filter((p) => p.owner?.name === pod.owner!.name)).toHaveLength(3);
  });

  it('deletePod of a bare pod removes its document', () => {
    const store = storeFor(example('clusterip'));
    const r = deletePod(store, 'Pod/default/alpine');
    expect(r).toEqual({ ok: true, message: 'pod "alpine" deleted' });
    expect(store.getState().text).not.toContain('kind: Pod');
    expect(store.getState().derived.cluster.index.podByKey.has('Pod/default/alpine' as never)).toBe(false);
  });

  it.each([
    // the playground's readiness toggles: endpoints stay, marked ready=false
    [false, 'not-ready'],
    [true, 'ready'],
  ])('setReady(%s) logs `%s pod/…`', (ready, verb) => {
    const store = storeFor(example('clusterip'));
    const r = setReady(store, 'Pod/default/alpine', ready);
    expect(r.ok).toBe(true);
    expect(store.getState().actions).toEqual([`${verb} pod/default/alpine`]);
    expect(store.getState().derived.cluster.index.podByKey.get('Pod/default/alpine' as never)!.ready).toBe(ready);
  });

  it.each([
    // kubectl cordon: "node/NAME cordoned"; a second cordon changes nothing ("already cordoned")
    ['cordon', [] as string[], 'node/kind-worker cordoned', ['cordon node/kind-worker']],
    ['cordon', ['cordon node/kind-worker'], 'node/kind-worker already cordoned', ['cordon node/kind-worker']],
    ['uncordon', ['cordon node/kind-worker'], 'node/kind-worker uncordoned', ['cordon node/kind-worker', 'uncordon node/kind-worker']],
    ['uncordon', [], 'node/kind-worker already uncordoned', []],
  ])('%s with log %j → %s', (verb, log, message, actions) => {
    const store = storeFor(example('clusterip'), log);
    const r = (verb === 'cordon' ? cordonNode : uncordonNode)(store, 'kind-worker');
    expect(r).toEqual({ ok: true, message });
    expect(store.getState().actions).toEqual(actions);
  });

  it('drainNode cordons, evicts owned pods, reports bare pods it cannot delete', () => {
    const store = storeFor(example('clusterip'));
    const alpineNode = store.getState().derived.cluster.index.podByKey.get('Pod/default/alpine' as never)!.nodeName!;
    const r = drainNode(store, alpineNode);
    expect(store.getState().actions).toEqual([`drain node/${alpineNode}`]);
    expect(r.message.split('\n')[0]).toBe(`node/${alpineNode} cordoned`);
    expect(r.message).toContain('cannot delete Pods that declare no controller');
    expect(store.getState().derived.cluster.nodes.find((n) => n.name === alpineNode)!.unschedulable).toBe(true);
  });
});

describe('text commands', () => {
  it('scaleDeployment sets spec.replicas in place (kubectl scale: "deployment.apps/web scaled")', () => {
    const store = storeFor(example('default'));
    const r = scaleDeployment(store, 'Deployment/default/web', 5);
    expect(r).toEqual({ ok: true, message: 'deployment.apps/web scaled' });
    expect(store.getState().text).toBe(example('default').replace('replicas: 3', 'replicas: 5'));
    expect(pods(store).filter((p) => p.name.startsWith('web-'))).toHaveLength(5);
  });

  it.each([
    ['a negative count', 'Deployment/default/web', -1],
    ['a Deployment not in the manifests', 'Deployment/kube-system/coredns', 2],
  ])('scaleDeployment refuses %s', (_n, key, n) => {
    expect(scaleDeployment(storeFor(example('default')), key, n).ok).toBe(false);
  });

  it('exposeDeployment appends a ClusterIP Service like `kubectl expose deployment` (same name, matchLabels, port = targetPort)', () => {
    const store = storeFor(example('nodeport'));
    const r = exposeDeployment(store, 'Deployment/default/myapp');
    expect(r).toEqual({ ok: true, message: 'service/myapp exposed' });
    expect(store.getState().text).toBe(
      example('nodeport') +
        `---
apiVersion: v1
kind: Service
metadata:
  labels:
    app: myapp
    type: front-end
  name: myapp
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: myapp
    type: front-end
`,
    );
    const svc = store.getState().derived.cluster.index.serviceByKey.get('Service/default/myapp' as never)!;
    expect(svc.type).toBe('ClusterIP');
    expect(store.getState().derived.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('exposeDeployment refuses a name that is taken (apiserver AlreadyExists)', () => {
    expect(exposeDeployment(storeFor(example('default')), 'Deployment/default/web')).toEqual({ ok: false, message: 'services "web" already exists' });
  });

  it('deleteObject removes the document and its separator', () => {
    const store = storeFor(example('default'));
    const r = deleteObject(store, 'Service/default/web-nodeport');
    expect(r).toEqual({ ok: true, message: 'service "web-nodeport" deleted' });
    expect(store.getState().text).not.toContain('web-nodeport');
    expect(store.getState().text).not.toMatch(/---\n---/);
  });

  it.each([
    // a v1 List is one document: removing one item is a by-hand edit
    ['an item of a v1 List', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n', 'ConfigMap/default/a', /item of the v1 List in document 1/],
    // objects the cluster provides have no document
    ['a system object', '', 'Service/kube-system/kube-dns', /created by the cluster or a controller/],
  ])('deleteObject refuses %s', (_n, text, key, message) => {
    const r = deleteObject(storeFor(text), key);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(message);
  });

  it('deploymentOf follows pod → ReplicaSet → Deployment', () => {
    const store = storeFor(example('default'));
    const c = store.getState().derived.cluster;
    expect(deploymentOf(c, ownedPod(store, 'web-'))).toBe('Deployment/default/web');
    expect(deploymentOf(c, c.index.podByKey.get('Pod/default/client' as never)!)).toBeNull();
  });
});
