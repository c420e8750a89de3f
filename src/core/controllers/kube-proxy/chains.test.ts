import { describe, expect, it } from 'vitest';
import { buildProxyTables } from './rules';
import { ep, FAKE_PROXIER, mkState, svc, TEST_NODE } from './test-fixtures';
import type { ServiceState } from '../../cluster/state';
import type { ProxyOptions } from './types';
import { serviceExternalChainName, servicePortPolicyClusterChain, servicePortPolicyLocalChainName } from './names';

const texts = (s: ReturnType<typeof mkState>, table: 'nat' | 'filter', prefix: string, opts: Partial<ProxyOptions> = FAKE_PROXIER) =>
  buildProxyTables(s, TEST_NODE, opts)[table].rules.filter((r) => r.ref.chain.startsWith(prefix)).map((r) => r.text);

describe('Service port chains (proxier.go syncProxyRules)', () => {
  const itp = (nodes: string[]) => mkState([svc('ns1', 'svc1', { clusterIP: '172.30.1.1', itp: 'Local', ports: [{ name: '', port: 80 }] })], { 'ns1/svc1': nodes.map((n, i) => ep(`10.0.1.${i + 1}`, 80, { node: n })) });

  it('internalTrafficPolicy Local with a local endpoint: KUBE-SERVICES jumps to KUBE-SVL, which masquerades off-cluster sources', () => {
    const s = itp([TEST_NODE, 'node2']);
    const svlName = servicePortPolicyLocalChainName('ns1/svc1', 'tcp');
    expect(texts(s, 'nat', 'KUBE-SERVICES')[0]).toBe(`-A KUBE-SERVICES -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j ${svlName}`);
    const svl = texts(s, 'nat', 'KUBE-SVL-');
    expect(svl).toHaveLength(2);
    expect(svl[0]).toMatch(/^-A KUBE-SVL-\w{16} -m comment --comment "ns1\/svc1 cluster IP" -m tcp -p tcp -d 172\.30\.1\.1 --dport 80 ! -s 10\.0\.0\.0\/8 -j KUBE-MARK-MASQ$/);
    expect(svl[1]).toMatch(/^-A KUBE-SVL-\w{16} -m comment --comment "ns1\/svc1 -> 10\.0\.1\.1:80" -j KUBE-SEP-\w{16}$/);
    // Not externally accessible and internal policy Local: no Cluster-policy chain at all (UsesClusterEndpoints false).
    expect(texts(s, 'nat', 'KUBE-SVC-')).toEqual([]);
  });

  it('internalTrafficPolicy Local without local endpoints: filter KUBE-SERVICES DROP "has no local endpoints"', () => {
    const s = itp(['node1', 'node2']);
    expect(texts(s, 'filter', 'KUBE-SERVICES')).toEqual(['-A KUBE-SERVICES -m comment --comment "ns1/svc1 has no local endpoints" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j DROP']);
    expect(texts(s, 'nat', 'KUBE-SERVICES')).toHaveLength(1); // only the KUBE-NODEPORTS tail call
  });

  it('endpoints are sorted by their "ip:port" string (endpointslicecache.go byEndpoint)', () => {
    const s = mkState([svc('ns1', 'ep1', { clusterIP: '172.30.0.9', ports: [{ name: 'p11', port: 11, protocol: 'UDP' }] })], { 'ns1/ep1:p11': [ep('10.1.1.1', 11, { protocol: 'UDP' }), ep('10.1.1.11', 11, { protocol: 'UDP' })] });
    const ladder = texts(s, 'nat', 'KUBE-SVC-').filter((t) => t.includes(' -> '));
    expect(ladder.map((t) => /-> ([\d.:]+)/.exec(t)![1])).toEqual(['10.1.1.11:11', '10.1.1.1:11']);
    expect(texts(s, 'nat', 'KUBE-SEP-').filter((t) => t.includes('DNAT'))[0]).toMatch(/ -m udp -p udp -j DNAT --to-destination /);
  });

  it('duplicate endpoints across slices collapse to one (addEndpoints dedups by "ip:port")', () => {
    const s = mkState([svc('ns1', 'svc1', { clusterIP: '172.30.0.9', ports: [{ name: '', port: 80 }] })], { 'ns1/svc1': [ep('10.0.0.7', 80), ep('10.0.0.7', 80)] });
    expect(texts(s, 'nat', 'KUBE-SEP-')).toHaveLength(2);
  });

  it('a load-balancer ingress with ipMode Proxy is not captured (proxyutil.IsVIPMode)', () => {
    const s = mkState([svc('ns1', 'svc1', { type: 'LoadBalancer', clusterIP: '172.30.0.9', ports: [{ name: '', port: 80, nodePort: 30001 }], lbIPs: ['1.2.3.4', '5.6.7.8'], lbIPMode: { '1.2.3.4': 'Proxy', '5.6.7.8': 'VIP' } })], { 'ns1/svc1': [ep('10.0.0.7', 80)] });
    expect(texts(s, 'nat', 'KUBE-SERVICES').filter((t) => t.includes('loadbalancer IP'))).toEqual([`-A KUBE-SERVICES -m comment --comment "ns1/svc1 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j ${serviceExternalChainName('ns1/svc1', 'tcp')}`]);
  });

  it('headless and ExternalName Services get no rules (proxyutil.ShouldSkipService)', () => {
    const headless: ServiceState = { ...svc('ns1', 'h', { clusterIP: 'x', ports: [{ name: '', port: 80 }] }), clusterIP: null, headless: true };
    const extName: ServiceState = { ...svc('ns1', 'e', { clusterIP: 'x', ports: [{ name: '', port: 80 }] }), type: 'ExternalName', clusterIP: null, externalName: 'example.com' };
    const t = buildProxyTables(mkState([headless, extName], { 'ns1/h': [ep('10.0.0.7', 80)] }), TEST_NODE, FAKE_PROXIER);
    expect(t.nat.rules.filter((r) => r.text.includes('ns1/'))).toEqual([]);
    expect(t.filter.rules.filter((r) => r.text.includes('ns1/'))).toEqual([]);
  });

  it('more than 1000 endpoints: large cluster mode drops the per-endpoint comments (appendServiceCommentLocked)', () => {
    const eps = Array.from({ length: 1001 }, (_, i) => ep(`10.1.${i >> 8}.${i & 255}`, 80));
    const s = mkState([svc('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80 }] })], { 'ns1/svc1:p80': eps });
    const sep = texts(s, 'nat', 'KUBE-SEP-');
    expect(sep.every((t) => !t.includes('--comment'))).toBe(true);
    expect(sep[0]).toMatch(/^-A KUBE-SEP-\w{16} -s 10\.1\.\d+\.\d+ -j KUBE-MARK-MASQ$/);
    const svcRules = texts(s, 'nat', 'KUBE-SVC-');
    expect(svcRules[0]).toContain('--comment "ns1/svc1:p80 cluster IP"'); // not elided
    expect(svcRules[1]).toMatch(/^-A KUBE-SVC-XPGD46QRK7WJZT7O -m statistic --mode random --probability 0\.0009990010 -j KUBE-SEP-\w{16}$/);
    expect(svcRules[svcRules.length - 1]).toMatch(/^-A KUBE-SVC-XPGD46QRK7WJZT7O -j KUBE-SEP-\w{16}$/);
  });

  it('kind defaults: --cluster-cidr is the pod subnet and MASQUERADE has --random-fully', () => {
    const s = mkState([svc('default', 'web', { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] })], { 'default/web:http': [ep('10.244.1.5', 8080)] }, { podSubnet: '10.244.0.0/16' });
    const t = buildProxyTables(s, TEST_NODE);
    const nat = t.nat.rules.map((r) => r.text);
    expect(nat).toContain('-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully');
    expect(nat.find((x) => x.includes('! -s'))).toBe(`-A ${servicePortPolicyClusterChain('default/web:http', 'tcp')}` + ' -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ');
  });

  it('multi-port Services keep the port order inside the name-sorted KUBE-SERVICES chain', () => {
    const s = mkState(
      [
        svc('b', 'svc', { clusterIP: '172.30.0.2', ports: [{ name: 'z', port: 2 }, { name: 'a', port: 1 }] }),
        svc('a', 'svc', { clusterIP: '172.30.0.1', ports: [{ name: 'x', port: 9 }] }),
      ],
      { 'b/svc:z': [ep('10.0.0.1', 2)], 'b/svc:a': [ep('10.0.0.1', 1)], 'a/svc:x': [ep('10.0.0.2', 9)] },
    );
    expect(texts(s, 'nat', 'KUBE-SERVICES').map((t) => /--comment "([^"]+)"/.exec(t)![1])).toEqual(['a/svc:x cluster IP', 'b/svc:z cluster IP', 'b/svc:a cluster IP', 'kubernetes service nodeports; NOTE: this must be the last rule in this chain']);
  });
});
