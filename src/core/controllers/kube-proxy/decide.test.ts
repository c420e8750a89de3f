import { describe, expect, it } from 'vitest';
import type { ClusterState, ServiceState } from '../../cluster/state';
import { decide } from './decide';
import { buildProxyTables } from './rules';
import { ep, mkState, svc, TEST_NODE, TEST_NODE_IP, type SvcSpec } from './test-fixtures';
import type { AffinityTable, ProxyDecision, ProxyPacket, RuleRef } from './types';

// proxier_test.go's addressing: pods 10.0.0.0/8, node 192.168.0.2, external client 203.0.113.2,
// blocked client 203.0.113.130, LB source range 203.0.113.0/25.
const EXT = '203.0.113.2';
const EXT_BLOCKED = '203.0.113.130';

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Affinity implements AffinityTable {
  m = new Map<string, { endpoint: string; lastSeen: number }>();
  get(k: string) {
    return this.m.get(k);
  }
  set(k: string, v: { endpoint: string; lastSeen: number }) {
    this.m.set(k, v);
  }
}

function originOf(src: string): ProxyPacket['origin'] {
  if (src === TEST_NODE_IP || src.startsWith('127.')) return 'local-host';
  return src.startsWith('10.') ? 'local-pod' : 'external';
}

/** runPacketFlowTests' output: the sorted set of endpoints reached, or REJECT / DROP / ACCEPT / "". */
function flow(state: ClusterState, src: string, dst: string, dport: number, proto: ProxyPacket['proto'] = 'TCP'): { output: string; masq: boolean | null } {
  const rng = mulberry(7);
  const seen = new Set<string>();
  let masq: boolean | null = null;
  for (let i = 0; i < 200; i++) {
    const d = decide(state, TEST_NODE, { src, srcPort: 40000 + i, dst, dstPort: dport, proto, origin: originOf(src) }, { rng, affinity: new Affinity(), now: 0 });
    if (d.action === 'reject') return { output: 'REJECT', masq: null };
    if (d.action === 'drop') return { output: 'DROP', masq: null };
    if (d.action === 'none') {
      const last = d.rules[d.rules.length - 1];
      return { output: last && last.table === 'filter' && last.chain === 'KUBE-NODEPORTS' ? 'ACCEPT' : '', masq: null };
    }
    seen.add(`${d.endpoint.ip}:${d.endpoint.port}`);
    masq = d.masquerade;
  }
  return { output: [...seen].sort().join(', '), masq };
}

type Flow = { name: string; src: string; dst: string; dport: number; proto?: ProxyPacket['proto']; output: string; masq?: boolean };

function flowTable(state: () => ClusterState, rows: Flow[]) {
  const s = state();
  it.each(rows)('$name', (row) => {
    const got = flow(s, row.src, row.dst, row.dport, row.proto);
    expect(got.output).toBe(row.output);
    if (row.masq !== undefined) expect(got.masq).toBe(row.masq);
  });
}

