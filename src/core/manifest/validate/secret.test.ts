// Rows pin core/validation.go ValidateSecret / ValidateSecretUpdate (upstream TestValidateSecret,
// TestValidateSecretUpdate, TestValidateDockerConfigSecret, TestValidateBasicAuthSecret,
// TestValidateSSHAuth, TestValidateTLSSecret), SetDefaults_Secret, the stringData conversion and
// registry/core/secret/strategy.go warningsForSecret (crypto/tls X509KeyPair's PEM stage).
import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { regexError } from './names';
import { goJSONUnmarshalMapError, secretRules } from './secret';
import type { ValidationContext } from './types';

const ctx: ValidationContext = {
  net: { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' },
};
const KEY_RE = regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name');
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const secret = (o: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec', namespace: 'default' }, ...o });
const validate = (o: Record<string, unknown>) => secretRules.validate(secret(o), ctx).map(fieldErrorString);

const pem = (type: string) => `-----BEGIN ${type}-----\n${b64('not really DER')}\n-----END ${type}-----\n`;
const CERT = pem('CERTIFICATE');
const KEY = pem('RSA PRIVATE KEY');

describe('secretRules.validate (ValidateSecret)', () => {
  it.each([
    { name: 'valid Opaque secret', o: { type: 'Opaque', data: { 'data-1': b64('bar') } }, want: [] },
    { name: 'type "" is Opaque (no type-specific keys)', o: { data: {} }, want: [] },
    { name: 'invalid data key', o: { data: { 'a b': b64('x') } }, want: [`data[a b]: Invalid value: "a b": ${KEY_RE}`] },
    { name: "'..' key", o: { data: { '..': b64('x') } }, want: [`data[..]: Invalid value: "..": must not be '..'`] },
    { name: 'stringData keys are validated as data keys', o: { stringData: { 'a b': 'x' } }, want: [`data[a b]: Invalid value: "a b": ${KEY_RE}`] },
    { name: 'exactly MaxSecretSize bytes is allowed', o: { data: { big: b64(Buffer.alloc(1024 * 1024)) } }, want: [] },
    {
      name: 'over MaxSecretSize (decoded bytes, data ∪ stringData)',
      o: { data: { big: b64(Buffer.alloc(1024 * 1024)) }, stringData: { more: 'x' } },
      want: ['data: Too long: may not be more than 1048576 bytes'],
    },
    {
      name: 'service-account-token needs the service-account.name annotation',
      o: { type: 'kubernetes.io/service-account-token' },
      want: ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    },
    { name: 'dockercfg with valid JSON', o: { type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64('{"https://index.docker.io/v1/":{}}') } }, want: [] },
    { name: 'dockercfg missing .dockercfg', o: { type: 'kubernetes.io/dockercfg', data: {} }, want: ['data[.dockercfg]: Required value'] },
    {
      name: 'dockercfg not JSON: value redacted, detail from encoding/json',
      o: { type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64('bad') } },
      want: [`data[.dockercfg]: Invalid value: "<secret contents redacted>": invalid character 'b' looking for beginning of value`],
    },
    {
      name: 'dockerconfigjson missing .dockerconfigjson',
      o: { type: 'kubernetes.io/dockerconfigjson', data: { '.dockercfg': b64('{}') } },
      want: ['data[.dockerconfigjson]: Required value'],
    },
    {
      name: 'dockerconfigjson must be a JSON object',
      o: { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '[]' } },
      want: [`data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}`],
    },
    { name: 'basic-auth with username only', o: { type: 'kubernetes.io/basic-auth', data: { username: b64('u') } }, want: [] },
    { name: 'basic-auth with an empty password only', o: { type: 'kubernetes.io/basic-auth', data: { password: '' } }, want: [] },
    {
      name: 'basic-auth with neither username nor password',
      o: { type: 'kubernetes.io/basic-auth', data: {} },
      want: ['data[username]: Required value', 'data[password]: Required value'],
    },
    { name: 'ssh-auth with a key', o: { type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': b64('k') } }, want: [] },
    { name: 'ssh-auth with an empty key', o: { type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } }, want: ['data[ssh-privatekey]: Required value'] },
    { name: 'tls with both keys', o: { type: 'kubernetes.io/tls', data: { 'tls.crt': b64(CERT), 'tls.key': b64(KEY) } }, want: [] },
    { name: 'tls with empty values still has the keys', o: { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }, want: [] },
    { name: 'tls missing tls.key', o: { type: 'kubernetes.io/tls', data: { 'tls.crt': b64(CERT) } }, want: ['data[tls.key]: Required value'] },
    { name: 'tls missing both', o: { type: 'kubernetes.io/tls' }, want: ['data[tls.crt]: Required value', 'data[tls.key]: Required value'] },
    { name: 'unknown types need nothing', o: { type: 'example.com/custom' }, want: [] },
    {
      name: 'key errors, then size, then type-specific',
      o: { type: 'kubernetes.io/tls', data: { 'a b': b64('x') } },
      want: [`data[a b]: Invalid value: "a b": ${KEY_RE}`, 'data[tls.crt]: Required value', 'data[tls.key]: Required value'],
    },
  ])('$name', ({ o, want }) => {
    expect(validate(o)).toEqual(want);
  });
});

