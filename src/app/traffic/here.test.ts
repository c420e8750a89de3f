import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifests, reconcile, trace, type ClusterState } from '../../core';
import { requestsHere, sentMessage, type HereItem } from './here';

function cluster(text: string): ClusterState {
  return reconcile(loadManifests([{ name: 'c.yaml', text }], { seed: 1 }), { seed: 1, actions: [] });
}
const example = (slug: string) => readFileSync(new URL(`../../../examples/${slug}.yaml`, import.meta.url), 'utf8');

const clusterip = cluster(example('clusterip'));
const nodeport = cluster(example('nodeport'));
const ingress = cluster(example('ingress'));
const lb = cluster(example('loadbalancer'));
const local = cluster(example('nodeport').replace('  type: NodePort\n', '  type: NodePort\n  externalTrafficPolicy: Local\n'));

const ipOf = (c: ClusterState, node: string) => c.nodes.find((n) => n.name === node)!.internalIP;
const podIP = (c: ClusterState, prefix: string) => c.pods.find((p) => p.name.startsWith(prefix))!.ip!;
const brief = (items: HereItem[]) => items.map((i) => ({ label: i.label, from: i.draft.from, to: i.draft.to, protocol: i.draft.protocol, resolve: i.draft.resolve }));

describe('requestsHere: defaults per element', () => {
  it.each([
    {
      name: 'ClusterIP Service: from a pod the Service does not select, by DNS name',
      c: clusterip,
      key: 'Service/default/go-helloworld',
      want: [{ label: 'Send a request here', from: { kind: 'pod', key: 'Pod/default/alpine' }, to: 'http://go-helloworld.default:8111/' }],
    },
    {
      name: 'NodePort Service: from outside to a worker node IP at the nodePort, then from inside (no client pod: a node, to the ClusterIP)',
      c: nodeport,
      key: 'Service/default/myapp-service',
      want: [
        { label: 'Send a request here', from: { kind: 'external', ip: '203.0.113.10' }, to: `http://${ipOf(nodeport, 'kind-worker')}:30008/` },
        { label: 'Send a request here from inside', from: { kind: 'node', name: 'kind-worker' }, to: `http://${nodeport.services.find((s) => s.name === 'myapp-service')!.clusterIP}:80/` },
      ],
    },
    {
      name: 'LoadBalancer Service: from outside to the load-balancer IP',
      c: lb,
      key: 'Service/default/frontend-svc',
      want: [
        { label: 'Send a request here', from: { kind: 'external', ip: '203.0.113.10' }, to: `http://${lb.services.find((s) => s.name === 'frontend-svc')!.loadBalancerIPs[0]}:80/` },
        { label: 'Send a request here from inside', from: { kind: 'node', name: 'kind-worker' }, to: `http://${lb.services.find((s) => s.name === 'frontend-svc')!.clusterIP}:80/` },
      ],
    },
    {
      name: 'Ingress, controller IP <pending>: the controller NodePort on a node, the host pinned like curl --resolve',
      c: ingress,
      key: 'Ingress/default/go-helloworld',
      want: [{ label: 'Send a request here', from: { kind: 'external', ip: '203.0.113.10' }, to: 'http://go-helloworld.com:30593/hi', resolve: [{ host: 'go-helloworld.com', ip: ipOf(ingress, 'kind-worker') }] }],
    },
    {
      name: 'node: each NodePort on its own IP',
      c: nodeport,
      key: 'Node//kind-worker2',
      want: [
        { label: 'Send a request here: 30008/TCP (myapp-service)', from: { kind: 'external', ip: '203.0.113.10' }, to: `http://${ipOf(nodeport, 'kind-worker2')}:30008/` },
        { label: 'Send a request here: 30593/TCP (ingress-nginx-controller)', from: { kind: 'external', ip: '203.0.113.10' }, to: `http://${ipOf(nodeport, 'kind-worker2')}:30593/` },
        { label: 'Send a request here: 31566/TCP (ingress-nginx-controller)', from: { kind: 'external', ip: '203.0.113.10' }, to: `https://${ipOf(nodeport, 'kind-worker2')}:31566/` },
      ],
    },
    {
      name: 'pod: its first container port, from another pod',
      c: clusterip,
      key: clusterip.pods.find((p) => p.name.startsWith('go-helloworld-'))!.key,
      want: [{ label: 'Send a request here', from: { kind: 'pod', key: 'Pod/default/alpine' }, to: `http://${podIP(clusterip, 'go-helloworld-')}:6112/` }],
    },
    {
      name: 'pod without ports: a ping',
      c: clusterip,
      key: 'Pod/default/alpine',
      want: [{ label: 'Send a request here (ping)', from: { kind: 'pod', key: clusterip.pods.find((p) => p.name.startsWith('go-helloworld-'))!.key }, to: podIP(clusterip, 'alpine'), protocol: 'ICMP' }],
    },
    { name: 'unknown object: nothing', c: clusterip, key: 'Service/default/nope', want: [] },
  ])('$name', ({ c, key, want }) => {
    expect(brief(requestsHere(c, key))).toEqual(want.map((w) => ({ protocol: undefined, resolve: undefined, ...w })));
  });

  it('externalTrafficPolicy Local: the node picked holds a ready endpoint', () => {
    const item = requestsHere(local, 'Service/default/myapp-service')[0];
    const withPods = new Set(local.pods.filter((p) => p.name.startsWith('myapp-')).map((p) => p.nodeName));
    const node = local.nodes.find((n) => item.draft.to.includes(`//${n.internalIP}:`))!;
    expect(withPods.has(node.name)).toBe(true);
  });

  it('every default is delivered by the engine (the drafts are sensible, not just well-formed)', () => {
    for (const [c, key] of [
      [clusterip, 'Service/default/go-helloworld'],
      [nodeport, 'Service/default/myapp-service'],
      [lb, 'Service/default/frontend-svc'],
      [ingress, 'Ingress/default/go-helloworld'],
      [nodeport, 'Node//kind-control-plane'],
      [local, 'Service/default/myapp-service'],
      [clusterip, clusterip.pods.find((p) => p.name.startsWith('go-helloworld-'))!.key],
    ] as const) {
      const d = requestsHere(c, key)[0].draft;
      const t = trace(c, { from: d.from!, to: d.to, protocol: d.protocol as never, resolve: d.resolve });
      expect([key, t.outcome]).toEqual([key, 'delivered']);
    }
  });

  it('the diagram status line says what was sent', () => {
    expect(sentMessage(requestsHere(ingress, 'Ingress/default/go-helloworld')[0].draft)).toBe(
      `Sending a request from the outside world to http://go-helloworld.com:30593/hi (--resolve go-helloworld.com:${ipOf(ingress, 'kind-worker')}).`,
    );
  });
});
