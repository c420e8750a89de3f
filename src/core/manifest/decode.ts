// kube-apiserver's decode step, which runs before defaulting and validation and rejects a wrongly
// shaped body as 400 BadRequest. kubectl asks for fieldValidation=Strict (its default
// --validate=strict), so the body goes through the strict JSON serializer
// (apimachinery/pkg/runtime/serializer/json/json.go unmarshal → sigs.k8s.io/json UnmarshalStrict,
// a fork of Go's encoding/json, internal/golang/encoding/json/decode.go). What it reports:
//  - a type mismatch: `json: cannot unmarshal <what> into Go struct field <Struct>.<a.b.c> of type <T>`
//    (Struct is the innermost struct type; the path lists struct fields only, no map keys or indices).
//    Mismatches are saved and decoding goes on, so the FIRST one is reported; an error returned by a
//    custom UnmarshalJSON (IntOrString, Quantity, Time) stops decoding at once and wins instead.
//  - only if there was none, every unknown field: `strict decoding error: unknown field "a.b[0].c"`,
//    several joined by ", " (runtime.NewStrictDecodingError; at most 100, kubernetes_patch.go).
// null is accepted everywhere. kubectl sends the object re-encoded from a map, so keys arrive
// sorted: "first" means first in sorted-key order. The apiserver wraps the message as
// `<Kind> in version "<v>" cannot be handled as a <Kind>: <message>` (endpoints/handlers/create.go
// transformDecodeError); the caller does that.
import { goQuote } from '../model/field';
import { KIND_SCHEMAS } from './schema';
import { base64Error, quantityError, timeParseError } from './schema/scalars';
import { ANY, BOOL, BYTES, INT, INT32, INTSTR, MAP, QUANTITY, SLICE, STR, STRUCT, TIME, type GoType } from './schema/types';

export interface DecodeProblem {
  /** Where, as upstream prints paths: `spec.ports[0].targetPort` (empty for the whole object). */
  field: string;
  /**
   * The text after `cannot be handled as a <Kind>: `. When several unknown fields are reported, the
   * first message carries the `strict decoding error: ` prefix, so joining all with ", " gives
   * upstream's whole message.
   */
  message: string;
  value: unknown;
}

// Walk state, reused across calls (decoding is synchronous and never re-entered).
let exact = false; // false: a quick pass that only answers "is anything wrong?"
let fatal: DecodeProblem | null = null;
let firstSaved: DecodeProblem | null = null;
let unknownFields: DecodeProblem[] = [];
const segs: (string | number)[] = [];
const segIsField: boolean[] = [];
let depth = 0;

const STOP = true;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** encoding/json's name for a JSON value's kind in UnmarshalTypeError.Value. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

/** The JSON text Go sees for a number (its float formatting matches JS's, e.g. 1e+21, 1e-7). */
const numText = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));

