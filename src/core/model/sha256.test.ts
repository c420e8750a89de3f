import { describe, expect, it } from 'vitest';
import { base32Std, sha256, sha256Hex, utf8 } from './sha256';

describe('sha256 (FIPS 180-4)', () => {
  it.each([
    // FIPS 180-2 appendix B / NIST example vectors
    { name: 'empty string', input: '', hex: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { name: 'FIPS 180-2 B.1 "abc"', input: 'abc', hex: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
    { name: 'FIPS 180-2 B.2 two-block message', input: 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', hex: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1' },
    { name: 'FIPS 180-2 B.3 one million "a"', input: 'a'.repeat(1_000_000), hex: 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0' },
    // padding boundaries: 55 bytes fits one block, 56 needs two; 64 exactly one full block
    { name: '55 bytes (length fits the first padding block)', input: 'a'.repeat(55), hex: '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318' },
    { name: '56 bytes (padding spills into a second block)', input: 'a'.repeat(56), hex: 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a' },
    { name: '63 bytes', input: 'a'.repeat(63), hex: '7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34' },
    { name: '64 bytes (one full block)', input: 'a'.repeat(64), hex: 'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb' },
    { name: '119 bytes', input: 'a'.repeat(119), hex: '31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb' },
    { name: 'kube-proxy chain input "ns1/svc1:p80tcp"', input: 'ns1/svc1:p80tcp', hex: 'bbcc3e7a1157ec9ccfee6c5ee9e7b58efac4f27785845f4433832a6750e929dd' },
    { name: 'non-ASCII input is hashed as UTF-8 (Go []byte(s))', input: 'héllo/€', hex: '07346ab4dc7515ec3aa3c7a4e1bf0ba6f71c703bbf3e428e59526c33ce2a3781' },
  ])('$name', ({ input, hex }) => {
    expect(sha256Hex(input)).toBe(hex);
  });

  it('is reentrant: the same input hashes the same after other inputs', () => {
    const a = sha256(utf8('abc'));
    sha256(utf8('x'.repeat(200)));
    expect(sha256(utf8('abc'))).toEqual(a);
  });
});

describe('base32Std (RFC 4648, Go base32.StdEncoding)', () => {
  it.each([
    // RFC 4648 section 10 test vectors
    { input: '', out: '' },
    { input: 'f', out: 'MY======' },
    { input: 'fo', out: 'MZXQ====' },
    { input: 'foo', out: 'MZXW6===' },
    { input: 'foob', out: 'MZXW6YQ=' },
    { input: 'fooba', out: 'MZXW6YTB' },
    { input: 'foobar', out: 'MZXW6YTBOI======' },
  ])('RFC 4648 "$input"', ({ input, out }) => {
    expect(base32Std(utf8(input))).toBe(out);
  });
});
