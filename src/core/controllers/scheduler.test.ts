import { describe, it, expect } from 'vitest';
import type { Taint } from '../cluster/state';
import { createScheduler, findUntoleratedTaint, nodeSelectorTermsMatch, schedulingSpec, toleratesTaint, type SchedulerNode, type Toleration } from './scheduler';

const node = (name: string, extra: Partial<SchedulerNode> = {}): SchedulerNode => ({ name, labels: {}, taints: [], unschedulable: false, maxPods: 110, ...extra });
const CP_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('toleratesTaint (k8s.io/api/core/v1 toleration.go ToleratesTaint)', () => {
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  it.each<{ name: string; tol: Toleration; taint?: Taint; want: boolean }>([
    { name: 'empty key + Exists tolerates every taint', tol: { operator: 'Exists' }, want: true },
    { name: 'Equal: same key, value and effect', tol: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, want: true },
    { name: 'empty operator means Equal', tol: { key: 'dedicated', value: 'gpu' }, want: true },
    { name: 'Equal: other value', tol: { key: 'dedicated', operator: 'Equal', value: 'cpu' }, want: false },
    { name: 'Exists with a key: any value', tol: { key: 'dedicated', operator: 'Exists' }, want: true },
    { name: 'empty effect matches every effect', tol: { key: 'dedicated', operator: 'Exists' }, taint: { ...taint, effect: 'NoExecute' }, want: true },
    { name: 'other effect', tol: { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, want: false },
    { name: 'other key', tol: { key: 'other', operator: 'Exists' }, want: false },
    { name: 'unknown operator', tol: { key: 'dedicated', operator: 'Gt', value: 'gpu' }, want: false },
    // kubeadm's control-plane taint has no value; ingress-nginx tolerates it with operator Equal and no value
    { name: 'Equal with no value matches a taint with no value', tol: { key: CP_TAINT.key, operator: 'Equal', effect: 'NoSchedule' }, taint: CP_TAINT, want: true },
  ])('$name', ({ tol, taint: t, want }) => {
    expect(toleratesTaint(tol, t ?? taint)).toBe(want);
  });

  it('TaintToleration filters only NoSchedule and NoExecute (DoNotScheduleTaintsFilterFunc)', () => {
    expect(findUntoleratedTaint([{ key: 'a', effect: 'PreferNoSchedule' }], [])).toBeNull();
    expect(findUntoleratedTaint([{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'NoExecute' }], [])).toEqual({ key: 'b', effect: 'NoExecute' });
  });
});

describe('nodeSelectorTermsMatch (component-helpers nodeaffinity)', () => {
  const labels = { zone: 'a', size: '4', gpu: '' };
  const term = (...matchExpressions: unknown[]) => [{ matchExpressions }];
  it.each([
    { name: 'In', terms: term({ key: 'zone', operator: 'In', values: ['a', 'b'] }), want: true },
    { name: 'NotIn on a missing label matches', terms: term({ key: 'region', operator: 'NotIn', values: ['x'] }), want: true },
    { name: 'NotIn', terms: term({ key: 'zone', operator: 'NotIn', values: ['a'] }), want: false },
    { name: 'Exists (empty value)', terms: term({ key: 'gpu', operator: 'Exists' }), want: true },
    { name: 'DoesNotExist', terms: term({ key: 'gpu', operator: 'DoesNotExist' }), want: false },
    { name: 'Gt compares integers', terms: term({ key: 'size', operator: 'Gt', values: ['3'] }), want: true },
    { name: 'Lt compares integers', terms: term({ key: 'size', operator: 'Lt', values: ['3'] }), want: false },
    { name: 'requirements in a term are ANDed', terms: term({ key: 'zone', operator: 'In', values: ['a'] }, { key: 'size', operator: 'In', values: ['8'] }), want: false },
    { name: 'terms are ORed', terms: [...term({ key: 'zone', operator: 'In', values: ['z'] }), ...term({ key: 'size', operator: 'Exists' })], want: true },
    { name: 'an empty term matches nothing', terms: [{}], want: false },
    { name: 'matchFields metadata.name', terms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }], want: true },
  ])('$name', ({ terms, want }) => {
    expect(nodeSelectorTermsMatch(terms, labels, 'n1')).toBe(want);
  });
});

