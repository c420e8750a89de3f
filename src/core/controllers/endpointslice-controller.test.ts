import { describe, expect, it } from 'vitest';
import type { NodeState, PodState, Protocol, ServiceState } from '../cluster/state';
import { servicePortKey } from '../cluster/state';
import type { KubeObject, ObjectKey } from '../model/types';
import { runEndpointControllers } from './endpointslice-controller';

// ---- fixtures ---------------------------------------------------------------------------------

interface PodOpts {
  ns?: string;
  labels?: Record<string, string>;
  ip?: string | null;
  node?: string | null;
  ready?: boolean;
  terminating?: boolean;
  phase?: PodState['phase'];
  ports?: { name: string | null; containerPort: number; protocol?: Protocol }[];
  hostname?: string;
  subdomain?: string;
}
let ordinal = 0;
function pod(name: string, o: PodOpts = {}): PodState {
  const ns = o.ns ?? 'default';
  return {
    key: `Pod/${ns}/${name}` as ObjectKey,
    namespace: ns,
    name,
    uid: `uid-${name}`,
    labels: o.labels ?? { app: 'web' },
    nodeName: o.node === undefined ? 'kind-worker' : o.node,
    ip: o.ip === undefined ? `10.244.1.${++ordinal % 250}` : o.ip,
    phase: o.phase ?? 'Running',
    ready: o.ready ?? true,
    terminating: o.terminating ?? false,
    hostNetwork: false,
    containers: [{ name: 'c', image: 'nginx', ports: (o.ports ?? []).map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' })), env: [], envFrom: [] }],
    dnsPolicy: 'ClusterFirst',
    dnsConfig: null,
    enableServiceLinks: true,
    hostname: o.hostname ?? null,
    subdomain: o.subdomain ?? null,
    owner: null,
    ordinal: ordinal,
    createdAt: ordinal,
    pendingReason: null,
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: {} },
  };
}

interface SvcOpts {
  ns?: string;
  selector?: Record<string, string> | null;
  ports?: { name?: string; port: number; targetPort?: number | string; protocol?: Protocol; appProtocol?: string }[];
  clusterIP?: string;
  type?: ServiceState['type'];
  labels?: Record<string, string>;
  publishNotReadyAddresses?: boolean;
}
function svc(name: string, o: SvcOpts = {}): ServiceState {
  const ns = o.ns ?? 'default';
  const ports = o.ports ?? [{ port: 80, targetPort: 8080 }];
  const clusterIP = o.clusterIP ?? '10.96.0.20';
  return {
    key: `Service/${ns}/${name}` as ObjectKey,
    namespace: ns,
    name,
    uid: `svc-uid-${name}`,
    type: o.type ?? 'ClusterIP',
    clusterIP: clusterIP === 'None' ? null : clusterIP,
    headless: clusterIP === 'None',
    externalName: o.type === 'ExternalName' ? 'example.com' : null,
    ports: ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port, targetPort: p.targetPort ?? p.port, nodePort: null })),
    selector: o.selector === undefined ? { app: 'web' } : o.selector,
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
      metadata: { name, namespace: ns, uid: `svc-uid-${name}`, creationTimestamp: '2026-01-01T00:00:00Z', ...(o.labels ? { labels: o.labels } : {}) },
      spec: {
        clusterIP,
        ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })),
      },
    },
  };
}

const run = (services: ServiceState[], pods: PodState[], given: KubeObject[] = [], nodes?: NodeState[]) => runEndpointControllers({ services, pods, given, nodes });
const eps = (slice: KubeObject) => (slice.endpoints ?? []) as Record<string, any>[];

// ---- endpoint conditions ----------------------------------------------------------------------

