import { describe, expect, it } from 'vitest';
import {
  formatFixed,
  probability,
  serviceExternalChainName,
  serviceFirewallChainName,
  servicePortEndpointChainName,
  servicePortNameString,
  servicePortPolicyClusterChain,
  servicePortPolicyLocalChainName,
} from './names';

describe('chain names (proxier.go portProtoHash: base32(sha256(servicePortName + protocol))[:16])', () => {
  it.each([
    // values as they appear in pkg/proxy/iptables/proxier_test.go expected dumps
    { name: 'TestOverallIPTablesRules ns1/svc1:p80 SVC', got: () => servicePortPolicyClusterChain('ns1/svc1:p80', 'tcp'), want: 'KUBE-SVC-XPGD46QRK7WJZT7O' },
    { name: 'TestOverallIPTablesRules ns2/svc2:p80 SVC', got: () => servicePortPolicyClusterChain('ns2/svc2:p80', 'tcp'), want: 'KUBE-SVC-GNZBNJ2PO5MGZ6GT' },
    { name: 'TestSortIPTablesRules ns2/svc2:p80 SVL', got: () => servicePortPolicyLocalChainName('ns2/svc2:p80', 'tcp'), want: 'KUBE-SVL-GNZBNJ2PO5MGZ6GT' },
    { name: 'TestOverallIPTablesRules ns2/svc2:p80 EXT', got: () => serviceExternalChainName('ns2/svc2:p80', 'tcp'), want: 'KUBE-EXT-GNZBNJ2PO5MGZ6GT' },
    { name: 'TestOverallIPTablesRules ns3/svc3:p80 SVC', got: () => servicePortPolicyClusterChain('ns3/svc3:p80', 'tcp'), want: 'KUBE-SVC-X27LE4BHSL4DOUIK' },
    { name: 'TestOverallIPTablesRules ns4/svc4:p80 SVC', got: () => servicePortPolicyClusterChain('ns4/svc4:p80', 'tcp'), want: 'KUBE-SVC-4SW47YFZTEDKD3PK' },
    { name: 'TestOverallIPTablesRules ns5/svc5:p80 FW', got: () => serviceFirewallChainName('ns5/svc5:p80', 'tcp'), want: 'KUBE-FW-NUKIZ6OKUXPJNT4C' },
    { name: 'TestSyncProxyRulesRepeated ns2/svc2:p8080 SVC', got: () => servicePortPolicyClusterChain('ns2/svc2:p8080', 'tcp'), want: 'KUBE-SVC-2VJB64SDSIJUP5T6' },
    { name: 'TestOverallIPTablesRules SEP ns1/svc1:p80 10.180.0.1:80', got: () => servicePortEndpointChainName('ns1/svc1:p80', 'tcp', '10.180.0.1:80'), want: 'KUBE-SEP-SXIVWICOYRO3J4NJ' },
    { name: 'TestOverallIPTablesRules SEP ns2/svc2:p80 10.180.0.2:80', got: () => servicePortEndpointChainName('ns2/svc2:p80', 'tcp', '10.180.0.2:80'), want: 'KUBE-SEP-RS4RBKLTHTF2IUXJ' },
    { name: 'TestOverallIPTablesRules SEP ns4/svc4:p80 10.180.0.4:80', got: () => servicePortEndpointChainName('ns4/svc4:p80', 'tcp', '10.180.0.4:80'), want: 'KUBE-SEP-UKSFD7AGPMPPLUHC' },
    { name: 'TestOverallIPTablesRules SEP ns4/svc4:p80 10.180.0.5:80', got: () => servicePortEndpointChainName('ns4/svc4:p80', 'tcp', '10.180.0.5:80'), want: 'KUBE-SEP-C6EBXVWJJZMIWKLZ' },
    { name: 'TestOverallIPTablesRules SEP ns5/svc5:p80 10.180.0.3:80 (same IP, other Service)', got: () => servicePortEndpointChainName('ns5/svc5:p80', 'tcp', '10.180.0.3:80'), want: 'KUBE-SEP-I77PXRDZVX7PMWMN' },
    // the chains every kubeadm/kind cluster shows in `iptables-save -t nat`
    { name: 'default/kubernetes:https (every cluster)', got: () => servicePortPolicyClusterChain('default/kubernetes:https', 'tcp'), want: 'KUBE-SVC-NPX46M4PTMTKRN6Y' },
    { name: 'kube-system/kube-dns:dns over UDP (every cluster)', got: () => servicePortPolicyClusterChain('kube-system/kube-dns:dns', 'udp'), want: 'KUBE-SVC-TCOU7JCQXEZGVUNU' },
    { name: 'kube-system/kube-dns:dns-tcp (every cluster)', got: () => servicePortPolicyClusterChain('kube-system/kube-dns:dns-tcp', 'tcp'), want: 'KUBE-SVC-ERIFXISQEP7F7OF4' },
    { name: 'kube-system/kube-dns:metrics (every cluster)', got: () => servicePortPolicyClusterChain('kube-system/kube-dns:metrics', 'tcp'), want: 'KUBE-SVC-JD5MR3NA4I4DYORP' },
    { name: 'TestSyncProxyRulesRepeated SEP ns2/svc2:p8080 10.0.2.1:8080', got: () => servicePortEndpointChainName('ns2/svc2:p8080', 'tcp', '10.0.2.1:8080'), want: 'KUBE-SEP-UHEGFW77JX3KXTOV' },
  ])('$name', ({ got, want }) => {
    expect(got()).toBe(want);
  });

  it.each([
    // pkg/proxy/types.go ServicePortName.String / fmtPortName: no ":" for an unnamed port
    { ns: 'ns1', name: 'svc1', port: 'p80', want: 'ns1/svc1:p80' },
    { ns: 'default', name: 'web', port: '', want: 'default/web' },
  ])('ServicePortName.String() $want', ({ ns, name, port, want }) => {
    expect(servicePortNameString(ns, name, port)).toBe(want);
  });
});

describe('computeProbability: fmt.Sprintf("%0.10f", 1.0/float64(n))', () => {
  it.each([
    // TestComputeProbability's table
    [1, '1.0000000000'],
    [2, '0.5000000000'],
    [10, '0.1000000000'],
    [100, '0.0100000000'],
    [1000, '0.0010000000'],
    [10000, '0.0001000000'],
    [100000, '0.0000100000'],
    [100001, '0.0000099999'],
    // ladder values for 3..5 endpoints
    [3, '0.3333333333'],
    [4, '0.2500000000'],
    [5, '0.2000000000'],
    [6, '0.1666666667'],
    // an exact tie at the 11th digit: Go rounds half to even (JS toFixed would give ...813)
    [2048, '0.0004882812'],
  ])('n=%i → %s', (n, want) => {
    expect(probability(n)).toBe(want);
  });

  it('TestComputeProbability: strictly increasing as n decreases from 100000', () => {
    let prev = 0;
    let bad: number | null = null;
    for (let i = 100000; i > 1 && bad === null; i--) {
      const p = Number(probability(i));
      if (!(p > prev)) bad = i;
      prev = p;
    }
    expect(bad).toBeNull();
  });

  it.each([
    [0.125, 2, '0.12'],
    [0.135, 2, '0.14'], // not a tie in binary (0.13500000000000000888…)
    [0.375, 2, '0.38'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
  ])('formatFixed(%d, %i) rounds half to even on the exact binary value', (x, d, want) => {
    expect(formatFixed(x, d)).toBe(want);
  });
});