describe('goJSONUnmarshalMapError (json.Unmarshal into map[string]interface{})', () => {
  it.each([
    { json: '{"auths":{"r":{"auth":"eA=="}}}', want: null },
    { json: ' null ', want: null },
    { json: '', want: 'unexpected end of JSON input' },
    { json: '{"a":', want: 'unexpected end of JSON input' },
    { json: 'tru', want: 'unexpected end of JSON input' },
    { json: 'trux', want: "invalid character 'x' in literal true (expecting 'e')" },
    { json: '{"a" 1}', want: "invalid character '1' after object key" },
    { json: '{"a":1 "b":2}', want: `invalid character '"' after object key:value pair` },
    { json: '{"a":1,}', want: "invalid character '}' looking for beginning of object key string" },
    { json: '[1 2]', want: "invalid character '2' after array element" },
    { json: '{} x', want: "invalid character 'x' after top-level value" },
    { json: '{"a":-x}', want: "invalid character 'x' in numeric literal" },
    { json: '{"a":1.}', want: "invalid character '}' after decimal point in numeric literal" },
    { json: '{"a":"\\q"}', want: "invalid character 'q' in string escape code" },
    { json: '{"a":"\n"}', want: "invalid character '\\n' in string literal" },
    { json: "'", want: "invalid character '\\'' looking for beginning of value" },
    { json: '"s"', want: 'json: cannot unmarshal string into Go value of type map[string]interface {}' },
    { json: '12', want: 'json: cannot unmarshal number into Go value of type map[string]interface {}' },
    { json: 'false', want: 'json: cannot unmarshal bool into Go value of type map[string]interface {}' },
  ])('$json', ({ json, want }) => {
    expect(goJSONUnmarshalMapError(json)).toBe(want);
  });
});

describe('secretRules.default (SetDefaults_Secret + stringData conversion)', () => {
  it('defaults type to Opaque and folds stringData into data (stringData wins)', () => {
    const o = secret({ data: { a: b64('old'), b: b64('keep') }, stringData: { a: 'new', c: 'é' } });
    secretRules.default!(o, ctx);
    expect(o).toEqual(secret({ type: 'Opaque', data: { a: b64('new'), b: b64('keep'), c: b64('é') } }));
  });
  it.each(['kubernetes.io/tls', 'Opaque'])('keeps an explicit type %s', (type) => {
    const o = secret({ type });
    secretRules.default!(o, ctx);
    expect(o.type).toBe(type);
  });
});

describe('secretRules.validateUpdate (ValidateSecretUpdate)', () => {
  const FORBID = 'Forbidden: field is immutable when `immutable` is set';
  it.each([
    { name: 'data may change', old: { type: 'Opaque', data: { a: b64('1') } }, next: { type: 'Opaque', data: { a: b64('2') } }, want: [] },
    {
      name: 'type is immutable',
      old: { type: 'Opaque' },
      next: { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } },
      want: ['type: Invalid value: "kubernetes.io/tls": field is immutable'],
    },
    { name: 'type "" and Opaque are the same after defaulting', old: { type: 'Opaque' }, next: {}, want: [] },
    { name: 'immutable: data changed', old: { immutable: true, data: { a: b64('1') } }, next: { immutable: true, data: { a: b64('2') } }, want: [`data: ${FORBID}`] },
    { name: 'immutable: same bytes are unchanged', old: { immutable: true, data: { a: b64('1') } }, next: { immutable: true, stringData: { a: '1' } }, want: [] },
    { name: 'immutable: cannot be unset', old: { immutable: true }, next: { immutable: false }, want: [`immutable: ${FORBID}`] },
    {
      name: 'update errors, then the full ValidateSecret',
      old: { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } },
      next: { type: 'kubernetes.io/tls', data: { 'tls.crt': '' } },
      want: ['data[tls.key]: Required value'],
    },
  ])('$name', ({ old, next, want }) => {
    expect(secretRules.validateUpdate!(secret(next), secret(old), ctx).map(fieldErrorString)).toEqual(want);
  });
});

describe('secretRules.warnings (warningsForSecret: tls.X509KeyPair PEM stage)', () => {
  const tls = (crt: string, key: string) => secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64(crt), 'tls.key': b64(key) } });
  it.each([
    { name: 'PEM cert and key: no warning', o: tls(CERT, KEY), want: [] },
    { name: 'PKCS#8 "PRIVATE KEY" is accepted', o: tls(CERT + pem('EC PARAMETERS'), pem('EC PARAMETERS') + pem('PRIVATE KEY')), want: [] },
    { name: 'not PEM at all', o: tls('hello', 'world'), want: ['tls: failed to find any PEM data in certificate input'] },
    { name: 'cert fine, key not PEM', o: tls(CERT, 'world'), want: ['tls: failed to find any PEM data in key input'] },
    {
      name: 'inputs switched',
      o: tls(KEY, CERT),
      want: ['tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched'],
    },
    { name: 'certificate given as key', o: tls(CERT, CERT), want: ['tls: found a certificate rather than a key in the PEM for the private key'] },
    {
      name: 'only other block types in the cert',
      o: tls(pem('FOO') + pem('BAR'), KEY),
      want: ['tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [FOO BAR]'],
    },
    {
      name: 'only other block types in the key',
      o: tls(CERT, pem('FOO') + pem('CERTIFICATE')),
      want: ['tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [FOO CERTIFICATE]'],
    },
    { name: 'other types are not checked', o: secret({ type: 'Opaque', data: { 'tls.crt': b64('x') } }), want: [] },
  ])('$name', ({ o, want }) => {
    expect(secretRules.warnings!(o, ctx).map((w) => w.message)).toEqual(want);
  });
});
