// Engine figures: reconcile time at 1,000 / 10,000 objects, Kubernetes' published scalability limits
// (5,000 nodes, 150,000 pods, 10,000 Services) reconciled from objects, and full traces per second from a
// pod to a ClusterIP at 10,000 Services. Prints medians; asserts nothing.
import { loadManifests, reconcile, trace, type ObjectKey } from '../src/core';
import { seededRng } from '../src/core/dataplane/context';
import { generateManifest } from './gen-manifest';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
const row = (label: string, value: string) => console.log(`${label.padEnd(64)} ${value}`);

console.log('Engine benchmark (median of several runs)\n');
for (const n of [1000, 10000]) {
  const loaded = loadManifests([{ name: 'bench.yaml', text: generateManifest(n) }]);
  // JIT warm-up by time, not by count: V8 keeps compiling reconcile's few hundred functions over its
  // first 10-20 calls (a function called once per Service only gets hot after several reconciles), so
  // three warm-up runs of a 1,000-object reconcile left the figure measuring the compiler.
  const warmUntil = performance.now() + 1500;
  for (let i = 0; i < 3 || performance.now() < warmUntil; i++) reconcile(loaded);
  const ts: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    reconcile(loaded);
    ts.push(performance.now() - t);
  }
  const s = reconcile(loaded);
  row(`reconcile ${n} objects (${s.pods.length} pods, ${s.services.length} Services)`, fmt(median(ts)));
}

/** 5,000 nodes, 10,000 Deployments × 15 replicas = 150,000 pods, 10,000 Services; pod subnet 10.0.0.0/8. */
function scaleText(): string {
  const parts: string[] = [];
  parts.push(`kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  podSubnet: 10.0.0.0/8\n  serviceSubnet: 172.16.0.0/12\nnodes:\n- role: control-plane\n${'- role: worker\n'.repeat(4999)}`);
  for (let i = 0; i < 10000; i++) {
    parts.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}}\nspec:\n  replicas: 15\n  selector: {matchLabels: {app: d${i}}}\n  template:\n    metadata: {labels: {app: d${i}}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}\n`);
    parts.push(`apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec:\n  selector: {app: d${i}}\n  ports: [{port: 80, targetPort: 8080}]\n`);
  }
  parts.push('apiVersion: v1\nkind: Pod\nmetadata: {name: client}\nspec: {containers: [{name: c, image: alpine}]}\n');
  return parts.join('---\n');
}

{
  const t0 = performance.now();
  const loaded = loadManifests([{ name: 'scale.yaml', text: scaleText() }]);
  const loadMs = performance.now() - t0;
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  const ts: number[] = [];
  let state = reconcile(loaded);
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    state = reconcile(loaded);
    ts.push(performance.now() - t);
  }
  row(`scale: ${state.nodes.length} nodes, ${state.pods.length} pods, ${state.services.length} Services: reconcile`, fmt(median(ts)));
  row('  (parse + validate of that text, not part of the goal)', `${fmt(loadMs)}  (${errors.length} errors)`);

  const client = { kind: 'pod' as const, key: 'Pod/default/client' as ObjectKey };
  const targets = state.services.filter((s) => s.clusterIP && s.namespace === 'default').slice(0, 1000);
  // The request strings are made before the clock starts: what is measured is trace() itself.
  const tos = targets.map((t) => `${t.clusterIP}:80`);
  const rng = seededRng(1);
  for (const to of tos) trace(state, { from: client, to }, rng); // builds each Service port's rules once (kube-proxy's per-state caches)
  const runs: number[] = [];
  let hops = 0;
  for (let r = 0; r < 5; r++) {
    const n = 20000;
    const t = performance.now();
    for (let i = 0; i < n; i++) hops += trace(state, { from: client, to: tos[i % tos.length] }, rng).hops.length;
    runs.push(n / ((performance.now() - t) / 1000));
  }
  row(`full traces/s, pod → ClusterIP, ${state.services.length} Services`, `${Math.round(median(runs)).toLocaleString('en-US').padStart(10)} /s  (${(hops / (5 * 20000)).toFixed(1)} request hops each)`);
}
