import { describe, expect, it } from 'vitest';
import { fnv1a, randString, randStringOf } from './hash';

describe('randStringOf: randString of the joined parts, hashed part by part', () => {
  it.each<[string, string[], number]>([
    ['a slice key (SliceNames: EndpointSlice/<uid>/<ns>/<name>/<ports>/<rank>)', ['EndpointSlice/', 'u-1', '/', 'default', '/', 'web', '/', 'http\u0000TCP\u000080\u0001', '/', '0'], 5],
    ['past the 4th character the key is hashed again with ":4"', ['ab', 'cd'], 9],
    ['empty parts', ['', 'x', ''], 5],
    ['no parts at all', [], 5],
  ])('%s', (_n, parts, n) => {
    expect(randStringOf(parts, n)).toBe(randString(parts.join(''), n));
  });
  it('fnv1a continues over parts: fnv1a(b, fnv1a(a)) === fnv1a(a + b)', () => {
    for (const [a, b] of [['Pod/', 'default/web-x'], ['', 'é😀'], ['1/', '']]) expect(fnv1a(b, fnv1a(a))).toBe(fnv1a(a + b));
  });
});
