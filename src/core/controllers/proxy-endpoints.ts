// Models kube-proxy's EndpointSliceCache (pkg/proxy/endpointslicecache.go newEndpointSliceInfo, endpointInfoByServicePort, addEndpoints, endpointsMapFromEndpointInfo): the endpoints of every Service port, merged across its slices. Leaves out: IPv6 (the cluster is single-stack IPv4), topology hints, and kube-proxy's informer filters on service-proxy-name/headless labels (DNS reads the same index).
import type { EndpointState, PodState, Protocol, ServicePortKey, ServiceState } from '../cluster/state';
import { servicePortKey } from '../cluster/state';
import type { KubeObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/types';
import { rec } from '../manifest/validate/types';
import { LABEL_SERVICE_NAME } from './endpointslice-reconciler';
import { sliceSource, type SliceSource } from './endpointslice-endpoints';
import { sortStrings } from './plain-objects';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Groups endpoints by Service port (the slice port's name + protocol), keeping the first of any
 * duplicate ip:port, then sorts each list by "ip:port" as endpointsMapFromEndpointInfo does. Slices
 * without the service-name label, of another address type, ports without a name or number, endpoints
 * without an address, and slices of Services that do not exist are ignored. Missing conditions read as
 * ready/serving and not terminating.
 */
export function buildEndpointIndex(services: readonly ServiceState[], slices: readonly KubeObject[]): Map<ServicePortKey, EndpointState[]> {
  const svcKeys = new Set(services.map((s) => `${s.namespace}/${s.name}`));
  const sets = new Map<ServicePortKey, Map<string, EndpointState>>();
  for (const slice of slices) {
    const ns = slice.metadata?.namespace ?? 'default';
    const svcName = slice.metadata?.labels?.[LABEL_SERVICE_NAME];
    if (!svcName || !svcKeys.has(`${ns}/${svcName}`) || slice.addressType !== 'IPv4') continue;
    // A slice whose endpoints are still unbuilt is read from its pods (what podToEndpoint would write).
    const src = sliceSource(slice);
    const eps = src ? [] : arr(slice.endpoints).map((e) => rec(e) ?? {});
    for (const rawPort of arr(slice.ports)) {
      const p = rec(rawPort);
      if (!p || typeof p.name !== 'string' || typeof p.port !== 'number' || p.port === 0) continue;
      const protocol = (str(p.protocol) ?? 'TCP') as Protocol;
      const key = servicePortKey({ namespace: ns, name: svcName }, { name: p.name, protocol });
      let set = sets.get(key);
      if (!set) sets.set(key, (set = new Map()));
      if (src) {
        addFromPods(set, src, p.port, protocol);
        continue;
      }
      for (const ep of eps) {
        const ip = str(arr(ep.addresses)[0]);
        if (!ip || ip.includes(':')) continue;
        const id = `${ip}:${p.port}`;
        if (set.has(id)) continue;
        const cond = rec(ep.conditions) ?? {};
        const ref = rec(ep.targetRef);
        const podKey: ObjectKey | null = ref && ref.kind === 'Pod' && typeof ref.name === 'string' ? objectKey('Pod', str(ref.namespace) ?? ns, ref.name) : null;
        set.set(id, { ip, port: p.port, protocol, podKey, nodeName: str(ep.nodeName), ready: cond.ready !== false, serving: cond.serving !== false, terminating: cond.terminating === true });
      }
    }
  }
  const index = new Map<ServicePortKey, EndpointState[]>();
  for (const [key, set] of sets) {
    if (set.size === 0) continue;
    const ids = sortStrings([...set.keys()]);
    index.set(
      key,
      ids.map((id) => set.get(id)!),
    );
  }
  return index;
}

/** objectKey('Pod', namespace, name) of the pod: its own key when that is the same text (no new string). */
function podKeyOf(pod: PodState): ObjectKey {
  const { key, namespace: ns, name } = pod;
  const same = key.length === ns.length + name.length + 5 && key.startsWith('Pod/') && key.startsWith(ns, 4) && key.charCodeAt(4 + ns.length) === 47 && key.endsWith(name);
  return same ? key : objectKey('Pod', ns, name);
}

/** The generic loop above over podToEndpoint's output, without building it: address = the pod IP,
 *  targetRef = the pod, nodeName when set, ready = publishNotReadyAddresses || (serving && !terminating). */
function addFromPods(set: Map<string, EndpointState>, src: SliceSource, port: number, protocol: Protocol): void {
  const publish = src.svc.publishNotReadyAddresses;
  for (const pod of src.pods) {
    const ip = pod.ip!;
    const id = `${ip}:${port}`;
    if (set.has(id)) continue;
    const serving = pod.serving ?? pod.ready;
    const terminating = pod.terminating;
    const ready = publish || (serving && !terminating);
    set.set(id, { ip, port, protocol, podKey: podKeyOf(pod), nodeName: pod.nodeName || null, ready: ready !== false, serving: serving !== false, terminating: terminating === true });
  }
}
