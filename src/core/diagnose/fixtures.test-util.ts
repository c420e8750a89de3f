// Test fixtures for the diagnose tests: small manifests run through the real engine.
import { loadManifests } from '../cluster/load';
import { reconcile } from '../cluster/reconcile';
import type { ClusterState } from '../cluster/state';

export function run(text: string, actions: string[] = []): ClusterState {
  return reconcile(loadManifests([{ name: 'cluster.yaml', text }], { seed: 1 }), { seed: 1, actions });
}

/** A Deployment `name` whose pods carry `labels` and declare `ports`. */
export function deployment(name: string, labels: Record<string, string>, opts: { ns?: string; replicas?: number; ports?: string; extra?: string } = {}): string {
  const lab = Object.entries(labels)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${opts.ns ? `\n  namespace: ${opts.ns}` : ''}
spec:
  replicas: ${opts.replicas ?? 2}
  selector:
    matchLabels: {${lab}}
  template:
    metadata:
      labels:
${Object.entries(labels)
  .map(([k, v]) => `        ${k}: ${v}`)
  .join('\n')}
    spec:${opts.extra ?? ''}
      containers:
      - name: app
        image: nginx
        ports: ${opts.ports ?? '[{name: http, containerPort: 8080}]'}
`;
}

/** A ClusterIP Service `name` with a block-style selector. */
export function service(name: string, selector: Record<string, string> | null, opts: { ns?: string; targetPort?: string | number; protocol?: string; extraSpec?: string } = {}): string {
  const sel = selector
    ? `  selector:\n${Object.entries(selector)
        .map(([k, v]) => `    ${k}: ${v}`)
        .join('\n')}\n`
    : '';
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}${opts.ns ? `\n  namespace: ${opts.ns}` : ''}
spec:
${sel}${opts.extraSpec ?? ''}  ports:
  - port: 80
    protocol: ${opts.protocol ?? 'TCP'}
    targetPort: ${opts.targetPort ?? 8080}
`;
}

export const docs = (...d: string[]) => d.join('---\n');
