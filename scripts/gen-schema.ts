// Generates the JSON schema that drives the editor's completion, hover docs and type checks
// (monaco-yaml) for the kinds the playground simulates: `npm run gen:schema`.
//
// Source of the Kubernetes types: kubernetes-models (generated from the Kubernetes OpenAPI spec, field
// descriptions included as JSDoc), turned into JSON schema by ts-json-schema-generator (which brings its
// own TypeScript 5: the repo's TypeScript 7 has no compiler API). The kind cluster config and MetalLB's
// IPAddressPool are hand-written in gen-schema.extra.ts. Output: src/app/editor/schema/kubernetes.schema.json
// (committed; regenerate after upgrading kubernetes-models).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator, type Config } from 'ts-json-schema-generator';
import { EXTRA_DEFINITIONS, EXTRA_KINDS } from './gen-schema.extra';
import { finishSchema, mergeDefinitions, noFloats, refineIntegers, tidyDescriptions, type Definitions, type KindEntry } from './gen-schema.shape';
import { kindInfo } from '../src/core';
import { KIND_SCHEMAS } from '../src/core/manifest/schema/index';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(root, 'src/app/editor/schema/kubernetes.schema.json');

/** The simulated kinds, with the kubernetes-models module that declares each one's interface. */
const MODULES: { kind: string; module: string }[] = [
  { kind: 'Namespace', module: 'kubernetes-models/v1/Namespace' },
  { kind: 'Node', module: 'kubernetes-models/v1/Node' },
  { kind: 'Pod', module: 'kubernetes-models/v1/Pod' },
  { kind: 'Service', module: 'kubernetes-models/v1/Service' },
  { kind: 'Endpoints', module: 'kubernetes-models/v1/Endpoints' },
  { kind: 'ConfigMap', module: 'kubernetes-models/v1/ConfigMap' },
  { kind: 'Secret', module: 'kubernetes-models/v1/Secret' },
  { kind: 'Deployment', module: 'kubernetes-models/apps/v1/Deployment' },
  { kind: 'ReplicaSet', module: 'kubernetes-models/apps/v1/ReplicaSet' },
  { kind: 'EndpointSlice', module: 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice' },
  { kind: 'Ingress', module: 'kubernetes-models/networking.k8s.io/v1/Ingress' },
  { kind: 'IngressClass', module: 'kubernetes-models/networking.k8s.io/v1/IngressClass' },
];

// apiVersion from the core's kind table, so the schema and the simulation agree on it.
const KINDS = MODULES.map((m) => ({ ...m, apiVersion: kindInfo(m.kind)!.apiVersion }));

const ENTRY_PREFIX = 'KnpKind';

/** One kind's schema definitions at a time, so that same-named types of two API groups never meet. */
function generate(): { apiVersion: string; defs: Definitions }[] {
  // The generator resolves imports from the entry file's folder: keep it inside the repo so
  // node_modules is found, in a scratch folder that is removed afterwards.
  const work = join(root, 'node_modules/.cache/knp-gen-schema');
  mkdirSync(work, { recursive: true });
  const entry = join(work, 'entry.ts');
  writeFileSync(
    entry,
    // Prefixed names: a bare `Node` would also match @types/estree's Node.
    KINDS.map((k) => `import type { I${k.kind} as ${k.kind}Type } from '${k.module}';\nexport interface ${ENTRY_PREFIX}${k.kind} extends ${k.kind}Type {}\n`).join(''),
  );
  const tsconfig = join(work, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, skipLibCheck: true, noEmit: true, types: [] }, files: ['entry.ts'] }),
  );
  const config: Config = { path: entry, tsconfig, expose: 'export', topRef: true, jsDoc: 'extended', skipTypeCheck: true, additionalProperties: false };
  try {
    const generator = createGenerator(config);
    return KINDS.map((k) => {
      const defs = (generator.createSchema(ENTRY_PREFIX + k.kind).definitions ?? {}) as Definitions;
      const { [ENTRY_PREFIX + k.kind]: top, ...rest } = defs;
      return { apiVersion: k.apiVersion, defs: { [k.kind]: top, ...rest } };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const defs = mergeDefinitions(generate());
tidyDescriptions(defs);
let integers = 0;
for (const k of KINDS) integers += refineIntegers(defs, { $ref: `#/definitions/${k.kind}` }, KIND_SCHEMAS.get(k.kind)!);
integers += noFloats(defs);
const kinds: KindEntry[] = [...KINDS.map(({ kind, apiVersion }) => ({ kind, apiVersion, ref: kind })), ...EXTRA_KINDS];
const schema = finishSchema(defs, EXTRA_DEFINITIONS, kinds);
// Indented so that a regeneration's git diff can be read; the bundle minifies it anyway.
const text = JSON.stringify(schema, null, 1) + '\n';
mkdirSync(dirname(OUT), { recursive: true });
const before = (() => {
  try {
    return readFileSync(OUT, 'utf8');
  } catch {
    return '';
  }
})();
writeFileSync(OUT, text);
console.log(`${OUT}: ${Object.keys(schema.definitions).length} definitions, ${(text.length / 1024).toFixed(0)} KiB, ${integers} integer fields${before === text ? ' (unchanged)' : ''}`);
