import { describe, expect, it } from 'vitest';
import type { ServiceState } from '../../cluster/state';
import { decide } from './decide';
import { proxyRuleText } from './lookup';
import { buildProxyTables } from './rules';
import { ep, FAKE_PROXIER, mkState, svc, TEST_NODE } from './test-fixtures';

function cluster() {
  const services: ServiceState[] = [];
  const endpoints: Record<string, ReturnType<typeof ep>[]> = {};
  for (let i = 0; i < 10; i++) {
    services.push(svc(`ns${i % 3}`, `s${i}`, { type: i % 2 ? 'LoadBalancer' : 'NodePort', etp: i % 3 === 0 ? 'Local' : 'Cluster', itp: i % 4 === 0 ? 'Local' : 'Cluster', clusterIP: `172.30.2.${i + 1}`, ports: [{ name: 'p', port: 80, nodePort: 30300 + i }], lbIPs: i % 2 ? [`2.2.2.${i}`] : [], sourceRanges: i === 5 ? ['192.168.0.0/24'] : [], hcNodePort: i % 3 === 0 && i % 2 ? 32000 + i : undefined, affinity: i === 4 ? 30 : undefined }));
    if (i !== 7) endpoints[`ns${i % 3}/s${i}:p`] = [ep(`10.9.${i}.1`, 80, { node: i % 2 ? TEST_NODE : 'node2' }), ep(`10.9.${i}.2`, 80, { node: 'node2' })];
  }
  return mkState(services, endpoints);
}

describe('proxyRuleText: a RuleRef → the same text buildProxyTables holds (without building it)', () => {
  it.each([
    ['test-node, default options', TEST_NODE, undefined],
    ['node2, default options', 'node2', undefined],
    ['test-node, NewFakeProxier options', TEST_NODE, FAKE_PROXIER],
    ['a node the state does not know', 'ghost', undefined],
  ] as const)('%s', (_name, node, opts) => {
    const state = cluster();
    // Trace first (so some chains come from decide's cache), then check every rule of both tables.
    decide(state, node, { src: '10.0.0.1', srcPort: 1, dst: '172.30.2.2', dstPort: 80, proto: 'TCP', origin: 'local-pod' }, { rng: () => 0.5, affinity: { get: () => undefined, set: () => {} }, now: 0 });
    const t = buildProxyTables(state, node, opts);
    for (const r of [...t.nat.rules, ...t.filter.rules]) expect(proxyRuleText(state, node, r.ref, opts)).toBe(r.text);
  });

  it.each([
    { name: 'past the end of KUBE-SERVICES', ref: { table: 'nat', chain: 'KUBE-SERVICES', num: 999 } },
    { name: 'rule 0', ref: { table: 'nat', chain: 'KUBE-MARK-MASQ', num: 0 } },
    { name: 'an unknown chain', ref: { table: 'nat', chain: 'KUBE-SVC-AAAAAAAAAAAAAAAA', num: 1 } },
    { name: 'a Service chain in the filter table', ref: { table: 'filter', chain: 'KUBE-SEP-AAAAAAAAAAAAAAAA', num: 1 } },
  ] as const)('null for $name', ({ ref }) => {
    expect(proxyRuleText(cluster(), TEST_NODE, ref)).toBeNull();
  });
});
