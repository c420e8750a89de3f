// Messages between the store's WorkerDeriver (client.ts) and derive.worker.ts.
import type { StoredObject, TraceRequest } from '../../core';
import type { Derived, ProblemCounts, Snapshot, TrafficResult } from './core';

export type { ProblemCounts };
import type { Wire } from './wire';

export interface Job {
  /** the store's document version this snapshot is */
  version: number;
  snap: Snapshot;
  /** an edit from the editor or the diagram: warn where `kubectl apply` of it would be rejected */
  isEdit: boolean;
  /** full: derive and answer; chain: only move the apply chain on (a superseded job, no answer);
   *  adopt: the main thread derived it itself with `lastGoodVersion` as prev: do the same */
  mode: 'full' | 'chain' | 'adopt';
  /** the watched request, re-traced against the new cluster */
  request: TraceRequest | null;
  /** the main thread's last good derivation when the job was made */
  lastGoodVersion: number;
}

export type ToWorker =
  /** A fresh worker continues the main thread's apply chain (placeholders revived against `wires`). */
  | { type: 'init'; version: number; applied: Map<string, StoredObject>; wires: Wire[] | null }
  | { type: 'batch'; jobs: Job[] };

export type FromWorker =
  | {
      type: 'derived';
      version: number;
      derived: Derived;
      /** 'derived': it is its own last good one; a Derived: one the main thread has not seen; null: the main thread's */
      lastGood: { version: number; derived: Derived | 'derived' } | null;
      traffic: TrafficResult | null;
      /** problems left out of `diagnostics` (beyond MAX_DIAGNOSTICS) */
      omitted: ProblemCounts | null;
      wires: Wire[];
      /** time spent deriving, in the worker */
      ms: number;
      /** when the worker began this batch, and when it had encoded the answer (engine.ts wallClock) */
      began: number;
      posted: number;
    }
  | { type: 'idle' }
  | { type: 'error'; version: number; message: string };

/** Enough for every marker and the problems list; the rest are counted. A 5 MB text of broken
 *  manifests has ~200,000 problems, whose transfer alone would block the page for seconds. */
export const MAX_DIAGNOSTICS = 5000;
