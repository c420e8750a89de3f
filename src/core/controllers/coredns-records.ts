// Models the kubernetes plugin's backend (coredns plugin/kubernetes parse.go, kubernetes.go Services/Records/findServices/findPods, reverse.go, ns.go, namespace.go). Leaves out: `labels`/`namespace_labels` selectors, multicluster, dual-stack ClusterIPs beyond spec.clusterIPs.
//
// Which msg.Service entries a name stands for. Wildcard labels ("*", "any") were removed in
// CoreDNS 1.9 and are plain (non-matching) labels here too.
import type { ClusterState, ServiceState } from '../cluster/state';
import { COREDNS_IMAGE } from '../cluster/system';
import { objectKey } from '../model/types';
import { parseIPStrict } from '../net/ipv4';
import type { DnsIndex, EndpointAddress } from './coredns-index';
import { slicesOf } from './coredns-index';
import { hostType, isReverse, splitLabels, trimZone } from './coredns-names';

/** msg.Service, reduced to what the kubernetes plugin fills in; `target` is msg.Domain(Key). */
export interface Msg {
  host: string;
  port: number;
  ttl: number;
  target: string;
  text?: string;
  kind: 'service' | 'headless' | 'endpoint' | 'external' | 'pod' | 'ns' | 'txt';
}

/** Services() result: `nameError` is IsNameError(err) (errNoItems, errNsNotExposed, errInvalidRequest). */
export interface Found {
  services: Msg[];
  nameError: boolean;
}

export interface KubernetesBackend {
  state: ClusterState;
  idx: DnsIndex;
  ttl: number;
  podsMode: 'insecure' | 'verified' | 'disabled';
  /** `namespaces` option (empty: all) */
  namespaces: string[];
  endpointPodNames: boolean;
  ignoreEmptyService: boolean;
  /** first non-reverse zone (PTR targets are built in it) */
  primaryZone: string;
}

interface RecordRequest {
  port: string;
  protocol: string;
  endpoint: string;
  service: string;
  namespace: string;
  podOrSvc: string;
}

const NAME_ERROR: Found = { services: [], nameError: true };
const ok = (services: Msg[]): Found => ({ services, nameError: false });
const eqFold = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const stripUnderscore = (s: string) => (s.startsWith('_') ? s.slice(1) : s);

/**
 * CoreDNS v1.12.0 answered PTR only for endpoints with a hostname (coredns#6898); v1.12.1 reverted
 * that (coredns#7194, issue #7177) back to a PTR per endpoint with the dashed-IP name as fallback.
 * Follow whichever version the cluster's image pins (cluster/system.ts).
 */
export const PTR_HOSTNAME_ONLY = /:v1\.12\.0$/.test(COREDNS_IMAGE);

/** parse.go parseRequest: null is errInvalidRequest. */
export function parseRequest(name: string, zone: string): RecordRequest | null {
  const r: RecordRequest = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' };
  const base = trimZone(name, zone);
  // NODATA for apex queries
  if (base === '' || base === 'svc' || base === 'pod') return r;
  const segs = splitLabels(base);
  let last = segs.length - 1;
  r.podOrSvc = segs[last];
  if (r.podOrSvc !== 'pod' && r.podOrSvc !== 'svc') return null;
  if (--last < 0) return r;
  r.namespace = segs[last];
  if (--last < 0) return r;
  r.service = segs[last];
  if (--last < 0) return r;
  // One label left: an endpoint; two: _port._protocol; more: too long to answer.
  if (last === 0) r.endpoint = segs[0];
  else if (last === 1) {
    r.protocol = stripUnderscore(segs[1]);
    r.port = stripUnderscore(segs[0]);
  } else return null;
  return r;
}

/** kubernetes.go endpointHostname: hostname, else (endpoint_pod_names) the pod name, else the dashed IP. */
export function endpointHostname(addr: EndpointAddress, endpointPodNames: boolean): string {
  if (addr.hostname) return addr.hostname;
  if (endpointPodNames && addr.targetRefName) return addr.targetRefName;
  if (addr.ip.includes('.')) return addr.ip.replaceAll('.', '-');
  if (addr.ip.includes(':')) return addr.ip.replaceAll(':', '-');
  return '';
}

