// Rows pin pkg/apis/networking/validation/validation.go (Ingress) as exercised by upstream's
// validation_test.go: TestValidateIngress, TestValidateIngressRuleValue, TestValidateIngressCreate,
// TestValidateIngressUpdate, TestValidateIngressTLS; plus strategy.go's create warning.
import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { ingressRules } from './ingress';
import { isDNS1035Label, isValidPortName } from './names';
import type { ValidationContext } from './types';

const ctx: ValidationContext = {
  net: { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' },
};
const SUB = String.raw`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const WILD = String.raw`a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const P = 'spec.rules[0].http.paths[0]';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const svc = (name = 'defaultbackend', port: Rec = { number: 80 }) => ({ service: { name, port } });
const resource = () => ({ resource: { apiGroup: 'example.com', kind: 'foo', name: 'bar' } });

/** TestValidateIngress's baseIngress, in wire form. */
function base(): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'foo', namespace: 'default' },
    spec: {
      defaultBackend: svc(),
      rules: [{ host: 'foo.bar.com', http: { paths: [{ path: '/foo', pathType: 'ImplementationSpecific', backend: svc() }] } }],
    },
  };
}
const spec = (o: KubeObject) => o.spec as Rec;
const path0 = (o: KubeObject) => spec(o).rules[0].http.paths[0] as Rec;
const errs = (o: KubeObject) => ingressRules.validate(o, ctx).map(fieldErrorString);

interface Row {
  name: string;
  tweak: (o: KubeObject) => void;
  want: string[];
}

