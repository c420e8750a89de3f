import { describe, expect, it } from 'vitest';
import type { EndpointState, ServiceState } from '../cluster/state';
import type { KubeObject, ObjectKey } from '../model/types';
import { healthCheckNodePortResponse, runLoadBalancerController, type LBProvider } from './load-balancer';

interface SvcOpts {
  ns?: string;
  type?: ServiceState['type'];
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  loadBalancerIP?: string;
  loadBalancerClass?: string;
  status?: string[];
  ports?: { port: number; protocol?: 'TCP' | 'UDP' }[];
  etp?: 'Cluster' | 'Local';
}
function svc(name: string, o: SvcOpts = {}): ServiceState {
  const ns = o.ns ?? 'default';
  const ports = o.ports ?? [{ port: 80 }];
  return {
    key: `Service/${ns}/${name}` as ObjectKey,
    namespace: ns,
    name,
    uid: `uid-${name}`,
    type: o.type ?? 'LoadBalancer',
    clusterIP: '10.96.0.10',
    headless: false,
    externalName: null,
    ports: ports.map((p) => ({ name: '', protocol: p.protocol ?? 'TCP', port: p.port, targetPort: p.port, nodePort: 30000 + p.port })),
    selector: { app: name },
    sessionAffinity: 'None',
    affinityTimeoutSeconds: 10800,
    externalTrafficPolicy: o.etp ?? 'Cluster',
    internalTrafficPolicy: 'Cluster',
    externalIPs: [],
    loadBalancerIPs: o.status ?? [],
    healthCheckNodePort: null,
    publishNotReadyAddresses: false,
    createdAt: 0,
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns, ...(o.annotations ? { annotations: o.annotations } : {}), ...(o.labels ? { labels: o.labels } : {}) },
      spec: { type: o.type ?? 'LoadBalancer', ...(o.loadBalancerIP ? { loadBalancerIP: o.loadBalancerIP } : {}), ...(o.loadBalancerClass ? { loadBalancerClass: o.loadBalancerClass } : {}) },
    },
  };
}
const pool = (name: string, addresses: string[], spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata: { name, namespace: 'metallb-system' },
  spec: { addresses, autoAssign: true, ...spec },
});
const run = (services: ServiceState[], pools: KubeObject[] = [], provider: LBProvider = 'auto') => runLoadBalancerController({ services, pools, provider, nodes: [] });
const ipOf = (r: ReturnType<typeof run>, name: string, ns = 'default') => r.ingress.get(`Service/${ns}/${name}` as ObjectKey);
const inRange = (ip: string | undefined, lo: number, hi: number, prefix: string) => !!ip && ip.startsWith(prefix) && Number(ip.split('.')[3]) >= lo && Number(ip.split('.')[3]) <= hi;

describe('provider selection', () => {
  it.each<[string, LBProvider, KubeObject[], boolean]>([
    ["'auto' without a declared IPAddressPool: no MetalLB, Services stay pending (bare kind)", 'auto', [], false],
    ["'auto' with a declared pool: MetalLB allocates", 'auto', [pool('p', ['172.18.255.200-172.18.255.250'])], true],
    ["'none': never allocates, even with a pool", 'none', [pool('p', ['172.18.255.200-172.18.255.250'])], false],
    ["'pool' without a declared pool: the default 192.168.49.200-250 range", 'pool', [], true],
  ])('%s', (_n, provider, pools, allocates) => {
    const r = run([svc('web')], pools, provider);
    expect(ipOf(r, 'web') !== undefined).toBe(allocates);
    expect(r.diagnostics).toEqual([]);
  });

  it("'pool' default range: address inside 192.168.49.200-250, pool annotation value 'default'", () => {
    const r = run([svc('web')], [], 'pool');
    expect(inRange(ipOf(r, 'web')![0], 200, 250, '192.168.49.')).toBe(true);
    expect(r.allocatedFrom.get('Service/default/web' as ObjectKey)).toBe('default');
  });

  it('non-LoadBalancer Services are not touched (convergeBalancer: notLoadBalancer)', () => {
    expect(run([svc('c', { type: 'NodePort' })], [pool('p', ['10.0.0.0/30'])]).ingress.size).toBe(0);
  });
});

