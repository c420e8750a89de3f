import { describe, expect, it } from 'vitest';
import { loadManifests, reconcile } from '../index';
import { listensOn, podRoute } from './routes';

// Pod "declared" lists containerPorts; pod "bare" lists none, so it listens on what its Services target.
const text = `apiVersion: v1
kind: Pod
metadata: {name: declared, labels: {app: d}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}, {containerPort: 53, protocol: UDP}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: bare, labels: {app: b}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec: {selector: {app: b}, ports: [{port: 80, targetPort: 9898}]}
`;
const state = reconcile(loadManifests([{ name: 't.yaml', text }]));
const ipOf = (name: string) => state.pods.find((p) => p.name === name)!.ip!;

describe('podRoute / listensOn', () => {
  it.each([
    // declared containerPorts are the listening sockets, protocol included
    { pod: 'declared', port: 8080, proto: 'TCP', listens: true },
    { pod: 'declared', port: 53, proto: 'UDP', listens: true },
    { pod: 'declared', port: 53, proto: 'TCP', listens: false },
    { pod: 'declared', port: 9898, proto: 'TCP', listens: false },
    // no containerPorts: whatever an endpoint of some Service names for the pod
    { pod: 'bare', port: 9898, proto: 'TCP', listens: true },
    { pod: 'bare', port: 80, proto: 'TCP', listens: false },
  ])('$pod $port/$proto', ({ pod, port, proto, listens }) => {
    const pr = podRoute(state, ipOf(pod))!;
    expect(pr.at).toBe(`pod/default/${pod}`);
    expect(pr.ref).toBe(`default/${pod}`);
    expect(pr.node).toBe(state.index.nodeByName.get(pr.nodeName!));
    expect(listensOn(pr, port, proto)).toBe(listens);
  });

  it('an address no pod has, canonical or not, has no route', () => {
    expect(podRoute(state, '10.244.250.250')).toBeNull();
    expect(podRoute(state, '010.244.0.1')).toBeNull();
  });
});