const rows: Row[] = [
  // --- TestValidateIngress ---
  { name: 'TestValidateIngress base object is valid', tweak: () => {}, want: [] },
  { name: 'empty path (implementation specific) is allowed', tweak: (o) => (path0(o).path = ''), want: [] },
  { name: 'valid path', tweak: (o) => (path0(o).path = '/valid'), want: [] },
  {
    name: 'invalid path type: NotSupported lists sorted supportedPathTypes',
    tweak: (o) => (path0(o).pathType = 'foo'),
    want: [`${P}.pathType: Unsupported value: "foo": supported values: "Exact", "ImplementationSpecific", "Prefix"`],
  },
  {
    name: 'empty path (prefix) must be absolute',
    tweak: (o) => Object.assign(path0(o), { path: '', pathType: 'Prefix' }),
    want: [`${P}.path: Invalid value: "": must be an absolute path`],
  },
  { name: 'no paths: http.paths Required', tweak: (o) => (spec(o).rules[0].http.paths = []), want: [`spec.rules[0].http.paths: Required value`] },
  { name: 'http.paths absent is the same as empty', tweak: (o) => (spec(o).rules[0].http = {}), want: [`spec.rules[0].http.paths: Required value`] },
  { name: 'rule without http is allowed', tweak: (o) => delete spec(o).rules[0].http, want: [] },
  { name: 'invalid host (foobar:80)', tweak: (o) => (spec(o).rules[0].host = 'foobar:80'), want: [`spec.rules[0].host: Invalid value: "foobar:80": ${SUB}`] },
  {
    name: 'invalid host (127.0.0.1): IP, though a valid subdomain',
    tweak: (o) => (spec(o).rules[0].host = '127.0.0.1'),
    want: [`spec.rules[0].host: Invalid value: "127.0.0.1": must be a DNS name, not an IP address`],
  },
  {
    name: 'ParseIPSloppy: leading zeros still make an IP',
    tweak: (o) => (spec(o).rules[0].host = '010.001.0.1'),
    want: [`spec.rules[0].host: Invalid value: "010.001.0.1": must be a DNS name, not an IP address`],
  },
  {
    name: 'IPv6 literal host: IP error then subdomain error',
    tweak: (o) => (spec(o).rules[0].host = '::1'),
    want: [`spec.rules[0].host: Invalid value: "::1": must be a DNS name, not an IP address`, `spec.rules[0].host: Invalid value: "::1": ${SUB}`],
  },
  { name: 'valid wildcard host', tweak: (o) => (spec(o).rules[0].host = '*.bar.com'), want: [] },
  {
    name: 'invalid wildcard host (foo.*.bar.com)',
    tweak: (o) => (spec(o).rules[0].host = 'foo.*.bar.com'),
    want: [`spec.rules[0].host: Invalid value: "foo.*.bar.com": ${WILD}`],
  },
  { name: 'invalid wildcard host (*)', tweak: (o) => (spec(o).rules[0].host = '*'), want: [`spec.rules[0].host: Invalid value: "*": ${WILD}`] },
  { name: 'uppercase host', tweak: (o) => (spec(o).rules[0].host = 'Foo.com'), want: [`spec.rules[0].host: Invalid value: "Foo.com": ${SUB}`] },
  {
    name: 'path resource backend and service are not allowed together',
    tweak: (o) => (path0(o).backend = { ...svc(), ...resource() }),
    want: [`${P}.backend: Invalid value: "": cannot set both resource and service backends`],
  },
  {
    name: 'spec.defaultBackend resource and service are not allowed together',
    tweak: (o) => (spec(o).defaultBackend = { ...svc(), ...resource() }),
    want: [`spec.defaultBackend: Invalid value: "": cannot set both resource and service backends`],
  },
  {
    name: 'ValidateIngressSpec: neither rules nor defaultBackend (rules absent: nil slice)',
    tweak: (o) => (o.spec = {}),
    want: ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'],
  },
  {
    name: 'ValidateIngressSpec: neither rules nor defaultBackend (rules: [])',
    tweak: (o) => (o.spec = { rules: [] }),
    want: ['spec: Invalid value: []networking.IngressRule{}: either `defaultBackend` or `rules` must be specified'],
  },
  { name: 'rules alone are enough', tweak: (o) => delete spec(o).defaultBackend, want: [] },
  { name: 'defaultBackend alone is enough', tweak: (o) => delete spec(o).rules, want: [] },
  // --- TestValidateIngressRuleValue ---
  { name: 'implementation specific: no leading slash', tweak: (o) => (path0(o).path = 'foo'), want: [`${P}.path: Invalid value: "foo": must be an absolute path`] },
  { name: 'implementation specific: repeating slashes are allowed', tweak: (o) => (path0(o).path = '/foo//bar/foo'), want: [] },
  {
    name: 'prefix: no leading slash',
    tweak: (o) => Object.assign(path0(o), { pathType: 'Prefix', path: 'foo' }),
    want: [`${P}.path: Invalid value: "foo": must be an absolute path`],
  },
  { name: 'prefix: many slashes', tweak: (o) => Object.assign(path0(o), { pathType: 'Prefix', path: '/foo/bar/foo' }), want: [] },
  {
    name: 'prefix: repeating slashes',
    tweak: (o) => Object.assign(path0(o), { pathType: 'Prefix', path: '/foo//bar/foo' }),
    want: [`${P}.path: Invalid value: "/foo//bar/foo": must not contain '//'`],
  },
  {
    name: 'exact: no leading slash',
    tweak: (o) => Object.assign(path0(o), { pathType: 'Exact', path: 'foo' }),
    want: [`${P}.path: Invalid value: "foo": must be an absolute path`],
  },
  {
    name: 'exact: repeating slashes',
    tweak: (o) => Object.assign(path0(o), { pathType: 'Exact', path: '/foo//bar/foo' }),
    want: [`${P}.path: Invalid value: "/foo//bar/foo": must not contain '//'`],
  },
  {
    name: 'prefix: with /./',
    tweak: (o) => Object.assign(path0(o), { pathType: 'Prefix', path: '/foo/./foo' }),
    want: [`${P}.path: Invalid value: "/foo/./foo": must not contain '/./'`],
  },
  {
    name: 'exact: with /../',
    tweak: (o) => Object.assign(path0(o), { pathType: 'Exact', path: '/foo/../foo' }),
    want: [`${P}.path: Invalid value: "/foo/../foo": must not contain '/../'`],
  },
  {
    name: 'prefix: with %2f',
    tweak: (o) => Object.assign(path0(o), { pathType: 'Prefix', path: '/foo/%2f/foo' }),
    want: [`${P}.path: Invalid value: "/foo/%2f/foo": must not contain '%2f'`],
  },
  {
    name: 'exact: with %2F',
    tweak: (o) => Object.assign(path0(o), { pathType: 'Exact', path: '/foo/%2F/foo' }),
    want: [`${P}.path: Invalid value: "/foo/%2F/foo": must not contain '%2F'`],
  },
  {
    name: "invalidPathSuffixes: cannot end with '/..'",
    tweak: (o) => Object.assign(path0(o), { pathType: 'Prefix', path: '/foo/..' }),
    want: [`${P}.path: Invalid value: "/foo/..": cannot end with '/..'`],
  },
  {
    name: "invalidPathSuffixes: cannot end with '/.'",
    tweak: (o) => Object.assign(path0(o), { pathType: 'Exact', path: '/foo/.' }),
    want: [`${P}.path: Invalid value: "/foo/.": cannot end with '/.'`],
  },
  {
    name: 'sequences then suffixes, in upstream order',
    tweak: (o) => Object.assign(path0(o), { pathType: 'Prefix', path: 'a//b/.' }),
    want: [
      `${P}.path: Invalid value: "a//b/.": must be an absolute path`,
      `${P}.path: Invalid value: "a//b/.": must not contain '//'`,
      `${P}.path: Invalid value: "a//b/.": cannot end with '/.'`,
    ],
  },
  { name: 'regex-like paths are fine for ImplementationSpecific (valid regex path)', tweak: (o) => (path0(o).path = '/([a-z0-9]*)['), want: [] },
  {
    name: 'pathType missing: Required and the backend is not checked',
    tweak: (o) => Object.assign(path0(o), { pathType: undefined, backend: {} }),
    want: [`${P}.pathType: Required value: pathType must be specified`],
  },
  // --- validateIngressBackend ---
  { name: 'backend with neither service nor resource', tweak: (o) => (path0(o).backend = {}), want: [`${P}.backend: Invalid value: "": resource or service backend is required`] },
  { name: 'backend absent is the zero backend', tweak: (o) => delete path0(o).backend, want: [`${P}.backend: Invalid value: "": resource or service backend is required`] },
  { name: 'service name required', tweak: (o) => (path0(o).backend = svc('')), want: [`${P}.backend.service.name: Required value`] },
  {
    name: 'service name must be a DNS-1035 label (RelaxedServiceNameValidation off)',
    tweak: (o) => (path0(o).backend = svc('1-svc')),
    want: isDNS1035Label('1-svc').map((m) => `${P}.backend.service.name: Invalid value: "1-svc": ${m}`),
  },
  {
    name: 'cannot set both port name & port number',
    tweak: (o) => (path0(o).backend = svc('web', { name: 'http', number: 80 })),
    want: [`${P}.backend: Invalid value: "": cannot set both port name & port number`],
  },
  {
    name: 'port name or number is required',
    tweak: (o) => (path0(o).backend = svc('web', {})),
    want: [`${P}.backend: Required value: port name or number is required`],
  },
  { name: 'port number 0 counts as unset', tweak: (o) => (path0(o).backend = svc('web', { number: 0 })), want: [`${P}.backend: Required value: port name or number is required`] },
  {
    name: 'port number out of range',
    tweak: (o) => (path0(o).backend = svc('web', { number: 70000 })),
    want: [`${P}.backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive`],
  },
  {
    name: 'negative port number',
    tweak: (o) => (path0(o).backend = svc('web', { number: -1 })),
    want: [`${P}.backend.service.port.number: Invalid value: -1: must be between 1 and 65535, inclusive`],
  },
  { name: 'valid port name', tweak: (o) => (path0(o).backend = svc('web', { name: 'http' })), want: [] },
  {
    name: 'invalid port name (IsValidPortName)',
    tweak: (o) => (path0(o).backend = svc('web', { name: 'HTTP' })),
    want: isValidPortName('HTTP').map((m) => `${P}.backend.service.port.name: Invalid value: "HTTP": ${m}`),
  },
  { name: 'Paths.Backend.Resource allowed on create', tweak: (o) => (path0(o).backend = resource()), want: [] },
  {
    name: 'resource backend: kind and name required',
    tweak: (o) => (path0(o).backend = { resource: {} }),
    want: [`${P}.backend.resource.kind: Required value`, `${P}.backend.resource.name: Required value`],
  },
  {
    name: 'resource backend: path segment names and apiGroup subdomain',
    tweak: (o) => (path0(o).backend = { resource: { apiGroup: 'Example.com', kind: 'foo/bar', name: '..' } }),
    want: [
      `${P}.backend.resource.apiGroup: Invalid value: "Example.com": ${SUB}`,
      `${P}.backend.resource.kind: Invalid value: "foo/bar": may not contain '/'`,
      `${P}.backend.resource.name: Invalid value: "..": may not be '..'`,
    ],
  },
  {
    name: 'defaultBackend is validated like path backends',
    tweak: (o) => (spec(o).defaultBackend = svc('', { number: 80 })),
    want: [`spec.defaultBackend.service.name: Required value`],
  },
  // --- validateIngressTLS ---
  { name: 'v1: valid secret', tweak: (o) => (spec(o).tls = [{ secretName: 'valid' }]), want: [] },
  { name: 'tls without secretName is allowed', tweak: (o) => (spec(o).tls = [{ hosts: ['foo.bar.com'] }]), want: [] },
  {
    name: 'v1: invalid secret',
    tweak: (o) => (spec(o).tls = [{ secretName: 'invalid name' }]),
    want: [`spec.tls[0].secretName: Invalid value: "invalid name": ${SUB}`],
  },
  { name: 'TestValidateIngressTLS: valid wildcard tls host', tweak: (o) => (spec(o).tls = [{ hosts: ['*.bar.com'] }]), want: [] },
  {
    name: 'TestValidateIngressTLS: invalid wildcard tls host',
    tweak: (o) => (spec(o).tls = [{ hosts: ['foo.*.bar.com'] }]),
    want: [`spec.tls[0].hosts[0]: Invalid value: "foo.*.bar.com": ${WILD}`],
  },
  {
    name: 'tls hosts before secretName, per entry',
    tweak: (o) => (spec(o).tls = [{ hosts: ['ok.com', 'Bad.com'], secretName: 'Bad' }]),
    want: [`spec.tls[0].hosts[1]: Invalid value: "Bad.com": ${SUB}`, `spec.tls[0].secretName: Invalid value: "Bad": ${SUB}`],
  },
  // --- ingressClassName and the create-only annotation check ---
  { name: 'class field set', tweak: (o) => (spec(o).ingressClassName = 'bar'), want: [] },
  { name: 'invalid ingressClassName', tweak: (o) => (spec(o).ingressClassName = 'Bar'), want: [`spec.ingressClassName: Invalid value: "Bar": ${SUB}`] },
  { name: 'empty ingressClassName is checked too', tweak: (o) => (spec(o).ingressClassName = ''), want: [`spec.ingressClassName: Invalid value: "": ${SUB}`] },
  { name: 'class annotation set', tweak: (o) => (o.metadata!.annotations = { 'kubernetes.io/ingress.class': 'foo' }), want: [] },
  {
    name: 'class field and annotation set, different',
    tweak: (o) => {
      spec(o).ingressClassName = 'bar';
      o.metadata!.annotations = { 'kubernetes.io/ingress.class': 'foo' };
    },
    want: ['annotations.kubernetes.io/ingress.class: Invalid value: "foo": must match `ingressClassName` when both are specified'],
  },
  {
    name: 'class field and annotation set, equal',
    tweak: (o) => {
      spec(o).ingressClassName = 'foo';
      o.metadata!.annotations = { 'kubernetes.io/ingress.class': 'foo' };
    },
    want: [],
  },
  {
    name: 'v1: invalid rules with wildcard host (no relaxation on create)',
    tweak: (o) => {
      spec(o).tls = [{ hosts: ['*.bar.com'] }];
      spec(o).rules[0].host = '*.foo.com';
      Object.assign(path0(o), { pathType: 'Exact', path: 'foo' });
    },
    want: [`${P}.path: Invalid value: "foo": must be an absolute path`],
  },
  {
    name: 'error order: defaultBackend, rules, tls, ingressClassName, annotation',
    tweak: (o) => {
      spec(o).defaultBackend = {};
      spec(o).rules[0].host = 'A';
      spec(o).tls = [{ secretName: 'B' }];
      spec(o).ingressClassName = 'C';
      o.metadata!.annotations = { 'kubernetes.io/ingress.class': 'd' };
    },
    want: [
      `spec.defaultBackend: Invalid value: "": resource or service backend is required`,
      `spec.rules[0].host: Invalid value: "A": ${SUB}`,
      `spec.tls[0].secretName: Invalid value: "B": ${SUB}`,
      `spec.ingressClassName: Invalid value: "C": ${SUB}`,
      'annotations.kubernetes.io/ingress.class: Invalid value: "d": must match `ingressClassName` when both are specified',
    ],
  },
  {
    name: 'odd shapes are treated as absent, never thrown on',
    tweak: (o) => (o.spec = { rules: 'nope', defaultBackend: 7, tls: {} } as Rec),
    want: ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'],
  },
];

