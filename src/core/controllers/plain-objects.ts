// Object copies, key sorting and lazily written wire objects for the controllers' hot paths (not a
// controller): the same results as `{ ...a, ...b }`, structuredClone and Array.prototype.sort, and wire
// objects that read as plain data, with less work for V8 (node 20).

import type { KubeObject } from '../model/types';
import { rec } from '../manifest/validate/types';

type R = Record<string, unknown>;

/**
 * { ...a, ...b, … } for plain data: the same own enumerable properties (symbols too), values and order.
 * Object.assign differs from spreading only where a part has an own "__proto__" key (assigning it would
 * set the prototype): such parts are spread.
 */
export function spreadOf<T extends object = Record<string, unknown>>(...parts: (object | null | undefined)[]): T {
  for (const p of parts) if (p != null && Object.hasOwn(p, '__proto__')) return parts.reduce<object>((acc, q) => ({ ...acc, ...q }), {}) as T;
  return Object.assign({}, ...parts) as T;
}

/**
 * A constructor whose objects are plain (their prototype is Object.prototype) but start with ten
 * in-object property slots (V8 sizes a constructor's objects generously, where `{}` gets four): a copy
 * that is then extended (an admitted pod spec gains five fields) keeps its fields in the object instead
 * of growing a separate property array two or three times.
 */
function Roomy(this: object): void {}
Roomy.prototype = Object.prototype;

/** spreadOf(o) for a copy the caller goes on to extend: the same properties, order and prototype. */
export function extensibleCopy<T extends object = Record<string, unknown>>(o: object): T {
  if (Object.hasOwn(o, '__proto__')) return spreadOf<T>(o);
  return Object.assign(new (Roomy as unknown as new () => object)(), o) as T;
}

/**
 * Object.keys(o).sort(): small key lists by insertion sort (the native sort allocates a work buffer on
 * every call, a fifth of all allocation in a 10,000-object reconcile). Same order: UTF-16 code units.
 */
export function sortedKeys(o: object): string[] {
  return sortStrings(Object.keys(o));
}

/** a > b for strings (UTF-16 code units, as `>` compares them), by character codes: keys mostly differ
 *  in their first character, where the operator's generic comparison costs many times more. */
export function after(a: string, b: string): boolean {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d > 0;
  }
  return a.length > b.length;
}

/** xs.sort() for strings, in place: insertion sort for short lists (see sortedKeys). */
export function sortStrings(xs: string[]): string[] {
  if (xs.length > 16) return xs.sort();
  for (let i = 1; i < xs.length; i++) {
    const k = xs[i];
    let j = i - 1;
    while (j >= 0 && after(xs[j], k)) {
      xs[j + 1] = xs[j];
      j--;
    }
    xs[j + 1] = k;
  }
  return xs;
}

/**
 * structuredClone for what YAML and JSON decode to (plain objects, arrays, primitives, no part reached
 * twice), a few times faster; anything else (shared parts, other prototypes, holes, functions) goes to
 * structuredClone itself.
 */
export function cloneData(v: unknown): unknown {
  // Objects met so far, to find a part reached twice: a list while short (a pod template has a dozen
  // objects, and scanning them beats hashing each into a Set), a Set beyond.
  const list: object[] = [];
  let seen: Set<object> | null = null;
  const met = (x: object): boolean => {
    if (seen) return seen.size === seen.add(x).size;
    for (let i = 0; i < list.length; i++) if (list[i] === x) return true;
    list.push(x);
    if (list.length > 32) seen = new Set(list);
    return false;
  };
  let odd = false;
  const walk = (x: unknown): unknown => {
    if (typeof x === 'function' || typeof x === 'symbol') odd = true;
    if (typeof x !== 'object' || x === null || odd) return x;
    if (met(x)) {
      odd = true;
      return x;
    }
    if (Array.isArray(x)) {
      if (Object.getPrototypeOf(x) !== Array.prototype) odd = true;
      const out: unknown[] = [];
      for (let i = 0; i < x.length; i++) {
        if (!(i in x)) odd = true;
        out.push(walk(x[i]));
      }
      return out;
    }
    const proto = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null) odd = true;
    const out: R = {};
    for (const k of Object.keys(x)) {
      if (k === '__proto__') odd = true; // an own __proto__ key cannot be written by assignment
      else out[k] = walk((x as R)[k]);
    }
    return out;
  };
  const copy = walk(v);
  return odd ? structuredClone(v) : copy;
}

