import { describe, it, expect } from 'vitest';
import { loadManifests } from '../cluster/load';
import { buildNodes, nodeTaints } from './node-lifecycle';
import type { RuntimeAction } from './runtime-actions';

const kind = loadManifests([{ name: 'empty.yaml', text: '' }]);

describe('buildNodes', () => {
  it('default topology: kind-control-plane keeps kubeadm\'s NoSchedule taint, workers are untainted', () => {
    const { nodes } = buildNodes(kind, []);
    expect(nodes.map((n) => [n.name, n.role, n.unschedulable, n.ready])).toEqual([
      ['kind-control-plane', 'control-plane', false, true],
      ['kind-worker', 'worker', false, true],
      ['kind-worker2', 'worker', false, true],
    ]);
    expect(nodes[0].taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(nodes[1].podCIDR).toBe('10.244.1.0/24');
    expect(nodes[1].internalIP).not.toBe('');
  });

  it.each<{ name: string; actions: RuntimeAction[]; unschedulable: boolean; warnings: string[] }>([
    // kubectl cordon sets spec.unschedulable; the lifecycle controller adds node.kubernetes.io/unschedulable:NoSchedule
    { name: 'cordon', actions: [{ verb: 'cordon', node: 'kind-worker' }], unschedulable: true, warnings: [] },
    { name: 'cordon then uncordon', actions: [{ verb: 'cordon', node: 'kind-worker' }, { verb: 'uncordon', node: 'kind-worker' }], unschedulable: false, warnings: [] },
    // drain.RunCordonOrUncordon runs before the evictions
    { name: 'drain cordons', actions: [{ verb: 'drain', node: 'kind-worker' }], unschedulable: true, warnings: [] },
    {
      name: 'unknown node: skipped with kubectl\'s NotFound text',
      actions: [{ verb: 'cordon', node: 'nope' }],
      unschedulable: false,
      warnings: ['action "cordon node/nope" skipped: nodes "nope" not found'],
    },
    { name: 'pod actions are not node-lifecycle\'s business', actions: [{ verb: 'delete', pod: { namespace: 'default', name: 'x' } }], unschedulable: false, warnings: [] },
  ])('$name', ({ actions, unschedulable, warnings }) => {
    const { nodes, diagnostics } = buildNodes(kind, actions);
    const w = nodes.find((n) => n.name === 'kind-worker')!;
    expect(w.unschedulable).toBe(unschedulable);
    expect(w.taints.some((t) => t.key === 'node.kubernetes.io/unschedulable' && t.effect === 'NoSchedule')).toBe(unschedulable);
    expect(diagnostics.map((d) => d.message)).toEqual(warnings);
    expect(diagnostics.every((d) => d.severity === 'warning' && d.reason === 'ActionSkipped')).toBe(true);
  });

  it.each([
    // nodelifecycle: Ready=False → not-ready, Ready=Unknown → unreachable (NoSchedule by condition + NoExecute)
    { name: 'Ready=False', ready: 'False', key: 'node.kubernetes.io/not-ready' },
    { name: 'Ready=Unknown', ready: 'Unknown', key: 'node.kubernetes.io/unreachable' },
  ])('condition taints: $name', ({ ready, key }) => {
    const node = { kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key, effect: 'NoExecute' }, { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }, status: { conditions: [{ type: 'Ready', status: ready }] } };
    // managed taints written in the spec are replaced by what the controller computes, not duplicated
    expect(nodeTaints(node, false)).toEqual([
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key, effect: 'NoSchedule' },
      { key, effect: 'NoExecute' },
    ]);
  });

  it('a pasted node that is NotReady is not ready; a cordoned pasted node is unschedulable', () => {
    const text = `apiVersion: v1
kind: Node
metadata: {name: n1}
spec: {unschedulable: true}
status: {conditions: [{type: Ready, status: "False"}]}
`;
    const { nodes } = buildNodes(loadManifests([{ name: 'n.yaml', text }]), [{ verb: 'uncordon', node: 'n1' }]);
    expect(nodes.map((n) => [n.name, n.ready, n.unschedulable, n.role])).toEqual([['n1', false, false, 'worker']]);
  });
});
