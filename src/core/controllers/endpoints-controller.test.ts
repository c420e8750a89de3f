import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PodState, Protocol, ServiceState } from '../cluster/state';
import type { ObjectKey } from '../model/types';
import { endpointsForService, ENDPOINTS_MAX_CAPACITY, repackSubsets } from './endpoints-controller';

interface PodOpts {
  ip?: string | null;
  ready?: boolean;
  terminating?: boolean;
  phase?: PodState['phase'];
  ports?: { name: string; containerPort: number }[];
  hostname?: string;
  subdomain?: string;
  uid?: string;
}
function pod(name: string, o: PodOpts = {}): PodState {
  return {
    key: `Pod/default/${name}` as ObjectKey,
    namespace: 'default',
    name,
    uid: o.uid ?? `uid-${name}`,
    labels: { app: 'web' },
    nodeName: 'kind-worker',
    ip: o.ip === undefined ? '10.244.1.5' : o.ip,
    phase: o.phase ?? 'Running',
    ready: o.ready ?? true,
    terminating: o.terminating ?? false,
    hostNetwork: false,
    containers: [{ name: 'c', image: 'nginx', ports: (o.ports ?? []).map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: 'TCP' as Protocol })), env: [], envFrom: [] }],
    dnsPolicy: 'ClusterFirst',
    dnsConfig: null,
    enableServiceLinks: true,
    hostname: o.hostname ?? null,
    subdomain: o.subdomain ?? null,
    owner: null,
    ordinal: 0,
    createdAt: 0,
    pendingReason: null,
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: {} },
  };
}
function svc(
  o: { ports?: { name?: string; port: number; targetPort?: number | string }[]; clusterIP?: string; publishNotReadyAddresses?: boolean; labels?: Record<string, string> } = {},
): ServiceState {
  const ports = o.ports ?? [{ port: 80, targetPort: 8080 }];
  const clusterIP = o.clusterIP ?? '10.96.0.20';
  return {
    key: 'Service/default/web' as ObjectKey,
    namespace: 'default',
    name: 'web',
    uid: 'svc-uid',
    type: 'ClusterIP',
    clusterIP: clusterIP === 'None' ? null : clusterIP,
    headless: clusterIP === 'None',
    externalName: null,
    ports: ports.map((p) => ({ name: p.name ?? '', protocol: 'TCP', port: p.port, targetPort: p.targetPort ?? p.port, nodePort: null })),
    selector: { app: 'web' },
    sessionAffinity: 'None',
    affinityTimeoutSeconds: 10800,
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    externalIPs: [],
    loadBalancerIPs: [],
    healthCheckNodePort: null,
    publishNotReadyAddresses: o.publishNotReadyAddresses ?? false,
    createdAt: 0,
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z', ...(o.labels ? { labels: o.labels } : {}) },
      spec: { clusterIP, ports },
    },
  };
}

