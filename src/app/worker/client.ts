// The store's asynchronous deriver: hands snapshots to derive.worker.ts and the answers back to the store.
// - One batch in flight at a time. Jobs that arrive meanwhile wait; a newer text supersedes a waiting
//   one (an edit is dropped like a debounced keystroke; a replaced text (example, import, share) still
//   moves the apply chain on, so later edits are compared with it).
// - A run that exceeds BUDGET_MS while a newer text waits is abandoned: the worker is terminated and a
//   fresh one continues from the main thread's last good derivation, so a pathological text cannot
//   block later edits. A run that exceeds HARD_LIMIT_MS is stopped and reported.
import type { AsyncDeriver, DeriveHandlers, DeriveJob } from '../store';
import type { Derived } from './core';
import { wallClock } from './engine';
import type { FromWorker, Job, ToWorker } from './protocol';
import { WireDecoder, rawApplied, type Wire } from './wire';

export interface WorkerLike {
  postMessage(m: ToWorker): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: Event) => void) | null;
}

export interface WorkerDeriverOptions {
  budgetMs?: number;
  hardLimitMs?: number;
  now?: () => number;
  /** AsyncDeriver.quickEditMs: small edits of a text that derives this fast stay on the main thread */
  quickEditMs?: number;
}

export const BUDGET_MS = 2000;
export const HARD_LIMIT_MS = 30_000;

export interface DeriverStats {
  kind: 'worker';
  /** answers taken from the worker (superseded ones included) */
  answers: number;
  /** workers started (the first one included) */
  started: number;
  /** runs abandoned for a newer text, or stopped at the hard limit */
  abandoned: number;
  /** the last answer: the worker's derivation, its encoding and transfer (worker's post → received here,
   *  both clocks share the page's time origin), decoding and applying it to the store (views included), ms */
  lastMs: number;
  lastEncodeMs: number;
  lastTransferMs: number;
  lastDecodeMs: number;
  lastApplyMs: number;
}

/** The wires each received Derived was decoded from, so a fresh worker can take the apply chain without
 *  the main thread parsing every object (see wire.ts rawApplied). */
const wiresOf = new WeakMap<Derived, Wire[]>();

function decodeAnswer(m: Extract<FromWorker, { type: 'derived' }>): { derived: Derived; lastGood: Derived | 'derived' | null } {
  const dec = new WireDecoder(m.wires);
  const lg = m.lastGood?.derived ?? null;
  for (const d of lg && lg !== 'derived' ? [m.derived, lg] : [m.derived]) {
    wiresOf.set(d, m.wires);
    dec.decode(d);
  }
  if (m.omitted) m.derived.omitted = m.omitted;
  return { derived: m.derived, lastGood: lg };
}

