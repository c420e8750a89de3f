// Models pkg/apis/core/validation/validation.go ValidateConfigMap / ValidateConfigMapUpdate, plus
// the helpers Secret validation shares with it (IsConfigMapKey, the 1 MiB size limit, the
// "immutable" rules and base64 handling of the wire form's []byte maps).
import type { FieldError } from '../../model/field';
import { forbidden, invalid } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { byteLength, dns1123SubdomainMaxLength, maxLenError, regexError } from './names';
import type { KindRules } from './types';
import { rec } from './types';

/** core.MaxSecretSize (also used for ConfigMaps): 1 MiB. */
export const MAX_SECRET_SIZE = 1024 * 1024;

/** apimachinery/pkg/api/validation FieldImmutableErrorMsg */
export const FIELD_IMMUTABLE = 'field is immutable';

const configMapKeyFmt = '[-._a-zA-Z0-9]+';
const configMapKeyRe = new RegExp(`^${configMapKeyFmt}$`);
const configMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

/** validation.IsConfigMapKey (apimachinery/pkg/util/validation), including hasChDirPrefix. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > dns1123SubdomainMaxLength) errs.push(maxLenError(dns1123SubdomainMaxLength));
  if (!configMapKeyRe.test(value)) errs.push(regexError(configMapKeyErrMsg, configMapKeyFmt, 'key.name', 'KEY_NAME', 'key-name'));
  if (value === '.') errs.push("must not be '.'");
  else if (value === '..') errs.push("must not be '..'");
  else if (value.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/**
 * field.TooLong (apimachinery ≥ 1.32): the value is never printed; the detail counts bytes.
 * field.ts has no constructor for it, so it is built here.
 */
export function tooLong(field: string, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return { type: 'FieldValueTooLong', field, value: '<value omitted>', detail };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes standard base64 (the wire form of []byte), ignoring whitespace; null if malformed. */
export function decodeBase64(s: string): Uint8Array | null {
  const clean = s.replace(/[\s]/g, '').replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return s;
}

/** Bytes a wire []byte value stands for; a malformed value counts its raw length (decoding rejects it earlier). */
export function decodedLength(v: unknown): number {
  if (typeof v !== 'string') return 0;
  const d = decodeBase64(v);
  return d ? d.length : byteLength(v);
}

/**
 * Keys of a wire map in a fixed order. Go ranges over maps in random order, so upstream's order of
 * per-key errors is not defined; we use sorted order to stay deterministic.
 */
export function sortedKeys(m: Record<string, unknown> | undefined): string[] {
  return m ? Object.keys(m).sort() : [];
}

/**
 * reflect.DeepEqual of two wire maps of []byte/string values, where the old object comes from
 * storage: an empty map is stored as absent (omitempty), so old `{}` reads back as nil, while a
 * request's `{}` stays a non-nil empty map (DeepEqual(nil, {}) is false in Go).
 */
export function mapsDeepEqual(newV: unknown, oldV: unknown, values: 'bytes' | 'string'): boolean {
  const n = rec(newV);
  let o = rec(oldV);
  if (o && Object.keys(o).length === 0) o = undefined;
  if (!n || !o) return !n && !o;
  const nk = Object.keys(n).sort();
  const ok = Object.keys(o).sort();
  if (nk.length !== ok.length || nk.some((k, i) => k !== ok[i])) return false;
  return nk.every((k) => {
    if (values === 'string') return n[k] === o![k];
    const a = typeof n[k] === 'string' ? decodeBase64(n[k] as string) : null;
    const b = typeof o![k] === 'string' ? decodeBase64(o![k] as string) : null;
    if (!a || !b) return n[k] === o![k];
    return a.length === b.length && a.every((x, i) => x === b[i]);
  });
}

/** The shared `immutable: true` rules of ValidateConfigMapUpdate / ValidateSecretUpdate. */
export function immutableErrors(newObj: KubeObject, oldObj: KubeObject, fields: [string, 'bytes' | 'string'][]): FieldError[] {
  const errs: FieldError[] = [];
  if (oldObj.immutable !== true) return errs;
  if (newObj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const [f, kind] of fields) {
    if (!mapsDeepEqual(newObj[f], oldObj[f], kind)) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

/** ValidateConfigMap minus ValidateObjectMeta. */
export function validateConfigMap(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = rec(obj.data);
  const binaryData = rec(obj.binaryData);
  let totalSize = 0;
  for (const key of sortedKeys(data)) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(`data[${key}]`, key, msg));
    // check if we have a duplicate key in the other bag
    if (binaryData && key in binaryData) errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    const v = data![key];
    totalSize += typeof v === 'string' ? byteLength(v) : 0;
  }
  for (const key of sortedKeys(binaryData)) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(`binaryData[${key}]`, key, msg));
    totalSize += decodedLength(binaryData![key]);
  }
  // field.NewPath("") prints as "[]": upstream passes it "to indicate that the error refers to the whole object".
  if (totalSize > MAX_SECRET_SIZE) errs.push(tooLong('[]', MAX_SECRET_SIZE));
  return errs;
}

export const configMapRules: KindRules = {
  validate: (obj) => validateConfigMap(obj),
  // ValidateConfigMapUpdate: immutable rules first, then the full ValidateConfigMap.
  validateUpdate: (newObj, oldObj) => [
    ...immutableErrors(newObj, oldObj, [
      ['data', 'string'],
      ['binaryData', 'bytes'],
    ]),
    ...validateConfigMap(newObj),
  ],
};
