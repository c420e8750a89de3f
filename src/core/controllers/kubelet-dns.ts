// Models the kubelet's pod DNS configuration (kubernetes pkg/kubelet/network/dns/dns.go GetPodDNS) and the resolv.conf containerd writes from it (containerd CRI parseDNSOptions). Leaves out: kubelet --resolv-conf="" (kind sets it), Windows, and the random order Go's map gives merged options.
import type { ClusterState, PodState } from '../cluster/state';
import { serviceIP } from '../cluster/system';
import { objectKey } from '../model/types';
import { rec } from '../manifest/validate/types';

export interface ResolvConf {
  search: string[];
  nameservers: string[];
  options: string[];
}

export interface DnsConfigEvent {
  type: 'Warning';
  reason: 'DNSConfigForming';
  message: string;
}

/**
 * The node's /etc/resolv.conf on kind (what a dnsPolicy Default pod gets). Docker writes the
 * embedded resolver 127.0.0.11 with `options ndots:0` and the host's search domains; kind's
 * entrypoint (fix_dns) swaps 127.0.0.11 for the Docker network's gateway so pods can reach it. The
 * playground's kind network is 192.168.49.0/24 (cluster/topology.ts), so the gateway is
 * 192.168.49.1, and we assume a host with no search domains.
 */
export const KIND_NODE_RESOLV_CONF: ResolvConf = { search: [], nameservers: ['192.168.49.1'], options: ['ndots:0'] };

/** dns.go defaultDNSOptions */
const DEFAULT_DNS_OPTIONS = ['ndots:5'];
/** validation.MaxDNSNameservers, MaxDNSSearchPaths, MaxDNSSearchListChars (ExpandedDNSConfig, GA since 1.28) */
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;
const MAX_DNS_SEARCH_LIST_CHARS = 2048;
/** utilvalidation.DNS1123SubdomainMaxLength: longer search paths abort() some resolvers (glibc 2.28). */
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function omitDuplicates(l: string[]): string[] {
  return [...new Set(l)];
}

/**
 * mergeDNSOptions: options keyed by name, the pod's dnsConfig.options winning. Upstream rebuilds the
 * list from a Go map (random order); we keep first-appearance order so the file is reproducible.
 */
function mergeDNSOptions(existing: string[], podOptions: unknown): string[] {
  const m = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    if (i !== -1) m.set(op.slice(0, i), op.slice(i + 1));
    else m.set(op, '');
  }
  for (const o of Array.isArray(podOptions) ? podOptions : []) {
    const r = rec(o);
    if (!r || typeof r.name !== 'string') continue;
    m.set(r.name, typeof r.value === 'string' ? r.value : '');
  }
  return [...m].map(([k, v]) => (v !== '' ? `${k}:${v}` : k));
}

/** formDNSSearchFitsLimits: at most 32 paths, none over 253 characters, the line at most 2048. */
function searchFitsLimits(search: string[], events: DnsConfigEvent[]): string[] {
  let exceeded = false;
  let s = search;
  if (s.length > MAX_DNS_SEARCH_PATHS) {
    s = s.slice(0, MAX_DNS_SEARCH_PATHS);
    exceeded = true;
  }
  const fit = s.filter((x) => x.length <= DNS1123_SUBDOMAIN_MAX_LENGTH);
  if (fit.length !== s.length) exceeded = true;
  s = fit;
  const lineLen = s.join(' ').length;
  if (lineLen > MAX_DNS_SEARCH_LIST_CHARS) {
    let cutLen = 0;
    let cutNum = 0;
    for (let i = s.length - 1; i >= 0; i--) {
      cutLen += s[i].length + 1;
      cutNum++;
      if (lineLen - cutLen <= MAX_DNS_SEARCH_LIST_CHARS) break;
    }
    s = s.slice(0, s.length - cutNum);
    exceeded = true;
  }
  if (exceeded) events.push({ type: 'Warning', reason: 'DNSConfigForming', message: `Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${s.join(' ')}` });
  return s;
}

/** formDNSNameserversFitsLimits: at most 3 nameservers. */
function nameserversFitLimits(ns: string[], events: DnsConfigEvent[]): string[] {
  if (ns.length <= MAX_DNS_NAMESERVERS) return ns;
  const cut = ns.slice(0, MAX_DNS_NAMESERVERS);
  events.push({ type: 'Warning', reason: 'DNSConfigForming', message: `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${cut.join(' ')}` });
  return cut;
}

/**
 * The kubelet's clusterDNS: kubeadm writes the kube-dns Service's ClusterIP (the service subnet's
 * tenth address) into the KubeletConfiguration; the kubelet never looks the Service up itself.
 */
export function clusterDNS(state: ClusterState): string {
  const svc = state.index.serviceByKey.get(objectKey('Service', 'kube-system', 'kube-dns'));
  return svc?.clusterIP ?? serviceIP(state.topology, 10);
}

/** GetPodDNS, with the DNSConfigForming events the kubelet records on the pod. */
export function podDNS(state: ClusterState, pod: PodState): { conf: ResolvConf; events: DnsConfigEvent[] } {
  const events: DnsConfigEvent[] = [];
  const host = KIND_NODE_RESOLV_CONF;
  let conf: ResolvConf = { search: [...host.search], nameservers: [...host.nameservers], options: [...host.options] };
  // getPodDNSType: ClusterFirst on the host network falls back to Default.
  const type = pod.dnsPolicy === 'None' ? 'none' : pod.dnsPolicy === 'ClusterFirstWithHostNet' || (pod.dnsPolicy === 'ClusterFirst' && !pod.hostNetwork) ? 'cluster' : 'host';
  if (type === 'none') conf = { search: [], nameservers: [], options: [] };
  else if (type === 'cluster') {
    const domain = state.topology.net.clusterDomain;
    // generateSearchesForDNSClusterFirst: the cluster's three domains, then the host's.
    conf = {
      nameservers: [clusterDNS(state)],
      search: omitDuplicates([`${pod.namespace}.svc.${domain}`, `svc.${domain}`, domain, ...host.search]),
      options: [...DEFAULT_DNS_OPTIONS],
    };
  }
  const dc = rec(pod.dnsConfig ?? rec(pod.object.spec)?.dnsConfig);
  if (dc) {
    // appendDNSConfig: nameservers and searches appended (duplicates dropped), options merged by name.
    conf = {
      nameservers: omitDuplicates([...conf.nameservers, ...strings(dc.nameservers)]),
      search: omitDuplicates([...conf.search, ...strings(dc.searches)]),
      options: mergeDNSOptions(conf.options, dc.options),
    };
  }
  // formDNSConfigFitsLimits: nameservers first, then the search line.
  const nameservers = nameserversFitLimits(conf.nameservers, events);
  const search = searchFitsLimits(conf.search, events);
  return { conf: { search, nameservers, options: conf.options }, events };
}

export function resolvConf(state: ClusterState, pod: PodState): ResolvConf {
  return podDNS(state, pod).conf;
}

/** containerd CRI parseDNSOptions: a search line, one nameserver line each, an options line. */
export function renderResolvConf(r: ResolvConf): string {
  let out = '';
  if (r.search.length) out += `search ${r.search.join(' ')}\n`;
  if (r.nameservers.length) out += `nameserver ${r.nameservers.join('\nnameserver ')}\n`;
  if (r.options.length) out += `options ${r.options.join(' ')}\n`;
  return out;
}
