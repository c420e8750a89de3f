// Models the kubernetes plugin's ServeDNS (coredns plugin/kubernetes/handler.go, plugin/backend_lookup.go A/AAAA/SRV/PTR/TXT/CNAME/MX/NS/SOA/BackendError). Leaves out: AXFR/IXFR (REFUSED upstream), truncation, DNSSEC.
import { CLUSTER_EPOCH_MS } from '../model/clock';
import type { DnsResponse, DnsRR, RRType } from './coredns';
import { extractAddressFromReverse, fqdn, hostType, isSubDomain } from './coredns-names';
import type { Found, KubernetesBackend, Msg } from './coredns-records';
import { nsAddrs, records, serviceRecordForIP, services } from './coredns-records';

export interface KubernetesContext extends KubernetesBackend {
  /** upstream.Lookup: the question sent through the whole plugin chain again; null when the chain gave up. */
  lookup: (name: string, type: RRType) => DnsResponse | null;
}

export interface KubernetesOutcome {
  kind: 'answer' | 'nodata' | 'nxdomain' | 'servfail';
  answers: DnsRR[];
  additional: DnsRR[];
  reason: string;
}

/**
 * The SOA serial is k.APIConn.Modified(): the Unix time of the last change CoreDNS saw. We use the
 * cluster clock's epoch (model/clock.ts) so answers are reproducible.
 */
export const SOA_SERIAL = Math.floor(CLUSTER_EPOCH_MS / 1000);

export const rr = (name: string, type: RRType, data: string, ttl: number): DnsRR => ({ name, ttl, type, data });

/** plugin.SOA: TTL min(ttl, 300), mbox hostmaster.<zone>, ns ns.dns.<zone>, 7200 1800 86400 <ttl>. */
export function soaRecord(zone: string, ttl: number): DnsRR {
  return rr(zone, 'SOA', `${fqdn(`ns.dns.${zone}`)} ${fqdn(`hostmaster.${zone}`)} ${SOA_SERIAL} 7200 1800 86400 ${ttl}`, Math.min(ttl, 300));
}

interface AddrResult {
  records: DnsRR[];
  nameError: boolean;
  /** a CNAME was dropped as a loop (x CNAME x, a repeated target, or a chain over 8 long) */
  loop: boolean;
  /** the chain lookup gave up (nested too deep) */
  gaveUp: boolean;
  cname: boolean;
}

/** backend_lookup.go checkForApex: a query for the zone itself first tries apex.dns.<zone>. */
function checkForApex(b: KubernetesContext, name: string, zone: string, qtype: RRType): Found {
  if (name !== zone) return services(b, name, zone, qtype);
  const apex = services(b, `apex.dns.${zone}`, zone, qtype);
  return apex.nameError ? services(b, name, zone, qtype) : apex;
}

/** plugin.A / plugin.AAAA, following CNAMEs in the zone by recursion and elsewhere through the chain. */
function addresses(b: KubernetesContext, name: string, zone: string, family: 'A' | 'AAAA', previous: DnsRR[]): AddrResult {
  const res: AddrResult = { records: [], nameError: false, loop: false, gaveUp: false, cname: false };
  const found = checkForApex(b, name, zone, family);
  if (found.nameError) return { ...res, nameError: true };
  const dup = new Set<string>();
  for (const s of found.services) {
    const what = hostType(s.host);
    if (what === 'CNAME') {
      const target = fqdn(s.host.toLowerCase());
      // x CNAME x is a direct loop, don't add those
      if (isSubDomain(name, target)) {
        res.loop = true;
        continue;
      }
      const cname = rr(name, 'CNAME', target, s.ttl);
      if (previous.length > 7 || previous.some((p) => p.type === 'CNAME' && p.data === target)) {
        res.loop = true;
        continue;
      }
      if (isSubDomain(zone, target)) {
        const next = addresses(b, target, zone, family, [...previous, cname]);
        res.loop ||= next.loop;
        res.gaveUp ||= next.gaveUp;
        if (!next.nameError && next.records.length) {
          res.records.push(cname, ...next.records);
          res.cname = true;
        }
        continue;
      }
      // Not in our zone: look it up through the plugin chain (hosts, forward …).
      const m1 = b.lookup(target, family);
      if (!m1) {
        res.gaveUp = true;
        continue;
      }
      res.records.push(cname, ...m1.answers);
      res.cname = true;
      continue;
    }
    if (what === family && !dup.has(s.host)) {
      dup.add(s.host);
      res.records.push(rr(name, family, s.host, s.ttl));
    }
  }
  return res;
}

