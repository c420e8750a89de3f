import { describe, expect, it } from 'vitest';
import { corefile } from '../cluster/system';
import type { DnsConfig, DnsResponse, DnsRR, RRType } from './coredns';
import { corednsResolve } from './coredns';
import { fixtureState, pod, slice, svc } from './coredns-fixtures';
import { PTR_HOSTNAME_ONLY } from './coredns-records';
import { readCorefile } from './corefile';

const fmt = (r: DnsRR) => `${r.name} ${r.ttl} ${r.type} ${r.data}`;
const SOA = 'cluster.local. 30 SOA ns.dns.cluster.local. hostmaster.cluster.local. 1767225600 7200 1800 86400 30';
const D = 'default.svc.cluster.local.';

const state = fixtureState({
  namespaces: ['team'],
  services: [
    svc({ name: 'web', clusterIP: '10.96.100.1', ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090 }] }),
    svc({ name: 'nginx', headless: true, ports: [{ name: 'web', port: 80 }] }),
    svc({ name: 'empty-hl', headless: true, ports: [{ name: 'http', port: 80 }] }),
    svc({ name: 'noports-hl', headless: true }),
    svc({ name: 'ext', externalName: 'my.database.example.com' }),
    svc({ name: 'ext-unknown', externalName: 'nowhere.example.org' }),
    svc({ name: 'alias', externalName: 'web.default.svc.cluster.local' }),
    svc({ name: 'loop-a', externalName: 'loop-b.default.svc.cluster.local' }),
    svc({ name: 'loop-b', externalName: 'loop-a.default.svc.cluster.local' }),
    svc({ name: 'self', externalName: 'self.default.svc.cluster.local' }),
    svc({ name: 'ipext', externalName: '1.2.3.4' }),
    svc({ ns: 'team', name: 'api', clusterIP: '10.96.100.2', ports: [{ name: 'http', port: 80 }] }),
  ],
  slices: [
    slice({ svc: 'web', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }], endpoints: [{ ip: '10.244.1.5', pod: 'web-1' }, { ip: '10.244.2.6', pod: 'web-2' }, { ip: '10.244.1.7', ready: false }] }),
    slice({ svc: 'nginx', ports: [{ name: 'web', port: 80 }], endpoints: [{ ip: '10.244.1.20', hostname: 'web-0' }, { ip: '10.244.2.21', hostname: 'web-1' }, { ip: '10.244.1.22', hostname: 'web-2', ready: false }] }),
    slice({ svc: 'empty-hl', ports: [{ name: 'http', port: 80 }], endpoints: [{ ip: '10.244.1.40', ready: false }] }),
    slice({ svc: 'noports-hl', ports: [], endpoints: [{ ip: '10.244.1.30', ready: null }] }),
  ],
});

const kubeadm = readCorefile(corefile('cluster.local'), 'cluster.local').config;
const cfg: DnsConfig = { ...kubeadm, upstream: new Map([['my.database.example.com', ['192.0.2.10']], ['example.com', ['93.184.216.34', '2606:2800::1']]]) };
const ask = (name: string, type: RRType, c: DnsConfig = cfg, s = state): DnsResponse => corednsResolve(s, c, { name, type });

interface Row {
  rule: string;
  name: string;
  type: RRType;
  rcode: DnsResponse['rcode'];
  answers?: string[];
  authority?: string[];
  additional?: string[];
  reason?: string;
  source?: DnsResponse['source'];
}

