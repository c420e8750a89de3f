import { describe, it, expect } from 'vitest';
import { computeHash, deploymentStatus, equalIgnoreHash, newReplicaSetObject, resolveFenceposts, safeEncodeString, type RSCounts } from './deployment-controller';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
const deployment = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'd-uid', annotations: { team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '7' } },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, ...spec },
});

describe('pod-template-hash (controller.ComputeHash + rand.SafeEncodeString)', () => {
  it.each([
    // SafeEncodeString maps each rune to alphanums[rune % 27]: digits '0'..'9' (48..57) → 4 5 6 7 8 9 b c d f
    { s: '0123456789', want: '456789bcdf' },
    // a real label, pod-template-hash: 775855699b, is the encoding of Sum32() = 3314112556
    { s: '3314112556', want: '775855699b' },
  ])('SafeEncodeString($s)', ({ s, want }) => {
    expect(safeEncodeString(s)).toBe(want);
  });

  it('the hash is a SafeEncodeString of a uint32 in decimal: 1–10 characters from "456789bcdf"', () => {
    for (let i = 0; i < 50; i++) expect(computeHash({ ...template, metadata: { labels: { app: `a${i}` } } }, null)).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it('stable under key order and absent-vs-empty fields; changes with the template and with collisionCount', () => {
    const h = computeHash(template, null);
    expect(computeHash({ spec: template.spec, metadata: { labels: { app: 'web' }, annotations: {} } }, null)).toBe(h);
    expect(computeHash({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } }, null)).not.toBe(h);
    expect(computeHash(template, 0)).not.toBe(h); // a non-nil collisionCount adds 8 bytes even when 0
    expect(computeHash(template, 1)).not.toBe(computeHash(template, 0));
  });

  /** What computeHash hashes, written out: FNV-32a over the UTF-8 of JSON.stringify(canonical(t) ?? {}),
   *  the collision count as 8 little-endian bytes, then SafeEncodeString of the decimal sum. */
  const reference = (t: unknown, collisionCount: number | null): string => {
    const canonical = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.length ? v.map(canonical) : undefined;
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v).sort()) {
          const x = canonical((v as Record<string, unknown>)[k]);
          if (x !== undefined) out[k] = x;
        }
        return Object.keys(out).length ? out : undefined;
      }
      return v === null || v === '' ? undefined : v;
    };
    let h = 0x811c9dc5;
    const bytes = [...new TextEncoder().encode(JSON.stringify(canonical(t) ?? {}))];
    if (collisionCount !== null) bytes.push(collisionCount & 255, (collisionCount >>> 8) & 255, (collisionCount >>> 16) & 255, collisionCount >>> 24, 0, 0, 0, 0);
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return safeEncodeString(String(h));
  };
  class Plain {
    a = 'x';
    b = { c: 1 };
  }
  it.each<[string, unknown]>([
    ['a defaulted template', { metadata: { labels: { app: 'app-0' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }], resources: {}, terminationMessagePath: '/dev/termination-log' }], dnsPolicy: 'ClusterFirst', securityContext: {}, terminationGracePeriodSeconds: 30 } }],
    ['array-index keys go first, ascending (as JSON enumerates them)', { b: 1, '10': 'x', '2': 'y', a: { '0': [], z: 0 } }],
    ['dropped values: null, "", empty lists and maps, and maps of only those', { a: null, b: '', c: [], d: {}, e: { f: { g: '' } }, k: 'v' }],
    ['list elements canonical drops become null', { l: [null, '', {}, [], 1, 'x'] }],
    ['numbers: integers, negatives, large, fractions', { a: 0, b: -12, c: 1e12, d: 1.5, e: -0, f: 999999999 }],
    ['escaped and non-ASCII strings (UTF-8 bytes, surrogate pairs)', { s: 'a"b\\c\n', t: 'é', u: '😀', v: '\ud800' }],
    ['booleans', { t: true, f: false }],
    ['an object that is not plain data', { p: new Plain(), d: new Date(0) }],
    ['everything dropped hashes as {}', { a: { b: [] } }],
  ])('computeHash is the hash of the canonical JSON: %s', (_n, t) => {
    for (const c of [null, 0, 7, 2 ** 31]) expect(computeHash(t, c)).toBe(reference(t, c));
  });

  it('EqualIgnoreHash ignores only the pod-template-hash label', () => {
    expect(equalIgnoreHash({ ...template, metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } } }, template)).toBe(true);
    expect(equalIgnoreHash({ ...template, metadata: { labels: { app: 'web', tier: 'x' } } }, template)).toBe(false);
  });
});

