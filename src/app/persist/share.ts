// Share links: the whole reproducible state (text + runtime actions + seed) compressed into the URL
// fragment, `#s=<lz-string>`. The fragment never reaches a server, so sharing needs none. Decoding is
// defensive: a link is user input from anywhere, and a damaged one must give a clear reason, not a crash.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { Snapshot } from '../store';

export const SHARE_PREFIX = '#s=';
/** A decompressed link larger than this is refused (a link is small; this guards memory, not users). */
const MAX_DECODED_CHARS = 10 * 1024 * 1024;

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

export function encodeShare(s: Snapshot): string {
  return compressToEncodedURIComponent(JSON.stringify({ v: 1, text: s.text, actions: s.actions, seed: s.seed }));
}

/** The full link: this page's origin and path (no query: the link supersedes `?example=`) plus the fragment. */
export function shareUrl(loc: Pick<Location, 'origin' | 'pathname'>, s: Snapshot): string {
  return `${loc.origin}${loc.pathname}${SHARE_PREFIX}${encodeShare(s)}`;
}

/** The compressed payload of a `#s=` fragment, or null when the fragment is not a share link. */
export function shareFragment(hash: string): string | null {
  return hash.startsWith(SHARE_PREFIX) ? hash.slice(SHARE_PREFIX.length) : null;
}

/** Check a decoded JSON value has the snapshot's shape; shared by share links and the autosave. */
export function snapshotFrom(value: unknown): Decoded<Snapshot> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'it is not an object' };
  const o = value as Record<string, unknown>;
  if (o.v !== 1) return { ok: false, error: `unsupported version ${JSON.stringify(o.v) ?? 'none'}` };
  if (typeof o.text !== 'string') return { ok: false, error: 'the manifest text is missing' };
  if (!Array.isArray(o.actions) || !o.actions.every((a) => typeof a === 'string')) return { ok: false, error: 'the action list is not a list of strings' };
  if (typeof o.seed !== 'number' || !Number.isSafeInteger(o.seed)) return { ok: false, error: 'the seed is not an integer' };
  return { ok: true, value: { text: o.text, actions: o.actions as string[], seed: o.seed } };
}

export function decodeShare(payload: string): Decoded<Snapshot> {
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(payload);
  } catch {
    json = null;
  }
  // lz-string returns null or '' for input it cannot decompress.
  if (!json) return { ok: false, error: 'it could not be decompressed (is the link complete?)' };
  if (json.length > MAX_DECODED_CHARS) return { ok: false, error: 'it is too large' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: 'its content is not valid JSON' };
  }
  return snapshotFrom(value);
}
