import { describe, expect, it } from 'vitest';
import { cloneData, extensibleCopy, lazyWireObjects, sortedKeys, sortStrings, spreadOf } from './plain-objects';

// These helpers stand in for `{ ...a, ...b }`, structuredClone and Array.prototype.sort on hot paths:
// each row pins that the stand-in gives the same result as the original (order of keys included).
const sym = Symbol('s');

describe('spreadOf: same own enumerable properties, values and order as spreading', () => {
  it.each<[string, (object | null | undefined)[]]>([
    ['later parts overwrite in place, new keys append', [{ a: 1, b: 2 }, { b: 3, c: 4 }]],
    ['null and undefined parts are skipped', [{ a: 1 }, null, undefined, { z: 0 }]],
    ['integer-like keys first, ascending', [{ b: 1, 10: 'x', 2: 'y' }]],
    ['an own __proto__ key stays an own property', [JSON.parse('{"__proto__": {"x": 1}, "a": 2}')]],
    ['symbol keys are copied too', [{ [sym]: 1, a: 2 }]],
  ])('%s', (_n, parts) => {
    const want = parts.reduce<object>((acc, p) => ({ ...acc, ...p }), {});
    const got = spreadOf(...parts);
    expect(Reflect.ownKeys(got)).toEqual(Reflect.ownKeys(want));
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    for (const k of Reflect.ownKeys(want)) expect((got as Record<PropertyKey, unknown>)[k]).toBe((want as Record<PropertyKey, unknown>)[k]);
  });
});

describe('extensibleCopy: spreadOf(o) with room to grow, the same plain object', () => {
  it.each<[string, object]>([
    ['a pod spec', { containers: [{ name: 'c' }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, schedulerName: 'default-scheduler' }],
    ['integer-like keys first, ascending', { b: 1, 10: 'x', 2: 'y' }],
    ['an own __proto__ key stays an own property', JSON.parse('{"__proto__": {"x": 1}, "a": 2}')],
    ['symbol keys are copied too', { [sym]: 1, a: 2 }],
  ])('%s', (_n, o) => {
    const want = spreadOf(o);
    const got = extensibleCopy<Record<string, unknown>>(o);
    expect(Reflect.ownKeys(got)).toEqual(Reflect.ownKeys(want));
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    got.added = 1; // extended afterwards, as admission does
    expect(JSON.stringify(got)).toBe(JSON.stringify({ ...want, added: 1 }));
  });
});

describe('sortedKeys / sortStrings: Array.prototype.sort order (UTF-16 code units)', () => {
  it.each<[string, string[]]>([
    ['short list (insertion sort)', ['b', 'a', 'B', 'é', 'aa', '', '10', '9']],
    ['long list (native sort)', Array.from({ length: 40 }, (_, i) => `k${(i * 7919) % 97}`)],
    ['astral and BMP characters', ['\uffff', '😀', 'z']],
  ])('%s', (_n, keys) => {
    expect(sortStrings([...keys])).toEqual([...keys].sort());
    expect(sortedKeys(Object.fromEntries(keys.map((k) => [`_${k}`, 1])))).toEqual(keys.map((k) => `_${k}`).sort());
  });
});

/** [1, <hole>, 3] */
const holey = (): unknown[] => {
  const xs: unknown[] = [1];
  xs[2] = 3;
  return xs;
};

describe('cloneData: what structuredClone gives for decoded YAML/JSON', () => {
  const shared = { x: 1 };
  it.each<[string, unknown]>([
    ['nested plain data, key order and undefined kept', { b: [1, 'two', { c: null, d: undefined }], a: true, 3: 'n' }],
    ['a part reached twice (YAML alias) stays shared', { p: shared, q: shared }],
    ['other prototypes go to structuredClone', { when: new Date(0), m: new Map([[1, 2]]) }],
    ['arrays with holes go to structuredClone', { xs: holey() }],
  ])('%s', (_n, v) => {
    const got = cloneData(v) as Record<string, unknown>;
    expect(got).toStrictEqual(structuredClone(v));
    expect(got).not.toBe(v);
  });
  it('a shared part is shared in the copy, as structuredClone does', () => {
    const got = cloneData({ p: shared, q: shared }) as { p: object; q: object };
    expect(got.p).toBe(got.q);
    expect(got.p).not.toBe(shared);
  });
});

describe('lazyWireObjects: parts built on first read read as the plain object would', () => {
  type Src = { n: number; metadata: object | null; written: string[] };
  const make = lazyWireObjects<Src>(
    'v1',
    'Thing',
    {
      metadata: (s) => (s.metadata ??= { name: `t${s.n}` }),
      spec: (s) => ({ n: s.n }),
      ports: (s) => [s.n],
    },
    (s, part) => s.written.push(part),
    ['ports'],
  );
  const src = (n: number): Src => ({ n, metadata: null, written: [] });
  const plain = (n: number) => ({ apiVersion: 'v1', kind: 'Thing', metadata: { name: `t${n}` }, spec: { n }, ports: [n] });
  it.each<[string, (o: object) => unknown]>([
    ['JSON.stringify: same text, keys in the parts order', (o) => JSON.stringify(o)],
    ['Object.keys: only the wire keys (the source is a non-enumerable symbol)', (o) => Object.keys(o)],
    ['a spread copies plain data', (o) => ({ ...o })],
    ['structuredClone sees plain data', (o) => structuredClone(o)],
  ])('%s', (_n, view) => {
    expect(view(make(src(3)))).toEqual(view(plain(3)));
  });

  it('nothing is built before a read; a read gives the kept part; assigning a part replaces it and says so', () => {
    const s = src(1);
    const o = make(s) as Record<string, unknown>;
    expect(s.metadata).toBeNull();
    const meta = o.metadata;
    expect(o.metadata).toBe(meta);
    expect(make.source(o)).toBe(s);
    expect(make.source({})).toBeUndefined();
    o.metadata = { name: 'x' };
    expect(o.metadata).toEqual({ name: 'x' });
    expect(s.written).toEqual(['metadata']);
    expect(Object.keys(o)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'ports']);
  });
});
