// What the diagram (or anything else) can do to the cluster. Each command either rewrites the YAML
// with a minimal, comment-preserving edit (core/manifest/edit.ts) through setManifestText(…, 'diagram'),
// or appends a runtime action (`delete pod/NS/NAME`, `cordon node/NAME`, …) to the log: a bare pod's
// node is part of its manifest, while a controller-owned pod lives and dies at runtime
// (its ReplicaSet recreates it under a new name and IP). Messages mimic kubectl's output where one exists.
import { stringify } from 'yaml';
import type { ClusterState, KubeObject, ObjectKey, PodState, StoredObject } from '../core';
import { appendDocument, removeDocument, setScalar, type EditResult } from '../core/manifest/edit';
import type { AppState } from './store';

export interface CommandStore {
  getState(): AppState;
}

export type CommandResult = { ok: true; message: string } | { ok: false; message: string };

const ok = (message: string): CommandResult => ({ ok: true, message });
const fail = (message: string): CommandResult => ({ ok: false, message });

const rec = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** While the text has a syntax error, or the cluster shown was derived from an older text (the worker
 *  has not answered yet), documents cannot be located reliably: refuse rather than guess. */
function brokenGuard(s: AppState): CommandResult | null {
  if (s.derived.broken) return fail('The YAML has a syntax error: fix it first, then change the cluster from the diagram.');
  if (s.deriving) return fail('The cluster is still updating after your last edit: try again in a moment.');
  return null;
}

function userObject(s: AppState, key: string): StoredObject | undefined {
  return s.derived.loaded.userObjects.find((o) => o.key === key);
}

function apply(store: CommandStore, r: EditResult | { error: string }, message: string): CommandResult {
  if ('error' in r) return fail(r.error);
  store.getState().setManifestText(r.text, 'diagram');
  return ok(message);
}

function podOf(s: AppState, key: string): PodState | CommandResult {
  const pod = s.derived.cluster.index.podByKey.get(key as ObjectKey);
  if (!pod) return fail(`pods "${key.split('/').pop()}" not found`);
  return pod;
}

const isResult = (v: unknown): v is CommandResult => !!v && typeof v === 'object' && 'ok' in v && 'message' in v;

const podRef = (p: PodState) => `pod/${p.namespace}/${p.name}`;

/** The Deployment that owns a pod through its ReplicaSet, if any. */
export function deploymentOf(cluster: ClusterState, pod: PodState): ObjectKey | null {
  if (pod.owner?.kind !== 'ReplicaSet') return null;
  const rs = cluster.objects.find((o) => o.kind === 'ReplicaSet' && o.namespace === pod.namespace && o.name === pod.owner!.name);
  const refs = rs?.object.metadata?.ownerReferences ?? [];
  const d = refs.find((r) => r.kind === 'Deployment' && r.controller);
  return d ? (`Deployment/${pod.namespace}/${d.name}` as ObjectKey) : null;
}

/** Pods that exist after a runtime action and did not before, owned by `owner`. */
function replacements(before: ClusterState, after: ClusterState, owner: string): PodState[] {
  return after.pods.filter((p) => p.owner?.name === owner && !before.index.podByKey.has(p.key));
}

function skippedMessage(s: AppState, action: string): string | null {
  // runtime-actions.ts actionWarning: `action "…" skipped: why` when nothing happened; drain's partial
  // results (`action "…": cannot delete Pods …`) are reported by the command itself.
  const d = s.derived.cluster.diagnostics.find((x) => x.value === action && x.message.startsWith(`action "${action}" skipped`));
  return d ? d.message : null;
}

function runAction(store: CommandStore, action: string): string | null {
  store.getState().addAction(action);
  return skippedMessage(store.getState(), action);
}