/** plugin.SRV: weight 100/n per record (one priority), targets from the keys, addresses in additional. */
function srv(b: KubernetesContext, name: string, zone: string): { found: Found; answers: DnsRR[]; extra: DnsRR[] } {
  const found = services(b, name, zone, 'SRV');
  const answers: DnsRR[] = [];
  const extra: DnsRR[] = [];
  if (found.nameError) return { found, answers, extra };
  // Every entry, port-less sentinels included, adds 100 to the priority's total weight.
  const total = 100 * found.services.length;
  const weight = Math.max(1, Math.floor((100 / total) * 100));
  const dup = new Set<string>();
  for (const s of found.services) {
    if (s.port === -1) continue; // the kubernetes plugin's marker for a slice without ports
    const target = fqdn(s.target);
    const what = hostType(s.host);
    if (!dup.has(`${target}|${s.port}|`)) {
      dup.add(`${target}|${s.port}|`);
      answers.push(rr(name, 'SRV', `0 ${weight} ${s.port} ${target}`, s.ttl));
    }
    if (what !== 'CNAME' && !dup.has(`${target}|0|${s.host}`)) {
      dup.add(`${target}|0|${s.host}`);
      extra.push(rr(target, what, s.host, s.ttl));
    }
  }
  return { found, answers, extra };
}

const reasonOf = (s: Msg | undefined, cname: boolean): string => {
  if (cname) return 'external-name-cname';
  switch (s?.kind) {
    case 'headless':
      return 'headless';
    case 'endpoint':
      return 'endpoint-a';
    case 'pod':
      return 'pod-a';
    case 'ns':
      return 'ns-a';
    default:
      return 'service-a';
  }
};

/** handler.go ServeDNS for a name inside `zone` (already lower-cased and absolute). */
export function kubernetesServe(b: KubernetesContext, name: string, type: RRType, zone: string): KubernetesOutcome {
  let answers: DnsRR[] = [];
  let additional: DnsRR[] = [];
  let nameError = false;
  let reason = '';
  let loop = false;
  // A non-apex NS query is answered like any other type (the fake A lookup below).
  const kind: RRType = type === 'NS' && name !== zone ? 'ANY' : type;
  switch (kind) {
    case 'A':
    case 'AAAA': {
      const a = addresses(b, name, zone, kind, []);
      if (a.gaveUp && !a.records.length) return { kind: 'servfail', answers: [], additional: [], reason: 'cname-loop' };
      ({ nameError, loop } = a);
      answers = a.records;
      reason = reasonOf(checkForApex(b, name, zone, kind).services[0], a.cname);
      break;
    }
    case 'TXT': {
      const f = services(b, name, zone, 'TXT');
      nameError = f.nameError;
      answers = f.services.filter((s) => s.text !== undefined).map((s) => rr(name, 'TXT', JSON.stringify(s.text), s.ttl));
      reason = 'dns-version';
      break;
    }
    case 'CNAME': {
      const f = services(b, name, zone, 'CNAME');
      nameError = f.nameError;
      const first = f.services[0];
      if (first && hostType(first.host) === 'CNAME') answers = [rr(name, 'CNAME', fqdn(first.host.toLowerCase()), first.ttl)];
      reason = 'external-name-cname';
      break;
    }
    case 'PTR': {
      const ip = extractAddressFromReverse(name);
      if (ip === '') nameError = records(b, name, zone).nameError;
      else {
        const hosts = [...new Set(serviceRecordForIP(b, ip))];
        nameError = hosts.length === 0;
        answers = hosts.map((h) => rr(name, 'PTR', fqdn(h), b.ttl));
      }
      reason = 'ptr';
      break;
    }
    case 'MX':
      // The kubernetes backend never sets Mail: MX is NODATA for names that exist.
      nameError = services(b, name, zone, 'MX').nameError;
      break;
    case 'SRV': {
      const s = srv(b, name, zone);
      nameError = s.found.nameError;
      answers = s.answers;
      additional = s.extra;
      reason = 'srv';
      break;
    }
    case 'SOA':
      // Only the apex has a SOA; below it the answer is NODATA (coredns#4592).
      if (name === zone) answers = [soaRecord(zone, b.ttl)];
      reason = 'soa';
      break;
    case 'NS': {
      const seen = new Set<string>();
      for (const n of nsAddrs(b, zone)) {
        additional.push(rr(fqdn(n.name), hostType(n.ip) === 'AAAA' ? 'AAAA' : 'A', n.ip, b.ttl));
        if (!seen.has(n.name)) {
          seen.add(n.name);
          answers.push(rr(name, 'NS', fqdn(n.name), b.ttl));
        }
      }
      reason = 'ns';
      break;
    }
    default: {
      // A fake A lookup tells NODATA from NXDOMAIN.
      const a = addresses(b, name, zone, 'A', []);
      nameError = a.nameError;
      loop = a.loop;
    }
  }
  if (nameError) return { kind: 'nxdomain', answers: [], additional: [], reason: 'nxdomain' };
  if (!answers.length) return { kind: 'nodata', answers: [], additional: [], reason: loop ? 'cname-loop' : 'nodata' };
  return { kind: 'answer', answers, additional, reason };
}
