// The diagram model reuses the previous model's equal views (reuse.ts): the same data as a model built
// from scratch, with unchanged views kept by identity and changed ones new.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derive } from '../store';
import { buildModel, makeModel, type DiagramModel, type ServiceView } from './model';
import { sameData, samePod, sameService } from './reuse';

const example = (slug: string) => readFileSync(new URL(`../../../examples/${slug}.yaml`, import.meta.url), 'utf8');
const cluster = (text: string, actions: string[] = []) => derive({ text, actions, seed: 1 }).cluster;
const allPods = (m: DiagramModel) => [...m.nodes.flatMap((n) => n.pods), ...m.pending];

describe('sameData: equality of plain view data', () => {
  it.each([
    { name: 'equal nested data', a: { x: [1, { y: 'a' }], z: null }, b: { x: [1, { y: 'a' }], z: null }, same: true },
    { name: 'key order does not matter', a: { x: 1, y: 2 }, b: { y: 2, x: 1 }, same: true },
    { name: 'a changed leaf', a: { x: [1, { y: 'a' }] }, b: { x: [1, { y: 'b' }] }, same: false },
    { name: 'a missing key', a: { x: 1, y: undefined }, b: { x: 1 }, same: false },
    { name: 'array vs object', a: { x: [] }, b: { x: {} }, same: false },
    { name: 'different lengths', a: [1, 2], b: [1, 2, 3], same: false },
    { name: 'NaN is never equal (kept conservative)', a: { x: Number.NaN }, b: { x: Number.NaN }, same: false },
  ])('$name', ({ a, b, same }) => {
    expect(sameData(a, b)).toBe(same);
  });
});

describe('makeModel with the previous model', () => {
  const text = example('default');
  const edits: [string, string][] = [
    // a Service port: that Service's view is new, everything else is reused
    ['a Service port', text.replace('port: 80', 'port: 81')],
    // replicas: new pods, the nodes holding them change
    ['replicas', text.replace('replicas: 3', 'replicas: 5')],
    // the same text again (e.g. typed back): every view reused
    ['unchanged text', text],
  ];

  it.each(edits)('%s: the same data as a model built from scratch', (_, next) => {
    for (const showSystem of [false, true]) {
      const c = cluster(next);
      const reused = makeModel(c, { showSystem }, makeModel(cluster(text), { showSystem }, null));
      const fresh = makeModel(c, { showSystem }, null);
      expect(JSON.stringify(reused)).toBe(JSON.stringify(fresh));
      expect(allPods(reused).map((p) => reused.ownersOf(p))).toEqual(allPods(fresh).map((p) => fresh.ownersOf(p)));
    }
  });

  it('keeps unchanged views by identity and makes the changed ones anew', () => {
    const a = makeModel(cluster(text), { showSystem: false }, null);
    const b = makeModel(cluster(text.replace('port: 80', 'port: 81')), { showSystem: false }, a);
    const changed = b.services.filter((s, i) => s !== a.services[i]).map((s) => s.key);
    expect(changed).toEqual(['Service/default/web']);
    expect(b.nodes.every((n, i) => n === a.nodes[i])).toBe(true);
    expect(allPods(b).every((p, i) => p === allPods(a)[i])).toBe(true);
  });

  it('resolves a reused pod view’s controllers against its own cluster (a Deployment selection highlights it)', () => {
    const a = buildModel(cluster(text), { showSystem: false });
    const b = buildModel(cluster(text.replace('port: 80', 'port: 81')), { showSystem: false });
    const web = allPods(b).find((p) => p.name.startsWith('web-'))!;
    expect(allPods(a)).toContain(web); // the very same view
    expect(b.ownersOf(web)).toEqual([`ReplicaSet/default/${web.owner!.name}`, 'Deployment/default/web']);
  });

  it('samePod compares what a pod view shows', () => {
    const c = cluster(text);
    const m = makeModel(c, { showSystem: true }, null);
    const p = c.pods.find((x) => x.name.startsWith('web-'))!;
    const v = allPods(m).find((x) => x.key === p.key)!;
    expect(samePod(v, p, v.status, v.reason, v.system)).toBe(true);
    expect(samePod(v, { ...p, ip: '10.0.0.1' }, v.status, v.reason, v.system)).toBe(false);
    expect(samePod(v, { ...p, labels: { ...p.labels, extra: 'x' } }, v.status, v.reason, v.system)).toBe(false);
    expect(samePod(v, p, 'not-ready', v.reason, v.system)).toBe(false);
  });
});

describe('sameService: the field-by-field comparison of Service views agrees with sameData', () => {
  const view: ServiceView = {
    key: 'Service/default/web' as ServiceView['key'],
    namespace: 'default',
    name: 'web',
    type: 'NodePort',
    clusterIP: '10.96.0.10',
    ports: ['http: 80 → http · nodePort 30080'],
    external: null,
    externalName: null,
    selector: 'app=web',
    endpoints: { total: 2, ready: 1, withoutPod: 0 },
    flag: null,
    system: false,
  };
  const changed: Record<keyof ServiceView, unknown> = {
    key: 'Service/default/api',
    namespace: 'other',
    name: 'api',
    type: 'ClusterIP',
    clusterIP: '10.96.0.11',
    ports: ['http: 8 → http · nodePort 30080'],
    external: '<pending>',
    externalName: 'example.com',
    selector: 'app=api',
    endpoints: { total: 2, ready: 2, withoutPod: 0 },
    flag: 'no ready endpoints: traffic has nowhere to go',
    system: true,
  };
  // every field of the view, so a field added to ServiceView without its comparison fails here
  it.each(Object.keys(view) as (keyof ServiceView)[])('a different %s', (k) => {
    const other = { ...view, [k]: changed[k] } as ServiceView;
    expect(sameData(view, other)).toBe(false);
    expect(sameService(view, other)).toBe(false);
  });
  it.each([
    { name: 'an equal copy', other: { ...view, ports: [...view.ports], endpoints: { ...view.endpoints } }, same: true },
    { name: 'one more port', other: { ...view, ports: [...view.ports, 'x'] }, same: false },
    { name: 'withoutPod differs', other: { ...view, endpoints: { ...view.endpoints, withoutPod: 1 } }, same: false },
  ])('$name', ({ other, same }) => {
    expect(sameService(view, other)).toBe(same);
    expect(sameData(view, other)).toBe(same);
  });
});
