// Models the port handling shared by the endpoint controllers: FindPort (named targetPort lookup, staging/src/k8s.io/endpointslice/utils.go and pkg/api/v1/pod/util.go), the EndpointSlice port order (util.NewPortMapKey sorts ports in place by fnv-128a of their spew dump) and the Endpoints port order (pkg/api/v1/endpoints/util.go portsByHash, md5). Leaves out: IPv6 and dual-stack address types.
import type { PodState, Protocol, ServicePortState, ServiceState } from '../cluster/state';
import { rec } from '../manifest/validate/types';
import { fnv128aHex, goInt, goPtr, goStr, goStruct, md5Hex, spewHash } from './go-hash';

/** One resolved port of an endpoint set: what an EndpointSlice or Endpoints subset lists. */
export interface EndpointPortSpec {
  name: string;
  port: number;
  protocol: Protocol;
  appProtocol: string | null;
}

/** spec.ports[i].appProtocol as written (ServicePortState does not carry it). */
export function appProtocolOf(svc: ServiceState, i: number): string | null {
  const ports = rec(svc.object.spec)?.ports;
  const p = Array.isArray(ports) ? rec(ports[i]) : undefined;
  return typeof p?.appProtocol === 'string' ? p.appProtocol : null;
}

/**
 * FindPort: a numeric targetPort is used as is; a named one is looked up in the pod's containers, then
 * in its restartable init containers (sidecars), matching name and protocol. null: no suitable port.
 */
export function findPort(pod: PodState, port: ServicePortState): number | null {
  if (typeof port.targetPort === 'number') return port.targetPort;
  const name = port.targetPort;
  for (const c of pod.containers) for (const cp of c.ports) if (cp.name === name && cp.protocol === port.protocol) return cp.containerPort;
  const inits = rec(pod.object.spec)?.initContainers;
  if (Array.isArray(inits)) {
    for (const raw of inits) {
      const c = rec(raw);
      if (!c || c.restartPolicy !== 'Always' || !Array.isArray(c.ports)) continue;
      for (const rp of c.ports) {
        const cp = rec(rp);
        if (cp && cp.name === name && (cp.protocol ?? 'TCP') === port.protocol && typeof cp.containerPort === 'number') return cp.containerPort;
      }
    }
  }
  return null;
}

/** A cheap identity for a resolved port list (upstream hashes the sorted list; any injective key will do). */
export const portListKey = (ports: readonly EndpointPortSpec[]): string => ports.map((p) => `${p.name}\u0000${p.protocol}\u0000${p.port}\u0000${p.appProtocol ?? '\u0001'}`).join('\u0002');

/** NewPortMapKey: a port set's identity whatever the order of its ports. */
export const portMapKey = (ports: readonly EndpointPortSpec[]): string =>
  ports
    .map((p) => portListKey([p]))
    .sort()
    .join('\u0003');

const sliceHashCache = new Map<string, string>();

/** deepHashObjectToString(discovery.EndpointPort{Name, Protocol, Port, AppProtocol}) — all pointers. */
export function discoveryPortHash(p: EndpointPortSpec): string {
  const id = portListKey([p]);
  let h = sliceHashCache.get(id);
  if (h === undefined) {
    const v = goStruct('discovery.EndpointPort', [
      ['Name', goPtr('string', goStr(p.name))],
      ['Protocol', goPtr('v1.Protocol', goStr(p.protocol, 'v1.Protocol'))],
      ['Port', goPtr('int32', goInt(p.port))],
      ['AppProtocol', goPtr('string', p.appProtocol === null ? null : goStr(p.appProtocol))],
    ]);
    h = fnv128aHex(spewHash(v));
    if (sliceHashCache.size > 10000) sliceHashCache.clear();
    sliceHashCache.set(id, h);
  }
  return h;
}

/** The order an EndpointSlice's ports end up in: portsInOrder (ascending fnv-128a hex). */
export function sortSlicePorts(ports: readonly EndpointPortSpec[]): EndpointPortSpec[] {
  return [...ports].sort((a, b) => {
    const [ha, hb] = [discoveryPortHash(a), discoveryPortHash(b)];
    return ha < hb ? -1 : ha > hb ? 1 : 0;
  });
}

/** core/v1 EndpointPort{Name string, Port int32, Protocol Protocol, AppProtocol *string} as spew sees it. */
export const corePortGo = (p: EndpointPortSpec) =>
  goStruct('v1.EndpointPort', [
    ['Name', goStr(p.name)],
    ['Port', goInt(p.port)],
    ['Protocol', goStr(p.protocol, 'v1.Protocol')],
    ['AppProtocol', goPtr('string', p.appProtocol === null ? null : goStr(p.appProtocol))],
  ]);

/** SortSubsets' portsByHash: ascending md5 of each port's spew dump. */
export function sortEndpointsPorts(ports: readonly EndpointPortSpec[]): EndpointPortSpec[] {
  const keyed = ports.map((p) => [md5Hex(spewHash(corePortGo(p))), p] as const);
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return keyed.map(([, p]) => p);
}

/** The wire shape of a slice port (discovery/v1 EndpointPort; appProtocol only when set). */
export function slicePortWire(p: EndpointPortSpec): Record<string, unknown> {
  return { name: p.name, protocol: p.protocol, port: p.port, ...(p.appProtocol !== null ? { appProtocol: p.appProtocol } : {}) };
}
