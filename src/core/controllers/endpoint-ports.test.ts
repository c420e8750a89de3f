import { describe, expect, it } from 'vitest';
import type { PodState, ServicePortState } from '../cluster/state';
import { fnv128aHex } from './go-hash';
import { findPort, sortSlicePorts, type EndpointPortSpec } from './endpoint-ports';

const pod = (containers: PodState['containers'], initContainers: unknown[] = []): PodState => ({ containers, object: { spec: { initContainers } } }) as unknown as PodState;
const c = (ports: [string | null, number, 'TCP' | 'UDP'][]) => ({
  name: 'c',
  image: 'x',
  env: [],
  envFrom: [],
  ports: ports.map(([name, containerPort, protocol]) => ({ name, containerPort, protocol })),
});
const sp = (targetPort: number | string, protocol: 'TCP' | 'UDP' = 'TCP'): ServicePortState => ({ name: '', protocol, port: 80, targetPort, nodePort: null });

describe('FindPort (staging/src/k8s.io/endpointslice/utils.go)', () => {
  it.each<[string, PodState, ServicePortState, number | null]>([
    ['numeric targetPort is used as is, even if no container declares it', pod([c([])]), sp(9999), 9999],
    ['named targetPort: first container port with that name and protocol', pod([c([['web', 8080, 'TCP']]), c([['web', 9090, 'TCP']])]), sp('web'), 8080],
    ['named targetPort: protocol must match', pod([c([['dns', 53, 'UDP']])]), sp('dns'), null],
    ['named targetPort: a restartable init container (sidecar) counts', pod([c([])], [{ name: 's', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }] }]), sp('proxy'), 15001],
    ['named targetPort: an ordinary init container does not', pod([c([])], [{ name: 'i', ports: [{ name: 'proxy', containerPort: 15001 }] }]), sp('proxy'), null],
    ['no such name: no suitable port', pod([c([['http', 80, 'TCP']])]), sp('web'), null],
  ])('%s', (_n, p, port, expected) => {
    expect(findPort(p, port)).toBe(expected);
  });
});

describe('EndpointSlice port order (util.NewPortMapKey sorts portsInOrder in place)', () => {
  const dump = (p: EndpointPortSpec) => `(discovery.EndpointPort){Name:(*string)${p.name} Protocol:(*v1.Protocol)${p.protocol} Port:(*int32)${p.port} AppProtocol:(*string)<nil>}`;
  it.each<[string, EndpointPortSpec[], number[]]>([
    // kind's kube-dns slice lists its ports as 9153,53,53 in `kubectl get endpointslices -n kube-system`.
    [
      'kube-dns: dns/UDP 53, dns-tcp/TCP 53, metrics/TCP 9153',
      [
        { name: 'dns', port: 53, protocol: 'UDP', appProtocol: null },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', appProtocol: null },
        { name: 'metrics', port: 9153, protocol: 'TCP', appProtocol: null },
      ],
      [9153, 53, 53],
    ],
  ])('%s', (_n, ports, expected) => {
    const sorted = sortSlicePorts(ports);
    expect(sorted.map((p) => p.port)).toEqual(expected);
    const hashes = sorted.map((p) => fnv128aHex(dump(p)));
    expect([...hashes].sort()).toEqual(hashes);
  });
});
