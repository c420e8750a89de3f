// Models kube-proxy's EndpointSliceCache (pkg/proxy/endpointslicecache.go newEndpointSliceInfo, endpointInfoByServicePort, addEndpoints, endpointsMapFromEndpointInfo): the endpoints of every Service port, merged across its slices. Leaves out: IPv6 (the cluster is single-stack IPv4), topology hints, and kube-proxy's informer filters on service-proxy-name/headless labels (DNS reads the same index).
import type { EndpointState, PodState, Protocol, ServicePortKey, ServiceState } from '../cluster/state';
import { servicePortKey } from '../cluster/state';
import type { KubeObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/types';
import { rec } from '../manifest/validate/types';
import { LABEL_SERVICE_NAME } from './endpointslice-fresh';
import type { SliceSource } from './endpointslice-endpoints';
import { sliceSource } from './endpointslice-fresh';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Groups endpoints by Service port (the slice port's name + protocol), keeping the first of any
 * duplicate ip:port, then sorts each list by "ip:port" as endpointsMapFromEndpointInfo does. Slices
 * without the service-name label, of another address type, ports without a name or number, endpoints
 * without an address, and slices of Services that do not exist are ignored. Missing conditions read as
 * ready/serving and not terminating.
 */
export function buildEndpointIndex(
  services: readonly ServiceState[],
  slices: readonly KubeObject[],
  /** Every pod's key is objectKey('Pod', namespace, name) (true of runWorkloads' pods): used as it is. */
  canonicalKeys = false,
): Map<ServicePortKey, EndpointState[]> {
  // The Services' "ns/name" keys, for the slices written elsewhere (given ones): a slice the controller
  // created here belongs to one of `services` by construction, and most slices are such.
  // The first few are looked up in the list (the apiserver's one slice should not cost a key per Service).
  let svcKeys: Set<string> | null = null;
  let lookups = 0;
  const known = (ns: string, name: string): boolean => {
    if (!svcKeys && ++lookups <= 8) {
      for (const s of services) if (s.name === name && s.namespace === ns) return true;
      return false;
    }
    return (svcKeys ??= new Set(services.map((s) => `${s.namespace}/${s.name}`))).has(`${ns}/${name}`);
  };
  // Every endpoint of every slice, per Service port, in slice order; the first of a duplicate ip:port is
  // kept below, after a stable sort by "ip:port" (no "ip:port" string or Map entry per endpoint).
  const lists = new Map<ServicePortKey, EndpointState[]>();
  for (const slice of slices) {
    // A slice the controller created and nobody has read is read from its source: the Service it
    // belongs to, its ports, and its pods (what podToEndpoint would write), leaving the slice unbuilt.
    const src = sliceSource(slice);
    const ns = src ? src.svc.namespace : (slice.metadata?.namespace ?? 'default');
    const svcName = src ? src.svc.name : slice.metadata?.labels?.[LABEL_SERVICE_NAME];
    if (!svcName || (!src && !known(ns, svcName)) || slice.addressType !== 'IPv4') continue;
    const eps = src ? [] : arr(slice.endpoints).map((e) => rec(e) ?? {});
    for (const rawPort of arr(slice.ports)) {
      const p = rec(rawPort);
      if (!p || typeof p.name !== 'string' || typeof p.port !== 'number' || p.port === 0) continue;
      const protocol = (str(p.protocol) ?? 'TCP') as Protocol;
      const key = servicePortKey({ namespace: ns, name: svcName }, { name: p.name, protocol });
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      if (src) {
        addFromPods(list, src, p.port, protocol, canonicalKeys);
        continue;
      }
      for (const ep of eps) {
        const ip = str(arr(ep.addresses)[0]);
        if (!ip || ip.includes(':')) continue;
        const cond = rec(ep.conditions) ?? {};
        const ref = rec(ep.targetRef);
        const podKey: ObjectKey | null = ref && ref.kind === 'Pod' && typeof ref.name === 'string' ? objectKey('Pod', str(ref.namespace) ?? ns, ref.name) : null;
        list.push({ ip, port: p.port, protocol, podKey, nodeName: str(ep.nodeName), ready: cond.ready !== false, serving: cond.serving !== false, terminating: cond.terminating === true });
      }
    }
  }
  const index = new Map<ServicePortKey, EndpointState[]>();
  for (const [key, list] of lists) {
    if (list.length === 0) continue;
    list.sort(byId); // stable: of equal ids, the first listed stays first
    let n = 1;
    for (let i = 1; i < list.length; i++) if (byId(list[n - 1], list[i]) !== 0) list[n++] = list[i];
    list.length = n;
    index.set(key, list);
  }
  return index;
}

/** The order of the "ip:port" strings (UTF-16 code units), without writing them. */
function byId(a: EndpointState, b: EndpointState): number {
  const x = a.ip;
  const y = b.ip;
  if (a.port === b.port) {
    if (x === y) return 0;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const d = x.charCodeAt(i) - y.charCodeAt(i);
      if (d !== 0) return d;
    }
    // One address is a prefix of the other: the shorter one goes on with ':' (unless the longer one
    // does too, which only the general comparison below settles).
    const next = x.length < y.length ? y.charCodeAt(n) : x.charCodeAt(n);
    if (next !== 58) return x.length < y.length ? 58 - next : next - 58;
  }
  const s = `${x}:${a.port}`;
  const t = `${y}:${b.port}`;
  return s < t ? -1 : s > t ? 1 : 0;
}

/** objectKey('Pod', namespace, name) of the pod: its own key when that is the same text (no new string). */
function podKeyOf(pod: PodState): ObjectKey {
  const { key, namespace: ns, name } = pod;
  const same = key.length === ns.length + name.length + 5 && key.startsWith('Pod/') && key.startsWith(ns, 4) && key.charCodeAt(4 + ns.length) === 47 && key.endsWith(name);
  return same ? key : objectKey('Pod', ns, name);
}

/** The generic loop above over podToEndpoint's output, without building it: address = the pod IP,
 *  targetRef = the pod, nodeName when set, ready = publishNotReadyAddresses || (serving && !terminating). */
function addFromPods(list: EndpointState[], src: SliceSource, port: number, protocol: Protocol, canonicalKeys: boolean): void {
  const publish = src.svc.publishNotReadyAddresses;
  for (const pod of src.pods) {
    const serving = pod.serving ?? pod.ready;
    const terminating = pod.terminating;
    const ready = publish || (serving && !terminating);
    const podKey = canonicalKeys ? pod.key : podKeyOf(pod);
    list.push({ ip: pod.ip!, port, protocol, podKey, nodeName: pod.nodeName || null, ready: ready !== false, serving: serving !== false, terminating: terminating === true });
  }
}
