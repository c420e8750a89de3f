import { describe, expect, it } from 'vitest';
import type { ServiceState } from '../cluster/state';
import type { KubeObject } from '../model/types';
import { buildEndpointIndex } from './proxy-endpoints';

const services = [{ namespace: 'default', name: 'web' }] as ServiceState[];
const slice = (name: string, o: Partial<KubeObject> & { svc?: string | null } = {}): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, namespace: 'default', labels: o.svc === null ? {} : { 'kubernetes.io/service-name': o.svc ?? 'web' } },
  addressType: o.addressType ?? 'IPv4',
  ports: o.ports ?? [{ name: 'http', port: 8080, protocol: 'TCP' }],
  endpoints: o.endpoints ?? [{ addresses: ['10.0.0.2'] }],
});
const ips = (slices: KubeObject[]) => (buildEndpointIndex(services, slices).get('default/web:http/TCP') ?? []).map((e) => `${e.ip}:${e.port}`);

describe("kube-proxy's EndpointSliceCache (pkg/proxy/endpointslicecache.go)", () => {
  it.each<[string, KubeObject[], string[]]>([
    [
      'endpoints of every slice of the Service merge, sorted by "ip:port" string',
      [slice('a', { endpoints: [{ addresses: ['10.0.0.9'] }] }), slice('b', { endpoints: [{ addresses: ['10.0.0.10'] }] })],
      ['10.0.0.10:8080', '10.0.0.9:8080'],
    ],
    ['addEndpoints: the same ip:port in two slices appears once', [slice('a'), slice('b')], ['10.0.0.2:8080']],
    ['endpointSliceCacheKeys: no service-name label → ignored', [slice('a', { svc: null })], []],
    ['slices of a Service that does not exist are not indexed', [slice('a', { svc: 'ghost' })], []],
    ['IPv6/FQDN slices are not this proxier family', [slice('a', { addressType: 'FQDN' })], []],
    ['endpointInfoByServicePort: a port without a number is ignored', [slice('a', { ports: [{ name: 'http' }] })], []],
    ['addEndpoints: an endpoint without addresses is ignored', [slice('a', { endpoints: [{ addresses: [] }] })], []],
  ])('%s', (_n, slices, expected) => {
    expect(ips(slices)).toEqual(expected);
  });

  it.each<[string, unknown, { ready: boolean; serving: boolean; terminating: boolean }]>([
    ['conditions absent: ready and serving, not terminating', undefined, { ready: true, serving: true, terminating: false }],
    ['conditions as written', { ready: false, serving: true, terminating: true }, { ready: false, serving: true, terminating: true }],
  ])('newEndpointSliceInfo: %s', (_n, conditions, expected) => {
    const [e] = buildEndpointIndex(services, [slice('a', { endpoints: [{ addresses: ['10.0.0.2'], conditions }] })]).get('default/web:http/TCP')!;
    expect({ ready: e.ready, serving: e.serving, terminating: e.terminating }).toEqual(expected);
  });
});
