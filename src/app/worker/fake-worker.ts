// Test support: the derivation worker run in-process (engine.ts behind a fake Worker that
// structured-clones every message, as postMessage does), and a store wired to it.
import { createAppStore, type AppStore, type Snapshot } from '../store';
import { createWorkerDeriver, type WorkerDeriverOptions, type WorkerLike } from './client';
import { createEngine, handleMessage } from './engine';
import type { FromWorker, ToWorker } from './protocol';

export class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  inbox: ToWorker[] = [];
  terminated = false;
  private engine = createEngine();
  postMessage(m: ToWorker): void {
    this.inbox.push(structuredClone(m));
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Handle one message, as the worker's event loop would. Returns false when there is none. */
  step(): boolean {
    const m = this.inbox.shift();
    if (!m) return false;
    handleMessage(this.engine, m, (a) => this.onmessage?.({ data: structuredClone(a) } as MessageEvent<FromWorker>));
    return true;
  }
}

export interface Rig {
  store: AppStore;
  workers: FakeWorker[];
  deriver: ReturnType<typeof createWorkerDeriver>;
  clock: { t: number };
  /** let the current worker handle everything it has been sent (answers trigger further posts) */
  settle(): void;
}

export function rig(initial: Snapshot, opts: Omit<WorkerDeriverOptions, 'now'> & { storeNow?: () => number } = {}): Rig {
  const workers: FakeWorker[] = [];
  const clock = { t: 0 };
  const deriver = createWorkerDeriver(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    { ...opts, now: () => clock.t },
  );
  const store = createAppStore(initial, { deriver, now: opts.storeNow });
  deriver.warm(); // main.tsx: once the page is idle
  const settle = () => {
    for (let i = 0; i < 100 && workers.at(-1)!.step(); i++);
  };
  return { store, workers, deriver, clock, settle };
}

