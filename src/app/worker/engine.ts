// The worker's side of derivation, free of any Worker API so unit tests drive it directly. It keeps the
// apply chain the store used to keep: `prev` is the last good derivation, used only for edits (editor
// and diagram origins), exactly as store/index.ts does on the main thread. Jobs arrive in batches: the
// superseded ones only move the chain on (`chain` mode), the last one is derived in full and answered;
// `adopt` repeats a derivation the main thread ran itself, so both chains stay the same.
import type { Diagnostic, StoredObject } from '../../core';
import { derive, loadStep, runTrace, type Derived, type Snapshot } from './core';
import { MAX_DIAGNOSTICS, type FromWorker, type Job, type ProblemCounts, type ToWorker } from './protocol';
import { WireEncoder, decodeApplied } from './wire';

interface Good {
  version: number;
  applied: Map<string, StoredObject>;
  /** null until needed, for a derivation run in chain mode or handed over by init */
  derived: Derived | null;
  /** how to derive it in full, if the main thread might need it shown */
  redo: { snap: Snapshot; prev: Map<string, StoredObject> | undefined } | null;
}

type Derivedanswer = Extract<FromWorker, { type: 'derived' }>;
export type EngineAnswer = Omit<Derivedanswer, 'wires' | 'omitted' | 'began' | 'posted'> | { type: 'idle' };

export interface DeriveEngine {
  init(msg: Extract<ToWorker, { type: 'init' }>): void;
  run(jobs: Job[]): EngineAnswer;
  /** which version the chain's last good derivation is (tests) */
  lastGoodVersion(): number | null;
}

const RECENT = 16;

/** Milliseconds on a clock the page and its workers share (each has its own performance.timeOrigin). */
export const wallClock = (): number => performance.timeOrigin + performance.now();

export function createEngine(now: () => number = () => performance.now()): DeriveEngine {
  let lastGood: Good | null = null;
  /** Recent last-good derivations by version: a derivation the main thread ran itself (adopt) used its
   *  own last good one as `prev`, which may be older than ours when our newer answers were superseded. */
  const recent = new Map<number, Good>();

  function prevFor(job: Job): Map<string, StoredObject> | undefined {
    if (!job.isEdit) return undefined;
    const base = job.mode === 'adopt' ? (recent.get(job.lastGoodVersion) ?? lastGood) : lastGood;
    return base?.applied;
  }

  /** store/index.ts: lastGood = derived.broken && prev ? prev.lastGood : derived */
  function keep(job: Job, broken: boolean, good: Omit<Good, 'version'>): void {
    if (broken && lastGood) return;
    lastGood = { version: job.version, ...good };
    remember(lastGood);
  }

  function remember(g: Good): void {
    recent.set(g.version, g);
    if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  }

  /** A derivation in full has run here (the code is compiled, the caches hold the text). */
  let warmedUp = false;

  function chain(job: Job): void {
    const prev = prevFor(job);
    // The first adopt is derived in full, not only loaded, so the worker's code and caches are warm for
    // the next edit (the page's first derivation is adopted while the page is idle). Later ones (edits
    // the main thread derived itself) and chain jobs do only what the chain needs: loading, which
    // re-parses only the documents that changed.
    const inFull = job.mode === 'adopt' && !warmedUp;
    warmedUp ||= inFull;
    const r = inFull ? derive(job.snap, prev ? { applied: prev } : undefined) : { ...loadStep(job.snap, prev), cluster: null };
    const derived = r.cluster ? (r as Derived) : null;
    // The main thread kept its own last good state for a broken text it derived: so do we.
    const mains = job.mode === 'adopt' ? recent.get(job.lastGoodVersion) : undefined;
    if (r.broken && mains) lastGood = mains;
    else keep(job, r.broken, { applied: r.applied, derived, redo: derived ? null : { snap: job.snap, prev } });
  }

  function shown(g: Good): Derived {
    if (!g.derived) g.derived = derive(g.redo!.snap, g.redo!.prev ? { applied: g.redo!.prev } : undefined);
    return g.derived;
  }

  function full(job: Job): EngineAnswer {
    warmedUp = true;
    const t0 = now();
    const prev = prevFor(job);
    const derived = derive(job.snap, prev ? { applied: prev } : undefined);
    keep(job, derived.broken, { applied: derived.applied, derived, redo: null });
    const g = lastGood!;
    let lg: Derivedanswer['lastGood'] = null;
    if (derived.broken && g.version === job.version) lg = { version: g.version, derived: 'derived' };
    else if (derived.broken && g.version !== job.lastGoodVersion && (g.derived || g.redo)) lg = { version: g.version, derived: shown(g) };
    const traffic = job.request && !derived.broken ? runTrace(derived.cluster, job.request) : null;
    return { type: 'derived', version: job.version, derived, lastGood: lg, traffic, ms: now() - t0 };
  }

  return {
    init(msg) {
      lastGood = { version: msg.version, applied: msg.wires ? decodeApplied(msg.applied, msg.wires) : msg.applied, derived: null, redo: null };
      recent.clear();
      remember(lastGood);
    },
    run(jobs) {
      let out: EngineAnswer = { type: 'idle' };
      jobs.forEach((job, i) => {
        if (job.mode === 'full' && i === jobs.length - 1) out = full(job);
        else chain(job);
      });
      return out;
    },
    lastGoodVersion: () => lastGood?.version ?? null,
  };
}