describe('ingressRules.validate (ValidateIngressCreate)', () => {
  it.each(rows)('$name', ({ tweak, want }) => {
    const o = base();
    tweak(o);
    expect(errs(o)).toEqual(want);
  });
});

interface UpdateRow {
  name: string;
  old: (o: KubeObject) => void;
  next: (o: KubeObject) => void;
  want: string[];
}

const updateRows: UpdateRow[] = [
  {
    name: 'TestValidateIngressUpdate: class field and annotation set is allowed on update',
    old: () => {},
    next: (o) => {
      spec(o).ingressClassName = 'bar';
      o.metadata!.annotations = { 'kubernetes.io/ingress.class': 'foo' };
    },
    want: [],
  },
  {
    name: 'allowInvalidSecretName: an old invalid secret name keeps being accepted',
    old: (o) => (spec(o).tls = [{ secretName: 'invalid name' }]),
    next: (o) => (spec(o).tls = [{ secretName: 'invalid name 2' }]),
    want: [],
  },
  {
    name: 'invalid secret name is rejected when the old object had none',
    old: (o) => (spec(o).tls = [{ secretName: 'valid' }]),
    next: (o) => (spec(o).tls = [{ secretName: 'invalid name' }]),
    want: [`spec.tls[0].secretName: Invalid value: "invalid name": ${SUB}`],
  },
  {
    name: 'allowInvalidWildcardHostRule: old invalid wildcard rule keeps wildcard rules unchecked',
    old: (o) => {
      spec(o).rules[0].host = '*.foo.com';
      path0(o).path = 'foo';
    },
    next: (o) => {
      spec(o).rules[0].host = '*.foo.com';
      Object.assign(path0(o), { pathType: 'Exact', path: 'bar' });
    },
    want: [],
  },
  {
    name: 'wildcard relaxation does not cover non-wildcard rules',
    old: (o) => {
      spec(o).rules[0].host = '*.foo.com';
      path0(o).path = 'foo';
    },
    next: (o) => (path0(o).path = 'bar'),
    want: [`${P}.path: Invalid value: "bar": must be an absolute path`],
  },
  {
    name: 'allowRelaxedServiceNameValidation: old DNS-1123-only service name allows them',
    old: (o) => (path0(o).backend = svc('1-svc')),
    next: (o) => (path0(o).backend = svc('2-svc')),
    want: [],
  },
];

