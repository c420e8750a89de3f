import { describe, it, expect } from 'vitest';
import { admitPodSpec, createPodIPAllocator, lazyPodObjects, normalizeImage, podStatus, qosClass, type KubeletView } from './kubelet';

const ip = (r: { ip: string } | { error: string }) => ('ip' in r ? r.ip : r.error);

describe('host-local IPAM on the node podCIDR (kindnet)', () => {
  it('never hands out the network address, the gateway .1 or the broadcast address', () => {
    const a = createPodIPAllocator(1);
    const got = Array.from({ length: 253 }, (_, i) => ip(a.allocate(`Pod/default/p${i}`, '10.244.1.0/24')));
    expect(new Set(got).size).toBe(253);
    for (const x of ['10.244.1.0', '10.244.1.1', '10.244.1.255']) expect(got).not.toContain(x);
    // host-local allocator.Get when the range is exhausted
    expect(a.allocate('Pod/default/one-more', '10.244.1.0/24')).toEqual({ error: 'failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254' });
  });

  it('sticky: a pod keeps its address when an unrelated pod is allocated first', () => {
    const alone = createPodIPAllocator(1).allocate('Pod/default/web-1', '10.244.1.0/24');
    const b = createPodIPAllocator(1);
    b.allocate('Pod/other/unrelated', '10.244.2.0/24');
    expect(b.allocate('Pod/default/web-1', '10.244.1.0/24')).toEqual(alone);
  });

  it('pinned (pasted) addresses are avoided by automatic picks', () => {
    const first = ip(createPodIPAllocator(3).allocate('Pod/default/a', '10.244.1.0/24'));
    const a = createPodIPAllocator(3);
    a.reserve(first);
    expect(ip(a.allocate('Pod/default/a', '10.244.1.0/24'))).not.toBe(first);
  });

  it('a released address goes back only when nothing else is left (host-local walks on)', () => {
    const a = createPodIPAllocator(1);
    const x = ip(a.allocate('Pod/default/x', '10.244.1.0/30')); // /30: one usable host, .2
    expect(x).toBe('10.244.1.2');
    a.release(x);
    expect(ip(a.allocate('Pod/default/y', '10.244.1.0/30'))).toBe('10.244.1.2');
    const b = createPodIPAllocator(1);
    const p = ip(b.allocate('Pod/default/p', '10.244.1.0/24'));
    b.release(p);
    expect(ip(b.allocate('Pod/default/p', '10.244.1.0/24'))).not.toBe(p);
  });
});

describe('create-time admission defaults', () => {
  it.each([
    // plugin/pkg/admission/serviceaccount: serviceAccountName "default"; v1 mirrors it to serviceAccount
    { name: 'service account', spec: {}, want: { serviceAccountName: 'default', serviceAccount: 'default' } },
    { name: 'named service account kept', spec: { serviceAccountName: 'coredns' }, want: { serviceAccountName: 'coredns', serviceAccount: 'coredns' } },
    // plugin/pkg/admission/priority: no class → 0, PreemptLowerPriority
    { name: 'priority without a class', spec: {}, want: { priority: 0, preemptionPolicy: 'PreemptLowerPriority' } },
    { name: 'system-cluster-critical', spec: { priorityClassName: 'system-cluster-critical' }, want: { priority: 2000000000 } },
    { name: 'system-node-critical', spec: { priorityClassName: 'system-node-critical' }, want: { priority: 2000001000 } },
  ])('$name', ({ spec, want }) => {
    expect(admitPodSpec(spec)).toMatchObject(want);
  });

  it('DefaultTolerationSeconds adds not-ready/unreachable NoExecute for 300s unless already tolerated', () => {
    expect(admitPodSpec({}).tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(admitPodSpec({ tolerations: [{ operator: 'Exists' }] }).tolerations).toEqual([{ operator: 'Exists' }]);
    const own = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 };
    expect(admitPodSpec({ tolerations: [own] }).tolerations).toEqual([own, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
  });

  it.each([
    // pkg/apis/core/helper/qos GetPodQOS
    { name: 'no requests or limits', spec: { containers: [{ name: 'a' }] }, want: 'BestEffort' },
    { name: 'limits only (requests default to them)', spec: { containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } } }] }, want: 'Guaranteed' },
    { name: 'requests below limits', spec: { containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } } }] }, want: 'Burstable' },
    { name: 'a memory request only', spec: { containers: [{ resources: { requests: { memory: '64Mi' } } }] }, want: 'Burstable' },
  ])('qosClass: $name', ({ spec, want }) => {
    expect(qosClass(spec)).toBe(want);
  });
});