describe('EndpointSlice endpoints (staging/src/k8s.io/endpointslice/utils.go podToEndpoint)', () => {
  it.each<[string, PodOpts, boolean, { ready: boolean; serving: boolean; terminating: boolean } | null]>([
    ['ready pod: ready and serving', {}, false, { ready: true, serving: true, terminating: false }],
    ['unready pod: neither ready nor serving', { ready: false }, false, { ready: false, serving: false, terminating: false }],
    ['terminating ready pod: never ready unless publishNotReadyAddresses, still serving', { terminating: true }, false, { ready: false, serving: true, terminating: true }],
    ['terminating pod with publishNotReadyAddresses: ready', { terminating: true }, true, { ready: true, serving: true, terminating: true }],
    ['unready pod with publishNotReadyAddresses: ready, not serving', { ready: false }, true, { ready: true, serving: false, terminating: false }],
    ['util.ShouldPodBeInEndpoints: no IP → left out', { ip: null, node: null }, false, null],
    ['util.ShouldPodBeInEndpoints: Succeeded pod is terminal → left out', { phase: 'Succeeded' }, false, null],
    ['util.ShouldPodBeInEndpoints: Failed pod is terminal → left out', { phase: 'Failed' }, false, null],
  ])('%s', (_name, podOpts, pna, conditions) => {
    const r = run([svc('web', { publishNotReadyAddresses: pna })], [pod('p1', { ...podOpts, ip: podOpts.ip === undefined ? '10.244.1.5' : podOpts.ip })]);
    const list = r.slices.flatMap(eps);
    if (!conditions) expect(list).toEqual([]);
    else expect(list[0].conditions).toEqual(conditions);
  });

  it('endpoint carries addresses, targetRef Pod and nodeName', () => {
    const r = run([svc('web')], [pod('p1', { ip: '10.244.1.5' })]);
    expect(eps(r.slices[0])[0]).toEqual({
      addresses: ['10.244.1.5'],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: 'default', name: 'p1', uid: 'uid-p1' },
      nodeName: 'kind-worker',
    });
  });

  it.each<[string, PodOpts, string | undefined]>([
    ['util.ShouldSetHostname: hostname set when subdomain is the Service name', { hostname: 'db-0', subdomain: 'web' }, 'db-0'],
    ['util.ShouldSetHostname: other subdomain → no hostname', { hostname: 'db-0', subdomain: 'other' }, undefined],
  ])('%s', (_n, o, hostname) => {
    const r = run([svc('web')], [pod('p1', o)]);
    expect(eps(r.slices[0])[0].hostname).toBe(hostname);
  });
});

// ---- slice shape ------------------------------------------------------------------------------

