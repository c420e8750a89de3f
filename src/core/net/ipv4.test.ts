import { describe, expect, it } from 'vitest';
import {
  cidrString,
  formatIPv4,
  ipClass,
  ipString,
  isDualStackIPStrings,
  isIPv6String,
  isValidIPv4,
  parseCIDR4,
  parseCIDRSloppy,
  parseCIDRStrict,
  parseIPSloppy,
  parseIPStrict,
  parseIPv4,
  strictAddr,
} from './ipv4';

describe('parseIPSloppy (k8s.io/utils/net ParseIPSloppy = Go 1.16 net.ParseIP)', () => {
  it.each<[string, string | null, string]>([
    // [input, canonical String() or null, comment]
    ['10.96.0.1', '10.96.0.1', 'plain dotted quad'],
    ['010.001.002.003', '10.1.2.3', 'leading zeros are accepted and read as decimal, not octal'],
    ['0000000001.2.3.4', '1.2.3.4', 'dtoi has no digit-count limit, only a value limit'],
    ['256.1.1.1', null, 'octet > 255'],
    ['1.2.3', null, 'missing octet'],
    ['1.2.3.4.', null, 'trailing garbage'],
    ['1.2.3.4 ', null, 'no trimming'],
    ['', null, 'empty'],
    ['myhost.mydomain', null, 'hostnames are not IPs'],
    ['2001:db8::ffff', '2001:db8::ffff', 'IPv6'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', 'IPv6 upper case, non-canonical'],
    ['::', '::', 'IPv6 unspecified'],
    ['::1', '::1', 'IPv6 loopback'],
    ['::ffff:1.2.3.4', '1.2.3.4', 'IPv4-mapped IPv6 is IPv4 for net.IP'],
    ['::ffff:01.2.3.4', '1.2.3.4', 'sloppy IPv4 tail'],
    ['1:2:3:4:5:6:7:8:9', null, 'too many groups'],
    ['1::2::3', null, 'two ellipses'],
    ['1:2:3:4:5:6:7::8', null, 'ellipsis must stand for at least one group (Go rejects)'],
    ['fe80::1%eth0', null, 'zones are not accepted by ParseIP'],
    ['1:0:0:0:1:0:0:0', '1::1:0:0:0', 'equal zero runs: the first one is shortened'],
    ['1:0:0:1:0:0:0:1', '1:0:0:1::1', 'the longest zero run is shortened'],
  ])('%s → %s (%s)', (input, want) => {
    const ip = parseIPSloppy(input);
    expect(ip === null ? null : ipString(ip)).toBe(want);
  });

  it('treats non-strings as invalid', () => {
    expect(parseIPSloppy(42)).toBeNull();
    expect(parseIPSloppy(undefined)).toBeNull();
  });
});

describe('IPv4 helpers', () => {
  it.each([
    ['10.96.0.10', true],
    ['010.096.000.010', true],
    ['::ffff:10.0.0.1', true],
    ['2001:db8::1', false],
    ['10.96.0', false],
  ])('isValidIPv4(%s) = %s (legacy rules: sloppy parse, To4() != nil)', (s, want) => {
    expect(isValidIPv4(s)).toBe(want);
  });

  it('parses and formats 32-bit values', () => {
    expect(parseIPv4('10.96.0.1')).toBe(0x0a600001);
    expect(parseIPv4('255.255.255.255')).toBe(0xffffffff);
    expect(formatIPv4(0x0a60000a)).toBe('10.96.0.10');
    expect(formatIPv4(parseIPv4('010.1.1.1')!)).toBe('10.1.1.1');
    expect(parseIPv4('2001:db8::1')).toBeNull();
  });

  it('isIPv6String: IPv4-mapped values count as IPv4 (netutils.IsIPv6String)', () => {
    expect(isIPv6String('2001:db8::1')).toBe(true);
    expect(isIPv6String('::ffff:1.2.3.4')).toBe(false);
    expect(isIPv6String('1.2.3.4')).toBe(false);
    expect(isIPv6String('nope')).toBe(false);
  });

  it('isDualStackIPStrings needs one of each family', () => {
    expect(isDualStackIPStrings(['10.0.0.1', '2001:db8::1'])).toBe(true);
    expect(isDualStackIPStrings(['10.0.0.1', '10.0.0.2'])).toBe(false);
    expect(isDualStackIPStrings(['2001:db8::1', '2001:db8::2'])).toBe(false);
  });
});

describe('sloppy vs strict (Go ≥ 1.17 net.ParseIP / net.ParseCIDR, as MetalLB calls them)', () => {
  it.each<[string, string | null, string | null, string]>([
    // [input, ParseIPSloppy → String(), net.ParseIP → String(), comment]
    ['10.1.2.3', '10.1.2.3', '10.1.2.3', 'plain dotted quad: both accept'],
    ['010.1.2.3', '10.1.2.3', null, 'leading zero in an octet: only the Go 1.16 fork accepts'],
    ['::ffff:1.2.3.04', '1.2.3.4', null, 'leading zero in an embedded IPv4 octet'],
    ['2001:db8::00001', '2001:db8::1', null, 'Go 1.16 xtoi reads any number of hex digits ≤ 0xffff; netip allows 4'],
    ['000000001::1', '1::1', null, 'xtoi has no digit-count limit, only a value limit'],
    ['12345::', null, null, 'group value > 0xffff'],
    ['fe80::1%eth0', null, null, 'zones: neither accepts'],
  ])('%s → sloppy %s, strict %s (%s)', (input, sloppy, strict) => {
    const a = parseIPSloppy(input);
    const b = parseIPStrict(input);
    expect(a === null ? null : ipString(a)).toBe(sloppy);
    expect(b === null ? null : ipString(b)).toBe(strict);
  });

  it.each<[string, string | null, string | null, string]>([
    // [input, ParseCIDRSloppy → IPNet.String(), net.ParseCIDR → IPNet.String(), comment]
    ['10.0.0.0/24', '10.0.0.0/24', '10.0.0.0/24', 'plain'],
    ['10.0.0.0/0000000024', '10.0.0.0/24', '10.0.0.0/24', 'prefix length is read by dtoi in both: leading zeros allowed'],
    ['010.0.0.0/8', '10.0.0.0/8', null, 'leading zero in the address: netip.ParseAddr rejects'],
    ['2001:db8::00001/64', '2001:db8::/64', null, '5-digit IPv6 group'],
    ['10.0.0.0/33', null, null, 'prefix > 32 for a dotted quad'],
  ])('%s → sloppy %s, strict %s (%s)', (input, sloppy, strict) => {
    const a = parseCIDRSloppy(input);
    const b = parseCIDRStrict(input);
    expect(a === null ? null : cidrString(a)).toBe(sloppy);
    expect(b === null ? null : cidrString(b)).toBe(strict);
  });

  it('treats non-strings as invalid', () => {
    expect(parseIPStrict(42)).toBeNull();
    expect(parseCIDRStrict(undefined)).toBeNull();
  });
});

describe('strictAddr (what netip.ParseAddr would say)', () => {
  it.each([
    ['1.2.3.4', { valid: true, is4In6: false, is6: false }],
    ['01.2.3.4', { valid: false, is4In6: false, is6: false }],
    ['1.2.3.0', { valid: true, is4In6: false, is6: false }],
    ['::ffff:1.2.3.4', { valid: true, is4In6: true, is6: true }],
    ['::ffff:1.2.3.04', { valid: false, is4In6: true, is6: true }],
    ['2001:db8::00001', { valid: false, is4In6: false, is6: true }],
    ['2001:DB8::1', { valid: true, is4In6: false, is6: true }],
  ])('%s', (s, want) => {
    expect(strictAddr(s)).toEqual(want);
  });
});

describe('CIDRs', () => {
  it.each([
    // [input, IPNet.String() or null]
    ['10.96.0.0/12', '10.96.0.0/12'],
    ['10.96.0.5/12', '10.96.0.0/12'],
    ['10.0.0.0/024', '10.0.0.0/24'],
    ['010.0.0.0/8', '10.0.0.0/8'],
    ['10.0.0.0/33', null],
    ['10.0.0.0', null],
    ['10.0.0.0/', null],
    ['10.0.0.0/8 ', null],
    ['2001:db8::/64', '2001:db8::/64'],
    ['2001:db8::1/129', null],
    ['foo.bar/24', null],
  ])('parseCIDRSloppy(%s) → %s', (s, want) => {
    const c = parseCIDRSloppy(s);
    expect(c === null ? null : cidrString(c)).toBe(want);
  });

  it('parseCIDR4 gives network, size, contains and nth', () => {
    const c = parseCIDR4('10.96.0.0/12')!;
    expect(formatIPv4(c.network)).toBe('10.96.0.0');
    expect(c.prefix).toBe(12);
    expect(c.size).toBe(1 << 20);
    expect(formatIPv4(c.broadcast)).toBe('10.111.255.255');
    expect(formatIPv4(c.nth(1))).toBe('10.96.0.1');
    expect(formatIPv4(c.nth(10))).toBe('10.96.0.10');
    expect(c.contains('10.111.255.255')).toBe(true);
    expect(c.contains('10.112.0.0')).toBe(false);
    expect(c.contains('nope')).toBe(false);
    expect(c.toString()).toBe('10.96.0.0/12');
    expect(parseCIDR4('2001:db8::/64')).toBeNull();
    expect(parseCIDR4('10.0.0.7/32')!.size).toBe(1);
  });
});

describe('ipClass (net.IP predicates used by ValidateNonSpecialIP)', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'linkLocalUnicast'],
    ['fe80::1', 'linkLocalUnicast'],
    ['224.0.0.251', 'linkLocalMulticast'],
    ['ff02::1', 'linkLocalMulticast'],
  ] as const)('%s is %s', (s, cls) => {
    expect(ipClass(parseIPSloppy(s)!)[cls]).toBe(true);
  });

  it('an ordinary address is none of them', () => {
    expect(Object.values(ipClass(parseIPSloppy('1.2.3.4')!)).some(Boolean)).toBe(false);
  });
});