function countOf(ds: readonly Diagnostic[]): ProblemCounts {
  let errors = 0;
  for (const d of ds) if (d.severity === 'error') errors++;
  return { errors, warnings: ds.length - errors };
}

/** Long lists cut to MAX_DIAGNOSTICS; runtime-action notes (commands read them) always kept. */
function cap(enc: WireEncoder, d: Derived, actions: ReadonlySet<unknown>): ProblemCounts | null {
  const c = d.cluster;
  if (c.diagnostics.length > MAX_DIAGNOSTICS) {
    const head = c.diagnostics.slice(0, MAX_DIAGNOSTICS);
    const notes = c.diagnostics.slice(MAX_DIAGNOSTICS).filter((x) => actions.has(x.value));
    enc.set(c, 'diagnostics', [...head, ...notes]);
  }
  if (d.diagnostics.length <= MAX_DIAGNOSTICS) return null;
  const rest = countOf(d.diagnostics.slice(MAX_DIAGNOSTICS));
  enc.set(d, 'diagnostics', d.diagnostics.slice(0, MAX_DIAGNOSTICS));
  return rest;
}

/**
 * Posts an answer: wire objects as JSON (wire.ts), long problem lists capped. The engine's own Derived
 * objects are put back as they were right after `post` (which serialises synchronously).
 */
export function postAnswer(a: EngineAnswer, actions: readonly string[], post: (m: FromWorker) => void, began = 0, now: () => number = wallClock): void {
  if (a.type !== 'derived') return post(a);
  const enc = new WireEncoder();
  const acts = new Set<unknown>(actions);
  try {
    const omitted = cap(enc, a.derived, acts);
    enc.encode(a.derived);
    const lg = a.lastGood?.derived;
    if (lg && lg !== 'derived') {
      cap(enc, lg, acts);
      enc.encode(lg);
    }
    post({ ...a, omitted, wires: enc.wires, began, posted: now() });
  } finally {
    enc.restore();
  }
}

/** One message to the worker → at most one answer (derive.worker.ts; tests call it directly). */
export function handleMessage(engine: DeriveEngine, msg: ToWorker, post: (m: FromWorker) => void): void {
  if (msg.type === 'init') {
    engine.init(msg);
    return;
  }
  const last = msg.jobs[msg.jobs.length - 1];
  const began = wallClock();
  try {
    postAnswer(engine.run(msg.jobs), last?.snap.actions ?? [], post, began);
  } catch (err) {
    // A bug in the core must not leave the page waiting forever: say what broke.
    post({ type: 'error', version: last?.version ?? -1, message: err instanceof Error ? err.message : String(err) });
  }
}
