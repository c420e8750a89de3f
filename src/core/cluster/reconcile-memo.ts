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

export class ReconcileMemo {
  private last: Remembered | null = null;
  /** How many reconciles reused the controllers' answers (tests). */
  hits = 0;

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
