import { describe, expect, it } from 'vitest';
import { fixtureState, pod, type PodFixture } from './coredns-fixtures';
import { podDNS, renderResolvConf, resolvConf, type ResolvConf } from './kubelet-dns';

const state = fixtureState({});
const CLUSTER = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];
const HOST: ResolvConf = { search: [], nameservers: ['192.168.49.1'], options: ['ndots:0'] };

describe('resolvConf (pkg/kubelet/network/dns/dns.go GetPodDNS)', () => {
  const rows: { rule: string; pod: PodFixture; want: ResolvConf }[] = [
    { rule: 'ClusterFirst: clusterDNS only, <ns>.svc/svc/<domain> then the host search (none on kind), ndots:5', pod: { name: 'p' }, want: { search: CLUSTER, nameservers: ['10.96.0.10'], options: ['ndots:5'] } },
    { rule: 'ClusterFirst: the search list starts with the pod namespace', pod: { name: 'p', ns: 'team' }, want: { search: ['team.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], nameservers: ['10.96.0.10'], options: ['ndots:5'] } },
    { rule: 'getPodDNSType: ClusterFirst on the host network falls back to Default', pod: { name: 'p', hostNetwork: true }, want: HOST },
    { rule: 'getPodDNSType: ClusterFirstWithHostNet keeps cluster DNS on the host network', pod: { name: 'p', hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }, want: { search: CLUSTER, nameservers: ['10.96.0.10'], options: ['ndots:5'] } },
    { rule: 'ClusterFirstWithHostNet without hostNetwork is cluster DNS too', pod: { name: 'p', dnsPolicy: 'ClusterFirstWithHostNet' }, want: { search: CLUSTER, nameservers: ['10.96.0.10'], options: ['ndots:5'] } },
    { rule: "Default: the node's resolv.conf (kind: Docker's resolver via the network gateway, ndots:0)", pod: { name: 'p', dnsPolicy: 'Default' }, want: HOST },
    { rule: 'None: dnsConfig only', pod: { name: 'p', dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }] } }, want: { search: ['corp.example'], nameservers: ['1.1.1.1'], options: ['ndots:2'] } },
    {
      rule: 'appendDNSConfig: nameservers and searches appended without duplicates, options merged by name (pod wins)',
      pod: { name: 'p', dnsConfig: { nameservers: ['1.1.1.1', '10.96.0.10'], searches: ['corp.example', 'svc.cluster.local'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } },
      want: { search: [...CLUSTER, 'corp.example'], nameservers: ['10.96.0.10', '1.1.1.1'], options: ['ndots:2', 'edns0'] },
    },
    { rule: 'TestMergeDNSOptions "Overwrite duplicated entries": a value-less pod option replaces ndots:N by a bare name', pod: { name: 'p', dnsConfig: { options: [{ name: 'ndots' }, { name: 'attempts', value: '3' }] } }, want: { search: CLUSTER, nameservers: ['10.96.0.10'], options: ['ndots', 'attempts:3'] } },
    { rule: 'Default + dnsConfig: merged onto the host configuration', pod: { name: 'p', dnsPolicy: 'Default', dnsConfig: { searches: ['corp.example'], options: [{ name: 'ndots', value: '1' }] } }, want: { search: ['corp.example'], nameservers: ['192.168.49.1'], options: ['ndots:1'] } },
  ];
  it.each(rows)('$rule', ({ pod: p, want }) => expect(resolvConf(state, pod(p))).toEqual(want));

  const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
  /** 199 characters: 11 of them after the cluster's three make a 2257-character line */
  const long = (i: number) => `${String.fromCharCode(97 + i).repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.example`;
  const limitRows: { rule: string; dnsConfig: unknown; search?: string[]; nameservers?: string[]; events: string[] }[] = [
    { rule: 'formDNSNameserversFitsLimits: at most 3 nameservers', dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9'] }, nameservers: ['10.96.0.10', '1.1.1.1', '8.8.8.8'], events: ['Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.96.0.10 1.1.1.1 8.8.8.8'] },
    { rule: 'formDNSSearchFitsLimits: 32 search paths fit', dnsConfig: { searches: many(29, (i) => `d${i}.example`) }, search: [...CLUSTER, ...many(29, (i) => `d${i}.example`)], events: [] },
    {
      rule: 'formDNSSearchFitsLimits: the 33rd path is dropped',
      dnsConfig: { searches: many(30, (i) => `d${i}.example`) },
      search: [...CLUSTER, ...many(29, (i) => `d${i}.example`)],
      events: [`Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${[...CLUSTER, ...many(29, (i) => `d${i}.example`)].join(' ')}`],
    },
    {
      rule: 'formDNSSearchFitsLimits: a path over 253 characters is dropped (glibc 2.28 aborts on it)',
      dnsConfig: { searches: [`${'a'.repeat(250)}.com`, 'ok.example'] },
      search: [...CLUSTER, 'ok.example'],
      events: [`Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${[...CLUSTER, 'ok.example'].join(' ')}`],
    },
    {
      rule: 'formDNSSearchFitsLimits: the line is cut from the end to 2048 characters',
      dnsConfig: { searches: many(11, long) },
      search: [...CLUSTER, ...many(9, long)],
      events: [`Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${[...CLUSTER, ...many(9, long)].join(' ')}`],
    },
  ];
  it.each(limitRows)('$rule', ({ dnsConfig, search, nameservers, events }) => {
    const r = podDNS(state, pod({ name: 'p', dnsConfig }));
    if (search) expect(r.conf.search).toEqual(search);
    if (nameservers) expect(r.conf.nameservers).toEqual(nameservers);
    expect(r.events.map((e) => e.message)).toEqual(events);
    expect(r.events.every((e) => e.type === 'Warning' && e.reason === 'DNSConfigForming')).toBe(true);
  });
});

describe('renderResolvConf (containerd CRI parseDNSOptions)', () => {
  it.each([
    { rule: 'search, one nameserver line each, options', conf: { search: CLUSTER, nameservers: ['10.96.0.10', '1.1.1.1'], options: ['ndots:5'] }, text: 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\nnameserver 1.1.1.1\noptions ndots:5\n' },
    { rule: 'empty parts are left out', conf: HOST, text: 'nameserver 192.168.49.1\noptions ndots:0\n' },
  ])('$rule', ({ conf, text }) => expect(renderResolvConf(conf)).toBe(text));
});
