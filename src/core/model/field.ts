// Models k8s.io/apimachinery/pkg/util/validation/field (errors.go): the error types, their
// human strings and ErrorBody()'s value formatting, so our messages read exactly like kubectl's.

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

/** ErrorType.String() upstream. */
export const FIELD_ERROR_TYPE_STRING: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Marker for field.OmitValueType: the body prints no value. */
export const OMIT = Symbol('omit-value');

/**
 * A Go-side rendering of a value, for values whose Go type prints differently from JSON
 * (e.g. `[]string{"10.0.0.1"}` under %#v). `json` is what `-o json` reports as the value.
 */
export interface GoRendered {
  readonly goRepr: string;
  readonly json: unknown;
}

export function goRendered(goRepr: string, json: unknown): GoRendered {
  return { goRepr, json };
}

export interface FieldError {
  type: FieldErrorType;
  /** Field path as upstream prints it: `spec.ports[0].nodePort`, `metadata.labels`. */
  field: string;
  /** The offending value (JSON-able), OMIT, or a GoRendered wrapper. */
  value: unknown;
  detail: string;
}

function isGoRendered(v: unknown): v is GoRendered {
  return typeof v === 'object' && v !== null && 'goRepr' in v && 'json' in v;
}

/** strconv.Quote, close enough for the strings people type (printable Unicode is kept). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** Go's %#v for the plain JSON-ish values we ever report. */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => goQuote(x as string)).join(', ')}}`;
    if (v.every((x) => typeof x === 'number')) return `[]int32{${v.join(', ')}}`;
    return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.every(([, x]) => typeof x === 'string')) {
      return `map[string]string{${entries.map(([k, x]) => `${goQuote(k)}:${goQuote(x as string)}`).join(', ')}}`;
    }
    return `map[string]interface {}{${entries.map(([k, x]) => `${goQuote(k)}:${goSharpV(x)}`).join(', ')}}`;
  }
  return String(v);
}

/** field.Error.ErrorBody() */
export function errorBody(e: FieldError): string {
  const typeStr = FIELD_ERROR_TYPE_STRING[e.type];
  let s: string;
  if (
    e.type === 'FieldValueRequired' ||
    e.type === 'FieldValueForbidden' ||
    e.type === 'FieldValueTooLong' ||
    e.type === 'InternalError' ||
    e.value === OMIT
  ) {
    s = typeStr;
  } else {
    const v = e.value;
    if (isGoRendered(v)) s = `${typeStr}: ${v.goRepr}`;
    else if (v === null || v === undefined) s = `${typeStr}: null`;
    else if (typeof v === 'string') s = `${typeStr}: ${goQuote(v)}`;
    else if (typeof v === 'number' || typeof v === 'boolean') s = `${typeStr}: ${v}`;
    else s = `${typeStr}: ${goSharpV(v)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): `<field>: <body>` */
export function fieldErrorString(e: FieldError): string {
  return e.field ? `${e.field}: ${errorBody(e)}` : errorBody(e);
}

/** The value as `-o json` reports it. */
export function errorValueJSON(v: unknown): unknown {
  if (v === OMIT || v === undefined) return null;
  if (isGoRendered(v)) return v.json;
  return v;
}

// Constructors mirroring field.Invalid, field.Required, ...
export const invalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, value, detail });
export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, value: '', detail });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, value: '', detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value, detail: '' });
export const notFound = (field: string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field, value, detail: '' });
export const tooMany = (field: string, actual: number, max: number): FieldError => ({
  type: 'FieldValueTooMany',
  field,
  value: actual,
  detail: `must have at most ${max} items`,
});
/** field.NotSupported: detail lists the supported values, each %q-quoted, joined by ", ". */
export function notSupported(field: string, value: unknown, valid: readonly string[]): FieldError {
  const detail = valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field, value, detail };
}
