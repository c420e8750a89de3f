import { describe, expect, it } from 'vitest';
import { EXAMPLE_SLUGS, exampleText } from '../examples';
import { derive, type Derived } from './core';
import { WireDecoder, WireEncoder, decodeApplied, jsonSafe, rawApplied } from './wire';

/** What postMessage does to an encoded Derived, then what the receiving thread does with it. */
function roundTrip(d: Derived): Derived {
  const enc = new WireEncoder();
  enc.encode(d);
  const sent = structuredClone({ d, wires: enc.wires });
  enc.restore();
  return new WireDecoder(sent.wires).decode(sent.d);
}

const bigCluster = (services: number, replicas: number) =>
  Array.from(
    { length: services },
    (_, i) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: app-${i}}\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - containerPort: 8080\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector: {app: app-${i}}\n  ports:\n  - port: 80\n    targetPort: 8080\n`,
  ).join('---\n');

describe('wire objects cross threads complete and equal', () => {
  it.each([
    ...EXAMPLE_SLUGS.map((slug) => ({ name: `example ${slug}`, text: exampleText(slug), actions: [] as string[] })),
    // lazily built Pods and EndpointSlices (kubelet.ts lazyPodObjects, endpointslice-endpoints.ts) are materialised
    { name: 'owned pods after runtime actions', text: exampleText('default'), actions: ['cordon node/kind-worker', 'delete pod/default/client'] },
    { name: '40 Deployments × 3 replicas', text: bigCluster(40, 3), actions: [] },
    // .inf / .nan decode to numbers JSON cannot carry: that document travels by structured clone
    { name: 'non-JSON numbers in a document', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\nweird: .inf\nnan: .nan\n', actions: [] },
    { name: 'broken YAML', text: `${exampleText('clusterip')}---\nkind: [\n`, actions: [] },
  ])('$name', ({ text, actions }) => {
    const d = derive({ text, actions, seed: 1 });
    const before = JSON.stringify(d);
    const got = roundTrip(d);
    expect(JSON.stringify(d)).toBe(before); // the sender's Derived is put back as it was
    expect(got).toStrictEqual(structuredClone(d));
  });

  it('keeps one object per wire object (pods[i].object is the same object as in cluster.objects)', () => {
    const got = roundTrip(derive({ text: exampleText('default'), actions: [], seed: 1 }));
    const pod = got.cluster.pods[0];
    expect(got.cluster.objects.find((o) => o.key === pod.key)!.object).toBe(pod.object);
    expect(got.cluster.index.podByKey.get(pod.key)).toBe(pod);
    const svc = got.loaded.userObjects.find((o) => o.kind === 'Service')!;
    expect(got.loaded.objects.find((o) => o.key === svc.key)).toBe(svc);
  });

  it('parses a wire object only when it is read, and a write replaces it', () => {
    const enc = new WireEncoder();
    const d = derive({ text: exampleText('default'), actions: [], seed: 1 });
    enc.encode(d);
    const sent = structuredClone({ d, wires: enc.wires });
    enc.restore();
    const dec = new WireDecoder(sent.wires);
    const got = dec.decode(sent.d);
    const cells = (dec as unknown as { cells: unknown[] }).cells;
    const unread = () => cells.filter((c) => typeof c === 'symbol').length;
    expect(unread()).toBe(sent.wires.length);
    void got.cluster.pods[0].object.metadata;
    expect(unread()).toBe(sent.wires.length - 1);
    got.cluster.pods[0].object = { apiVersion: 'v1', kind: 'Pod' };
    expect(got.cluster.pods[0].object).toEqual({ apiVersion: 'v1', kind: 'Pod' });
  });

  it('hands the apply chain on without parsing it (rawApplied → decodeApplied)', () => {
    const d = derive({ text: exampleText('nodeport'), actions: [], seed: 1 });
    const enc = new WireEncoder();
    enc.encode(d);
    const sent = structuredClone({ d, wires: enc.wires });
    enc.restore();
    const dec = new WireDecoder(sent.wires);
    const got = dec.decode(sent.d);
    void [...got.applied.values()][0].object.metadata; // one parsed already: it still travels as its wire
    const raw = rawApplied(got.applied);
    const cells = (dec as unknown as { cells: unknown[] }).cells;
    expect(cells.filter((c) => typeof c !== 'symbol')).toHaveLength(1);
    const again = structuredClone({ raw, wires: sent.wires });
    expect(decodeApplied(again.raw, again.wires)).toStrictEqual(structuredClone(d.applied));
  });
});

describe('jsonSafe: JSON rebuilds exactly what structured clone keeps', () => {
  const holey = () => {
    const a = [1, 2, 3];
    delete a[1];
    return a;
  };
  const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  it.each([
    { name: 'plain manifest-like data', v: { a: [1, 'x', true, null, { b: 2.5 }] }, want: true },
    { name: 'NaN (YAML .nan)', v: { a: Number.NaN }, want: false },
    { name: 'Infinity (YAML .inf)', v: [Number.POSITIVE_INFINITY], want: false },
    { name: '-0 (JSON writes 0)', v: { a: -0 }, want: false },
    { name: 'undefined member (JSON drops the key)', v: { a: undefined }, want: false },
    { name: 'array hole', v: holey(), want: false },
    { name: 'Date', v: { a: new Date(0) }, want: false },
    { name: 'Map', v: new Map(), want: false },
    { name: 'null prototype', v: Object.create(null), want: false },
    { name: 'cycle (bounded by depth)', v: cyclic, want: false },
    { name: 'nesting deeper than 100', v: deep(150), want: false },
  ])('$name → $want', ({ v, want }) => {
    expect(jsonSafe(v)).toBe(want);
  });
});
