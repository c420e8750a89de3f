// The overlay's frame loop (DOM, no React): reads the app store and React Flow's state inside
// requestAnimationFrame, draws the watched trace's packet gliding hop to hop, failure marks, and any
// number of test packets in batches. Sleeps when nothing moves; any store or viewport change wakes it.
import type { Hop, Trace } from '../../core';
import { explainHop, explainOutcome } from '../../explain';
import type { AppStore } from '../store';
import { playbackHops } from '../store';
import { drawBatch, drawFailure, drawTracePacket } from './draw';
import { ease, glideMs, hopTarget, isFailure, lbNodeOf, lbServiceOf, lerp, packetKind, packetLabel, toScreen, type MapContext, type PacketKind, type XY } from './mapping';

/** What the engine needs from React Flow (a subset of useReactFlow(), easy to fake). */
export interface FlowAccess {
  getViewport(): { x: number; y: number; zoom: number };
  /** centre of an element in flow coordinates, or null when it is not in the diagram */
  centre(id: string): XY | null;
  /** ids of every element drawn (for test packets) */
  ids(): string[];
}

export interface DrawnPacket {
  kind: PacketKind;
  label: string;
  /** pane-local CSS pixels */
  x: number;
  y: number;
}

export interface AnimationHook {
  spawn(n: number): number;
  stop(): void;
  /** frames per second over the last `ms` milliseconds */
  fps(ms?: number): number;
  /** what the last frame drew for the watched trace */
  last(): { packet: DrawnPacket | null; failures: (DrawnPacket & { reason: string })[] };
}

const KINDS: PacketKind[] = ['request', 'reply', 'dns', 'failure'];

interface Spawned {
  n: number;
  ax: Float32Array;
  ay: Float32Array;
  bx: Float32Array;
  by: Float32Array;
  period: Float32Array;
  phase: Float32Array;
  kind: Uint8Array;
}

export function failureReason(h: Hop): string {
  try {
    return explainHop(h) || h.note;
  } catch {
    return h.note;
  }
}

function outcomeReason(t: Trace): string {
  try {
    return explainOutcome(t) || t.reason;
  } catch {
    return t.reason;
  }
}

