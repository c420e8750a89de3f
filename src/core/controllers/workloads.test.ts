import { describe, it, expect } from 'vitest';
import { loadManifests } from '../cluster/load';
import type { PodState } from '../cluster/state';
import { parseCIDR4 } from '../net/ipv4';
import { buildNodes } from './node-lifecycle';
import { parseAction, type RuntimeAction } from './runtime-actions';
import { runWorkloads } from './workloads';

function run(text: string, actions: string[] = [], seed = 1) {
  const loaded = loadManifests([{ name: 'test.yaml', text }], { seed });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const parsed = actions.map((a) => parseAction(a) as RuntimeAction);
  const n = buildNodes(loaded, parsed);
  const w = runWorkloads({ loaded, nodes: n.nodes, actions: parsed, seed });
  const mine = w.pods.filter((p) => p.namespace === 'default');
  return { ...w, loaded, nodes: n.nodes, mine, warnings: [...n.diagnostics, ...w.diagnostics].map((d) => d.message), pod: (name: string) => w.pods.find((p) => p.name === name) };
}
const obj = (r: ReturnType<typeof run>, kind: string, name: string) => r.objects.find((o) => o.kind === kind && o.name === name)?.object as Record<string, any>;
const where = (pods: PodState[]) => pods.map((p) => `${p.name} ${p.nodeName} ${p.ip}`);

const deployment = (name: string, replicas: number, extraSpec = '') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: nginx:1.27, ports: [{containerPort: 80, name: http}]}]${extraSpec}
`;
const barePod = (name: string, spec = '') => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {app: bare}}
spec:
  containers: [{name: c, image: busybox}]${spec}
`;
/** What `kubectl get deploy,pods -o yaml` gives for a running Deployment: pods whose ReplicaSet was not pasted. */
const pastedPod = (name: string, node: string, ip: string, extra = '') => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: web, pod-template-hash: 7d4b9c8f5}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4b9c8f5, uid: 3f1c2d4e-1111-4111-8111-111111111111, controller: true, blockOwnerDeletion: true}]${extra}
spec:
  nodeName: ${node}
  containers: [{name: app, image: nginx:1.27, ports: [{containerPort: 80, name: http}]}]
status:
  phase: Running
  podIP: ${ip}
  conditions: [{type: Ready, status: "True"}]
