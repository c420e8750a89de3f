// metadata.uid: a version-4-shaped UUID derived from a key, so the same inputs give the same uid.
import { fnv1a } from './hash';

export function deterministicUID(key: string): string {
  let hex = '';
  for (let i = 0; hex.length < 32; i++) hex += fnv1a(`${key}#${i}`).toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
