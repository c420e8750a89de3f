import { describe, expect, it } from 'vitest';
import { ctEntry, ctTuple, dstOf, packet, Recorder, srcOf, view } from './recorder';

describe('conntrack entries (conntrack -L layout)', () => {
  it.each([
    { proto: 'TCP' as const, state: 'NEW', want: 'tcp 6 NEW src=10.244.1.5 dst=10.96.0.10 sport=40000 dport=80 src=10.244.2.7 dst=10.244.1.5 sport=8080 dport=40000' },
    { proto: 'UDP' as const, state: 'ESTABLISHED', want: 'udp 17 ESTABLISHED src=10.244.1.5 dst=10.96.0.10 sport=40000 dport=80 src=10.244.2.7 dst=10.244.1.5 sport=8080 dport=40000' },
    { proto: 'SCTP' as const, state: 'NEW', want: 'sctp 132 NEW src=10.244.1.5 dst=10.96.0.10 sport=40000 dport=80 src=10.244.2.7 dst=10.244.1.5 sport=8080 dport=40000' },
    // ICMP tuples carry no ports
    { proto: 'ICMP' as const, state: 'NEW', want: 'icmp 1 NEW src=10.244.1.5 dst=10.96.0.10 src=10.244.2.7 dst=10.244.1.5' },
  ])('$proto $state', ({ proto, state, want }) => {
    const orig = ctTuple(proto, '10.244.1.5', '10.96.0.10', 40000, 80);
    const reply = ctTuple(proto, '10.244.2.7', '10.244.1.5', 8080, 40000);
    expect(ctEntry(proto, state, orig, reply)).toBe(want);
  });
});

describe('packet views', () => {
  it.each([
    { name: 'formatted', p: () => packet('10.0.0.1', 40000, '10.96.0.1', 80, 'TCP'), want: { src: '10.0.0.1:40000', dst: '10.96.0.1:80', proto: 'TCP' } },
    // a rewrite passes the end it keeps; the view reuses that string
    { name: 'reusing a kept end', p: () => packet('10.0.0.1', 40000, '10.1.2.3', 8080, 'TCP', srcOf(packet('10.0.0.1', 40000, '10.96.0.1', 80, 'TCP'))), want: { src: '10.0.0.1:40000', dst: '10.1.2.3:8080', proto: 'TCP' } },
    // the reply swaps the request's ends
    { name: 'a reply', p: () => { const q = packet('10.0.0.1', 40000, '10.1.2.3', 8080, 'UDP'); return packet(q.dst, q.dstPort, q.src, q.srcPort, q.proto, dstOf(q), srcOf(q)); }, want: { src: '10.1.2.3:8080', dst: '10.0.0.1:40000', proto: 'UDP' } },
    // ICMP views have no ports (and ignore hints)
    { name: 'ICMP', p: () => packet('10.0.0.1', 0, '10.1.2.3', 0, 'ICMP', 'x', 'y'), want: { src: '10.0.0.1', dst: '10.1.2.3', proto: 'ICMP' } },
  ])('$name', ({ p, want }) => {
    expect(view(p())).toEqual(want);
  });

  it('hops that see the same packet share its view; a hop without a rewrite has before === after', () => {
    const rec = new Recorder(0);
    const p = packet('10.0.0.1', 40000, '10.96.0.1', 80, 'TCP');
    const a = rec.add('pod/default/a', 'client', 'send', p, p, 'send-tcp');
    const b = rec.add('node/n1', 'routing', 'route', p, p, 'to-pod', 0.2);
    expect(a.before).toBe(b.before);
    expect(a.after).toBe(a.before);
    expect([a.seq, a.time, b.seq, b.time]).toEqual([1, 0.05, 2, 0.25]);
    expect(Object.keys(a)).toEqual(['seq', 'at', 'time', 'component', 'action', 'rule', 'rules', 'probability', 'conntrack', 'before', 'after', 'note', 'facts']);
  });
});
