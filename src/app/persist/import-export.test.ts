import { describe, expect, it } from 'vitest';
import { decodeImport, exportKindConfig, exportManifests, MAX_IMPORT_BYTES } from './import-export';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeImport', () => {
  it.each([
    { name: 'plain YAML', bytes: enc('kind: Service\n'), ok: true },
    { name: 'UTF-8 with BOM (BOM dropped)', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...enc('a: 1\n')]), ok: true },
    { name: 'larger than 5 MB', bytes: new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61), ok: false, error: /over 5 MB/ },
    { name: 'binary (NUL bytes, e.g. a PNG)', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), ok: false, error: /binary/ },
    { name: 'not UTF-8 (Latin-1 é)', bytes: new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x0a]), ok: false, error: /not UTF-8/ },
    { name: 'empty', bytes: enc('  \n'), ok: false, error: /empty/ },
  ])('$name', ({ bytes, ok, error }) => {
    const r = decodeImport(bytes, 'f.yaml');
    expect(r.ok).toBe(ok);
    if (!r.ok && error) expect(r.error).toMatch(error);
    if (r.ok) expect(r.value.startsWith('\ufeff')).toBe(false);
  });
});

const KIND = `# my cluster
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
- role: worker
`;
const SVC = `---
# the web service
apiVersion: v1
kind: Service
metadata:
  name: web # keep me
spec:
  ports: [{port: 80}]
`;
const PASTED = `---
apiVersion: v1
kind: Service
metadata:
  name: pasted # from kubectl get
  uid: 0b3c
  resourceVersion: "123"
  creationTimestamp: "2024-01-01T00:00:00Z"
  generation: 2
  selfLink: /api/v1/namespaces/default/services/pasted
  managedFields:
  - manager: kubectl
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{}'
spec:
  clusterIP: 10.96.0.20
  ports:
  - port: 80
status:
  loadBalancer: {}
`;
const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: p
    uid: u1
  spec:
    containers:
    - name: c
      image: nginx
  status:
    phase: Running
metadata:
  resourceVersion: ""
`;

describe('exportManifests', () => {
  it('drops the kind config and keeps untouched documents byte-identical (comments, flow style)', () => {
    const r = exportManifests(KIND + SVC);
    expect(r).toEqual({ ok: true, value: SVC.replace(/^---\n/, '') });
  });

  it('strips status and server-set metadata, keeping comments and user fields', () => {
    const r = exportManifests(KIND + PASTED);
    expect(r.ok).toBe(true);
    const out = r.ok ? r.value : '';
    expect(out).toContain('name: pasted # from kubectl get');
    expect(out).toContain('clusterIP: 10.96.0.20');
    expect(out).toContain('- port: 80');
    for (const gone of ['uid:', 'resourceVersion', 'creationTimestamp', 'generation', 'selfLink', 'managedFields', 'status:', 'last-applied', 'annotations']) {
      expect(out).not.toContain(gone);
    }
  });

  it('strips each item of a kubectl get -o yaml List', () => {
    const r = exportManifests(LIST);
    const out = r.ok ? r.value : '';
    expect(out).toContain('kind: List');
    expect(out).toContain('name: p');
    expect(out).not.toContain('uid: u1');
    expect(out).not.toContain('phase: Running');
  });

  it('separates several documents with exactly one ---', () => {
    const r = exportManifests(KIND + SVC + PASTED + '---\n' + LIST);
    const out = r.ok ? r.value : '';
    expect(out.match(/^---$/gm)?.length).toBe(2);
    expect(out.startsWith('# the web service')).toBe(true);
  });

  it.each([
    { name: 'YAML syntax error', text: 'a: [1\n', error: /document 0 has a YAML syntax error/ },
    { name: 'only the kind config', text: KIND, error: /no Kubernetes objects/ },
  ])('refuses: $name', ({ text, error }) => {
    const r = exportManifests(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe('exportKindConfig', () => {
  it('gives the kind Cluster document alone, with its comments', () => {
    expect(exportKindConfig(SVC + '---\n' + KIND)).toEqual({ ok: true, value: KIND });
  });
  it('says so when there is none', () => {
    const r = exportKindConfig(SVC);
    expect(r.ok).toBe(false);
  });
});