describe('normalizeImage (what containerd reports in containerStatuses[].image)', () => {
  it.each([
    { image: 'nginx', want: 'docker.io/library/nginx:latest' },
    { image: 'nginx:1.27', want: 'docker.io/library/nginx:1.27' },
    { image: 'bitnami/redis:7', want: 'docker.io/bitnami/redis:7' },
    { image: 'registry.k8s.io/coredns/coredns:v1.12.0', want: 'registry.k8s.io/coredns/coredns:v1.12.0' },
    { image: 'localhost:5000/app', want: 'localhost:5000/app:latest' },
  ])('$image', ({ image, want }) => {
    expect(normalizeImage(image).image).toBe(want);
  });
});

describe('podStatus (kubelet generateAPIPodStatus)', () => {
  const spec = { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] };
  const view: KubeletView = { uid: 'u1', hostIP: '172.18.0.3', podIP: '10.244.1.5', ready: true, unschedulable: null, schedulingGated: false, sandboxError: null };

  it('running and ready: the five conditions in kubelet order, addresses, container statuses', () => {
    const s = podStatus({ spec }, view);
    expect(s.phase).toBe('Running');
    expect((s.conditions as { type: string; status: string }[]).map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(s).toMatchObject({ hostIP: '172.18.0.3', hostIPs: [{ ip: '172.18.0.3' }], podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], startTime: '2026-01-01T00:00:00Z', qosClass: 'BestEffort' });
    const [web] = s.containerStatuses as Record<string, unknown>[];
    expect(web).toMatchObject({ name: 'web', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27', state: { running: { startedAt: '2026-01-01T00:00:00Z' } } });
    expect(web.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(web.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(podStatus({ spec }, view)).toEqual(s); // deterministic
  });

  it('not ready: Ready and ContainersReady False with ContainersNotReady and the container list', () => {
    const s = podStatus({ spec }, { ...view, ready: false });
    const ready = (s.conditions as Record<string, unknown>[]).find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web side]' });
    expect((s.containerStatuses as { ready: boolean }[]).map((c) => c.ready)).toEqual([false, false]);
  });

  it('unschedulable: Pending with PodScheduled=False/Unschedulable and the scheduler message only', () => {
    expect(podStatus({ spec }, { ...view, hostIP: null, podIP: null, unschedulable: '0/1 nodes are available: …' })).toEqual({
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'Unschedulable', message: '0/1 nodes are available: …' }],
      qosClass: 'BestEffort',
    });
  });

  it('scheduling gates: PodScheduled=False/SchedulingGated (pod strategy PrepareForCreate)', () => {
    const s = podStatus({ spec }, { ...view, hostIP: null, podIP: null, schedulingGated: true });
    expect((s.conditions as Record<string, unknown>[])[0]).toMatchObject({ reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' });
  });

  it('pasted container identities and startTime are kept', () => {
    const pasted = { startTime: '2025-06-01T10:00:00Z', containerStatuses: [{ name: 'web', containerID: 'containerd://abc', imageID: 'docker.io/library/nginx@sha256:def', restartCount: 2 }] };
    const s = podStatus({ spec, status: pasted }, view);
    expect(s.startTime).toBe('2025-06-01T10:00:00Z');
    expect((s.containerStatuses as Record<string, unknown>[])[0]).toMatchObject({ containerID: 'containerd://abc', imageID: 'docker.io/library/nginx@sha256:def', restartCount: 2 });
  });
});

describe('lazyPodObjects', () => {
  it('looks like plain data to JSON, spreads and structuredClone, and builds parts on read', () => {
    let calls = 0;
    const make = lazyPodObjects<{ name: string }>({ metadata: (s) => ({ name: s.name }), spec: () => ({ nodeName: 'n' }), status: () => ({ phase: 'Running', n: ++calls }) });
    const o = make({ name: 'p' });
    expect(JSON.parse(JSON.stringify(o))).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'n' }, status: { phase: 'Running', n: 1 } });
    expect(Object.keys(o)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect({ ...o }.status).toEqual({ phase: 'Running', n: 2 }); // the builder caches, not the object
    expect(make({ name: 'q' }).metadata).toEqual({ name: 'q' });
    expect(structuredClone(o).metadata).toEqual({ name: 'p' });
    o.status = { phase: 'Failed' };
    expect(o.status).toEqual({ phase: 'Failed' });
  });
});
