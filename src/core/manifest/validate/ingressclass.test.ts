// Rows pin validation.go validateIngressClassSpec / validateIngressClassParametersReference /
// ValidateIngressClassUpdate (upstream TestValidateIngressClass, TestValidateIngressClassUpdate)
// and networking/v1 SetDefaults_IngressClass.
import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { ingressClassRules } from './ingressclass';
import { isDNS1123Label } from './names';
import type { ValidationContext } from './types';

const ctx: ValidationContext = {
  net: { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' },
};
const SUB = String.raw`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const BAD_PATH = String.raw`Invalid path (regex used for validation is '[A-Za-z0-9/\-._~%!$&'()*+,;=:]+')`;
const DOMAIN_PREFIXED = 'must be a domain-prefixed path (such as "acme.io/foo")';

const ic = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'test123' },
  spec,
});
const params = (p: Record<string, unknown>) => ({ apiGroup: 'example.com', kind: 'foo', name: 'bar', ...p });

const rows: { name: string; spec: Record<string, unknown>; want: string[] }[] = [
  { name: 'valid name, valid controller', spec: { controller: 'foo.co/bar' }, want: [] },
  { name: 'k8s.io/ingress-nginx', spec: { controller: 'k8s.io/ingress-nginx' }, want: [] },
  { name: 'valid name, empty controller', spec: { controller: '' }, want: ['spec.controller: Required value'] },
  { name: 'controller absent', spec: {}, want: ['spec.controller: Required value'] },
  { name: 'valid name, controller max length (250 bytes)', spec: { controller: 'foo.co/' + 'a'.repeat(243) }, want: [] },
  {
    name: 'valid name, controller too long: TooLong omits the value',
    spec: { controller: 'foo.co/' + 'a'.repeat(244) },
    want: ['spec.controller: Too long: may not be more than 250 bytes'],
  },
  { name: 'IsDomainPrefixedPath: no slash', spec: { controller: 'foo' }, want: [`spec.controller: Invalid value: "foo": ${DOMAIN_PREFIXED}`] },
  { name: 'IsDomainPrefixedPath: empty domain', spec: { controller: '/foo' }, want: [`spec.controller: Invalid value: "/foo": ${DOMAIN_PREFIXED}`] },
  { name: 'IsDomainPrefixedPath: empty path', spec: { controller: 'foo.io/' }, want: [`spec.controller: Invalid value: "foo.io/": ${DOMAIN_PREFIXED}`] },
  {
    name: 'IsDomainPrefixedPath: bad domain reports the domain part',
    spec: { controller: 'Foo.io/bar' },
    want: [`spec.controller: Invalid value: "Foo.io": ${SUB}`],
  },
  {
    name: 'IsDomainPrefixedPath: bad path characters report the path part',
    spec: { controller: 'foo.io/bar baz' },
    want: [`spec.controller: Invalid value: "bar baz": ${BAD_PATH}`],
  },
  { name: 'path may hold further slashes and sub-delims', spec: { controller: "foo.io/a/b-c_d~e%f!$&'()*+,;=:" }, want: [] },
  {
    name: 'too long and malformed: TooLong first',
    spec: { controller: 'x'.repeat(251) },
    want: ['spec.controller: Too long: may not be more than 250 bytes', `spec.controller: Invalid value: "${'x'.repeat(251)}": ${DOMAIN_PREFIXED}`],
  },
  { name: 'valid name, valid controller, valid params', spec: { controller: 'foo.co/bar', parameters: params({ scope: 'Cluster' }) }, want: [] },
  {
    name: 'valid params, no kind',
    spec: { controller: 'foo.co/bar', parameters: params({ kind: undefined, scope: 'Cluster' }) },
    want: ['spec.parameters.kind: Required value'],
  },
  {
    name: 'valid params, no name',
    spec: { controller: 'foo.co/bar', parameters: params({ name: undefined, scope: 'Cluster' }) },
    want: ['spec.parameters.name: Required value'],
  },
  {
    name: 'invalid params (bad kind)',
    spec: { controller: 'foo.co/bar', parameters: params({ kind: 'foo/', scope: 'Cluster' }) },
    want: [`spec.parameters.kind: Invalid value: "foo/": may not contain '/'`],
  },
  {
    name: 'invalid params (bad name: %)',
    spec: { controller: 'foo.co/bar', parameters: params({ name: 'a%b', scope: 'Cluster' }) },
    want: [`spec.parameters.name: Invalid value: "a%b": may not contain '%'`],
  },
  {
    name: 'invalid params (bad apiGroup)',
    spec: { controller: 'foo.co/bar', parameters: params({ apiGroup: 'Example.com', scope: 'Cluster' }) },
    want: [`spec.parameters.apiGroup: Invalid value: "Example.com": ${SUB}`],
  },
  {
    name: 'invalid params (bad scope)',
    spec: { controller: 'foo.co/bar', parameters: params({ scope: 'bad-scope' }) },
    want: ['spec.parameters.scope: Unsupported value: "bad-scope": supported values: "Cluster", "Namespace"'],
  },
  {
    name: 'scope missing (no defaulting): Required, nothing after it',
    spec: { controller: 'foo.co/bar', parameters: params({ namespace: 'Bad' }) },
    want: ['spec.parameters.scope: Required value'],
  },
  {
    name: 'scope=Cluster with namespace: Forbidden',
    spec: { controller: 'foo.co/bar', parameters: params({ scope: 'Cluster', namespace: 'foo' }) },
    want: ["spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"],
  },
  {
    name: 'scope=Namespace without namespace: Required',
    spec: { controller: 'foo.co/bar', parameters: params({ scope: 'Namespace' }) },
    want: ["spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"],
  },
  { name: 'scope=Namespace with namespace', spec: { controller: 'foo.co/bar', parameters: params({ scope: 'Namespace', namespace: 'foo' }) }, want: [] },
  {
    name: 'scope=Namespace with an invalid namespace (ValidateNamespaceName = DNS label)',
    spec: { controller: 'foo.co/bar', parameters: params({ scope: 'Namespace', namespace: 'Foo' }) },
    want: isDNS1123Label('Foo').map((m) => `spec.parameters.namespace: Invalid value: "Foo": ${m}`),
  },
  {
    name: 'controller and parameter errors, in upstream order',
    spec: { controller: '', parameters: { scope: 'Cluster' } },
    want: ['spec.controller: Required value', 'spec.parameters.kind: Required value', 'spec.parameters.name: Required value'],
  },
];

