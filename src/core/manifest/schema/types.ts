// A compact model of the Go types kube-apiserver decodes request bodies into, just detailed enough to
// reproduce encoding/json's (sigs.k8s.io/json fork's) decode errors: each node records its Go type
// string (reflect.Type.String(), e.g. "[]v1.ServicePort", "map[string]string", "v1.IPFamily") and,
// for structs, the JSON field names. Pointers are transparent (the decoder derefs them before it
// reports a type), so `*int32` is modelled as int32 and `*LabelSelector` as v1.LabelSelector.

/** Node kinds. Numbers, not strings, so the walker's switch stays cheap. */
export const STR = 0; // any Go string kind (string, v1.Protocol, types.UID, ...)
export const INT = 1; // int32 / int64 / uint8, with range
export const BOOL = 2;
export const ANY = 3; // interface{}, runtime.RawExtension, FieldsV1, apiVersion/kind: anything goes
export const INTSTR = 4; // intstr.IntOrString: custom UnmarshalJSON
export const QUANTITY = 5; // resource.Quantity: custom UnmarshalJSON
export const TIME = 6; // metav1.Time: custom UnmarshalJSON (RFC 3339 string)
export const BYTES = 7; // []byte: a base64 string (or an array of uint8)
export const SLICE = 8;
export const MAP = 9; // map[string]T
export const STRUCT = 10; // fields === null: an opaque struct (object accepted as is)

export interface GoType {
  readonly k: number;
  /** reflect.Type.String() of the (dereferenced) Go type. */
  readonly go: string;
  /** reflect.Type.Name() for structs ("ServiceSpec"); empty otherwise. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Element type of SLICE / MAP / BYTES. */
  readonly elem: GoType | null;
  /** JSON field name → type for STRUCT; null for an opaque struct. */
  readonly fields: ReadonlyMap<string, GoType> | null;
}

// Every node has the same shape, so property access in the walker stays monomorphic.
const mk = (k: number, go: string, name = '', min = 0, max = 0, elem: GoType | null = null, fields: ReadonlyMap<string, GoType> | null = null): GoType => ({
  k,
  go,
  name,
  min,
  max,
  elem,
  fields,
});

/** A Go string kind; `go` is its type name when named (`v1.Protocol`). */
export const str = (go = 'string'): GoType => mk(STR, go);
export const STRING = str();
export const INT32 = mk(INT, 'int32', '', -2147483648, 2147483647);
// [-2^63, 2^63): 2^63 - 1024 is the largest double below 2^63 (JS numbers are inexact past 2^53).
export const INT64 = mk(INT, 'int64', '', -(2 ** 63), 2 ** 63 - 1024);
export const UINT8 = mk(INT, 'uint8', '', 0, 255);
export const BOOLEAN = mk(BOOL, 'bool');
export const ANYTHING = mk(ANY, 'interface {}');
export const INT_OR_STRING = mk(INTSTR, 'intstr.IntOrString');
export const QUANTITY_T = mk(QUANTITY, 'resource.Quantity');
export const TIME_T = mk(TIME, 'v1.Time');
export const BYTE_SLICE = mk(BYTES, '[]uint8', '', 0, 0, UINT8);
export const STRINGS = slice(STRING);
export const STRING_MAP = map(STRING);

/** []T; `go` overrides the type string where the element is modelled loosely (`[]runtime.RawExtension`). */
export function slice(elem: GoType, go = `[]${elem.go}`): GoType {
  return mk(SLICE, go, '', 0, 0, elem);
}

/** map[string]T; `go` overrides the type string for named map types (`v1.ResourceList`). */
export function map(elem: GoType, go = `map[string]${elem.go}`): GoType {
  return mk(MAP, go, '', 0, 0, elem);
}

/** A struct with its JSON fields (embedded `json:",inline"` structs are spread in by the caller). */
export function struct(go: string, fields: Record<string, GoType>): GoType {
  return mk(STRUCT, go, go.slice(go.indexOf('.') + 1), 0, 0, null, new Map(Object.entries(fields)));
}

/** A struct whose insides we do not model: any object is accepted, a non-object is a type error. */
export function opaque(go: string): GoType {
  return mk(STRUCT, go, go.slice(go.indexOf('.') + 1));
}
