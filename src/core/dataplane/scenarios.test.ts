// The course's Service scenarios, end to end through the engine: manifests → reconcile → trace.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifests, reconcile, trace, type ClusterState, type ObjectKey, type Trace } from '../index';
import { seededRng } from './context';

const example = (slug: string, opts: Parameters<typeof reconcile>[1] = {}): ClusterState =>
  reconcile(loadManifests([{ name: `${slug}.yaml`, text: readFileSync(`examples/${slug}.yaml`, 'utf8') }]), opts);

const pod = (ns: string, name: string) => ({ kind: 'pod' as const, key: `Pod/${ns}/${name}` as ObjectKey });
const podsOf = (s: ClusterState, prefix: string) => s.pods.filter((p) => p.name.startsWith(prefix));
const hop = (t: Trace, action: string) => t.hops.find((h) => h.action === action);

describe('course scenarios', () => {
  it('curl from the alpine pod to go-helloworld:8111 reaches a go-helloworld pod on 6112', () => {
    const s = example('clusterip');
    const t = trace(s, { from: pod('default', 'alpine'), to: 'http://go-helloworld:8111' });
    expect(t.outcome).toBe('delivered');
    expect(t.http).toEqual({ status: 200 });
    const backend = podsOf(s, 'go-helloworld-')[0];
    expect(t.backend).toMatchObject({ pod: `default/${backend.name}`, ip: backend.ip, port: 6112 });
    const svc = s.services.find((x) => x.name === 'go-helloworld')!;
    const dnat = t.hops.filter((h) => h.action === 'dnat').pop()!;
    expect(dnat.before.dst).toBe(`${svc.clusterIP}:8111`);
    expect(dnat.after.dst).toBe(`${backend.ip}:6112`);
    // pod → ClusterIP: no masquerade, the server sees the client pod's own address
    expect(t.backend!.seenSource.split(':')[0]).toBe(s.pods.find((p) => p.name === 'alpine')!.ip);
    // the reply comes back from the address the client sent to
    expect(t.reply.hops.at(-1)!.before.src).toBe(`${svc.clusterIP}:8111`);
  });

  it.each(['kind-control-plane', 'kind-worker', 'kind-worker2'])('NodePort 30008 answers through %s', (nodeName) => {
    const s = example('nodeport');
    const node = s.nodes.find((n) => n.name === nodeName)!;
    const t = trace(s, { from: { kind: 'external', ip: '203.0.113.10' }, to: `http://${node.internalIP}:30008/` });
    expect(t.outcome).toBe('delivered');
    expect(t.backend!.port).toBe(80);
    expect(podsOf(s, 'myapp-').map((p) => `default/${p.name}`)).toContain(t.backend!.pod);
    // externalTrafficPolicy Cluster: kube-proxy masquerades, the pod sees a node address
    expect(s.nodes.map((n) => n.internalIP)).toContain(t.backend!.seenSource.split(':')[0]);
    expect(hop(t, 'snat')).toBeDefined();
  });

  it('nginx-service 8081 → 3000', () => {
    const s = example('nginx');
    const t = trace(s, { from: pod('default', 'client'), to: 'nginx-service:8081' });
    expect(t.outcome).toBe('delivered');
    expect(t.backend!.port).toBe(3000);
  });

  it('podinfo 80 → 9898 with three endpoints, spread over them', () => {
    const s = example('podinfo');
    const t = trace(s, { from: pod('default', 'nginx'), to: 'http://podinfo', count: 300 }, seededRng(7));
    expect(t.outcome).toBe('delivered');
    expect(t.distribution!.map((d) => d.port)).toEqual([9898, 9898, 9898]);
    for (const d of t.distribution!) expect(d.count).toBeGreaterThan(60);
    expect(t.hops.filter((h) => h.action === 'dnat').pop()!.facts!.endpointCount).toBe(3); // the first DNAT is the DNS query's, to CoreDNS
  });

  it('go-helloworld.com/hi through the Ingress (curl --resolve to a node, the controller\'s nodePort)', () => {
    const s = example('ingress');
    const ctl = s.services.find((x) => x.name === 'ingress-nginx-controller')!;
    const nodePort = ctl.ports.find((p) => p.name === 'http')!.nodePort!;
    const node = s.nodes[1];
    const t = trace(s, { from: { kind: 'external', ip: '203.0.113.10' }, to: `http://go-helloworld.com:${nodePort}/hi`, resolve: [{ host: 'go-helloworld.com', ip: node.internalIP }] });
    expect(t.outcome).toBe('delivered');
    expect(t.http).toEqual({ status: 200 });
    expect(t.backend!.pod).toMatch(/^default\/go-helloworld-/);
    expect(t.backend!.port).toBe(6112);
    const l7 = hop(t, 'l7-route')!;
    expect(l7.facts).toMatchObject({ ingress: 'default/go-helloworld', backend: 'default/go-helloworld:8111' });
    // ingress-nginx connects from its own pod IP straight to the endpoint
    const ctlPod = s.pods.find((p) => p.name.startsWith('ingress-nginx-controller-'))!;
    expect(t.backend!.seenSource.split(':')[0]).toBe(ctlPod.ip);
  });

  it('an unknown Ingress path gets the controller\'s 404', () => {
    const s = example('ingress');
    const ctl = s.services.find((x) => x.name === 'ingress-nginx-controller')!;
    const nodePort = ctl.ports.find((p) => p.name === 'http')!.nodePort!;
    const t = trace(s, { from: { kind: 'external', ip: '203.0.113.10' }, to: `http://go-helloworld.com:${nodePort}/nope`, resolve: [{ host: 'go-helloworld.com', ip: s.nodes[0].internalIP }] });
    expect(t).toMatchObject({ outcome: 'delivered', http: { status: 404 } });
  });
});

