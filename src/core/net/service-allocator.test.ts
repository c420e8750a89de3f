// Allocator behaviour. Sources: pkg/registry/core/service/storage/alloc.go (allocateCreate,
// initIPFamilyFields, initNodePorts, allocHealthCheckNodePort, allocateUpdate),
// ipallocator/ipallocator.go + cidrallocator.go (KEP-3070 bands, PrefixContainsIP),
// portallocator/allocator.go (KEP-3668 bands, error texts), storage.go patchAllocatedValues,
// strategy.go dropTypeDependentFields.
import { describe, expect, it } from 'vitest';
import { errorBody, fieldErrorString } from '../model/field';
import type { KubeObject } from '../model/types';
import { serviceRules } from '../manifest/validate/service';
import type { Rec } from '../manifest/validate/service-wire';
import { formatIPv4, parseIPv4 } from './ipv4';
import { clusterIPStaticBand, createServiceAllocator, nodePortStaticBand, patchAllocatedValues } from './service-allocator';

const net = { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' };
const ctx = { net };
const alloc = (over: Partial<typeof net> = {}, pinnedClusterIPs: string[] = [], pinnedNodePorts: number[] = [], seed = 1) =>
  createServiceAllocator({ ...net, ...over }, { seed, pinnedClusterIPs: new Set(pinnedClusterIPs), pinnedNodePorts: new Set(pinnedNodePorts) });

/** A Service defaulted as the registry does before allocation. */
function svc(spec: Rec, name = 'web'): KubeObject {
  const o: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
  serviceRules.default!(o, ctx);
  return o;
}
const spec = (o: KubeObject) => o.spec as Rec;
const ports = (o: KubeObject) => (spec(o).ports as Rec[]).map((p) => p.nodePort);
const msgs = (errs: ReturnType<ReturnType<typeof alloc>['allocate']>) => errs.map(fieldErrorString);
const key = (n: string) => `Service/default/${n}`;

describe('preference bands', () => {
  it.each([
    [1 << 20, 256, 'a /12 reserves the first 256 addresses for static use'],
    [256, 16, '/24: max(16, 256/16)'],
    [1024, 64, '/22: 1024/16'],
    [16, 0, '/28 and smaller: no static band'],
  ])('clusterIPStaticBand(%i) = %i (%s)', (size, want) => expect(clusterIPStaticBand(size)).toBe(want));

  it.each([
    [2768, 86, 'default 30000-32767: 2768/32'],
    [100, 16, 'minimum 16'],
    [10000, 128, 'maximum 128'],
    [10, 0, 'tiny ranges: no static band'],
  ])('nodePortStaticBand(%i) = %i (%s)', (size, want) => expect(nodePortStaticBand(size)).toBe(want));
});

describe('automatic allocation', () => {
  it('fills clusterIP(s), ipFamilies, ipFamilyPolicy; the IP comes from the dynamic band', () => {
    const o = svc({});
    expect(alloc().allocate(o, key('web'))).toEqual([]);
    const s = spec(o);
    expect(s.clusterIPs).toEqual([s.clusterIP]);
    expect(s.ipFamilies).toEqual(['IPv4']);
    expect(s.ipFamilyPolicy).toBe('SingleStack');
    const n = parseIPv4(s.clusterIP)!;
    expect(n).toBeGreaterThanOrEqual(parseIPv4('10.96.1.1')!);
    expect(n).toBeLessThanOrEqual(parseIPv4('10.111.255.254')!);
  });

  it('is a pure function of seed and key, and stable when other Services come and go', () => {
    const a = svc({});
    alloc().allocate(a, key('web'));
    const b = svc({});
    const other = alloc();
    other.allocate(svc({}, 'unrelated'), key('unrelated'));
    other.allocate(b, key('web'));
    expect(spec(b).clusterIP).toBe(spec(a).clusterIP);
    const c = svc({});
    alloc({}, [], [], 2).allocate(c, key('web'));
    expect(spec(c).clusterIP).not.toBe(spec(a).clusterIP);
  });

  it('avoids values pinned anywhere in the text', () => {
    const a = svc({ type: 'NodePort' });
    alloc().allocate(a, key('web'));
    const b = svc({ type: 'NodePort' });
    alloc({}, [spec(a).clusterIP as string], ports(a) as number[]).allocate(b, key('web'));
    expect(spec(b).clusterIP).not.toBe(spec(a).clusterIP);
    expect(ports(b)).not.toEqual(ports(a));
  });

  it('NodePort: ports get nodePorts from the dynamic band (30086-32767); TCP and UDP of one port number share one', () => {
    const o = svc({ type: 'NodePort', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'x', port: 80 }] });
    expect(alloc().allocate(o, key('web'))).toEqual([]);
    const [a, b, c] = ports(o) as number[];
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    for (const p of [a, c]) expect(p >= 30086 && p <= 32767).toBe(true);
  });

  it('LoadBalancer with allocateLoadBalancerNodePorts=false only keeps explicit nodePorts', () => {
    const o = svc({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81, nodePort: 30081 }] });
    expect(alloc().allocate(o, key('web'))).toEqual([]);
    expect(ports(o)).toEqual([undefined, 30081]);
  });

  it('LoadBalancer + Local gets a healthCheckNodePort; NodePort + Local does not (NeedsHealthCheck)', () => {
    const lb = svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' });
    const np = svc({ type: 'NodePort', externalTrafficPolicy: 'Local' });
    const a = alloc();
    a.allocate(lb, key('lb'));
    a.allocate(np, key('np'));
    expect(spec(lb).healthCheckNodePort).toBeGreaterThanOrEqual(30086);
    expect(spec(lb).healthCheckNodePort).not.toBe(ports(lb)[0]);
    expect(spec(np).healthCheckNodePort).toBeUndefined();
  });

  it.each<[string, Rec, Rec]>([
    ['ExternalName gets no IP and no families', { type: 'ExternalName', externalName: 'a.b' }, { clusterIP: undefined, ipFamilies: undefined, ipFamilyPolicy: undefined }],
    ['headless with selector: single stack', { clusterIP: 'None' }, { clusterIPs: ['None'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' }],
    ['headless selectorless: RequireDualStack with both families, even on a single-stack cluster', { clusterIP: 'None', selector: undefined }, { clusterIPs: ['None'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' }],
    ['PreferDualStack on a single-stack cluster stays IPv4', { ipFamilyPolicy: 'PreferDualStack' }, { ipFamilies: ['IPv4'], ipFamilyPolicy: 'PreferDualStack' }],
    ['explicit clusterIP is kept as written', { clusterIP: '10.96.0.50' }, { clusterIP: '10.96.0.50', clusterIPs: ['10.96.0.50'], ipFamilies: ['IPv4'] }],
  ])('%s', (_n, s, want) => {
    const o = svc(s);
    expect(alloc().allocate(o, key('web'))).toEqual([]);
    for (const [k, v] of Object.entries(want)) expect(spec(o)[k]).toEqual(v);
  });

  it('falls back to the static band when the dynamic band is full', () => {
    const a = alloc({ nodePortRange: { base: 30000, size: 40 } }); // static 30000-30015, dynamic 30016-30039
    const got: number[] = [];
    for (let i = 0; i < 25; i++) {
      const o = svc({ type: 'NodePort' }, `s${i}`);
      expect(a.allocate(o, key(`s${i}`))).toEqual([]);
      got.push(ports(o)[0] as number);
    }
    expect(got.slice(0, 24).every((p) => p >= 30016)).toBe(true);
    expect(got[24]).toBeLessThan(30016);
  });

  it('a full range is an internal error, as upstream', () => {
    const a = alloc({ serviceSubnet: '10.0.0.0/29' }); // 6 usable addresses, .0 and .7 never handed out
    const ips = [];
    for (let i = 0; i < 6; i++) {
      const o = svc({}, `s${i}`);
      a.allocate(o, key(`s${i}`));
      ips.push(spec(o).clusterIP);
    }
    expect(new Set(ips)).toEqual(new Set([1, 2, 3, 4, 5, 6].map((n) => formatIPv4(parseIPv4('10.0.0.0')! + n))));
    const errs = a.allocate(svc({}, 'x'), key('x'));
    expect(errs.map((e) => [e.type, e.field, e.detail])).toEqual([['InternalError', '', 'failed to allocate a serviceIP: range is full']]);
  });
});

describe('explicit values: upstream errors', () => {
  it.each<[string, Rec[], string[]]>([
    ['clusterIP outside the range', [{ clusterIP: '10.0.0.1' }], ['spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: the provided network does not match the current range']],
    ['the network address is never allocated', [{ clusterIP: '10.96.0.0' }], ['spec.clusterIPs: Invalid value: []string{"10.96.0.0"}: failed to allocate IP 10.96.0.0: the provided network does not match the current range']],
    ['the broadcast address is never allocated', [{ clusterIP: '10.111.255.255' }], ['spec.clusterIPs: Invalid value: []string{"10.111.255.255"}: failed to allocate IP 10.111.255.255: the provided network does not match the current range']],
    ['same clusterIP twice: first come, first served', [{ clusterIP: '10.96.0.20' }, { clusterIP: '10.96.0.20' }], ['spec.clusterIPs: Invalid value: []string{"10.96.0.20"}: failed to allocate IP 10.96.0.20: provided IP is already allocated']],
    ['nodePort below the range', [{ type: 'NodePort', ports: [{ port: 80, nodePort: 29999 }] }], ['spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767']],
    ['same nodePort twice', [{ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }], ['spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated']],
    ['one nodePort for two port numbers of one Service', [{ type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, protocol: 'UDP', nodePort: 30080 }] }], ['spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated']],
    ['one nodePort for TCP and UDP of the same port number is fine', [{ type: 'NodePort', ports: [{ name: 'a', port: 53, nodePort: 30053 }, { name: 'b', port: 53, protocol: 'UDP', nodePort: 30053 }] }], []],
    ['findRequestedNodePort: a later port\'s request is reported at the first port with that number', [{ type: 'NodePort', ports: [{ name: 'a', port: 53 }, { name: 'b', port: 53, protocol: 'UDP', nodePort: 29999 }] }], ['spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767']],
    ['IPv6 clusterIP on an IPv4 cluster', [{ clusterIP: '2001:db8::1' }], ['spec.clusterIPs[0]: Invalid value: []string{"2001:db8::1"}: IPv6 is not configured on this cluster']],
    ['RequireDualStack on a single-stack cluster', [{ ipFamilyPolicy: 'RequireDualStack' }], ['spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services']],
    ['IPv6 family on an IPv4 cluster', [{ ipFamilies: ['IPv6'] }], ['spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster']],
    ['SingleStack with two families', [{ ipFamilies: ['IPv4', 'IPv6'] }], ["spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"]],
    ['clusterIPs related validation runs before allocating', [{ clusterIP: 'nope' }], ['spec.clusterIPs[0]: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
  ])('%s', (_n, specs, want) => {
    const a = alloc();
    let last: string[] = [];
    specs.forEach((s, i) => (last = msgs(a.allocate(svc(s, `s${i}`), key(`s${i}`)))));
    expect(last).toEqual(want);
  });

  it('a requested healthCheckNodePort that is taken is an internal error', () => {
    const a = alloc();
    a.allocate(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] }, 'a'), key('a'));
    const errs = a.allocate(svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30100 }, 'b'), key('b'));
    expect(errs.map((e) => [e.type, errorBody(e)])).toEqual([
      ['InternalError', 'Internal error: failed to allocate requested HealthCheck NodePort 30100: provided port is already allocated'],
    ]);
  });

  it('a failed allocate() rolls back what it took; release() frees a created Service', () => {
    const a = alloc();
    // clusterIP is taken, then the nodePort fails: the clusterIP must be free again.
    expect(a.allocate(svc({ clusterIP: '10.96.0.30', type: 'NodePort', ports: [{ port: 80, nodePort: 1 }] }, 'a'), key('a'))).toHaveLength(1);
    const b = svc({ clusterIP: '10.96.0.30', type: 'NodePort', ports: [{ port: 80, nodePort: 30030 }] }, 'b');
    expect(a.allocate(b, key('b'))).toEqual([]);
    a.release(b);
    expect(a.allocate(svc({ clusterIP: '10.96.0.30', type: 'NodePort', ports: [{ port: 80, nodePort: 30030 }] }, 'c'), key('c'))).toEqual([]);
  });

  it('reserve(): system IPs are taken; a keyed reservation can be claimed by its Service', () => {
    const a = alloc();
    a.reserve('10.96.0.1');
    a.reserve('10.96.0.10', key('kube-dns'));
    expect(msgs(a.allocate(svc({ clusterIP: '10.96.0.1' }, 'x'), key('x')))).toEqual([
      'spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    ]);
    expect(a.allocate(svc({ clusterIP: '10.96.0.10' }, 'kube-dns'), key('kube-dns'))).toEqual([]);
    expect(a.allocate(svc({ clusterIP: '10.96.0.10' }, 'y'), key('y'))).toHaveLength(1);
  });
});

describe('patchAllocatedValues (storage.go beginUpdate)', () => {
  const old = () => {
    const o = svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81 }] });
    alloc().allocate(o, key('web'));
    return o;
  };

  it('resubmitting the original YAML keeps clusterIP(s), nodePorts (by port name) and healthCheckNodePort', () => {
    const o = old();
    const n = svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ name: 'b', port: 81 }, { name: 'a', port: 80 }] });
    patchAllocatedValues(n, o);
    expect(spec(n).clusterIP).toBe(spec(o).clusterIP);
    expect(spec(n).clusterIPs).toEqual(spec(o).clusterIPs);
    expect(ports(n)).toEqual([ports(o)[1], ports(o)[0]]);
    expect(spec(n).healthCheckNodePort).toBe(spec(o).healthCheckNodePort);
  });

  it('does not carry a nodePort that the new object already uses elsewhere', () => {
    const o = old();
    const n = svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81, nodePort: ports(o)[0] }] });
    patchAllocatedValues(n, o);
    expect(ports(n)).toEqual([undefined, ports(o)[0]]);
  });

  it('nothing is carried across to types that do not use the value', () => {
    const o = old();
    const n = svc({ type: 'ExternalName', externalName: 'a.b' });
    patchAllocatedValues(n, o);
    expect(spec(n).clusterIP).toBeUndefined();
    const c = svc({ ports: [{ name: 'a', port: 80 }] });
    patchAllocatedValues(c, o);
    expect(ports(c)).toEqual([undefined]);
    expect(spec(c).healthCheckNodePort).toBeUndefined();
  });
});

