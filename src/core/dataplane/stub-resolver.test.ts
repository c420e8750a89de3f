import { describe, expect, it } from 'vitest';
import type { DnsQuery, DnsResponse, RRType } from '../controllers/coredns';
import { corefile } from '../cluster/system';
import { corednsResolve } from '../controllers/coredns';
import { fixtureState, pod, svc } from '../controllers/coredns-fixtures';
import { readCorefile } from '../controllers/corefile';
import { resolvConf, type ResolvConf } from '../controllers/kubelet-dns';
import { ndotsOf, stubResolve } from './stub-resolver';

const POD: ResolvConf = { search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], nameservers: ['10.96.0.10'], options: ['ndots:5'] };

const resp = (rcode: DnsResponse['rcode'], name = '', ip?: string): DnsResponse => ({
  rcode,
  answers: ip ? [{ name, ttl: 30, type: 'A', data: ip }] : [],
  authority: [],
  additional: [],
  source: 'kubernetes',
  reason: '',
});

/** A tiny DNS: exact names with an A, names that exist without A (NODATA), named failures; NXDOMAIN otherwise. */
function server(table: Record<string, string | 'NODATA' | 'SERVFAIL' | 'REFUSED'>) {
  return (q: DnsQuery): DnsResponse => {
    const v = table[q.name];
    if (v === undefined) return resp('NXDOMAIN');
    if (v === 'NODATA') return resp('NOERROR');
    if (v === 'SERVFAIL' || v === 'REFUSED') return resp(v);
    return resp('NOERROR', q.name, v);
  };
}

const dns = server({
  'web.default.svc.cluster.local.': '10.96.100.1',
  'api.team.svc.cluster.local.': '10.96.100.2',
  'example.com.': '93.184.216.34',
  'a.b.c.d.e.f.': '192.0.2.1',
  'nodata.default.svc.cluster.local.': 'NODATA',
  'flaky.default.svc.cluster.local.': 'SERVFAIL',
  'flaky.svc.cluster.local.': '10.96.100.7',
  'refused.default.svc.cluster.local.': 'REFUSED',
});

