import { describe, expect, it } from 'vitest';
import { ip4, ip4Key } from './ip4';

describe('ip4 / ip4Key: addresses as numbers for the decision engine', () => {
  it.each([
    // a canonical dotted quad: the key is the address as an int32, equal to ip4's uint32 modulo 2^32
    { s: '10.96.0.1', n: 0x0a600001, key: 0x0a600001 },
    { s: '172.16.0.10', n: 0xac10000a, key: 0xac10000a | 0 },
    { s: '255.255.255.255', n: 0xffffffff, key: -1 },
    { s: '0.0.0.0', n: 0, key: 0 },
    // leading zeros: ip4 reads the number, but the string is not canonical, so no key (string lookups instead)
    { s: '010.96.0.1', n: 0x0a600001, key: NaN },
    { s: '10.96.00.1', n: 0x0a600001, key: NaN },
    // not an address
    { s: '10.96.0', n: null, key: NaN },
    { s: '10.96.0.256', n: null, key: NaN },
    { s: '10.96.0.1.2', n: null, key: NaN },
    { s: 'upstream', n: null, key: NaN },
    { s: '1000.0.0.1', n: null, key: NaN },
  ])('$s', ({ s, n, key }) => {
    expect(ip4(s)).toBe(n);
    expect(ip4Key(s)).toBe(key);
    // The key of a canonical address is its ip4 value: decide.ts derives one from the other.
    if (key === key) expect(ip4Key(s) >>> 0).toBe(ip4(s));
  });
});