`;

describe('deployment → replicaset → pods (sync.go getNewReplicaSet, controller_utils GetPodFromTemplate)', () => {
  const r = run(deployment('web', 3));
  it('the ReplicaSet is <deployment>-<pod-template-hash>, the pods <rs>-<5 chars>', () => {
    const rs = r.objects.find((o) => o.kind === 'ReplicaSet' && o.namespace === 'default')!;
    expect(rs.name).toMatch(/^web-[456789bcdf]{1,10}$/);
    const hash = rs.name.slice(4);
    expect(r.mine.map((p) => p.name)).toEqual(Array.from({ length: 3 }, () => expect.stringMatching(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`))));
    expect(r.mine.every((p) => p.labels['pod-template-hash'] === hash && p.owner?.kind === 'ReplicaSet' && p.owner.name === rs.name)).toBe(true);
    expect(obj(r, 'Pod', r.mine[0].name).metadata).toMatchObject({ generateName: `${rs.name}-`, ownerReferences: [{ kind: 'ReplicaSet', name: rs.name, controller: true }] });
  });
  it('pods get the Pod defaults and admission a template does not have (SetDefaults_Pod, ServiceAccount, Priority, DefaultTolerationSeconds)', () => {
    expect(obj(r, 'Pod', r.mine[0].name).spec).toMatchObject({
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      nodeName: r.mine[0].nodeName,
      tolerations: [{ key: 'node.kubernetes.io/not-ready' }, { key: 'node.kubernetes.io/unreachable' }],
    });
    const rs = r.objects.find((o) => o.kind === 'ReplicaSet' && o.namespace === 'default')!.object as Record<string, any>;
    expect(rs.spec.template.spec).not.toHaveProperty('enableServiceLinks');
  });

  it('status: Deployment and ReplicaSet counts and conditions', () => {
    expect(obj(r, 'Deployment', 'web').status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(obj(r, 'Deployment', 'web').metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    const rs = r.objects.find((o) => o.kind === 'ReplicaSet' && o.namespace === 'default')!.object as Record<string, any>;
    expect(rs.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });
  it('pods run on workers only (kubeadm control-plane taint), spread, with IPs from their node podCIDR', () => {
    expect(r.mine.every((p) => p.phase === 'Running' && p.ready && p.nodeName !== 'kind-control-plane')).toBe(true);
    expect(new Set(r.mine.map((p) => p.nodeName)).size).toBe(2);
    for (const p of r.mine) {
      const cidr = parseCIDR4(r.nodes.find((n) => n.name === p.nodeName)!.podCIDR)!;
      expect(cidr.contains(p.ip!)).toBe(true);
      expect(p.ip!.endsWith('.0') || p.ip!.endsWith('.1') || p.ip!.endsWith('.255')).toBe(false);
    }
  });
  it('kube-system/coredns runs like any Deployment: 2 pods, critical priority, tolerates the control plane', () => {
    const dns = r.pods.filter((p) => p.namespace === 'kube-system');
    expect(dns.map((p) => p.name)).toEqual([expect.stringMatching(/^coredns-[456789bcdf]+-[a-z0-9]{5}$/), expect.stringMatching(/^coredns-/)]);
    expect(dns.every((p) => p.ready && p.dnsPolicy === 'Default' && p.labels['k8s-app'] === 'kube-dns')).toBe(true);
    expect(obj(r, 'Pod', dns[0].name).spec).toMatchObject({ priority: 2000000000, priorityClassName: 'system-cluster-critical', serviceAccountName: 'coredns' });
  });
  it('same text + seed = same state; another seed renames', () => {
    const again = run(deployment('web', 3));
    expect(where(again.pods)).toEqual(where(r.pods));
    expect(JSON.stringify(again.objects.map((o) => o.object))).toBe(JSON.stringify(r.objects.map((o) => o.object)));
    expect(where(run(deployment('web', 3), [], 2).mine)).not.toEqual(where(r.mine));
  });
});

describe('creation order (PodState.ordinal, createdAt on the Service scale)', () => {
  it('pods follow their documents; controller pods right after their Deployment; action pods last', () => {
    const text = barePod('a') + deployment('web', 2) + barePod('b');
    const r = run(text);
    const idx = (kind: string, name: string) => r.loaded.objects.findIndex((o) => o.kind === kind && o.name === name);
    const web = r.mine.filter((p) => p.name.startsWith('web-'));
    expect(r.mine.map((p) => p.name)).toEqual(['a', ...web.map((p) => p.name), 'b']);
    expect(r.mine.map((p) => p.createdAt)).toEqual([idx('Pod', 'a') * 1000, idx('Deployment', 'web') * 1000, idx('Deployment', 'web') * 1000 + 1, idx('Pod', 'b') * 1000]);
    expect(r.mine.map((p) => p.ordinal)).toEqual([...r.mine.map((p) => p.ordinal)].sort((x, y) => x - y));
    // the replacement made by action #1 comes after every document
    const after = run(text, ['cordon node/kind-worker', `delete pod/default/${web[0].name}`]);
    const fresh = after.mine.find((p) => p.name.startsWith('web-') && p.name !== web[1].name)!;
    expect(Math.floor(fresh.createdAt / 1000)).toBe(r.loaded.objects.length + 1);
    expect(fresh.ordinal).toBeGreaterThan(after.pod('b')!.ordinal);
  });
});

describe('scheduler outcomes', () => {
  it('no feasible node: Pending, no node, no IP, FailedScheduling wording, one warning per ReplicaSet', () => {
    const r = run(deployment('web', 2, '\n      nodeSelector: {disk: ssd}'));
    const msg = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    expect(r.mine.map((p) => [p.phase, p.nodeName, p.ip, p.ready, p.pendingReason])).toEqual([
      ['Pending', null, null, false, msg],
      ['Pending', null, null, false, msg],
    ]);
    expect(obj(r, 'Pod', r.mine[0].name).status.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg })]);
    expect(r.warnings.filter((w) => w.startsWith('0/3'))).toEqual([`${msg} (2 pods of ReplicaSet "${r.mine[0].owner!.name}")`]);
    expect(obj(r, 'Deployment', 'web').status).toMatchObject({ replicas: 2, unavailableReplicas: 2, conditions: [{ reason: 'MinimumReplicasUnavailable' }, { reason: 'ReplicaSetUpdated' }] });
  });

  it('cordoned workers: replacements go Pending with the brief\'s message; CoreDNS still fits on the control plane', () => {
    const first = run(deployment('web', 1));
    const web = first.mine[0].name;
    const dns = first.pods.find((p) => p.namespace === 'kube-system')!.name;
    const r = run(deployment('web', 1), ['cordon node/kind-worker', 'cordon node/kind-worker2', `delete pod/default/${web}`, `delete pod/kube-system/${dns}`]);
    expect(r.mine.map((p) => [p.phase, p.pendingReason])).toEqual([
      ['Pending', '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.'],
    ]);
    expect(r.pods.filter((p) => p.namespace === 'kube-system').at(-1)!.nodeName).toBe('kind-control-plane');
  });

  it('hostNetwork pods take the node\'s InternalIP; pasted status.podIP is kept and avoided', () => {
    const pinned = `---
apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec: {nodeName: kind-worker, containers: [{name: c, image: busybox}]}
status: {phase: Running, podIP: 10.244.1.50}
`;
    const r = run(barePod('h', '\n  hostNetwork: true\n  nodeName: kind-worker') + pinned + deployment('web', 40));
    expect(r.pod('h')!.ip).toBe(r.nodes.find((n) => n.name === 'kind-worker')!.internalIP);
    expect(r.pod('pinned')!.ip).toBe('10.244.1.50');
    expect(r.mine.filter((p) => p.ip === '10.244.1.50')).toHaveLength(1);
    expect(new Set(r.mine.filter((p) => !p.hostNetwork).map((p) => p.ip)).size).toBe(41);
  });

  it('IP stickiness: unrelated pods added later or elsewhere change no existing pod', () => {
    const base = run(deployment('web', 4) + barePod('solo'));
    const more = run(deployment('web', 4) + barePod('solo') + deployment('api', 5) + barePod('pinned', '\n  nodeName: kind-control-plane'));
    expect(where(more.mine.filter((p) => !p.name.startsWith('api-') && p.name !== 'pinned'))).toEqual(where(base.mine));
  });
});

