// "Why does this Service have no (ready) endpoints?" — the EndpointSlice controller's view of one
// Service, explained. Upstream behaviour followed (pkg/controller/endpointslice/endpointslice_controller.go
// syncService): ExternalName Services and Services without a selector get nothing from the controller;
// otherwise the pods are `podLister.Pods(service.Namespace).List(labels.Set(selector))` — equality on
// every pair, in the Service's namespace only. Each selected pod then goes through pod-issues.ts.
// Near-misses (one label off, another namespace) are what a person debugging this looks for next.
import type { ClusterState, PodState, ServiceState } from '../cluster/state';
import { servicePortKey } from '../cluster/state';
import type { ObjectKey } from '../model/types';
import { formatSelector, labelMiss, matchesSelector, type LabelMiss } from './near-miss';
import { labelPath, podText, refText, topOwner } from './owners';
import { notReadyActionFix, podPortIssues, podStatusIssue, portsText, targetPortFixes } from './pod-issues';
import type { Finding, Fix, NoEndpointsReport, ObjectRef, PodRow, PortStatus, ReasonCode } from './types';

export interface AnalyzeOptions {
  /** the runtime-action log, so a `not-ready pod/…` action can be offered for removal */
  actions?: readonly string[];
  /** most near-miss groups reported (default 6) */
  maxNearMisses?: number;
}

function portStatus(state: ClusterState, svc: ServiceState): PortStatus[] {
  return svc.ports.map((p, index) => {
    const eps = state.index.endpoints.get(servicePortKey(svc, p)) ?? [];
    return { index, name: p.name, port: p.port, targetPort: p.targetPort, protocol: p.protocol, total: eps.length, ready: eps.filter((e) => e.ready).length };
  });
}