export function createWorkerDeriver(make: () => WorkerLike, opts: WorkerDeriverOptions = {}): AsyncDeriver & { stats: DeriverStats; warm(): void; dispose(): void } {
  const budget = opts.budgetMs ?? BUDGET_MS;
  const hardLimit = opts.hardLimitMs ?? HARD_LIMIT_MS;
  const now = opts.now ?? (() => performance.now());
  const stats: DeriverStats = { kind: 'worker', answers: 0, started: 0, abandoned: 0, lastMs: 0, lastEncodeMs: 0, lastTransferMs: 0, lastDecodeMs: 0, lastApplyMs: 0 };
  let handlers: DeriveHandlers | null = null;
  let worker: WorkerLike | null = null;
  let inflight: { jobs: Job[]; started: number } | null = null;
  let queue: Job[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let warm = false;
  let later = false;

  /** pump() once the frame the main thread's derivation changed is on screen: a chain job (adopt) posts
   *  the whole text to the worker, ~3 ms at 1,000 objects that the edit's frame need not wait for. */
  function pumpLater(): void {
    if (later) return;
    later = true;
    const go = () => {
      later = false;
      pump();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(go, 0));
    else setTimeout(go, 0);
  }

  function start(): WorkerLike {
    const w = make();
    stats.started++;
    w.onmessage = (e) => {
      if (w === worker) receive(e.data);
    };
    w.onerror = (e) => {
      if (w !== worker) return;
      e.preventDefault?.();
      restart('The simulation worker stopped unexpectedly (the text may be too large for this browser tab).');
    };
    const base = handlers?.chainBase();
    if (base) {
      const wires = wiresOf.get(base.derived);
      w.postMessage({ type: 'init', version: base.version, applied: wires ? rawApplied(base.derived.applied) : base.derived.applied, wires: wires ?? null });
      // The chain handed over holds what the main thread derived up to there: only the newest adopt stays
      // (it warms the worker up), older ones and superseded texts before it are done with.
      const lastAdopt = queue.findLast((j) => j.mode === 'adopt' && j.version <= base.version);
      queue = queue.filter((j) => j.mode === 'full' || j.version > base.version || j === lastAdopt);
    }
    return w;
  }

  function receive(m: FromWorker): void {
    const done = inflight;
    inflight = null;
    clearTimer();
    if (m.type === 'derived') {
      const t0 = now();
      const arrived = wallClock();
      const { derived, lastGood } = decodeAnswer(m);
      const t1 = now();
      handlers?.answer({ version: m.version, derived, lastGood: m.lastGood && lastGood ? { version: m.lastGood.version, derived: lastGood } : null, traffic: m.traffic, ms: m.ms });
      Object.assign(stats, { answers: stats.answers + 1, lastMs: m.ms, lastEncodeMs: m.posted - m.began - m.ms, lastTransferMs: arrived - m.posted, lastDecodeMs: t1 - t0, lastApplyMs: now() - t1 });
    } else if (m.type === 'error') {
      const full = done?.jobs.findLast((j) => j.mode === 'full');
      if (full) handlers?.fail(full.version, `The cluster could not be simulated: ${m.message}`);
    }
    pump();
  }

  function clearTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  /** Abandon the run in flight: a fresh worker continues from the main thread's last good derivation. */
  function restart(failure: string | null): void {
    const lost = inflight;
    inflight = null;
    clearTimer();
    worker?.terminate();
    worker = null;
    stats.abandoned++;
    const full = lost?.jobs.findLast((j) => j.mode === 'full');
    if (failure && full) handlers?.fail(full.version, failure);
    pump();
  }

  function watch(): void {
    clearTimer();
    if (!inflight) return;
    const elapsed = now() - inflight.started;
    const newer = queue.some((j) => j.mode === 'full');
    if (newer && elapsed >= budget) return restart(null);
    if (elapsed >= hardLimit) {
      const secs = Math.round(hardLimit / 1000);
      return restart(`Simulating this text took longer than ${secs} s, so it was stopped. The views show the last state that could be simulated; a smaller text (or fewer replicas) will work.`);
    }
    timer = setTimeout(watch, Math.max(50, Math.min(newer ? budget - elapsed : hardLimit - elapsed, 1000)));
  }

  function pump(): void {
    if (inflight || queue.length === 0) return;
    // Catching up with derivations the main thread ran (adopt) can wait for warm(): starting the
    // worker competes with the page's first paint for the CPU.
    if (!worker && !warm && !queue.some((j) => j.mode === 'full')) return;
    worker ??= start();
    if (queue.length === 0) return;
    inflight = { jobs: queue, started: now() };
    queue = [];
    worker.postMessage({ type: 'batch', jobs: inflight.jobs });
    watch();
  }

  /** A waiting job superseded by a newer text: an edit goes, a replaced text still moves the chain on. */
  function supersede(jobs: Job[]): Job[] {
    const out: Job[] = [];
    for (const j of jobs) {
      if (j.mode !== 'full') out.push(j);
      else if (!j.isEdit) out.push({ ...j, mode: 'chain', request: null });
    }
    return out;
  }

  return {
    stats,
    quickEditMs: opts.quickEditMs,
    connect(h) {
      handlers = h;
    },
    derive(job: DeriveJob) {
      queue = [...supersede(queue), { ...job, mode: 'full' }];
      if (inflight) watch();
      else pump();
    },
    adopt(job: DeriveJob) {
      queue = [...supersede(queue), { ...job, mode: 'adopt', request: null }];
      pumpLater();
    },
    /** Start the worker now (e.g. once the page is idle), so the first edit does not wait for it. */
    warm() {
      warm = true;
      pump();
    },
    dispose() {
      clearTimer();
      worker?.terminate();
      worker = null;
      inflight = null;
      queue = [];
    },
  };
}

/**
 * Typing whose last derivation took at most this long is derived on the main thread (store/index.ts
 * quickEdit): an edit re-parses and re-validates only its own document, so at 1,000 objects a keystroke
 * costs about the engine's reconcile, and the answer is on screen a frame later instead of after the
 * worker has also serialised the whole cluster (every lazily built Pod included) and the page has
 * received it. Bigger texts, pastes and fast typing still go to the worker.
 */
export const QUICK_EDIT_MS = 100;

/** The app's deriver: derive.worker.ts as a Vite module worker. `?quick=off` sends every edit to the
 *  worker (A/B for scripts/bench-ui.mjs). */
export function createBrowserDeriver(): ReturnType<typeof createWorkerDeriver> {
  const quick = typeof location === 'undefined' || new URLSearchParams(location.search).get('quick') !== 'off';
  return createWorkerDeriver(() => new Worker(new URL('./derive.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike, { quickEditMs: quick ? QUICK_EDIT_MS : undefined });
}
