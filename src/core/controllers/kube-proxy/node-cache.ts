// Models the per-node state of the kube-proxy model (pkg/proxy/iptables/proxier.go Proxier, one per node). Leaves out: everything but caches.
// The node's address, its rule-number offsets, and the rules of the Service ports built so far
// (node-independent ports once per state, Local-policy / firewall ports once per node), by chain name.
import type { ClusterState } from '../../cluster/state';
import { nodeOffsets, topOffset, type NodeOffsets, type StateIndex, type SvcPort } from './service-info';
import { buildServicePortRules, type SPRules } from './sp-rules';

export interface NodeCache {
  nodeIP: string | null;
  nodeN: number | null;
  off: NodeOffsets;
  /** rules in nat KUBE-SERVICES before the final KUBE-NODEPORTS jump */
  natServicesTotal: number;
  built: Map<number, SPRules>;
  /** chain name → the built rules of the node-dependent port owning it */
  chains: Map<string, SPRules>;
}

interface Shared {
  chains: Map<string, SPRules>;
}

function shared(idx: StateIndex): Shared {
  return (idx.shared ??= { chains: new Map() }) as Shared;
}

/** Dotted-quad IPv4 → uint32, or null. */
export function ip4(s: string): number | null {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return null;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3) return null;
    } else return null;
  }
  if (dots !== 3 || digits === 0 || part > 255) return null;
  return n * 256 + part;
}

export function inNet(n: number | null, net: { net: number; bits: number }): boolean {
  if (n === null) return false;
  if (net.bits === 0) return true;
  const mask = net.bits >= 32 ? 0xffffffff : ~(0xffffffff >>> net.bits);
  return ((n & mask) >>> 0) === ((net.net & mask) >>> 0);
}

export function nodeCache(idx: StateIndex, state: ClusterState, nodeName: string): NodeCache {
  let nc = idx.nodes.get(nodeName) as NodeCache | undefined;
  if (!nc) {
    const nodeIP = state.index.nodeByName.get(nodeName)?.internalIP ?? null;
    const off = nodeOffsets(idx, nodeName);
    nc = { nodeIP, nodeN: nodeIP ? ip4(nodeIP) : null, off, natServicesTotal: topOffset(idx, off, idx.sps.length, 0), built: new Map(), chains: new Map() };
    idx.nodes.set(nodeName, nc);
  }
  return nc;
}

export function spRules(idx: StateIndex, nc: NodeCache, nodeName: string, sp: SvcPort): SPRules {
  if (!sp.nodeDep) {
    let r = sp.built as SPRules | undefined;
    if (!r) {
      sp.built = r = buildServicePortRules(idx, sp, nodeName, nc.nodeIP);
      const sh = shared(idx);
      for (const chain of r.chains.keys()) sh.chains.set(chain, r);
    }
    return r;
  }
  let r = nc.built.get(sp.index);
  if (!r) {
    nc.built.set(sp.index, (r = buildServicePortRules(idx, sp, nodeName, nc.nodeIP)));
    for (const chain of r.chains.keys()) nc.chains.set(chain, r);
  }
  return r;
}

/** The built rules owning a Service port chain (KUBE-SVC/SVL/EXT/FW/SEP-…) on this node, if built. */
export function chainOwner(idx: StateIndex, nc: NodeCache, chain: string): SPRules | undefined {
  return nc.chains.get(chain) ?? shared(idx).chains.get(chain);
}