/** Put a pod on another node: bare pods get spec.nodeName in their manifest; owned pods are recreated there. */
export function movePod(store: CommandStore, podKey: string, nodeName: string): CommandResult {
  const s = store.getState();
  const guard = brokenGuard(s);
  if (guard) return guard;
  const pod = podOf(s, podKey);
  if (isResult(pod)) return pod;
  if (!s.derived.cluster.index.nodeByName.has(nodeName)) return fail(`nodes "${nodeName}" not found`);
  if (pod.nodeName === nodeName) return fail(`pod ${pod.name} already runs on ${nodeName}`);
  if (pod.terminating) return fail(`pod ${pod.name} is terminating`);
  if (!pod.owner) {
    const src = userObject(s, pod.key)?.source;
    if (!src) return fail(`pod ${pod.name} has no manifest to edit`);
    const r = setScalar(s.text, src.doc.index, [...src.itemPath, 'spec', 'nodeName'], nodeName);
    const res = apply(store, r, `pod ${pod.name}: spec.nodeName set to ${nodeName}`);
    if (!res.ok) return res;
    const ip = store.getState().derived.cluster.index.podByKey.get(pod.key)?.ip;
    return ok(`pod ${pod.name}: spec.nodeName set to ${nodeName}; the pod is created there${ip ? ` with IP ${ip}` : ''} (a pod never changes node while it runs).`);
  }
  if (pod.owner.kind !== 'ReplicaSet') return fail(`pod "${pod.name}" is managed by ${pod.owner.kind} "${pod.owner.name}", which the playground does not simulate`);
  const before = s.derived.cluster;
  const action = `move ${podRef(pod)} node/${nodeName}`;
  const skipped = runAction(store, action);
  if (skipped) return fail(skipped);
  const [p] = replacements(before, store.getState().derived.cluster, pod.owner.name);
  const as = p ? ` as ${p.name}${p.ip ? ` (${p.ip})` : ''}` : '';
  return ok(`pod ${pod.name} belongs to ReplicaSet ${pod.owner.name}: it was deleted, and the ReplicaSet recreated it on ${nodeName}${as}, under a new name and IP.`);
}

/** kubectl delete pod: owned pods via the action log (their controller replaces them), bare pods from the YAML. */
export function deletePod(store: CommandStore, podKey: string): CommandResult {
  const s = store.getState();
  const guard = brokenGuard(s);
  if (guard) return guard;
  const pod = podOf(s, podKey);
  if (isResult(pod)) return pod;
  if (!pod.owner) return deleteObject(store, pod.key);
  const before = s.derived.cluster;
  const action = `delete ${podRef(pod)}`;
  const skipped = runAction(store, action);
  if (skipped) return fail(skipped);
  const [p] = replacements(before, store.getState().derived.cluster, pod.owner.name);
  return ok(`pod "${pod.name}" deleted${p ? `; ${pod.owner.kind} ${pod.owner.name} created ${p.name}${p.ip ? ` (${p.ip})` : ''} to replace it` : ''}`);
}

/** Mark a pod's readiness (the playground's stand-in for a readiness probe passing or failing). */
export function setReady(store: CommandStore, podKey: string, ready: boolean): CommandResult {
  const s = store.getState();
  const guard = brokenGuard(s);
  if (guard) return guard;
  const pod = podOf(s, podKey);
  if (isResult(pod)) return pod;
  const skipped = runAction(store, `${ready ? 'ready' : 'not-ready'} ${podRef(pod)}`);
  if (skipped) return fail(skipped);
  return ok(
    ready
      ? `pod ${pod.name} is ready: its endpoints are ready again and Services send it traffic.`
      : `pod ${pod.name} is not ready: its endpoints stay in the EndpointSlices with ready=false, and kube-proxy stops sending it traffic.`,
  );
}

/** kubectl scale deployment: spec.replicas in the Deployment's manifest. */
export function scaleDeployment(store: CommandStore, key: string, replicas: number): CommandResult {
  const s = store.getState();
  const guard = brokenGuard(s);
  if (guard) return guard;
  if (!Number.isInteger(replicas) || replicas < 0) return fail(`The Deployment's replicas must be a whole number ≥ 0, not ${replicas}`);
  const d = userObject(s, key);
  if (!d || d.kind !== 'Deployment' || !d.source) return fail(`deployments.apps "${key.split('/').pop()}" not found in the manifests`);
  return apply(store, setScalar(s.text, d.source.doc.index, [...d.source.itemPath, 'spec', 'replicas'], replicas), `deployment.apps/${d.name} scaled`);
}

function nodeAction(store: CommandStore, verb: 'cordon' | 'uncordon' | 'drain', nodeName: string): CommandResult {
  const s = store.getState();
  const guard = brokenGuard(s);
  if (guard) return guard;
  const node = s.derived.cluster.index.nodeByName.get(nodeName);
  if (!node) return fail(`nodes "${nodeName}" not found`);
  // kubectl cordon/uncordon print "already cordoned"/"already uncordoned" and change nothing.
  if (verb === 'cordon' && node.unschedulable) return ok(`node/${nodeName} already cordoned`);
  if (verb === 'uncordon' && !node.unschedulable) return ok(`node/${nodeName} already uncordoned`);
  const action = `${verb} node/${nodeName}`;
  const skipped = runAction(store, action);
  if (skipped) return fail(skipped);
  if (verb !== 'drain') return ok(`node/${nodeName} ${verb}ed`);
  const notes = store
    .getState()
    .derived.cluster.diagnostics.filter((d) => d.value === action)
    .map((d) => d.detail ?? d.message);
  return ok([`node/${nodeName} cordoned`, ...notes, `node/${nodeName} drained`].join('\n'));
}