describe('resolveFenceposts (deployment util)', () => {
  it.each([
    { name: 'defaults 25%/25% of 3: surge rounds up, unavailable down', spec: { replicas: 3 }, want: { surge: 1, unavailable: 0 } },
    { name: '25% of 10', spec: { replicas: 10 }, want: { surge: 3, unavailable: 2 } },
    { name: 'both 0 → maxUnavailable 1', spec: { replicas: 3, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }, want: { surge: 0, unavailable: 1 } },
    { name: 'Recreate has no surge', spec: { replicas: 3, strategy: { type: 'Recreate' } }, want: { surge: 0, unavailable: 0 } },
    { name: 'MaxUnavailable is capped at replicas', spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 5 } } }, want: { surge: 1, unavailable: 2 } },
  ])('$name', ({ spec, want }) => {
    expect(resolveFenceposts(spec)).toEqual(want);
  });
});

describe('newReplicaSetObject (sync.go getNewReplicaSet)', () => {
  const rs = newReplicaSetObject(deployment(), '5bccfdbbb7', 'rs-uid', 1);
  it('name, labels, selector and template carry pod-template-hash', () => {
    expect(rs.metadata).toMatchObject({ name: 'web-5bccfdbbb7', namespace: 'default', uid: 'rs-uid', generation: 1, labels: { app: 'web', 'pod-template-hash': '5bccfdbbb7' } });
    expect(rs.spec).toMatchObject({
      replicas: 3,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '5bccfdbbb7' } },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': '5bccfdbbb7' } }, spec: template.spec },
    });
  });
  it('annotations: copied minus annotationsToSkip, plus revision, desired-replicas and max-replicas (replicas + maxSurge)', () => {
    expect(rs.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
      team: 'a',
    });
  });
  it('a controller ownerReference to the Deployment', () => {
    expect(rs.metadata?.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true }]);
  });
});

describe('deploymentStatus (sync.go calculateStatus, progress.go syncRolloutStatus)', () => {
  const c = (specReplicas: number, replicas: number, ready: number): RSCounts => ({ specReplicas, replicas, ready, available: ready });
  const conds = (s: Record<string, unknown>) => (s.conditions as Record<string, string>[]).map((x) => `${x.type}=${x.status}/${x.reason}: ${x.message}`);

  it('complete rollout: counts, MinimumReplicasAvailable, NewReplicaSetAvailable', () => {
    const s = deploymentStatus(deployment(), [c(3, 3, 3)], { name: 'web-abc', counts: c(3, 3, 3) }, { completed: true, collisionCount: null });
    expect(s).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(s).not.toHaveProperty('unavailableReplicas'); // omitempty
    expect(conds(s)).toEqual([
      'Available=True/MinimumReplicasAvailable: Deployment has minimum availability.',
      'Progressing=True/NewReplicaSetAvailable: ReplicaSet "web-abc" has successfully progressed.',
    ]);
  });

  it('pods pending: unavailableReplicas from spec replicas − available; Available=False; still progressing', () => {
    const s = deploymentStatus(deployment(), [c(3, 3, 1)], { name: 'web-abc', counts: c(3, 3, 1) }, { completed: false, collisionCount: 2 });
    expect(s).toMatchObject({ replicas: 3, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 2, collisionCount: 2 });
    expect(conds(s)).toEqual([
      'Available=False/MinimumReplicasUnavailable: Deployment does not have minimum availability.',
      'Progressing=True/ReplicaSetUpdated: ReplicaSet "web-abc" is progressing.',
    ]);
  });

  it('available ≥ replicas − maxUnavailable is enough for Available=True', () => {
    const s = deploymentStatus(deployment({ replicas: 10 }), [c(10, 10, 8)], { name: 'web-abc', counts: c(10, 10, 8) }, { completed: true, collisionCount: null });
    expect(conds(s)[0]).toBe('Available=True/MinimumReplicasAvailable: Deployment has minimum availability.');
  });

  it('paused: Progressing Unknown/DeploymentPaused', () => {
    const s = deploymentStatus(deployment({ paused: true }), [], null, { completed: false, collisionCount: null });
    expect(conds(s)[1]).toBe('Progressing=Unknown/DeploymentPaused: Deployment is paused');
  });
});