/** namespace.go namespaceExposed: allowed by the `namespaces` option and present in the cluster. */
function namespaceExposed(b: KubernetesBackend, ns: string): boolean {
  return (b.namespaces.length === 0 || b.namespaces.includes(ns)) && b.idx.namespaces.has(ns);
}

/** matchPortAndProtocol: an empty request label matches anything. */
const matchPortAndProtocol = (aPort: string, bPort: string, aProto: string, bProto: string) =>
  (eqFold(aPort, bPort) || aPort === '') && (eqFold(aProto, bProto) || aProto === '');

function clusterIPsOf(svc: ServiceState): string[] {
  const spec = svc.object.spec as { clusterIPs?: unknown } | undefined;
  const ips = Array.isArray(spec?.clusterIPs) ? spec.clusterIPs.filter((x): x is string => typeof x === 'string' && x !== 'None') : [];
  return ips.length ? ips : svc.clusterIP ? [svc.clusterIP] : [];
}

function findServices(b: KubernetesBackend, r: RecordRequest, zone: string): Found {
  if (r.service === '') return ok([]); // NODATA: the namespace exists (checked by records)
  const svc = b.state.index.serviceByKey.get(objectKey('Service', r.namespace, r.service));
  if (!svc) return NAME_ERROR;
  const slices = slicesOf(b.idx, svc.namespace, svc.name);
  const isExternal = svc.type === 'ExternalName';
  if (b.ignoreEmptyService && !isExternal && !svc.headless && !slices.some((s) => s.addresses.length)) return NAME_ERROR;
  const base = `${svc.name}.${svc.namespace}.svc.${zone}`;
  const out: Msg[] = [];
  let nameError = true;
  if (isExternal) {
    // External services cannot have endpoints; an IP-valued externalName is not a CNAME and answers nothing.
    const host = svc.externalName ?? '';
    if (r.endpoint !== '' || host === '' || hostType(host) !== 'CNAME') return NAME_ERROR;
    return ok([{ host, port: 0, ttl: b.ttl, target: base, kind: 'external' }]);
  }
  if (svc.headless || r.endpoint !== '') {
    for (const s of slices) {
      for (const addr of s.addresses) {
        const hn = endpointHostname(addr, b.endpointPodNames);
        if (r.endpoint !== '' && !eqFold(r.endpoint, hn)) continue;
        for (const p of s.ports) {
          if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
          out.push({ host: addr.ip, port: p.port, ttl: b.ttl, target: `${hn}.${base}`, kind: r.endpoint ? 'endpoint' : 'headless' });
          nameError = false;
        }
      }
    }
    return { services: out, nameError };
  }
  for (const p of svc.ports) {
    if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
    nameError = false;
    for (const ip of clusterIPsOf(svc)) out.push({ host: ip, port: p.port, ttl: b.ttl, target: base, kind: 'service' });
  }
  return { services: out, nameError };
}

function findPods(b: KubernetesBackend, r: RecordRequest, zone: string): Found {
  if (b.podsMode === 'disabled') return NAME_ERROR;
  const podname = r.service;
  if (podname === '') return ok([]);
  const ip = (podname.match(/-/g) ?? []).length === 3 && !podname.includes('--') ? podname.replaceAll('-', '.') : podname.replaceAll('-', ':');
  const target = `${podname}.${r.namespace}.pod.${zone}`;
  if (b.podsMode === 'insecure') {
    // Any name that parses as an address answers with it, pod or not.
    return parseIPStrict(ip) ? ok([{ host: ip, port: 0, ttl: b.ttl, target, kind: 'pod' }]) : NAME_ERROR;
  }
  const pods = (b.idx.podsByIP.get(ip) ?? []).filter((p) => eqFold(p.namespace, r.namespace));
  return pods.length ? ok(pods.map(() => ({ host: ip, port: 0, ttl: b.ttl, target, kind: 'pod' as const }))) : NAME_ERROR;
}

