// Pure helpers for the traffic panels: destination suggestions from the running cluster, request
// validation before sending, packet diffs for the inspector, the histogram rows and the what-if diff.
// No React here, so every rule is unit-tested.
import type { ClusterState, Hop, Trace, TraceRequest } from '../../core';

export type FromKind = 'external' | 'pod' | 'node';
export type Proto = 'TCP' | 'UDP' | 'ICMP';

export interface ComposerInput {
  fromKind: FromKind;
  externalIP: string;
  /** pod key ("Pod/NS/NAME") or node name, depending on fromKind */
  fromRef: string;
  to: string;
  protocol: Proto;
  count: number;
  /** curl's --resolve: "HOST:IP" pairs, comma-separated (empty: none) */
  resolve?: string;
}

export interface Suggestion {
  value: string;
  label: string;
}

const SUGGESTION_LIMIT = 200;

/** Namespaces of the add-ons the playground runs (not the user's workloads). */
export const SYSTEM_NAMESPACES = new Set(['kube-system', 'ingress-nginx', 'metallb-system', 'local-path-storage']);

/** Sort key: the default namespace first, then the user's other namespaces, add-ons last. */
export function namespaceRank(ns: string): number {
  return ns === 'default' ? 0 : SYSTEM_NAMESPACES.has(ns) ? 2 : 1;
}

/** Places a request can go, from what the cluster runs (bounded: big clusters have many objects). */
export function destinationSuggestions(cluster: ClusterState): Suggestion[] {
  const out: Suggestion[] = [];
  const push = (value: string, label: string) => {
    if (out.length < SUGGESTION_LIMIT && !out.some((s) => s.value === value)) out.push({ value, label });
  };
  // the user's Services first; add-ons (ingress-nginx, metallb) after them; kube-system left out
  const services = cluster.services.filter((s) => s.namespace !== 'kube-system').sort((a, b) => namespaceRank(a.namespace) - namespaceRank(b.namespace));
  for (const svc of services) {
    for (const p of svc.ports) {
      const scheme = p.protocol !== 'TCP' ? '' : p.port === 443 || p.name === 'https' ? 'https://' : 'http://';
      push(`${scheme}${svc.name}.${svc.namespace}.svc.cluster.local:${p.port}${scheme ? '/' : ''}`, `${svc.namespace}/${svc.name} (DNS)`);
      if (svc.clusterIP) push(`${svc.clusterIP}:${p.port}`, `${svc.namespace}/${svc.name} ClusterIP`);
      if (p.nodePort !== null) for (const n of cluster.nodes) push(`${n.internalIP}:${p.nodePort}`, `${svc.namespace}/${svc.name} NodePort on ${n.name}`);
      for (const ip of [...svc.externalIPs, ...svc.loadBalancerIPs]) push(`${ip}:${p.port}`, `${svc.namespace}/${svc.name} external IP`);
    }
  }
  for (const o of cluster.objects) {
    if (o.kind !== 'Ingress') continue;
    const rules = (o.object as { spec?: { rules?: unknown } }).spec?.rules;
    if (!Array.isArray(rules)) continue;
    for (const r of rules as { host?: unknown; http?: { paths?: unknown } }[]) {
      const host = typeof r?.host === 'string' ? r.host : null;
      if (!host) continue;
      const paths = Array.isArray(r.http?.paths) ? (r.http.paths as { path?: unknown }[]) : [];
      if (paths.length === 0) push(`http://${host}/`, `Ingress ${o.name}`);
      for (const p of paths) push(`http://${host}${typeof p?.path === 'string' ? p.path : '/'}`, `Ingress ${o.name}`);
    }
  }
  return out;
}

export type ComposerErrors = Partial<Record<'to' | 'from' | 'externalIP' | 'count' | 'resolve', string>>;

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** Checks the form before it reaches the engine; the engine's own refusals show as trafficError. */
export function validateComposer(input: ComposerInput, cluster: ClusterState): ComposerErrors {
  const errors: ComposerErrors = {};
  if (input.to.trim() === '') errors.to = 'Enter a destination: a URL, HOST[:PORT] or IP[:PORT].';
  else if (/\s/.test(input.to.trim())) errors.to = 'The destination cannot contain spaces.';
  if (input.fromKind === 'external' && !IPV4.test(input.externalIP.trim())) errors.externalIP = 'Enter the client’s IPv4 address, e.g. 203.0.113.10.';
  if (input.fromKind === 'pod' && !cluster.pods.some((p) => p.key === input.fromRef)) errors.from = input.fromRef ? `Pod ${input.fromRef.replace(/^Pod\//, '')} not found in the cluster.` : 'Choose a pod.';
  if (input.fromKind === 'node' && !cluster.nodes.some((n) => n.name === input.fromRef)) errors.from = input.fromRef ? `Node ${input.fromRef} not found in the cluster.` : 'Choose a node.';
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > 1000) errors.count = 'Count is a whole number from 1 to 1000.';
  if (parseResolve(input.resolve ?? '') === null) errors.resolve = 'Write each --resolve entry as HOST:IP, e.g. go-helloworld.com:192.168.49.3.';
  return errors;
}

