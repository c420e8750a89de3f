// Why a pod the selector selects still gives no ready endpoint, in the order the EndpointSlice
// reconciler checks (staging/src/k8s.io/endpointslice/reconciler.go reconcileByAddressType):
// ShouldPodBeInEndpoints (not Succeeded/Failed, has an IP), podToEndpoint's ready condition
// (publishNotReadyAddresses || (podutil.IsPodReady && !terminating)), then getEndpointPorts, where
// podutil.FindPort failing drops that Service port for the pod.
import type { ContainerPortState, PodState, ServicePortState, ServiceState } from '../cluster/state';
import { findPort } from '../controllers/endpoint-ports';
import { isTypo } from './near-miss';
import type { Fix, ObjectRef, ReasonCode } from './types';

export interface PodIssue {
  code: ReasonCode;
  /** for port issues: the Service port's index */
  portIndex?: number;
}

/** The first reason `pod` gives no endpoint at all, or no ready one; null when it gives a ready one. */
export function podStatusIssue(svc: ServiceState, pod: PodState): ReasonCode | null {
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return 'pod-terminal';
  if (!pod.ip) return pod.nodeName === null ? 'pod-unscheduled' : 'pod-no-ip';
  if (svc.publishNotReadyAddresses) return null;
  if (pod.terminating) return 'pod-terminating';
  if (!(pod.serving ?? pod.ready)) return 'pod-not-ready';
  return null;
}

/** Service ports whose named targetPort FindPort cannot resolve on this pod. */
export function podPortIssues(svc: ServiceState, pod: PodState): PodIssue[] {
  const out: PodIssue[] = [];
  svc.ports.forEach((sp, i) => {
    if (typeof sp.targetPort !== 'string' || findPort(pod, sp) !== null) return;
    const otherProto = allPorts(pod).some((p) => p.name === sp.targetPort);
    out.push({ code: otherProto ? 'port-protocol-mismatch' : 'named-port-missing', portIndex: i });
  });
  return out;
}

function allPorts(pod: PodState): ContainerPortState[] {
  return pod.containers.flatMap((c) => c.ports);
}

/** "http/TCP 8080, 9090/UDP" */
export function portsText(pod: PodState): string {
  const ps = allPorts(pod);
  if (!ps.length) return 'it declares no containerPorts';
  return `its ports: ${ps.map((p) => (p.name ? `${p.name} (${p.containerPort}/${p.protocol})` : `${p.containerPort}/${p.protocol}`)).join(', ')}`;
}

/**
 * targetPort values that would resolve on this pod: a named port with a similar name first, then each
 * port of the right protocol (its name when it has one, else its number). At most three.
 */
export function targetPortFixes(svc: ServiceState, sp: ServicePortState, index: number, pod: PodState): Fix[] {
  const target: ObjectRef = { kind: 'Service', namespace: svc.namespace, name: svc.name };
  const cands = allPorts(pod).filter((p) => p.protocol === sp.protocol);
  const want = String(sp.targetPort);
  cands.sort((a, b) => Number(b.name !== null && isTypo(want, b.name)) - Number(a.name !== null && isTypo(want, a.name)));
  const seen = new Set<string>();
  const fixes: Fix[] = [];
  for (const p of cands) {
    const value: string | number = p.name ?? p.containerPort;
    if (seen.has(String(value))) continue;
    seen.add(String(value));
    const what = p.name ? `"${p.name}" (container port ${p.containerPort})` : `${p.containerPort}`;
    fixes.push({ kind: 'set', label: `Set the Service's targetPort to ${what}`, target, path: ['spec', 'ports', index, 'targetPort'], value });
    if (fixes.length === 3) break;
  }
  return fixes;
}

/** The runtime actions that made these pods not ready, if the action log holds them (`not-ready pod/NS/NAME`
 *  not undone by a later `ready`): one fix removing them all. */
export function notReadyActionFix(actions: readonly string[] | undefined, pods: readonly PodState[]): Fix[] {
  if (!actions) return [];
  const found: { index: number; action: string }[] = [];
  for (const pod of pods) {
    const want = `pod/${pod.namespace}/${pod.name}`;
    // Every `not-ready` after the pod's last `ready` counts (removing only the last would change nothing).
    for (let i = actions.length - 1; i >= 0; i--) {
      const w = actions[i].trim().split(/\s+/);
      if (w[1] !== want) continue;
      if (w[0] === 'ready') break;
      if (w[0] === 'not-ready') found.push({ index: i, action: actions[i] });
    }
  }
  if (!found.length) return [];
  found.sort((a, b) => a.index - b.index);
  const label = found.length === 1 ? `Remove the action "${found[0].action.trim()}"` : `Remove the ${found.length} "not-ready" actions`;
  return [{ kind: 'remove-actions', label, actions: found }];
}
