// Models the deployment controller's steady state (pkg/controller/deployment: sync.go getNewReplicaSet/calculateStatus, progress.go syncRolloutStatus, util/deployment_util.go; controller.ComputeHash in pkg/controller/controller_utils.go). Leaves out: rollout pacing (old ReplicaSets go straight to 0, the new one straight to spec.replicas), rollbacks, revisionHistoryLimit cleanup, the progress deadline timing out (simulated time does not advance).
import { CLUSTER_EPOCH } from '../model/clock';
import type { KubeObject, ObjectKey, OwnerReference } from '../model/types';
import { objectKey } from '../model/types';
import { objectUID } from './pod-names';
import type { StoredObject } from '../manifest/registry';
import { rec } from '../manifest/validate/types';
import { selectorMatches } from '../manifest/validate/meta';
import { semanticEqual } from '../manifest/validate/workloads';
import { replicaSetStatus, rsRecord, type PodRec, type RSPodCounts, type RSRec } from './replicaset-controller';
import { lazyWireObjects, sortedKeys, sortStrings, spreadOf } from './plain-objects';
import { computeHash } from './template-hash';

export { computeHash, safeEncodeString } from './template-hash';
export { deploymentComplete, deploymentStatus, pastedRolloutComplete, resolveFenceposts, type RSCounts } from './deployment-status';
import { resolveFenceposts } from './deployment-status';

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

/** Go marshals map[string]string with sorted keys. */
export function sortedMap(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of sortedKeys(m)) out[k] = m[k];
  return out;
}

/** spreadOf(selector, { matchLabels }) without the second object. */
function withMatchLabels(selector: R, matchLabels: Record<string, string>): R {
  const out = spreadOf<R>(selector);
  out.matchLabels = matchLabels;
  return out;
}

/**
 * sortedMap(spreadOf(strMap(v), {"pod-template-hash": hash})) in one object: v's string labels plus the
 * hash, keys sorted (strMap keeps no "__proto__" key: assigning one sets nothing).
 */
