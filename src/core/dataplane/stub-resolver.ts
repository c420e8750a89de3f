// Models glibc's stub resolver res_nsearch (glibc resolv/res_query.c __res_context_search, resolv/res_init.c; resolv.conf(5) "search", "ndots"). Leaves out: timeouts/attempts/rotate across nameservers, HOSTALIASES, AAAA pairing (one type per call).
//
// getaddrinfo(AF_INET) asks for A only; AF_UNSPEC would pair A with AAAA, which callers model by
// calling twice.
//
// musl (Alpine) differs (src/network/lookup_name.c name_from_dns_search): it sends A and AAAA
// together and each query to every nameserver at once, taking the first reply — the search domains
// themselves are still tried one after another; a name with ≥ ndots dots (or a trailing dot) is sent
// only as written, with no search-list fallback; and the walk stops at the first reply that is not
// NXDOMAIN, so a NODATA or SERVFAIL for a search domain ends it where glibc keeps going.
import type { DnsQuery, DnsResponse, DnsRR, RRType } from '../controllers/coredns';
import type { ResolvConf } from '../controllers/kubelet-dns';

export interface StubQuery {
  name: string;
  type: RRType;
  response: DnsResponse;
}

/** res_init.c: RES_DFLNDOTS is 1; ndots:n is capped at RES_MAXNDOTS (15); the last ndots option wins. */
export function ndotsOf(options: readonly string[]): number {
  let ndots = 1;
  for (const o of options) {
    if (!o.startsWith('ndots:')) continue;
    const m = /^[ \t]*([+-]?\d+)/.exec(o.slice(6));
    const n = m ? parseInt(m[1], 10) : 0; // atoi: no digits reads as 0
    ndots = n > 15 ? 15 : n & 15; // stored in a 4-bit field
  }
  return ndots;
}

/**
 * res_nsearch. Returns every query sent in order, the overall rcode (h_errno mapped back: the first
 * as-is attempt's outcome when that came first, else NODATA if any search domain gave NODATA, else
 * SERVFAIL if any gave SERVFAIL, else the last query's), and the answers of the query that succeeded.
 */
export function stubResolve(resolv: ResolvConf, name: string, type: RRType, ask: (q: DnsQuery) => DnsResponse): { queries: StubQuery[]; rcode: DnsResponse['rcode']; answers: DnsRR[] } {
  const queries: StubQuery[] = [];
  const ndots = ndotsOf(resolv.options);
  const dots = [...name].filter((c) => c === '.').length;
  const trailingDot = name.endsWith('.');
  let last: DnsResponse | null = null;

  /** __res_context_querydomain + __res_context_query: success is NOERROR with at least one answer. */
  const query = (qname: string): DnsResponse => {
    const q: DnsQuery = { name: qname.endsWith('.') ? qname : `${qname}.`, type };
    const response = ask(q);
    queries.push({ name: q.name, type, response });
    last = response;
    return response;
  };
  const success = (r: DnsResponse) => r.rcode === 'NOERROR' && r.answers.length > 0;
  const done = (r: DnsResponse) => ({ queries, rcode: r.rcode, answers: r.answers });
  const fail = (rcode: DnsResponse['rcode']) => ({ queries, rcode, answers: [] as DnsRR[] });

  // Enough dots, or a trailing dot: try the name as is first (with a trailing dot, only that).
  let asIs: DnsResponse | null = null;
  if (dots >= ndots || trailingDot) {
    asIs = query(name);
    if (success(asIs) || trailingDot) return done(asIs);
  }

  // One level of search: no dots (RES_DEFNAMES) or dots but no trailing dot (RES_DNSRCH), both default.
  let gotNodata = false;
  let gotServfail = false;
  let rootOnList = false;
  for (const domain of resolv.search) {
    let d = domain.startsWith('.') ? domain.slice(1) : domain;
    if (d.endsWith('.')) d = d.slice(0, -1);
    if (d === '') rootOnList = true;
    const r = query(d === '' ? name : `${name}.${d}`);
    if (success(r)) return done(r);
    // NXDOMAIN and NODATA (a wildcard of another type could hide the name higher up) keep going;
    // SERVFAIL tries the next domain; anything else (REFUSED) stops the walk.
    if (r.rcode === 'NOERROR') gotNodata = true;
    else if (r.rcode === 'SERVFAIL') gotServfail = true;
    else if (r.rcode !== 'NXDOMAIN') break;
  }

  // Not tried as is yet (and no root domain on the list): try it now.
  if (!asIs && !rootOnList) {
    const r = query(name);
    if (success(r)) return done(r);
  }

  if (asIs) return fail(asIs.rcode);
  if (gotNodata) return fail('NOERROR');
  if (gotServfail) return fail('SERVFAIL');
  return fail((last as DnsResponse | null)?.rcode ?? 'NXDOMAIN');
}