/**
 * A maker of wire objects `{apiVersion, kind, <parts>}` whose parts (in `build`'s key order) are built
 * from a source record the first time something reads them: own enumerable accessors, so
 * JSON.stringify, spreads and structuredClone see plain data. Builders keep what they build (every read
 * must give the same object); assigning a part replaces the accessor with a plain property.
 * Each maker keeps its objects in V8's fast mode: its own symbol holds the source and is defined first,
 * so its objects get their own hidden-class branch (two makers defining a same-named accessor with
 * different getters on one branch would turn every object into a dictionary), and its descriptors are
 * made once, so no object needs a closure of its own.
 */
export function lazyWireObjects<T>(
  apiVersion: string,
  kind: string,
  build: Record<string, (src: T) => unknown>,
  /** Told when something assigns a part (the source no longer describes the object). */
  written?: (src: T, part: string) => void,
  /** Parts that are cheap and always there: written at once as plain properties (each accessor costs
   *  a defineProperty per object). */
  plain: readonly string[] = [],
): LazyMaker<T> {
  const SOURCE = Symbol(`${kind} wire source`);
  type Lazy = { [SOURCE]: T };
  const names = Object.keys(build);
  const parts = names.map((name) => build[name]);
  const isPlain = names.map((name) => plain.includes(name));
  const descriptors = names.map((name): PropertyDescriptor => {
    const part = build[name];
    return {
      enumerable: true,
      configurable: true,
      get(this: Lazy) {
        return part(this[SOURCE]);
      },
      set(this: Lazy, v: unknown) {
        written?.(this[SOURCE], name);
        Object.defineProperty(this, name, { value: v, enumerable: true, writable: true, configurable: true });
      },
    };
  });
  // The source's descriptor, refilled for each object (no descriptor object per call) and emptied after.
  const sourceDescriptor: PropertyDescriptor = { value: undefined };
  const make = ((src: T) => {
    // Built from an empty literal, which V8 gives four in-object slots: apiVersion, kind and the
    // source fit without a separate property array (a two-key literal has room for two).
    const o: Record<string, unknown> = {};
    o.apiVersion = apiVersion;
    o.kind = kind;
    sourceDescriptor.value = src;
    Object.defineProperty(o, SOURCE, sourceDescriptor);
    sourceDescriptor.value = undefined;
    for (let i = 0; i < names.length; i++) {
      if (isPlain[i]) o[names[i]] = parts[i](src);
      else Object.defineProperty(o, names[i], descriptors[i]);
    }
    return o as KubeObject;
  }) as LazyMaker<T>;
  make.source = (o) => (o as Partial<Lazy>)[SOURCE];
  return make;
}

/** A lazyWireObjects maker. */
export interface LazyMaker<T> {
  (src: T): KubeObject;
  /** The source of an object this maker made; undefined for any other object. */
  source(o: object): T | undefined;
}

/** A map of strings: v's string-valued entries, in order (nothing for anything but a plain map). */
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const r = rec(v) ?? {};
  for (const k of Object.keys(r)) if (typeof r[k] === 'string') out[k] = r[k] as string;
  return out;
}

/** strMap(v), answering v itself when the copy would hold the same (only string values, no "__proto__"
 *  key): a manifest pod's labels are read, never written, so each pod need not copy its own. */
export function stringLabels(v: unknown): Record<string, string> {
  const r = rec(v);
  if (!r || Object.getPrototypeOf(r) !== Object.prototype || Object.hasOwn(r, '__proto__')) return strMap(v);
  for (const k in r) if (typeof r[k] !== 'string' || !Object.hasOwn(r, k)) return strMap(v);
  return r as Record<string, string>;
}