describe('EndpointSlice objects (reconciler.go, utils.go newEndpointSlice/setEndpointSliceLabels)', () => {
  it('one slice named <service>-<5 chars> with labels, ownerReference, addressType and ports', () => {
    const s = svc('web', { labels: { tier: 'front', 'kubernetes.io/service-name': 'spoof' }, ports: [{ name: 'http', port: 80, targetPort: 8080, appProtocol: 'http' }] });
    const slice = run([s], [pod('p1')]).slices[0];
    expect(slice.metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata!.generateName).toBe('web-');
    // Reserved keys on the Service are skipped; service-name and managed-by are the controller's.
    expect(slice.metadata!.labels).toEqual({ tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid-web', controller: true, blockOwnerDeletion: true }]);
    expect(slice.metadata!.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z' });
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 8080, appProtocol: 'http' }]);
  });

  it('setEndpointSliceLabels: a headless Service (clusterIP None) adds service.kubernetes.io/headless', () => {
    const slice = run([svc('db', { clusterIP: 'None' })], [pod('p1')]).slices[0];
    expect(slice.metadata!.labels!['service.kubernetes.io/headless']).toBe('');
  });

  it('names are stable: the same inputs give the same names; an unrelated Service does not move them', () => {
    const a = run([svc('web')], [pod('p1', { ip: '10.244.1.5' })]).slices[0].metadata!.name;
    const b = run([svc('other', { selector: { app: 'x' } }), svc('web')], [pod('p1', { ip: '10.244.1.5' })]).slices.find((s) => s.metadata!.labels!['kubernetes.io/service-name'] === 'web')!.metadata!
      .name;
    expect(b).toBe(a);
  });

  it('reconciler.go placeholder: a Service selecting nothing still gets one slice, endpoints/ports null', () => {
    const r = run([svc('web', { selector: { app: 'none' } })], [pod('p1')]);
    expect(r.slices).toHaveLength(1);
    expect(r.slices[0].endpoints).toBeNull();
    expect(r.slices[0].ports).toBeNull();
  });

  it('placeholder: pods without an address yet give the same slice and Endpoints as a Service selecting nothing', () => {
    const pending = run([svc('web')], [pod('p1', { ip: null }), pod('p2', { ip: null })]);
    const none = run([svc('web', { selector: { app: 'none' } })], [pod('p1', { ip: null })]);
    expect(JSON.stringify(pending.slices)).toBe(JSON.stringify(none.slices));
    expect(JSON.stringify(pending.endpoints)).toBe(JSON.stringify(none.endpoints));
    expect(pending.endpoints[0].subsets).toBeUndefined();
  });

  it('maxEndpointsPerSlice 100: 250 pods give slices of 100, 100 and 50', () => {
    const pods = Array.from({ length: 250 }, (_, i) => pod(`p${i}`, { ip: `10.244.${Math.floor(i / 200)}.${i % 200}` }));
    const r = run([svc('web')], pods);
    expect(r.slices.map((s) => eps(s).length)).toEqual([100, 100, 50]);
    expect(new Set(r.slices.map((s) => s.metadata!.name)).size).toBe(3);
  });

  it('syncService: ExternalName Services get no slices and no Endpoints (issues.k8s.io/105986)', () => {
    const r = run([svc('ext', { type: 'ExternalName' })], [pod('p1')]);
    expect(r.slices).toEqual([]);
    expect(r.endpoints).toEqual([]);
  });

  it('pods are selected in the Service namespace only', () => {
    const r = run([svc('web', { ns: 'a' })], [pod('p1', { ns: 'b' }), pod('p2', { ns: 'a' })]);
    expect(r.slices.flatMap(eps).map((e) => e.targetRef.name)).toEqual(['p2']);
  });
});

// ---- named ports ------------------------------------------------------------------------------

