import { describe, it, expect } from 'vitest';
import { deterministicUID } from '../model/uid';
import type { StoredObject } from '../manifest/registry';
import type { KubeObject, ObjectKey } from '../model/types';
import { claimPods, deletionOrder, manifestPodRec, objectUID, podNameGenerator, podsPrefix, replicaSetRec, replicaSetStatus, trimSurplus } from './replicaset-controller';

const rsObject = (name: string, selector: Record<string, string>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default', uid: `${name}-uid`, labels: selector, ...extra },
  spec: { replicas: 2, selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});
const stored = (obj: KubeObject): StoredObject => ({
  key: `${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}` as ObjectKey,
  kind: obj.kind!,
  namespace: obj.metadata?.namespace ?? null,
  name: obj.metadata?.name ?? '',
  object: obj,
  source: null,
  system: false,
  simulated: true,
});
const pod = (name: string, labels: Record<string, string>, meta: Record<string, unknown> = {}, spec: Record<string, unknown> = {}, status?: Record<string, unknown>) =>
  manifestPodRec(stored({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `${name}-uid`, labels, ...meta }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec }, ...(status ? { status } : {}) }));
const ref = (name: string, kind = 'ReplicaSet') => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name, uid: 'x', controller: true }] });

describe('pod names (controller_utils getPodsPrefix + names.SimpleNameGenerator)', () => {
  it('"<rs>-" plus 5 characters of utilrand\'s alphabet', () => {
    const next = podNameGenerator('web-5bccfdbbb7', 1, 'ReplicaSet/default/web-5bccfdbbb7');
    const names = Array.from({ length: 200 }, (_, i) => next(i));
    for (const n of names) expect(n).toMatch(/^web-5bccfdbbb7-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(new Set(names).size).toBe(200);
    expect(podNameGenerator('web-5bccfdbbb7', 1, 'ReplicaSet/default/web-5bccfdbbb7')(3)).toBe(names[3]); // deterministic
    expect(podNameGenerator('web-5bccfdbbb7', 2, 'ReplicaSet/default/web-5bccfdbbb7')(3)).not.toBe(names[3]); // seeded
  });

  it('the generateName base is cut to 58 characters (maxNameLength 63 − randomLength 5)', () => {
    const long = 'a'.repeat(70);
    const name = podNameGenerator(long, 1, `ReplicaSet/default/${long}`)(0);
    expect(name).toHaveLength(63);
    expect(name.slice(0, 58)).toBe(`${long}-`.slice(0, 58));
    expect(podsPrefix(long)).toBe(`${long}-`); // metadata.generateName itself is not cut
  });

  it('objectUID(seed, key) is deterministicUID(`${seed}/${key}`), the uid load.ts gives stored objects', () => {
    for (const k of ['Pod/default/web-1', 'Pod/kube-system/coredns-59f44889d6-ltmdz', 'x']) expect(objectUID(42, k)).toBe(deterministicUID(`42/${k}`));
  });
});

describe('claimPods (ClaimPods: controller ref first, then adopt matching orphans)', () => {
  it.each([
    { name: 'controller ref by name', pod: pod('p', { app: 'other' }, ref('web-1')), owner: 'web-1', adopted: false },
    { name: 'orphan whose labels match the selector is adopted', pod: pod('p', { app: 'web', tier: 'x' }), owner: 'web-1', adopted: true },
    { name: 'orphan that does not match stays bare', pod: pod('p', { app: 'db' }), owner: null, adopted: false },
    { name: 'a pod another controller owns is not adopted', pod: pod('p', { app: 'web' }, ref('ds', 'DaemonSet')), owner: null, adopted: false },
    { name: 'a terminating orphan is not adopted', pod: pod('p', { app: 'web' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }), owner: null, adopted: false },
  ])('$name', ({ pod: p, owner, adopted }) => {
    const rs = replicaSetRec(rsObject('web-1', { app: 'web' }), null, 1);
    claimPods([rs], [p]);
    expect(p.rs?.name ?? null).toBe(owner);
    expect(p.adopted).toBe(adopted);
    if (adopted) expect(p.ownerRef).toMatchObject({ kind: 'ReplicaSet', name: 'web-1', uid: 'web-1-uid', controller: true });
  });

  it('the first ReplicaSet in creation order wins an orphan both select', () => {
    const a = replicaSetRec(rsObject('a', { app: 'web' }), null, 1);
    const b = replicaSetRec(rsObject('b', { app: 'web' }), null, 1);
    const p = pod('p', { app: 'web' });
    claimPods([a, b], [p]);
    expect([a.active, b.active]).toEqual([1, 0]);
  });
});

describe('surplus pods (getPodsToDelete / ActivePodsWithRanks)', () => {
  it.each([
    { name: 'unassigned before assigned', a: { assigned: false }, b: {} },
    { name: 'pending before running', a: { running: false }, b: {} },
    { name: 'not ready before ready', a: { ready: false }, b: {} },
    { name: 'more colocated before fewer', a: { colocated: 3 }, b: {} },
    { name: 'lower pod-deletion-cost first', a: { deletionCost: -5 }, b: {} },
    { name: 'newer before older', a: { ordinal: 9 }, b: {} },
  ])('$name', ({ a, b }) => {
    const base = { assigned: true, running: true, ready: true, colocated: 1, deletionCost: 0, ordinal: 1 };
    const x = { ...base, ...a, id: 'a' };
    const y = { ...base, ...b, id: 'b' };
    expect(deletionOrder([y, x]).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('trimSurplus removes the lowest-ranked pasted pods down to spec.replicas', () => {
    const rs = replicaSetRec(rsObject('web-1', { app: 'web' }), null, 1);
    const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    const pods = [pod('a', { app: 'web' }, {}, { nodeName: 'n1' }, running), pod('b', { app: 'web' }), pod('c', { app: 'web' }, {}, { nodeName: 'n2' }, running)];
    claimPods([rs], pods);
    expect(trimSurplus(rs).map((p) => p.name)).toEqual(['b']);
    expect(rs.active).toBe(2);
    expect(pods.map((p) => p.alive)).toEqual([true, false, true]);
  });
});

describe('replicaSetStatus (replica_set_utils calculateStatus)', () => {
  it('omits zero counts (omitempty) but always has replicas', () => {
    expect(replicaSetStatus(rsObject('x', {}), { replicas: 0, fullyLabeled: 0, ready: 0, available: 0 })).toEqual({ replicas: 0, observedGeneration: 1 });
    expect(replicaSetStatus({ ...rsObject('x', {}), metadata: { generation: 4 } }, { replicas: 2, fullyLabeled: 2, ready: 1, available: 1 })).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 4,
    });
  });
});