/** Our path for the current position, in the strict errors' format: `spec.ports[0].name`. */
function path(): string {
  let p = '';
  for (let i = 0; i < depth; i++) {
    const s = segs[i];
    p += typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`;
  }
  return p;
}

/** errorContext: `Go struct field <Struct>.<struct field names>`, or `Go value` at the top. */
function goContext(struct: string): string {
  if (!struct) return 'Go value';
  let f = '';
  for (let i = 0; i < depth; i++) if (segIsField[i]) f += f ? `.${segs[i]}` : (segs[i] as string);
  return `Go struct field ${struct}.${f}`;
}

function report(p: DecodeProblem, stops: boolean): boolean {
  if (stops) {
    fatal = p;
    return STOP;
  }
  firstSaved ??= p;
  return false;
}

/** An UnmarshalTypeError (custom unmarshalers' too: the fork aliases encoding/json's type). */
function typeError(what: string, go: string, v: unknown, struct: string, stops = false): boolean {
  if (!exact) return STOP;
  return report({ field: path(), message: `json: cannot unmarshal ${what} into ${goContext(struct)} of type ${go}`, value: v }, stops);
}

/** An error that is not an UnmarshalTypeError: its text is reported as is. */
function plainError(message: string, v: unknown, stops: boolean): boolean {
  if (!exact) return STOP;
  return report({ field: path(), message, value: v }, stops);
}

function unknownField(key: string, v: unknown): boolean {
  if (!exact) return STOP;
  const field = depth ? `${path()}.${key}` : key;
  if (unknownFields.length < 100 && !unknownFields.some((p) => p.field === field)) {
    unknownFields.push({ field, message: `unknown field ${goQuote(field)}`, value: v });
  }
  return false;
}

/** Object keys in the order the server sees them (sorted) in the exact pass. */
function keysOf(o: Record<string, unknown>): string[] {
  const keys = Object.keys(o);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) return keys.sort();
  }
  return keys;
}

function visit(v: unknown, t: GoType, struct: string, seg: string | number, isField: boolean): boolean {
  segs[depth] = seg;
  segIsField[depth] = isField;
  depth++;
  const stop = walk(v, t, struct);
  depth--;
  return stop;
}

function walkArray(a: unknown[], elem: GoType, struct: string): boolean {
  for (let i = 0; i < a.length; i++) if (visit(a[i], elem, struct, i, false)) return STOP;
  return false;
}

function walkMap(o: Record<string, unknown>, elem: GoType, struct: string): boolean {
  if (exact) {
    for (const k of keysOf(o)) if (visit(o[k], elem, struct, k, false)) return STOP;
  } else {
    for (const k in o) if (visit(o[k], elem, struct, k, false)) return STOP;
  }
  return false;
}

function field(o: Record<string, unknown>, k: string, t: GoType): boolean {
  const f = t.fields!.get(k);
  return f === undefined ? unknownField(k, o[k]) : visit(o[k], f, t.name, k, true);
}

function walkStruct(o: Record<string, unknown>, t: GoType): boolean {
  if (t.fields === null) return false;
  if (exact) {
    for (const k of keysOf(o)) if (field(o, k, t)) return STOP;
  } else {
    for (const k in o) if (field(o, k, t)) return STOP;
  }
  return false;
}

/** Decode `v` into Go type `t`; `struct` is the innermost struct whose field we are in. */
function walk(v: unknown, t: GoType, struct: string): boolean {
  if (v === null || v === undefined) return false; // null leaves any Go value alone
  switch (t.k) {
    case STR:
      return typeof v === 'string' ? false : typeError(jsonKind(v), t.go, v, struct);
    case INT:
      if (typeof v !== 'number') return typeError(jsonKind(v), t.go, v, struct);
      return Number.isInteger(v) && v >= t.min && v <= t.max ? false : typeError(`number ${numText(v)}`, t.go, v, struct);
    case BOOL:
      return typeof v === 'boolean' ? false : typeError(jsonKind(v), t.go, v, struct);
    case ANY:
      return false;
    case INTSTR: // intstr.go UnmarshalJSON: a string, else json.Unmarshal into the int32
      if (typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v) && v >= INT32.min && v <= INT32.max)) return false;
      return typeError(typeof v === 'number' ? `number ${numText(v)}` : jsonKind(v), 'int32', v, struct, true);
    case QUANTITY: {
      // The raw JSON text, quotes stripped: objects, arrays and bools never match the format.
      const err = quantityError(typeof v === 'string' ? v : typeof v === 'number' ? numText(v) : '{');
      return err ? plainError(err, v, true) : false;
    }
    case TIME: {
      // metav1.Time.UnmarshalJSON: json.Unmarshal into a string, then time.Parse(time.RFC3339, ...).
      if (typeof v !== 'string') return typeError(jsonKind(v), 'string', v, struct, true);
      const err = timeParseError(v);
      return err ? plainError(err, v, true) : false;
    }
    case BYTES:
      if (typeof v === 'string') {
        const err = base64Error(v); // a base64.CorruptInputError is saved as is (no field context)
        return err ? plainError(err, v, false) : false;
      }
      return Array.isArray(v) ? walkArray(v, t.elem!, struct) : typeError(jsonKind(v), t.go, v, struct);
    case SLICE:
      return Array.isArray(v) ? walkArray(v, t.elem!, struct) : typeError(jsonKind(v), t.go, v, struct);
    case MAP:
      return isObject(v) ? walkMap(v, t.elem!, struct) : typeError(jsonKind(v), t.go, v, struct);
    case STRUCT:
      return isObject(v) ? walkStruct(v, t) : typeError(jsonKind(v), t.go, v, struct);
  }
  return false;
}

/**
 * Decode a wire-shaped object as kube-apiserver does for `kind` (Namespace, Node, Pod, Service,
 * Endpoints, ConfigMap, Secret, List, Deployment, ReplicaSet, EndpointSlice, Ingress, IngressClass).
 * No problems for other kinds. apiVersion and kind themselves are not checked here.
 */
export function decodeObject(obj: unknown, kind: string): { problems: DecodeProblem[] } {
  const t = KIND_SCHEMAS.get(kind);
  if (!t) return { problems: [] };
  // Quick pass: natural key order, no messages, stops at the first problem of any sort.
  exact = false;
  depth = 0;
  if (!walk(obj, t, '')) return { problems: [] };
  // Exact pass, only for a body that has something wrong with it.
  exact = true;
  fatal = firstSaved = null;
  unknownFields = [];
  try {
    walk(obj, t, '');
  } finally {
    exact = false;
    depth = 0;
  }
  const problems = fatal ? [fatal] : firstSaved ? [firstSaved] : unknownFields;
  if (problems === unknownFields && unknownFields.length) unknownFields[0].message = `strict decoding error: ${unknownFields[0].message}`;
  fatal = firstSaved = null;
  unknownFields = [];
  return { problems };
}
