// Rows pin MetalLB's IPAddressPool admission: internal/config/config.go addressPoolFromCR,
// ParseCIDR (CIDRs and "a-b" ranges, ipaddr.Summarize), poolsFor's overlap check; the webhook's
// namespace rule (webhookv1beta1/ipaddresspool_webhook.go); the CRD schema (required fields,
// kubebuilder defaults); and Go's net.ParseIP / IP.String that those messages print through.
import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { formatIP, ipAddressPoolRules, parseGoIP, parsePoolAddresses } from './ipaddresspool';
import type { ValidationContext } from './types';

const ctx: ValidationContext = {
  net: { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' },
};
const pool = (spec: unknown, namespace = 'metallb-system'): KubeObject => ({
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata: { name: 'p', namespace },
  ...(spec === undefined ? {} : { spec }),
});
const addrs = (...addresses: string[]) => pool({ addresses });
const bad = (i: number, a: string, inner: string) =>
  `spec.addresses[${i}]: Invalid value: "${a}": parsing address pool p: invalid CIDR "${a}" in pool "p": ${inner}`;

describe('ipAddressPoolRules.validate (webhook create)', () => {
  it.each([
    { name: 'CIDR', o: addrs('192.168.10.0/24'), want: [] },
    { name: 'range', o: addrs('192.168.9.1-192.168.9.5'), want: [] },
    { name: 'range parts are TrimSpace-d', o: addrs('192.168.9.1 - 192.168.9.5'), want: [] },
    { name: 'single-address range', o: addrs('192.168.9.1-192.168.9.1'), want: [] },
    { name: 'IPv6 CIDR', o: addrs('fc00:f853:ccd:e799::/124'), want: [] },
    { name: 'IPv6 range', o: addrs('fc00::1-fc00::ff'), want: [] },
    { name: 'host bits in a CIDR are masked, not rejected (net.ParseCIDR)', o: addrs('192.168.10.7/24'), want: [] },
    { name: 'invalid CIDR', o: addrs('foo'), want: [bad(0, 'foo', 'invalid CIDR "foo"')] },
    { name: 'a bare IP is not a CIDR', o: addrs('192.168.1.1'), want: [bad(0, '192.168.1.1', 'invalid CIDR "192.168.1.1"')] },
    { name: 'prefix longer than the family', o: addrs('192.168.1.0/33'), want: [bad(0, '192.168.1.0/33', 'invalid CIDR "192.168.1.0/33"')] },
    { name: 'leading zeros are rejected (Go ≥ 1.17)', o: addrs('192.168.01.0/24'), want: [bad(0, '192.168.01.0/24', 'invalid CIDR "192.168.01.0/24"')] },
    {
      name: 'range with an invalid start IP',
      o: addrs('foo-192.168.1.1'),
      want: [bad(0, 'foo-192.168.1.1', 'invalid IP range "foo-192.168.1.1": invalid start IP "foo"')],
    },
    {
      name: 'range with an invalid end IP (untrimmed in the message)',
      o: addrs('192.168.1.1- bar'),
      want: [bad(0, '192.168.1.1- bar', 'invalid IP range "192.168.1.1- bar": invalid end IP " bar"')],
    },
    {
      name: 'range of CIDRs is not a range of IPs',
      o: addrs('192.168.1.0/24-192.168.2.0/24'),
      want: [bad(0, '192.168.1.0/24-192.168.2.0/24', 'invalid IP range "192.168.1.0/24-192.168.2.0/24": invalid start IP "192.168.1.0/24"')],
    },
    {
      name: 'first address of the range is after the second',
      o: addrs('192.168.1.10-192.168.1.1'),
      want: [bad(0, '192.168.1.10-192.168.1.1', 'invalid IP range "192.168.1.10-192.168.1.1": start IP "192.168.1.10" is after the end IP "192.168.1.1"')],
    },
    {
      name: 'IPv6 range reversed prints net.IP.String() forms',
      o: addrs('fc00:0::10-fc00::0:1'),
      want: [bad(0, 'fc00:0::10-fc00::0:1', 'invalid IP range "fc00:0::10-fc00::0:1": start IP "fc00::10" is after the end IP "fc00::1"')],
    },
    { name: 'only the first error is reported', o: addrs('10.0.0.0/24', 'foo', 'bar'), want: [bad(1, 'foo', 'invalid CIDR "foo"')] },
    {
      name: 'parse errors win over overlaps (overlaps are checked after parsing)',
      o: addrs('10.0.0.0/24', '10.0.0.0/25', 'bad'),
      want: [bad(2, 'bad', 'invalid CIDR "bad"')],
    },
    {
      name: 'overlapping CIDRs in one pool',
      o: addrs('192.168.1.0/24', '192.168.1.128/25'),
      want: ['spec.addresses[1]: Invalid value: "192.168.1.128/25": CIDR "192.168.1.128/25" in pool "p" overlaps with already defined CIDR "192.168.1.0/24"'],
    },
    {
      name: 'a range overlaps through its summarized prefixes',
      o: addrs('192.168.1.0/24', '192.168.0.250-192.168.1.5'),
      want: ['spec.addresses[1]: Invalid value: "192.168.0.250-192.168.1.5": CIDR "192.168.1.0/30" in pool "p" overlaps with already defined CIDR "192.168.1.0/24"'],
    },
    {
      name: 'the same CIDR twice',
      o: addrs('10.0.0.1/24', '10.0.0.0/24'),
      want: ['spec.addresses[1]: Invalid value: "10.0.0.0/24": CIDR "10.0.0.0/24" in pool "p" overlaps with already defined CIDR "10.0.0.0/24"'],
    },
    { name: 'adjacent CIDRs do not overlap', o: addrs('10.0.0.0/25', '10.0.0.128/25', '10.0.1.0-10.0.1.9'), want: [] },
    { name: 'IPv4 and IPv6 never overlap', o: addrs('0.0.0.0/0', '::/0'), want: [] },
    {
      name: 'empty addresses: pool has no prefixes defined',
      o: pool({ addresses: [] }),
      want: ['spec.addresses: Invalid value: parsing address pool p: pool has no prefixes defined'],
    },
    { name: 'CRD schema: spec.addresses required', o: pool({ autoAssign: true }), want: ['spec.addresses: Required value'] },
    { name: 'CRD schema: spec required', o: pool(undefined), want: ['spec: Required value'] },
    {
      name: 'allocateTo: duplicate namespace',
      o: pool({ addresses: ['10.0.0.0/24'], allocateTo: { namespaces: ['a', 'b', 'a'] } }),
      want: ['spec.allocateTo.namespaces[2]: Invalid value: "a": parsing address pool p: duplicate definition in namespaces field'],
    },
    {
      name: 'webhook: pools must live in the MetalLB namespace',
      o: pool({ addresses: ['10.0.0.0/24'] }, 'default'),
      want: ['metadata.namespace: Invalid value: "default": resource must be created in metallb-system namespace'],
    },
    { name: 'odd shapes never throw', o: pool({ addresses: [7, null] }), want: [bad(0, '', 'invalid CIDR ""')] },
  ])('$name', ({ o, want }) => {
    expect(ipAddressPoolRules.validate(o, ctx).map(fieldErrorString)).toEqual(want);
  });

  it('update: the namespace rule is create-only, the address rules still apply', () => {
    const o = pool({ addresses: ['10.0.0.0/24', '10.0.0.0/24'] }, 'default');
    expect(ipAddressPoolRules.validateUpdate!(o, o, ctx).map(fieldErrorString)).toEqual([
      'spec.addresses[1]: Invalid value: "10.0.0.0/24": CIDR "10.0.0.0/24" in pool "p" overlaps with already defined CIDR "10.0.0.0/24"',
    ]);
  });
});

describe('ipAddressPoolRules.default (CRD kubebuilder defaults)', () => {
  it.each([
    { name: 'autoAssign=true, avoidBuggyIPs=false added', spec: { addresses: [] }, want: { addresses: [], autoAssign: true, avoidBuggyIPs: false } },
    { name: 'explicit values kept', spec: { autoAssign: false, avoidBuggyIPs: true }, want: { autoAssign: false, avoidBuggyIPs: true } },
    { name: 'no spec: nothing to default', spec: undefined, want: undefined },
  ])('$name', ({ spec, want }) => {
    const o = pool(spec);
    ipAddressPoolRules.default!(o, ctx);
    expect(o.spec).toEqual(want);
  });
});

describe('parsePoolAddresses (IPv4 ranges for the LB allocator)', () => {
  it.each([
    { name: 'CIDR spans network..broadcast', a: ['192.168.10.0/24'], want: [{ first: '192.168.10.0', last: '192.168.10.255' }] },
    { name: 'host bits are masked', a: ['10.0.0.7/30'], want: [{ first: '10.0.0.4', last: '10.0.0.7' }] },
    { name: '/32', a: ['10.0.0.7/32'], want: [{ first: '10.0.0.7', last: '10.0.0.7' }] },
    { name: 'range across an octet', a: ['10.0.0.250 - 10.0.1.5'], want: [{ first: '10.0.0.250', last: '10.0.1.5' }] },
    { name: 'everything', a: ['0.0.0.0/0'], want: [{ first: '0.0.0.0', last: '255.255.255.255' }] },
    {
      name: 'IPv6 and invalid entries are skipped, order kept',
      a: ['fc00::/64', 'bogus', '172.18.255.200-172.18.255.250', '172.18.0.0/31'],
      want: [
        { first: '172.18.255.200', last: '172.18.255.250' },
        { first: '172.18.0.0', last: '172.18.0.1' },
      ],
    },
  ])('$name', ({ a, want }) => {
    expect(parsePoolAddresses(pool({ addresses: a }))).toEqual(want);
  });
  it('tolerates a pool without spec', () => expect(parsePoolAddresses(pool(undefined))).toEqual([]));
});

describe('parseGoIP / formatIP (net.ParseIP, ParseIPSloppy, IP.String)', () => {
  it.each([
    { s: '1.2.3.4', want: '1.2.3.4' },
    { s: '::', want: '::' },
    { s: '::1', want: '::1' },
    { s: '1::', want: '1::' },
    { s: '2001:db8:0:0:1:0:0:1', want: '2001:db8::1:0:0:1' },
    { s: '2001:0db8:0000:0000:0000:0000:0000:0001', want: '2001:db8::1' },
    { s: '::ffff:1.2.3.4', want: '1.2.3.4' },
    { s: '::1.2.3.4', want: '::102:304' },
    { s: '1:2:3:4:5:6:7::', want: '1:2:3:4:5:6:7:0' },
    { s: '1:0:0:4:0:0:0:8', want: '1:0:0:4::8' },
    { s: '01.2.3.4', want: null },
    { s: '256.1.1.1', want: null },
    { s: '1.2.3', want: null },
    { s: '1.2.3.4.5', want: null },
    { s: 'fe80::1%eth0', want: null },
    { s: '1::2::3', want: null },
    { s: '12345::', want: null },
    { s: '1:2:3:4:5:6:7:8:9', want: null },
    { s: '1:2:3:4:5:6:7:8::', want: null },
    { s: 'example.com', want: null },
  ])('net.ParseIP($s)', ({ s, want }) => {
    const ip = parseGoIP(s);
    expect(ip === null ? null : formatIP(ip)).toBe(want);
  });
  it.each([
    { s: '010.001.0.1', want: '10.1.0.1' },
    { s: '0000001.2.3.4', want: '1.2.3.4' },
  ])('ParseIPSloppy($s) accepts leading zeros', ({ s, want }) => {
    expect(formatIP(parseGoIP(s, true)!)).toBe(want);
  });
});