describe('allocation (metallb controller/service.go allocateIPs, internal/allocator)', () => {
  const p = pool('p', ['172.18.255.200-172.18.255.210']);
  it.each<[string, SvcOpts, KubeObject[], string[] | undefined, string | null]>([
    ['spec.loadBalancerIP honoured', { loadBalancerIP: '172.18.255.205' }, [p], ['172.18.255.205'], null],
    ['metallb.io/loadBalancerIPs annotation honoured', { annotations: { 'metallb.io/loadBalancerIPs': '172.18.255.207' } }, [p], ['172.18.255.207'], null],
    ['deprecated metallb.universe.tf/loadBalancerIPs honoured', { annotations: { 'metallb.universe.tf/loadBalancerIPs': '172.18.255.201' } }, [p], ['172.18.255.201'], null],
    [
      'getDesiredLbIPs: annotation and spec.loadBalancerIP together',
      { loadBalancerIP: '172.18.255.205', annotations: { 'metallb.io/loadBalancerIPs': '172.18.255.206' } },
      [p],
      undefined,
      'Failed to allocate IP for "default/web": service can not have both metallb.io/loadBalancerIPs and svc.Spec.LoadBalancerIP',
    ],
    [
      'getDesiredLbIPs: unparsable annotation',
      { annotations: { 'metallb.io/loadBalancerIPs': '172.18.255.300' } },
      [p],
      undefined,
      'Failed to allocate IP for "default/web": invalid metallb.io/loadBalancerIPs: "172.18.255.300"',
    ],
    ['Assign: requested IP outside every pool', { loadBalancerIP: '10.1.2.3' }, [p], undefined, 'Failed to allocate IP for "default/web": ["10.1.2.3"] is not allowed in config'],
    [
      'allocateIPs: IPv6 request for an IPv4 Service',
      { annotations: { 'metallb.io/loadBalancerIPs': 'fd00::1' } },
      [p],
      undefined,
      'Failed to allocate IP for "default/web": requested loadBalancer IP(s) ["fd00::1"] does not match the ipFamily of the service',
    ],
    [
      'allocateIPs: requested IP and requested pool disagree',
      { loadBalancerIP: '172.18.255.205', annotations: { 'metallb.io/address-pool': 'other' } },
      [p, pool('other', ['10.9.0.0/29'])],
      undefined,
      'Failed to allocate IP for "default/web": requested loadBalancer IP(s) ["172.18.255.205"] is not compatible with requested address pool other',
    ],
    ['AllocateFromPool: metallb.io/address-pool picks the pool', { annotations: { 'metallb.io/address-pool': 'other' } }, [p, pool('other', ['10.9.0.8/32'])], ['10.9.0.8'], null],
    ['AllocateFromPool: unknown pool', { annotations: { 'metallb.io/address-pool': 'nope' } }, [p], undefined, 'Failed to allocate IP for "default/web": unknown pool "nope"'],
    ['Allocate: autoAssign false pools are skipped', {}, [pool('manual', ['10.9.0.0/29'], { autoAssign: false })], undefined, 'Failed to allocate IP for "default/web": no available IPs'],
    ['filterByLoadBalancerClass: a Service with a loadBalancerClass is ignored', { loadBalancerClass: 'example.com/lb' }, [p], undefined, null],
    ['pasted status.loadBalancer.ingress inside a pool is kept', { status: ['172.18.255.209'] }, [p], ['172.18.255.209'], null],
    ['pasted status with a loadBalancerClass is kept as is', { status: ['34.1.2.3'], loadBalancerClass: 'example.com/lb' }, [p], ['34.1.2.3'], null],
  ])('%s', (_n, o, pools, ips, message) => {
    const r = run([svc('web', o)], pools);
    expect(ipOf(r, 'web')).toEqual(ips);
    expect(r.diagnostics.map((d) => d.message)).toEqual(message ? [message] : []);
    if (message) expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', kind: 'Service', namespace: 'default', name: 'web', reason: 'AllocationFailed' });
  });

  it('convergeBalancer: a pasted address outside the pools is cleared and a new one allocated', () => {
    const r = run([svc('web', { status: ['34.1.2.3'] })], [p]);
    expect(inRange(ipOf(r, 'web')![0], 200, 210, '172.18.255.')).toBe(true);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['current IP for "default/web" not allowed by config, will attempt for new IP assignment: ["34.1.2.3"] is not allowed in config']);
  });

  it('a full pool leaves the next Service pending with "no available IPs"', () => {
    const r = run([svc('a'), svc('b')], [pool('tiny', ['10.9.0.5/32'])]);
    expect(ipOf(r, 'a')).toEqual(['10.9.0.5']);
    expect(ipOf(r, 'b')).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual(['Failed to allocate IP for "default/b": no available IPs']);
  });

  it('a full requested pool: MetalLB assigns the nil address and logs ["<nil>"] is not allowed in config', () => {
    const r = run([svc('a'), svc('b', { annotations: { 'metallb.io/address-pool': 'tiny' } })], [pool('tiny', ['10.9.0.5/32'])]);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['Failed to allocate IP for "default/b": ["<nil>"] is not allowed in config']);
  });

  it('checkSharing: the same requested IP without a sharing key goes to the first Service only', () => {
    const r = run([svc('a', { loadBalancerIP: '172.18.255.205' }), svc('b', { loadBalancerIP: '172.18.255.205' })], [p]);
    expect(ipOf(r, 'b')).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual(['Failed to allocate IP for "default/b": can\'t change sharing key for "default/b", address also in use by default/a']);
  });

  it('allow-shared-ip: same key, different ports share the address; overlapping ports do not', () => {
    const ann = { 'metallb.io/allow-shared-ip': 'dns' };
    const r = run(
      [
        svc('tcp', { annotations: ann, ports: [{ port: 53 }] }),
        svc('udp', { annotations: ann, ports: [{ port: 53, protocol: 'UDP' }] }),
        svc('dup', { annotations: ann, ports: [{ port: 53 }], loadBalancerIP: '' }),
      ],
      [p],
    );
    expect(ipOf(r, 'udp')).toEqual(ipOf(r, 'tcp'));
    expect(ipOf(r, 'dup')).toBeDefined();
    expect(ipOf(r, 'dup')).not.toEqual(ipOf(r, 'tcp'));
  });

  it('serviceAllocation: a namespace-pinned pool serves its namespace first; others use the open pool', () => {
    const pinned = pool('team', ['10.50.0.0/30'], { serviceAllocation: { priority: 10, namespaces: ['team'] } });
    const r = run([svc('a', { ns: 'team' }), svc('b')], [p, pinned]);
    expect(ipOf(r, 'a', 'team')![0]).toMatch(/^10\.50\.0\./);
    expect(ipOf(r, 'b')![0]).toMatch(/^172\.18\.255\./);
  });

  it('avoidBuggyIPs: .0 and .255 are never handed out', () => {
    const r = run(
      Array.from({ length: 254 }, (_, i) => svc(`s${i}`)),
      [pool('p', ['10.1.0.0/24'], { avoidBuggyIPs: true })],
    );
    const all = [...r.ingress.values()].flat();
    expect(all).toHaveLength(254);
    expect(all.some((ip) => ip.endsWith('.0') || ip.endsWith('.255'))).toBe(false);
  });

  it('deterministic and stable under unrelated edits: the address comes from the Service key, not its position', () => {
    const wide = pool('wide', ['10.20.0.0/24']);
    const before = run([svc('a'), svc('b')], [wide]);
    const after = run([svc('zzz'), svc('b'), svc('a')], [wide]);
    expect(ipOf(after, 'a')).toEqual(ipOf(before, 'a'));
    expect(ipOf(after, 'b')).toEqual(ipOf(before, 'b'));
    expect(run([svc('a'), svc('b')], [wide]).ingress).toEqual(before.ingress);
  });

  it('probing: a Service whose slot is taken moves to the next free address, earlier Services keep theirs', () => {
    const tiny = pool('tiny', ['10.9.0.1-10.9.0.3']);
    const r = run([svc('a'), svc('b'), svc('c')], [tiny]);
    expect(new Set([...r.ingress.values()].flat())).toEqual(new Set(['10.9.0.1', '10.9.0.2', '10.9.0.3']));
    expect(ipOf(run([svc('a')], [tiny]), 'a')).toEqual(ipOf(r, 'a'));
  });
});