describe('allocateUpdate (alloc.go allocateUpdate + strategy dropTypeDependentFields)', () => {
  it('ClusterIP → NodePort allocates nodePorts; revert() frees them', () => {
    const a = alloc();
    const o = svc({});
    a.allocate(o, key('web'));
    const n = svc({ type: 'NodePort' });
    patchAllocatedValues(n, o);
    const u = a.allocateUpdate(n, o, key('web'));
    expect(u.errors).toEqual([]);
    expect(spec(n).clusterIP).toBe(spec(o).clusterIP);
    const np = ports(n)[0] as number;
    expect(np).toBeGreaterThanOrEqual(30086);
    expect(serviceRules.validateUpdate!(n, o, ctx)).toEqual([]);
    u.revert();
    expect(a.allocate(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: np }] }, 'x'), key('x'))).toEqual([]);
  });

  it('NodePort → ClusterIP wipes unchanged nodePorts and externalTrafficPolicy; commit() frees them', () => {
    const a = alloc();
    const o = svc({ type: 'NodePort' });
    a.allocate(o, key('web'));
    const np = ports(o)[0] as number;
    const n = svc({ ports: [{ port: 80, nodePort: np }], externalTrafficPolicy: 'Cluster' });
    patchAllocatedValues(n, o);
    const u = a.allocateUpdate(n, o, key('web'));
    expect(u.errors).toEqual([]);
    expect(ports(n)).toEqual([undefined]);
    expect(spec(n).externalTrafficPolicy).toBeUndefined();
    expect(serviceRules.validateUpdate!(n, o, ctx)).toEqual([]);
    u.commit();
    expect(a.allocate(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: np }] }, 'x'), key('x'))).toEqual([]);
  });

  it('ExternalName → ClusterIP allocates a clusterIP', () => {
    const a = alloc();
    const o = svc({ type: 'ExternalName', externalName: 'a.b' });
    a.allocate(o, key('web'));
    const n = svc({});
    const u = a.allocateUpdate(n, o, key('web'));
    expect(u.errors).toEqual([]);
    expect(typeof spec(n).clusterIP).toBe('string');
    expect(spec(n).ipFamilies).toEqual(['IPv4']);
  });
});