/** The engine request for a valid form. URLs imply HTTP over TCP, so the protocol is left out then. */
export function toRequest(input: ComposerInput, cluster: ClusterState): TraceRequest {
  const from: TraceRequest['from'] =
    input.fromKind === 'external'
      ? { kind: 'external', ip: input.externalIP.trim() }
      : input.fromKind === 'pod'
        ? { kind: 'pod', key: cluster.pods.find((p) => p.key === input.fromRef)!.key }
        : { kind: 'node', name: input.fromRef };
  const to = input.to.trim();
  const req: TraceRequest = { from, to, count: input.count };
  if (!isUrl(to)) req.protocol = input.protocol;
  const resolve = parseResolve(input.resolve ?? '');
  if (resolve?.length) req.resolve = resolve;
  return req;
}

/** "HOST:IP, HOST:IP" → pairs (curl's HOST:PORT:ADDR is accepted too: the port is ignored); null when malformed. */
export function parseResolve(text: string): { host: string; ip: string }[] | null {
  const out: { host: string; ip: string }[] = [];
  for (const entry of text.split(/[,\s]+/).filter(Boolean)) {
    const parts = entry.split(':');
    const host = parts[0];
    const ip = parts[parts.length - 1];
    if (parts.length < 2 || parts.length > 3 || !host || !IPV4.test(ip)) return null;
    out.push({ host: host.toLowerCase(), ip });
  }
  return out;
}

/** A draft from elsewhere (the diagram's "send a request here") as composer fields, keeping what it leaves out. */
export function inputFromDraft(d: { from?: TraceRequest['from']; to: string; protocol?: string; count?: number; resolve?: { host: string; ip: string }[] }, prev: ComposerInput): ComposerInput {
  const next: ComposerInput = { ...prev, to: d.to, count: d.count ?? prev.count, resolve: (d.resolve ?? []).map((r) => `${r.host}:${r.ip}`).join(', ') };
  if (d.protocol === 'TCP' || d.protocol === 'UDP' || d.protocol === 'ICMP') next.protocol = d.protocol;
  else if (!d.protocol) next.protocol = 'TCP';
  if (d.from?.kind === 'external') Object.assign(next, { fromKind: 'external', externalIP: d.from.ip, fromRef: '' });
  else if (d.from?.kind === 'pod') Object.assign(next, { fromKind: 'pod', fromRef: d.from.key });
  else if (d.from?.kind === 'node') Object.assign(next, { fromKind: 'node', fromRef: d.from.name });
  return next;
}

export function isUrl(to: string): boolean {
  return /^https?:\/\//i.test(to.trim());
}

export interface Endpoint {
  ip: string;
  port: string | null;
}

/** "IP:PORT" (or "IP" for ICMP) split for display. */
export function splitEndpoint(s: string): Endpoint {
  const i = s.lastIndexOf(':');
  return i < 0 ? { ip: s, port: null } : { ip: s.slice(0, i), port: s.slice(i + 1) };
}

export type PacketField = 'srcIP' | 'srcPort' | 'dstIP' | 'dstPort' | 'proto';

/** Which fields a hop rewrote (DNAT changes dstIP/dstPort, SNAT srcIP/srcPort, …). */
export function changedFields(h: Hop): Set<PacketField> {
  const out = new Set<PacketField>();
  const bs = splitEndpoint(h.before.src), as = splitEndpoint(h.after.src);
  const bd = splitEndpoint(h.before.dst), ad = splitEndpoint(h.after.dst);
  if (bs.ip !== as.ip) out.add('srcIP');
  if (bs.port !== as.port) out.add('srcPort');
  if (bd.ip !== ad.ip) out.add('dstIP');
  if (bd.port !== ad.port) out.add('dstPort');
  if (h.before.proto !== h.after.proto) out.add('proto');
  return out;
}

/** The event list's summary column: "src → dst", then "⇒ src → dst" when the hop rewrote the packet. */
export function hopSummary(h: Hop): string {
  const before = `${h.before.src} → ${h.before.dst}`;
  const after = `${h.after.src} → ${h.after.dst}`;
  return before === after && h.before.proto === h.after.proto ? before : `${before} ⇒ ${after}`;
}

export interface DistributionRow {
  label: string;
  count: number;
  percent: number;
}

/** Histogram rows, largest first, percentages of all connections rounded to one decimal. */
export function distributionRows(t: Trace | null): DistributionRow[] {
  if (!t?.distribution) return [];
  const total = t.distribution.reduce((n, d) => n + d.count, 0);
  return t.distribution
    .map((d) => ({ label: d.pod ? `${d.pod} (${d.ip}:${d.port})` : `${d.ip}:${d.port}`, count: d.count, percent: total ? Math.round((d.count / total) * 1000) / 10 : 0 }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export interface WhatIf {
  before: Trace['outcome'];
  after: Trace['outcome'];
  /** index into the playback hops of the first hop that differs, or null when the paths match */
  firstDiff: number | null;
}

const hopKey = (h: Hop) => `${h.at}|${h.component}|${h.action}|${h.before.src}|${h.before.dst}|${h.after.src}|${h.after.dst}`;

/** Compare the trace before the last edit with the current one (hops in playback order). */
export function whatIf(prevHops: Hop[], prev: Trace, curHops: Hop[], cur: Trace): WhatIf {
  let firstDiff: number | null = null;
  const n = Math.max(prevHops.length, curHops.length);
  for (let i = 0; i < n; i++) {
    if (!prevHops[i] || !curHops[i] || hopKey(prevHops[i]) !== hopKey(curHops[i])) {
      firstDiff = i;
      break;
    }
  }
  return { before: prev.outcome, after: cur.outcome, firstDiff };
}

/** Human label for an outcome code. */
export function outcomeLabel(o: Trace['outcome']): string {
  return o.replace('_', ' ');
}