describe('TestClusterIPGeneral', () => {
  flowTable(
    () =>
      mkState(
        [
          svc('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [{ name: 'http', port: 80 }] }),
          svc('ns2', 'svc2', {
            clusterIP: '172.30.0.42',
            ports: [
              { name: 'http', port: 80 },
              { name: 'https', port: 443 },
              { name: 'dns-udp', port: 53, protocol: 'UDP' },
              { name: 'dns-tcp', port: 53 },
              { name: 'dns-sctp', port: 53, protocol: 'SCTP' },
            ],
          }),
        ],
        {
          'ns1/svc1:http': [ep('10.180.0.1', 80, { node: TEST_NODE })],
          'ns2/svc2:http': [ep('10.180.0.1', 80, { node: TEST_NODE }), ep('10.180.2.1', 80, { node: 'node2' })],
          'ns2/svc2:https': [ep('10.180.0.1', 8443, { node: TEST_NODE }), ep('10.180.2.1', 8443, { node: 'node2' })],
          'ns2/svc2:dns-udp': [ep('10.180.0.1', 53, { node: TEST_NODE, protocol: 'UDP' }), ep('10.180.2.1', 53, { node: 'node2', protocol: 'UDP' })],
          'ns2/svc2:dns-tcp': [ep('10.180.0.1', 5353, { node: TEST_NODE }), ep('10.180.2.1', 5353, { node: 'node2' })],
          'ns2/svc2:dns-sctp': [ep('10.180.0.1', 53, { node: TEST_NODE, protocol: 'SCTP' }), ep('10.180.2.1', 53, { node: 'node2', protocol: 'SCTP' })],
        },
      ),
    [
      { name: 'simple clusterIP', src: '10.180.0.2', dst: '172.30.0.41', dport: 80, output: '10.180.0.1:80', masq: false },
      { name: 'hairpin to cluster IP', src: '10.180.0.1', dst: '172.30.0.41', dport: 80, output: '10.180.0.1:80', masq: true },
      { name: 'clusterIP with multiple endpoints', src: '10.180.0.2', dst: '172.30.0.42', dport: 80, output: '10.180.0.1:80, 10.180.2.1:80', masq: false },
      { name: 'clusterIP with TargetPort', src: '10.180.0.2', dst: '172.30.0.42', dport: 443, output: '10.180.0.1:8443, 10.180.2.1:8443', masq: false },
      { name: 'clusterIP with TCP, UDP, and SCTP on same port (TCP)', src: '10.180.0.2', dst: '172.30.0.42', dport: 53, proto: 'TCP', output: '10.180.0.1:5353, 10.180.2.1:5353', masq: false },
      { name: 'clusterIP with TCP, UDP, and SCTP on same port (UDP)', src: '10.180.0.2', dst: '172.30.0.42', dport: 53, proto: 'UDP', output: '10.180.0.1:53, 10.180.2.1:53', masq: false },
      { name: 'clusterIP with TCP, UDP, and SCTP on same port (SCTP)', src: '10.180.0.2', dst: '172.30.0.42', dport: 53, proto: 'SCTP', output: '10.180.0.1:53, 10.180.2.1:53', masq: false },
      { name: 'TCP-only port does not match UDP traffic', src: '10.180.0.2', dst: '172.30.0.42', dport: 80, proto: 'UDP', output: '' },
      { name: "svc1 does not accept svc2's ports", src: '10.180.0.2', dst: '172.30.0.41', dport: 443, output: '' },
      { name: '(model) ICMP to a ClusterIP matches no rule', src: '10.180.0.2', dst: '172.30.0.41', dport: 0, proto: 'ICMP', output: '' },
      { name: '(model) node to ClusterIP is masqueraded (! -s clusterCIDR)', src: TEST_NODE_IP, dst: '172.30.0.41', dport: 80, output: '10.180.0.1:80', masq: true },
    ],
  );
});

const lbState = () =>
  mkState(
    [svc('ns1', 'svc1', { type: 'LoadBalancer', clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80, nodePort: 3001 }], lbIPs: ['1.2.3.4', '5.6.7.8'], sourceRanges: ['192.168.0.0/24', ' 203.0.113.0/25'] })],
    { 'ns1/svc1:p80': [ep('10.180.0.1', 80)] },
  );

