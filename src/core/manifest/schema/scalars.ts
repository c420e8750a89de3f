// The custom decoders behind three wire scalars, reduced to "which error, if any":
//   resource.Quantity.UnmarshalJSON → ParseQuantity (apimachinery/pkg/api/resource/quantity.go)
//   metav1.Time.UnmarshalJSON → time.Parse(time.RFC3339, s) (Go time/format.go, generic parse)
//   []byte in encoding/json → base64.StdEncoding.Decode (Go encoding/base64, decodeQuantum)

// quantity.go: ErrFormatWrong / ErrSuffix, verbatim.
export const QUANTITY_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX = "unable to parse quantity's suffix";

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

const DEC_SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);
const BIN_SUFFIXES = new Set(['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
const SUFFIX_CHARS = 'eEinumkKMGTP';

/** suffixHandler.interpret: is `suf` a decimal, binary or e<int> exponent suffix? */
function suffixOK(suf: string): boolean {
  if (DEC_SUFFIXES.has(suf) || BIN_SUFFIXES.has(suf)) return true;
  // strconv.ParseInt(suffix[1:], 10, 64): optional sign, then at least one digit, and it fits.
  const exp = suf.slice(1);
  return suf.length > 1 && (suf[0] === 'e' || suf[0] === 'E') && /^[+-]?\d+$/.test(exp) && Math.abs(Number(exp)) < 2 ** 63;
}

/**
 * ParseQuantity's error for `raw` (the JSON text with its quotes stripped and spaces trimmed, as
 * Quantity.UnmarshalJSON passes it), or null when it parses. parseQuantityString's scan, step by step.
 */
export function quantityError(raw: string): string | null {
  const str = raw.trim();
  const end = str.length;
  if (end === 0) return QUANTITY_FORMAT_WRONG;
  if (str === '0') return null;
  let pos = 0;
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++; // leading zeros
  if (pos >= end) return null;
  while (pos < end && isDigit(str, pos)) pos++; // numerator
  if (pos >= end) return null;
  if (str[pos] === '.') {
    pos++;
    while (pos < end && isDigit(str, pos)) pos++; // denominator
    if (pos >= end) return null;
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (pos < end) {
    if (str[pos] === '-' || str[pos] === '+') pos++;
    while (pos < end && isDigit(str, pos)) pos++;
    // A character that is neither a suffix letter nor an exponent digit.
    if (pos < end) return QUANTITY_FORMAT_WRONG;
  }
  return suffixOK(str.slice(suffixStart)) ? null : QUANTITY_SUFFIX;
}

/** time's quote(): ASCII kept (with " and \ escaped), other bytes as \xNN. */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of new TextEncoder().encode(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';
/** The layout's chunks as nextStdChunk splits it: literal prefix, then the std element. */
const CHUNKS: ReadonlyArray<readonly [string, string]> = [
  ['', '2006'],
  ['-', '01'],
  ['-', '02'],
  ['T', '15'],
  [':', '04'],
  [':', '05'],
  ['', 'Z07:00'],
];

/** getnum: one or two digits (exactly two when fixed); [value, rest] or null for errBad. */
function getnum(s: string, fixed: boolean): [number, string] | null {
  if (!isDigit(s, 0)) return null;
  if (!isDigit(s, 1)) return fixed ? null : [s.charCodeAt(0) - 48, s.slice(1)];
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

/** The shape servers write (`2025-05-02T09:14:07Z`, optional fraction, ±hh:mm offset). */
const PLAIN_RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:Z|[+-](\d\d):(\d\d))$/;

/** time.Parse(time.RFC3339, value)'s error text, or null when it parses. */
export function timeParseError(value: string): string | null {
  // Fast path for the usual shape with in-range fields; anything else takes the step-by-step parse.
  const m = PLAIN_RFC3339.exec(value);
  if (m) {
    const [mo, d, h, mi, s] = [+m[2], +m[3], +m[4], +m[5], +m[6]];
    const tzOK = m[7] === undefined || (+m[7] <= 24 && +m[8] <= 60);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(mo, +m[1]) && h < 24 && mi < 60 && s < 60 && tzOK) return null;
  }
  const q = timeQuote(value);
  const cannot = (valueElem: string, layoutElem: string) =>
    `parsing time ${q} as ${timeQuote(RFC3339)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`;
  let v = value;
  let year = 0;
  let month = 0;
  let day = 0;
  for (const [prefix, std] of CHUNKS) {
    for (const c of prefix) {
      if (v.length === 0 || v[0] !== c) return cannot(v, prefix);
      v = v.slice(1);
    }
    const hold = v;
    let bad = false;
    let range = '';
    let r: [number, string] | null;
    switch (std) {
      case '2006':
        if (v.length < 4 || !isDigit(v, 0) || !/^\d{4}$/.test(v.slice(0, 4))) bad = true;
        else [year, v] = [Number(v.slice(0, 4)), v.slice(4)];
        break;
      case '01':
        if (!(r = getnum(v, true))) bad = true;
        else if ((([month, v] = r), month < 1 || month > 12)) range = 'month';
        break;
      case '02':
        if (!(r = getnum(v, true))) bad = true;
        else [day, v] = r;
        break;
      case '15':
        if (!(r = getnum(v, false))) bad = true;
        else if ((v = r[1]), r[0] >= 24) range = 'hour';
        break;
      case '04':
        if (!(r = getnum(v, true))) bad = true;
        else if ((v = r[1]), r[0] >= 60) range = 'minute';
        break;
      case '05':
        if (!(r = getnum(v, true))) bad = true;
        else if ((v = r[1]), r[0] >= 60) range = 'second';
        else if (v.length >= 2 && (v[0] === '.' || v[0] === ',') && isDigit(v, 1)) {
          // A fractional second the layout does not mention is accepted.
          let n = 2;
          while (n < v.length && isDigit(v, n)) n++;
          v = v.slice(n);
        }
        break;
      default: // Z07:00
        if (v.length >= 1 && v[0] === 'Z') {
          v = v.slice(1);
          break;
        }
        if (v.length < 6 || v[3] !== ':') {
          bad = true;
          break;
        }
        {
          // Offsets of up to 24h / 60m are tolerated; the range checks run before the sign check.
          const hr = getnum(v.slice(1, 3), true);
          const mm = hr && getnum(v.slice(4, 6), true);
          const sign = v[0];
          v = v.slice(6);
          if (hr && hr[0] > 24) range = 'time zone offset hour';
          if (mm && mm[0] > 60) range = 'time zone offset minute';
          if (!mm || (sign !== '+' && sign !== '-')) bad = true;
        }
    }
    if (range) return `parsing time ${q}: ${range} out of range`;
    if (bad) return cannot(hold, std);
  }
  if (v.length) return `parsing time ${q}: extra text: ${timeQuote(v)}`;
  if (day < 1 || day > daysIn(month, year)) return `parsing time ${q}: day out of range`;
  return null;
}

const B64 = new Uint8Array(256).fill(0xff);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) B64[c.charCodeAt(0)] = i;

/** base64.StdEncoding.Decode's error for the UTF-8 bytes of `s` (CorruptInputError), or null. */
export function base64Error(s: string): string | null {
  // Pure ASCII (the normal case) is its own byte sequence; anything else goes through UTF-8.
  const bytes = /[\u0080-\uffff]/.test(s) ? new TextEncoder().encode(s) : null;
  const at = bytes ? (i: number) => bytes[i] : (i: number) => s.charCodeAt(i);
  const n = bytes ? bytes.length : s.length;
  const corrupt = (at: number) => `illegal base64 data at input byte ${at}`;
  const isNL = (c: number) => c === 10 || c === 13;
  let si = 0;
  while (si < n) {
    // decodeQuantum
    for (let j = 0; j < 4; j++) {
      if (si === n) {
        if (j === 0) return null;
        return corrupt(si - j); // StdEncoding pads: a short final quantum is corrupt
      }
      const c = at(si++);
      if (B64[c] !== 0xff) continue;
      if (isNL(c)) {
        j--;
        continue;
      }
      if (c !== 61) return corrupt(si - 1); // not '='
      if (j < 2) return corrupt(si - 1); // incorrect padding
      if (j === 2) {
        while (si < n && isNL(at(si))) si++;
        if (si === n) return corrupt(n); // not enough padding
        if (at(si) !== 61) return corrupt(si - 1);
        si++;
      }
      while (si < n && isNL(at(si))) si++;
      return si < n ? corrupt(si) : null; // trailing garbage after the padding
    }
  }
  return null;
}
