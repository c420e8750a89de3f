// Moving a Derived between threads cheaply. Structured clone would copy every API object (a 1,000-pod
// cluster is ~4 MB of small objects: ~40 ms to rebuild on the main thread, ~150 ms at 5,000 pods, and it
// materialises every lazily built Pod). Most views never open most objects, so each wire object (the
// `object` of nodes, pods, Services, cluster objects and stored objects, and each document's decoded
// `value`) travels as its JSON text instead, and the receiver parses it the first time something reads
// it. Identity is kept: one wire object shared by several holders is one JSON text and, once parsed, one
// object again (pods[i].object === objects[j].object, as in the sender).
//
// JSON keeps exactly the data a structured clone keeps for plain JSON-like values. A value it would
// change (NaN or ±Infinity from `.inf`, -0, undefined members, holes, non-plain objects, cycles, very
// deep nesting) travels as itself, by structured clone.
import type { StoredObject } from '../../core';
import type { Derived } from './core';

const MARK = '\u0000knp-wire';
type Placeholder = { [MARK]: number };
/** A JSON text, or a value JSON would not keep exactly. */
export type Wire = string | { v: unknown };

type Holder = Record<string, unknown>;
type Visit = (holder: Holder, key: string) => void;

function visitStored(o: StoredObject, f: Visit): void {
  f(o as unknown as Holder, 'object');
  if (o.source?.doc) f(o.source.doc as unknown as Holder, 'value');
}

/** Every place of a Derived that holds a wire object. */
export function visitWires(d: Derived, f: Visit): void {
  const c = d.cluster;
  for (const x of c.nodes) f(x as unknown as Holder, 'object');
  for (const x of c.pods) f(x as unknown as Holder, 'object');
  for (const x of c.services) f(x as unknown as Holder, 'object');
  for (const x of c.objects) f(x as unknown as Holder, 'object');
  for (const x of d.loaded.documents) f(x as unknown as Holder, 'value');
  for (const x of d.loaded.objects) visitStored(x, f);
  for (const x of d.loaded.userObjects) visitStored(x, f);
  for (const x of d.applied.values()) visitStored(x, f);
}

const isPlaceholder = (v: unknown): v is Placeholder => typeof v === 'object' && v !== null && MARK in v;

const MAX_DEPTH = 100;

/** True when JSON.parse(JSON.stringify(v)) rebuilds exactly what a structured clone would. */
export function jsonSafe(v: unknown, depth = 0): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object': {
      if (v === null) return true;
      if (depth > MAX_DEPTH) return false;
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) return false;
        for (let i = 0; i < v.length; i++) if (!(i in v) || !jsonSafe(v[i], depth + 1)) return false;
        return Object.keys(v).length === v.length; // no extra named members
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      const o = v as Record<string, unknown>;
      for (const k in o) if (!jsonSafe(o[k], depth + 1)) return false;
      return true;
    }
    default:
      return false; // undefined, functions, symbols, bigints
  }
}

/** Read each top-level member once: lazily built objects (Pods, EndpointSlices) build on every read. */
function readOnce(v: object): unknown {
  if (Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = (v as Record<string, unknown>)[k];
  return Object.getPrototypeOf(v) === Object.prototype ? out : v;
}

function pack(v: object): Wire {
  const plain = readOnce(v);
  if (!jsonSafe(plain)) return { v: plain };
  return JSON.stringify(plain);
}

/**
 * Replaces wire objects by placeholders in place (ids into `wires`), so a Derived can be posted with
 * them, then puts everything back with restore(). Post between the two: postMessage serialises at once.
 */
export class WireEncoder {
  readonly wires: Wire[] = [];
  private ids = new Map<object, number>();
  private undo: [Holder, string, unknown][] = [];

  /** Swap a value in for the post (e.g. a capped list), restored with the rest. */
  set(holder: object, key: string, value: unknown): void {
    const h = holder as Holder;
    this.undo.push([h, key, h[key]]);
    h[key] = value;
  }

  encode(d: Derived): void {
    visitWires(d, (h, key) => {
      const v = h[key];
      if (typeof v !== 'object' || v === null || isPlaceholder(v)) return;
      let id = this.ids.get(v);
      if (id === undefined) {
        id = this.wires.length;
        this.wires.push(pack(v));
        this.ids.set(v, id);
      }
      this.set(h, key, { [MARK]: id });
    });
  }

  restore(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) {
      const [h, key, v] = this.undo[i];
      h[key] = v;
    }
    this.undo = [];
  }
}

const UNREAD = Symbol('unread');

/** The receiving side: one cell per wire, parsed on first read and shared by every holder. */
export class WireDecoder {
  private cells: unknown[];
  constructor(readonly wires: Wire[]) {
    this.cells = new Array(wires.length).fill(UNREAD);
  }

  value(id: number): unknown {
    let v = this.cells[id];
    if (v === UNREAD) {
      const w = this.wires[id];
      v = typeof w === 'string' ? JSON.parse(w) : w.v;
      this.cells[id] = v;
    }
    return v;
  }

  /** Turns the placeholders of a received Derived into lazy accessors (own, enumerable, writable). */
  decode(d: Derived): Derived {
    visitWires(d, (h, key) => {
      // Holders reached twice (a stored object in loaded.objects and userObjects) are revived already:
      // look at the property without reading it, which would parse it.
      const p = Object.getOwnPropertyDescriptor(h, key)?.value;
      if (!isPlaceholder(p)) return;
      const id = p[MARK];
      const cell = Object.assign(() => this.value(id), { [WIRE_ID]: id });
      Object.defineProperty(h, key, {
        enumerable: true,
        configurable: true,
        get: cell,
        set(v: unknown) {
          Object.defineProperty(this, key, { value: v, enumerable: true, writable: true, configurable: true });
        },
      });
    });
    return d;
  }
}

const WIRE_ID = Symbol('wire id');

/**
 * A decoded `applied` as placeholders again (ids into the same wires), so the apply chain can be handed
 * to a fresh worker without parsing every object on the main thread. Values that were replaced, or
 * never were wires, travel as they are.
 */
export function rawApplied(applied: Map<string, StoredObject>): Map<string, StoredObject> {
  /** A shallow copy that reads no lazy member: those become placeholders again (a spread would parse them). */
  const copy = <T extends object>(h: T, swap?: Record<string, unknown>): T => {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(h)) {
      const desc = Object.getOwnPropertyDescriptor(h, k)!;
      const id = (desc.get as { [WIRE_ID]?: number } | undefined)?.[WIRE_ID];
      out[k] = swap && k in swap ? swap[k] : id !== undefined ? { [MARK]: id } : 'value' in desc ? desc.value : (h as Record<string, unknown>)[k];
    }
    return out as T;
  };
  const out = new Map<string, StoredObject>();
  const docs = new Map<object, unknown>();
  for (const [k, o] of applied) {
    const doc = o.source?.doc;
    let d = doc ? docs.get(doc) : undefined;
    if (doc && !d) docs.set(doc, (d = copy(doc)));
    out.set(k, copy(o, o.source ? { source: { ...o.source, doc: d } } : undefined));
  }
  return out;
}

/** Revive a raw `applied` (from rawApplied) against its wires. */
export function decodeApplied(applied: Map<string, StoredObject>, wires: Wire[]): Map<string, StoredObject> {
  const dec = new WireDecoder(wires);
  const empty = { nodes: [], pods: [], services: [], objects: [] } as unknown as Derived['cluster'];
  dec.decode({ applied, cluster: empty, loaded: { documents: [], objects: [], userObjects: [] } as unknown as Derived['loaded'], diagnostics: [], broken: false });
  return applied;
}