export const cordonNode = (store: CommandStore, nodeName: string) => nodeAction(store, 'cordon', nodeName);
export const uncordonNode = (store: CommandStore, nodeName: string) => nodeAction(store, 'uncordon', nodeName);
export const drainNode = (store: CommandStore, nodeName: string) => nodeAction(store, 'drain', nodeName);

/** kubectl expose's Service ports: one per distinct containerPort; a port with several protocols gets
 *  one entry per protocol (kubectl/pkg/cmd/expose createService: "port-%d", "port-%d-%s"). */
function exposePorts(template: Record<string, unknown>): Record<string, unknown>[] {
  const containers = rec(template.spec)?.containers;
  const protocols = new Map<number, string[]>();
  for (const c of Array.isArray(containers) ? containers : []) {
    const ports = rec(c)?.ports;
    for (const p of Array.isArray(ports) ? ports : []) {
      const port = rec(p)?.containerPort;
      if (typeof port !== 'number') continue;
      const proto = typeof rec(p)?.protocol === 'string' ? (rec(p)!.protocol as string) : 'TCP';
      const list = protocols.get(port) ?? [];
      if (!list.includes(proto)) list.push(proto);
      protocols.set(port, list);
    }
  }
  const multi = protocols.size > 1;
  const out: Record<string, unknown>[] = [];
  [...protocols].forEach(([port, protos], i) => {
    if (protos.length > 1) {
      for (const proto of protos) out.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, port, protocol: proto, targetPort: port });
      return;
    }
    out.push({ ...(multi ? { name: `port-${i + 1}` } : {}), port, protocol: protos[0], targetPort: port });
  });
  return out;
}

/** kubectl expose deployment NAME: a ClusterIP Service of the same name, appended as a new document. */
export function exposeDeployment(store: CommandStore, key: string): CommandResult {
  const s = store.getState();
  const guard = brokenGuard(s);
  if (guard) return guard;
  const d = s.derived.loaded.objects.find((o) => o.key === key && o.kind === 'Deployment');
  if (!d) return fail(`deployments.apps "${key.split('/').pop()}" not found`);
  const spec = rec(d.object.spec) ?? {};
  const selector = rec(spec.selector) ?? {};
  if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length) {
    return fail("couldn't retrieve selectors via --selector flag or introspection: the Deployment's selector uses matchExpressions, which a Service selector cannot express");
  }
  const matchLabels = rec(selector.matchLabels) ?? {};
  const ports = exposePorts(rec(spec.template) ?? {});
  if (ports.length === 0) return fail("couldn't find port via --port flag or introspection");
  const name = d.name.slice(0, 63); // validation.DNS1035LabelMaxLength
  const ns = d.namespace ?? 'default';
  if (s.derived.cluster.index.serviceByKey.has(`Service/${ns}/${name}` as ObjectKey)) return fail(`services "${name}" already exists`);
  const labels = d.object.metadata?.labels;
  // kubectl -o yaml prints keys sorted; the namespace is written only when it is not the default one.
  const svc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...(labels && Object.keys(labels).length ? { labels } : {}), name, ...(ns !== 'default' ? { namespace: ns } : {}) },
    spec: { ports, selector: matchLabels },
  };
  const doc = stringify(svc, { version: '1.1', indentSeq: false, lineWidth: 0 });
  return apply(store, appendDocument(s.text, doc), `service/${name} exposed`);
}

/** kubectl delete of an object the manifests declare: its whole document goes. */
export function deleteObject(store: CommandStore, key: string): CommandResult {
  const s = store.getState();
  const guard = brokenGuard(s);
  if (guard) return guard;
  const o = userObject(s, key);
  const [kind, , name] = key.split('/');
  if (!o || !o.source) {
    const exists = s.derived.cluster.objects.some((x) => x.key === key);
    return fail(exists ? `${kind} ${name} is created by the cluster or a controller, not by a document in the YAML: there is nothing to delete` : `${kind} ${name} not found`);
  }
  if (o.source.itemPath.length) return fail(`${kind} ${name} is an item of the v1 List in document ${o.source.doc.index + 1}: remove it from the list's items by hand`);
  return apply(store, removeDocument(s.text, o.source.doc.index), `${kind.toLowerCase()} "${name}" deleted`);
}
