// Models the deployment controller's steady state (pkg/controller/deployment: sync.go getNewReplicaSet/calculateStatus, progress.go syncRolloutStatus, util/deployment_util.go; controller.ComputeHash in pkg/controller/controller_utils.go). Leaves out: rollout pacing (old ReplicaSets go straight to 0, the new one straight to spec.replicas), rollbacks, revisionHistoryLimit cleanup, the progress deadline timing out (simulated time does not advance).
import { CLUSTER_EPOCH } from '../model/clock';
import type { KubeObject, OwnerReference } from '../model/types';
import { objectKey } from '../model/types';
import { deterministicUID } from '../model/uid';
import type { StoredObject } from '../manifest/registry';
import { rec } from '../manifest/validate/types';
import { selectorMatches } from '../manifest/validate/meta';
import { semanticEqual } from '../manifest/validate/workloads';
import { replicaSetRec, type PodRec, type RSRec } from './replicaset-controller';
import { sortedKeys, spreadOf } from './plain-objects';
import { computeHash } from './template-hash';

export { computeHash, safeEncodeString } from './template-hash';

type R = Record<string, unknown>;

export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** util.annotationsToSkip: what copyDeploymentAnnotationsToReplicaSet leaves behind. */
const SKIP_COPY = new Set([
  LAST_APPLIED,
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deployment.kubernetes.io/error-selector-overlapping-with',
  'deployment.kubernetes.io/selector-updated-at',
]);

/** util.EqualIgnoreHash: templates equal once the pod-template-hash label is dropped. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  const strip = (t: unknown): unknown => {
    const r = rec(t);
    const meta = rec(r?.metadata);
    if (!r || !meta || !rec(meta.labels)) return t;
    const labels = { ...rec(meta.labels) };
    delete labels[POD_TEMPLATE_HASH];
    return { ...r, metadata: { ...meta, labels } };
  };
  return semanticEqual(strip(a), strip(b));
}

const percents = new Map<string, number | null>();
/** "25%" → 25 (null: not a percentage); a handful of distinct strings, parsed once. */
function percent(v: string): number | null {
  let p = percents.get(v);
  if (p === undefined) {
    const m = /^(\d+)%$/.exec(v);
    p = m ? Number(m[1]) : null;
    if (percents.size > 1000) percents.clear();
    percents.set(v, p);
  }
  return p;
}

/** intstr.GetScaledValueFromIntOrPercent */
function scaled(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const pct = typeof v === 'string' ? percent(v) : null;
  if (pct === null) return 0;
  const x = (pct * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** util.ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both 0 → maxUnavailable 1. */
export function resolveFenceposts(spec: R): { surge: number; unavailable: number } {
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const strategy = rec(spec.strategy);
  if (strategy?.type === 'Recreate') return { surge: 0, unavailable: 0 };
  const ru = rec(strategy?.rollingUpdate) ?? {};
  const surge = scaled(ru.maxSurge ?? '25%', replicas, true);
  let unavailable = scaled(ru.maxUnavailable ?? '25%', replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: replicas === 0 ? 0 : Math.min(unavailable, replicas) };
}

/** Go marshals map[string]string with sorted keys. */
export function sortedMap(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of sortedKeys(m)) out[k] = m[k];
  return out;
}

const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  const r = rec(v) ?? {};
  for (const k of Object.keys(r)) if (typeof r[k] === 'string') out[k] = r[k] as string;
  return out;
};

export function revisionOf(obj: KubeObject): number {
  const v = obj.metadata?.annotations?.[REVISION];
  return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : 0;
}