describe('TestLoadBalancer', () => {
  flowTable(lbState, [
    { name: 'pod to cluster IP', src: '10.0.0.2', dst: '172.30.0.41', dport: 80, output: '10.180.0.1:80', masq: false },
    { name: 'external to nodePort', src: EXT, dst: TEST_NODE_IP, dport: 3001, output: '10.180.0.1:80', masq: true },
    { name: 'nodePort bypasses LoadBalancerSourceRanges', src: EXT_BLOCKED, dst: TEST_NODE_IP, dport: 3001, output: '10.180.0.1:80', masq: true },
    { name: 'accepted external to LB1', src: EXT, dst: '1.2.3.4', dport: 80, output: '10.180.0.1:80', masq: true },
    { name: 'accepted external to LB2', src: EXT, dst: '5.6.7.8', dport: 80, output: '10.180.0.1:80', masq: true },
    { name: 'blocked external to LB1', src: EXT_BLOCKED, dst: '1.2.3.4', dport: 80, output: 'DROP' },
    { name: 'blocked external to LB2', src: EXT_BLOCKED, dst: '5.6.7.8', dport: 80, output: 'DROP' },
    { name: 'pod to LB1 (blocked by LoadBalancerSourceRanges)', src: '10.0.0.2', dst: '1.2.3.4', dport: 80, output: 'DROP' },
    { name: 'pod to LB2 (blocked by LoadBalancerSourceRanges)', src: '10.0.0.2', dst: '5.6.7.8', dport: 80, output: 'DROP' },
    { name: 'node to LB1 (allowed by LoadBalancerSourceRanges)', src: TEST_NODE_IP, dst: '1.2.3.4', dport: 80, output: '10.180.0.1:80', masq: true },
    { name: 'node to LB2 (allowed by LoadBalancerSourceRanges)', src: TEST_NODE_IP, dst: '5.6.7.8', dport: 80, output: '10.180.0.1:80', masq: true },
    { name: 'same node to LB1, SNATted to LB1 (implicitly allowed)', src: '1.2.3.4', dst: '1.2.3.4', dport: 80, output: '10.180.0.1:80', masq: true },
    { name: 'same node to LB2, SNATted to LB2 (implicitly allowed)', src: '5.6.7.8', dst: '5.6.7.8', dport: 80, output: '10.180.0.1:80', masq: true },
  ]);

  it('a blocked client is dropped by KUBE-PROXY-FIREWALL with reason lb-source-ranges', () => {
    const d = decide(lbState(), TEST_NODE, { src: EXT_BLOCKED, srcPort: 1, dst: '1.2.3.4', dstPort: 80, proto: 'TCP', origin: 'external' }, { rng: () => 0, affinity: new Affinity(), now: 0 });
    expect(d).toMatchObject({ action: 'drop', reason: 'lb-source-ranges' });
    expect(d.rules[d.rules.length - 1]).toMatchObject({ table: 'filter', chain: 'KUBE-PROXY-FIREWALL', num: 1 });
    expect(d.rules[d.rules.length - 1].text).toMatch(/^-A KUBE-PROXY-FIREWALL .* -j DROP$/);
  });
});

describe('TestNodePorts (ipv4, localhost-nodeports enabled)', () => {
  flowTable(
    () => mkState([svc('ns1', 'svc1', { type: 'NodePort', clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80, nodePort: 3001 }] })], { 'ns1/svc1:p80': [ep('10.180.0.1', 80), ep('10.180.2.1', 80, { node: TEST_NODE })] }),
    [
      { name: 'pod to cluster IP', src: '10.0.0.2', dst: '172.30.0.41', dport: 80, output: '10.180.0.1:80, 10.180.2.1:80', masq: false },
      { name: 'external to nodePort', src: EXT, dst: TEST_NODE_IP, dport: 3001, output: '10.180.0.1:80, 10.180.2.1:80', masq: true },
      { name: 'node to nodePort', src: TEST_NODE_IP, dst: TEST_NODE_IP, dport: 3001, output: '10.180.0.1:80, 10.180.2.1:80', masq: true },
      { name: 'localhost to nodePort gets masqueraded', src: '127.0.0.1', dst: '127.0.0.1', dport: 3001, output: '10.180.0.1:80, 10.180.2.1:80', masq: true },
      { name: '(model) another node IP is not local: no rule here', src: EXT, dst: '192.168.0.3', dport: 3001, output: '' },
    ],
  );
});

describe('TestHealthCheckNodePort', () => {
  flowTable(() => mkState([svc('ns1', 'svc1', { type: 'LoadBalancer', etp: 'Local', clusterIP: '172.30.0.42', ports: [{ name: 'p80', port: 80, nodePort: 3001 }], hcNodePort: 30000 })], {}), [
    { name: 'firewall accepts HealthCheckNodePort', src: '1.2.3.4', dst: TEST_NODE_IP, dport: 30000, output: 'ACCEPT' },
  ]);
});

