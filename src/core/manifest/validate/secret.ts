// Models pkg/apis/core/validation/validation.go ValidateSecret / ValidateSecretUpdate,
// pkg/apis/core/v1/defaults.go SetDefaults_Secret, the v1→internal conversion that folds
// stringData into data, and pkg/registry/core/secret/strategy.go warningsForSecret.
import type { FieldError } from '../../model/field';
import { goQuote, invalid, required } from '../../model/field';
import type { KubeObject } from '../../model/types';
import {
  FIELD_IMMUTABLE,
  MAX_SECRET_SIZE,
  decodeBase64,
  decodedLength,
  encodeBase64,
  immutableErrors,
  isConfigMapKey,
  sortedKeys,
  tooLong,
} from './configmap';
import type { ApiWarning, KindRules } from './types';
import { rec } from './types';

const utf8 = new TextEncoder();
const latin1 = new TextDecoder('latin1');

/** Secret data as Go sees it after conversion: data ∪ stringData (stringData wins), as bytes. */
function secretData(obj: KubeObject): Map<string, Uint8Array | null> {
  const out = new Map<string, Uint8Array | null>();
  const data = rec(obj.data);
  for (const k of sortedKeys(data)) out.set(k, typeof data![k] === 'string' ? decodeBase64(data![k] as string) : null);
  const sd = rec(obj.stringData);
  for (const k of sortedKeys(sd)) if (typeof sd![k] === 'string') out.set(k, utf8.encode(sd![k] as string));
  return out;
}

/** The wire type with SetDefaults_Secret applied: "" → Opaque. */
const secretType = (obj: KubeObject): string => (typeof obj.type === 'string' && obj.type !== '' ? obj.type : 'Opaque');

/** ValidateSecret minus ValidateObjectMeta. */
export function validateSecret(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = secretData(obj);
  let totalSize = 0;
  const keys = [...data.keys()].sort();
  for (const key of keys) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(`data[${key}]`, key, msg));
    const v = data.get(key);
    totalSize += v ? v.length : decodedLength(rec(obj.data)?.[key]);
  }
  if (totalSize > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));

  const t = secretType(obj);
  switch (t) {
    case 'kubernetes.io/service-account-token': {
      // Only the service-account.name annotation is required; the token controller fills in the rest.
      const name = rec(obj.metadata?.annotations)?.['kubernetes.io/service-account.name'];
      if (typeof name !== 'string' || name.length === 0) {
        errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
    }
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = t === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!data.has(key)) {
        errs.push(required(`data[${key}]`));
        break;
      }
      // make sure that the content is well-formed json (json.Unmarshal into map[string]interface{}).
      const bytes = data.get(key) ?? new Uint8Array();
      const err = goJSONUnmarshalMapError(new TextDecoder().decode(bytes));
      if (err) errs.push(invalid(`data[${key}]`, '<secret contents redacted>', err));
      break;
    }
    case 'kubernetes.io/basic-auth':
      // username or password might be empty, but one of the fields must be present
      if (!data.has('username') && !data.has('password')) {
        errs.push(required('data[username]'), required('data[password]'));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if ((data.get('ssh-privatekey')?.length ?? 0) === 0) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!data.has('tls.crt')) errs.push(required('data[tls.crt]'));
      if (!data.has('tls.key')) errs.push(required('data[tls.key]'));
      break;
    default:
      break;
  }
  return errs;
}

/** encoding/json quoteChar: how the scanner names an offending character. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const q = goQuote(c);
  return `'${q.slice(1, -1)}'`;
}

class GoJSONSyntaxError extends Error {}

/**
 * The error json.Unmarshal(data, &map[string]interface{}{}) returns, or null. Syntax is checked
 * first (checkValid), with the scanner's messages; then a non-object top-level value is a type error.
 */
export function goJSONUnmarshalMapError(text: string): string | null {
  const s = [...text];
  let i = 0;
  const bad = (what: string): never => {
    throw new GoJSONSyntaxError(`invalid character ${quoteChar(s[i])} ${what}`);
  };
  const eof = (): never => {
    throw new GoJSONSyntaxError('unexpected end of JSON input');
  };
  const ws = () => {
    while (i < s.length && ' \t\r\n'.includes(s[i])) i++;
  };
  const str = () => {
    i++; // opening quote
    for (;;) {
      if (i >= s.length) eof();
      const c = s[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (i >= s.length) eof();
        if (s[i] === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= s.length) eof();
            if (!/[0-9a-fA-F]/.test(s[i])) bad('in \\u hexadecimal character escape');
          }
        } else if (!'bfnrt\\/"'.includes(s[i])) bad('in string escape code');
      } else if (c.codePointAt(0)! < 0x20) bad('in string literal');
      i++;
    }
  };
  const digits = () => {
    while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  };
  const num = () => {
    if (s[i] === '-') {
      i++;
      if (i >= s.length) eof();
      if (!(s[i] >= '0' && s[i] <= '9')) bad('in numeric literal');
    }
    if (s[i] === '0') i++;
    else digits();
    if (s[i] === '.') {
      i++;
      if (i >= s.length) eof();
      if (!(s[i] >= '0' && s[i] <= '9')) bad('after decimal point in numeric literal');
      digits();
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (i >= s.length) eof();
      if (!(s[i] >= '0' && s[i] <= '9')) bad('in exponent of numeric literal');
      digits();
    }
  };
  const value = (): string => {
    ws();
    if (i >= s.length) eof();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (i >= s.length) eof();
      if (s[i] === '}') {
        i++;
        return 'object';
      }
      for (;;) {
        if (s[i] !== '"') bad('looking for beginning of object key string');
        str();
        ws();
        if (i >= s.length) eof();
        if (s[i] !== ':') bad('after object key');
        i++;
        value();
        ws();
        if (i >= s.length) eof();
        if (s[i] === '}') {
          i++;
          return 'object';
        }
        if (s[i] !== ',') bad('after object key:value pair');
        i++;
        ws();
        if (i >= s.length) eof();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (i >= s.length) eof();
      if (s[i] === ']') {
        i++;
        return 'array';
      }
      for (;;) {
        value();
        ws();
        if (i >= s.length) eof();
        if (s[i] === ']') {
          i++;
          return 'array';
        }
        if (s[i] !== ',') bad('after array element');
        i++;
      }
    }
    if (c === '"') {
      str();
      return 'string';
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      num();
      return 'number';
    }
    for (const lit of ['true', 'false', 'null']) {
      if (c !== lit[0]) continue;
      for (let k = 1; k < lit.length; k++) {
        i++;
        if (i >= s.length) eof();
        if (s[i] !== lit[k]) bad(`in literal ${lit} (expecting ${quoteChar(lit[k])})`);
      }
      i++;
      return lit === 'null' ? 'null' : 'bool';
    }
    return bad('looking for beginning of value');
  };
  try {
    const kind = value();
    ws();
    if (i < s.length) bad('after top-level value');
    if (kind === 'object' || kind === 'null') return null;
    return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
  } catch (e) {
    if (e instanceof GoJSONSyntaxError) return e.message;
    throw e;
  }
}