describe('named targetPort (utils.go FindPort, reconcileByAddressType grouping by port map)', () => {
  const s = svc('web', { ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
  it.each<[string, PodState[], { ports: unknown; pods: string[] }[]]>([
    [
      'same port number on every pod: one slice',
      [pod('a', { ports: [{ name: 'web', containerPort: 8080 }] }), pod('b', { ports: [{ name: 'web', containerPort: 8080 }] })],
      [{ ports: [{ name: 'http', protocol: 'TCP', port: 8080 }], pods: ['a', 'b'] }],
    ],
    [
      'different numbers for the name: one slice per port set',
      [pod('a', { ports: [{ name: 'web', containerPort: 8080 }] }), pod('b', { ports: [{ name: 'web', containerPort: 9090 }] })],
      [
        { ports: [{ name: 'http', protocol: 'TCP', port: 8080 }], pods: ['a'] },
        { ports: [{ name: 'http', protocol: 'TCP', port: 9090 }], pods: ['b'] },
      ],
    ],
    [
      'a pod without the named port lands in a slice without that port',
      [pod('a', { ports: [{ name: 'web', containerPort: 8080 }] }), pod('b', { ports: [{ name: 'other', containerPort: 8080 }] })],
      [
        { ports: [{ name: 'http', protocol: 'TCP', port: 8080 }], pods: ['a'] },
        { ports: null, pods: ['b'] },
      ],
    ],
    ['protocol must match too (UDP container port does not serve a TCP Service port)', [pod('a', { ports: [{ name: 'web', containerPort: 8080, protocol: 'UDP' }] })], [{ ports: null, pods: ['a'] }]],
  ])('%s', (_n, pods, expected) => {
    const r = run([s], pods);
    expect(r.slices.map((sl) => ({ ports: sl.ports, pods: eps(sl).map((e) => e.targetRef.name) }))).toEqual(expected);
  });
});

// ---- selector-less Services -------------------------------------------------------------------

describe('Services without a selector', () => {
  const manual = svc('ext-db', { selector: null, ports: [{ name: 'pg', port: 5432 }] });
  it('user-given EndpointSlices (label kubernetes.io/service-name) feed the index; none are generated', () => {
    const given: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'ext-db-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'ext-db' } },
      addressType: 'IPv4',
      ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
      endpoints: [{ addresses: ['192.168.10.9'] }, { addresses: ['192.168.10.3'], conditions: { ready: false } }],
    };
    const r = run([manual], [], [given]);
    expect(r.slices).toEqual([]);
    expect(r.endpoints).toEqual([]);
    expect(r.index.get(servicePortKey(manual, { name: 'pg', protocol: 'TCP' }))!.map((e) => [e.ip, e.ready])).toEqual([
      ['192.168.10.3', false],
      ['192.168.10.9', true],
    ]);
  });

  it('endpointslicemirroring: a user-given Endpoints is mirrored into a slice (ready from addresses/notReadyAddresses)', () => {
    const given: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'ext-db', namespace: 'default', uid: 'ep-uid', labels: { team: 'a' }, annotations: { note: 'x', 'endpoints.kubernetes.io/last-change-trigger-time': 't' } },
      subsets: [{ addresses: [{ ip: '192.168.10.9' }], notReadyAddresses: [{ ip: '192.168.10.10' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }],
    };
    const r = run([manual], [], [given]);
    expect(r.slices).toHaveLength(1);
    const m = r.slices[0];
    expect(m.metadata!.name).toMatch(/^ext-db-[a-z0-9]{5}$/);
    expect(m.metadata!.labels).toEqual({ team: 'a', 'kubernetes.io/service-name': 'ext-db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' });
    expect(m.metadata!.annotations).toEqual({ note: 'x' });
    expect(m.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Endpoints', name: 'ext-db', uid: 'ep-uid', controller: true, blockOwnerDeletion: true }]);
    expect(m.endpoints).toEqual([
      { addresses: ['192.168.10.9'], conditions: { ready: true } },
      { addresses: ['192.168.10.10'], conditions: { ready: false } },
    ]);
    expect(r.index.get('default/ext-db:pg/TCP')!.map((e) => `${e.ip}:${e.port}:${e.ready}:${e.serving}`)).toEqual(['192.168.10.10:5432:false:true', '192.168.10.9:5432:true:true']);
  });

  it.each([
    ['skip-mirror label', { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }],
    ['leader-election annotation', { annotations: { 'control-plane.alpha.kubernetes.io/leader': '{}' } }],
  ])('shouldMirror: Endpoints with a %s are not mirrored', (_n, meta) => {
    const given: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'ext-db', namespace: 'default', ...meta },
      subsets: [{ addresses: [{ ip: '192.168.10.9' }], ports: [{ name: 'pg', port: 5432 }] }],
    };
    expect(run([manual], [], [given]).slices).toEqual([]);
  });

  it('EndpointsAdapter: default/kubernetes gets the control-plane addresses on 6443 when nodes are known', () => {
    const k = svc('kubernetes', { selector: null, ports: [{ name: 'https', port: 443, targetPort: 6443 }], clusterIP: '10.96.0.1' });
    const node = { name: 'kind-control-plane', role: 'control-plane', internalIP: '172.18.0.2', labels: {} } as unknown as NodeState;
    const r = run([k], [], [], [node]);
    expect(r.endpoints[0].subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    expect(r.endpoints[0].metadata!.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    expect(r.slices[0].metadata!.name).toBe('kubernetes');
    expect(r.index.get('default/kubernetes:https/TCP')!.map((e) => `${e.ip}:${e.port}`)).toEqual(['172.18.0.2:6443']);
  });
});

// ---- pasted cluster state ---------------------------------------------------------------------

describe('existing managed slices (reconciler.go reconcileByPortMapping, finalize)', () => {
  const s = svc('web');
  const managedLabels = { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };
  const existing = (name: string, owner: string, endpoints: unknown[]): KubeObject => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: managedLabels, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: owner }] },
    addressType: 'IPv4',
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    endpoints,
  });
  const ep = (ip: string, name: string) => ({
    addresses: [ip],
    conditions: { ready: true, serving: true, terminating: false },
    targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` },
    nodeName: 'kind-worker',
  });

  it('an owned slice that already matches is kept as is (same name, nothing deleted)', () => {
    const old = existing('web-abcde', 'svc-uid-web', [ep('10.244.1.5', 'p1')]);
    const r = run([s], [pod('p1', { ip: '10.244.1.5' })], [old]);
    expect(r.slices.map((x) => x.metadata!.name)).toEqual(['web-abcde']);
    expect(r.deleted).toEqual([]);
  });

  it('an owned slice with a gone pod is updated in place, keeping its name', () => {
    const old = existing('web-abcde', 'svc-uid-web', [ep('10.244.1.5', 'p1'), ep('10.244.1.6', 'gone')]);
    const r = run([s], [pod('p1', { ip: '10.244.1.5' })], [old]);
    expect(r.slices.map((x) => [x.metadata!.name, eps(x).length])).toEqual([['web-abcde', 1]]);
  });

  it('ownedBy: a slice owned by another uid is deleted and a new one created', () => {
    const old = existing('web-zzzzz', 'someone-else', [ep('10.244.1.5', 'p1')]);
    const r = run([s], [pod('p1', { ip: '10.244.1.5' })], [old]);
    expect(r.deleted).toEqual(['EndpointSlice/default/web-zzzzz']);
    expect(r.slices[0].metadata!.name).not.toBe('web-zzzzz');
  });
});

// ---- kube-proxy's index -----------------------------------------------------------------------

describe('index (pkg/proxy/endpointslicecache.go)', () => {
  it('one entry per Service port, endpoints sorted by "ip:port" string with resolved ports and pods', () => {
    const s = svc('web', {
      ports: [
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'dns', port: 53, targetPort: 5353, protocol: 'UDP' },
      ],
    });
    const r = run([s], [pod('b', { ip: '10.244.1.10' }), pod('a', { ip: '10.244.1.9', node: 'kind-worker2', ready: false })]);
    expect(r.index.get('default/web:http/TCP')!.map((e) => ({ ip: e.ip, port: e.port, pod: e.podKey, node: e.nodeName, ready: e.ready }))).toEqual([
      { ip: '10.244.1.10', port: 8080, pod: 'Pod/default/b', node: 'kind-worker', ready: true },
      { ip: '10.244.1.9', port: 8080, pod: 'Pod/default/a', node: 'kind-worker2', ready: false },
    ]);
    expect(r.index.get('default/web:dns/UDP')!.map((e) => `${e.ip}:${e.port}/${e.protocol}`)).toEqual(['10.244.1.10:5353/UDP', '10.244.1.9:5353/UDP']);
  });

  // Timing lives in `npm run bench`; this only checks that a large input goes through the label index correctly.
  it('scale: 2,000 Services × 30,000 pods, one slice per Service', () => {
    const pods: PodState[] = [];
    const services: ServiceState[] = [];
    for (let i = 0; i < 2000; i++) {
      services.push(svc(`s${i}`, { ns: `ns${i % 100}`, selector: { app: `a${i}` } }));
      for (let j = 0; j < 15; j++) pods.push(pod(`p${i}-${j}`, { ns: `ns${i % 100}`, labels: { app: `a${i}`, tier: 'x' }, ip: `10.${(i >> 8) & 255}.${i & 255}.${j}` }));
    }
    const r = run(services, pods);
    expect(r.slices).toHaveLength(2000);
    expect(r.index.size).toBe(2000);
    expect(r.index.get('ns7/s7:/TCP')?.length ?? [...r.index.values()][7].length).toBe(15);
  }, 60_000);
});
