// Models nothing upstream: IPv4 address arithmetic for the decision engine (decide.ts) and its indexes. Leaves out: IPv6.
// Addresses as numbers, parsed without allocating: a trace parses a few per packet.

/** Dotted-quad IPv4 → uint32, or null. */
export function ip4(s: string): number | null {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return null;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3) return null;
    } else return null;
  }
  if (dots !== 3 || digits === 0 || part > 255) return null;
  return n * 256 + part;
}

/**
 * A dotted quad in canonical form (no leading zeros) → its address as an int32 (a small integer, so
 * Maps keyed by it compare keys without reading a string); NaN for anything else. Two canonical strings
 * are equal exactly when their keys are, which lets indexes keyed by address use these keys.
 */
export function ip4Key(s: string): number {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  let lead = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return NaN;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits === 0) lead = c === 48;
      else if (lead) return NaN;
      part = part * 10 + (c - 48);
      if (++digits > 3) return NaN;
    } else return NaN;
  }
  if (dots !== 3 || digits === 0 || part > 255) return NaN;
  return (n * 256 + part) | 0;
}