describe('FailedScheduling message (framework/types.go FitError.Error + DefaultPreemption PostFilter)', () => {
  const tolerateCP = schedulingSpec({ tolerations: [{ key: CP_TAINT.key, operator: 'Exists', effect: 'NoSchedule' }] });
  it.each<{ name: string; nodes: SchedulerNode[]; spec: Record<string, unknown>; want: string }>([
    {
      // the brief's example: kind with both workers cordoned
      name: 'control-plane taint + cordoned workers',
      nodes: [node('cp', { taints: [CP_TAINT] }), node('w1', { unschedulable: true }), node('w2', { unschedulable: true })],
      spec: {},
      want: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
    {
      name: 'NodeAffinity: nodeSelector mismatch; taint value printed',
      nodes: [node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] }), node('w1', { labels: { disk: 'hdd' } })],
      spec: { nodeSelector: { disk: 'ssd' } },
      want: "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    },
    {
      // NodeUnschedulable runs before TaintToleration: a cordoned, tainted node reports only "unschedulable"
      name: 'plugin order: NodeUnschedulable first',
      nodes: [node('cp', { taints: [CP_TAINT], unschedulable: true })],
      spec: {},
      want: '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    },
    {
      // NodeResourcesFit pod count is Unschedulable (resolvable): preemption looks for victims
      name: 'NodeResourcesFit: Too many pods',
      nodes: [node('full', { maxPods: 0 })],
      spec: {},
      want: '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
    {
      name: 'preemptionPolicy Never (PodEligibleToPreemptOthers)',
      nodes: [node('w1', { unschedulable: true })],
      spec: { preemptionPolicy: 'Never' },
      want: '0/1 nodes are available: 1 node(s) were unschedulable. preemption: not eligible due to preemptionPolicy=Never.',
    },
    {
      // sort.Strings over "<count> <reason>": "10 …" sorts before "2 …"
      name: 'histogram sorted as strings',
      nodes: [...Array.from({ length: 10 }, (_, i) => node(`c${i}`, { unschedulable: true })), node('t1', { taints: [CP_TAINT] }), node('t2', { taints: [CP_TAINT] })],
      spec: {},
      want: '0/12 nodes are available: 10 node(s) were unschedulable, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.',
    },
    { name: 'no nodes at all (schedule_one ErrNoNodesAvailable)', nodes: [], spec: {}, want: 'no nodes available to schedule pods' },
  ])('$name', ({ nodes, spec, want }) => {
    expect(createScheduler(nodes, 1).schedule('Pod/default/p', schedulingSpec(spec))).toEqual({ message: want });
  });

  it('a pod that tolerates node.kubernetes.io/unschedulable may land on a cordoned node (NodeUnschedulable)', () => {
    const s = createScheduler([node('w1', { unschedulable: true })], 1);
    expect(s.schedule('Pod/kube-system/ds', schedulingSpec({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }))).toEqual({ node: 'w1' });
  });

  it('a toleration lets a pod onto the control plane (CoreDNS on kind)', () => {
    const s = createScheduler([node('cp', { taints: [CP_TAINT] })], 1);
    expect(s.schedule('Pod/kube-system/coredns-x', tolerateCP)).toEqual({ node: 'cp' });
  });
});

describe('spread: fewest pods first, ties by the pod key on a hash ring', () => {
  const three = () => [node('a'), node('b'), node('c')];
  const place = (s: ReturnType<typeof createScheduler>, n: number, prefix = 'p') =>
    Array.from({ length: n }, (_, i) => s.schedule(`Pod/default/${prefix}${i}`, schedulingSpec({}))).map((r) => ('node' in r ? r.node : r.message));
  const histogram = (xs: string[]) => xs.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});

  it('9 pods on 3 nodes: 3 each, and every round of 3 covers all nodes', () => {
    const got = place(createScheduler(three(), 1), 9);
    expect(histogram(got)).toEqual({ a: 3, b: 3, c: 3 });
    for (let r = 0; r < 3; r++) expect(new Set(got.slice(r * 3, r * 3 + 3)).size).toBe(3);
  });

  it('same seed and pods: same nodes; another seed may differ but stays balanced', () => {
    expect(place(createScheduler(three(), 7), 6)).toEqual(place(createScheduler(three(), 7), 6));
    expect(histogram(place(createScheduler(three(), 8), 6))).toEqual({ a: 2, b: 2, c: 2 });
  });

  it('pods bound by nodeName count: the next pod avoids the busier node', () => {
    const s = createScheduler([node('a'), node('b')], 1);
    s.bind('a');
    expect(s.schedule('Pod/default/x', schedulingSpec({}))).toEqual({ node: 'b' });
  });

  it('cordon and uncordon change feasibility at once; unbinding frees a slot', () => {
    const s = createScheduler([node('a', { maxPods: 1 }), node('b')], 1);
    s.setUnschedulable('b', true);
    expect(s.schedule('Pod/default/x', schedulingSpec({}))).toEqual({ node: 'a' });
    expect(s.schedule('Pod/default/y', schedulingSpec({}))).toEqual({
      message: '0/2 nodes are available: 1 Too many pods, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    });
    s.setUnschedulable('b', false);
    expect(s.schedule('Pod/default/y', schedulingSpec({}))).toEqual({ node: 'b' });
    s.unbind('a');
    s.setUnschedulable('b', true);
    expect(s.schedule('Pod/default/z', schedulingSpec({}))).toEqual({ node: 'a' });
  });

  it('nodeSelector restricts the spread to matching nodes', () => {
    const s = createScheduler([node('a', { labels: { disk: 'ssd' } }), node('b'), node('c', { labels: { disk: 'ssd' } })], 1);
    const got = Array.from({ length: 4 }, (_, i) => s.schedule(`Pod/default/s${i}`, schedulingSpec({ nodeSelector: { disk: 'ssd' } })));
    expect(histogram(got.map((r) => ('node' in r ? r.node : '')))).toEqual({ a: 2, c: 2 });
  });
});
