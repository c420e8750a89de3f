import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { derive } from '../store';
import { CLIENT_ID, DNS_ID, moreId, PENDING_ID, SYSTEM_ID, toFlow, visiblePods, type DiagramNode, type FlowOptions } from './toFlow';
import type { PodView } from './model';

const example = (slug: string) => readFileSync(new URL(`../../../examples/${slug}.yaml`, import.meta.url), 'utf8');
const cluster = (text: string, actions: string[] = []) => derive({ text, actions, seed: 1 }).cluster;
const flow = (text: string, opts: Partial<FlowOptions> = {}, actions: string[] = []) => toFlow(cluster(text, actions), { showSystem: false, summary: false, ...opts });
const ofType = (nodes: DiagramNode[], type: DiagramNode['type']) => nodes.filter((n) => n.type === type);
const data = <T extends DiagramNode['type']>(nodes: DiagramNode[], id: string) => nodes.find((n) => n.id === id)!.data as Extract<DiagramNode, { type: T }>['data'];

const deployment = (name: string, replicas: number, extra = '') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${extra}      containers: [{name: c, image: x, ports: [{containerPort: 80}]}]
`;
const service = (name: string, app: string) => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec: {selector: {app: ${app}}, ports: [{port: 80}]}
`;

describe('toFlow on the starter cluster', () => {
  const f = flow(example('default'));

  it('draws three nodes with their pods inside, Services, the Ingress and the outside world', () => {
    expect(ofType(f.nodes, 'k8sNode').map((n) => n.id)).toEqual(['Node//kind-control-plane', 'Node//kind-worker', 'Node//kind-worker2']);
    const pods = ofType(f.nodes, 'pod');
    expect(pods).toHaveLength(4); // 3 web replicas + client; system pods collapsed by default
    for (const p of pods) expect(p.parentId).toBe(`Node//${(p.data as { pod: PodView }).pod.nodeName}`);
    expect(ofType(f.nodes, 'service').map((n) => n.id)).toEqual(['Service/default/web', 'Service/default/web-nodeport']);
    expect(ofType(f.nodes, 'ingress').map((n) => n.id)).toEqual(['Ingress/default/web']);
    expect(f.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([CLIENT_ID, DNS_ID, SYSTEM_ID]));
  });

  it('lists every group before its children (React Flow requires parents first)', () => {
    const seen = new Set<string>();
    for (const n of f.nodes) {
      if (n.parentId) expect(seen.has(n.parentId)).toBe(true);
      seen.add(n.id);
    }
  });

  it('shows Service ports as `port → targetPort` with the nodePort', () => {
    expect(data<'service'>(f.nodes, 'Service/default/web').service.ports).toEqual(['http: 80 → http']);
    expect(data<'service'>(f.nodes, 'Service/default/web-nodeport').service.ports).toEqual(['http: 80 → 8080 · nodePort 30080']);
  });

  it('links each Service to its endpoint pods (from the EndpointSlices) and each Ingress rule to its Service', () => {
    const eps = f.edges.filter((e) => e.id.startsWith('ep|'));
    expect(eps).toHaveLength(6);
    expect(eps.every((e) => e.target.startsWith('Pod/default/web-') && !e.className!.includes('notready'))).toBe(true);
    expect(f.edges.find((e) => e.id === 'ing|Ingress/default/web|0')).toMatchObject({ source: 'Ingress/default/web', sourceHandle: 'rule-0', target: 'Service/default/web' });
  });

  it('is deterministic', () => {
    expect(flow(example('default'))).toEqual(f);
  });
});

