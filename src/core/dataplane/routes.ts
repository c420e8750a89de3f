// The routing facts about a pod address that forwarding needs: which pod has it, on which node (the
// CNI's per-node route), and which ports its containers listen on. Kept per ClusterState and filled
// per address on first use, so a trace reads one small record instead of walking the pod, its node and
// its containers (at 150,000 pods those scattered reads, not the arithmetic, are what a trace costs).
import type { ClusterState, NodeState, PodState } from '../cluster/state';
import { ip4Key } from '../controllers/kube-proxy/ip4';

export interface PodRoute {
  pod: PodState;
  /** hop location "pod/NS/NAME" */
  at: string;
  /** "NS/NAME" */
  ref: string;
  nodeName: string | null;
  /** the pod's node (undefined if the index has no such node), its hop location and address, its pod CIDR */
  node: NodeState | undefined;
  nodeAt: string;
  nodeIP: string;
  podCIDR: string | null;
  /** sockets the containers listen on: the first inline (usually the only one), all as parallel lists */
  port0: number;
  proto0: number;
  ports: number[];
  protos: number[];
}

/** Protocol names as numbers: a container's (0 when unknown) equals a packet's exactly when the names do. */
const protoN = (p: string, packet: boolean): number => (p === 'TCP' ? 1 : p === 'UDP' ? 2 : p === 'SCTP' ? 3 : p === 'ICMP' ? 4 : packet ? -1 : 0);

interface Routes {
  /** by ip4Key of a canonical address (number keys: no key string to compare), else by the address as written */
  byKey: Map<number, PodRoute | null>;
  byIP: Map<string, PodRoute | null>;
  /** pod key → the ports its endpoints name (for pods that declare no containerPorts), built once */
  endpointPorts: Map<string, { ports: number[]; protos: string[] }> | null;
}

const cache = new WeakMap<ClusterState, Routes>();

function routes(state: ClusterState): Routes {
  let r = cache.get(state);
  if (!r) cache.set(state, (r = { byKey: new Map(), byIP: new Map(), endpointPorts: null }));
  return r;
}

const NO_PORTS = { ports: [] as number[], protos: [] as string[] };

/**
 * Ports a container listens on: its declared containerPorts, or (declaring none) every port an
 * endpoint of some Service names for it (a process serves what the Service targets).
 */
function listenPorts(state: ClusterState, r: Routes, pod: PodState): { ports: number[]; protos: string[] } {
  const ports: number[] = [];
  const protos: string[] = [];
  for (const c of pod.containers) {
    for (const p of c.ports) {
      ports.push(p.containerPort);
      protos.push(p.protocol);
    }
  }
  if (ports.length) return { ports, protos };
  if (!r.endpointPorts) {
    const m = new Map<string, { ports: number[]; protos: string[] }>();
    for (const eps of state.index.endpoints.values()) {
      for (const e of eps) {
        if (!e.podKey) continue;
        let l = m.get(e.podKey);
        if (!l) m.set(e.podKey, (l = { ports: [], protos: [] }));
        l.ports.push(e.port);
        l.protos.push(e.protocol);
      }
    }
    r.endpointPorts = m;
  }
  return r.endpointPorts.get(pod.key) ?? NO_PORTS;
}

/** The pod that has address `ip` (state.index.podByIP) with its routing facts, or null. */
export function podRoute(state: ClusterState, ip: string): PodRoute | null {
  const r = routes(state);
  const key = ip4Key(ip);
  let pr = key === key ? r.byKey.get(key) : r.byIP.get(ip);
  if (pr === undefined) {
    pr = buildRoute(state, r, ip);
    if (key === key) r.byKey.set(key, pr);
    else r.byIP.set(ip, pr);
  }
  return pr;
}

function buildRoute(state: ClusterState, r: Routes, ip: string): PodRoute | null {
  const pod = state.index.podByIP.get(ip);
  if (!pod) return null;
  const node = pod.nodeName ? state.index.nodeByName.get(pod.nodeName) : undefined;
  const listen = listenPorts(state, r, pod);
  const protos = listen.protos.map((p) => protoN(p, false));
  return {
    pod,
    at: `pod/${pod.namespace}/${pod.name}`,
    ref: `${pod.namespace}/${pod.name}`,
    nodeName: pod.nodeName,
    node,
    nodeAt: `node/${pod.nodeName}`,
    nodeIP: node ? node.internalIP : '',
    podCIDR: node ? node.podCIDR : null,
    port0: listen.ports.length ? listen.ports[0] : -1,
    proto0: listen.ports.length ? protos[0] : -2,
    ports: listen.ports,
    protos,
  };
}

/** Whether the pod listens on `port`/`proto` (the packet is then accepted, else refused). */
export function listensOn(pr: PodRoute, port: number, proto: string): boolean {
  const p = protoN(proto, true);
  if (pr.port0 === port && pr.proto0 === p) return true;
  const { ports, protos } = pr;
  for (let i = 1; i < ports.length; i++) if (ports[i] === port && protos[i] === p) return true;
  return false;
}
