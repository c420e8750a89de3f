import { describe, it, expect } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { endpointSliceRules, namespaceRules, nodeRules } from './cluster-kinds';
import type { KindRules, ValidationContext } from './types';

const ctx: ValidationContext = {
  net: { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' },
};
type R = Record<string, unknown>;
const SUB = String.raw`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const LABEL = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`;
const QNAME = `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`;
const QNAME_MULTI = `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
const LVALUE = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;
const CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

const defaulted = (rules: KindRules, o: KubeObject): KubeObject => {
  const c = structuredClone(o);
  rules.default!(c, ctx);
  return c;
};
const run = (rules: KindRules, o: KubeObject) => rules.validate(defaulted(rules, o), ctx).map(fieldErrorString);
const runUpdate = (rules: KindRules, n: KubeObject, o: KubeObject) =>
  rules.validateUpdate!(defaulted(rules, n), defaulted(rules, o), ctx).map(fieldErrorString);

// ---- Namespace ----

const ns = (spec?: R): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, ...(spec ? { spec } : {}) });

describe('Namespace', () => {
  it('SetDefaults_Namespace label + PrepareForCreate finalizer and phase', () => {
    const n = defaulted(namespaceRules, ns());
    expect(n.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(n.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(n.status).toEqual({ phase: 'Active' });
  });
  it.each([
    { name: 'valid fully-qualified finalizer', n: ns({ finalizers: ['example.com/cleanup'] }), want: [] as string[] },
    {
      name: 'ValidateNamespace: unqualified non-standard finalizer (list path, no index)',
      n: ns({ finalizers: ['foo'] }),
      want: ['spec.finalizers: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified'],
    },
    { name: 'ValidateFinalizerName: qualified-name rules', n: ns({ finalizers: ['a/b/c'] }), want: [`spec.finalizers: Invalid value: "a/b/c": ${QNAME_MULTI}`] },
  ])('$name', ({ n, want }) => {
    expect(run(namespaceRules, n)).toEqual(want);
  });
  it('ValidateNamespaceUpdate only checks metadata', () => {
    expect(runUpdate(namespaceRules, ns({ finalizers: ['foo'] }), ns())).toEqual([]);
  });
});

// ---- Node ----

const node = (spec: R = {}, status?: R): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'kind-worker' }, spec, ...(status ? { status } : {}) });

describe('Node defaults', () => {
  it('podCIDR alone becomes podCIDRs (Convert_v1_NodeSpec_To_core_NodeSpec)', () => {
    expect(defaulted(nodeRules, node({ podCIDR: '10.244.1.0/24' })).spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
  });
  it('podCIDR wins when it disagrees with podCIDRs[0]', () => {
    const spec = defaulted(nodeRules, node({ podCIDR: '10.0.0.0/24', podCIDRs: ['10.1.0.0/24', 'fd00::/64'] })).spec;
    expect(spec).toEqual({ podCIDR: '10.0.0.0/24', podCIDRs: ['10.0.0.0/24'] });
  });
  it('SetDefaults_NodeStatus: allocatable defaults to capacity; addresses kept as given', () => {
    const status = defaulted(nodeRules, node({}, { capacity: { cpu: '4' }, addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] })).status;
    expect(status).toEqual({ capacity: { cpu: '4' }, allocatable: { cpu: '4' }, addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] });
  });
});

describe('ValidateNode (minus ObjectMeta)', () => {
  it.each([
    { name: 'valid dual-stack node', n: node({ podCIDRs: ['10.244.1.0/24', 'fd00:10:244:1::/64'], unschedulable: true }), want: [] as string[] },
    { name: 'IsValidCIDR on each podCIDRs entry', n: node({ podCIDR: '10.244.1.0' }), want: [`spec.podCIDRs[0]: Invalid value: "10.244.1.0": ${CIDR}`] },
    { name: 'IPv4 prefix longer than 32', n: node({ podCIDRs: ['10.244.1.0/33'] }), want: [`spec.podCIDRs[0]: Invalid value: "10.244.1.0/33": ${CIDR}`] },
    {
      name: 'at most one CIDR per family',
      n: node({ podCIDRs: ['10.0.0.0/24', '10.1.0.0/24'] }),
      want: ['spec.podCIDRs: Invalid value: []string{"10.0.0.0/24", "10.1.0.0/24"}: may specify no more than one CIDR for each IP family'],
    },
    {
      name: 'no duplicate podCIDRs',
      n: node({ podCIDRs: ['10.0.0.0/24', '10.0.0.0/24'] }),
      want: [
        'spec.podCIDRs: Invalid value: []string{"10.0.0.0/24", "10.0.0.0/24"}: may specify no more than one CIDR for each IP family',
        'spec.podCIDRs[1]: Duplicate value: "10.0.0.0/24"',
      ],
    },
    { name: 'validateNodeTaints: effect required (path rooted at metadata)', n: node({ taints: [{ key: 'k' }] }), want: ['metadata.taints[0].effect: Required value'] },
    {
      name: 'validateTaintEffect supported values',
      n: node({ taints: [{ key: 'k', effect: 'NoAdmit' }] }),
      want: ['metadata.taints[0].effect: Unsupported value: "NoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    },
    { name: 'taint key is a qualified name', n: node({ taints: [{ key: '-k', effect: 'NoSchedule' }] }), want: [`metadata.taints[0].key: Invalid value: "-k": ${QNAME}`] },
    { name: 'taint value is a label value', n: node({ taints: [{ key: 'k', value: '-v', effect: 'NoSchedule' }] }), want: [`metadata.taints[0].value: Invalid value: "-v": ${LVALUE}`] },
    {
      name: 'taints unique by key and effect',
      n: node({ taints: [{ key: 'k', value: 'a', effect: 'NoSchedule' }, { key: 'k', value: 'b', effect: 'NoSchedule' }] }),
      want: ['metadata.taints[1]: Duplicate value: core.Taint{Key:"k", Value:"b", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair'],
    },
    { name: 'same key with another effect is fine', n: node({ taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', effect: 'NoExecute' }] }), want: [] },
  ])('$name', ({ n, want }) => {
    expect(run(nodeRules, n)).toEqual(want);
  });
});

describe('ValidateNodeUpdate (minus ObjectMeta)', () => {
  it.each([
    { name: 'podCIDR may go from "" to valid', next: node({ podCIDR: '10.244.1.0/24' }), old: node(), want: [] as string[] },
    {
      name: 'podCIDR may not change once set',
      next: node({ podCIDR: '10.244.2.0/24' }),
      old: node({ podCIDR: '10.244.1.0/24' }),
      want: ['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid'],
    },
    {
      name: 'providerID may not change once set',
      next: node({ providerID: 'kind://b' }),
      old: node({ providerID: 'kind://a' }),
      want: ['spec.providerID: Forbidden: node updates may not change providerID except from "" to valid'],
    },
    {
      name: 'no duplicate status.addresses',
      next: node({}, { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'InternalIP', address: '10.0.0.1' }] }),
      old: node(),
      want: ['status.addresses[1]: Duplicate value: core.NodeAddress{Type:"InternalIP", Address:"10.0.0.1"}'],
    },
    { name: 'unschedulable and taints may change', next: node({ unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }] }), old: node(), want: [] },
  ])('$name', ({ next, old, want }) => {
    expect(runUpdate(nodeRules, next, old)).toEqual(want);
  });
});

// ---- EndpointSlice ----

const eps = (o: R): KubeObject => ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abc', namespace: 'default' }, addressType: 'IPv4', ...o });
const ep = (addresses: unknown[], o: R = {}) => ({ endpoints: [{ addresses, ...o }] });

describe('EndpointSlice defaults', () => {
  it('SetDefaults_EndpointPort (name "", protocol TCP) and dropTopologyOnV1', () => {
    const d = defaulted(endpointSliceRules, eps({ ports: [{ port: 80 }], endpoints: [{ addresses: ['10.244.1.5'], deprecatedTopology: { a: 'b' } }] }));
    expect(d.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
    expect(d.endpoints).toEqual([{ addresses: ['10.244.1.5'] }]);
  });
});

describe('ValidateEndpointSlice (discovery/validation)', () => {
  const a0 = 'endpoints[0].addresses[0]';
  it.each([
    { name: 'valid slice', e: eps({ ...ep(['10.244.1.5'], { nodeName: 'kind-worker', hostname: 'web-0' }), ports: [{ name: 'http', port: 80 }] }), want: [] as string[] },
    { name: 'addressType required', e: eps({ addressType: undefined }), want: ['addressType: Required value'] },
    { name: 'addressType supported values', e: eps({ addressType: 'IP' }), want: ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"'] },
    {
      name: 'IPv4: malformed address fails both checks',
      e: eps(ep(['10.0.0'])),
      want: [`${a0}: Invalid value: "10.0.0": must be a valid IPv4 address`, `${a0}: Invalid value: "10.0.0": must be a valid IP address`],
    },
    { name: 'IPv4: an IPv6 address', e: eps(ep(['fd00::1'])), want: [`${a0}: Invalid value: "fd00::1": must be a valid IPv4 address`] },
    { name: 'ValidateNonSpecialIP: loopback', e: eps(ep(['127.0.0.1'])), want: [`${a0}: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)`] },
    { name: 'ValidateNonSpecialIP: unspecified', e: eps(ep(['0.0.0.0'])), want: [`${a0}: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)`] },
    { name: 'ValidateNonSpecialIP: link-local', e: eps(ep(['169.254.1.1'])), want: [`${a0}: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)`] },
    {
      name: 'ValidateNonSpecialIP: link-local multicast',
      e: eps(ep(['224.0.0.5'])),
      want: [`${a0}: Invalid value: "224.0.0.5": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)`],
    },
    { name: 'IPv6: an IPv4 address', e: eps({ addressType: 'IPv6', ...ep(['10.0.0.1']) }), want: [`${a0}: Invalid value: "10.0.0.1": must be a valid IPv6 address`] },
    { name: 'IPv6: link-local', e: eps({ addressType: 'IPv6', ...ep(['fe80::1']) }), want: [`${a0}: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)`] },
    {
      name: 'IsFullyQualifiedDomainName: two segments',
      e: eps({ addressType: 'FQDN', ...ep(['example']) }),
      want: [`${a0}: Invalid value: "example": should be a domain with at least two segments separated by dots`],
    },
    { name: 'FQDN: subdomain rules, trailing dot allowed', e: eps({ addressType: 'FQDN', ...ep(['Example.com.']) }), want: [`${a0}: Invalid value: "Example.com": ${SUB}`] },
    { name: 'at least one address', e: eps(ep([])), want: ['endpoints[0].addresses: Required value: must contain at least 1 address'] },
    {
      name: 'at most 1000 endpoints',
      e: eps({ endpoints: Array.from({ length: 1001 }, () => ({ addresses: ['10.244.1.5'] })) }),
      want: ['endpoints: Too many: 1001: must have at most 1000 items'],
    },
    { name: 'nodeName is a DNS subdomain', e: eps(ep(['10.244.1.5'], { nodeName: 'Node_1' })), want: [`endpoints[0].nodeName: Invalid value: "Node_1": ${SUB}`] },
    { name: 'hostname is a DNS label', e: eps(ep(['10.244.1.5'], { hostname: 'web.0' })), want: ['endpoints[0].hostname: Invalid value: "web.0": must not contain dots'] },
    {
      name: 'hints.forZones names unique',
      e: eps(ep(['10.244.1.5'], { hints: { forZones: [{ name: 'a' }, { name: 'a' }] } })),
      want: ['endpoints[0].hints.forZones[1].name: Duplicate value: "a"'],
    },
    { name: 'port names are DNS labels', e: eps({ ports: [{ name: 'HTTP', port: 80 }] }), want: [`ports[0].name: Invalid value: "HTTP": ${LABEL}`] },
    { name: 'port names unique (two unnamed ports clash too)', e: eps({ ports: [{ port: 80 }, { port: 81 }] }), want: ['ports[1].name: Duplicate value: ""'] },
    {
      name: 'port protocol supported values',
      e: eps({ ports: [{ name: 'a', port: 80, protocol: 'ICMP' }] }),
      want: ['ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
    },
    { name: 'appProtocol is a qualified name', e: eps({ ports: [{ name: 'a', port: 80, appProtocol: 'a/b/c' }] }), want: [`ports[0].appProtocol: Invalid value: "a/b/c": ${QNAME_MULTI}`] },
  ])('$name', ({ e, want }) => {
    expect(run(endpointSliceRules, e)).toEqual(want);
  });

  it('ValidateEndpointSliceUpdate: addressType is immutable', () => {
    expect(runUpdate(endpointSliceRules, eps({ addressType: 'IPv6' }), eps({}))).toEqual(['addressType: Invalid value: "IPv6": field is immutable']);
  });
});