describe('pasted cluster state is adopted, not duplicated', () => {
  it('pods whose ReplicaSet was not pasted: that ReplicaSet (same hash) adopts them, keeping names, nodes and IPs', () => {
    const r = run(deployment('web', 3) + pastedPod('web-7d4b9c8f5-abcde', 'kind-worker', '10.244.1.7') + pastedPod('web-7d4b9c8f5-fghij', 'kind-worker2', '10.244.2.9'));
    expect(r.objects.filter((o) => o.kind === 'ReplicaSet' && o.namespace === 'default').map((o) => o.name)).toEqual(['web-7d4b9c8f5']);
    expect(r.mine.map((p) => p.name)).toEqual([expect.stringMatching(/^web-7d4b9c8f5-[a-z0-9]{5}$/), 'web-7d4b9c8f5-abcde', 'web-7d4b9c8f5-fghij']);
    expect(where(r.mine.slice(1))).toEqual(['web-7d4b9c8f5-abcde kind-worker 10.244.1.7', 'web-7d4b9c8f5-fghij kind-worker2 10.244.2.9']);
    expect(obj(r, 'Deployment', 'web').status).toMatchObject({ replicas: 3, readyReplicas: 3 });
  });

  it('a pasted ReplicaSet with the Deployment\'s template is the new one; its orphans and surplus are handled', () => {
    const rs = `---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-7d4b9c8f5
  labels: {app: web, pod-template-hash: 7d4b9c8f5}
  annotations: {deployment.kubernetes.io/revision: "4"}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: 0d2a8f4e-2222-4222-8222-222222222222, controller: true}]
spec:
  replicas: 1
  selector: {matchLabels: {app: web, pod-template-hash: 7d4b9c8f5}}
  template:
    metadata: {labels: {app: web, pod-template-hash: 7d4b9c8f5}}
    spec: {containers: [{name: app, image: nginx:1.27, ports: [{containerPort: 80, name: http}]}]}
`;
    const pods = ['a', 'b', 'c'].map((s, i) => pastedPod(`web-7d4b9c8f5-${s}${s}${s}${s}${s}`, 'kind-worker', `10.244.1.${20 + i}`)).join('');
    const r = run(deployment('web', 2) + rs + pods);
    expect(r.objects.filter((o) => o.kind === 'ReplicaSet' && o.namespace === 'default').map((o) => o.name)).toEqual(['web-7d4b9c8f5']);
    // 3 pasted pods, 2 replicas: the newest surplus pod goes (getPodsToDelete)
    expect(r.mine.map((p) => p.name)).toEqual(['web-7d4b9c8f5-aaaaa', 'web-7d4b9c8f5-bbbbb']);
    expect(obj(r, 'ReplicaSet', 'web-7d4b9c8f5').spec.replicas).toBe(2);
    expect(obj(r, 'Deployment', 'web').metadata.annotations['deployment.kubernetes.io/revision']).toBe('4');
  });

  it('a changed template rolls out: the old ReplicaSet scales to 0, a new one gets the next revision', () => {
    const r = run(deployment('web', 2).replace('nginx:1.27', 'nginx:1.28') + pastedPod('web-7d4b9c8f5-abcde', 'kind-worker', '10.244.1.7'));
    const sets = r.objects.filter((o) => o.kind === 'ReplicaSet' && o.namespace === 'default');
    expect(sets.map((o) => [o.name === 'web-7d4b9c8f5', (o.object as any).spec.replicas])).toEqual([[false, 2]]);
    expect(r.mine.map((p) => p.name)).not.toContain('web-7d4b9c8f5-abcde');
  });

  it('a pasted terminating pod is not ready (serving stays in its Ready condition) and is replaced', () => {
    const r = run(deployment('web', 2) + pastedPod('web-7d4b9c8f5-abcde', 'kind-worker', '10.244.1.7', '\n  deletionTimestamp: "2026-01-01T00:00:00Z"') + pastedPod('web-7d4b9c8f5-fghij', 'kind-worker2', '10.244.2.9'));
    const t = r.pod('web-7d4b9c8f5-abcde')!;
    expect([t.terminating, t.ready, t.phase, t.ip]).toEqual([true, false, 'Running', '10.244.1.7']);
    expect(obj(r, 'Pod', t.name).status.conditions.find((c: any) => c.type === 'Ready').status).toBe('True');
    expect(r.mine).toHaveLength(3);
    expect(obj(r, 'Deployment', 'web').status).toMatchObject({ replicas: 2, readyReplicas: 2 });
  });

  it('scheduling gates and unknown schedulers leave pods Pending without a FailedScheduling warning', () => {
    const r = run(barePod('gated', '\n  schedulingGates: [{name: wait}]') + barePod('foreign', '\n  schedulerName: my-scheduler'));
    expect(r.mine.map((p) => [p.name, p.phase, p.pendingReason])).toEqual([
      ['gated', 'Pending', 'Scheduling is blocked due to non-empty scheduling gates'],
      ['foreign', 'Pending', null],
    ]);
    expect(r.warnings).toEqual(['no scheduler named "my-scheduler" runs in the cluster: pods that ask for it stay Pending']);
  });

  it('a template bound to a missing node: its pods stay Pending (PodGC keeps deleting them), no crash', () => {
    const r = run(deployment('web', 2, '\n      nodeName: gone-node'));
    expect(r.mine.map((p) => [p.phase, p.nodeName, p.ip])).toEqual([['Pending', null, null], ['Pending', null, null]]);
    expect(r.warnings).toEqual(['node "gone-node" does not exist, so the pod garbage collector keeps deleting the pods bound to it (PodGC: node no longer exists)']);
  });

  it('a pod bound to a node that does not exist is deleted by PodGC and replaced', () => {
    const r = run(deployment('web', 1) + pastedPod('web-7d4b9c8f5-abcde', 'gone-node', '10.244.9.7'));
    expect(r.mine.map((p) => p.name)).not.toContain('web-7d4b9c8f5-abcde');
    expect(r.mine).toHaveLength(1);
    expect(r.warnings).toContain('node "gone-node" does not exist, so the pod garbage collector deletes the pod (PodGC: node no longer exists)');
  });
});