describe('toFlow details', () => {
  it('flags a Service whose selector matches no pod', () => {
    const f = flow(example('clusterip') + service('lonely', 'x'));
    expect(data<'service'>(f.nodes, 'Service/default/lonely').service.flag).toBe('no endpoints: selector app=x matches no pod');
    expect(data<'service'>(f.nodes, 'Service/default/go-helloworld').service.flag).toBeNull();
  });

  it('draws not-ready endpoints dashed (a `not-ready` runtime action)', () => {
    const c = cluster(example('clusterip'));
    const pod = c.pods.find((p) => p.name.startsWith('go-helloworld-'))!;
    const f = toFlow(cluster(example('clusterip'), [`not-ready pod/default/${pod.name}`]), { showSystem: false, summary: false });
    const e = f.edges.find((x) => x.id === `ep|Service/default/go-helloworld|${pod.key}`)!;
    expect(e.className).toContain('edge-notready');
    expect(e.style).toEqual({ strokeDasharray: '6 4' });
    expect(data<'service'>(f.nodes, 'Service/default/go-helloworld').service.flag).toBe('no ready endpoints: traffic has nowhere to go');
  });

  it('shows kube-system and ingress-nginx when asked; a LoadBalancer Service links to every node', () => {
    const f = flow(example('default'), { showSystem: true });
    expect(f.nodes.some((n) => n.id === 'Service/kube-system/kube-dns')).toBe(true);
    expect(ofType(f.nodes, 'pod').some((n) => n.id.startsWith('Pod/kube-system/coredns-'))).toBe(true);
    expect(f.edges.filter((e) => e.id.startsWith('lb|Service/ingress-nginx/ingress-nginx-controller|')).map((e) => e.target)).toEqual(['Node//kind-control-plane', 'Node//kind-worker', 'Node//kind-worker2']);
    expect(data<'system'>(f.nodes, SYSTEM_ID).shown).toBe(true);
  });

  it('puts Pending pods in the unscheduled area', () => {
    const f = flow(example('clusterip') + deployment('stuck', 1, '      nodeSelector: {disk: ssd}\n'));
    const stuck = ofType(f.nodes, 'pod').find((n) => n.id.startsWith('Pod/default/stuck-'))!;
    expect(stuck.parentId).toBe(PENDING_ID);
    expect((stuck.data as { pod: PodView }).pod.status).toBe('pending');
    expect(f.groups).toContain(PENDING_ID);
  });

  it('shows kinds the engine does not simulate as such', () => {
    const f = flow(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}}\n`);
    const boxes = ofType(f.nodes, 'unsimulated');
    expect(boxes.map((n) => n.ariaLabel)).toEqual(['NetworkPolicy deny, not simulated']);
    expect(boxes[0].id).toMatch(/^NetworkPolicy\/.*\/deny$/);
  });

  it.each([
    // the cursor in a Deployment's document: its ReplicaSet's pods light up (ownerReferences chain)
    ['Deployment/default/web', 3],
    ['Deployment/default/other', 0],
    ['Pod/default/client', 0],
  ])('selecting %s marks %i pods as related', (selection, n) => {
    const f = flow(example('default'), { selection });
    const related = ofType(f.nodes, 'pod').filter((p) => p.className === 'is-related');
    expect(related).toHaveLength(n);
    for (const p of related) expect(p.id).toMatch(/^Pod\/default\/web-/);
  });

  it('zoomed out, nodes show pod counts and Services link to nodes', () => {
    const f = flow(example('default'), { summary: true });
    expect(ofType(f.nodes, 'pod')).toEqual([]);
    expect(data<'k8sNode'>(f.nodes, 'Node//kind-worker2').counts.ready).toBeGreaterThan(0);
    expect(f.edges.filter((e) => e.id.startsWith('ep|Service/default/web|')).every((e) => e.target.startsWith('Node//') && /^\d+ endpoints?/.test(String(e.label)))).toBe(true);
  });

  it('over the element budget, switches to the summary and then drops edges (the selection keeps its own)', () => {
    const f = flow(example('default'), { budget: 12, selection: 'Service/default/web-nodeport' });
    expect(f.summary).toBe(true);
    expect(f.nodes.length + f.edges.length).toBeLessThanOrEqual(12);
    expect(f.hiddenEdges).toBeGreaterThan(0);
    expect(f.edges.some((e) => e.source === 'Service/default/web-nodeport')).toBe(true);
  });

  it('over the budget only through its edges, keeps the pod boxes and drops aggregate edges first', () => {
    const text = `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n${deployment('many', 30)}${service('a', 'many')}${service('b', 'many')}${service('c', 'many')}`;
    const c = cluster(text);
    const opts = { showSystem: false, summary: false, podBudget: 12 };
    const full = toFlow(c, opts);
    const budget = 2 * full.nodes.length; // the boxes take half: room for fewer edges than there are
    expect(full.edges.length).toBeGreaterThan(budget - full.nodes.length);
    const f = toFlow(c, { ...opts, budget });
    expect(f.summary).toBe(false);
    expect(ofType(f.nodes, 'pod')).toHaveLength(ofType(full.nodes, 'pod').length);
    expect(f.nodes.length + f.edges.length).toBe(budget);
    expect(f.hiddenEdges).toBe(full.edges.length - f.edges.length);
    expect(f.edges.every((e) => e.target.startsWith('Pod/'))).toBe(true); // "+N more" aggregates went first
    // boxes beyond half the budget: the nodes are summarised
    expect(toFlow(c, { ...opts, budget: 2 * full.nodes.length - 2 }).summary).toBe(true);
  });

  it('zoomed out with an edge limit (viewport.ts OVERVIEW_EDGE_LIMIT), keeps that many edges, the selection\'s first', () => {
    const all = flow(example('default'), { summary: true });
    const f = flow(example('default'), { summary: true, edgeLimit: 1, selection: 'Service/default/web-nodeport' });
    expect(f.edges).toHaveLength(1);
    expect(f.edges[0].source).toBe('Service/default/web-nodeport');
    expect(f.hiddenEdges).toBe(all.edges.length - 1);
  });

  it('labels of aggregated endpoint edges are drawn by the unmeasured label edge (edges.tsx)', () => {
    const f = flow(example('default'), { summary: true });
    const labelled = f.edges.filter((e) => e.label);
    expect(labelled.length).toBeGreaterThan(0);
    expect(labelled.every((e) => e.type === 'labelled')).toBe(true);
  });

  it('collapses a crowded node into "+N more", keeping the selected pod visible', () => {
    const c = cluster(`kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n${deployment('many', 30)}${service('many', 'many')}`);
    const all = c.pods.filter((p) => p.namespace === 'default').map((p) => p.key).sort();
    const last = all[all.length - 1];
    const f = toFlow(c, { showSystem: false, summary: false, podBudget: 12, selection: last });
    const shown = ofType(f.nodes, 'pod');
    // podBudget 12 over 2 nodes → 6 boxes per node: 5 pods and "+25 more" (the control plane is tainted)
    expect(shown).toHaveLength(5);
    expect(shown.some((n) => n.id === last)).toBe(true);
    const more = f.nodes.find((n) => n.id === moreId('Node//kind-worker'))!;
    expect(more.data).toMatchObject({ count: 25 });
    expect(f.edges.find((e) => e.id === `ep|Service/default/many|${moreId('Node//kind-worker')}`)?.label).toBe('25 endpoints');
  });

  it('a new Service or pod does not move what is already drawn', () => {
    const base = example('clusterip');
    const pos = (text: string) => new Map(flow(text).nodes.map((n) => [n.id, n.position]));
    const before = pos(base);
    const after = pos(base + service('zz-new', 'go-helloworld') + `---\napiVersion: v1\nkind: Pod\nmetadata: {name: zz}\nspec: {nodeName: kind-control-plane, containers: [{name: c, image: x}]}\n`);
    for (const [id, p] of before) expect(after.get(id)).toEqual(p);
  });
});

describe('visiblePods', () => {
  const pods = Array.from({ length: 5 }, (_, i) => ({ key: `Pod/default/p${i}` }) as PodView);
  it.each([
    [10, null, 5, 0],
    [3, null, 2, 3],
    [3, 'Pod/default/p4', 2, 3],
  ])('cap %i, selection %s → %i shown, %i hidden', (cap, sel, shown, hidden) => {
    const r = visiblePods(pods, cap, sel);
    expect([r.shown.length, r.hidden.length]).toEqual([shown, hidden]);
    if (sel) expect(r.shown.map((p) => p.key)).toContain(sel);
  });
});
