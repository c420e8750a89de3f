// The diagram model of a cluster the engine reconciled incrementally (ReconcileMemo hands back the very
// Service records and endpoint lists of Services an edit left alone) equals the model of the same
// text reconciled cold, and keeps the views of what did not change.
import { describe, expect, it } from 'vitest';
import { loadManifests, ParseCache, reconcile, ReconcileMemo } from '../../core';
import { makeModel } from './model';

const deploy = (n: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${n}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: ${n}}\n  template:\n    metadata:\n      labels: {app: ${n}}\n    spec:\n      containers:\n      - {name: c, image: nginx, ports: [{containerPort: 8080, name: http}]}\n`;
const svc = (n: string, port: number, app = n) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${n}\nspec:\n  selector: {app: ${app}}\n  ports:\n  - {name: http, port: ${port}, targetPort: http}\n`;
const texts = [
  [deploy('a'), svc('a', 80), deploy('b'), svc('b', 81)],
  [deploy('a'), svc('a', 8), deploy('b'), svc('b', 81)],
  [deploy('a'), svc('a', 8, 'b'), deploy('b'), svc('b', 81)],
  [deploy('a'), svc('a', 8, 'nothing'), deploy('b'), svc('b', 81)],
  [deploy('a'), svc('a', 80), deploy('b'), svc('b', 81)],
].map((d) => d.join('---\n'));

describe('the diagram model over incremental reconciles', () => {
  it.each([false, true])('equals the model of a cold reconcile, edit by edit (showSystem %s)', (showSystem) => {
    const cache = new ParseCache();
    const memo = new ReconcileMemo();
    let prev: ReturnType<typeof makeModel> | null = null;
    for (const t of texts) {
      const warm = makeModel(reconcile(loadManifests([{ name: 'm.yaml', text: t }], { cache }), { memo }), { showSystem }, prev);
      const cold = makeModel(reconcile(loadManifests([{ name: 'm.yaml', text: t }])), { showSystem }, null);
      expect(JSON.stringify(warm)).toBe(JSON.stringify(cold));
      if (prev) expect(warm.services.find((s) => s.name === 'b')).toBe(prev.services.find((s) => s.name === 'b'));
      prev = warm;
    }
    expect(memo.endpointHits).toBeGreaterThan(0);
  });
});
