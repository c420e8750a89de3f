// Property tests: random clusters, action logs and requests. Every trace ends in one of the outcomes,
// never throws (except the input errors a caller must handle), and a delivered request's reply reaches
// the client from exactly the address it sent to, addressed to exactly the address it sent from.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadManifests, reconcile, trace, TraceInputError, type ObjectKey } from '../index';
import { seededRng } from './context';
import type { TraceRequest } from './types';

const OUTCOMES = ['delivered', 'refused', 'dropped', 'no_response', 'nxdomain', 'dns_error'];
const apps = ['a', 'b', 'c'];

const deployment = fc.record({ app: fc.constantFrom(...apps), replicas: fc.integer({ min: 0, max: 4 }), port: fc.constantFrom(80, 8080, 9898), named: fc.boolean(), declare: fc.boolean() });
const service = fc.record({
  app: fc.constantFrom(...apps, 'nobody'),
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'Headless', 'ExternalName'),
  port: fc.constantFrom(80, 443, 8080),
  target: fc.constantFrom<number | string>(80, 8080, 9898, 'http', 'web'),
  etp: fc.constantFrom('Cluster', 'Local'),
  affinity: fc.boolean(),
});

const cluster = fc.record({
  workers: fc.integer({ min: 0, max: 3 }),
  deps: fc.uniqueArray(deployment, { selector: (d) => d.app, maxLength: 3 }),
  svcs: fc.array(service, { maxLength: 4 }),
  pool: fc.boolean(),
  actions: fc.array(fc.constantFrom('delete', 'not-ready', 'ready', 'move', 'cordon', 'drain', 'uncordon'), { maxLength: 4 }),
});

type ClusterSpec = typeof cluster extends fc.Arbitrary<infer T> ? T : never;

function manifest(c: ClusterSpec): string {
  const docs: unknown[] = [{ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', nodes: [{ role: 'control-plane' }, ...Array.from({ length: c.workers }, () => ({ role: 'worker' }))] }];
  if (c.pool) docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'metallb-system' } }, { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'p', namespace: 'metallb-system' }, spec: { addresses: ['192.168.49.200-192.168.49.210'] } });
  for (const d of c.deps) {
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: d.app },
      spec: {
        replicas: d.replicas,
        selector: { matchLabels: { app: d.app } },
        template: { metadata: { labels: { app: d.app } }, spec: { containers: [{ name: 'c', image: 'nginx', ...(d.declare ? { ports: [{ containerPort: d.port, ...(d.named ? { name: 'http' } : {}) }] } : {}) }] } },
      },
    });
  }
  c.svcs.forEach((s, i) => {
    const spec: Record<string, unknown> =
      s.type === 'ExternalName'
        ? { type: 'ExternalName', externalName: i % 2 ? 'db.example.com' : `s${i}.default.svc.cluster.local` }
        : {
            ...(s.type === 'Headless' ? { clusterIP: 'None' } : { type: s.type }),
            selector: { app: s.app },
            ports: [{ port: s.port, targetPort: s.target, name: 'p' }],
            ...(s.type === 'NodePort' || s.type === 'LoadBalancer' ? { externalTrafficPolicy: s.etp } : {}),
            ...(s.affinity ? { sessionAffinity: 'ClientIP' } : {}),
          };
    docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` }, spec });
  });
  docs.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client' }, spec: { containers: [{ name: 'c', image: 'alpine' }] } });
  return docs.map((d) => stringify(d)).join('---\n');
}

describe('every trace terminates with an outcome', () => {
  it('on random clusters, action logs and requests', () => {
    fc.assert(
      fc.property(cluster, fc.integer({ min: 0, max: 99 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }), (c, seed, picks) => {
        const loaded = loadManifests([{ name: 'gen.yaml', text: manifest(c) }], { seed });
        const pre = reconcile(loaded, { seed });
        const podNames = pre.pods.map((p) => `pod/${p.namespace}/${p.name}`);
        const nodeNames = pre.nodes.map((n) => `node/${n.name}`);
        const actions = c.actions.map((verb, i) => {
          const target = ['cordon', 'drain', 'uncordon'].includes(verb) ? nodeNames[(picks[i % 3] + i) % nodeNames.length] : podNames[(picks[i % 3] + i) % podNames.length] ?? 'pod/default/gone';
          return verb === 'move' ? `move ${target} ${nodeNames[picks[0] % nodeNames.length]}` : `${verb} ${target}`;
        });
        const state = reconcile(loaded, { seed, actions });
        const svc = state.services[picks[0] % state.services.length];
        const node = state.nodes[picks[1] % state.nodes.length];
        const targets: string[] = [`${svc.name}.${svc.namespace}:${svc.ports[0]?.port ?? 80}`, `http://${svc.name}/`, `${node.internalIP}:${svc.ports[0]?.nodePort ?? 30000}`, `${svc.clusterIP ?? '10.96.0.99'}:${picks[2] % 2 ? 80 : 443}`, `s${picks[2] % 5}:80`];
        for (const ip of svc.loadBalancerIPs) targets.push(`${ip}:${svc.ports[0]?.port ?? 80}`);
        const froms: TraceRequest['from'][] = [{ kind: 'pod', key: 'Pod/default/client' as ObjectKey }, { kind: 'external', ip: '203.0.113.10' }, { kind: 'node', name: node.name }];
        for (const to of targets) {
          for (const from of froms) {
            let t;
            try {
              t = trace(state, { from, to, count: 2, upstreamDns: new Map([['db.example.com', ['198.51.100.7']]]) }, seededRng(seed));
            } catch (e) {
              expect(e).toBeInstanceOf(TraceInputError);
              continue;
            }
            expect(OUTCOMES).toContain(t.outcome);
            expect(t.reason.length).toBeGreaterThan(0);
            for (const conn of t.connections) {
              if (conn.outcome !== 'delivered') continue;
              const sent = conn.hops.filter((h) => h.component === 'client' && h.action === 'send').pop()!;
              const received = conn.reply.hops.at(-1)!;
              expect(received.action).toBe('receive');
              expect(received.before.src).toBe(sent.before.dst);
              expect(received.before.dst).toBe(sent.before.src);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  }, 300_000);
});
