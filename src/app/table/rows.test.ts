import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifests, reconcile } from '../../core';
import { externalIP, filterRows, nextSort, servicePorts, sortRows, topologyTables, type Row } from './rows';

const text = (slug: string) => readFileSync(new URL(`../../../examples/${slug}.yaml`, import.meta.url), 'utf8');
const cluster = (t: string) => reconcile(loadManifests([{ name: 'c.yaml', text: t }], { seed: 1 }), { seed: 1, actions: ['cordon node/kind-worker2'] });
const nodeport = cluster(text('nodeport'));
const lb = cluster(text('loadbalancer'));
const pendingLB = cluster(text('loadbalancer').split('---\n').slice(1).join('---\n'));

const table = (c: typeof nodeport, id: string, system = false) => topologyTables(c, { system }).find((t) => t.id === id)!;

describe('topologyTables', () => {
  it.each([
    { name: 'nodes: every node, kubectl-like status (cordoned → SchedulingDisabled)', id: 'nodes', first: ['kind-control-plane', '192.168.49.2', 'control-plane', '0', 'Ready', '10.244.0.0/24'], count: 3 },
    { name: 'pods: the user\'s pods only, by default', id: 'pods', count: 3 },
    { name: 'services: the user\'s Services (kubernetes in default included)', id: 'services', count: 2 },
    { name: 'endpoints: one row per endpoint of each Service port', id: 'endpoints', count: 4 },
  ])('$name', ({ id, first, count }) => {
    const t = table(nodeport, id);
    expect(t.rows).toHaveLength(count);
    expect(t.rows.every((r) => r.cells.length === t.columns.length)).toBe(true);
    if (first) expect(t.rows[0].cells).toEqual(first);
  });

  it('a cordoned node reads Ready, SchedulingDisabled', () => {
    expect(table(nodeport, 'nodes').rows.find((r) => r.cells[0] === 'kind-worker2')!.cells[4]).toBe('Ready, SchedulingDisabled');
  });

  it('add-ons (kube-system, ingress-nginx) appear when asked for', () => {
    expect(table(nodeport, 'pods', true).rows.some((r) => r.cells[4] === 'kube-system')).toBe(true);
    expect(table(nodeport, 'pods').rows.some((r) => r.cells[4] === 'kube-system')).toBe(false);
  });

  it('rows select their object; an endpoint row selects its pod, one without a pod its Service', () => {
    const ep = table(nodeport, 'endpoints').rows;
    expect(ep.find((r) => r.cells[1] === 'default/myapp-service')!.select).toMatch(/^Pod\/default\/myapp-/);
    expect(ep.find((r) => r.cells[1].startsWith('default/kubernetes'))!.select).toBe('Service/default/kubernetes');
    expect(table(nodeport, 'nodes').rows[1].select).toBe('Node//kind-worker');
  });

  it.each([
    // kubectl get svc PORT(S) and EXTERNAL-IP columns (printers.go printService)
    { name: 'NodePort ports read PORT:NODEPORT/PROTO', got: () => servicePorts(nodeport.services.find((s) => s.name === 'myapp-service')!), want: '80:30008/TCP' },
    { name: 'a LoadBalancer with an address shows it', got: () => externalIP(lb.services.find((s) => s.name === 'frontend-svc')!), want: lb.services.find((s) => s.name === 'frontend-svc')!.loadBalancerIPs[0] },
    { name: 'a LoadBalancer without one is <pending>', got: () => externalIP(pendingLB.services.find((s) => s.name === 'frontend-svc')!), want: '<pending>' },
    { name: 'a ClusterIP Service has <none>', got: () => externalIP(nodeport.services.find((s) => s.name === 'kubernetes')!), want: '<none>' },
  ])('$name', ({ got, want }) => {
    expect(got()).toBe(want);
  });
});

const rows: Row[] = [
  { id: 'a', select: 'Pod/default/a' as never, cells: ['a', '10.244.1.12', 'kind-worker'] },
  { id: 'b', select: 'Pod/default/b' as never, cells: ['b', '10.244.1.2', 'kind-worker2'] },
  { id: 'c', select: 'Pod/default/c' as never, cells: ['c', '10.244.0.7', 'kind-worker'] },
];

describe('sort and filter', () => {
  it.each([
    { name: 'IP addresses sort by value, not as text', sort: { col: 1, dir: 'ascending' as const }, want: ['c', 'b', 'a'] },
    { name: 'descending reverses', sort: { col: 1, dir: 'descending' as const }, want: ['a', 'b', 'c'] },
    { name: 'equal cells keep their order (stable)', sort: { col: 2, dir: 'ascending' as const }, want: ['a', 'c', 'b'] },
    { name: 'no sort: creation order', sort: null, want: ['a', 'b', 'c'] },
  ])('$name', ({ sort, want }) => {
    expect(sortRows(rows, sort).map((r) => r.id)).toEqual(want);
  });
  it.each([
    { q: 'worker2', want: ['b'] },
    { q: 'KIND-WORKER 10.244.0', want: ['c'] },
    { q: '  ', want: ['a', 'b', 'c'] },
  ])('filter "$q"', ({ q, want }) => {
    expect(filterRows(rows, q).map((r) => r.id)).toEqual(want);
  });
  it('a header toggles ascending → descending → ascending; another column starts ascending', () => {
    expect(nextSort(null, 1)).toEqual({ col: 1, dir: 'ascending' });
    expect(nextSort({ col: 1, dir: 'ascending' }, 1)).toEqual({ col: 1, dir: 'descending' });
    expect(nextSort({ col: 1, dir: 'descending' }, 1)).toEqual({ col: 1, dir: 'ascending' });
    expect(nextSort({ col: 1, dir: 'descending' }, 2)).toEqual({ col: 2, dir: 'ascending' });
  });
});
