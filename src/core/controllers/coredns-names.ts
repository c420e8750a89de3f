// Models domain-name handling (miekg/dns IsSubDomain/SplitDomainName, coredns plugin/pkg/dnsutil TrimZone/ExtractAddressFromReverse, plugin.Zones.Matches, msg.Service.HostType). Leaves out: escaped labels (\.) and IDNA.
//
// Names are handled lower-cased and absolute (with the trailing dot), as CoreDNS's request.Name() does.
import { ipString, isIPv4Bytes, parseIPStrict } from '../net/ipv4';

export const fqdn = (s: string): string => (s.endsWith('.') ? s : `${s}.`);

/** request.Request.Name(): the query name lower-cased, absolute. */
export const normName = (s: string): string => fqdn(s.toLowerCase());

/** dns.IsSubDomain(parent, child): child equals parent or lies below it (case-insensitive). */
export function isSubDomain(parent: string, child: string): boolean {
  const p = normName(parent);
  const c = normName(child);
  return p === '.' || c === p || c.endsWith(`.${p}`);
}

/** plugin.Zones.Matches: the longest zone `name` falls in, or '' when none does. */
export function matchZone(zones: readonly string[], name: string): string {
  let best = '';
  for (const z of zones) if (isSubDomain(z, name) && z.length > best.length) best = z;
  return best;
}

/** dnsutil.TrimZone: what precedes the zone, without the joining dot ('' for the apex). */
export function trimZone(name: string, zone: string): string {
  const n = normName(name);
  const z = normName(zone);
  if (z === '.') return n.slice(0, -1);
  if (n === z) return '';
  return n.slice(0, n.length - z.length - 1);
}

/** dns.SplitDomainName of a relative name ('' → no labels). */
export const splitLabels = (base: string): string[] => (base === '' ? [] : base.replace(/\.$/, '').split('.'));

/** dnsutil.IsReverse: 1 for in-addr.arpa, 2 for ip6.arpa, 0 otherwise. */
export function isReverse(name: string): number {
  const n = normName(name);
  if (n.endsWith('in-addr.arpa.')) return 1;
  if (n.endsWith('ip6.arpa.')) return 2;
  return 0;
}

/**
 * dnsutil.ExtractAddressFromReverse: the address a complete reverse name stands for, '' otherwise
 * ("4.3.2.1.in-addr.arpa." → "1.2.3.4"; partial names like "10.in-addr.arpa." give '').
 */
export function extractAddressFromReverse(name: string): string {
  const n = normName(name);
  if (n.endsWith('.in-addr.arpa.')) {
    const labels = n.slice(0, -'.in-addr.arpa.'.length).split('.').reverse();
    const ip = parseIPStrict(labels.join('.'));
    return ip && isIPv4Bytes(ip) ? ipString(ip) : '';
  }
  if (n.endsWith('.ip6.arpa.')) {
    const nibbles = n.slice(0, -'.ip6.arpa.'.length).split('.').reverse();
    const groups: string[] = [];
    for (let i = 0; i + 4 <= nibbles.length; i += 4) groups.push(nibbles.slice(i, i + 4).join(''));
    const ip = nibbles.length === 32 ? parseIPStrict(groups.join(':')) : null;
    return ip ? ipString(ip) : '';
  }
  return '';
}

/** The in-addr.arpa name of an IPv4 address (what `dig -x` asks). */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
}

/** msg.Service.HostType: A or AAAA when the host parses as an address (net.ParseIP), else CNAME. */
export function hostType(host: string): 'A' | 'AAAA' | 'CNAME' {
  const ip = parseIPStrict(host);
  if (!ip) return 'CNAME';
  return isIPv4Bytes(ip) ? 'A' : 'AAAA';
}
