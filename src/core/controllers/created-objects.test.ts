import { describe, expect, it } from 'vitest';
import { objectKey, type KubeObject } from '../model/types';
import { computeHash, createdReplicaSetOutput, createdReplicaSetRec, deploymentStatus, newReplicaSetObject, REVISION, sortedMap, type DeployRec } from './deployment-controller';
import { deploymentOutput } from './deployment-output';
import { podSpecOf, replicaSetRec, replicaSetStatus, type RSRec } from './replicaset-controller';
import { spreadOf } from './plain-objects';

// Objects the controllers create in a reconcile are written when something reads them. Each row pins
// that what is read is what the controller would have written at once (sync.go getNewReplicaSet,
// replica_set.go calculateStatus, sync.go syncDeploymentStatus): the same JSON, keys in the same order.
const template = {
  metadata: { labels: { app: 'web', tier: 'fe' }, annotations: { note: 'x' }, finalizers: ['f/one'] },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { limits: { cpu: '1' } }, ports: [{ containerPort: 80 }] }], hostNetwork: true, priorityClassName: 'system-node-critical' },
};
const deployment = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'team', uid: 'd-uid', generation: 4, labels: { app: 'web' }, annotations: { team: 'a', [REVISION]: '3' } },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
  ...extra,
});
const counts = { specReplicas: 3, replicas: 3, fullyLabeled: 3, ready: 2, available: 2 };

describe('a ReplicaSet the deployment controller creates (getNewReplicaSet)', () => {
  const d = deployment();
  const hash = computeHash(template, null);
  const lazy = createdReplicaSetRec(d, hash, 'rs-uid', 4, 7);
  const eager = replicaSetRec(newReplicaSetObject(d, hash, 'rs-uid', 4), null, 7);
  it.each<[string, keyof RSRec]>([
    ['key and name <deployment>-<pod-template-hash>', 'key'],
    ['namespace', 'namespace'],
    ['spec.replicas', 'desired'],
    ['selector with pod-template-hash', 'selector'],
    ['metadata.labels', 'labels'],
    ["the pods' labels, sorted", 'podLabels'],
    ["the pods' annotations and finalizers from the template", 'podAnnotations'],
    ['podFinalizers', 'podFinalizers'],
    ["the pods' controller reference", 'podOwnerRefs'],
    ['its own controller reference (the Deployment)', 'ownerRef'],
    ['what the scheduler reads', 'schedSpec'],
    ['what the controllers read of the pods spec', 'podSpec'],
  ])('record field: %s', (_n, field) => {
    expect(lazy[field]).toEqual(eager[field]);
  });

  it("the pods' stored spec: SetDefaults_Pod (requests from limits, hostPorts) and admission, as on the eager path", () => {
    expect(JSON.stringify(podSpecOf(lazy))).toBe(JSON.stringify(podSpecOf(eager)));
    expect(podSpecOf(lazy)).toMatchObject({ priority: 2000001000, enableServiceLinks: true });
  });

  it('its output object reads as the object spread with metadata.generation and status (calculateStatus)', () => {
    const out = createdReplicaSetOutput(lazy, counts);
    const obj = eager.object;
    const meta = obj.metadata ?? {};
    const want = spreadOf<KubeObject>(obj, { metadata: spreadOf(meta, { generation: typeof meta.generation === 'number' ? meta.generation : 1 }), status: replicaSetStatus(obj, counts) });
    expect(JSON.stringify(out)).toBe(JSON.stringify(want));
    expect(lazy.object).toBe(out);
  });
});

describe("a Deployment's output (revision annotation, generation, calculateStatus)", () => {
  const rec = (d: KubeObject): DeployRec => ({
    stored: { key: objectKey('Deployment', 'team', 'web'), kind: 'Deployment', namespace: 'team', name: 'web', object: d, source: null, system: false, simulated: true },
    object: d,
    namespace: 'team',
    name: 'web',
    index: 0,
    newRS: { name: 'web-abc' } as RSRec,
    allRS: [],
    revision: 4,
    collisionCount: 2,
  });
  /** What the controller writes at once: spreadOf(object, {metadata, status}). */
  const eager = (d: KubeObject): KubeObject => {
    const meta = d.metadata ?? {};
    const annotations = sortedMap({ ...(meta.annotations ?? {}), [REVISION]: '4' });
    const status = deploymentStatus(d, [counts], { name: 'web-abc', counts }, { completed: true, collisionCount: 2 });
    return spreadOf<KubeObject>(d, { metadata: spreadOf(meta, { generation: 4 }, { annotations }), status });
  };
  it.each<[string, KubeObject]>([
    ['the usual keys (built when read)', deployment()],
    ['with a pasted status (built when read; status keeps its place)', deployment({ status: { observedGeneration: 1 } })],
    ['kind before apiVersion (written at once, keys in the stored order)', (({ kind, ...rest }) => ({ kind, ...rest }))(deployment())],
    ['an extra top-level key (written at once)', deployment({ extra: 1 })],
  ])('%s', (_n, d) => {
    expect(JSON.stringify(deploymentOutput(rec(d), [counts], { name: 'web-abc', counts }, true))).toBe(JSON.stringify(eager(d)));
  });
});
