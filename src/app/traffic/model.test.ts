import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifests, reconcile, trace, type Hop, type Trace } from '../../core';
import { changedFields, destinationSuggestions, distributionRows, hopSummary, inputFromDraft, isUrl, parseResolve, splitEndpoint, toRequest, validateComposer, whatIf, type ComposerInput } from './model';

function cluster(example: string) {
  const text = readFileSync(new URL(`../../../examples/${example}.yaml`, import.meta.url), 'utf8');
  const loaded = loadManifests([{ name: 'c.yaml', text }], { seed: 1 });
  return reconcile(loaded, { seed: 1, actions: [] });
}

const clusterip = cluster('clusterip');
const nodeport = cluster('nodeport');
const ingress = cluster('ingress');
const base: ComposerInput = { fromKind: 'pod', externalIP: '203.0.113.10', fromRef: 'Pod/default/alpine', to: 'http://go-helloworld:8111/', protocol: 'TCP', count: 1 };

describe('destinationSuggestions', () => {
  it.each([
    { name: 'Service DNS name with port, as an http URL for TCP ports', c: clusterip, value: 'http://go-helloworld.default.svc.cluster.local:8111/' },
    { name: 'ClusterIP:port', c: clusterip, value: `${clusterip.services.find((s) => s.name === 'go-helloworld')!.clusterIP}:8111` },
    { name: 'node IP:nodePort for every node', c: nodeport, value: `${nodeport.nodes[1].internalIP}:30008` },
  ])('$name', ({ c, value }) => {
    expect(destinationSuggestions(c).map((s) => s.value)).toContain(value);
  });
  it('lists Ingress hosts and paths as URLs', () => {
    expect(destinationSuggestions(ingress).some((s) => s.value.startsWith('http://') && s.label.startsWith('Ingress'))).toBe(true);
  });
  it('offers https:// for port 443', () => {
    expect(destinationSuggestions(clusterip).map((s) => s.value)).toContain('https://kubernetes.default.svc.cluster.local:443/');
  });
  it('lists the user\'s Services before add-ons (ingress-nginx)', () => {
    const labels = destinationSuggestions(ingress).map((s) => s.label);
    const firstAddon = labels.findIndex((l) => l.startsWith('ingress-nginx/'));
    const lastUser = labels.map((l) => l.startsWith('default/')).lastIndexOf(true);
    expect(firstAddon === -1 || lastUser < firstAddon).toBe(true);
  });
  it('leaves kube-system Services out', () => {
    expect(destinationSuggestions(clusterip).some((s) => s.label.startsWith('kube-system/'))).toBe(false);
  });
});

describe('validateComposer', () => {
  it.each([
    { name: 'a valid pod request has no errors', input: base, errors: {} },
    { name: 'empty destination', input: { ...base, to: '  ' }, errors: { to: 'Enter a destination: a URL, HOST[:PORT] or IP[:PORT].' } },
    { name: 'pod not found', input: { ...base, fromRef: 'Pod/default/nope' }, errors: { from: 'Pod default/nope not found in the cluster.' } },
    { name: 'node not found', input: { ...base, fromKind: 'node' as const, fromRef: 'kind-nope' }, errors: { from: 'Node kind-nope not found in the cluster.' } },
    { name: 'bad external IP', input: { ...base, fromKind: 'external' as const, externalIP: '300.1.1.1' }, errors: { externalIP: 'Enter the client’s IPv4 address, e.g. 203.0.113.10.' } },
    { name: 'count 0', input: { ...base, count: 0 }, errors: { count: 'Count is a whole number from 1 to 1000.' } },
  ])('$name', ({ input, errors }) => {
    expect(validateComposer(input, clusterip)).toEqual(errors);
  });
});

describe('toRequest', () => {
  it.each([
    { name: 'URL implies HTTP: no protocol', input: base, protocol: undefined },
    { name: 'HOST:PORT keeps the chosen protocol', input: { ...base, to: 'go-helloworld:8111', protocol: 'UDP' as const }, protocol: 'UDP' },
  ])('$name', ({ input, protocol }) => {
    const req = toRequest(input, clusterip);
    expect(req.protocol).toBe(protocol);
    expect(req.from).toEqual({ kind: 'pod', key: 'Pod/default/alpine' });
  });
  it('external client carries its IP', () => {
    expect(toRequest({ ...base, fromKind: 'external', externalIP: ' 203.0.113.10 ' }, clusterip).from).toEqual({ kind: 'external', ip: '203.0.113.10' });
  });
  it.each([
    ['http://a/', true],
    ['HTTPS://a/', true],
    ['a:80', false],
  ])('isUrl(%s) = %s', (s, v) => expect(isUrl(s)).toBe(v));
});

const hop = (before: Hop['before'], after: Hop['after']): Hop => ({ seq: 1, at: 'node/x', time: 0, component: 'kube-proxy', action: 'dnat', rule: null, probability: null, conntrack: null, before, after, note: '' });