function withHashLabel(v: unknown, hash: string): Record<string, string> {
  const r = rec(v);
  const out: Record<string, string> = {};
  if (!r) {
    out[POD_TEMPLATE_HASH] = hash;
    return out;
  }
  // The string labels in sorted order, the hash written where its key sorts (no second key list).
  const keys = Object.keys(r);
  let n = 0;
  for (let i = 0; i < keys.length; i++) if (typeof r[keys[i]] === 'string' && keys[i] !== '__proto__' && keys[i] !== POD_TEMPLATE_HASH) keys[n++] = keys[i];
  keys.length = n;
  sortStrings(keys);
  let written = false;
  for (let i = 0; i < n; i++) {
    if (!written && keys[i] > POD_TEMPLATE_HASH) {
      out[POD_TEMPLATE_HASH] = hash;
      written = true;
    }
    out[keys[i]] = r[keys[i]] as string;
  }
  if (!written) out[POD_TEMPLATE_HASH] = hash;
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
  const labels = withHashLabel(tmeta.labels, hash);
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
  rsSpec.selector = spreadOf(selector, { matchLabels: withHashLabel(selector.matchLabels, hash) });
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

/**
 * The record of the ReplicaSet getNewReplicaSet creates, made from the Deployment without writing the
 * ReplicaSet itself: the same fields as replicaSetRec(newReplicaSetObject(d, hash, uid, revision)), with
 * `object` (and the output object, createdReplicaSetOutput) built by newReplicaSetObject on first read.
 */
export function createdReplicaSetRec(d: KubeObject, hash: string, uid: string, revision: number, seed: number, name = `${d.metadata?.name}-${hash}`, key?: ObjectKey): RSRec {
  const spec = rec(d.spec) ?? {};
  const template = rec(spec.template) ?? {};
  const tmeta = rec(template.metadata) ?? {};
  const labels = withHashLabel(tmeta.labels, hash);
  const selector = rec(spec.selector) ?? {};
  const rs = rsRecord({
    object: NOT_YET,
    stored: null,
    created: { deployment: d, hash, uid, revision, wire: null, counts: null, metadata: null, status: null },
    seed,
    namespace: d.metadata?.namespace ?? 'default',
    name,
    key,
    uid,
    desired: typeof spec.replicas === 'number' ? spec.replicas : 1,
    selector: withMatchLabels(selector, withHashLabel(selector.matchLabels, hash)),
    labels,
    template: null,
    templateSpec: rec(template.spec) ?? {},
    templateLabels: labels,
    sortedTemplateLabels: labels,
    templateAnnotations: tmeta.annotations,
    templateFinalizers: tmeta.finalizers,
    ownerRef: ownerRef('apps/v1', 'Deployment', d),
  });
  return rs;
}

/** A created ReplicaSet's `object` until createdReplicaSetOutput gives it its output object: nothing
 *  reads it before (the deployment plan only reads pasted ReplicaSets' objects), and making a lazy
 *  object for it would cost a few defineProperty calls for each ReplicaSet. */
const NOT_YET: KubeObject = Object.freeze({}) as KubeObject;

/** newReplicaSetObject for a created ReplicaSet, once. */
function wireOf(rs: RSRec): KubeObject {
  const c = rs.created!;
  return (c.wire ??= newReplicaSetObject(c.deployment, c.hash, c.uid, c.revision));
}

const createdOutput = lazyWireObjects<RSRec>('apps/v1', 'ReplicaSet', {
  metadata: (rs) => {
    const c = rs.created!;
    const meta = wireOf(rs).metadata ?? {};
    return (c.metadata ??= spreadOf(meta, { generation: typeof meta.generation === 'number' ? meta.generation : 1 }));
  },
  spec: (rs) => wireOf(rs).spec,
  status: (rs) => {
    const c = rs.created!;
    return (c.status ??= replicaSetStatus(wireOf(rs), c.counts!));
  },
});

/** What the ReplicaSet controller leaves of a created ReplicaSet: spreadOf(object, {metadata with its
 *  generation, status: replicaSetStatus(counts)}), built on first read; from now on its `object` too. */
export function createdReplicaSetOutput(rs: RSRec, counts: RSPodCounts): KubeObject {
  rs.created!.counts = counts;
  return (rs.object = createdOutput(rs));
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
    // Usually nothing was pasted: no ReplicaSets to claim, no lists to build.
    const nsRS = rsByNs.size ? (rsByNs.get(ns) ?? NO_RS) : NO_RS;
    const owned = nsRS.length === 0 ? NO_RS : nsRS.filter((rs) => {
      if (rs.deployment) return false;
      const mine = rs.ownerRef ? rs.ownerRef.kind === 'Deployment' && rs.ownerRef.name === stored.name : selectorMatches(spec.selector, rs.labels);
      if (mine && !rs.ownerRef) adoptRS(rs, d);
      if (mine) rs.deployment = stored.name;
      return mine;
    });
    let newRS = owned.length ? (owned.find((rs) => equalIgnoreHash(rs.template, spec.template)) ?? null) : null;
    const old = owned.length ? owned.filter((rs) => rs !== newRS) : NO_RS;
    const nextRevision = old.length ? Math.max(0, ...old.map((rs) => revisionOf(rs.object))) + 1 : 1;
    let collisionCount = typeof rec(d.status)?.collisionCount === 'number' ? (rec(d.status)!.collisionCount as number) : null;
    const paused = spec.paused === true;
    const createdNow = !newRS && !paused;
    if (createdNow) {
      const taken = nsRS.length ? new Set(nsRS.map((rs) => rs.name)) : NO_NAMES;
      let hash: string | null = owned.length === 0 && refPodsByNs.size ? pastedHash(stored.name, spec, refPodsByNs.get(ns) ?? [], taken) : null;
      const uid = hash ? pods.find((p) => p.namespace === ns && p.ownerRef?.name === `${stored.name}-${hash}`)?.ownerRef?.uid : undefined;
      for (let i = 0; !hash && i < 100; i++) {
        const h = computeHash(spec.template, collisionCount);
        if (taken.size === 0 || !taken.has(`${stored.name}-${h}`)) hash = h;
        else collisionCount = (collisionCount ?? 0) + 1;
      }
      const name = `${stored.name}-${hash}`;
      const key = objectKey('ReplicaSet', ns, name);
      newRS = createdReplicaSetRec(d, hash!, uid || objectUID(seed, key), nextRevision, seed, name, key);
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
    const allRS = newRS && !owned.includes(newRS) ? (owned.length ? [...owned, newRS] : [newRS]) : owned;
    out.push({ stored, object: d, namespace: ns, name: stored.name, index, newRS, allRS, revision, collisionCount });
  }
  return { deployments: out, created };
}

const NO_NAMES: ReadonlySet<string> = new Set();
const NO_RS: RSRec[] = [];

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