describe('corednsResolve: the kubernetes plugin with kubeadm\'s Corefile', () => {
  const rows: Row[] = [
    { rule: 'kubernetes.go findServices: ClusterIP Service → its ClusterIP (one A although two ports; backend_lookup.go A dedups)', name: `web.${D}`, type: 'A', rcode: 'NOERROR', answers: [`web.${D} 30 A 10.96.100.1`], reason: 'service-a' },
    { rule: 'handler_case_test.go: names are matched case-insensitively', name: 'WEB.Default.SVC.Cluster.Local.', type: 'A', rcode: 'NOERROR', answers: [`web.${D} 30 A 10.96.100.1`] },
    { rule: 'another namespace', name: 'api.team.svc.cluster.local.', type: 'A', rcode: 'NOERROR', answers: ['api.team.svc.cluster.local. 30 A 10.96.100.2'] },
    { rule: 'backend_lookup.go AAAA skips IPv4 hosts: NODATA (NOERROR, SOA in authority)', name: `web.${D}`, type: 'AAAA', rcode: 'NOERROR', answers: [], authority: [SOA], reason: 'nodata' },
    { rule: 'no such Service: errNoItems → NXDOMAIN with the SOA', name: `nope.${D}`, type: 'A', rcode: 'NXDOMAIN', authority: [SOA], reason: 'nxdomain' },
    { rule: 'namespace.go: a namespace that does not exist is not exposed → NXDOMAIN', name: 'web.nowhere.svc.cluster.local.', type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'findServices: empty service name in an existing namespace → NODATA', name: D, type: 'A', rcode: 'NOERROR', answers: [], authority: [SOA] },
    { rule: 'parse.go: "svc.<zone>" is an apex query → NODATA', name: 'svc.cluster.local.', type: 'A', rcode: 'NOERROR', answers: [] },
    { rule: 'backend_lookup.go checkForApex: the zone itself → NODATA', name: 'cluster.local.', type: 'A', rcode: 'NOERROR', answers: [] },
    { rule: 'parse.go: the label before the zone must be svc or pod → errInvalidRequest → NXDOMAIN', name: 'foo.cluster.local.', type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'parse.go: more than port+protocol before the service → too long → NXDOMAIN', name: `a.b.c.web.${D}`, type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'wildcard queries were removed (CoreDNS 1.9): "*" is just a name', name: `*.${D}`, type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'findServices headless: every ready address, not-ready ones left out', name: `nginx.${D}`, type: 'A', rcode: 'NOERROR', answers: [`nginx.${D} 30 A 10.244.1.20`, `nginx.${D} 30 A 10.244.2.21`], reason: 'headless' },
    { rule: 'endpoint query: hostname.subdomain form', name: `web-0.nginx.${D}`, type: 'A', rcode: 'NOERROR', answers: [`web-0.nginx.${D} 30 A 10.244.1.20`], reason: 'endpoint-a' },
    { rule: 'endpoint query: a not-ready endpoint has no record', name: `web-2.nginx.${D}`, type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'endpointHostname: the dashed IP names endpoints without hostname, even of a ClusterIP Service', name: `10-244-1-5.web.${D}`, type: 'A', rcode: 'NOERROR', answers: [`10-244-1-5.web.${D} 30 A 10.244.1.5`] },
    { rule: 'findServices: a headless Service without ready endpoints keeps errNoItems → NXDOMAIN', name: `empty-hl.${D}`, type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'object/endpoint.go: a slice without ports gets the port -1 sentinel; A still answers', name: `noports-hl.${D}`, type: 'A', rcode: 'NOERROR', answers: [`noports-hl.${D} 30 A 10.244.1.30`] },
    { rule: 'backend_lookup.go SRV skips port -1 → NODATA', name: `noports-hl.${D}`, type: 'SRV', rcode: 'NOERROR', answers: [] },
    { rule: 'SRV _port._proto: weight 100, target the Service name, its A in additional', name: `_http._tcp.web.${D}`, type: 'SRV', rcode: 'NOERROR', answers: [`_http._tcp.web.${D} 30 SRV 0 100 80 web.${D}`], additional: [`web.${D} 30 A 10.96.100.1`], reason: 'srv' },
    { rule: 'SRV on the bare name: every port, weight 100/n', name: `web.${D}`, type: 'SRV', rcode: 'NOERROR', answers: [`web.${D} 30 SRV 0 50 80 web.${D}`, `web.${D} 30 SRV 0 50 9090 web.${D}`], additional: [`web.${D} 30 A 10.96.100.1`] },
    {
      rule: 'SRV on a headless Service: one per endpoint, target hostname.service, endpoint port',
      name: `_web._tcp.nginx.${D}`,
      type: 'SRV',
      rcode: 'NOERROR',
      answers: [`_web._tcp.nginx.${D} 30 SRV 0 50 80 web-0.nginx.${D}`, `_web._tcp.nginx.${D} 30 SRV 0 50 80 web-1.nginx.${D}`],
      additional: [`web-0.nginx.${D} 30 A 10.244.1.20`, `web-1.nginx.${D} 30 A 10.244.2.21`],
    },
    { rule: 'matchPortAndProtocol: wrong protocol matches no port → NXDOMAIN', name: `_http._udp.web.${D}`, type: 'SRV', rcode: 'NXDOMAIN' },
    { rule: 'SRV for kube-dns over UDP', name: '_dns._udp.kube-dns.kube-system.svc.cluster.local.', type: 'SRV', rcode: 'NOERROR', answers: ['_dns._udp.kube-dns.kube-system.svc.cluster.local. 30 SRV 0 100 53 kube-dns.kube-system.svc.cluster.local.'], additional: ['kube-dns.kube-system.svc.cluster.local. 30 A 10.96.0.10'] },
    { rule: 'ExternalName: CNAME, then the target\'s A through the chain (forward), TTLs capped by cache 30', name: `ext.${D}`, type: 'A', rcode: 'NOERROR', answers: [`ext.${D} 30 CNAME my.database.example.com.`, 'my.database.example.com. 30 A 192.0.2.10'], reason: 'external-name-cname' },
    { rule: 'ExternalName to a name upstream does not know: the CNAME alone, NOERROR', name: `ext-unknown.${D}`, type: 'A', rcode: 'NOERROR', answers: [`ext-unknown.${D} 30 CNAME nowhere.example.org.`] },
    { rule: 'ExternalName inside the zone: followed by recursion', name: `alias.${D}`, type: 'A', rcode: 'NOERROR', answers: [`alias.${D} 30 CNAME web.${D}`, `web.${D} 30 A 10.96.100.1`] },
    { rule: 'CNAME cycle: DuplicateCNAME drops the repeat, nothing resolves → NODATA', name: `loop-a.${D}`, type: 'A', rcode: 'NOERROR', answers: [], authority: [SOA], reason: 'cname-loop' },
    { rule: 'x CNAME x is a direct loop and is not added → NODATA', name: `self.${D}`, type: 'A', rcode: 'NOERROR', answers: [], reason: 'cname-loop' },
    { rule: 'an IP-valued externalName is not a CNAME: errNoItems → NXDOMAIN', name: `ipext.${D}`, type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'backend_lookup.go CNAME: the ExternalName record only', name: `ext.${D}`, type: 'CNAME', rcode: 'NOERROR', answers: [`ext.${D} 30 CNAME my.database.example.com.`] },
    { rule: 'kubernetes.go Services: SRV drops CNAME entries → NODATA', name: `ext.${D}`, type: 'SRV', rcode: 'NOERROR', answers: [] },
    { rule: 'pods insecure: any dashed address answers', name: '10-244-1-99.default.pod.cluster.local.', type: 'A', rcode: 'NOERROR', answers: ['10-244-1-99.default.pod.cluster.local. 30 A 10.244.1.99'], reason: 'pod-a' },
    { rule: 'pods insecure: the namespace must still exist', name: '10-244-1-99.nowhere.pod.cluster.local.', type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'findPods: not an address → NXDOMAIN', name: 'not-an-ip.default.pod.cluster.local.', type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'findPods: net.ParseIP rejects leading zeros → NXDOMAIN', name: '010-244-1-99.default.pod.cluster.local.', type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'kubernetes.go Services TXT: dns-version is the schema version (TTL 28800, capped to 30 by cache)', name: 'dns-version.cluster.local.', type: 'TXT', rcode: 'NOERROR', answers: ['dns-version.cluster.local. 30 TXT "1.1.0"'] },
    { rule: 'TXT for any other name is NODATA', name: `web.${D}`, type: 'TXT', rcode: 'NOERROR', answers: [] },
    { rule: 'handler.go SOA at the apex (serial: the cluster clock\'s epoch)', name: 'cluster.local.', type: 'SOA', rcode: 'NOERROR', answers: [SOA] },
    { rule: 'handler.go: SOA below the apex is NODATA (coredns#4592)', name: `web.${D}`, type: 'SOA', rcode: 'NOERROR', answers: [], authority: [SOA] },
    { rule: 'ns.go: NS at the apex is the kube-dns Service, its ClusterIP in additional', name: 'cluster.local.', type: 'NS', rcode: 'NOERROR', answers: ['cluster.local. 30 NS kube-dns.kube-system.svc.cluster.local.'], additional: ['kube-dns.kube-system.svc.cluster.local. 30 A 10.96.0.10'] },
    { rule: 'ns.go isDefaultNS: ns.dns.<zone> answers with the same addresses', name: 'ns.dns.cluster.local.', type: 'A', rcode: 'NOERROR', answers: ['ns.dns.cluster.local. 30 A 10.96.0.10'] },
    { rule: 'NS below the apex: the fake A lookup says the name exists → NODATA', name: `web.${D}`, type: 'NS', rcode: 'NOERROR', answers: [] },
    { rule: 'handler_test.go "NS query for qname != zone (existing domain)": svc.<zone> → NODATA', name: 'svc.cluster.local.', type: 'NS', rcode: 'NOERROR', answers: [], authority: [SOA] },
    { rule: 'handler_test.go "NS query for qname != zone (non existing domain)": foo.<zone> → NXDOMAIN', name: 'foo.cluster.local.', type: 'NS', rcode: 'NXDOMAIN', authority: [SOA] },
    { rule: 'handler_test.go: foo.svc.<zone> (no such namespace) NS → NXDOMAIN', name: 'foo.svc.cluster.local.', type: 'NS', rcode: 'NXDOMAIN' },
    { rule: 'handler_test.go "A Service does not exist": an endpoint of a missing Service → NXDOMAIN', name: `bogusendpoint.svc0.${D}`, type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'handler_test.go "A Service (Headless) does not exist": an unknown endpoint name → NXDOMAIN', name: `bogusendpoint.nginx.${D}`, type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'MX: the backend has no mail records → NODATA', name: `web.${D}`, type: 'MX', rcode: 'NOERROR', answers: [] },
    { rule: 'other types: the fake A lookup tells NODATA …', name: `web.${D}`, type: 'ANY', rcode: 'NOERROR', answers: [] },
    { rule: '… from NXDOMAIN', name: `nope.${D}`, type: 'ANY', rcode: 'NXDOMAIN' },
    { rule: 'reverse.go: a ClusterIP → the Service name', name: '1.100.96.10.in-addr.arpa.', type: 'PTR', rcode: 'NOERROR', answers: [`1.100.96.10.in-addr.arpa. 30 PTR web.${D}`], reason: 'ptr' },
    { rule: 'reverse.go: an endpoint with a hostname → hostname.service', name: '20.1.244.10.in-addr.arpa.', type: 'PTR', rcode: 'NOERROR', answers: [`20.1.244.10.in-addr.arpa. 30 PTR web-0.nginx.${D}`] },
    PTR_HOSTNAME_ONLY
      ? { rule: 'reverse.go (v1.12.0, coredns#6898): endpoints without hostname get no PTR → fallthrough in-addr.arpa → forward → NXDOMAIN', name: '5.1.244.10.in-addr.arpa.', type: 'PTR', rcode: 'NXDOMAIN', source: 'none' }
      : { rule: 'reverse.go (coredns#7194): endpoints without hostname → dashed-IP name', name: '5.1.244.10.in-addr.arpa.', type: 'PTR', rcode: 'NOERROR', answers: [`5.1.244.10.in-addr.arpa. 30 PTR 10-244-1-5.web.${D}`] },
    { rule: 'fallthrough in-addr.arpa: an unknown address goes to forward (no SOA from us)', name: '9.9.9.9.in-addr.arpa.', type: 'PTR', rcode: 'NXDOMAIN', authority: [], source: 'none' },
    { rule: 'forward . /etc/resolv.conf: names outside the zones go upstream', name: 'example.com.', type: 'A', rcode: 'NOERROR', answers: ['example.com. 30 A 93.184.216.34'], source: 'upstream', reason: 'upstream' },
    { rule: 'forward: upstream AAAA', name: 'example.com.', type: 'AAAA', rcode: 'NOERROR', answers: ['example.com. 30 AAAA 2606:2800::1'], source: 'upstream' },
    { rule: 'forward: nobody knows the name → NXDOMAIN', name: 'unknown.example.', type: 'A', rcode: 'NXDOMAIN', source: 'none' },
  ];
  it.each(rows)('$rule', (row) => {
    const r = ask(row.name, row.type);
    expect(r.rcode).toBe(row.rcode);
    if (row.answers) expect(r.answers.map(fmt)).toEqual(row.answers);
    if (row.authority) expect(r.authority.map(fmt)).toEqual(row.authority);
    if (row.additional) expect(r.additional.map(fmt)).toEqual(row.additional);
    if (row.reason) expect(r.reason).toBe(row.reason);
    if (row.source) expect(r.source).toBe(row.source);
  });

  it('NXDOMAIN and NODATA from the kubernetes plugin carry the SOA (backend_lookup.go BackendError)', () => {
    expect(ask(`nope.${D}`, 'A').authority.map(fmt)).toEqual([SOA]);
    expect(ask(`nope.${D}`, 'A').source).toBe('kubernetes');
  });
});

