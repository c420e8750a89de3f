import { describe, expect, it } from 'vitest';
import { fastUID, objectUID, podNameGenerator, podNames, podUID, podUIDPrefix, suffixCode, TakenPodNames } from './pod-names';
import { deterministicUID } from '../model/uid';
import { replicaSetRec } from './replicaset-controller';

describe('PodNames: podNameGenerator in two steps (apiserver names.SimpleNameGenerator)', () => {
  it.each<[string, string, number]>([
    ['a short ReplicaSet name', 'web-5bccfdbbb7', 1],
    ['a name cut to 58 characters', 'x'.repeat(70), 3],
  ])('%s: name(code(seq)) is the generated name, and suffixCode reads the code back', (_n, rs, seed) => {
    const gen = podNameGenerator(rs, seed, `ReplicaSet/default/${rs}`);
    const names = podNames(rs, seed, `ReplicaSet/default/${rs}`);
    for (let seq = 0; seq < 200; seq++) {
      const code = names.code(seq);
      expect(names.name(code)).toBe(gen(seq));
      expect(suffixCode(gen(seq))).toBe(code);
      expect(gen(seq).startsWith(names.base)).toBe(true);
    }
  });

  it.each<[string, string, number | null]>([
    ['utilrand alphabet only', 'web-bcdfg', 0 + 1 * 27 + 2 * 27 ** 2 + 3 * 27 ** 3 + 4 * 27 ** 4],
    ['a vowel is never generated', 'web-abcde', null],
    ['shorter than 5 characters', 'bcd', null],
  ])('suffixCode: %s', (_n, name, code) => {
    expect(suffixCode(name)).toBe(code);
  });
});

describe('TakenPodNames: a generated name is never handed out twice (alive, gone or in the manifests)', () => {
  const rs = () => replicaSetRec({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default', uid: 'u' }, spec: { replicas: 3, template: { spec: { containers: [] } } } }, null, 1);
  it('skips a manifest pod of the same name, and its own earlier names', () => {
    const first = podNameGenerator('web-abc', 1, 'ReplicaSet/default/web-abc');
    const taken = new TakenPodNames([`Pod/default/${first(0)}`, 'Pod/other/x']);
    const r = rs();
    const a = taken.take(r);
    const b = taken.take(r);
    expect([a.seq, a.name, a.key]).toEqual([1, first(1), `Pod/default/${first(1)}`]);
    expect([b.seq, b.name]).toEqual([2, first(2)]);
  });
  it('takeCode hands out what takeName would (the name is base + suffix of the code)', () => {
    const a = new TakenPodNames([]);
    const b = new TakenPodNames([]);
    const r1 = rs();
    const r2 = rs();
    for (let i = 0; i < 5; i++) expect(r1.names.name(a.takeCode(r1, a.takenFor(r1)))).toBe(b.takeName(r2, b.takenFor(r2)));
  });
  it('ReplicaSets with the same name prefix share what is taken', () => {
    const taken = new TakenPodNames([]);
    const names = [taken.take(rs()).name, taken.take(rs()).name];
    expect(new Set(names).size).toBe(2);
  });
});

describe('objectUID (load.ts uids for controller-made objects)', () => {
  it.each([1, 7])('seed %i: deterministicUID(`${seed}/${key}`)', (seed) => {
    for (const key of ['Pod/default/web-x', 'ReplicaSet/kube-system/coredns-1', '']) expect(objectUID(seed, key)).toBe(deterministicUID(`${seed}/${key}`));
  });
  it.each<[string, number, string, string]>([
    ["a ReplicaSet's pod (runWorkloads hashes only the name's random part per pod)", 1, 'default', 'web-5bccfdbbb7-'],
    ['another seed and namespace', 7, 'team-a', 'x-'],
  ])('podUID(podUIDPrefix(seed, ns, base), suffix) is objectUID(seed, Pod/ns/base+suffix): %s', (_n, seed, ns, base) => {
    const names = podNames(base.slice(0, -1), seed, `ReplicaSet/${ns}/${base.slice(0, -1)}`);
    for (let seq = 0; seq < 20; seq++) {
      const suffix = names.suffix(names.code(seq));
      expect(names.name(names.code(seq))).toBe(names.base + suffix);
      expect(podUID(podUIDPrefix(seed, ns, names.base), suffix)).toBe(objectUID(seed, `Pod/${ns}/${names.base}${suffix}`));
    }
  });
  it('fastUID writes model/uid.ts deterministicUID text', () => {
    for (let i = 0; i < 2000; i++) {
      const key = `svc-uid-${i * 7919}/EndpointSlice/web-${i}`;
      expect(fastUID(key)).toBe(deterministicUID(key));
    }
  });
});
