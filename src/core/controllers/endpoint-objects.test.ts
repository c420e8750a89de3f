import { describe, expect, it } from 'vitest';
import { loadManifests } from '../cluster/load';
import { reconcile } from '../cluster/reconcile';
import { endpointObjectIdentity } from './endpointslice-controller';
import { sliceSource } from './endpointslice-fresh';

// The EndpointSlices and Endpoints the controllers write (endpointslice reconciler.go finalize,
// endpoints_controller.go syncService) are built when read; reconcile lists them by an identity read
// without building them. Each row pins that the identity is what the built object says.
const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080, name: http}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, labels: {tier: fe}}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: named, labels: {kubernetes.io/service-name: other}}
spec: {selector: {app: web}, ports: [{port: 81, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec: {selector: {app: nobody}, ports: [{port: 82}]}
`;

describe('endpoint objects: identity without building, the same as the built object', () => {
  const state = reconcile(loadManifests([{ name: 'x.yaml', text: yaml }]));
  const written = state.objects.filter((o) => (o.kind === 'EndpointSlice' || o.kind === 'Endpoints') && o.namespace === 'default' && o.name !== 'kubernetes');
  it('reconcile left the created slices unbuilt', () => {
    const sources = written.map((o) => sliceSource(o.object)).filter((s) => s !== undefined);
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s.metadata).toBeNull();
  });
  it.each(written.map((o) => [`${o.kind} ${o.name}`, o] as const))('%s', (_n, o) => {
    const id = endpointObjectIdentity(o.object);
    const meta = o.object.metadata!;
    expect([id.kind, id.namespace, id.name]).toEqual([o.object.kind, meta.namespace, meta.name]);
    expect(o.key).toBe(`${o.object.kind}/${meta.namespace}/${meta.name}`);
    // The Service it is for: its kubernetes.io/service-name label, else an Endpoints object's name.
    const label = meta.labels?.['kubernetes.io/service-name'];
    expect(id.serviceName).toBe(label ?? (o.kind === 'Endpoints' ? meta.name : undefined));
  });
});