describe('stubResolve (glibc resolv/res_query.c __res_context_search; resolv.conf(5) search, ndots)', () => {
  const rows: { rule: string; name: string; conf?: ResolvConf; type?: RRType; queries: string[]; rcode: DnsResponse['rcode']; answer?: string }[] = [
    { rule: 'fewer dots than ndots: the search list first, stop at the first answer', name: 'web', queries: ['web.default.svc.cluster.local.'], rcode: 'NOERROR', answer: '10.96.100.1' },
    { rule: 'service.namespace: the pod namespace domain misses, svc.<domain> hits', name: 'api.team', queries: ['api.team.default.svc.cluster.local.', 'api.team.svc.cluster.local.'], rcode: 'NOERROR', answer: '10.96.100.2' },
    { rule: 'an external name with 1 dot walks the whole search list before the name as given', name: 'example.com', queries: ['example.com.default.svc.cluster.local.', 'example.com.svc.cluster.local.', 'example.com.cluster.local.', 'example.com.'], rcode: 'NOERROR', answer: '93.184.216.34' },
    { rule: 'a trailing dot: one query, as is', name: 'example.com.', queries: ['example.com.'], rcode: 'NOERROR' },
    { rule: 'a trailing dot: no search even when it fails', name: 'web.', queries: ['web.'], rcode: 'NXDOMAIN' },
    {
      rule: 'the full service name has 4 dots < ndots:5: three search misses first',
      name: 'web.default.svc.cluster.local',
      queries: ['web.default.svc.cluster.local.default.svc.cluster.local.', 'web.default.svc.cluster.local.svc.cluster.local.', 'web.default.svc.cluster.local.cluster.local.', 'web.default.svc.cluster.local.'],
      rcode: 'NOERROR',
    },
    { rule: 'dots ≥ ndots: tried as is first', name: 'a.b.c.d.e.f', queries: ['a.b.c.d.e.f.'], rcode: 'NOERROR' },
    {
      rule: 'dots ≥ ndots and unknown: as is, then the search list; the as-is answer decides h_errno',
      name: 'a.b.c.d.e.g',
      queries: ['a.b.c.d.e.g.', 'a.b.c.d.e.g.default.svc.cluster.local.', 'a.b.c.d.e.g.svc.cluster.local.', 'a.b.c.d.e.g.cluster.local.'],
      rcode: 'NXDOMAIN',
    },
    {
      rule: 'NODATA for a search domain: remembered (got_nodata) and the walk goes on; the result is NODATA',
      name: 'nodata',
      queries: ['nodata.default.svc.cluster.local.', 'nodata.svc.cluster.local.', 'nodata.cluster.local.', 'nodata.'],
      rcode: 'NOERROR',
    },
    { rule: 'SERVFAIL for a search domain: try the next one (got_servfail)', name: 'flaky', queries: ['flaky.default.svc.cluster.local.', 'flaky.svc.cluster.local.'], rcode: 'NOERROR', answer: '10.96.100.7' },
    { rule: 'any other error (REFUSED) ends the search list, the name as given is still tried', name: 'refused', queries: ['refused.default.svc.cluster.local.', 'refused.'], rcode: 'NXDOMAIN' },
    { rule: 'nothing found anywhere: the last query\'s NXDOMAIN', name: 'nope', queries: ['nope.default.svc.cluster.local.', 'nope.svc.cluster.local.', 'nope.cluster.local.', 'nope.'], rcode: 'NXDOMAIN' },
    { rule: 'no search list: the name as given, once', name: 'web', conf: { search: [], nameservers: ['192.168.49.1'], options: ['ndots:0'] }, queries: ['web.'], rcode: 'NXDOMAIN' },
    { rule: 'ndots:0 (Docker): even a bare name goes as is first', name: 'web', conf: { ...POD, options: ['ndots:0'] }, queries: ['web.', 'web.default.svc.cluster.local.'], rcode: 'NOERROR' },
    { rule: 'no ndots option: the default 1, so one dot already tries as is first', name: 'api.team', conf: { ...POD, options: [] }, queries: ['api.team.', 'api.team.default.svc.cluster.local.', 'api.team.svc.cluster.local.'], rcode: 'NOERROR' },
    { rule: 'the root domain on the search list stands for the name as given (not tried again)', name: 'nope', conf: { ...POD, search: ['.', 'cluster.local'] }, queries: ['nope.', 'nope.cluster.local.'], rcode: 'NXDOMAIN' },
  ];
  it.each(rows)('$rule', ({ name, conf, type, queries, rcode, answer }) => {
    const r = stubResolve(conf ?? POD, name, type ?? 'A', dns);
    expect(r.queries.map((q) => q.name)).toEqual(queries);
    expect(r.rcode).toBe(rcode);
    if (answer) expect(r.answers.map((a) => a.data)).toEqual([answer]);
    // On success the answers are the last query's; on failure there are none.
    expect(r.answers).toEqual(r.rcode === 'NOERROR' ? r.queries[r.queries.length - 1].response.answers : []);
  });

  it('queries keep the type asked and each response', () => {
    const r = stubResolve(POD, 'web', 'AAAA', dns);
    expect(r.queries.every((q) => q.type === 'AAAA')).toBe(true);
    expect(r.queries[0].response.rcode).toBe('NOERROR');
  });

  it.each([
    { rule: 'res_init.c: default ndots is 1', options: [], ndots: 1 },
    { rule: 'ndots:n', options: ['ndots:5'], ndots: 5 },
    { rule: 'capped at RES_MAXNDOTS 15', options: ['ndots:20'], ndots: 15 },
    { rule: 'the last ndots option wins', options: ['ndots:5', 'edns0', 'ndots:2'], ndots: 2 },
    { rule: 'atoi: no digits reads as 0', options: ['ndots:x'], ndots: 0 },
  ])('$rule', ({ options, ndots }) => expect(ndotsOf(options)).toBe(ndots));
});

describe('stubResolve against CoreDNS from a ClusterFirst pod', () => {
  const state = fixtureState({ services: [svc({ name: 'web', clusterIP: '10.96.100.1', ports: [{ name: 'http', port: 80 }] })] });
  const cfg = { ...readCorefile(corefile('cluster.local'), 'cluster.local').config, upstream: new Map([['example.com', ['93.184.216.34']]]) };
  const client = pod({ name: 'client', ns: 'default' });
  it.each([
    { rule: 'short name → first search domain', name: 'web', queries: ['web.default.svc.cluster.local.'], ips: ['10.96.100.1'] },
    { rule: 'service.namespace → second search domain', name: 'kubernetes.default', queries: ['kubernetes.default.default.svc.cluster.local.', 'kubernetes.default.svc.cluster.local.'], ips: ['10.96.0.1'] },
    { rule: 'external name: three NXDOMAINs from the kubernetes plugin, then upstream', name: 'example.com', queries: ['example.com.default.svc.cluster.local.', 'example.com.svc.cluster.local.', 'example.com.cluster.local.', 'example.com.'], ips: ['93.184.216.34'] },
  ])('$rule', ({ name, queries, ips }) => {
    const r = stubResolve(resolvConf(state, client), name, 'A', (q) => corednsResolve(state, cfg, q));
    expect(r.queries.map((q) => q.name)).toEqual(queries);
    expect(r.answers.map((a) => a.data)).toEqual(ips);
  });
});
