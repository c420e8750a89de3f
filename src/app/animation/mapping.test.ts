import { describe, it, expect } from 'vitest';
import type { Hop } from '../../core';
import { CLIENT_ID, DNS_ID, SYSTEM_ID } from '../diagram/toFlow';
import { ease, glideMs, hopTarget, isDnsHop, lbNodeOf, lbServiceOf, packetKind, packetLabel, STYLES, toScreen, type MapContext } from './mapping';
import { wrap } from './draw';

const hop = (over: Partial<Hop>): Hop => ({
  seq: 0,
  at: 'node/kind-worker',
  time: 0,
  component: 'routing',
  action: 'route',
  rule: null,
  probability: null,
  conntrack: null,
  before: { src: '10.244.2.2:40000', dst: '10.96.0.5:80', proto: 'TCP' },
  after: { src: '10.244.2.2:40000', dst: '10.244.1.7:8080', proto: 'TCP' },
  note: '',
  ...over,
});

const ctxOf = (ids: string[], pods: Record<string, string> = {}, lbService: string | null = null): MapContext => ({
  has: (id) => ids.includes(id),
  podNode: (k) => pods[k] ?? null,
  lbService,
});

describe('hopTarget: hop location → diagram element id', () => {
  const all = [CLIENT_ID, DNS_ID, SYSTEM_ID, 'Node//kind-worker', 'Pod/default/web-1', 'more:Node//kind-worker2', 'Node//kind-worker2', 'Service/default/lb'];
  it.each([
    { name: 'external → the External client box', h: hop({ at: 'external', component: 'client' }), ctx: ctxOf(all), want: { id: CLIENT_ID } },
    { name: 'loadbalancer → the Service the trace is for', h: hop({ at: 'loadbalancer', component: 'load-balancer' }), ctx: ctxOf(all, {}, 'Service/default/lb'), want: { id: 'Service/default/lb' } },
    { name: 'loadbalancer, Service not drawn → between the client and the node it hands to', h: hop({ at: 'loadbalancer' }), ctx: { ...ctxOf(all), lbNode: 'Node//kind-worker' }, want: { between: [CLIENT_ID, 'Node//kind-worker'] } },
    { name: 'loadbalancer without a drawn Service → the client box', h: hop({ at: 'loadbalancer' }), ctx: ctxOf([CLIENT_ID]), want: { id: CLIENT_ID } },
    { name: 'node/NAME → Node//NAME', h: hop({ at: 'node/kind-worker' }), ctx: ctxOf(all), want: { id: 'Node//kind-worker' } },
    { name: 'pod/NS/NAME → Pod/NS/NAME', h: hop({ at: 'pod/default/web-1', component: 'container' }), ctx: ctxOf(all), want: { id: 'Pod/default/web-1' } },
    { name: 'pod collapsed into "+N more" → that box', h: hop({ at: 'pod/default/web-9' }), ctx: ctxOf(all, { 'default/web-9': 'kind-worker2' }), want: { id: 'more:Node//kind-worker2' } },
    { name: 'pod in a summarised node → the node', h: hop({ at: 'pod/default/web-9' }), ctx: ctxOf(['Node//kind-worker2'], { 'default/web-9': 'kind-worker2' }), want: { id: 'Node//kind-worker2' } },
    { name: 'hidden CoreDNS pod → the system box', h: hop({ at: 'pod/kube-system/coredns-abc-1', component: 'coredns', action: 'dns-answer' }), ctx: ctxOf(all), want: { id: SYSTEM_ID } },
    { name: 'hidden CoreDNS pod, no system box → the DNS box', h: hop({ at: 'pod/kube-system/coredns-abc-1', component: 'container' }), ctx: ctxOf([DNS_ID]), want: { id: DNS_ID } },
    { name: 'upstream DNS (outside) → the DNS box', h: hop({ at: 'external', component: 'upstream-dns' }), ctx: ctxOf(all), want: { id: DNS_ID } },
    { name: 'upstream DNS elsewhere → the DNS box', h: hop({ at: 'node/kind-worker', component: 'upstream-dns' }), ctx: ctxOf(all), want: { id: DNS_ID } },
    { name: 'an element the diagram does not draw → null', h: hop({ at: 'node/gone' }), ctx: ctxOf(all), want: null },
  ])('$name', ({ h, ctx, want }) => {
    expect(hopTarget(h, ctx)).toEqual(want);
  });
});