const policySvc = (etp: 'Local' | 'Cluster'): SvcSpec => ({ type: 'LoadBalancer', etp, clusterIP: '172.30.0.41', externalIPs: ['192.168.99.11'], ports: [{ name: 'p80', port: 80, nodePort: 3001 }], lbIPs: ['1.2.3.4'], hcNodePort: etp === 'Local' ? 30000 : undefined });
const policyState = (etp: 'Local' | 'Cluster') => () => mkState([svc('ns1', 'svc1', policySvc(etp))], { 'ns1/svc1:p80': [ep('10.180.0.1', 80), ep('10.180.2.1', 80, { node: TEST_NODE })] });
const both = '10.180.0.1:80, 10.180.2.1:80';

describe('TestExternalTrafficPolicyLocal', () => {
  flowTable(policyState('Local'), [
    { name: 'pod to cluster IP hits both endpoints, unmasqueraded', src: '10.0.0.2', dst: '172.30.0.41', dport: 80, output: both, masq: false },
    { name: 'pod to external IP hits both endpoints, unmasqueraded', src: '10.0.0.2', dst: '192.168.99.11', dport: 80, output: both, masq: false },
    { name: 'external to external IP hits only local endpoint, unmasqueraded', src: EXT, dst: '192.168.99.11', dport: 80, output: '10.180.2.1:80', masq: false },
    { name: 'pod to LB IP hits only both endpoints, unmasqueraded', src: '10.0.0.2', dst: '1.2.3.4', dport: 80, output: both, masq: false },
    { name: 'external to LB IP hits only local endpoint, unmasqueraded', src: EXT, dst: '1.2.3.4', dport: 80, output: '10.180.2.1:80', masq: false },
    { name: 'pod to NodePort hits both endpoints, unmasqueraded', src: '10.0.0.2', dst: TEST_NODE_IP, dport: 3001, output: both, masq: false },
    { name: 'external to NodePort hits only local endpoint, unmasqueraded', src: EXT, dst: TEST_NODE_IP, dport: 3001, output: '10.180.2.1:80', masq: false },
    { name: '(model) node to NodePort: masquerade LOCAL + route LOCAL to all endpoints', src: TEST_NODE_IP, dst: TEST_NODE_IP, dport: 3001, output: both, masq: true },
  ]);
});

describe('TestExternalTrafficPolicyCluster', () => {
  flowTable(policyState('Cluster'), [
    { name: 'pod to cluster IP hits both endpoints, unmasqueraded', src: '10.0.0.2', dst: '172.30.0.41', dport: 80, output: both, masq: false },
    { name: 'pod to external IP hits both endpoints, masqueraded', src: '10.0.0.2', dst: '192.168.99.11', dport: 80, output: both, masq: true },
    { name: 'external to external IP hits both endpoints, masqueraded', src: EXT, dst: '192.168.99.11', dport: 80, output: both, masq: true },
    { name: 'pod to LB IP hits both endpoints, masqueraded', src: '10.0.0.2', dst: '1.2.3.4', dport: 80, output: both, masq: true },
    { name: 'external to LB IP hits both endpoints, masqueraded', src: EXT, dst: '1.2.3.4', dport: 80, output: both, masq: true },
    { name: 'pod to NodePort hits both endpoints, masqueraded', src: '10.0.0.2', dst: TEST_NODE_IP, dport: 3001, output: both, masq: true },
    { name: 'external to NodePort hits both endpoints, masqueraded', src: EXT, dst: TEST_NODE_IP, dport: 3001, output: both, masq: true },
  ]);
});

describe('TestNoEndpointsReject', () => {
  flowTable(() => mkState([svc('ns1', 'svc1', { type: 'LoadBalancer', clusterIP: '172.30.0.41', externalIPs: ['192.168.99.11'], ports: [{ name: 'p80', port: 80, nodePort: 3001 }], lbIPs: ['1.2.3.4'] })], {}), [
    { name: 'pod to cluster IP with no endpoints', src: '10.0.0.2', dst: '172.30.0.41', dport: 80, output: 'REJECT' },
    { name: 'external to external IP with no endpoints', src: EXT, dst: '192.168.99.11', dport: 80, output: 'REJECT' },
    { name: 'pod to NodePort with no endpoints', src: '10.0.0.2', dst: TEST_NODE_IP, dport: 3001, output: 'REJECT' },
    { name: 'external to NodePort with no endpoints', src: EXT, dst: TEST_NODE_IP, dport: 3001, output: 'REJECT' },
    { name: 'pod to LoadBalancer IP with no endpoints', src: '10.0.0.2', dst: '1.2.3.4', dport: 80, output: 'REJECT' },
    { name: 'external to LoadBalancer IP with no endpoints', src: EXT, dst: '1.2.3.4', dport: 80, output: 'REJECT' },
    { name: '(model) node to cluster IP with no endpoints (OUTPUT)', src: TEST_NODE_IP, dst: '172.30.0.41', dport: 80, output: 'REJECT' },
  ]);
});

