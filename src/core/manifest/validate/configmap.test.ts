// Rows pin core/validation.go ValidateConfigMap / ValidateConfigMapUpdate (upstream
// TestValidateConfigMap, TestValidateConfigMapUpdate) and apimachinery's IsConfigMapKey.
import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { configMapRules, decodeBase64, encodeBase64, isConfigMapKey } from './configmap';
import { regexError } from './names';
import type { ValidationContext } from './types';

const ctx: ValidationContext = {
  net: { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' },
};
const KEY_RE = regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name');
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const cm = (o: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, ...o });

describe('isConfigMapKey (apimachinery IsConfigMapKey)', () => {
  it.each([
    { name: 'dotted key', key: 'key.name', want: [] },
    { name: 'underscores and caps', key: 'KEY_NAME', want: [] },
    { name: 'leading single dot (hidden file) is fine', key: '.dockercfg', want: [] },
    { name: 'space is not allowed', key: 'a b', want: [KEY_RE] },
    { name: "'.' alone (hasChDirPrefix)", key: '.', want: ["must not be '.'"] },
    { name: "'..' alone", key: '..', want: ["must not be '..'"] },
    { name: "starts with '..'", key: '..a', want: ["must not start with '..'"] },
    { name: 'empty key fails the regex', key: '', want: [KEY_RE] },
    { name: 'longer than 253 bytes', key: 'a'.repeat(254), want: ['must be no more than 253 characters'] },
    { name: 'slash is not allowed', key: 'a/b', want: [KEY_RE] },
  ])('$name', ({ key, want }) => {
    expect(isConfigMapKey(key)).toEqual(want);
  });
});

describe('configMapRules.validate (ValidateConfigMap)', () => {
  it.each([
    { name: 'valid data and binaryData', o: { data: { 'key.name': 'v', KEY_NAME: 'w' }, binaryData: { 'bin-key': b64('\x00\x01') } }, want: [] },
    { name: 'no data at all', o: {}, want: [] },
    { name: 'invalid data key', o: { data: { 'a b': 'v' } }, want: [`data[a b]: Invalid value: "a b": ${KEY_RE}`] },
    { name: 'invalid binaryData key', o: { binaryData: { '..x': b64('v') } }, want: [`binaryData[..x]: Invalid value: "..x": must not start with '..'`] },
    {
      name: 'key present in both data and binaryData',
      o: { data: { dup: 'v' }, binaryData: { dup: b64('v') } },
      want: ['data[dup]: Invalid value: "dup": duplicate of key present in binaryData'],
    },
    { name: 'exactly 1 MiB of data is allowed', o: { data: { big: 'x'.repeat(1024 * 1024) } }, want: [] },
    {
      name: 'over 1 MiB: TooLong on field.NewPath("") which prints as []',
      o: { data: { big: 'x'.repeat(1024 * 1024 - 1) }, binaryData: { bin: b64('ab') } },
      want: ['[]: Too long: may not be more than 1048576 bytes'],
    },
    { name: 'sizes count UTF-8 bytes', o: { data: { big: 'é'.repeat(512 * 1024) + 'x' } }, want: ['[]: Too long: may not be more than 1048576 bytes'] },
    {
      name: 'per-key errors come in (sorted) key order, data before binaryData',
      o: { data: { 'z z': '', 'a a': '' }, binaryData: { 'b b': '' } },
      want: [`data[a a]: Invalid value: "a a": ${KEY_RE}`, `data[z z]: Invalid value: "z z": ${KEY_RE}`, `binaryData[b b]: Invalid value: "b b": ${KEY_RE}`],
    },
    { name: 'odd shapes never throw', o: { data: 'nope', binaryData: [1] }, want: [] },
  ])('$name', ({ o, want }) => {
    expect(configMapRules.validate(cm(o), ctx).map(fieldErrorString)).toEqual(want);
  });
});

describe('configMapRules.validateUpdate (ValidateConfigMapUpdate)', () => {
  const FORBID = 'Forbidden: field is immutable when `immutable` is set';
  it.each([
    { name: 'mutable configmap may change', old: { data: { a: '1' } }, next: { data: { a: '2' } }, want: [] },
    { name: 'immutable, unchanged', old: { immutable: true, data: { a: '1' } }, next: { immutable: true, data: { a: '1' } }, want: [] },
    { name: 'immutable: data changed', old: { immutable: true, data: { a: '1' } }, next: { immutable: true, data: { a: '2' } }, want: [`data: ${FORBID}`] },
    {
      name: 'immutable: binaryData changed',
      old: { immutable: true, binaryData: { a: b64('1') } },
      next: { immutable: true, binaryData: { a: b64('2') } },
      want: [`binaryData: ${FORBID}`],
    },
    {
      name: 'immutable cannot be unset, checked before data',
      old: { immutable: true, data: { a: '1' } },
      next: { data: { a: '2' } },
      want: [`immutable: ${FORBID}`, `data: ${FORBID}`],
    },
    { name: 'immutable can be set on a mutable one', old: { data: { a: '1' } }, next: { immutable: true, data: { a: '1' } }, want: [] },
    { name: 'stored {} reads back as absent', old: { immutable: true, data: {} }, next: { immutable: true }, want: [] },
    { name: 'a request {} differs from absent (reflect.DeepEqual)', old: { immutable: true }, next: { immutable: true, data: {} }, want: [`data: ${FORBID}`] },
    {
      name: 'then the full ValidateConfigMap of the new object',
      old: { data: {} },
      next: { data: { 'a b': '' } },
      want: [`data[a b]: Invalid value: "a b": ${KEY_RE}`],
    },
  ])('$name', ({ old, next, want }) => {
    expect(configMapRules.validateUpdate!(cm(next), cm(old), ctx).map(fieldErrorString)).toEqual(want);
  });
});

describe('base64 helpers (the wire form of []byte)', () => {
  it.each(['', 'a', 'ab', 'abc', 'abcd', '\x00\xff\x10 binary', 'é ünïcode'])('round-trips %j like Go/Node base64', (s) => {
    const bytes = new Uint8Array(Buffer.from(s));
    expect(encodeBase64(bytes)).toBe(b64(s));
    expect(Array.from(decodeBase64(b64(s))!)).toEqual(Array.from(bytes));
  });
  it('rejects malformed input', () => {
    expect(decodeBase64('a')).toBeNull();
    expect(decodeBase64('ab*d')).toBeNull();
  });
});