describe('packetKind: request, reply, DNS and failure differ', () => {
  it.each([
    { name: 'request hop', h: hop({}), i: 0, n: 3, want: 'request' },
    { name: 'reply hop (after the request hops)', h: hop({ action: 'un-dnat', component: 'conntrack' }), i: 3, n: 3, want: 'reply' },
    { name: 'DNS query by the stub resolver', h: hop({ component: 'stub-resolver', action: 'dns-query' }), i: 0, n: 3, want: 'dns' },
    { name: 'a packet to port 53 is DNS', h: hop({ after: { src: '10.0.0.1:4000', dst: '10.244.0.3:53', proto: 'UDP' } }), i: 1, n: 3, want: 'dns' },
    { name: 'reject is a failure', h: hop({ action: 'reject', component: 'kube-proxy' }), i: 1, n: 3, want: 'failure' },
    { name: 'drop is a failure', h: hop({ action: 'drop' }), i: 1, n: 3, want: 'failure' },
    { name: 'lost is a failure', h: hop({ action: 'lost' }), i: 1, n: 3, want: 'failure' },
  ])('$name', ({ h, i, n, want }) => {
    expect(packetKind(h, i, n)).toBe(want);
  });

  it('each kind has its own shape and colour', () => {
    const styles = Object.values(STYLES);
    expect(new Set(styles.map((s) => s.shape)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.color)).size).toBe(styles.length);
  });

  it('isDnsHop is false for plain HTTP', () => {
    expect(isDnsHop(hop({}))).toBe(false);
  });
});

describe('helpers', () => {
  it('label is the destination after the hop', () => {
    expect(packetLabel(hop({}))).toBe('10.244.1.7:8080');
  });
  it.each([
    { speed: 1, ms: 500 },
    { speed: 2, ms: 250 },
    { speed: 0.25, ms: 2000 },
    { speed: 10, ms: 125 }, // clamped to the store's 0.25–4
  ])('glide at speed $speed takes $ms ms', ({ speed, ms }) => {
    expect(glideMs(speed)).toBe(ms);
  });
  it('ease starts at 0, ends at 1 and is clamped', () => {
    expect([ease(-1), ease(0), ease(0.5), ease(1), ease(2)]).toEqual([0, 0, 0.5, 1, 1]);
  });
  it('toScreen applies the viewport', () => {
    expect(toScreen({ x: 10, y: 20 }, { x: 5, y: -5, zoom: 2 })).toEqual({ x: 25, y: 35 });
  });
  it('lbServiceOf takes the first Service a hop names', () => {
    expect(lbServiceOf([hop({}), hop({ facts: { service: 'Service/default/lb' } }), hop({ facts: { service: 'Service/x/y' } })])).toBe('Service/default/lb');
    expect(lbServiceOf([hop({})])).toBeNull();
  });
  it('lbNodeOf takes the first node hop after the load balancer', () => {
    expect(lbNodeOf([hop({ at: 'external' }), hop({ at: 'loadbalancer' }), hop({ at: 'node/kind-worker2' })])).toBe('Node//kind-worker2');
    expect(lbNodeOf([hop({ at: 'node/kind-worker' })])).toBeNull();
  });
  it('wrap breaks reasons into short lines', () => {
    expect(wrap('aaa bbb ccc ddd', 7)).toEqual(['aaa bbb', 'ccc ddd']);
  });
});
