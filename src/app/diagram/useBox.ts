// The hook each box reads its content with (boxes.ts): one subscription to its own id.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { BoxStore } from './boxes';

/** The diagram's box store; absent (e.g. a box rendered on its own in a test), boxes show their props. */
export const BoxContext = createContext<BoxStore | null>(null);

const noop = () => {};

/**
 * What box `id` shows: the data last published for it, else `fallback` (the data React Flow handed in,
 * which is never newer: a shell keeps the data of the drawing in which its geometry last changed, and
 * the diagram publishes each drawing before React Flow receives its shells).
 */
export function useBoxData<T>(id: string, fallback: T): T {
  const store = useContext(BoxContext);
  const subscribe = useCallback((fn: () => void) => (store ? store.subscribe(id, fn) : noop), [store, id]);
  const value = useSyncExternalStore(subscribe, () => store?.get(id));
  return (value ?? fallback) as T;
}
