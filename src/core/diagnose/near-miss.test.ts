import { describe, expect, it } from 'vitest';
import { editDistance, formatSelector, isTypo, labelMiss } from './near-miss';

describe('editDistance / isTypo', () => {
  it.each([
    { a: 'web', b: 'wbe', d: 1, typo: true }, // adjacent transposition counts once
    { a: 'go-helloworld', b: 'go-hellowrld', d: 1, typo: true },
    { a: 'Web', b: 'web', d: 1, typo: true }, // case only
    { a: 'frontend', b: 'backend', d: 5, typo: false },
    { a: 'a', b: 'b', d: 1, typo: false }, // one-letter values are not typos of each other
    { a: 'web', b: 'web', d: 0, typo: false },
  ])('$a ↔ $b', ({ a, b, d, typo }) => {
    expect(editDistance(a, b)).toBe(d);
    expect(isTypo(a, b)).toBe(typo);
  });
});

describe('labelMiss (labels.SelectorFromSet: every pair must be present and equal)', () => {
  it.each<{ name: string; sel: Record<string, string>; labels: Record<string, string>; want: unknown }>([
    { name: 'match', sel: { app: 'web' }, labels: { app: 'web', x: 'y' }, want: null },
    { name: 'value differs', sel: { app: 'web' }, labels: { app: 'wbe' }, want: { kind: 'value', key: 'app', want: 'web', have: 'wbe', typo: true } },
    { name: 'key differs', sel: { ap: 'web' }, labels: { app: 'web' }, want: { kind: 'key', key: 'ap', want: 'web', haveKey: 'app', typo: true } },
    { name: 'key missing', sel: { app: 'web', tier: 'fe' }, labels: { app: 'web' }, want: { kind: 'missing', key: 'tier', want: 'fe' } },
    { name: 'two pairs off', sel: { app: 'web', tier: 'fe' }, labels: { app: 'api' }, want: 'far' },
  ])('$name', ({ sel, labels, want }) => {
    expect(labelMiss(sel, labels)).toEqual(want);
  });

  it('formats a selector as labels.Set.String does (sorted keys)', () => {
    expect(formatSelector({ tier: 'fe', app: 'web' })).toBe('app=web,tier=fe');
  });
});
