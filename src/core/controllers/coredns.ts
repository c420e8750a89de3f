// Models CoreDNS as kubeadm deploys it (coredns/coredns core/dnsserver plugin chain in plugin.cfg order: plugin/cache, plugin/hosts, plugin/kubernetes, plugin/forward). Leaves out: loadbalance's answer shuffling (answers keep their natural order), answers served from cache, AXFR/IXFR, DNSSEC, autopath, rewrite/template, a real upstream (--upstream-dns stands in).
import type { ClusterState } from '../cluster/state';
import { kubernetesServe, soaRecord } from './coredns-handler';
import { dnsIndex } from './coredns-index';
import { extractAddressFromReverse, fqdn, hostType, isReverse, matchZone, normName } from './coredns-names';

export type RRType = 'A' | 'AAAA' | 'SRV' | 'CNAME' | 'PTR' | 'TXT' | 'MX' | 'NS' | 'SOA' | 'ANY';

export interface DnsQuery {
  /** absolute, with trailing dot */
  name: string;
  type: RRType;
}

/** `data` is the record's presentation form as dig prints it ("0 50 80 web.default.svc.cluster.local."). */
export interface DnsRR {
  name: string;
  ttl: number;
  type: RRType;
  data: string;
}

export interface DnsResponse {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
  answers: DnsRR[];
  authority: DnsRR[];
  additional: DnsRR[];
  source: 'kubernetes' | 'hosts' | 'upstream' | 'none';
  /**
   * 'service-a', 'headless', 'endpoint-a', 'pod-a', 'ns-a', 'external-name-cname', 'srv', 'ptr',
   * 'dns-version', 'ns', 'soa', 'nodata', 'nxdomain', 'cname-loop', 'hosts', 'hosts-servfail',
   * 'upstream', 'no-next-plugin'
   */
  reason: string;
}

/** The Corefile beyond the brief's fields (corefile.ts fills it; absent → kubeadm's Corefile). */
export interface CorefilePlugins {
  kubernetes: {
    /** absolute zones, e.g. ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'] */
    zones: string[];
    /** fall.F zones ('.' = every zone); null: no fallthrough */
    fallthrough: string[] | null;
    namespaces: string[];
    endpointPodNames: boolean;
    ignoreEmptyService: boolean;
  } | null;
  hosts: { ttl: number; origins: string[]; fallthrough: string[] | null; reverse: boolean } | null;
  /** plugin/cache: every reply's TTLs are set to the message's minimal TTL clamped to [min, max]. */
  cache: { zones: string[]; successTtl: number; denialTtl: number; minSuccessTtl: number; minDenialTtl: number } | null;
  /** a `forward` plugin is present (else names nobody answers get SERVFAIL: "no next plugin found") */
  forward: boolean;
}

export interface DnsConfig {
  clusterDomain: string;
  ttl: number;
  podsMode: 'insecure' | 'verified' | 'disabled';
  /** from a `hosts { … }` block in the Corefile: lower-case name without trailing dot → addresses */
  hosts: Map<string, string[]>;
  /** --upstream-dns NAME=IP from the CLI: what `forward . /etc/resolv.conf` would get back */
  upstream: Map<string, string[]>;
  plugins?: CorefilePlugins;
}

/** kubeadm's Corefile (cmd/kubeadm/app/phases/addons/dns/manifests.go, see cluster/system.ts). */
export function kubeadmPlugins(clusterDomain: string): CorefilePlugins {
  return {
    kubernetes: { zones: [fqdn(clusterDomain), 'in-addr.arpa.', 'ip6.arpa.'], fallthrough: ['in-addr.arpa.', 'ip6.arpa.'], namespaces: [], endpointPodNames: false, ignoreEmptyService: false },
    hosts: null,
    cache: { zones: ['.'], successTtl: 30, denialTtl: 30, minSuccessTtl: 5, minDenialTtl: 5 },
    forward: true,
  };
}

/** Deeper than this, the chain is following a loop through upstream lookups: give up (SERVFAIL). */
const MAX_CHAIN_DEPTH = 8;
/** TTL of what the simulated upstream (`--upstream-dns`) returns, before the cache plugin caps it. */
const UPSTREAM_TTL = 300;

const response = (rcode: DnsResponse['rcode'], source: DnsResponse['source'], reason: string, answers: DnsRR[] = [], authority: DnsRR[] = [], additional: DnsRR[] = []): DnsResponse => ({
  rcode,
  answers,
  authority,
  additional,
  source,
  reason,
});

const through = (zones: string[] | null, name: string) => zones !== null && matchZone(zones, name) !== '';