/** kubernetes.go Records. */
export function records(b: KubernetesBackend, name: string, zone: string): Found {
  const r = parseRequest(name, zone);
  if (!r) return NAME_ERROR;
  if (r.podOrSvc === '') return ok([]);
  if (isReverse(name) > 0) return NAME_ERROR;
  if (!namespaceExposed(b, r.namespace)) return NAME_ERROR;
  return r.podOrSvc === 'pod' ? findPods(b, r, zone) : findServices(b, r, zone);
}

/**
 * ns.go nsAddrs: the Services whose endpoints hold this CoreDNS instance's address (kube-dns →
 * its ClusterIP), else "ns.dns.<zone>" at the pod address. Any CoreDNS replica gives the same
 * answer while it is a ready endpoint of kube-dns; the first by name stands in for "this instance".
 */
export function nsAddrs(b: KubernetesBackend, zone: string): { name: string; ip: string }[] {
  const self = b.idx.corednsPods[0];
  if (!self?.ip) return [];
  const out: { name: string; ip: string }[] = [];
  for (const s of b.idx.slicesByIP.get(self.ip) ?? []) {
    const svc = b.state.index.serviceByKey.get(objectKey('Service', s.namespace, s.service));
    if (!svc) continue;
    const svcName = `${svc.name}.${svc.namespace}.svc.${zone}`;
    if (svc.headless) for (const a of s.addresses) out.push({ name: `${endpointHostname(a, b.endpointPodNames)}.${svcName}`, ip: a.ip });
    else for (const ip of clusterIPsOf(svc)) out.push({ name: svcName, ip });
  }
  if (!out.length) out.push({ name: `ns.dns.${zone}`, ip: self.ip });
  const seen = new Set<string>();
  return out.filter((x) => !seen.has(x.ip) && seen.add(x.ip));
}

/** kubernetes.go Services: TXT dns-version, NS, the ns.dns name, then Records (SRV drops CNAMEs). */
export function services(b: KubernetesBackend, name: string, zone: string, qtype: string): Found {
  if (qtype === 'TXT') {
    const segs = splitLabels(trimZone(name, zone));
    if (segs.length !== 1 || segs[0] !== 'dns-version') return ok([]);
    // DNSSchemaVersion of https://github.com/kubernetes/dns/blob/master/docs/specification.md
    return ok([{ host: '', port: 0, ttl: 28800, target: name, text: '1.1.0', kind: 'txt' }]);
  }
  if (qtype === 'NS') return ok(nsAddrs(b, zone).map((n) => ({ host: n.ip, port: 0, ttl: b.ttl, target: n.name, kind: 'ns' as const })));
  if (name === `ns.dns.${zone}`) {
    const fam = qtype === 'A' || qtype === 'AAAA' ? qtype : null;
    return ok(nsAddrs(b, zone).filter((n) => hostType(n.ip) === fam).map((n) => ({ host: n.ip, port: 0, ttl: b.ttl, target: name, kind: 'ns' as const })));
  }
  const f = records(b, name, zone);
  return qtype === 'SRV' ? { ...f, services: f.services.filter((s) => hostType(s.host) !== 'CNAME') } : f;
}

/** reverse.go serviceRecordForIP: the Service with that ClusterIP, else the endpoints holding it. */
export function serviceRecordForIP(b: KubernetesBackend, ip: string): string[] {
  const filtered = (ns: string) => b.namespaces.length > 0 && !namespaceExposed(b, ns);
  const svc = b.state.index.serviceByClusterIP.get(ip);
  if (svc && !filtered(svc.namespace)) return [`${svc.name}.${svc.namespace}.svc.${b.primaryZone}`];
  const out: string[] = [];
  for (const s of b.idx.slicesByIP.get(ip) ?? []) {
    if (filtered(s.namespace)) continue;
    for (const a of s.addresses) {
      if (a.ip !== ip || (PTR_HOSTNAME_ONLY && !a.hostname)) continue;
      out.push(`${endpointHostname(a, b.endpointPodNames)}.${s.service}.${s.namespace}.svc.${b.primaryZone}`);
    }
  }
  return out;
}
