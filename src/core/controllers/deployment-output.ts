// Models what the deployment controller writes back to a Deployment after a sync (pkg/controller/deployment: sync.go getNewReplicaSet's revision annotation, syncDeploymentStatus/calculateStatus, progress.go syncRolloutStatus), as a wire object built when something reads it. Leaves out: what deployment-status.ts leaves out.
import type { KubeObject } from '../model/types';
import { REVISION, sortedMap, type DeployRec } from './deployment-controller';
import { deploymentStatus, type RSCounts } from './deployment-status';
import { lazyWireObjects, spreadOf } from './plain-objects';

type R = Record<string, unknown>;

/** What a Deployment's output is built from, and its parts once built. */
interface Output {
  d: DeployRec;
  all: RSCounts[];
  newRS: { name: string; counts: RSCounts } | null;
  completed: boolean;
  metadata: KubeObject['metadata'] | null;
  status: R | null;
}

/** The revision annotation (with a new ReplicaSet) and metadata.generation. */
function metadataOf(d: DeployRec): KubeObject['metadata'] {
  const meta = d.object.metadata ?? {};
  const annotations = d.newRS ? sortedMap({ ...(meta.annotations ?? {}), [REVISION]: String(d.revision) }) : meta.annotations;
  return spreadOf(meta, { generation: typeof meta.generation === 'number' ? meta.generation : 1 }, annotations ? { annotations } : null);
}

const statusOf = (o: Output): R => deploymentStatus(o.d.object, o.all, o.newRS, { completed: o.completed, collisionCount: o.d.collisionCount });

const lazyOutput = lazyWireObjects<Output>(
  'apps/v1',
  'Deployment',
  {
    metadata: (o) => (o.metadata ??= metadataOf(o.d)),
    spec: (o) => o.d.object.spec,
    status: (o) => (o.status ??= statusOf(o)),
  },
  undefined,
  ['spec'],
);

/** The stored object's keys are the lazy object's (apiVersion, kind, metadata, spec, then status). */
function standardShape(obj: KubeObject): boolean {
  if (obj.apiVersion !== 'apps/v1' || obj.kind !== 'Deployment') return false;
  // Object.keys(obj) is apiVersion, kind, metadata, spec[, status], read without building the list.
  let i = 0;
  for (const k in obj) {
    if (!Object.hasOwn(obj, k)) continue;
    if (k !== SHAPE[i]) return false;
    i++;
  }
  return i >= 4;
}
const SHAPE = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

/**
 * The Deployment as the controller leaves it: spreadOf(object, {metadata, status}). Built on first read
 * when the stored object has the usual keys in the usual order; otherwise written at once, so that its
 * keys keep the stored order.
 */
export function deploymentOutput(d: DeployRec, all: RSCounts[], newRS: Output['newRS'], completed: boolean): KubeObject {
  const o: Output = { d, all, newRS, completed, metadata: null, status: null };
  if (standardShape(d.object)) return lazyOutput(o);
  return spreadOf<KubeObject>(d.object, { metadata: metadataOf(d), status: statusOf(o) });
}
