// ValidateService rows. Sources: pkg/apis/core/validation/validation_test.go
// TestValidateServiceCreate (case names quoted) and validation.go ValidateService (v1.33+).
// The base object mirrors upstream's makeValidService(), in wire shape.
import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names';
import { validateService } from './service-validate';
import type { Rec } from './service-wire';

function makeValidService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'valid', namespace: 'valid', labels: {}, annotations: {} },
    spec: {
      selector: { key: 'val' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
      ports: [{ name: 'p', protocol: 'TCP', port: 8675, targetPort: 8675 }],
      internalTrafficPolicy: 'Cluster',
    },
  };
}

type Tweak = (s: Rec, o: KubeObject) => void;
const port = (s: Rec, i = 0) => (s.ports as Rec[])[i];
const addPort = (s: Rec, p: Rec) => (s.ports as Rec[]).push(p);
const lb = (s: Rec) => Object.assign(s, { type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' });
const nodePort = (s: Rec) => Object.assign(s, { type: 'NodePort', externalTrafficPolicy: 'Cluster' });
const headless = (s: Rec) => Object.assign(s, { clusterIP: 'None', clusterIPs: ['None'] });
const ips = (s: Rec, ...v: string[]) => Object.assign(s, { clusterIP: v[0], clusterIPs: v });
const ann = (o: KubeObject, k: string, v: string) => (o.metadata!.annotations![k] = v);

// Messages whose wording comes from names.ts (apimachinery IsDNS1123Label etc.).
const dnsLabel = (v: string) => isDNS1123Label(v)[0];
const LB_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

const rows: [string, Tweak, string[]][] = [
  ['"valid": makeValidService passes', () => {}, []],
  ['"missing ports"', (s) => (s.ports = []), ['spec.ports: Required value']],
  ['"missing ports but headless"', (s) => (headless(s), (s.ports = [])), []],
  ['"empty port[1] name": names are required once there are 2+ ports', (s) => addPort(s, { name: '', protocol: 'TCP', port: 12345, targetPort: 12345 }), ['spec.ports[1].name: Required value']],
  ['"empty multi-port port[0] name"', (s) => ((port(s).name = ''), addPort(s, { name: 'p2', protocol: 'TCP', port: 12345, targetPort: 12345 })), ['spec.ports[0].name: Required value']],
  ['"invalid port name": DNS-1123 label', (s) => (port(s).name = 'INVALID'), [`spec.ports[0].name: Invalid value: "INVALID": ${dnsLabel('INVALID')}`]],
  ['"dup port name"', (s) => addPort(s, { name: 'p', protocol: 'TCP', port: 12345, targetPort: 12345 }), ['spec.ports[1].name: Duplicate value: "p"']],
  ['"missing protocol"', (s) => (port(s).protocol = ''), ['spec.ports[0].protocol: Required value']],
  ['"invalid protocol"', (s) => (port(s).protocol = 'INVALID'), ['spec.ports[0].protocol: Unsupported value: "INVALID": supported values: "SCTP", "TCP", "UDP"']],
  ['"missing port"', (s) => (port(s).port = 0), ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']],
  ['"invalid port"', (s) => (port(s).port = 65536), ['spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive']],
  ['"invalid target port"', (s) => (port(s).targetPort = 0), ['spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive']],
  ['targetPort as a string must be an IANA_SVC_NAME (ValidatePortNumOrName)', (s) => (port(s).targetPort = '8080'), ['spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)']],
  ['"valid named port"', (s) => (port(s).targetPort = 'http'), []],
  ['"invalid port headless 1": mismatched targetPort on headless is tolerated', (s) => (headless(s), (port(s).port = 11722), (port(s).targetPort = 11721)), []],
  ['"invalid port headless 2": named targetPort on headless is tolerated', (s) => (headless(s), (port(s).targetPort = 'named-port')), []],
  ['appProtocol must be a qualified name', (s) => (port(s).appProtocol = '-bad'), [`spec.ports[0].appProtocol: Invalid value: "-bad": ${isQualifiedName('-bad')[0]}`]],
  ['"valid appProtocol"', (s) => (port(s).appProtocol = 'kubernetes.io/h2c'), []],
  ['"invalid cluster ip"', (s) => ips(s, 'invalid'), ['spec.clusterIPs[0]: Invalid value: "invalid": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
  ['legacy field: IPv4 with leading zeros is still valid (StrictIPCIDRValidation off)', (s) => ips(s, '010.000.000.001'), []],
  ['"valid cluster ip - none"', (s) => headless(s), []],
  ['"invalid publicIPs localhost"', (s) => Object.assign(s, { externalTrafficPolicy: 'Cluster', externalIPs: ['127.0.0.1'] }), ['spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
  ['"invalid publicIPs unspecified"', (s) => Object.assign(s, { externalTrafficPolicy: 'Cluster', externalIPs: ['0.0.0.0'] }), ['spec.externalIPs[0]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)']],
  ['"invalid publicIPs host"', (s) => Object.assign(s, { externalTrafficPolicy: 'Cluster', externalIPs: ['myhost.mydomain'] }), ['spec.externalIPs[0]: Invalid value: "myhost.mydomain": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
  ['externalIPs in the link-local range', (s) => Object.assign(s, { externalTrafficPolicy: 'Cluster', externalIPs: ['169.254.169.254'] }), ['spec.externalIPs[0]: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)']],
  ['externalIPs make a ClusterIP Service externally accessible: externalTrafficPolicy required', (s) => (s.externalIPs = ['1.2.3.4']), ['spec.externalTrafficPolicy: Required value']],
  ['"nil selector"', (s) => delete s.selector, []],
  ['"invalid selector"', (s) => (s.selector = { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' }), isQualifiedName('NoUppercaseOrSpecialCharsLike=Equals').map((m) => `spec.selector: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": ${m}`)],
  ['"missing session affinity"', (s) => (s.sessionAffinity = ''), ['spec.sessionAffinity: Required value']],
  ['"invalid session affinity"', (s) => (s.sessionAffinity = 'Foo'), ['spec.sessionAffinity: Unsupported value: "Foo": supported values: "ClientIP", "None"']],
  ['ClientIP needs sessionAffinityConfig', (s) => (s.sessionAffinity = 'ClientIP'), ['spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP']],
  ['ClientIP needs sessionAffinityConfig.clientIP', (s) => Object.assign(s, { sessionAffinity: 'ClientIP', sessionAffinityConfig: {} }), ['spec.sessionAffinityConfig.clientIP: Required value: when session affinity type is ClientIP']],
  ['"invalid timeoutSeconds field": 0', (s) => Object.assign(s, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }), ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400']],
  ['timeoutSeconds above 86400', (s) => Object.assign(s, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }), ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400']],
  ['"valid ClientIP timeoutSeconds 86400"', (s) => Object.assign(s, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } }), []],
  ['sessionAffinityConfig forbidden when affinity is None', (s) => (s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 90 } }), ['spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None']],
  ['"missing type"', (s) => (s.type = ''), ['spec.type: Required value']],
  ['"invalid type"', (s) => (s.type = 'NotAType'), ['spec.type: Unsupported value: "NotAType": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
  ['"invalid type - cluster with nodeport"', (s) => (port(s).nodePort = 30001), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
  ['"valid type - nodeport"', (s) => nodePort(s), []],
  ['"duplicate nodeports"', (s) => (nodePort(s), (port(s).nodePort = 30001), addPort(s, { name: 'r', protocol: 'TCP', port: 2, targetPort: 2, nodePort: 30001 })), ['spec.ports[1].nodePort: Duplicate value: 30001']],
  ['"duplicate nodeports (different protocols)"', (s) => (nodePort(s), (port(s).nodePort = 30001), addPort(s, { name: 'r', protocol: 'UDP', port: 2, targetPort: 2, nodePort: 30001 })), []],
  ['"invalid duplicate ports (with same protocol)"', (s) => addPort(s, { name: 'q', protocol: 'TCP', port: 8675, targetPort: 80 }), ['spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:8675, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}']],
  ['"valid duplicate ports (with different protocols)"', (s) => addPort(s, { name: 'q', protocol: 'UDP', port: 8675, targetPort: 8675 }), []],
  ['"LoadBalancer type cannot have None ClusterIP"', (s) => (lb(s), headless(s)), ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"]],
  ['"invalid node port with clusterIP None"', (s) => (nodePort(s), headless(s)), ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"]],
  ['"valid ExternalName"', (s) => Object.assign(s, { type: 'ExternalName', externalName: 'foo.bar.example.com' }), []],
  ['"valid ExternalName (trailing dot)"', (s) => Object.assign(s, { type: 'ExternalName', externalName: 'foo.bar.example.com.' }), []],
  ['"invalid ExternalName clusterIP (valid IP)"', (s) => (Object.assign(s, { type: 'ExternalName', externalName: 'foo.bar.example.com' }), ips(s, '1.2.3.4')), ['spec.clusterIPs: Forbidden: may not be set for ExternalName services']],
  ['"invalid ExternalName clusterIP (None)"', (s) => (Object.assign(s, { type: 'ExternalName', externalName: 'foo.bar.example.com' }), headless(s)), ['spec.clusterIPs: Forbidden: may not be set for ExternalName services']],
  ['ExternalName with ipFamilies and ipFamilyPolicy', (s) => Object.assign(s, { type: 'ExternalName', externalName: 'a.b', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' }), ['spec.ipFamilies: Forbidden: may not be set for ExternalName services', 'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services']],
  ['"invalid ExternalName (not a DNS name)"', (s) => Object.assign(s, { type: 'ExternalName', externalName: '-123' }), [`spec.externalName: Invalid value: "-123": ${isDNS1123Subdomain('-123')[0]}`]],
  ['missing externalName', (s) => (s.type = 'ExternalName'), ['spec.externalName: Required value']],
  ['"valid LoadBalancer source range"', (s) => (lb(s), (s.loadBalancerSourceRanges = ['1.2.3.0/24', ' 10.0.0.0/8  '])), []],
  ['"invalid LoadBalancer source range" (the path really is capitalised)', (s) => (lb(s), (s.loadBalancerSourceRanges = ['foo.bar'])), ['spec.LoadBalancerSourceRanges[0]: Invalid value: "foo.bar": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']],
  ['"invalid source range for non LoadBalancer type service"', (s) => (s.loadBalancerSourceRanges = ['1.2.3.0/24']), ["spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"]],
  ['"valid LoadBalancer source range annotation"', (s, o) => (lb(s), ann(o, LB_RANGES, '1.2.3.0/24, 5.6.0.0/16')), []],
  ['"invalid LoadBalancer source range annotation (hostname)"', (s, o) => (lb(s), ann(o, LB_RANGES, 'foo.bar')), [`metadata.annotations[${LB_RANGES}]: Invalid value: "foo.bar": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`]],
  ['"empty LoadBalancer source range annotation" on a non-LoadBalancer is still forbidden', (_s, o) => ann(o, LB_RANGES, ''), [`metadata.annotations[${LB_RANGES}]: Forbidden: may only be used when \`type\` is 'LoadBalancer'`]],
  ['"invalid type - missing AllocateLoadBalancerNodePorts for loadbalancer type" (path lacks "spec.")', (s) => (lb(s), delete s.allocateLoadBalancerNodePorts), ['allocateLoadBalancerNodePorts: Required value']],
  ['allocateLoadBalancerNodePorts only for LoadBalancer', (s) => (s.allocateLoadBalancerNodePorts = false), ["spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"]],
  ['"valid LoadBalancerClass when type is LoadBalancer"', (s) => (lb(s), (s.loadBalancerClass = 'test.com/test-load-balancer-class')), []],
  ['"invalid LoadBalancerClass"', (s) => (lb(s), (s.loadBalancerClass = 'Bad/LoadBalancerclass')), [`spec.loadBalancerClass: Invalid value: "Bad/LoadBalancerclass": ${isQualifiedName('Bad/LoadBalancerclass')[0]}`]],
  ['"invalid: set LoadBalancerClass when type is not LoadBalancer"', (s) => (s.loadBalancerClass = 'test.com/test-load-balancer-class'), ["spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"]],
  ['"invalid externalTraffic field"', (s) => (lb(s), (s.externalTrafficPolicy = 'invalid')), ['spec.externalTrafficPolicy: Unsupported value: "invalid": supported values: "Cluster", "Local"']],
  ['externalTrafficPolicy on a ClusterIP Service', (s) => (s.externalTrafficPolicy = 'Cluster'), ['spec.externalTrafficPolicy: Invalid value: "Cluster": may only be set for externally-accessible services']],
  ['externalTrafficPolicy required for NodePort', (s) => (nodePort(s), delete s.externalTrafficPolicy), ['spec.externalTrafficPolicy: Required value']],
  ['"valid healthCheckNodePort"', (s) => (lb(s), (s.externalTrafficPolicy = 'Local'), (s.healthCheckNodePort = 30012)), []],
  ['LoadBalancer + Local requires healthCheckNodePort', (s) => (lb(s), (s.externalTrafficPolicy = 'Local')), ['spec.healthCheckNodePort: Required value']],
  ['"negative healthCheckNodePort"', (s) => (lb(s), (s.externalTrafficPolicy = 'Local'), (s.healthCheckNodePort = -1)), ['spec.healthCheckNodePort: Invalid value: -1: must be between 1 and 65535, inclusive']],
  ['healthCheckNodePort on NodePort + Local (only LoadBalancer needs one)', (s) => (nodePort(s), (s.externalTrafficPolicy = 'Local'), (s.healthCheckNodePort = 30012)), ["spec.healthCheckNodePort: Invalid value: 30012: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"]],
  ['"nil internalTraffic field when feature gate is on"', (s) => delete s.internalTrafficPolicy, ['spec.internalTrafficPolicy: Required value']],
  ['"internalTrafficPolicy field nil when type is ExternalName"', (s) => (Object.assign(s, { type: 'ExternalName', externalName: 'foo.bar.com' }), delete s.internalTrafficPolicy), []],
  ['"invalid internalTraffic field"', (s) => (s.internalTrafficPolicy = 'invalid'), ['spec.internalTrafficPolicy: Unsupported value: "invalid": supported values: "Cluster", "Local"']],
  ['"internalTrafficPolicy field set to Local"', (s) => (s.internalTrafficPolicy = 'Local'), []],
  ['trafficDistribution PreferSameZone (PreferSameTrafficDistribution on in v1.34+)', (s) => (s.trafficDistribution = 'PreferSameZone'), []],
  ['"invalid: trafficDistribution field set to Random"', (s) => (s.trafficDistribution = 'Random'), ['spec.trafficDistribution: Unsupported value: "Random": supported values: "PreferClose", "PreferSameZone", "PreferSameNode"']],
  ['"invalid, service with invalid ipFamilies"', (s) => (s.ipFamilies = ['not-a-family']), ['spec.ipFamilies[0]: Unsupported value: "not-a-family": supported values: "IPv4", "IPv6"']],
  ['"invalid, service with invalid ipFamilyPolicy"', (s) => (s.ipFamilyPolicy = 'not-a-valid-ip-family-policy'), ['spec.ipFamilyPolicy: Unsupported value: "not-a-valid-ip-family-policy": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"']],
  ['"invalid, service with duplicate ipFamilies"', (s) => (s.ipFamilies = ['IPv4', 'IPv4']), ['spec.ipFamilies[1]: Duplicate value: "IPv4"']],
  ['clusterIPs[0] must match clusterIP', (s) => Object.assign(s, { clusterIP: '1.2.3.4', clusterIPs: ['1.2.3.5'] }), ['spec.clusterIPs: Invalid value: []string{"1.2.3.5"}: first value must match `clusterIP`']],
  ['clusterIP without clusterIPs', (s) => (s.clusterIP = '1.2.3.4'), ['spec.clusterIPs: Required value']],
  ['clusterIPs without clusterIP', (s) => (s.clusterIPs = ['1.2.3.4']), ['spec.clusterIPs: Invalid value: []string{"1.2.3.4"}: must be empty when `clusterIP` is not specified']],
  ['"invalid, None must be the first and only value"', (s) => ips(s, 'None', '1.2.3.4'), ["spec.clusterIPs: Invalid value: []string{\"None\", \"1.2.3.4\"}: 'None' must be the first and only value"]],
  ['"invalid, too many IPs"', (s) => ips(s, '10.0.0.1', '2000::1', '10.0.0.2'), ['spec.clusterIPs: Invalid value: []string{"10.0.0.1", "2000::1", "10.0.0.2"}: may only hold up to 2 values']],
  ['"invalid, two IPs of the same family"', (s) => ips(s, '10.0.0.1', '10.0.0.2'), ['spec.clusterIPs: Invalid value: []string{"10.0.0.1", "10.0.0.2"}: may specify no more than one IP for each IP family']],
  ['"invalid, ipFamilies does not match the IP"', (s) => (ips(s, '10.0.0.1'), (s.ipFamilies = ['IPv6'])), ['spec.clusterIPs[0]: Invalid value: "10.0.0.1": expected an IPv6 value as indicated by `ipFamilies[0]`']],
  ['"invalid, IPv6 IP with IPv4 family"', (s) => (ips(s, '2000::1'), (s.ipFamilies = ['IPv4'])), ['spec.clusterIPs[0]: Invalid value: "2000::1": expected an IPv4 value as indicated by `ipFamilies[0]`']],
  ['topology-mode must match the deprecated hints annotation', (_s, o) => (ann(o, 'service.kubernetes.io/topology-aware-hints', 'Auto'), ann(o, 'service.kubernetes.io/topology-mode', 'Disabled')), ['metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: "Disabled": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified']],
  [
    'errors come in ValidateService order (ports, selector, affinity, IPs, type, traffic policies)',
    (s) => Object.assign(s, { ports: [{ name: 'X', protocol: 'ICMP', port: 0, targetPort: 80 }], sessionAffinity: 'Sticky', type: 'Weird', internalTrafficPolicy: 'Nope', clusterIP: 'bad', clusterIPs: ['bad'] }),
    [
      `spec.ports[0].name: Invalid value: "X": ${dnsLabel('X')}`,
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
      'spec.clusterIPs[0]: Invalid value: "bad": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'spec.type: Unsupported value: "Weird": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      'spec.internalTrafficPolicy: Unsupported value: "Nope": supported values: "Cluster", "Local"',
    ],
  ],
];

describe('ValidateService (create)', () => {
  it.each(rows)('%s', (_name, tweak, want) => {
    const svc = makeValidService();
    tweak(svc.spec as Rec, svc);
    expect(validateService(svc).map(fieldErrorString)).toEqual(want);
  });

  it('never throws on odd shapes', () => {
    const odd: KubeObject[] = [
      { kind: 'Service' },
      { kind: 'Service', spec: 'nope' },
      { kind: 'Service', spec: { ports: [null, 7, 'x'], selector: [], clusterIPs: 'x', externalIPs: [1] } },
      { kind: 'Service', spec: { type: 5, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: 'x' } } },
    ];
    for (const o of odd) expect(() => validateService(o)).not.toThrow();
  });
});