export function ownerRef(apiVersion: string, kind: string, obj: KubeObject): OwnerReference {
  return { apiVersion, kind, name: obj.metadata?.name ?? '', uid: obj.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/**
 * The ReplicaSet getNewReplicaSet creates: `<deployment>-<hash>`, the template's labels plus
 * pod-template-hash on the RS, its selector and its template, the deployment's annotations (minus the
 * skipped ones) and the revision and replica annotations.
 */
export function newReplicaSetObject(d: KubeObject, hash: string, uid: string, revision: number): KubeObject {
  const spec = rec(d.spec) ?? {};
  const template = rec(spec.template) ?? {};
  const tmeta = rec(template.metadata) ?? {};
  const labels = sortedMap(spreadOf(strMap(tmeta.labels), { [POD_TEMPLATE_HASH]: hash }));
  const selector = rec(spec.selector) ?? {};
  const annotations: Record<string, string> = {};
  const given = strMap(d.metadata?.annotations);
  for (const k of Object.keys(given)) if (!SKIP_COPY.has(k)) annotations[k] = given[k];
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  // The revision, then withReplicaAnnotations' two (written here at once: the map is sorted below, and
  // SKIP_COPY keeps all three out of the copied ones, so the order they are added in does not show).
  annotations[REVISION] = String(revision);
  annotations[DESIRED_REPLICAS] = String(replicas);
  annotations[MAX_REPLICAS] = String(replicas + resolveFenceposts(spec).surge);
  const rsSpec: R = { replicas };
  if (typeof spec.minReadySeconds === 'number' && spec.minReadySeconds > 0) rsSpec.minReadySeconds = spec.minReadySeconds;
  rsSpec.selector = spreadOf(selector, { matchLabels: sortedMap(spreadOf(strMap(selector.matchLabels), { [POD_TEMPLATE_HASH]: hash })) });
  rsSpec.template = spreadOf(template, { metadata: spreadOf(tmeta, { labels }) });
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata?.name}-${hash}`,
      namespace: d.metadata?.namespace,
      uid,
      generation: 1,
      creationTimestamp: CLUSTER_EPOCH,
      labels,
      annotations: sortedMap(annotations),
      ownerReferences: [ownerRef('apps/v1', 'Deployment', d)],
    },
    spec: rsSpec,
  };
}

/** util.SetReplicasAnnotations as scaling writes them, and spec.replicas. */
export function withReplicaAnnotations(rs: KubeObject, d: KubeObject, replicas?: number, revision?: number): KubeObject {
  const spec = rec(d.spec) ?? {};
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const annotations = spreadOf<Record<string, string>>(
    strMap(rs.metadata?.annotations),
    { [DESIRED_REPLICAS]: String(desired), [MAX_REPLICAS]: String(desired + resolveFenceposts(spec).surge) },
    revision !== undefined ? { [REVISION]: String(revision) } : null,
  );
  return spreadOf<KubeObject>(rs, {
    metadata: spreadOf(rs.metadata, { annotations: sortedMap(annotations) }),
    spec: spreadOf(rec(rs.spec) ?? {}, replicas !== undefined ? { replicas } : null),
  });
}

export interface RSCounts {
  specReplicas: number;
  replicas: number;
  ready: number;
  available: number;
}

const condition = (type: string, status: string, reason: string, message: string): R => ({
  type,
  status,
  lastUpdateTime: CLUSTER_EPOCH,
  lastTransitionTime: CLUSTER_EPOCH,
  reason,
  message,
});

/**
 * calculateStatus + syncRolloutStatus: counts over all ReplicaSets, Available from
 * availableReplicas ≥ replicas − maxUnavailable, Progressing from whether the rollout ever completed.
 */
export function deploymentStatus(d: KubeObject, all: RSCounts[], newRS: { name: string; counts: RSCounts } | null, opts: { completed: boolean; collisionCount: number | null }): R {
  const spec = rec(d.spec) ?? {};
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const sum = (f: (c: RSCounts) => number) => all.reduce((a, c) => a + f(c), 0);
  const available = sum((c) => c.available);
  const unavailable = Math.max(0, sum((c) => c.specReplicas) - available);
  const gen = typeof d.metadata?.generation === 'number' ? d.metadata.generation : 1;
  const availableOK = available >= desired - resolveFenceposts(spec).unavailable;
  const name = newRS ? `ReplicaSet "${newRS.name}"` : `Deployment "${d.metadata?.name}"`;
  const progressing =
    spec.paused === true
      ? condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused')
      : opts.completed
        ? condition('Progressing', 'True', 'NewReplicaSetAvailable', `${name} has successfully progressed.`)
        : condition('Progressing', 'True', 'ReplicaSetUpdated', `${name} is progressing.`);
  // Zero counts are omitted (omitempty); assigned in the wire order rather than spread from small objects.
  const status: R = { observedGeneration: gen };
  const replicas = sum((c) => c.replicas);
  if (replicas !== 0) status.replicas = replicas;
  const updated = newRS?.counts.replicas ?? 0;
  if (updated !== 0) status.updatedReplicas = updated;
  const ready = sum((c) => c.ready);
  if (ready !== 0) status.readyReplicas = ready;
  if (available !== 0) status.availableReplicas = available;
  if (unavailable !== 0) status.unavailableReplicas = unavailable;
  status.conditions = [
    availableOK
      ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
    progressing,
  ];
  if (opts.collisionCount !== null) status.collisionCount = opts.collisionCount;
  return status;
}

/**
 * syncRolloutStatus never leaves NewReplicaSetAvailable for the same ReplicaSet (isCompleteDeployment):
 * pasted status that says the rollout completed keeps saying so.
 */
export function pastedRolloutComplete(d: KubeObject, newRS: string): boolean {
  const conds = rec(d.status)?.conditions;
  return Array.isArray(conds) && conds.some((c) => rec(c)?.type === 'Progressing' && rec(c)?.reason === 'NewReplicaSetAvailable' && rec(c)?.message === `ReplicaSet "${newRS}" has successfully progressed.`);
}

/** util.DeploymentComplete */
export function deploymentComplete(d: KubeObject, all: RSCounts[], newRS: RSCounts | null): boolean {
  const desired = typeof rec(d.spec)?.replicas === 'number' ? (rec(d.spec)!.replicas as number) : 1;
  const replicas = all.reduce((a, c) => a + c.replicas, 0);
  const available = all.reduce((a, c) => a + c.available, 0);
  return (newRS?.replicas ?? 0) === desired && replicas === desired && available === desired;
}

// ---- claiming ReplicaSets and picking the new one (getReplicaSetsForDeployment, FindNewReplicaSet) ----

export interface DeployRec {
  stored: StoredObject;
  object: KubeObject;
  namespace: string;
  name: string;
  index: number;
  newRS: RSRec | null;
  allRS: RSRec[];
  revision: number;
  collisionCount: number | null;
}

function adoptRS(rs: RSRec, d: KubeObject): void {
  const meta = rs.object.metadata ?? {};
  rs.object = { ...rs.object, metadata: { ...meta, ownerReferences: [...(Array.isArray(meta.ownerReferences) ? meta.ownerReferences : []), ownerRef('apps/v1', 'Deployment', d)] } };
  rs.ownerRef = ownerRef('apps/v1', 'Deployment', d);
}

/**
 * For each Deployment (creation order): claim its ReplicaSets (controller ref by name, or orphans its
 * selector matches), find the one whose template equals its own, and otherwise create
 * `<name>-<hash>`, bumping status.collisionCount while that name is taken. Pasted pods whose
 * ReplicaSet was not pasted (controller ref `<name>-<h>`, label pod-template-hash=h) get that
 * ReplicaSet back, so they are adopted instead of duplicated. Old ReplicaSets scale to 0.
 */
export function planDeployments(
  deployments: { stored: StoredObject; index: number }[],
  manifestRS: RSRec[],
  pods: PodRec[],
  seed: number,
): { deployments: DeployRec[]; created: { rs: RSRec; index: number }[] } {
  const rsByNs = new Map<string, RSRec[]>();
  for (const rs of manifestRS) pushTo(rsByNs, rs.namespace, rs);
  const refPodsByNs = new Map<string, PodRec[]>();
  for (const p of pods) if (p.alive && p.ownerRef?.kind === 'ReplicaSet') pushTo(refPodsByNs, p.namespace, p);
  const out: DeployRec[] = [];
  const created: { rs: RSRec; index: number }[] = [];
  for (const { stored, index } of deployments) {
    const d = stored.object;
    const ns = stored.namespace ?? 'default';
    const spec = rec(d.spec) ?? {};
    const nsRS = rsByNs.get(ns) ?? [];
    const owned = nsRS.filter((rs) => {
      if (rs.deployment) return false;
      const mine = rs.ownerRef ? rs.ownerRef.kind === 'Deployment' && rs.ownerRef.name === stored.name : selectorMatches(spec.selector, rs.labels);
      if (mine && !rs.ownerRef) adoptRS(rs, d);
      if (mine) rs.deployment = stored.name;
      return mine;
    });
    let newRS = owned.find((rs) => equalIgnoreHash(rs.template, spec.template)) ?? null;
    const old = owned.filter((rs) => rs !== newRS);
    const nextRevision = Math.max(0, ...old.map((rs) => revisionOf(rs.object))) + 1;
    let collisionCount = typeof rec(d.status)?.collisionCount === 'number' ? (rec(d.status)!.collisionCount as number) : null;
    const paused = spec.paused === true;
    const createdNow = !newRS && !paused;
    if (createdNow) {
      const taken = nsRS.length ? new Set(nsRS.map((rs) => rs.name)) : NO_NAMES;
      let hash: string | null = owned.length === 0 ? pastedHash(stored.name, spec, refPodsByNs.get(ns) ?? [], taken) : null;
      const uid = hash ? pods.find((p) => p.namespace === ns && p.ownerRef?.name === `${stored.name}-${hash}`)?.ownerRef?.uid : undefined;
      for (let i = 0; !hash && i < 100; i++) {
        const h = computeHash(spec.template, collisionCount);
        if (!taken.has(`${stored.name}-${h}`)) hash = h;
        else collisionCount = (collisionCount ?? 0) + 1;
      }
      const name = `${stored.name}-${hash}`;
      const obj = newReplicaSetObject(d, hash!, uid || deterministicUID(`${seed}/${objectKey('ReplicaSet', ns, name)}`), nextRevision);
      newRS = replicaSetRec(obj, null, seed);
      newRS.deployment = stored.name;
      created.push({ rs: newRS, index });
    }
    let revision = nextRevision;
    if (newRS) {
      // A ReplicaSet created above carries nextRevision already.
      revision = createdNow ? nextRevision : Math.max(revisionOf(newRS.object), nextRevision);
      if (!paused) {
        newRS.desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
        // A ReplicaSet created just above already has these replicas and annotations (same revision).
        if (!createdNow) newRS.object = withReplicaAnnotations(newRS.object, d, newRS.desired, revision);
        for (const rs of old) {
          rs.desired = 0;
          rs.object = withReplicaAnnotations(rs.object, d, 0);
        }
      }
    }
    const allRS = newRS && !owned.includes(newRS) ? [...owned, newRS] : owned;
    out.push({ stored, object: d, namespace: ns, name: stored.name, index, newRS, allRS, revision, collisionCount });
  }
  return { deployments: out, created };
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** Appends to the list under `key` (in place: copying the list each time is quadratic). */
function pushTo<T>(m: Map<string, T[]>, key: string, v: T): void {
  const l = m.get(key);
  if (l) l.push(v);
  else m.set(key, [v]);
}

const containerImages = (spec: unknown): string =>
  JSON.stringify((Array.isArray(rec(spec)?.containers) ? (rec(spec)!.containers as unknown[]) : []).map((c) => [rec(c)?.name, rec(c)?.image]));

/**
 * Pasted pods whose ReplicaSet was not pasted (controller ref `<deployment>-<h>`, label
 * pod-template-hash=h, selected by the Deployment). A group whose containers (names, images) are the
 * template's is the current ReplicaSet: the biggest such group wins. Groups from another template
 * belonged to an older ReplicaSet, which the rollout scaled to 0: those pods are gone.
 */
function pastedHash(deployment: string, spec: Record<string, unknown>, refPods: PodRec[], taken: ReadonlySet<string>): string | null {
  if (refPods.length === 0) return null;
  const want = containerImages(rec(spec.template)?.spec);
  const groups = new Map<string, PodRec[]>();
  for (const p of refPods) {
    const h = p.labels[POD_TEMPLATE_HASH];
    const rsName = p.ownerRef!.name;
    if (!h || rsName !== `${deployment}-${h}` || taken.has(rsName) || !selectorMatches(spec.selector, p.labels)) continue;
    pushTo(groups, h, p);
  }
  let best: string | null = null;
  for (const [h, pods] of groups) if (containerImages(pods[0].spec) === want && (best === null || pods.length > groups.get(best)!.length)) best = h;
  for (const [h, pods] of groups) if (h !== best) for (const p of pods) p.alive = false;
  return best;
}