/** plugin/hosts ServeDNS: null passes the query down the chain. */
function hostsServe(h: NonNullable<CorefilePlugins['hosts']>, entries: Map<string, string[]>, name: string, type: RRType): DnsResponse | null {
  if (matchZone(h.origins, name) === '' && type !== 'PTR') return null;
  const ips = entries.get(name.slice(0, -1)) ?? [];
  const v4 = ips.filter((ip) => hostType(ip) === 'A');
  const v6 = ips.filter((ip) => hostType(ip) === 'AAAA');
  let answers: DnsRR[] = [];
  if (type === 'PTR') {
    const addr = extractAddressFromReverse(name);
    const names = h.reverse && addr ? [...entries].filter(([, v]) => v.includes(addr)).map(([n]) => n) : [];
    // No PTR entry: fall through regardless of the fallthrough option.
    if (!names.length) return null;
    answers = names.map((n) => ({ name, ttl: h.ttl, type: 'PTR' as const, data: fqdn(n) }));
  } else if (type === 'A') answers = v4.map((ip) => ({ name, ttl: h.ttl, type: 'A' as const, data: ip }));
  else if (type === 'AAAA') answers = v6.map((ip) => ({ name, ttl: h.ttl, type: 'AAAA' as const, data: ip }));
  // Only on NXDOMAIN we fall through; without fallthrough the hosts plugin has no SOA to send, so SERVFAIL.
  if (!answers.length && !v4.length && !v6.length) return through(h.fallthrough, name) ? null : response('SERVFAIL', 'hosts', 'hosts-servfail');
  return response('NOERROR', 'hosts', answers.length ? 'hosts' : 'nodata', answers);
}

/** forward . /etc/resolv.conf, with --upstream-dns standing in for the node's resolver. */
function forwardServe(upstream: Map<string, string[]>, name: string, type: RRType): DnsResponse {
  const ips = upstream.get(name.slice(0, -1));
  if (!ips) return response('NXDOMAIN', 'none', 'nxdomain');
  const want = type === 'A' || type === 'AAAA' ? ips.filter((ip) => hostType(ip) === type) : [];
  const answers = want.map((ip) => ({ name, ttl: UPSTREAM_TTL, type, data: ip }));
  return response('NOERROR', 'upstream', answers.length ? 'upstream' : 'nodata', answers);
}

/** plugin/cache ResponseWriter.WriteMsg: "Apply capped TTL to this reply". */
function capTTL(cache: CorefilePlugins['cache'], name: string, r: DnsResponse): DnsResponse {
  const all = [...r.answers, ...r.authority, ...r.additional];
  if (!cache || matchZone(cache.zones, name) === '' || !all.length || r.rcode === 'SERVFAIL') return r;
  const denial = r.rcode === 'NXDOMAIN' || (r.rcode === 'NOERROR' && r.answers.length === 0);
  const max = denial ? cache.denialTtl : cache.successTtl;
  let minimal = max;
  for (const x of all) minimal = Math.min(minimal, x.ttl);
  for (const x of denial ? r.authority : []) if (x.type === 'SOA') minimal = Math.min(minimal, Number(x.data.split(' ')[6]));
  const ttl = Math.min(Math.max(minimal, denial ? cache.minDenialTtl : cache.minSuccessTtl), max);
  const set = (l: DnsRR[]) => l.map((x) => ({ ...x, ttl }));
  return { ...r, answers: set(r.answers), authority: set(r.authority), additional: set(r.additional) };
}

/** One question through the server block: hosts → kubernetes → forward (plugin.cfg order), cache around all. */
export function corednsResolve(state: ClusterState, cfg: DnsConfig, q: DnsQuery): DnsResponse {
  // A config built by hand (no Corefile read) is kubeadm's, plus a hosts plugin with fallthrough for its entries.
  const plugins = cfg.plugins ?? { ...kubeadmPlugins(cfg.clusterDomain), hosts: cfg.hosts.size ? { ttl: 3600, origins: ['.'], fallthrough: ['.'], reverse: true } : null };
  const k8s = plugins.kubernetes;
  const primaryZone = k8s?.zones.find((z) => isReverse(z) === 0) ?? fqdn(cfg.clusterDomain);
  const serve = (qname: string, type: RRType, depth: number): DnsResponse | null => {
    if (depth > MAX_CHAIN_DEPTH) return null;
    const name = normName(qname);
    let out: DnsResponse | null = plugins.hosts ? hostsServe(plugins.hosts, cfg.hosts, name, type) : null;
    const zone = !out && k8s ? matchZone(k8s.zones, name) : '';
    if (!out && k8s && zone) {
      const backend = {
        state,
        idx: dnsIndex(state),
        ttl: cfg.ttl,
        podsMode: cfg.podsMode,
        namespaces: k8s.namespaces,
        endpointPodNames: k8s.endpointPodNames,
        ignoreEmptyService: k8s.ignoreEmptyService,
        primaryZone,
        lookup: (n: string, t: RRType) => serve(n, t, depth + 1),
      };
      const k = kubernetesServe(backend, name, type, zone);
      if (k.kind === 'servfail') return response('SERVFAIL', 'kubernetes', k.reason);
      // NXDOMAIN in a fallthrough zone (in-addr.arpa, ip6.arpa for kubeadm) goes down the chain.
      if (!(k.kind === 'nxdomain' && through(k8s.fallthrough, name))) {
        const soa = k.kind === 'answer' ? [] : [soaRecord(zone, cfg.ttl)];
        out = response(k.kind === 'nxdomain' ? 'NXDOMAIN' : 'NOERROR', 'kubernetes', k.reason, k.answers, soa, k.additional);
      }
    }
    out ??= plugins.forward ? forwardServe(cfg.upstream, name, type) : response('SERVFAIL', 'none', 'no-next-plugin');
    return capTTL(plugins.cache, name, out);
  };
  return serve(q.name, q.type, 0) ?? response('SERVFAIL', 'kubernetes', 'cname-loop');
}
