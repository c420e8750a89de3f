// Defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service + registry normalizeClusterIPs),
// update validation (validation_test.go TestValidateServiceUpdate) and warnings
// (pkg/api/service/warnings.go, warnings_test.go).
import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { normalizeClusterIPs, serviceRules } from './service';
import type { Rec } from './service-wire';

const ctx = { net: { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' } };
const svc = (spec: Rec): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec });
const defaulted = (spec: Rec) => {
  const o = svc(spec);
  serviceRules.default!(o, ctx);
  return o.spec as Rec;
};

describe('SetDefaults_Service', () => {
  it.each<[string, Rec, Rec]>([
    [
      'empty spec: type ClusterIP, sessionAffinity None, internalTrafficPolicy Cluster',
      {},
      { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' },
    ],
    [
      'port: protocol TCP, targetPort = port',
      { ports: [{ port: 80 }] },
      { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] },
    ],
    [
      'targetPort 0 and "" are replaced; a named targetPort is kept',
      { ports: [{ port: 80, targetPort: 0 }, { port: 81, targetPort: '' }, { port: 82, targetPort: 'http', protocol: 'UDP' }] },
      {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
        ports: [
          { port: 80, targetPort: 80, protocol: 'TCP' },
          { port: 81, targetPort: 81, protocol: 'TCP' },
          { port: 82, targetPort: 'http', protocol: 'UDP' },
        ],
      },
    ],
    [
      'NodePort: externalTrafficPolicy Cluster',
      { type: 'NodePort' },
      { type: 'NodePort', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', externalTrafficPolicy: 'Cluster' },
    ],
    [
      'LoadBalancer: externalTrafficPolicy Cluster, allocateLoadBalancerNodePorts true',
      { type: 'LoadBalancer' },
      { type: 'LoadBalancer', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true },
    ],
    [
      'ClusterIP with externalIPs is externally accessible: externalTrafficPolicy Cluster',
      { externalIPs: ['1.2.3.4'] },
      { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', externalTrafficPolicy: 'Cluster', externalIPs: ['1.2.3.4'] },
    ],
    ['ExternalName: no internalTrafficPolicy', { type: 'ExternalName', externalName: 'a.b' }, { type: 'ExternalName', externalName: 'a.b', sessionAffinity: 'None' }],
    [
      'ClientIP: timeoutSeconds 10800',
      { sessionAffinity: 'ClientIP' },
      { type: 'ClusterIP', sessionAffinity: 'ClientIP', internalTrafficPolicy: 'Cluster', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } },
    ],
    [
      'ClientIP keeps an explicit timeout',
      { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
      { type: 'ClusterIP', sessionAffinity: 'ClientIP', internalTrafficPolicy: 'Cluster', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
    ],
    [
      'None drops sessionAffinityConfig',
      { sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
      { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' },
    ],
    [
      'normalizeClusterIPs: clusterIP seeds clusterIPs',
      { clusterIP: '10.96.0.20' },
      { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'] },
    ],
    [
      'explicit values are kept',
      { type: 'NodePort', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local' },
      { type: 'NodePort', sessionAffinity: 'None', internalTrafficPolicy: 'Local', externalTrafficPolicy: 'Local' },
    ],
  ])('%s', (_name, spec, want) => {
    expect(defaulted(spec)).toEqual(want);
  });

  it('PrepareForCreate resets status', () => {
    const o = svc({});
    o.status = { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] } };
    serviceRules.default!(o, ctx);
    expect(o.status).toEqual({ loadBalancer: {} });
  });
});

describe('normalizeClusterIPs on update', () => {
  it.each<[string, Rec, Rec, Rec]>([
    ['old client omits clusterIPs: copied from old', { clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'] }, { clusterIP: '10.96.0.5' }, { clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'] }],
    ['clusterIP cleared with same clusterIPs: both cleared', { clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'] }, { clusterIP: '', clusterIPs: ['10.96.0.5'] }, { clusterIP: '' }],
    ['clusterIP changed with same clusterIPs: clusterIPs follow', { clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'] }, { clusterIP: '10.96.0.6', clusterIPs: ['10.96.0.5'] }, { clusterIP: '10.96.0.6', clusterIPs: ['10.96.0.6'] }],
  ])('%s', (_n, oldSpec, newSpec, want) => {
    const n = svc(newSpec);
    normalizeClusterIPs(n, svc(oldSpec));
    expect(n.spec).toEqual(want);
  });
});

/** upstream's makeValidService(), wire shape (same as service.test.ts). */
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

const withIP = (tweak: (s: Rec) => void = () => {}) => {
  const o = makeValidService();
  Object.assign(o.spec as Rec, { clusterIP: '1.2.3.4', clusterIPs: ['1.2.3.4'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
  tweak(o.spec as Rec);
  return o;
};
const lbLocal = (s: Rec) => Object.assign(s, { type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Local', healthCheckNodePort: 30012 });

describe('ValidateServiceUpdate (TestValidateServiceUpdate)', () => {
  it.each<[string, (s: Rec) => void, (s: Rec) => void, string[]]>([
    ['"no change"', () => {}, () => {}, []],
    ['"change name"-free tweak: change selector', () => {}, (s) => (s.selector = { a: 'b' }), []],
    ['"change cluster IP"', () => {}, (s) => Object.assign(s, { clusterIP: '8.6.7.5', clusterIPs: ['8.6.7.5'] }), ['spec.clusterIPs[0]: Invalid value: []string{"8.6.7.5"}: may not change once set']],
    ['"remove cluster IP"', () => {}, (s) => (delete s.clusterIP, delete s.clusterIPs), ['spec.clusterIPs[0]: Invalid value: []string(nil): primary clusterIP can not be unset']],
    ['"change type" ClusterIP → NodePort', () => {}, (s) => Object.assign(s, { type: 'NodePort', externalTrafficPolicy: 'Cluster' }), []],
    ['"change type -> ExternalName" (clusterIPs wiped by the strategy)', () => {}, (s) => (Object.assign(s, { type: 'ExternalName', externalName: 'foo.com' }), delete s.clusterIP, delete s.clusterIPs, delete s.ipFamilies, delete s.ipFamilyPolicy), []],
    ['"change ipFamilies"', () => {}, (s) => Object.assign(s, { ipFamilies: ['IPv6'], clusterIP: '1.2.3.4', clusterIPs: ['1.2.3.4'] }), ['spec.ipFamilies[0]: Invalid value: []core.IPFamily{"IPv6"}: may not change once set', 'spec.clusterIPs[0]: Invalid value: "1.2.3.4": expected an IPv6 value as indicated by `ipFamilies[0]`']],
    ['"headless to headless" may change families', (s) => Object.assign(s, { clusterIP: 'None', clusterIPs: ['None'] }), (s) => Object.assign(s, { clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv6'] }), []],
    ['"update LoadBalancer type of service: loadBalancerClass changed"', (s) => (Object.assign(s, { type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' }), (s.loadBalancerClass = 'test.com/old')), (s) => (Object.assign(s, { type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' }), (s.loadBalancerClass = 'test.com/new')), ['spec.loadBalancerClass: Invalid value: "test.com/new": may not change once set']],
    ['"update LoadBalancer type of service: set loadBalancerClass"', (s) => Object.assign(s, { type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' }), (s) => Object.assign(s, { type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster', loadBalancerClass: 'test.com/new' }), ['spec.loadBalancerClass: Invalid value: "test.com/new": may not change once set']],
    ['"update to LoadBalancer type of service with loadBalancerClass" is allowed', () => {}, (s) => Object.assign(s, { type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster', loadBalancerClass: 'test.com/new' }), []],
    ['"invalid: update LoadBalancer → ClusterIP keeping loadBalancerClass" (reported twice, as upstream)', (s) => Object.assign(s, { type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster', loadBalancerClass: 'test.com/old' }), (s) => (s.loadBalancerClass = 'test.com/old'), ["spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'", "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"]],
    ['healthCheckNodePort is immutable while needed', lbLocal, (s) => (lbLocal(s), (s.healthCheckNodePort = 30013)), ['spec.healthCheckNodePort: Forbidden: field is immutable']],
  ])('%s', (_n, oldTweak, newTweak, want) => {
    expect(serviceRules.validateUpdate!(withIP(newTweak), withIP(oldTweak), ctx).map(fieldErrorString)).toEqual(want);
  });
});

describe('GetWarningsForService', () => {
  it.each<[string, (s: Rec, o: KubeObject) => void, string[]]>([
    ['nothing to say', () => {}, []],
    ['non-standard clusterIP', (s) => Object.assign(s, { clusterIP: '010.096.000.010', clusterIPs: ['010.096.000.010'] }), ['spec.clusterIPs[0]: non-standard IP address "010.096.000.010" will be considered invalid in a future Kubernetes release: use "10.96.0.10"']],
    ['IPv4-mapped externalIP', (s) => (s.externalIPs = ['::ffff:1.2.3.4']), ['spec.externalIPs[0]: non-standard IP address "::ffff:1.2.3.4" will be considered invalid in a future Kubernetes release: use "1.2.3.4"']],
    ['non-canonical IPv6 loadBalancerIP', (s) => (s.loadBalancerIP = '2001:DB8::1'), ['spec.loadBalancerIP: IPv6 address "2001:DB8::1" should be in RFC 5952 canonical format ("2001:db8::1")']],
    ['ambiguous and non-standard source range', (s) => (s.loadBalancerSourceRanges = ['010.0.0.1/8']), ['spec.loadBalancerSourceRanges[0]: CIDR value "010.0.0.1/8" is ambiguous in this context (should be "10.0.0.0/8" or "10.0.0.1/32"?)', 'spec.loadBalancerSourceRanges[0]: non-standard CIDR value "010.0.0.1/8" will be considered invalid in a future Kubernetes release: use "10.0.0.0/8"']],
    ['headless ignores loadBalancerIP, externalIPs and session affinity', (s) => Object.assign(s, { clusterIP: 'None', loadBalancerIP: '1.2.3.4', externalIPs: ['5.6.7.8'], sessionAffinity: 'ClientIP' }), ['spec.loadBalancerIP is ignored for headless services', 'spec.externalIPs is ignored for headless services', 'spec.SessionAffinity is ignored for headless services']],
    ['externalIPs on ExternalName', (s) => Object.assign(s, { type: 'ExternalName', externalIPs: ['1.2.3.4'] }), ['spec.externalIPs is ignored when spec.type is "ExternalName"']],
    ['externalName on a non-ExternalName Service', (s) => (s.externalName = 'foo.com'), ['spec.externalName is ignored when spec.type is not "ExternalName"']],
    ['deprecated topology hints annotation', (_s, o) => (o.metadata!.annotations!['service.kubernetes.io/topology-aware-hints'] = 'Auto'), ['annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead']],
    ['PreferClose is deprecated', (s) => (s.trafficDistribution = 'PreferClose'), ['spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"']],
  ])('%s', (_n, tweak, want) => {
    const o = makeValidService();
    tweak(o.spec as Rec, o);
    expect(serviceRules.warnings!(o, ctx).map((w) => w.message)).toEqual(want);
  });
});
