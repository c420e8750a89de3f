// Models the per-node state of the kube-proxy model (pkg/proxy/iptables/proxier.go Proxier, one per node). Leaves out: everything but caches.
// The node's address, its rule-number offsets, and the rules of the Service ports built so far
// (node-independent ports once per state, Local-policy / firewall ports once per node), by chain name.
import type { ClusterState } from '../../cluster/state';
import type { StateIndex, SvcPort } from './service-info';
import { nodeOffsets, topOffset, type NodeOffsets } from './offsets';
import { buildServicePortRules, type SPRules } from './sp-rules';
import { ruleText } from './rule-spec';
import { ladderSteps } from './ladder';
import type { TracedRule } from './types';
import { ip4 } from './ip4';

export interface NodeCache {
  nodeIP: string | null;
  nodeN: number | null;
  off: NodeOffsets;
  /** rules in nat KUBE-SERVICES before the final KUBE-NODEPORTS jump */
  natServicesTotal: number;
  built: Map<number, SPRules>;
  /** chain name → the built rules of the node-dependent port owning it */
  chains: Map<string, SPRules>;
  /** the last nat KUBE-SERVICES rule (the jump to KUBE-NODEPORTS) with its text, once a decision used it */
  nodePortsJump: TracedRule | undefined;
}

interface Shared {
  chains: Map<string, SPRules>;
}

function shared(idx: StateIndex): Shared {
  return (idx.shared ??= { chains: new Map() }) as Shared;
}

export function nodeCache(idx: StateIndex, state: ClusterState, nodeName: string): NodeCache {
  let nc = idx.nodes.get(nodeName) as NodeCache | undefined;
  if (!nc) {
    const nodeIP = state.index.nodeByName.get(nodeName)?.internalIP ?? null;
    const off = nodeOffsets(idx, nodeName);
    nc = { nodeIP, nodeN: nodeIP ? ip4(nodeIP) : null, off, natServicesTotal: topOffset(idx, off, idx.sps.length, 0), built: new Map(), chains: new Map(), nodePortsJump: undefined };
    idx.nodes.set(nodeName, nc);
  }
  return nc;
}

/**
 * Give every rule of freshly built port rules its text, its own chains' rules the ref-with-text objects
 * decisions hand out, and its ladders their steps (ladder.ts), all at once: made together they sit
 * together in memory, which is what a trace over thousands of Services pays for, rather than for the
 * building.
 */
function prepareHops(r: SPRules): SPRules {
  for (const list of r.top) for (const rule of list) ruleText(rule);
  for (const list of r.chains.values()) {
    for (const rule of list) rule.hop ??= Object.freeze({ table: 'nat', chain: rule.ref!.chain, num: rule.ref!.num, text: ruleText(rule) });
  }
  for (const list of r.chains.values()) {
    for (const rule of list) {
      if (rule.ladderRules) rule.ladderSteps = ladderSteps(rule.ladderRules);
      if (rule.tailRules) rule.tailSteps = ladderSteps(rule.tailRules);
    }
  }
  return r;
}

export function spRules(idx: StateIndex, nc: NodeCache, nodeName: string, sp: SvcPort): SPRules {
  if (!sp.nodeDep) {
    let r = sp.built as SPRules | undefined;
    if (!r) {
      sp.built = r = prepareHops(buildServicePortRules(idx, sp, nodeName, nc.nodeIP));
      const sh = shared(idx);
      for (const chain of r.chains.keys()) sh.chains.set(chain, r);
    }
    return r;
  }
  let r = nc.built.get(sp.index);
  if (!r) {
    nc.built.set(sp.index, (r = prepareHops(buildServicePortRules(idx, sp, nodeName, nc.nodeIP))));
    for (const chain of r.chains.keys()) nc.chains.set(chain, r);
  }
  return r;
}

/** The built rules owning a Service port chain (KUBE-SVC/SVL/EXT/FW/SEP-…) on this node, if built. */
export function chainOwner(idx: StateIndex, nc: NodeCache, chain: string): SPRules | undefined {
  return nc.chains.get(chain) ?? shared(idx).chains.get(chain);
}