describe('failure outcomes', () => {
  it('a Service without endpoints is refused by kube-proxy\'s REJECT', () => {
    const s = reconcile(loadManifests([{ name: 'x', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: lonely}\nspec:\n  selector: {app: nobody}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: c}\nspec: {containers: [{name: c, image: alpine}]}\n' }]));
    const t = trace(s, { from: pod('default', 'c'), to: 'lonely:80' });
    expect(t.outcome).toBe('refused');
    expect(t.reason).toBe('no-endpoints');
  });

  it('a ClusterIP on a port it does not serve gets no response', () => {
    const s = example('nginx');
    const t = trace(s, { from: pod('default', 'client'), to: 'nginx-service:9999' });
    expect(t.outcome).toBe('no_response');
  });

  it('a ping to a ClusterIP gets no response', () => {
    const s = example('nginx');
    const t = trace(s, { from: pod('default', 'client'), to: 'nginx-service', protocol: 'ICMP' });
    expect(t.outcome).toBe('no_response');
  });

  it('a name that does not exist is NXDOMAIN after the search walk', () => {
    const s = example('nginx');
    const t = trace(s, { from: pod('default', 'client'), to: 'nope:80' });
    expect(t.outcome).toBe('nxdomain');
    expect(t.hops.filter((h) => h.action === 'dns-query').length).toBe(4);
  });
});

describe('DNS-shaped outcomes', () => {
  const cnameLoop = `apiVersion: v1
kind: Service
metadata: {name: loop}
spec: {type: ExternalName, externalName: loop.default.svc.cluster.local}
---
apiVersion: v1
kind: Pod
metadata: {name: c}
spec: {containers: [{name: c, image: alpine}]}
`;
  it('an ExternalName pointing at itself ends as dns_error, not an endless loop', () => {
    const s = reconcile(loadManifests([{ name: 'x', text: cnameLoop }]));
    const t = trace(s, { from: pod('default', 'c'), to: 'http://loop/' });
    expect(t).toMatchObject({ outcome: 'dns_error', reason: 'cname-loop' });
  });
  it('an ExternalName resolves through its CNAME to the upstream address', () => {
    const s = example('externalname');
    const t = trace(s, { from: pod('default', 'client'), to: 'my-database:5432', upstreamDns: new Map([['db.example.com', ['198.51.100.7']]]) });
    expect(t.hops.some((h) => h.action === 'dns-answer' && String(h.facts?.answers).includes('CNAME db.example.com'))).toBe(true);
    expect(t.hops.find((h) => h.component === 'client' && h.action === 'send')!.before.dst).toBe('198.51.100.7:5432');
  });
});