describe('corednsResolve: Corefile options', () => {
  const withCorefile = (text: string, extra: Partial<DnsConfig> = {}): DnsConfig => ({ ...readCorefile(text, 'cluster.local').config, upstream: cfg.upstream, ...extra });
  const kubeadmWith = (inner: string, after = '') =>
    withCorefile(`.:53 {\n  errors\n  ${after}\n  kubernetes cluster.local in-addr.arpa ip6.arpa {\n    ${inner}\n    fallthrough in-addr.arpa ip6.arpa\n    ttl 30\n  }\n  forward . /etc/resolv.conf\n  cache 30\n}\n`);
  const podState = fixtureState({ pods: [pod({ name: 'client', ip: '10.244.1.10' }), pod({ name: 'gone', ip: '10.244.1.11', terminating: true })] });

  const rows: { rule: string; cfg: () => DnsConfig; name: string; type: RRType; rcode: DnsResponse['rcode']; answers?: string[]; source?: DnsResponse['source'] }[] = [
    { rule: 'pods verified: a pod with that address in that namespace answers', cfg: () => kubeadmWith('pods verified'), name: '10-244-1-10.default.pod.cluster.local.', type: 'A', rcode: 'NOERROR', answers: ['10-244-1-10.default.pod.cluster.local. 30 A 10.244.1.10'] },
    { rule: 'pods verified: no such pod → NXDOMAIN', cfg: () => kubeadmWith('pods verified'), name: '10-244-9-9.default.pod.cluster.local.', type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'pods verified: object/pod.go drops pods being deleted', cfg: () => kubeadmWith('pods verified'), name: '10-244-1-11.default.pod.cluster.local.', type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'pods verified: the namespace must match', cfg: () => kubeadmWith('pods verified'), name: '10-244-1-10.kube-system.pod.cluster.local.', type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'pods disabled (the plugin default): pod names are NXDOMAIN', cfg: () => kubeadmWith(''), name: '10-244-1-10.default.pod.cluster.local.', type: 'A', rcode: 'NXDOMAIN' },
    { rule: 'ttl option: records carry it', cfg: () => withCorefile('.:53 {\n kubernetes cluster.local {\n  ttl 10\n }\n forward . /etc/resolv.conf\n cache 30\n}'), name: 'kubernetes.default.svc.cluster.local.', type: 'A', rcode: 'NOERROR', answers: ['kubernetes.default.svc.cluster.local. 10 A 10.96.0.1'] },
    { rule: 'hosts with fallthrough: its entries answer first (TTL 3600 capped by cache 30)', cfg: () => kubeadmWith('pods insecure', 'hosts {\n    192.0.2.50 db.corp.example\n    fallthrough\n  }'), name: 'db.corp.example.', type: 'A', rcode: 'NOERROR', answers: ['db.corp.example. 30 A 192.0.2.50'], source: 'hosts' },
    { rule: 'hosts with fallthrough: other names go on down the chain', cfg: () => kubeadmWith('pods insecure', 'hosts {\n    192.0.2.50 db.corp.example\n    fallthrough\n  }'), name: 'kubernetes.default.svc.cluster.local.', type: 'A', rcode: 'NOERROR', answers: ['kubernetes.default.svc.cluster.local. 30 A 10.96.0.1'], source: 'kubernetes' },
    { rule: 'hosts before kubernetes (plugin.cfg order): an entry shadows a cluster name', cfg: () => kubeadmWith('pods insecure', 'hosts {\n    192.0.2.99 kubernetes.default.svc.cluster.local\n    fallthrough\n  }'), name: 'kubernetes.default.svc.cluster.local.', type: 'A', rcode: 'NOERROR', answers: ['kubernetes.default.svc.cluster.local. 30 A 192.0.2.99'], source: 'hosts' },
    { rule: 'hosts without fallthrough: a name it lacks is SERVFAIL ("we don\'t have a SOA")', cfg: () => kubeadmWith('pods insecure', 'hosts {\n    192.0.2.50 db.corp.example\n  }'), name: 'kubernetes.default.svc.cluster.local.', type: 'A', rcode: 'SERVFAIL', source: 'hosts' },
    { rule: 'hosts: a name with only an IPv4 entry is NODATA for AAAA (otherRecordsExist)', cfg: () => kubeadmWith('pods insecure', 'hosts {\n    192.0.2.50 db.corp.example\n  }'), name: 'db.corp.example.', type: 'AAAA', rcode: 'NOERROR', answers: [] },
    { rule: 'hosts: PTR from the inline entries', cfg: () => kubeadmWith('pods insecure', 'hosts {\n    192.0.2.50 db.corp.example\n    fallthrough\n  }'), name: '50.2.0.192.in-addr.arpa.', type: 'PTR', rcode: 'NOERROR', answers: ['50.2.0.192.in-addr.arpa. 30 PTR db.corp.example.'] },
    { rule: 'no cache plugin: dns-version keeps its 28800 TTL', cfg: () => withCorefile('.:53 {\n kubernetes cluster.local\n forward . /etc/resolv.conf\n}'), name: 'dns-version.cluster.local.', type: 'TXT', rcode: 'NOERROR', answers: ['dns-version.cluster.local. 28800 TXT "1.1.0"'] },
    { rule: 'no forward plugin: names outside the zones have no next plugin → SERVFAIL', cfg: () => withCorefile('.:53 {\n kubernetes cluster.local\n}'), name: 'example.com.', type: 'A', rcode: 'SERVFAIL' },
    { rule: 'kubernetes without fallthrough for in-addr.arpa: an unknown address is NXDOMAIN from the plugin', cfg: () => withCorefile('.:53 {\n kubernetes cluster.local in-addr.arpa\n forward . /etc/resolv.conf\n}'), name: '9.9.9.9.in-addr.arpa.', type: 'PTR', rcode: 'NXDOMAIN', source: 'kubernetes' },
    { rule: 'a zone the kubernetes plugin does not serve goes upstream', cfg: () => withCorefile('.:53 {\n kubernetes cluster.example\n forward . /etc/resolv.conf\n}'), name: 'kubernetes.default.svc.cluster.local.', type: 'A', rcode: 'NXDOMAIN', source: 'none' },
  ];
  it.each(rows)('$rule', (row) => {
    const r = corednsResolve(podState, row.cfg(), { name: row.name, type: row.type });
    expect(r.rcode).toBe(row.rcode);
    if (row.answers) expect(r.answers.map(fmt)).toEqual(row.answers);
    if (row.source) expect(r.source).toBe(row.source);
  });

  it('ignore empty_service: a ClusterIP Service without ready endpoints is NXDOMAIN', () => {
    const s = fixtureState({ services: [svc({ name: 'idle', clusterIP: '10.96.100.9', ports: [{ name: 'http', port: 80 }] })] });
    const c = kubeadmWith('pods insecure\n    ignore empty_service');
    expect(corednsResolve(s, c, { name: `idle.${D}`, type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(corednsResolve(s, cfg, { name: `idle.${D}`, type: 'A' }).rcode).toBe('NOERROR');
  });

  it('a CNAME chain longer than 8 stops being followed (backend_lookup.go: len(previousRecords) > 7)', () => {
    const chain = Array.from({ length: 10 }, (_, i) => svc({ name: `c${i}`, externalName: `c${i + 1}.default.svc.cluster.local` }));
    const s = fixtureState({ services: [...chain, svc({ name: 'c10', clusterIP: '10.96.100.10', ports: [{ port: 80 }] })] });
    expect(corednsResolve(s, cfg, { name: `c3.${D}`, type: 'A' }).answers.length).toBe(8); // 7 CNAMEs + the A
    const long = corednsResolve(s, cfg, { name: `c0.${D}`, type: 'A' });
    expect(long.rcode).toBe('NOERROR');
    expect(long.answers).toEqual([]);
    expect(long.reason).toBe('cname-loop');
  });

  it('a DnsConfig built by hand (no plugins) is kubeadm\'s Corefile plus its hosts entries with fallthrough', () => {
    const hand: DnsConfig = { clusterDomain: 'cluster.local', ttl: 30, podsMode: 'insecure', hosts: new Map([['db.corp.example', ['192.0.2.50']]]), upstream: new Map() };
    expect(corednsResolve(state, hand, { name: 'db.corp.example.', type: 'A' }).answers.map(fmt)).toEqual(['db.corp.example. 30 A 192.0.2.50']);
    expect(corednsResolve(state, hand, { name: `web.${D}`, type: 'A' }).answers.map(fmt)).toEqual([`web.${D} 30 A 10.96.100.1`]);
  });

  it('same inputs, same answers (pure)', () => {
    expect(ask(`nginx.${D}`, 'SRV')).toEqual(ask(`nginx.${D}`, 'SRV'));
  });
});
