import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../manifest/registry';
import { objectKey } from '../model/types';
import { serviceState } from './services';

const stored = (spec: Record<string, unknown>, status?: Record<string, unknown>): StoredObject => ({
  key: objectKey('Service', 'default', 'web'),
  kind: 'Service',
  namespace: 'default',
  name: 'web',
  object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'u' }, spec, ...(status ? { status } : {}) },
  source: null,
  system: false,
  simulated: true,
});

describe('serviceState: the typed record of a stored Service', () => {
  it.each<[string, unknown, Record<string, string> | null]>([
    ['no selector: endpoints managed by hand', undefined, null],
    ['an empty selector is no selector', {}, null],
    ['string pairs, in their order', { app: 'web', tier: 'fe' }, { app: 'web', tier: 'fe' }],
    ['values that are not strings are left out', { app: 'web', n: 1 }, { app: 'web' }],
    ['only values that are not strings: no selector', { n: 1 }, null],
  ])('selector: %s', (_n, selector, want) => {
    const s = serviceState(stored({ selector, ports: [{ port: 80 }] }), 0);
    expect(s.selector).toEqual(want);
    if (want) expect(Object.keys(s.selector!)).toEqual(Object.keys(want));
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined, Partial<ReturnType<typeof serviceState>>]>([
    [
      'ports: targetPort defaults to port, protocol to TCP, name to ""',
      { ports: [{ port: 80 }, { name: 'h', port: 443, targetPort: 'https', protocol: 'UDP', nodePort: 30443 }] },
      undefined,
      {
        ports: [
          { name: '', protocol: 'TCP', port: 80, targetPort: 80, nodePort: null },
          { name: 'h', protocol: 'UDP', port: 443, targetPort: 'https', nodePort: 30443 },
        ],
      },
    ],
    ['status.loadBalancer.ingress IPs, hostnames skipped', { type: 'LoadBalancer', ports: [] }, { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'lb' }, { ip: '5.6.7.8' }] } }, { loadBalancerIPs: ['1.2.3.4', '5.6.7.8'] }],
    ['externalIPs: strings only', { ports: [], externalIPs: ['9.9.9.9', 3] }, undefined, { externalIPs: ['9.9.9.9'] }],
  ])('%s', (_n, spec, status, want) => {
    expect(serviceState(stored(spec, status), 0)).toMatchObject(want);
  });
});