describe('ingressClassRules.validate (validateIngressClassSpec)', () => {
  it.each(rows)('$name', ({ spec, want }) => {
    expect(ingressClassRules.validate(ic(spec), ctx).map(fieldErrorString)).toEqual(want);
  });
});

describe('ingressClassRules.default (SetDefaults_IngressClass)', () => {
  it.each([
    { name: 'parameters without scope get scope Cluster', spec: { controller: 'a.io/b', parameters: params({}) }, scope: 'Cluster' },
    { name: 'an explicit scope is kept', spec: { controller: 'a.io/b', parameters: params({ scope: 'Namespace', namespace: 'foo' }) }, scope: 'Namespace' },
    { name: 'no parameters: nothing added', spec: { controller: 'a.io/b' }, scope: undefined },
  ])('$name', ({ spec, scope }) => {
    const o = ic(structuredClone(spec));
    ingressClassRules.default!(o, ctx);
    expect(((o.spec as Record<string, { scope?: string }>).parameters ?? {}).scope).toBe(scope);
    expect(ingressClassRules.validate(o, ctx)).toEqual([]);
  });
});

describe('ingressClassRules.validateUpdate (ValidateIngressClassUpdate)', () => {
  it.each([
    { name: 'controller unchanged, parameters changed', old: { controller: 'foo.co/bar' }, next: { controller: 'foo.co/bar', parameters: params({ scope: 'Cluster' }) }, want: [] },
    {
      name: 'controller is immutable',
      old: { controller: 'foo.co/bar' },
      next: { controller: 'foo.co/baz' },
      want: ['spec.controller: Invalid value: "foo.co/baz": field is immutable'],
    },
    {
      name: 'immutable error, then spec validation of the new object',
      old: { controller: 'foo.co/bar' },
      next: { controller: 'foo' },
      want: ['spec.controller: Invalid value: "foo": field is immutable', `spec.controller: Invalid value: "foo": ${DOMAIN_PREFIXED}`],
    },
  ])('$name', ({ old, next, want }) => {
    expect(ingressClassRules.validateUpdate!(ic(next), ic(old), ctx).map(fieldErrorString)).toEqual(want);
  });
});
