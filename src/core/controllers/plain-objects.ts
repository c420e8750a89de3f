// Object copies for the controllers' hot paths (not a controller): `{ ...a, ...b }` with the same result,
// built by Object.assign, which V8 (node 20) extends several times faster than a spread copy.

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
 * Object.keys(o).sort(): small key lists by insertion sort (the native sort allocates a work buffer on
 * every call, a fifth of all allocation in a 10,000-object reconcile). Same order: UTF-16 code units.
 */
export function sortedKeys(o: object): string[] {
  return sortStrings(Object.keys(o));
}

/** xs.sort() for strings, in place: insertion sort for short lists (see sortedKeys). */
export function sortStrings(xs: string[]): string[] {
  if (xs.length > 16) return xs.sort();
  for (let i = 1; i < xs.length; i++) {
    const k = xs[i];
    let j = i - 1;
    while (j >= 0 && xs[j] > k) {
      xs[j + 1] = xs[j];
      j--;
    }
    xs[j + 1] = k;
  }
  return xs;
}