/** Services that kube-proxy would find without a ready endpoint on some port (ExternalName excluded). */
export function servicesWithoutReadyEndpoints(state: ClusterState): ObjectKey[] {
  const out: ObjectKey[] = [];
  for (const svc of state.services) {
    if (svc.type === 'ExternalName' || svc.ports.length === 0) continue;
    if (svc.ports.some((p) => !(state.index.endpoints.get(servicePortKey(svc, p)) ?? []).some((e) => e.ready))) out.push(svc.key);
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Groups pods by owner (and an extra discriminator), keeping the first pod as the example. */
function groupByOwner<T>(state: ClusterState, items: { pod: PodState; extra: string; data: T }[]): { pods: PodState[]; owner: ObjectRef; data: T }[] {
  const groups = new Map<string, { pods: PodState[]; owner: ObjectRef; data: T }>();
  for (const it of items) {
    const owner = topOwner(state, it.pod);
    const k = `${owner.kind}/${owner.namespace}/${owner.name}\u0000${it.extra}`;
    const g = groups.get(k);
    if (g) g.pods.push(it.pod);
    else groups.set(k, { pods: [it.pod], owner, data: it.data });
  }
  return [...groups.values()];
}

function podIssueMessage(code: ReasonCode, pod: PodState, who: string): string {
  switch (code) {
    case 'pod-terminal':
      return `${who} has finished (phase ${pod.phase}); finished pods are never endpoints.`;
    case 'pod-unscheduled':
      return `${who} is Pending: the scheduler found no node for it${pod.pendingReason ? ` (${pod.pendingReason})` : ''}. A pod gets an IP only once it runs on a node.`;
    case 'pod-no-ip':
      return `${who} has no IP yet (phase ${pod.phase}), so it cannot be an endpoint.`;
    case 'pod-terminating':
      return `${who} is terminating: its endpoint is listed with ready=false, and kube-proxy sends new connections elsewhere.`;
    case 'pod-not-ready':
      return `${who} is not Ready: its endpoint is listed with ready=false, and kube-proxy does not send traffic to it.`;
    default:
      return `${who}: ${code}`;
  }
}

function nearMissFinding(svc: ServiceState, g: { pods: PodState[]; owner: ObjectRef; data: LabelMiss }, offerFix: boolean): Finding {
  const m = g.data;
  const who = podText(g.pods[0], g.owner, g.pods.length);
  const service: ObjectRef = { kind: 'Service', namespace: svc.namespace, name: svc.name };
  const from = g.owner.kind === 'Pod' ? `Pod ${g.owner.name}` : `the pod template of ${refText(g.owner)}`;
  const pods = g.pods.map((p) => p.key);
  const fixes: Fix[] = [];
  if (m.kind === 'value') {
    if (offerFix) fixes.push({ kind: 'set', label: `Change the Service's selector to ${m.key}=${m.have} (the label in ${from})`, target: service, path: ['spec', 'selector', m.key], value: m.have });
    return {
      code: 'label-value-differs',
      kind: 'near-miss',
      message: `${who} has ${m.key}=${m.have}; the selector wants ${m.key}=${m.want}${m.typo ? ' (a typo?)' : ''}.`,
      pods,
      owner: g.owner,
      label: { key: m.key, want: m.want, have: m.have, typo: m.typo },
      fixes,
    };
  }
  if (m.kind === 'key') {
    if (offerFix) fixes.push({ kind: 'rename-key', label: `Change the Service's selector key ${m.key} to ${m.haveKey} (the label in ${from})`, target: service, path: ['spec', 'selector', m.key], newKey: m.haveKey });
    return {
      code: 'label-key-differs',
      kind: 'near-miss',
      message: `${who} has ${m.haveKey}=${m.want}; the selector wants ${m.key}=${m.want}${m.typo ? ' (a typo in the key?)' : ''}.`,
      pods,
      owner: g.owner,
      label: { key: m.key, want: m.want, have: null, haveKey: m.haveKey, typo: m.typo },
      fixes,
    };
  }
  if (offerFix) fixes.push({ kind: 'set', label: `Add the label ${m.key}=${m.want} to ${from}`, target: g.owner, path: labelPath(g.owner, m.key), value: m.want });
  return {
    code: 'label-missing',
    kind: 'near-miss',
    message: `${who} has every selector label except ${m.key}=${m.want}, which it lacks.`,
    pods,
    owner: g.owner,
    label: { key: m.key, want: m.want, have: null, typo: false },
    fixes,
  };
}

/** Pods in the Service's namespace that miss the selector by one pair, grouped by owner, typos first. */
function nearMisses(state: ClusterState, svc: ServiceState, selector: Record<string, string>, max: number): Finding[] {
  const single = Object.keys(selector).length === 1;
  const items: { pod: PodState; extra: string; data: LabelMiss }[] = [];
  for (const pod of state.pods) {
    if (pod.namespace !== svc.namespace) continue;
    const m = labelMiss(selector, pod.labels);
    if (m === null || m === 'far') continue;
    // With a one-pair selector every pod without that key "misses by one": that says nothing.
    if (m.kind === 'missing' && single) continue;
    items.push({ pod, extra: m.kind === 'value' ? `v=${m.have}` : m.kind === 'key' ? `k=${m.haveKey}` : 'm', data: m });
  }
  const groups = groupByOwner(state, items);
  const rank = (m: LabelMiss) => (m.kind === 'missing' ? 2 : m.typo ? 0 : 1);
  groups.sort((a, b) => rank(a.data) - rank(b.data));
  const shown = groups.slice(0, max);
  // A fix is offered for a typo, or when only one candidate exists (nothing to choose between).
  const out = shown.map((g) => nearMissFinding(svc, g, rank(g.data) === 0 || groups.length === 1 || g.data.kind === 'missing'));
  if (groups.length > max) {
    const rest = groups.slice(max).reduce((n, g) => n + g.pods.length, 0);
    out.push({ code: 'label-value-differs', kind: 'note', message: `${plural(rest, 'more pod')} also differ from the selector by one label.`, pods: [], owner: null, fixes: [] });
  }
  return out;
}

function otherNamespaces(state: ClusterState, svc: ServiceState, selector: Record<string, string>): Finding[] {
  const byNs = new Map<string, PodState[]>();
  for (const pod of state.pods) {
    if (pod.namespace === svc.namespace || !matchesSelector(selector, pod.labels)) continue;
    byNs.set(pod.namespace, [...(byNs.get(pod.namespace) ?? []), pod]);
  }
  return [...byNs].map(([ns, pods]) => ({
    code: 'other-namespace' as const,
    kind: 'near-miss' as const,
    message: `${plural(pods.length, 'pod')} in namespace ${ns} (${pods[0].name}${pods.length > 1 ? ', …' : ''}) match ${formatSelector(selector)}, but a Service selects pods in its own namespace (${svc.namespace}) only.`,
    pods: pods.map((p) => p.key),
    owner: null,
    fixes: [],
  }));
}

/** Selected pods' problems (status, then ports), grouped by owner and problem. */
function selectedFindings(state: ClusterState, svc: ServiceState, pods: PodState[], opts: AnalyzeOptions): { rows: PodRow[]; findings: Finding[] } {
  const rows: PodRow[] = [];
  const items: { pod: PodState; extra: string; data: { code: ReasonCode; portIndex?: number } }[] = [];
  for (const pod of pods) {
    const status = podStatusIssue(svc, pod);
    const portIssues = status === 'pod-terminal' || status === 'pod-unscheduled' || status === 'pod-no-ip' ? [] : podPortIssues(svc, pod);
    rows.push({ key: pod.key, name: pod.name, labels: pod.labels, ip: pod.ip, phase: pod.phase, ready: pod.ready, problem: status ?? portIssues[0]?.code ?? null });
    if (status) items.push({ pod, extra: status, data: { code: status } });
    for (const pi of portIssues) items.push({ pod, extra: `${pi.code}#${pi.portIndex}`, data: pi });
  }
  const findings: Finding[] = [];
  for (const g of groupByOwner(state, items)) {
    const pod = g.pods[0];
    const who = podText(pod, g.owner, g.pods.length);
    const pods = g.pods.map((p) => p.key);
    const { code, portIndex } = g.data;
    if (portIndex === undefined) {
      const fixes = code === 'pod-not-ready' ? notReadyActionFix(opts.actions, g.pods) : [];
      findings.push({ code, kind: 'cause', message: podIssueMessage(code, pod, who), pods, owner: g.owner, fixes });
      continue;
    }
    const sp = svc.ports[portIndex];
    const port = { index: portIndex, name: sp.name, targetPort: sp.targetPort, protocol: sp.protocol };
    const portName = sp.name ? `Service port ${sp.name}` : `The Service port ${sp.port}`;
    const message =
      code === 'port-protocol-mismatch'
        ? `${portName} targets the port named "${sp.targetPort}" over ${sp.protocol}, but ${who} declares "${sp.targetPort}" for another protocol (${portsText(pod)}).`
        : `${portName} targets the port named "${sp.targetPort}", which no container of ${who} declares (${portsText(pod)}).`;
    findings.push({ code, kind: 'cause', message, pods, owner: g.owner, port, fixes: code === 'named-port-missing' ? targetPortFixes(svc, sp, portIndex, pod) : [] });
  }
  return { rows, findings };
}

/** Explains the endpoints of Service `key`; null if there is no such Service. */
export function analyzeNoEndpoints(state: ClusterState, key: ObjectKey, opts: AnalyzeOptions = {}): NoEndpointsReport | null {
  const svc = state.index.serviceByKey.get(key);
  if (!svc) return null;
  const ports = portStatus(state, svc);
  const report: NoEndpointsReport = { service: svc.key, namespace: svc.namespace, name: svc.name, type: svc.type, headless: svc.headless, selector: svc.selector, ports, ready: false, selected: [], findings: [] };
  const f = report.findings;
  const note = (code: ReasonCode, message: string) => f.push({ code, kind: 'note', message, pods: [], owner: null, fixes: [] });
  if (svc.type === 'ExternalName') {
    note('external-name', `An ExternalName Service never has endpoints: DNS answers with a CNAME to ${svc.externalName ?? '(no externalName)'}, and kube-proxy writes no rules for it.`);
    return report;
  }
  if (svc.headless) note('headless', 'Headless (clusterIP: None): there is no virtual IP and kube-proxy writes no rules; DNS answers with the ready endpoints’ pod IPs.');
  if (svc.selector === null) {
    const total = ports.reduce((n, p) => Math.max(n, p.total), 0);
    report.ready = ports.length > 0 && ports.every((p) => p.ready > 0);
    f.push({
      code: 'no-selector',
      kind: report.ready ? 'note' : 'cause',
      message: `The Service has no selector, so the EndpointSlice controller leaves it alone: its endpoints come from EndpointSlices (or an Endpoints object) written by hand. kube-proxy sees ${plural(total, 'endpoint')}.`,
      pods: [],
      owner: null,
      fixes: [],
    });
    return report;
  }
  if (svc.publishNotReadyAddresses) note('publish-not-ready', 'publishNotReadyAddresses is set: selected pods are ready endpoints whether or not they are Ready.');
  const selector = svc.selector;
  const selected = state.pods.filter((p) => p.namespace === svc.namespace && matchesSelector(selector, p.labels));
  const { rows, findings } = selectedFindings(state, svc, selected, opts);
  report.selected = rows;
  report.ready = ports.length > 0 ? ports.every((p) => p.ready > 0) : rows.some((r) => r.problem === null);
  if (report.ready) {
    const n = ports.length ? Math.min(...ports.map((p) => p.ready)) : rows.filter((r) => r.problem === null).length;
    f.unshift({ code: 'ok', kind: 'note', message: `The Service has ${plural(n, 'ready endpoint')}${ports.length > 1 ? ' on every port' : ''}.`, pods: [], owner: null, fixes: [] });
    return report;
  }
  if (selected.length === 0) {
    f.push({ code: 'selector-matches-none', kind: 'cause', message: `No pod in namespace ${svc.namespace} has all of the selector's labels ${formatSelector(selector)}.`, pods: [], owner: null, fixes: [] });
  }
  f.push(...findings);
  f.push(...nearMisses(state, svc, selector, opts.maxNearMisses ?? 6));
  f.push(...otherNamespaces(state, svc, selector));
  return report;
}
