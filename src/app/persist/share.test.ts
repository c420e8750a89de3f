import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { decodeShare, encodeShare, shareFragment, shareUrl } from './share';

const snap = { text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: “web” <b>x</b>\n', actions: ['delete pod/default/web-1', 'cordon node/kind-worker'], seed: 42 };
const pack = (v: unknown) => compressToEncodedURIComponent(JSON.stringify(v));

describe('share links', () => {
  it('round-trips text, actions and seed through the fragment', () => {
    const url = shareUrl({ origin: 'http://localhost:4173', pathname: '/' }, snap);
    expect(url.startsWith('http://localhost:4173/#s=')).toBe(true);
    const payload = shareFragment(new URL(url).hash);
    expect(payload).not.toBeNull();
    expect(decodeShare(payload!)).toEqual({ ok: true, value: snap });
  });

  it('uses only URL-safe characters', () => {
    expect(encodeShare(snap)).toMatch(/^[A-Za-z0-9+\-$]*$/);
  });

  it.each([
    { name: 'not a share fragment', hash: '#section', want: null },
    { name: 'empty fragment', hash: '', want: null },
    { name: 'share fragment', hash: '#s=abc', want: 'abc' },
  ])('shareFragment: $name', ({ hash, want }) => {
    expect(shareFragment(hash)).toBe(want);
  });

  it.each([
    // each row: a damaged link gives a reason a person can act on, never an exception
    { name: 'garbage that does not decompress', payload: '%%%not-lz', error: /could not be decompressed/ },
    { name: 'truncated link', payload: encodeShare(snap).slice(0, 20), error: /decompressed|JSON|version|text|action|seed/ },
    { name: 'not JSON', payload: compressToEncodedURIComponent('{oops'), error: /not valid JSON/ },
    { name: 'JSON but an array', payload: pack([1, 2]), error: /not an object/ },
    { name: 'unknown version', payload: pack({ v: 2, text: '', actions: [], seed: 1 }), error: /unsupported version 2/ },
    { name: 'text missing', payload: pack({ v: 1, actions: [], seed: 1 }), error: /manifest text is missing/ },
    { name: 'actions not strings', payload: pack({ v: 1, text: '', actions: [1], seed: 1 }), error: /not a list of strings/ },
    { name: 'seed not an integer', payload: pack({ v: 1, text: '', actions: [], seed: 1.5 }), error: /seed is not an integer/ },
  ])('decodeShare rejects $name', ({ payload, error }) => {
    const d = decodeShare(payload);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error).toMatch(error);
  });
});