describe('runtime actions', () => {
  const text = deployment('web', 2) + barePod('bare', '\n  nodeName: kind-worker');
  const before = run(text);
  const web = before.mine.filter((p) => p.name.startsWith('web-'));
  it.each<{ name: string; actions: string[]; check: (r: ReturnType<typeof run>) => void }>([
    {
      name: 'delete an owned pod: replaced under a new name with a new IP',
      actions: [`delete pod/default/${web[0].name}`],
      check: (r) => {
        expect(r.pod(web[0].name)).toBeUndefined();
        const fresh = r.mine.find((p) => p.name.startsWith('web-') && p.name !== web[1].name)!;
        expect(fresh.name).not.toBe(web[0].name);
        expect(fresh.ip).not.toBe(web[0].ip);
        expect(r.mine.filter((p) => p.name.startsWith('web-'))).toHaveLength(2);
      },
    },
    { name: 'delete a bare pod: gone', actions: ['delete pod/default/bare'], check: (r) => expect(r.pod('bare')).toBeUndefined() },
    { name: 'delete a missing pod: skipped', actions: ['delete pod/default/nope'], check: (r) => expect(r.warnings).toEqual(['action "delete pod/default/nope" skipped: pods "nope" not found']) },
    {
      name: 'delete twice: the second is skipped',
      actions: ['delete pod/default/bare', 'delete pod/default/bare'],
      check: (r) => expect(r.warnings).toEqual(['action "delete pod/default/bare" skipped: pods "bare" not found']),
    },
    {
      name: 'not-ready then ready',
      actions: [`not-ready pod/default/${web[0].name}`],
      check: (r) => {
        expect(r.pod(web[0].name)!.ready).toBe(false);
        expect(obj(r, 'Pod', web[0].name).status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
        expect(obj(r, 'Deployment', 'web').status).toMatchObject({ readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1 });
        expect(run(text, [`not-ready pod/default/${web[0].name}`, `ready pod/default/${web[0].name}`]).pod(web[0].name)!.ready).toBe(true);
      },
    },
    {
      name: 'move an owned pod: its replacement runs on that node even when cordoned or tainted',
      actions: ['cordon node/kind-control-plane', `move pod/default/${web[0].name} node/kind-control-plane`],
      check: (r) => {
        expect(r.pod(web[0].name)).toBeUndefined();
        expect(r.mine.filter((p) => p.nodeName === 'kind-control-plane' && p.name.startsWith('web-'))).toHaveLength(1);
      },
    },
    {
      name: 'move a bare pod: skipped, its node is spec.nodeName',
      actions: ['move pod/default/bare node/kind-worker2'],
      check: (r) => {
        expect(r.pod('bare')!.nodeName).toBe('kind-worker');
        expect(r.warnings).toEqual([`action "move pod/default/bare node/kind-worker2" skipped: pod "bare" declares no controller: a bare pod's node is spec.nodeName in the YAML`]);
      },
    },
    { name: 'move to a missing node: skipped', actions: [`move pod/default/${web[0].name} node/nope`], check: (r) => expect(r.warnings).toEqual([`action "move pod/default/${web[0].name} node/nope" skipped: nodes "nope" not found`]) },
    {
      name: 'cordon: later replacements avoid the node; uncordon lifts it',
      actions: ['cordon node/kind-worker', `delete pod/default/${web[0].name}`, `delete pod/default/${web[1].name}`],
      check: (r) => {
        expect(r.mine.filter((p) => p.name.startsWith('web-')).map((p) => p.nodeName)).toEqual(['kind-worker2', 'kind-worker2']);
        expect(r.pod('bare')!.nodeName).toBe('kind-worker'); // cordon evicts nothing
      },
    },
    {
      name: 'drain: owned pods are evicted and replaced elsewhere; the bare pod stays with kubectl\'s error',
      actions: ['drain node/kind-worker'],
      check: (r) => {
        expect(r.mine.filter((p) => p.name.startsWith('web-')).map((p) => p.nodeName)).toEqual(['kind-worker2', 'kind-worker2']);
        expect(r.pod('bare')!.nodeName).toBe('kind-worker');
        expect(r.nodes.find((n) => n.name === 'kind-worker')!.unschedulable).toBe(true);
        expect(r.warnings).toEqual(['action "drain node/kind-worker": cannot delete Pods that declare no controller (use --force to override): default/bare']);
        expect(r.pods.filter((p) => p.nodeName === 'kind-worker').map((p) => p.name)).toEqual(['bare']);
      },
    },
    {
      // the scheduling queue moves unschedulable pods back to activeQ on node events
      name: 'a pod left Pending by cordons is scheduled once a node is uncordoned',
      actions: ['cordon node/kind-worker', 'cordon node/kind-worker2', `delete pod/default/${web[0].name}`, 'uncordon node/kind-worker2'],
      check: (r) => {
        const fresh = r.mine.find((p) => p.name.startsWith('web-') && p.name !== web[1].name)!;
        expect([fresh.phase, fresh.nodeName, fresh.pendingReason]).toEqual(['Running', 'kind-worker2', null]);
        expect(r.warnings).toEqual([]);
      },
    },
    { name: 'drain a missing node: skipped once', actions: ['drain node/nope'], check: (r) => expect(r.warnings).toEqual(['action "drain node/nope" skipped: nodes "nope" not found']) },
  ])('$name', ({ actions, check }) => {
    check(run(text, actions));
  });

  it('drain filters (kubectl/pkg/drain/filters.go): DaemonSet pods ignored with a warning, mirror pods skipped, other controllers evicted', () => {
    const owned = (name: string, kind: string, extra = '') => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  ownerReferences: [{apiVersion: apps/v1, kind: ${kind}, name: owner, uid: 9a9a9a9a-1111-4111-8111-111111111111, controller: true}]${extra}
spec: {nodeName: kind-worker, containers: [{name: c, image: busybox}]}
`;
    const finished = `---
apiVersion: v1
kind: Pod
metadata: {name: done}
spec: {nodeName: kind-worker, containers: [{name: c, image: busybox}]}
status: {phase: Succeeded}
`;
    const before = run(finished);
    expect([before.pod('done')!.phase, before.pod('done')!.nodeName, before.pod('done')!.ip]).toEqual(['Succeeded', 'kind-worker', null]);
    const r = run(owned('ds-pod', 'DaemonSet') + owned('sts-0', 'StatefulSet') + owned('static', 'Node', '\n  annotations: {kubernetes.io/config.mirror: abc}') + finished, ['drain node/kind-worker']);
    expect(r.mine.map((p) => p.name)).toEqual(['ds-pod', 'static']); // any finished pod can be removed
    expect(r.warnings).toEqual([
      'action "drain node/kind-worker": Warning: ignoring DaemonSet-managed Pods: default/ds-pod',
      'action "drain node/kind-worker": evicted Pods whose controller is not simulated are not recreated: default/sts-0',
    ]);
  });

  it('same actions + seed = same state', () => {
    const acts = ['drain node/kind-worker', `delete pod/default/${web[1].name}`, 'uncordon node/kind-worker'];
    expect(where(run(text, acts).pods)).toEqual(where(run(text, acts).pods));
  });
});

describe('scale', () => {
  it('5,000 nodes and 150,000 pods complete (smoke test, no timing assertion)', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => `  - role: ${i === 0 ? 'control-plane' : 'worker'}`).join('\n');
    let text = `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  podSubnet: 10.0.0.0/8\nnodes:\n${nodes}\n`;
    for (let d = 0; d < 150; d++) text += deployment(`app${d}`, 1000);
    const loaded = loadManifests([{ name: 'big.yaml', text }]);
    const n = buildNodes(loaded, []);
    const w = runWorkloads({ loaded, nodes: n.nodes, actions: [{ verb: 'drain', node: 'kind-worker' }], seed: 1 });
    expect(n.nodes).toHaveLength(5000);
    expect(w.pods.filter((p) => p.namespace === 'default' && p.phase === 'Running')).toHaveLength(150000);
    expect(w.pods.some((p) => p.nodeName === 'kind-worker')).toBe(false);
  }, 300_000);
});