describe('packet diffs', () => {
  it.each([
    { name: 'DNAT rewrites destination IP and port', h: hop({ src: '1.1.1.1:5', dst: '10.96.0.1:80', proto: 'TCP' }, { src: '1.1.1.1:5', dst: '10.244.1.2:8080', proto: 'TCP' }), fields: ['dstIP', 'dstPort'], summary: '1.1.1.1:5 → 10.96.0.1:80 ⇒ 1.1.1.1:5 → 10.244.1.2:8080' },
    { name: 'SNAT rewrites the source IP only', h: hop({ src: '1.1.1.1:5', dst: '2.2.2.2:80', proto: 'TCP' }, { src: '3.3.3.3:5', dst: '2.2.2.2:80', proto: 'TCP' }), fields: ['srcIP'], summary: '1.1.1.1:5 → 2.2.2.2:80 ⇒ 3.3.3.3:5 → 2.2.2.2:80' },
    { name: 'a route changes nothing', h: hop({ src: '1.1.1.1', dst: '2.2.2.2', proto: 'ICMP' }, { src: '1.1.1.1', dst: '2.2.2.2', proto: 'ICMP' }), fields: [], summary: '1.1.1.1 → 2.2.2.2' },
  ])('$name', ({ h, fields, summary }) => {
    expect([...changedFields(h)]).toEqual(fields);
    expect(hopSummary(h)).toBe(summary);
  });
  it('splitEndpoint handles ICMP addresses without a port', () => {
    expect(splitEndpoint('10.0.0.1')).toEqual({ ip: '10.0.0.1', port: null });
    expect(splitEndpoint('10.0.0.1:80')).toEqual({ ip: '10.0.0.1', port: '80' });
  });
});

describe('trace summaries', () => {
  const t = trace(clusterip, toRequest({ ...base, count: 100 }, clusterip));
  it('distributionRows sums to all connections, one row per backend', () => {
    const rows = distributionRows(t);
    expect(rows.length).toBe(1);
    expect(rows[0].count).toBe(100);
    expect(rows[0].percent).toBe(100);
    expect(rows[0].label).toMatch(/^default\/go-helloworld-/);
  });
  it.each([
    { name: 'a pod backend names the pod and its address', d: { pod: 'default/a', ip: '10.0.0.1', port: 80, count: 3 }, label: 'default/a (10.0.0.1:80)' },
    { name: 'a non-pod backend (apiserver) shows its address once', d: { pod: null, ip: '192.168.49.2', port: 6443, count: 1 }, label: '192.168.49.2:6443' },
  ])('distributionRows label: $name', ({ d, label }) => {
    expect(distributionRows({ ...t, distribution: [d] })[0].label).toBe(label);
  });
  it('distributionRows is empty without a distribution', () => {
    expect(distributionRows(null)).toEqual([]);
  });
  it('whatIf finds the first hop that differs', () => {
    const hops = [...t.hops, ...t.reply.hops];
    const changed: Trace = { ...t, outcome: 'refused' };
    const cut = hops.slice(0, 3);
    expect(whatIf(hops, t, cut, changed)).toEqual({ before: 'delivered', after: 'refused', firstDiff: 3 });
    expect(whatIf(hops, t, hops, t).firstDiff).toBeNull();
  });
});

describe('--resolve and drafts', () => {
  it.each([
    { text: '', want: [] },
    { text: 'go-helloworld.com:192.168.49.3', want: [{ host: 'go-helloworld.com', ip: '192.168.49.3' }] },
    // curl's own form HOST:PORT:ADDR is accepted; the port is not needed by the trace
    { text: 'A.example:80:10.0.0.1, b.example:10.0.0.2', want: [{ host: 'a.example', ip: '10.0.0.1' }, { host: 'b.example', ip: '10.0.0.2' }] },
    { text: 'go-helloworld.com', want: null },
    { text: 'host:300.1.1.1', want: null },
  ])('parseResolve("$text")', ({ text, want }) => {
    expect(parseResolve(text)).toEqual(want);
  });

  it('a malformed --resolve is refused before sending', () => {
    expect(validateComposer({ ...base, resolve: 'nope' }, clusterip)).toEqual({ resolve: 'Write each --resolve entry as HOST:IP, e.g. go-helloworld.com:192.168.49.3.' });
  });

  it('toRequest carries --resolve', () => {
    expect(toRequest({ ...base, resolve: 'x.com:1.2.3.4' }, clusterip).resolve).toEqual([{ host: 'x.com', ip: '1.2.3.4' }]);
  });

  it.each([
    { name: 'external source with --resolve', d: { from: { kind: 'external' as const, ip: '198.51.100.7' }, to: 'http://h:30593/hi', resolve: [{ host: 'h', ip: '192.168.49.3' }], send: true }, want: { fromKind: 'external', externalIP: '198.51.100.7', fromRef: '', to: 'http://h:30593/hi', resolve: 'h:192.168.49.3', protocol: 'TCP', count: 1 } },
    { name: 'node source, UDP', d: { from: { kind: 'node' as const, name: 'kind-worker' }, to: '10.96.0.10:53', protocol: 'UDP', send: false }, want: { fromKind: 'node', fromRef: 'kind-worker', to: '10.96.0.10:53', protocol: 'UDP', resolve: '' } },
    { name: 'no source: the composer keeps its own', d: { to: '10.0.0.1', protocol: 'ICMP', count: 5, send: false }, want: { fromKind: 'pod', fromRef: 'Pod/default/alpine', protocol: 'ICMP', count: 5 } },
  ])('inputFromDraft: $name', ({ d, want }) => {
    expect(inputFromDraft(d, base)).toMatchObject(want);
  });
});
