// Models the pod lister's label-selector List (client-go listers + labels.SelectorFromSet) the endpoint controllers run per Service, as an index so 10,000 Services × 150,000 pods stays linear. Leaves out: set-based selectors (Services only have equality selectors).
import type { PodState } from '../cluster/state';

export interface PodLabelIndex {
  /** Pods in `namespace` whose labels contain every pair of `selector`, in the input order. */
  select(namespace: string, selector: Record<string, string>): PodState[];
}

/**
 * Builds `namespace → key → value → pods`. A selector is answered by walking its rarest pair's list and
 * checking the other pairs on each pod, so the cost is the size of the smallest candidate list.
 * `keys`: index only these label keys (the ones the selectors to come use); a selector with no pair
 * among them is answered by walking the namespace's pods, with the same result.
 */
export function buildPodLabelIndex(pods: readonly PodState[], keys?: ReadonlySet<string>): PodLabelIndex {
  const byNs = new Map<string, Map<string, Map<string, PodState[]>>>();
  // Each namespace's pods, for the selectors no list answers (the empty one, or one without an indexed
  // key): listed up front without `keys`, else on first need (the Services' selectors never need it).
  const allByNs = new Map<string, PodState[]>();
  const podsIn = (namespace: string): PodState[] => {
    let all = allByNs.get(namespace);
    if (!all) allByNs.set(namespace, (all = pods.filter((p) => p.namespace === namespace)));
    return all;
  };
  // A ReplicaSet's pods share one labels object and come one after another: each run of pods with the
  // same namespace and labels object joins its lists at once, a list met first taking a copy of the run
  // (a list of its final length when, as usual, one run fills it). Lists are found by key, then value:
  // no "key=value" string is written or hashed.
  for (let start = 0; start < pods.length; ) {
    const first = pods[start];
    const { namespace, labels } = first;
    let end = start + 1;
    while (end < pods.length && pods[end].labels === labels && pods[end].namespace === namespace) end++;
    let idx = byNs.get(namespace);
    if (!idx) {
      idx = new Map();
      byNs.set(namespace, idx);
      if (!keys) allByNs.set(namespace, []);
    }
    if (!keys) join(allByNs.get(namespace)!, pods, start, end);
    for (const k in labels) {
      if (keys && !keys.has(k)) continue;
      let byValue = idx.get(k);
      if (!byValue) idx.set(k, (byValue = new Map()));
      const list = byValue.get(labels[k]);
      if (list) join(list, pods, start, end);
      else byValue.set(labels[k], end - start === 1 ? [first] : pods.slice(start, end));
    }
    start = end;
  }
  return {
    select(namespace, selector) {
      const idx = byNs.get(namespace);
      if (!idx) return [];
      // The usual selector, one pair on an indexed key: its list is the answer (no pair list built).
      let only: string | null = null;
      let count = 0;
      for (const k in selector) {
        if (!Object.hasOwn(selector, k)) continue;
        only = k;
        if (++count > 1) break;
      }
      if (count === 1 && (!keys || keys.has(only!))) return idx.get(only!)?.get(selector[only!]) ?? [];
      const pairs = Object.entries(selector);
      // labels.Set{}.AsSelector() is labels.Everything(): an empty selector matches every pod.
      if (pairs.length === 0) return podsIn(namespace);
      let smallest: PodState[] | undefined;
      for (const [k, v] of pairs) {
        if (keys && !keys.has(k)) continue;
        const list = idx.get(k)?.get(v);
        if (!list) return [];
        if (!smallest || list.length < smallest.length) smallest = list;
      }
      if (!smallest) smallest = podsIn(namespace);
      else if (pairs.length === 1) return smallest;
      return smallest.filter((p) => pairs.every(([k, v]) => p.labels[k] === v));
    },
  };
}

/** Appends pods[start..end) to the list. */
function join(list: PodState[], pods: readonly PodState[], start: number, end: number): void {
  for (let i = start; i < end; i++) list.push(pods[i]);
}