const addr = (name: string, ip: string) => ({ ip, nodeName: 'kind-worker', targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` } });

describe('Endpoints controller syncService (pkg/controller/endpoint/endpoints_controller.go)', () => {
  it.each<[string, PodOpts, boolean, unknown]>([
    ['ready pod → addresses', {}, false, [{ addresses: [addr('p', '10.244.1.5')], ports: [{ name: '', port: 8080, protocol: 'TCP' }] }]],
    ['addEndpointSubset: unready pod → notReadyAddresses', { ready: false }, false, [{ notReadyAddresses: [addr('p', '10.244.1.5')], ports: [{ name: '', port: 8080, protocol: 'TCP' }] }]],
    ['ShouldPodBeInEndpoints(pod, publishNotReady=false): terminating pod left out entirely', { terminating: true }, false, undefined],
    [
      'publishNotReadyAddresses: terminating pod kept, as a ready address',
      { terminating: true, ready: false },
      true,
      [{ addresses: [addr('p', '10.244.1.5')], ports: [{ name: '', port: 8080, protocol: 'TCP' }] }],
    ],
    ['pod without IP left out', { ip: null }, false, undefined],
    ['terminal (Failed) pod left out', { phase: 'Failed' }, false, undefined],
  ])('%s', (_n, podOpts, pna, subsets) => {
    const ep = endpointsForService(svc({ publishNotReadyAddresses: pna }), [pod('p', podOpts)]);
    expect(ep.subsets).toEqual(subsets);
  });

  it('object shape: named after the Service, Service labels, trigger-time annotation, no ownerReferences', () => {
    const ep = endpointsForService(svc({ labels: { app: 'web' } }), [pod('p')]);
    expect(ep.apiVersion).toBe('v1');
    expect(ep.kind).toBe('Endpoints');
    expect(ep.metadata!.name).toBe('web');
    expect(ep.metadata!.labels).toEqual({ app: 'web' });
    expect(ep.metadata!.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z' });
    expect(ep.metadata!.ownerReferences).toBeUndefined();
  });

  it('headless Service: labels get service.kubernetes.io/headless', () => {
    expect(endpointsForService(svc({ clusterIP: 'None' }), [pod('p')]).metadata!.labels).toEqual({ 'service.kubernetes.io/headless': '' });
  });

  it('RepackSubsets: a headless Service without ports ends with no subsets (expansion is per port)', () => {
    expect(endpointsForService(svc({ clusterIP: 'None', ports: [] }), [pod('p')]).subsets).toBeUndefined();
  });

  it('ShouldSetHostname: hostname when the pod subdomain is the Service', () => {
    const ep = endpointsForService(svc(), [pod('p', { hostname: 'p-0', subdomain: 'web' })]);
    expect((ep.subsets as any)[0].addresses[0].hostname).toBe('p-0');
  });

  it('RepackSubsets/SortSubsets: ready and unready pods share one subset, addresses sorted by IP string', () => {
    const ep = endpointsForService(svc(), [pod('b', { ip: '10.244.1.10' }), pod('a', { ip: '10.244.1.9' }), pod('c', { ip: '10.244.1.2', ready: false })]);
    expect(ep.subsets).toEqual([{ addresses: [addr('b', '10.244.1.10'), addr('a', '10.244.1.9')], notReadyAddresses: [addr('c', '10.244.1.2')], ports: [{ name: '', port: 8080, protocol: 'TCP' }] }]);
  });

  it('SortSubsets portsByHash: ports ordered by md5 of their spew dump', () => {
    const ep = endpointsForService(
      svc({
        ports: [
          { name: 'http', port: 80, targetPort: 8080 },
          { name: 'metrics', port: 9090 },
          { name: 'admin', port: 81, targetPort: 9000 },
        ],
      }),
      [pod('p')],
    );
    const dump = (name: string, port: number) => `(v1.EndpointPort){Name:(string)${name} Port:(int32)${port} Protocol:(v1.Protocol)TCP AppProtocol:(*string)<nil>}`;
    const expected = [
      ['http', 8080],
      ['metrics', 9090],
      ['admin', 9000],
    ]
      .map(([n, p]) => [
        createHash('md5')
          .update(dump(n as string, p as number))
          .digest('hex'),
        n,
      ])
      .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1))
      .map(([, n]) => n);
    expect((ep.subsets as any)[0].ports.map((p: { name: string }) => p.name)).toEqual(expected);
  });

  it('named targetPort: pods resolving different numbers form separate subsets', () => {
    const s = svc({ ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
    const ep = endpointsForService(s, [
      pod('a', { ip: '10.244.1.2', ports: [{ name: 'web', containerPort: 8080 }] }),
      pod('b', { ip: '10.244.1.3', ports: [{ name: 'web', containerPort: 9090 }] }),
      pod('c', { ip: '10.244.1.4' }),
    ]);
    const subsets = ep.subsets as { addresses: { ip: string }[]; ports: { port: number }[] }[];
    expect(subsets.map((x) => [x.addresses.map((a) => a.ip), x.ports.map((p) => p.port)]).sort()).toEqual([
      [['10.244.1.2'], [8080]],
      [['10.244.1.3'], [9090]],
    ]);
  });

  it('mapAddressByPort: "not ready" trumps "ready" for the same address and port', () => {
    const a = { ip: '10.0.0.1', hostname: '', nodeName: 'n', pod: { namespace: 'default', name: 'p', uid: 'u' } };
    const port = { name: '', port: 80, protocol: 'TCP' as Protocol, appProtocol: null };
    const [s] = repackSubsets([
      { addr: a, port, ready: true },
      { addr: a, port, ready: false },
    ]);
    expect([s.addresses.length, s.notReady.length]).toEqual([0, 1]);
  });

  it('truncateEndpoints: over maxCapacity (1000) keeps 1000 and sets endpoints.kubernetes.io/over-capacity', () => {
    const pods = Array.from({ length: 1005 }, (_, i) => pod(`p${i}`, { ip: `10.244.${i >> 8}.${i & 255}` }));
    const ep = endpointsForService(svc(), pods);
    expect((ep.subsets as any)[0].addresses).toHaveLength(ENDPOINTS_MAX_CAPACITY);
    expect(ep.metadata!.annotations!['endpoints.kubernetes.io/over-capacity']).toBe('truncated');
  });
});
