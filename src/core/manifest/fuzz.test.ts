// Property tests: whatever the text, parse + validate never throws, never hangs, never pollutes a
// prototype, and every diagnostic is well-formed (a message, and a position when it has a document).
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadManifests, type Diagnostic } from '../index';

const KINDS = [
  ['v1', 'Service'],
  ['v1', 'Pod'],
  ['v1', 'Namespace'],
  ['v1', 'Node'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'Endpoints'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['networking.k8s.io/v1', 'IngressClass'],
  ['discovery.k8s.io/v1', 'EndpointSlice'],
  ['metallb.io/v1beta1', 'IPAddressPool'],
  ['kind.x-k8s.io/v1alpha4', 'Cluster'],
  ['v1', 'List'],
  ['example.com/v1', 'Widget'],
] as const;

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('web', 'None', 'TCP', 'UDP', 'NodePort', 'LoadBalancer', 'ExternalName', 'ClientIP', '10.96.0.10', '10.96.0.1', '/', '*.example.com', 'http', '__proto__', 'constructor', ''),
  fc.integer({ min: -5, max: 70000 }),
  fc.constantFrom(80, 443, 8080, 30008, 29999, 32767, 65536, 0),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true }),
);

const fieldName = fc.constantFrom(
  'name', 'namespace', 'labels', 'selector', 'matchLabels', 'ports', 'port', 'targetPort', 'nodePort', 'protocol', 'type',
  'clusterIP', 'clusterIPs', 'externalName', 'sessionAffinity', 'sessionAffinityConfig', 'externalTrafficPolicy', 'rules',
  'host', 'http', 'paths', 'path', 'pathType', 'backend', 'service', 'number', 'tls', 'hosts', 'secretName', 'containers',
  'image', 'containerPort', 'replicas', 'template', 'spec', 'metadata', 'items', 'nodes', 'role', 'networking', 'podSubnet',
  'addresses', 'data', '__proto__', 'constructor', 'x',
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fieldName, tie('v'), { maxKeys: 4 })),
})).v;

/** Objects shaped like manifests: real kinds, with fields drawn from the names validators look at. */
const manifestObject = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    name: fc.oneof(fc.constantFrom('web', 'web', 'db', 'kube-dns', 'Bad_Name', ''), fc.string({ maxLength: 8 })),
    namespace: fc.option(fc.constantFrom('default', 'kube-system', 'shop', 'Bad'), { nil: undefined }),
    spec: fc.dictionary(fieldName, value, { maxKeys: 6 }),
    extra: fc.dictionary(fieldName, value, { maxKeys: 2 }),
  })
  .map(({ kind: [apiVersion, kind], name, namespace, spec, extra }) => ({
    apiVersion,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec,
    ...extra,
  }));

function checkWellFormed(ds: Diagnostic[]) {
  for (const d of ds) {
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
    expect(['error', 'warning']).toContain(d.severity);
    if (d.document !== null && d.line !== null) expect(d.line).toBeGreaterThan(0);
  }
}

describe('parse + validate never throw', () => {
  it('on thousands of generated manifests', () => {
    fc.assert(
      fc.property(fc.array(manifestObject, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 1000 }), (objs, seed) => {
        const text = objs.map((o) => stringify(o)).join('---\n');
        const c = loadManifests([{ name: 'gen.yaml', text }], { seed });
        checkWellFormed(c.diagnostics);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  }, 120_000);

  it('on arbitrary text', () => {
    const yamlish = fc.array(fc.constantFrom('---\n', 'a: ', '- ', '[', ']', '{', '}', '"', "'", '&x ', '*x ', '\n', '  ', 'kind: Service\n', 'apiVersion: v1\n', '#', ':', '|\n', '\t', '\u0000', 'é'), { maxLength: 60 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), yamlish), (text) => {
        checkWellFormed(loadManifests([{ name: 'x.yaml', text }]).diagnostics);
      }),
      { numRuns: 2000 },
    );
  }, 120_000);
});
