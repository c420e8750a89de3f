import { describe, expect, it } from 'vitest';
import type { PodState } from '../cluster/state';
import { buildPodLabelIndex } from './label-index';

const pod = (name: string, namespace: string, labels: Record<string, string>) => ({ name, namespace, labels }) as PodState;
const pods = [pod('a', 'default', { app: 'web', tier: 'fe' }), pod('b', 'default', { app: 'web', tier: 'be' }), pod('c', 'other', { app: 'web' }), pod('d', 'default', { app: '' })];

describe('pod label index (labels.SelectorFromSet equality semantics)', () => {
  it.each<[string, string, Record<string, string>, string[]]>([
    ['single pair', 'default', { app: 'web' }, ['a', 'b']],
    ['every pair must match', 'default', { app: 'web', tier: 'be' }, ['b']],
    ['namespace scoped', 'other', { app: 'web' }, ['c']],
    ['an empty value matches only a label present with an empty value', 'default', { app: '' }, ['d']],
    ['a pair nobody has', 'default', { app: 'db' }, []],
    ['an unknown namespace', 'nope', { app: 'web' }, []],
    ['labels.Set{} selects everything in the namespace', 'default', {}, ['a', 'b', 'd']],
  ])('%s', (_n, ns, sel, names) => {
    expect(
      buildPodLabelIndex(pods)
        .select(ns, sel)
        .map((p) => p.name),
    ).toEqual(names);
    // Indexing only some label keys (the ones the Services' selectors use) answers the same.
    for (const keys of [new Set(['app']), new Set(['tier']), new Set<string>()]) {
      expect(
        buildPodLabelIndex(pods, keys)
          .select(ns, sel)
          .map((p) => p.name),
      ).toEqual(names);
    }
  });
});

describe('pod label index over runs of pods sharing one labels object (a ReplicaSet\'s pods)', () => {
  const shared = { app: 'web' };
  const other = { app: 'web', tier: 'fe' };
  const runs = [pod('a', 'default', shared), pod('b', 'default', shared), pod('c', 'default', other), pod('d', 'other', shared), pod('e', 'default', shared), pod('f', 'default', { app: 'db' })];
  it.each<[string, string, Record<string, string>, string[]]>([
    ['a list filled by several runs keeps the input order', 'default', { app: 'web' }, ['a', 'b', 'c', 'e']],
    ['a run in another namespace is its own run', 'other', { app: 'web' }, ['d']],
    ['a pair only one run has', 'default', { tier: 'fe' }, ['c']],
    ['a single pod', 'default', { app: 'db' }, ['f']],
  ])('%s', (_n, ns, sel, names) => {
    for (const keys of [undefined, new Set(['app', 'tier'])]) {
      expect(
        buildPodLabelIndex(runs, keys)
          .select(ns, sel)
          .map((p) => p.name),
      ).toEqual(names);
    }
  });
});
