// Models the pod lister's label-selector List (client-go listers + labels.SelectorFromSet) the endpoint controllers run per Service, as an index so 10,000 Services × 150,000 pods stays linear. Leaves out: set-based selectors (Services only have equality selectors).
import type { PodState } from '../cluster/state';

export interface PodLabelIndex {
  /** Pods in `namespace` whose labels contain every pair of `selector`, in the input order. */
  select(namespace: string, selector: Record<string, string>): PodState[];
}

/**
 * Builds `namespace → "k=v" → pods`. A selector is answered by walking its rarest pair's list and
 * checking the other pairs on each pod, so the cost is the size of the smallest candidate list.
 * `keys`: index only these label keys (the ones the selectors to come use); a selector with no pair
 * among them is answered by walking the namespace's pods, with the same result.
 */
export function buildPodLabelIndex(pods: readonly PodState[], keys?: ReadonlySet<string>): PodLabelIndex {
  const byNs = new Map<string, Map<string, PodState[]>>();
  // Each namespace's pods, for the selectors no list answers (the empty one, or one without an indexed
  // key): listed up front without `keys`, else on first need (the Services' selectors never need it).
  const allByNs = new Map<string, PodState[]>();
  const podsIn = (namespace: string): PodState[] => {
    let all = allByNs.get(namespace);
    if (!all) allByNs.set(namespace, (all = pods.filter((p) => p.namespace === namespace)));
    return all;
  };
  // A ReplicaSet's pods share one labels object and come one after another: their lists are looked up once.
  let lastNs: string | null = null;
  let lastLabels: Record<string, string> | null = null;
  let lists: PodState[][] = [];
  for (const pod of pods) {
    if (pod.namespace !== lastNs || pod.labels !== lastLabels) {
      let idx = byNs.get(pod.namespace);
      if (!idx) {
        idx = new Map();
        byNs.set(pod.namespace, idx);
        if (!keys) allByNs.set(pod.namespace, []);
      }
      lists = keys ? [] : [allByNs.get(pod.namespace)!];
      for (const k in pod.labels) {
        if (keys && !keys.has(k)) continue;
        const key = `${k}=${pod.labels[k]}`;
        let list = idx.get(key);
        if (!list) idx.set(key, (list = []));
        lists.push(list);
      }
      lastNs = pod.namespace;
      lastLabels = pod.labels;
    }
    for (const list of lists) list.push(pod);
  }
  return {
    select(namespace, selector) {
      const idx = byNs.get(namespace);
      if (!idx) return [];
      const pairs = Object.entries(selector);
      // labels.Set{}.AsSelector() is labels.Everything(): an empty selector matches every pod.
      if (pairs.length === 0) return podsIn(namespace);
      let smallest: PodState[] | undefined;
      for (const [k, v] of pairs) {
        if (keys && !keys.has(k)) continue;
        const list = idx.get(`${k}=${v}`);
        if (!list) return [];
        if (!smallest || list.length < smallest.length) smallest = list;
      }
      if (!smallest) smallest = podsIn(namespace);
      else if (pairs.length === 1) return smallest;
      return smallest.filter((p) => pairs.every(([k, v]) => p.labels[k] === v));
    },
  };
}
