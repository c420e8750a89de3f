// Pure mapping for the packet animation: which diagram element a hop happened at, what kind of packet
// it is (request, reply, DNS, failure) and how that kind is drawn. No React, no DOM: the overlay
// (PacketOverlay.tsx) turns element ids into screen points with React Flow's internal nodes.
import type { Hop } from '../../core';
import { CLIENT_ID, DNS_ID, SYSTEM_ID, moreId } from '../diagram/toFlow';

export type PacketKind = 'request' | 'reply' | 'dns' | 'failure';
export type Shape = 'circle' | 'diamond' | 'square' | 'cross';

/** Where on the diagram a hop is drawn: one element's centre, or the midpoint of two elements. */
export type HopTarget = { id: string } | { between: [string, string] };

export interface MapContext {
  /** does the diagram currently hold an element with this id */
  has(id: string): boolean;
  /** the node a pod runs on ("NS/NAME" → node name), for pods collapsed into "+N more" or a node summary */
  podNode(nsName: string): string | null;
  /** the element a load-balancer hop stands near: the Service box, else between the client and `lbNode` */
  lbService?: string | null;
  /** the node the load balancer hands the packet to (a "Node//NAME" id) */
  lbNode?: string | null;
}

const FAILURES = new Set<Hop['action']>(['reject', 'drop', 'lost']);
const DNS_COMPONENTS = new Set<Hop['component']>(['coredns', 'stub-resolver', 'upstream-dns']);

export const isFailure = (h: Hop): boolean => FAILURES.has(h.action);

const port = (addr: string): string => {
  const i = addr.lastIndexOf(':');
  return i < 0 ? '' : addr.slice(i + 1);
};

/** A hop of a DNS exchange: a DNS component or action, or a packet to/from port 53. */
export function isDnsHop(h: Hop): boolean {
  if (DNS_COMPONENTS.has(h.component) || h.action === 'dns-query' || h.action === 'dns-answer') return true;
  return [h.before.src, h.before.dst, h.after.src, h.after.dst].some((a) => port(a) === '53');
}

/** The packet's kind at playback index `i` (request hops first, then `requestCount`.. are reply hops). */
export function packetKind(h: Hop, i: number, requestCount: number): PacketKind {
  if (isFailure(h)) return 'failure';
  if (isDnsHop(h)) return 'dns';
  return i >= requestCount ? 'reply' : 'request';
}

export interface PacketStyle {
  shape: Shape;
  /** fill colour; light enough on a dark pane and dark enough on a light one */
  color: string;
  /** half-size in CSS pixels */
  r: number;
}

export const STYLES: Record<PacketKind, PacketStyle> = {
  request: { shape: 'circle', color: '#2f7de1', r: 7 },
  reply: { shape: 'diamond', color: '#1f9d55', r: 8 },
  dns: { shape: 'square', color: '#b7791f', r: 5 },
  failure: { shape: 'cross', color: '#e02424', r: 8 },
};

const isCoreDns = (h: Hop, nsName: string): boolean => h.component === 'coredns' || /^kube-system\/coredns-/.test(nsName);

/** The element a hop is drawn at, or null when the diagram shows nothing for it. */
export function hopTarget(h: Hop, ctx: MapContext): HopTarget | null {
  const at = h.at;
  if (h.component === 'upstream-dns') return ctx.has(DNS_ID) ? { id: DNS_ID } : null;
  if (at === 'external') return ctx.has(CLIENT_ID) ? { id: CLIENT_ID } : null;
  if (at === 'loadbalancer') {
    if (ctx.lbService && ctx.has(ctx.lbService)) return { id: ctx.lbService };
    if (ctx.lbNode && ctx.has(ctx.lbNode) && ctx.has(CLIENT_ID)) return { between: [CLIENT_ID, ctx.lbNode] };
    return ctx.has(CLIENT_ID) ? { id: CLIENT_ID } : null;
  }
  if (at.startsWith('node/')) {
    const id = `Node//${at.slice(5)}`;
    return ctx.has(id) ? { id } : null;
  }
  if (at.startsWith('pod/')) {
    const nsName = at.slice(4);
    const slash = nsName.indexOf('/');
    const id = `Pod/${nsName.slice(0, slash)}/${nsName.slice(slash + 1)}`;
    if (ctx.has(id)) return { id };
    if (isCoreDns(h, nsName)) {
      for (const alt of [SYSTEM_ID, DNS_ID]) if (ctx.has(alt)) return { id: alt };
    }
    const node = ctx.podNode(nsName);
    if (node) {
      const group = `Node//${node}`;
      for (const alt of [moreId(group), group]) if (ctx.has(alt)) return { id: alt };
    }
    return ctx.has(SYSTEM_ID) && nsName.startsWith('kube-system/') ? { id: SYSTEM_ID } : null;
  }
  return null;
}

/**
 * The Service a load-balancer hop stands for: the first Service a later hop names in its facts
 * (kube-proxy's DNAT hop carries `facts.service`), so the packet is drawn at that Service's box.
 */
export function lbServiceOf(hops: Hop[]): string | null {
  for (const h of hops) {
    const s = h.facts?.service;
    if (typeof s === 'string' && s.startsWith('Service/')) return s;
  }
  return null;
}

/** The node a load-balancer hop hands the packet to: the first node hop after it, as a diagram id. */
export function lbNodeOf(hops: Hop[]): string | null {
  const i = hops.findIndex((h) => h.at === 'loadbalancer');
  if (i < 0) return null;
  const next = hops.slice(i + 1).find((h) => h.at.startsWith('node/'));
  return next ? `Node//${next.at.slice(5)}` : null;
}

/** The short label drawn next to a packet: where it is headed after this hop. */
export const packetLabel = (h: Hop): string => h.after.dst;

/** Glide duration between two hops at a playback speed (0.25–4). */
export const glideMs = (speed: number): number => 500 / Math.max(0.25, Math.min(4, speed || 1));

/** Ease in-out so a packet leaves and arrives gently; t in [0, 1]. */
export function ease(t: number): number {
  const c = Math.max(0, Math.min(1, t));
  return c < 0.5 ? 2 * c * c : 1 - (-2 * c + 2) ** 2 / 2;
}

export interface XY {
  x: number;
  y: number;
}

export const lerp = (a: XY, b: XY, t: number): XY => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });

/** Flow-space point → pane-local screen point for a React Flow viewport. */
export const toScreen = (p: XY, vp: { x: number; y: number; zoom: number }): XY => ({ x: p.x * vp.zoom + vp.x, y: p.y * vp.zoom + vp.y });
