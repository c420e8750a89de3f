// What one reconcile can hand the next when the manifests were edited: the node and workload
// controllers' answers, reused while nothing they read changed. A keystroke in a Service's document
// then skips the deployment, ReplicaSet, scheduler and kubelet passes (half of a reconcile at 1,000
// objects). Opt-in (ReconcileOptions.memo): the CLI and the benchmarks reconcile cold.
//
// What those controllers read (controllers/workloads.ts, workload-plan.ts, node-lifecycle.ts): the
// simulated Pods, ReplicaSets, Deployments and Nodes of loaded.objects with their creation indexes, the
// length of loaded.objects (actions' creation times follow it), the runtime actions and the seed. Other
// kinds matter only by position, so they must be where they were, of the same kind.
import type { StoredObject } from '../manifest/registry';
import type { LoadedCluster } from './load';
import type { NodeState } from './state';
import type { Diagnostic } from '../model/types';
import type { WorkloadsOutput } from '../controllers/workloads';
import type { KubeObject } from '../model/types';
import type { EndpointState, ServicePortKey, ServiceState } from './state';
import { endpointObjectIdentity, runEndpointControllers, type EndpointControllersInput, type EndpointControllersOutput } from '../controllers/endpointslice-controller';

const READ = new Set(['Pod', 'ReplicaSet', 'Deployment']);

export interface ControllerAnswers {
  nodes: { nodes: NodeState[]; diagnostics: Diagnostic[] };
  work: WorkloadsOutput;
}

interface Remembered extends ControllerAnswers {
  objects: StoredObject[];
  actions: string[];
  seed: number;
}

/** Deep equality of decoded YAML values (plain objects, arrays, scalars). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** Would the node and workload controllers read the same thing in `b` as in `a`? */
function sameInputs(a: StoredObject[], b: StoredObject[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.kind !== y.kind || x.simulated !== y.simulated || x.key !== y.key) return false;
    if (!y.simulated) continue;
    // The create cache hands back the very object for a document whose text did not change; Nodes are
    // completed afresh by every load (podCIDR, addresses), so they are compared by value.
    if (READ.has(y.kind) ? x.object !== y.object : y.kind === 'Node' && !sameValue(x.object, y.object)) return false;
  }
  return true;
}

/** The EndpointSlice/Endpoints controllers' last input and answer. */
interface EndpointsRun {
  input: EndpointControllersInput;
  out: EndpointControllersOutput;
  /** `out` per Service, made when first needed (a run composed from the last one comes with it) */
  groups: ByService | null;
}

/** The controllers' answer per Service ("namespace/name"), each list in the answer's order. */
interface ByService {
  slices: Map<string, KubeObject[]>;
  endpoints: Map<string, KubeObject[]>;
  index: Map<string, [ServicePortKey, EndpointState[]][]>;
}

const byService = (out: EndpointControllersOutput): ByService => ({ slices: groupByService(out.slices), endpoints: groupByService(out.endpoints), index: indexByService(out.index) });
const groupsOf = (run: EndpointsRun): ByService => (run.groups ??= byService(run.out));

/** Two Service records made from the same stored object at the same creation index are equal (a
 *  LoadBalancer's record gets a new object with its status every time: always synced again). */
const sameService = (a: ServiceState, b: ServiceState): boolean => a.object === b.object && a.key === b.key && a.createdAt === b.createdAt;

/** The Service an object the endpoint controllers wrote is for, as "namespace/name". */
function serviceOf(o: KubeObject): string {
  const id = endpointObjectIdentity(o);
  const name = id.serviceName ?? o.metadata?.labels?.['kubernetes.io/service-name'] ?? (id.kind === 'Endpoints' ? id.name : '');
  return `${id.namespace ?? 'default'}/${name}`;
}

/** kube-proxy's index entries per Service ("namespace/name"), in their order: a key is "ns/name:port/protocol". */
function indexByService(index: Map<ServicePortKey, EndpointState[]>): Map<string, [ServicePortKey, EndpointState[]][]> {
  const out = new Map<string, [ServicePortKey, EndpointState[]][]>();
  for (const e of index) {
    const id = e[0].slice(0, e[0].indexOf(':'));
    const l = out.get(id);
    if (l) l.push(e);
    else out.set(id, [e]);
  }
  return out;
}

function groupByService(list: KubeObject[]): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  for (const o of list) {
    const id = serviceOf(o);
    const l = out.get(id);
    if (l) l.push(o);
    else out.set(id, [o]);
  }
  return out;
}