describe('healthCheckNodePortResponse (pkg/proxy/healthcheck/service_health.go hcHandler)', () => {
  const s = svc('web', { etp: 'Local' });
  const ep = (ip: string, node: string, ready = true, port = 8080): EndpointState => ({ ip, port, protocol: 'TCP', podKey: null, nodeName: node, ready, serving: ready, terminating: false });
  const body = (n: number) => `{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "web"\n\t},\n\t"localEndpoints": ${n},\n\t"serviceProxyHealthy": true\n}`;
  it.each<[string, EndpointState[], 200 | 503, number]>([
    ['a ready local endpoint → 200', [ep('10.244.1.2', 'w1')], 200, 1],
    ['getLocalReadyEndpointIPs: counted once per IP across ports', [ep('10.244.1.2', 'w1'), ep('10.244.1.2', 'w1', true, 9090), ep('10.244.1.3', 'w1')], 200, 2],
    ['endpoints only on other nodes → 503', [ep('10.244.2.2', 'w2')], 503, 0],
    ['only a terminating/unready local endpoint → 503 (ready endpoints only)', [ep('10.244.1.2', 'w1', false)], 503, 0],
    ['no endpoints → 503', [], 503, 0],
  ])('%s', (_n, endpoints, status, count) => {
    expect(healthCheckNodePortResponse({ service: s, nodeName: 'w1', endpoints })).toEqual({ status, body: body(count) });
  });
});