describe('ingressRules.validateUpdate (ValidateIngressUpdate)', () => {
  it.each(updateRows)('$name', ({ old, next, want }) => {
    const o = base();
    old(o);
    const n = base();
    next(n);
    expect(ingressRules.validateUpdate!(n, o, ctx).map(fieldErrorString)).toEqual(want);
  });
});

describe('ingressRules.warnings (strategy.go WarningsOnCreate)', () => {
  const DEPRECATED = `annotation "kubernetes.io/ingress.class" is deprecated, please use 'spec.ingressClassName' instead`;
  it.each([
    { name: 'annotation without ingressClassName warns', annotations: { 'kubernetes.io/ingress.class': 'nginx' }, cls: undefined, want: [DEPRECATED] },
    { name: 'an empty annotation value still counts as set', annotations: { 'kubernetes.io/ingress.class': '' }, cls: undefined, want: [DEPRECATED] },
    { name: 'annotation with ingressClassName: no warning', annotations: { 'kubernetes.io/ingress.class': 'nginx' }, cls: 'nginx', want: [] },
    { name: 'no annotation: no warning', annotations: undefined, cls: undefined, want: [] },
  ])('$name', ({ annotations, cls, want }) => {
    const o = base();
    if (annotations) o.metadata!.annotations = annotations;
    if (cls) spec(o).ingressClassName = cls;
    expect(ingressRules.warnings!(o, ctx).map((w) => w.message)).toEqual(want);
  });
});