/**
 * The controllers' answer for `input` from the last one when only some Services changed: the changed
 * Services are synced again and the others keep what they were given. Exact because, with the same
 * pods and nodes (the workload controllers' answers were reused) and nothing pasted, a Service's slices
 * and Endpoints depend on that Service alone, except through the slice names handed out so far; and a
 * generated name (`<service>-` + 5 random characters, the prefix cut at 58) can only equal another
 * Service's when both names are cut, which sends every such text the full way.
 */
function endpointsFrom(last: EndpointsRun | null, input: EndpointControllersInput): EndpointsRun | null {
  if (!last || last.input.pods !== input.pods || last.input.nodes !== input.nodes || last.input.given.length || input.given.length) return null;
  if (last.input.distinctPods !== input.distinctPods || last.input.canonicalKeys !== input.canonicalKeys) return null;
  const before = last.input.services;
  const now = input.services;
  if (before.length !== now.length) return null;
  const changed: ServiceState[] = [];
  for (let i = 0; i < now.length; i++) {
    if (now[i].key !== before[i].key || now[i].name.length >= 57) return null;
    if (!sameService(before[i], now[i])) changed.push(now[i]);
  }
  if (changed.length > Math.max(8, now.length / 8)) return null;
  const id = (s: ServiceState) => `${s.namespace}/${s.name}`;
  const redo = new Set(changed.map(id));
  const old = groupsOf(last);
  const neu = changed.length ? byService(runEndpointControllers({ ...input, services: changed })) : null;
  // kube-proxy's index lists a Service's ports where its slices first name them, and slices come Service
  // by Service: the unchanged Services keep their very lists (the diagram tells them apart by identity).
  const out: EndpointControllersOutput = { slices: [], endpoints: [], index: new Map(), deleted: [] };
  const groups: ByService = { slices: new Map(), endpoints: new Map(), index: new Map() };
  for (const s of now) {
    const k = id(s);
    const from = neu && redo.has(k) ? neu : old;
    const slices = from.slices.get(k);
    const endpoints = from.endpoints.get(k);
    const index = from.index.get(k);
    if (slices) groups.slices.set(k, slices);
    if (endpoints) groups.endpoints.set(k, endpoints);
    if (index) groups.index.set(k, index);
    for (const o of slices ?? []) out.slices.push(o);
    for (const o of endpoints ?? []) out.endpoints.push(o);
    for (const [key, list] of index ?? []) out.index.set(key, list);
  }
  return { input, out, groups };
}

export class ReconcileMemo {
  private last: Remembered | null = null;
  private lastEndpoints: EndpointsRun | null = null;
  private lastServices = new Map<string, ServiceState>();
  /** How many reconciles reused the controllers' answers (tests). */
  hits = 0;
  /** How many reused the endpoint controllers' answers for the unchanged Services (tests). */
  endpointHits = 0;

  /** The last reconcile's Service records where they are equal (made from the same stored object at
   *  the same creation index): the views downstream tell an unchanged Service by its identity. */
  services(list: ServiceState[]): ServiceState[] {
    const out = list.map((s) => {
      const p = this.lastServices.get(s.key);
      return p && p.object === s.object && p.createdAt === s.createdAt ? p : s;
    });
    this.lastServices = new Map(out.map((s) => [s.key, s]));
    return out;
  }

  /** The endpoint controllers' answer for `input`, from the last one where that is exact, else a full run. */
  endpoints(input: EndpointControllersInput): EndpointControllersOutput {
    const reused = endpointsFrom(this.lastEndpoints, input);
    if (reused) this.endpointHits++;
    this.lastEndpoints = reused ?? { input, out: runEndpointControllers(input), groups: null };
    return this.lastEndpoints.out;
  }

  /** The last answers, when `loaded`, `actions` and `seed` give those controllers the same inputs. */
  answers(loaded: LoadedCluster, actions: string[], seed: number): ControllerAnswers | null {
    const l = this.last;
    if (!l || l.seed !== seed || l.actions.length !== actions.length || l.actions.some((a, i) => a !== actions[i])) return null;
    if (!sameInputs(l.objects, loaded.objects)) return null;
    this.hits++;
    return { nodes: l.nodes, work: l.work };
  }

  remember(loaded: LoadedCluster, actions: string[], seed: number, answers: ControllerAnswers): void {
    this.last = { objects: loaded.objects, actions: [...actions], seed, ...answers };
  }
}
