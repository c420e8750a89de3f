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