export function createEngine(canvas: HTMLCanvasElement, store: AppStore, flow: FlowAccess) {
  const ctx = canvas.getContext('2d');
  let raf = 0;
  let disposed = false;
  let trace: Trace | null = null;
  let hops: Hop[] = [];
  let requestCount = 0;
  /** A failed trace whose hops hold no reject/drop/lost (e.g. NXDOMAIN): its last hop is where it died. */
  let terminal: { index: number; reason: string } | null = null;
  let mapCtx: MapContext | null = null;
  let cursor = -1;
  let glide: { from: number; to: number; start: number; dur: number } | null = null;
  let spawned: Spawned | null = null;
  const frames: number[] = [];
  let lastDrawn: ReturnType<AnimationHook['last']> = { packet: null, failures: [] };
  /** the canvas holds nothing: an idle wake-up (a pan, a store change) need not clear or resize it */
  let blank = true;
  const buf = { x: new Float32Array(0), y: new Float32Array(0) };
  // One MediaQueryList per query, read each frame (matchMedia itself parses the query every call).
  const queries = new Map<string, MediaQueryList | null>();
  const media = (q: string) => {
    if (!queries.has(q)) queries.set(q, typeof matchMedia === 'function' ? matchMedia(q) : null);
    return queries.get(q)?.matches ?? false;
  };

  const newTrace = (t: Trace | null) => {
    trace = t;
    hops = playbackHops(t);
    requestCount = t ? t.hops.length : 0;
    terminal = t && t.outcome !== 'delivered' && hops.length > 0 && !hops.some(isFailure) ? { index: hops.length - 1, reason: outcomeReason(t) } : null;
    const podNodes = new Map<string, string>();
    for (const p of store.getState().derived.cluster.pods) if (p.nodeName) podNodes.set(`${p.namespace}/${p.name}`, p.nodeName);
    mapCtx = { has: (id) => flow.centre(id) !== null, podNode: (k) => podNodes.get(k) ?? null, lbService: lbServiceOf(hops), lbNode: lbNodeOf(hops) };
    cursor = -1;
    glide = null;
  };

  /** Flow-space point of hop i: its element's centre, else the nearest earlier hop that has one. */
  const point = (i: number): XY | null => {
    for (let j = i; j >= 0; j--) {
      const t = mapCtx && hops[j] ? hopTarget(hops[j], mapCtx) : null;
      if (!t) continue;
      if ('id' in t) {
        const c = flow.centre(t.id);
        if (c) return c;
      } else {
        const a = flow.centre(t.between[0]);
        const b = flow.centre(t.between[1]);
        if (a && b) return lerp(a, b, 0.5);
      }
    }
    return null;
  };

  const frame = (ts: number) => {
    raf = 0;
    if (disposed || !ctx) return;
    frames.push(ts);
    if (frames.length > 2000) frames.splice(0, frames.length - 1000);
    const s = store.getState();
    if (s.traffic !== trace) newTrace(s.traffic);
    if (s.cursor !== cursor) {
      const animate = cursor >= 0 && s.cursor === cursor + 1 && !media('(prefers-reduced-motion: reduce)');
      glide = animate ? { from: cursor, to: s.cursor, start: ts, dur: glideMs(s.speed) } : null;
      cursor = s.cursor;
    }
    if (!spawned && (!trace || cursor < 0) && blank) return;
    // Size the canvas to the pane (device pixels for crisp shapes).
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const vp = flow.getViewport();
    const dark = media('(prefers-color-scheme: dark)');
    if (spawned) drawSpawned(spawned, ts, vp);

    const failures: ReturnType<AnimationHook['last']>['failures'] = [];
    let packet: DrawnPacket | null = null;
    let moving = false;
    if (trace && cursor >= 0 && cursor < hops.length) {
      const progress = glide ? (ts - glide.start) / glide.dur : 1;
      if (glide && progress >= 1) glide = null;
      moving = glide !== null;
      const failed = (i: number) => isFailure(hops[i]) || terminal?.index === i;
      for (let i = 0; i <= cursor; i++) {
        if (!failed(i) || (i === cursor && moving)) continue;
        const p = point(i);
        if (!p) continue;
        const sp = toScreen(p, vp);
        const reason = terminal?.index === i ? terminal.reason : failureReason(hops[i]);
        drawFailure(ctx, sp, reason, dark, w);
        failures.push({ kind: 'failure', label: packetLabel(hops[i]), reason, ...sp });
      }
      const hop = hops[cursor];
      if (!failed(cursor) || moving) {
        const to = point(cursor);
        const from = glide ? point(glide.from) : null;
        const p = to && from ? lerp(from, to, ease(progress)) : to;
        if (p) {
          const sp = toScreen(p, vp);
          const kind = packetKind(hop, cursor, requestCount);
          packet = { kind: kind === 'failure' ? 'request' : kind, label: packetLabel(hop), ...sp };
          drawTracePacket(ctx, packet.kind, sp, packet.label, dark, w);
        }
      }
    }
    lastDrawn = { packet, failures };
    blank = !spawned && !packet && failures.length === 0;
    if (spawned || moving) raf = requestAnimationFrame(frame);
  };

  const drawSpawned = (sp: Spawned, ts: number, vp: { x: number; y: number; zoom: number }) => {
    if (buf.x.length < sp.n) {
      buf.x = new Float32Array(sp.n);
      buf.y = new Float32Array(sp.n);
    }
    const scale = Math.max(0.5, Math.min(1, vp.zoom * 2));
    let i = 0;
    for (let k = 0; k < KINDS.length; k++) {
      let m = 0;
      for (; i < sp.n && sp.kind[i] === k; i++) {
        const f = (ts / sp.period[i] + sp.phase[i]) % 1;
        buf.x[m] = (sp.ax[i] + (sp.bx[i] - sp.ax[i]) * f) * vp.zoom + vp.x;
        buf.y[m] = (sp.ay[i] + (sp.by[i] - sp.ay[i]) * f) * vp.zoom + vp.y;
        m++;
      }
      drawBatch(ctx!, KINDS[k], buf.x, buf.y, m, scale);
    }
  };

  const wake = () => {
    if (!raf && !disposed) raf = requestAnimationFrame(frame);
  };

  const hook: AnimationHook = {
    spawn(n) {
      const pts = flow
        .ids()
        .map((id) => flow.centre(id))
        .filter((p): p is XY => p !== null);
      if (!pts.length || n <= 0) return 0;
      const sp: Spawned = { n, ax: new Float32Array(n), ay: new Float32Array(n), bx: new Float32Array(n), by: new Float32Array(n), period: new Float32Array(n), phase: new Float32Array(n), kind: new Uint8Array(n) };
      for (let i = 0; i < n; i++) {
        const a = pts[Math.floor(Math.random() * pts.length)];
        const b = pts[Math.floor(Math.random() * pts.length)];
        sp.ax[i] = a.x;
        sp.ay[i] = a.y;
        sp.bx[i] = b.x;
        sp.by[i] = b.y;
        sp.period[i] = 1000 + Math.random() * 2000;
        sp.phase[i] = Math.random();
        sp.kind[i] = Math.floor((i * KINDS.length) / n); // grouped by kind: one contiguous run per batch
      }
      spawned = sp;
      frames.length = 0;
      wake();
      return n;
    },
    stop() {
      spawned = null;
      wake();
    },
    fps(ms = 1000) {
      if (frames.length < 2) return 0;
      const end = frames[frames.length - 1];
      let i = frames.length - 1;
      while (i > 0 && end - frames[i - 1] <= ms) i--;
      const span = end - frames[i];
      return span > 0 ? ((frames.length - 1 - i) * 1000) / span : 0;
    },
    last: () => lastDrawn,
  };

  const unsub = store.subscribe(wake);
  wake();
  return {
    hook,
    wake,
    dispose() {
      disposed = true;
      unsub();
      if (raf) cancelAnimationFrame(raf);
    },
  };
}
