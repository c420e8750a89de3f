// Which pods a Service selector matches, without scanning every pod per Service (model.ts serviceFlag).
import type { PodState } from '../../core';

function matches(labels: Record<string, string>, sel: Record<string, string>): boolean {
  for (const k of Object.keys(sel)) if (labels[k] !== sel[k]) return false;
  return true;
}

/**
 * Pods by namespace and label pair, built on first use: a Service without endpoints counts the pods its
 * selector matches among the candidates of its rarest pair, not among every pod (a 5 MB paste of
 * Services without pods spent 25 s scanning all pods once per Service).
 */
export class PodIndex {
  private byNs: Map<string, Map<string, PodState[]>> | null = null;
  constructor(private readonly pods: readonly PodState[]) {}

  /** How many pods of `namespace` carry every label of `selector` (non-empty). */
  count(namespace: string, selector: Record<string, string>): number {
    if (!this.byNs) {
      this.byNs = new Map();
      for (const p of this.pods) {
        let m = this.byNs.get(p.namespace);
        if (!m) this.byNs.set(p.namespace, (m = new Map()));
        for (const k of Object.keys(p.labels)) {
          const id = `${k}\u0000${p.labels[k]}`;
          const list = m.get(id);
          if (list) list.push(p);
          else m.set(id, [p]);
        }
      }
    }
    const m = this.byNs.get(namespace);
    if (!m) return 0;
    let best: PodState[] | null = null;
    for (const k of Object.keys(selector)) {
      const list = m.get(`${k}\u0000${selector[k]}`);
      if (!list) return 0;
      if (!best || list.length < best.length) best = list;
    }
    return best ? best.filter((p) => matches(p.labels, selector)).length : 0;
  }
}

