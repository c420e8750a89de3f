import { describe, expect, it } from 'vitest';
import { backendKeyOf, quoteIPs, selectorMatches } from './metallb-allocator';
import type { ServiceState } from '../cluster/state';

describe('metav1.LabelSelector matching (pool serviceSelectors/namespaceSelectors)', () => {
  it.each<[string, unknown, boolean]>([
    ['matchLabels equal', { matchLabels: { team: 'a' } }, true],
    ['matchLabels differ', { matchLabels: { team: 'b' } }, false],
    ['In', { matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'c'] }] }, true],
    ['NotIn', { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] }, false],
    ['Exists', { matchExpressions: [{ key: 'team', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, false],
    ['empty selector matches everything', {}, true],
  ])('%s', (_n, sel, expected) => {
    expect(selectorMatches(sel, { team: 'a' })).toBe(expected);
  });
});

describe('k8salloc.BackendKey and Go %q of []net.IP', () => {
  const svc = (etp: 'Local' | 'Cluster', annotations: Record<string, string> = {}) =>
    ({ externalTrafficPolicy: etp, selector: { b: '2', a: '1' }, object: { metadata: { annotations } } }) as unknown as ServiceState;
  it.each<[string, ServiceState, string]>([
    ['Cluster traffic policy shares regardless of backends', svc('Cluster'), ''],
    ['Local: labels.Set(selector).String(), sorted', svc('Local'), 'a=1,b=2'],
    ['Local with enforced-single-node=yes', svc('Local', { 'metallb.universe.tf/enforced-single-node': 'yes' }), ''],
  ])('%s', (_n, s, key) => {
    expect(backendKeyOf(s)).toBe(key);
  });
  it.each<[(string | null)[], string]>([
    [['10.0.0.1'], '["10.0.0.1"]'],
    [['10.0.0.1', 'fd00::1'], '["10.0.0.1" "fd00::1"]'],
    [[null], '["<nil>"]'],
  ])('%j → %s', (ips, expected) => {
    expect(quoteIPs(ips)).toBe(expected);
  });
});
