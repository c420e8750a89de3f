// Models the rule numbers of kube-proxy's shared chains on one node (pkg/proxy/iptables/proxier.go writes KUBE-SERVICES, KUBE-NODEPORTS, … one Service port after another). Leaves out: nothing.
// Rule numbers come from per-state prefix sums of each port's rule counts, corrected per node for the
// Local-policy ports whose counts differ there, so no chain is ever built to number one rule.
import { endpointFlags, NTOP, topCounts, type StateIndex } from './service-info';

/** Where a Service port's rules start in each TOP chain, on one node. */
export interface NodeOffsets {
  /** indexes of Local-policy ports with usable endpoints on this node (ascending) */
  deltaIdx: number[];
  /** prefix sums (entry k = before deltaIdx[k]) of the count changes those ports bring */
  deltaPrefix: Int32Array;
}

export function nodeOffsets(idx: StateIndex, nodeName: string): NodeOffsets {
  const deltaIdx = idx.localByNode.get(nodeName) ?? [];
  const deltaPrefix = new Int32Array((deltaIdx.length + 1) * NTOP);
  deltaIdx.forEach((i, k) => {
    const sp = idx.sps[i];
    const base = endpointFlags(sp, false);
    const here = endpointFlags(sp, true);
    const a = topCounts(sp, idx.opts, base.hasInternal, base.hasExternal);
    const b = topCounts(sp, idx.opts, here.hasInternal, here.hasExternal);
    for (let c = 0; c < NTOP; c++) deltaPrefix[(k + 1) * NTOP + c] = deltaPrefix[k * NTOP + c] + b[c] - a[c];
  });
  return { deltaIdx, deltaPrefix };
}

/** Number of rules that Service ports before `spIndex` put into TOP chain `c` on this node. */
export function topOffset(idx: StateIndex, off: NodeOffsets, spIndex: number, c: number): number {
  return topOffsetFrom(idx.basePrefix[spIndex * NTOP + c], off, spIndex, c);
}

/** topOffset given the node-independent part, basePrefix[spIndex * NTOP + c]. */
export function topOffsetFrom(base: number, off: NodeOffsets, spIndex: number, c: number): number {
  const d = off.deltaIdx;
  let lo = 0;
  let hi = d.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d[mid] < spIndex) lo = mid + 1;
    else hi = mid;
  }
  return base + off.deltaPrefix[lo * NTOP + c];
}
