// Pure steps of gen-schema.ts: merge the per-kind definitions (ts-json-schema-generator names a
// definition after its TypeScript interface, so `discovery/v1 EndpointPort` and `core/v1 EndpointPort`
// would collide), tighten numbers the Go types declare as integers, tidy descriptions, and wrap the
// kinds in one schema that picks the right kind's schema from each document's `kind`.
import { INT, MAP, SLICE, STRUCT, type GoType } from '../src/core/manifest/schema/types';

export interface JSONSchema {
  [key: string]: unknown;
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JSONSchema>;
  additionalProperties?: boolean | JSONSchema;
  items?: JSONSchema;
  anyOf?: JSONSchema[];
  allOf?: JSONSchema[];
}
export type Definitions = Record<string, JSONSchema>;

export interface KindEntry {
  kind: string;
  apiVersion: string;
  /** definition name of the kind's schema */
  ref: string;
}

const REF = '#/definitions/';

/** Every schema node below `s` (itself included), depth first. */
export function* walk(s: unknown): Generator<JSONSchema> {
  if (!s || typeof s !== 'object') return;
  if (Array.isArray(s)) {
    for (const x of s) yield* walk(x);
    return;
  }
  yield s as JSONSchema;
  for (const v of Object.values(s)) if (v && typeof v === 'object') yield* walk(v);
}

/** `IServiceSpec` → `ServiceSpec` (kubernetes-models prefixes its interfaces with I). */
export const plainName = (name: string): string => (/^I[A-Z]/.test(name) ? name.slice(1) : name);

/**
 * Merge the definitions generated for each kind. Same name and same content: shared. Same name and
 * different content (another API group's type): renamed `<group>.<Name>` within that kind's tree.
 */
export function mergeDefinitions(perKind: { apiVersion: string; defs: Definitions }[]): Definitions {
  const out: Definitions = {};
  for (const { apiVersion, defs } of perKind) {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0].split('.')[0] : 'core';
    const rename = new Map(Object.keys(defs).map((n) => [n, plainName(n)]));
    const rewrite = (def: JSONSchema): JSONSchema => {
      const copy = structuredClone(def);
      for (const node of walk(copy)) {
        if (typeof node.$ref === 'string' && node.$ref.startsWith(REF)) {
          const ref = decodeURIComponent(node.$ref.slice(REF.length));
          node.$ref = REF + (rename.get(ref) ?? plainName(ref));
        }
      }
      return copy;
    };
    // A renamed definition changes the refs of those that use it, which may make them differ in turn:
    // repeat until no more names change.
    for (let changed = true; changed; ) {
      changed = false;
      for (const [name, def] of Object.entries(defs)) {
        const target = rename.get(name)!;
        const existing = out[target];
        if (existing && !target.includes('.') && JSON.stringify(existing) !== JSON.stringify(rewrite(def))) {
          rename.set(name, `${group}.${target}`);
          changed = true;
        }
      }
    }
    for (const [name, def] of Object.entries(defs)) out[rename.get(name)!] = rewrite(def);
  }
  return out;
}

function resolve(defs: Definitions, s: JSONSchema): { node: JSONSchema; name: string | null } {
  let node = s;
  let name: string | null = null;
  for (let i = 0; i < 10 && typeof node.$ref === 'string'; i++) {
    name = node.$ref.slice(REF.length);
    const next = defs[name];
    if (!next) break;
    node = next;
  }
  return { node, name };
}

/**
 * Where the core's decode model (src/core/manifest/schema, the Go types kube-apiserver decodes into)
 * says a field is an integer, the JSON schema says so too: `port: 80.5` is then flagged while typing,
 * with int32's range. The TypeScript types only say `number`.
 */
