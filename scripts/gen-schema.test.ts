import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { KINDS } from '../src/core';
import { INT32, STRING, map, slice, struct } from '../src/core/manifest/schema/types';
import { finishSchema, mergeDefinitions, noFloats, plainName, refineIntegers, tidyDescriptions, type Definitions, type JSONSchema } from './gen-schema.shape';

const schema = JSON.parse(readFileSync(new URL('../src/app/editor/schema/kubernetes.schema.json', import.meta.url), 'utf8')) as {
  $ref: string;
  definitions: Definitions;
};
const defs = schema.definitions;
const deref = (s: JSONSchema): JSONSchema => (s.$ref ? defs[s.$ref.replace('#/definitions/', '')] : s);
const prop = (def: string, ...path: string[]): JSONSchema => {
  let s = defs[def];
  for (const p of path) s = deref(p === '[]' ? (s.items as JSONSchema) : s.properties![p]);
  return s;
};

describe('the committed schema (src/app/editor/schema/kubernetes.schema.json)', () => {
  const dispatch = (defs.KubeObject.allOf ?? []) as { if: { properties: { kind: { const: string } } }; then: { $ref: string } }[];
  const byKind = new Map(dispatch.map((c) => [c.if.properties.kind.const, c.then.$ref.replace('#/definitions/', '')]));

  it('dispatches every kind the core simulates, the kind cluster config and List', () => {
    for (const k of KINDS) expect(byKind.has(k.kind), k.kind).toBe(true);
    expect(byKind.get('Cluster')).toBe('KindCluster');
    expect(byKind.get('List')).toBe('List');
    expect(schema.$ref).toBe('#/definitions/KubeObject');
  });

  it.each(KINDS.map((k) => ({ kind: k.kind, apiVersion: k.apiVersion })))('$kind pins apiVersion $apiVersion and kind', ({ kind, apiVersion }) => {
    const def = defs[byKind.get(kind)!];
    expect(def.properties!.apiVersion).toMatchObject({ const: apiVersion });
    expect(def.properties!.kind).toMatchObject({ const: kind });
  });

  it.each([
    // Upstream field descriptions (OpenAPI via kubernetes-models) reach hover.
    { name: 'Service spec.ports[].nodePort: int32 with its description', s: prop('Service', 'spec', 'ports', '[]', 'nodePort'), want: { type: 'integer', maximum: 2147483647 }, doc: /port on each node/ },
    { name: 'Service spec.type: the enum of service types', s: prop('Service', 'spec', 'type'), want: { enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] }, doc: /determines how the Service is exposed/ },
    { name: 'ports[].targetPort is IntOrString', s: prop('Service', 'spec', 'ports', '[]', 'targetPort'), want: { type: ['string', 'number'] }, doc: /int32 or a string/ },
    { name: 'Deployment spec.replicas: integer', s: prop('Deployment', 'spec', 'replicas'), want: { type: 'integer' }, doc: /desired pods/ },
    { name: 'discovery/v1 EndpointPort keeps its own description', s: prop('EndpointSlice', 'ports', '[]'), want: { type: 'object' }, doc: /used by an EndpointSlice/ },
    { name: 'core/v1 EndpointPort (Endpoints) keeps its own', s: prop('Endpoints', 'subsets', '[]', 'ports', '[]'), want: { type: 'object' }, doc: /tuple that describes a single port/ },
    { name: 'kind Cluster nodes[].role', s: prop('KindCluster', 'nodes', '[]', 'role'), want: { enum: ['control-plane', 'worker'] }, doc: /role of the node/ },
    { name: 'IPAddressPool spec.addresses is required', s: prop('IPAddressPool', 'spec'), want: { required: ['addresses'] }, doc: /desired state of IPAddressPool/ },
  ])('$name', ({ s, want, doc }) => {
    expect(s).toMatchObject(want);
    expect(s.description).toMatch(doc);
  });

  it('objects reject unknown fields (strict decoding) but maps stay open', () => {
    expect(defs.Service.additionalProperties).toBe(false);
    expect(prop('Service', 'metadata', 'labels').additionalProperties).toEqual({ type: 'string' });
  });

  it('has no markdown escapes left in descriptions and no floats', () => {
    const text = JSON.stringify(defs);
    expect(text).not.toMatch(/\\\\\*/);
    expect(text).not.toMatch(/"type":"number"/);
  });
});

describe('gen-schema.shape', () => {
  it.each([
    { name: 'kubernetes-models interface', input: 'IServiceSpec', want: 'ServiceSpec' },
    { name: 'a plain name stays', input: 'KubeObject', want: 'KubeObject' },
    { name: 'an I-prefixed acronym keeps its own I', input: 'IIPBlock', want: 'IPBlock' },
  ])('plainName: $name', ({ input, want }) => {
    expect(plainName(input)).toBe(want);
  });

  it('mergeDefinitions shares identical types and renames clashing ones within their kind', () => {
    const core = { Endpoints: { type: 'object', properties: { p: { $ref: '#/definitions/IEndpointPort' } } }, IEndpointPort: { type: 'object', description: 'core' } };
    const disc = { EndpointSlice: { type: 'object', properties: { p: { $ref: '#/definitions/IEndpointPort' }, m: { $ref: '#/definitions/IMeta' } } }, IEndpointPort: { type: 'object', description: 'discovery' }, IMeta: { type: 'object' } };
    const same = { Other: { type: 'object', properties: { m: { $ref: '#/definitions/IMeta' } } }, IMeta: { type: 'object' } };
    const out = mergeDefinitions([
      { apiVersion: 'v1', defs: core },
      { apiVersion: 'discovery.k8s.io/v1', defs: disc },
      { apiVersion: 'apps/v1', defs: same },
    ]);
    expect(Object.keys(out).sort()).toEqual(['EndpointPort', 'EndpointSlice', 'Endpoints', 'Meta', 'Other', 'discovery.EndpointPort']);
    expect(out.Endpoints.properties!.p.$ref).toBe('#/definitions/EndpointPort');
    expect(out.EndpointSlice.properties!.p.$ref).toBe('#/definitions/discovery.EndpointPort');
    expect(out.Other.properties!.m.$ref).toBe('#/definitions/Meta');
  });

  it('refineIntegers follows the Go types through refs, slices and maps', () => {
    const d: Definitions = {
      Top: { type: 'object', properties: { ports: { type: 'array', items: { $ref: '#/definitions/Port' } }, counts: { type: 'object', additionalProperties: { type: 'number' } }, name: { type: 'string' } } },
      Port: { type: 'object', properties: { port: { type: 'number' } } },
    };
    const go = struct('v1.Top', { ports: slice(struct('v1.Port', { port: INT32 })), counts: map(INT32), name: STRING });
    expect(refineIntegers(d, { $ref: '#/definitions/Top' }, go)).toBe(2);
    expect(d.Port.properties!.port).toEqual({ type: 'integer', minimum: -2147483648, maximum: 2147483647 });
    expect(d.Top.properties!.counts).toMatchObject({ additionalProperties: { type: 'integer' } });
  });

  it('noFloats and tidyDescriptions', () => {
    const d: Definitions = { A: { type: 'number', description: 'a \\* b \\_c' } };
    expect(noFloats(d)).toBe(1);
    tidyDescriptions(d);
    expect(d.A).toEqual({ type: 'integer', description: 'a * b _c' });
  });

  it('finishSchema refuses a dangling $ref', () => {
    expect(() => finishSchema({ A: { $ref: '#/definitions/Missing' } }, {}, [])).toThrow('dangling $ref #/definitions/Missing');
  });
});
