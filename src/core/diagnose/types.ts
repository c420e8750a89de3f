// The vocabulary of the "why no endpoints?" analysis: reason codes, findings and the fixes they offer.
// Findings are structured (codes, pods, labels, ports) so the app can render them and tests can pin
// them; `message` is the plain-language sentence shown next to them.
import type { Protocol, ServiceState } from '../cluster/state';
import type { ObjectKey } from '../model/types';

export type ReasonCode =
  /** every Service port has at least one ready endpoint */
  | 'ok'
  /** type ExternalName: no endpoints by design (endpointslice_controller.go syncService) */
  | 'external-name'
  /** spec.selector unset: endpoints come from hand-written EndpointSlices/Endpoints */
  | 'no-selector'
  /** clusterIP None: DNS answers with the endpoints, kube-proxy writes no rules */
  | 'headless'
  /** publishNotReadyAddresses: readiness is ignored (podToEndpoint) */
  | 'publish-not-ready'
  /** no pod in the Service's namespace carries every selector pair */
  | 'selector-matches-none'
  /** near-miss: the pod has the key with another value */
  | 'label-value-differs'
  /** near-miss: the pod has the wanted value under another key */
  | 'label-key-differs'
  /** near-miss: the pod lacks one key of a multi-key selector */
  | 'label-missing'
  /** pods in another namespace match the selector (a Service selects in its own namespace only) */
  | 'other-namespace'
  /** matched, but Pending and not scheduled: no IP */
  | 'pod-unscheduled'
  /** matched, scheduled, but no IP yet */
  | 'pod-no-ip'
  /** matched, but Succeeded/Failed (ShouldPodBeInEndpoints) */
  | 'pod-terminal'
  /** matched, but being deleted: ready=false, serving as before */
  | 'pod-terminating'
  /** matched, but not Ready: ready=false */
  | 'pod-not-ready'
  /** matched, but the named targetPort is not among the pod's containerPorts (FindPort fails) */
  | 'named-port-missing'
  /** matched, the named port exists but for another protocol (FindPort compares protocols) */
  | 'port-protocol-mismatch';

export interface ObjectRef {
  kind: string;
  namespace: string | null;
  name: string;
}

export type Fix =
  /** set (or add) the scalar at `path` in `target`'s document */
  | { kind: 'set'; label: string; target: ObjectRef; path: (string | number)[]; value: string | number }
  /** rename the map key at `path` (its last segment) to `newKey`, keeping the value */
  | { kind: 'rename-key'; label: string; target: ObjectRef; path: (string | number)[]; newKey: string }
  /** drop runtime actions (e.g. `not-ready pod/NS/NAME`) from the action log, by index and text */
  | { kind: 'remove-actions'; label: string; actions: { index: number; action: string }[] };

export interface Finding {
  code: ReasonCode;
  /** cause: why endpoints are missing; near-miss: a pod that almost matches; note: context */
  kind: 'cause' | 'near-miss' | 'note';
  message: string;
  /** the pods concerned (a group of replicas of one owner counts as one finding) */
  pods: ObjectKey[];
  /** the pods' top-level controller (e.g. Deployment web), or the bare Pod itself */
  owner: ObjectRef | null;
  label?: { key: string; want: string; have: string | null; haveKey?: string; typo: boolean };
  port?: { index: number; name: string; targetPort: number | string; protocol: Protocol };
  fixes: Fix[];
}

export interface PortStatus {
  index: number;
  name: string;
  port: number;
  targetPort: number | string;
  protocol: Protocol;
  /** endpoints kube-proxy sees for this port, and how many are ready */
  total: number;
  ready: number;
}

export interface PodRow {
  key: ObjectKey;
  name: string;
  labels: Record<string, string>;
  ip: string | null;
  phase: string;
  ready: boolean;
  /** the first reason this pod gives no ready endpoint; null: it gives one on every port */
  problem: ReasonCode | null;
}

export interface NoEndpointsReport {
  service: ObjectKey;
  namespace: string;
  name: string;
  type: ServiceState['type'];
  headless: boolean;
  selector: Record<string, string> | null;
  ports: PortStatus[];
  /** every port has a ready endpoint (a portless headless Service: some selected pod is ready) */
  ready: boolean;
  /** the pods the selector selects in the Service's namespace */
  selected: PodRow[];
  findings: Finding[];
}