export function refineIntegers(defs: Definitions, top: JSONSchema, go: GoType): number {
  let changed = 0;
  const seen = new Set<string>();
  const visit = (s: JSONSchema | undefined, t: GoType) => {
    if (!s) return;
    const { node, name } = resolve(defs, s);
    if (name) {
      const key = `${name}|${t.go}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    if (t.k === INT && node.type === 'number') {
      node.type = 'integer';
      if (t.go === 'int32' || t.go === 'uint8') Object.assign(node, { minimum: t.min, maximum: t.max });
      changed++;
    } else if (t.k === SLICE && t.elem && node.items) visit(node.items, t.elem);
    else if (t.k === MAP && t.elem && typeof node.additionalProperties === 'object') visit(node.additionalProperties, t.elem);
    else if (t.k === STRUCT && t.fields && node.properties) {
      for (const [field, ft] of t.fields) visit(node.properties[field], ft);
    }
  };
  visit(top, go);
  return changed;
}

/**
 * The Kubernetes API has no floating-point fields (API conventions: "Do not use floats"; every number in
 * the OpenAPI spec is an int32 or int64): fields the decode model leaves loose are integers too.
 */
export function noFloats(defs: Definitions): number {
  let n = 0;
  for (const node of walk(defs)) {
    if (node.type === 'number') {
      node.type = 'integer';
      n++;
    }
  }
  return n;
}

/** The OpenAPI text escapes markdown (`\*`); hover renders descriptions as escaped markdown already. */
export function tidyDescriptions(defs: Definitions): void {
  for (const node of walk(defs)) {
    if (typeof node.description === 'string') node.description = node.description.replace(/\\([*_])/g, '$1');
  }
}

/**
 * The schema of a manifest document: `apiVersion` and `kind` with completion for the supported ones,
 * then the matching kind's schema (if/then on `kind`, so only that kind's fields are offered). Kinds
 * the playground does not simulate are left unchecked: the core keeps them with a warning.
 */
export function rootSchema(kinds: KindEntry[]): { object: JSONSchema; list: JSONSchema } {
  const apiVersions = [...new Set(kinds.map((k) => k.apiVersion))];
  const object: JSONSchema = {
    type: 'object',
    properties: {
      apiVersion: {
        type: 'string',
        description:
          'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.',
        examples: apiVersions,
      },
      kind: {
        type: 'string',
        description: 'Kind is a string value representing the REST resource this object represents.',
        examples: [...kinds.map((k) => k.kind), 'List'],
      },
    },
    allOf: [
      ...kinds.map((k) => ({
        if: { type: 'object', properties: { kind: { const: k.kind } }, required: ['kind'] },
        then: { $ref: REF + k.ref },
      })),
      { if: { type: 'object', properties: { kind: { const: 'List' } }, required: ['kind'] }, then: { $ref: REF + 'List' } },
    ],
  };
  const list: JSONSchema = {
    type: 'object',
    description: 'List holds a list of objects (what `kubectl get -o yaml` prints for several objects).',
    additionalProperties: false,
    properties: {
      apiVersion: { type: 'string', const: 'v1' },
      kind: { type: 'string', const: 'List' },
      metadata: { type: 'object', description: 'Standard list metadata.' },
      items: { type: 'array', description: 'List of objects.', items: { $ref: REF + 'KubeObject' } },
    },
  };
  return { object, list };
}

export function finishSchema(defs: Definitions, extra: Definitions, kinds: KindEntry[]): JSONSchema & { definitions: Definitions } {
  const { object, list } = rootSchema(kinds);
  const definitions: Definitions = { KubeObject: object, List: list, ...defs, ...extra };
  // Hover shows the nearest title above the field: the Go type's name (`ServicePort`).
  for (const [name, def] of Object.entries(definitions)) if (def.title === undefined && name !== 'KubeObject') def.title = name.replace(/^discovery\./, '');
  for (const node of walk(definitions)) {
    if (typeof node.$ref === 'string' && !definitions[node.$ref.slice(REF.length)]) throw new Error(`dangling $ref ${node.$ref}`);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated by scripts/gen-schema.ts from kubernetes-models; do not edit.',
    title: 'Kubernetes manifest',
    $ref: REF + 'KubeObject',
    definitions,
  };
}