describe('TestInternalTrafficPolicy', () => {
  const itp = (itpPolicy: 'Cluster' | 'Local', nodes: string[]) => () =>
    mkState([svc('ns1', 'svc1', { clusterIP: '172.30.1.1', itp: itpPolicy, ports: [{ name: '', port: 80 }] })], { 'ns1/svc1': nodes.map((n, i) => ep(`10.0.1.${i + 1}`, 80, { node: n })) });
  describe('internalTrafficPolicy is cluster', () => flowTable(itp('Cluster', [TEST_NODE, 'node1', 'node2']), [{ name: 'pod to ClusterIP hits all endpoints', src: '10.0.0.2', dst: '172.30.1.1', dport: 80, output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.3:80', masq: false }]));
  describe('internalTrafficPolicy is local and there is one local endpoint', () => flowTable(itp('Local', [TEST_NODE, 'node1', 'node2']), [{ name: 'pod to ClusterIP hits only local endpoint', src: '10.0.0.2', dst: '172.30.1.1', dport: 80, output: '10.0.1.1:80', masq: false }]));
  describe('internalTrafficPolicy is local and there are multiple local endpoints', () => flowTable(itp('Local', [TEST_NODE, TEST_NODE, 'node2']), [{ name: 'pod to ClusterIP hits all local endpoints', src: '10.0.0.2', dst: '172.30.1.1', dport: 80, output: '10.0.1.1:80, 10.0.1.2:80', masq: false }]));
  describe('internalTrafficPolicy is local and there are no local endpoints', () => flowTable(itp('Local', ['node0', 'node1', 'node2']), [{ name: 'no endpoints', src: '10.0.0.2', dst: '172.30.1.1', dport: 80, output: 'DROP' }]));
});

describe('TestTerminatingEndpointsTrafficPolicyLocal / Cluster', () => {
  const st = (etp: 'Local' | 'Cluster', eps: ReturnType<typeof ep>[]) => () => mkState([svc('ns1', 'svc1', { type: 'LoadBalancer', etp, clusterIP: '172.30.1.1', ports: [{ name: '', port: 80 }], lbIPs: ['1.2.3.4'], hcNodePort: 30000 })], { 'ns1/svc1': eps });
  const term = (ip: string, node: string, serving = true) => ep(ip, 80, { node, ready: false, serving, terminating: true });
  describe('Local: only terminating endpoints exist', () =>
    flowTable(st('Local', [term('10.0.1.2', TEST_NODE), term('10.0.1.3', TEST_NODE), term('10.0.1.4', TEST_NODE, false), ep('10.0.1.5', 80, { node: 'node-1' })]), [
      { name: 'pod to clusterIP', src: '10.0.0.2', dst: '172.30.1.1', dport: 80, output: '10.0.1.5:80', masq: false },
      { name: 'external to LB', src: EXT, dst: '1.2.3.4', dport: 80, output: '10.0.1.2:80, 10.0.1.3:80', masq: false },
    ]));
  describe('Local: terminating endpoints on remote node', () =>
    flowTable(st('Local', [term('10.0.1.5', 'node-1')]), [
      { name: 'pod to clusterIP', src: '10.0.0.2', dst: '172.30.1.1', dport: 80, output: '10.0.1.5:80' },
      { name: 'external to LB, no locally-usable endpoints', src: EXT, dst: '1.2.3.4', dport: 80, output: 'DROP' },
    ]));
  describe('Local: no usable endpoints on any node', () =>
    flowTable(st('Local', [term('10.0.1.5', TEST_NODE, false), term('10.0.1.5', 'node-1', false)]), [
      { name: 'pod to clusterIP, no usable endpoints', src: '10.0.0.2', dst: '172.30.1.1', dport: 80, output: 'REJECT' },
      { name: 'external to LB, no usable endpoints', src: EXT, dst: '1.2.3.4', dport: 80, output: 'REJECT' },
    ]));
  describe('Cluster: only terminating endpoints exist', () =>
    flowTable(st('Cluster', [term('10.0.1.2', TEST_NODE), term('10.0.1.3', TEST_NODE), term('10.0.1.4', 'another-node', false), term('10.0.1.5', 'another-node')]), [
      { name: 'pod to clusterIP', src: '10.0.0.2', dst: '172.30.1.1', dport: 80, output: '10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80', masq: false },
      { name: 'external to LB', src: EXT, dst: '1.2.3.4', dport: 80, output: '10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80', masq: true },
    ]));
  describe('Cluster: ready endpoints exist (terminating ones ignored)', () =>
    flowTable(st('Cluster', [ep('10.0.1.1', 80, { node: TEST_NODE }), ep('10.0.1.2', 80, { node: TEST_NODE }), term('10.0.1.3', 'another-node'), term('10.0.1.4', 'another-node', false), ep('10.0.1.5', 80, { node: 'another-node' })]), [
      { name: 'pod to clusterIP', src: '10.0.0.2', dst: '172.30.1.1', dport: 80, output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80', masq: false },
    ]));
});

// The brief's own scenarios: a NodePort Service with Local policy on a kind-like two-node cluster.
describe('NodePort externalTrafficPolicy Local across nodes', () => {
  const s = () => mkState([svc('default', 'web', { type: 'NodePort', etp: 'Local', clusterIP: '172.30.0.10', ports: [{ name: '', port: 80, nodePort: 30080 }] })], { 'default/web': [ep('10.0.1.7', 8080, { node: TEST_NODE })] });
  const at = (node: string, nodeIP: string) => decide(s(), node, { src: EXT, srcPort: 5555, dst: nodeIP, dstPort: 30080, proto: 'TCP', origin: 'external' }, { rng: () => 0.5, affinity: new Affinity(), now: 0 });
  it('on the node with the endpoint: delivered with the client source preserved', () => {
    const d = at(TEST_NODE, TEST_NODE_IP);
    expect(d).toMatchObject({ action: 'dnat', masquerade: false, via: 'nodePort', endpoint: { ip: '10.0.1.7', port: 8080 } });
  });
  it('on a node without local endpoints: dropped by KUBE-EXTERNAL-SERVICES ("has no local endpoints")', () => {
    const d = at('node2', '192.168.0.3');
    expect(d).toMatchObject({ action: 'drop', reason: 'no-local-endpoints' });
    const t = buildProxyTables(s(), 'node2');
    const last = d.rules[d.rules.length - 1];
    expect(t.filter.rules.find((r) => r.ref.chain === last.chain && r.ref.num === last.num)?.text).toBe(
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP',
    );
  });
});

describe('session affinity (recent module)', () => {
  const s = mkState([svc('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80 }], affinity: 10 })], { 'ns1/svc1:p80': [ep('10.180.0.1', 80), ep('10.180.0.2', 80), ep('10.180.0.3', 80)] });
  const pkt: ProxyPacket = { src: '10.0.0.9', srcPort: 1, dst: '172.30.0.41', dstPort: 80, proto: 'TCP', origin: 'local-pod' };
  it('first connection is new (--set), the next within timeoutSeconds hits (--rcheck), after expiry a new pick', () => {
    const aff = new Affinity();
    const first = decide(s, TEST_NODE, pkt, { rng: () => 0.99, affinity: aff, now: 1000 });
    expect(first).toMatchObject({ action: 'dnat', affinity: 'new', endpointIndex: 2 });
    const again = decide(s, TEST_NODE, pkt, { rng: () => 0, affinity: aff, now: 1000 + 10_000 });
    expect(again).toMatchObject({ action: 'dnat', affinity: 'hit', endpointIndex: 2, probability: null });
    const rcheck = (again as Extract<ProxyDecision, { action: 'dnat' }>).rules.find((r) => r.chain.startsWith('KUBE-SVC-') && r.num === 4);
    // rule 1 is the cluster IP masquerade rule, then one --rcheck rule per endpoint before the ladder
    expect(rcheck).toBeDefined();
    const later = decide(s, TEST_NODE, pkt, { rng: () => 0, affinity: aff, now: 1000 + 10_000 + 10_001 });
    expect(later).toMatchObject({ action: 'dnat', affinity: 'new', endpointIndex: 0 });
  });
});

describe('probability ladder (writeServiceToEndpointRules)', () => {
  it.each([1, 2, 3, 4, 5])('%i endpoints', (n) => {
    const eps = Array.from({ length: n }, (_, i) => ep(`10.180.0.${i + 1}`, 80));
    const st = mkState([svc('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80 }] })], { 'ns1/svc1:p80': eps });
    const t = buildProxyTables(st, TEST_NODE);
    const ladder = t.nat.rules.filter((r) => r.ref.chain === 'KUBE-SVC-XPGD46QRK7WJZT7O' && r.text.includes(' -> '));
    const probs = ladder.map((r) => /--probability (\S+)/.exec(r.text)?.[1] ?? null);
    const expected = [['1'], ['0.5000000000'], ['0.3333333333', '0.5000000000'], ['0.2500000000', '0.3333333333', '0.5000000000'], ['0.2000000000', '0.2500000000', '0.3333333333', '0.5000000000']][n - 1].filter((p) => p !== '1');
    expect(probs).toEqual([...expected, null]);
    // Each rung is taken with its own probability; the overall pick is 1/n.
    for (let k = 0; k < n; k++) {
      const seq = [...Array(k).fill(0.999), 0];
      let i = 0;
      const d = decide(st, TEST_NODE, { src: '10.0.0.2', srcPort: 1, dst: '172.30.0.41', dstPort: 80, proto: 'TCP', origin: 'local-pod' }, { rng: () => seq[i++] ?? 0, affinity: new Affinity(), now: 0 });
      expect(d).toMatchObject({ action: 'dnat', endpointIndex: k, endpointCount: n, pickProbability: 1 / n, probability: k === n - 1 ? null : Number(expected[k]) });
    }
  });
});

/** Every ref must name a rule of buildProxyTables, and the walk must be consistent with the texts. */
function checkRefs(state: ClusterState, node: string, d: ProxyDecision) {
  const t = buildProxyTables(state, node);
  const text = (r: RuleRef) => t[r.table].rules.find((x) => x.ref.chain === r.chain && x.ref.num === r.num)?.text;
  const jumped = new Set(['KUBE-SERVICES', 'KUBE-PROXY-FIREWALL', 'KUBE-EXTERNAL-SERVICES']);
  for (const r of d.rules) {
    const tx = text(r);
    expect(tx, `${r.table} ${r.chain} ${r.num}`).toBeDefined();
    // The text a traversed rule carries (what the trace's hops quote) is the dump's line for its ref.
    expect(r.text, `${r.table} ${r.chain} ${r.num}`).toBe(tx);
    expect(jumped.has(r.chain) || r.table === 'filter', `${r.chain} entered without a jump`).toBe(true);
    const j = / -j (\S+)/.exec(tx!)?.[1];
    if (j) jumped.add(j);
  }
  if (d.action === 'dnat') expect(text(d.rules[d.rules.length - 1])).toContain(`-j DNAT --to-destination ${d.endpoint.ip}:${d.endpoint.port}`);
}

describe('RuleRefs from decide equal the refs of buildProxyTables', () => {
  // Many Services (sorted interleaving), Local policies with node-dependent rule counts, all kinds of entry.
  const services: ServiceState[] = [];
  const endpoints: Record<string, ReturnType<typeof ep>[]> = {};
  for (let i = 0; i < 12; i++) {
    const local = i % 3 === 0;
    services.push(svc(`ns${i % 4}`, `svc${i}`, { type: i % 2 ? 'LoadBalancer' : 'NodePort', etp: local ? 'Local' : 'Cluster', itp: i % 5 === 0 ? 'Local' : 'Cluster', clusterIP: `172.30.1.${i + 1}`, ports: [{ name: 'a', port: 80, nodePort: 30100 + i }, { name: 'b', port: 81, nodePort: 30200 + i }], lbIPs: i % 2 ? [`1.1.1.${i}`] : [], externalIPs: i % 4 === 1 ? [`192.168.99.${i}`] : [], sourceRanges: i === 3 ? ['203.0.113.0/25'] : [], hcNodePort: local && i % 2 ? 31000 + i : undefined, affinity: i === 7 ? 60 : undefined }));
    if (i % 6 !== 5) {
      endpoints[`ns${i % 4}/svc${i}:a`] = [ep(`10.244.${i}.1`, 8080, { node: i % 2 ? TEST_NODE : 'node2' }), ep(`10.244.${i}.2`, 8080, { node: 'node2' })];
      endpoints[`ns${i % 4}/svc${i}:b`] = [ep(`10.244.${i}.3`, 8081, { node: TEST_NODE })];
    }
  }
  const state = mkState(services, endpoints);
  const nodes: [string, string][] = [[TEST_NODE, TEST_NODE_IP], ['node2', '192.168.0.3']];
  const dsts: [string, number][] = [];
  for (const s of services) {
    for (const p of s.ports) {
      dsts.push([s.clusterIP!, p.port]);
      for (const ip of [...s.externalIPs, ...s.loadBalancerIPs]) dsts.push([ip, p.port]);
    }
  }
  it.each(nodes)('node %s', (node, nodeIP) => {
    const rng = mulberry(3);
    let n = 0;
    for (const [src, origin] of [['10.244.9.9', 'local-pod'], [nodeIP, 'local-host'], [EXT, 'external'], [EXT_BLOCKED, 'external']] as const) {
      const all: [string, number][] = [...dsts, ...services.flatMap((s) => s.ports.map((p) => [nodeIP, p.nodePort!] as [string, number])), [nodeIP, 31007]];
      for (const [dst, dport] of all) {
        const d = decide(state, node, { src, srcPort: 1000, dst, dstPort: dport, proto: 'TCP', origin }, { rng, affinity: new Affinity(), now: 0 });
        checkRefs(state, node, d);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });
});

describe('decision fields', () => {
  const s = policyState('Cluster')();
  it.each([
    { name: 'KUBE-SERVICES cluster IP entry → via clusterIP', dst: '172.30.0.41', dport: 80, via: 'clusterIP' },
    { name: 'KUBE-SERVICES external IP entry → via externalIP', dst: '192.168.99.11', dport: 80, via: 'externalIP' },
    { name: 'KUBE-SERVICES loadbalancer IP entry → via loadBalancer', dst: '1.2.3.4', dport: 80, via: 'loadBalancer' },
    { name: 'KUBE-NODEPORTS entry → via nodePort', dst: TEST_NODE_IP, dport: 3001, via: 'nodePort' },
  ])('$name', ({ dst, dport, via }) => {
    const d = decide(s, TEST_NODE, { src: EXT, srcPort: 1, dst, dstPort: dport, proto: 'TCP', origin: 'external' }, { rng: () => 0, affinity: new Affinity(), now: 0 });
    expect(d).toMatchObject({ action: 'dnat', via, service: 'Service/ns1/svc1', servicePort: 'p80', endpointCount: 2, affinity: null });
  });

  it('KUBE-MARK-MASQ is listed after each rule that jumps to it (masquerade traffic for … external destinations)', () => {
    const d = decide(s, TEST_NODE, { src: EXT, srcPort: 1, dst: '1.2.3.4', dstPort: 80, proto: 'TCP', origin: 'external' }, { rng: () => 0, affinity: new Affinity(), now: 0 });
    const i = d.rules.findIndex((r) => r.chain.startsWith('KUBE-EXT-'));
    expect(d.rules[i + 1]).toEqual({ table: 'nat', chain: 'KUBE-MARK-MASQ', num: 1, text: '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000' });
  });
});