interface PemBlock {
  type: string;
}

/**
 * encoding/pem.Decode repeatedly: the blocks with a BEGIN line, a matching END line and a base64
 * body. Headers ("Proc-Type: …") are tolerated. Malformed blocks are skipped, as Decode does.
 */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const re = /(?:^|\n)-----BEGIN ([^\n]*?)-----[ \t]*\r?\n([\s\S]*?)(?:^|\n)-----END \1-----/gm;
  for (const m of text.matchAll(re)) {
    const body = m[2]
      .split(/\r?\n/)
      .filter((l) => !/^[\w-]+:/.test(l))
      .join('');
    if (/^[A-Za-z0-9+/=\s]*$/.test(body) && decodeBase64(body)) blocks.push({ type: m[1] });
  }
  return blocks;
}

const goStringSlice = (xs: string[]): string => `[${xs.join(' ')}]`;

/**
 * The PEM stage of crypto/tls.X509KeyPair, which warningsForSecret runs for kubernetes.io/tls.
 * The later stages (x509 parsing, key/cert match) are not modelled: a well-formed PEM pair passes.
 */
export function x509KeyPairPemError(cert: Uint8Array, key: Uint8Array): string | null {
  const certBlocks = pemBlocks(latin1.decode(cert));
  const certs = certBlocks.filter((b) => b.type === 'CERTIFICATE');
  const skipped = certBlocks.filter((b) => b.type !== 'CERTIFICATE').map((b) => b.type);
  if (certs.length === 0) {
    if (skipped.length === 0) return 'tls: failed to find any PEM data in certificate input';
    if (skipped.length === 1 && skipped[0].endsWith('PRIVATE KEY')) {
      return 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched';
    }
    return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: ${goStringSlice(skipped)}`;
  }
  const keySkipped: string[] = [];
  for (const b of pemBlocks(latin1.decode(key))) {
    if (b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY')) return null;
    keySkipped.push(b.type);
  }
  if (keySkipped.length === 0) return 'tls: failed to find any PEM data in key input';
  if (keySkipped.length === 1 && keySkipped[0] === 'CERTIFICATE') return 'tls: found a certificate rather than a key in the PEM for the private key';
  return `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: ${goStringSlice(keySkipped)}`;
}

/** Convert_v1_Secret_To_core_Secret: stringData entries overwrite data entries, then vanish. */
function foldStringData(obj: KubeObject): void {
  const sd = rec(obj.stringData);
  if (!sd) return;
  const data = { ...(rec(obj.data) ?? {}) };
  for (const k of Object.keys(sd)) if (typeof sd[k] === 'string') data[k] = encodeBase64(utf8.encode(sd[k] as string));
  obj.data = data;
  delete obj.stringData;
}

export const secretRules: KindRules = {
  /**
   * SetDefaults_Secret (type "" → Opaque) and the conversion step that merges stringData into data
   * (stringData is write-only: the stored object never has it).
   */
  default(obj) {
    if (typeof obj.type !== 'string' || obj.type === '') obj.type = 'Opaque';
    foldStringData(obj);
  },
  validate: (obj) => validateSecret(obj),
  // ValidateSecretUpdate: type is immutable, then the `immutable: true` rules, then ValidateSecret.
  validateUpdate(newObj, oldObj) {
    const errs: FieldError[] = [];
    const nt = secretType(newObj);
    if (nt !== secretType(oldObj)) errs.push(invalid('type', nt, FIELD_IMMUTABLE));
    // Upstream compares Data after conversion has folded stringData in.
    const folded = { ...newObj };
    foldStringData(folded);
    errs.push(...immutableErrors(folded, oldObj, [['data', 'bytes']]));
    errs.push(...validateSecret(newObj));
    return errs;
  },
  warnings(obj): ApiWarning[] {
    if (secretType(obj) !== 'kubernetes.io/tls') return [];
    const data = secretData(obj);
    const err = x509KeyPairPemError(data.get('tls.crt') ?? new Uint8Array(), data.get('tls.key') ?? new Uint8Array());
    return err ? [{ message: err }] : [];
  },
};
