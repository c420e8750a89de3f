// What a running cluster holds after the controllers have run: typed, indexed records for the data
// plane (lookups by map, never a linear walk), each keeping a pointer to its wire object where one
// exists. Built by reconcile.ts; read by the data plane, the CLI and the app. Plain immutable data.
import type { KubeObject, ObjectKey } from '../model/types';
import type { Topology } from './topology';
import type { Diagnostic } from '../model/types';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeState {
  key: ObjectKey;
  name: string;
  role: 'control-plane' | 'worker';
  internalIP: string;
  podCIDR: string;
  labels: Record<string, string>;
  taints: Taint[];
  /** spec.unschedulable, or cordoned/drained by a runtime action */
  unschedulable: boolean;
  ready: boolean;
  /** The Node object as stored (after load); runtime actions are reflected in `unschedulable` only. */
  object: KubeObject;
}

export interface ContainerPortState {
  name: string | null;
  containerPort: number;
  protocol: Protocol;
}

export interface ContainerState {
  name: string;
  image: string;
  ports: ContainerPortState[];
  /** spec.containers[].env as written (name, value, valueFrom) */
  env: { name: string; value?: string; valueFrom?: unknown }[];
  /** spec.containers[].envFrom as written */
  envFrom: unknown[];
}

export interface PodState {
  key: ObjectKey;
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  /** null while Pending (no schedulable node fits) */
  nodeName: string | null;
  ip: string | null;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  ready: boolean;
  /** The Ready condition ignoring termination (EndpointSlice `serving`); absent means the same as `ready`. */
  serving?: boolean;
  /** metadata.deletionTimestamp set: the pod is shutting down */
  terminating: boolean;
  hostNetwork: boolean;
  containers: ContainerState[];
  dnsPolicy: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
  /** spec.dnsConfig as written, for dnsPolicy None and extra options */
  dnsConfig: unknown;
  enableServiceLinks: boolean;
  hostname: string | null;
  subdomain: string | null;
  owner: { kind: string; name: string; uid: string } | null;
  /** Creation order across all pods (manifest pods in document order, then controller pods). */
  ordinal: number;
  /** Creation order across all objects: a Service is in a pod's environment only if created earlier. */
  createdAt: number;
  /** Why a Pending pod is not scheduled (the scheduler's FailedScheduling message). */
  pendingReason: string | null;
  /** The Pod as the API would return it (spec defaulted; status filled by the kubelet). */
  object: KubeObject;
}

export interface ServicePortState {
  name: string;
  protocol: Protocol;
  port: number;
  targetPort: number | string;
  nodePort: number | null;
}

export interface ServiceState {
  key: ObjectKey;
  namespace: string;
  name: string;
  uid: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /** null for headless and ExternalName Services */
  clusterIP: string | null;
  headless: boolean;
  externalName: string | null;
  ports: ServicePortState[];
  /** null: no selector (endpoints managed by hand) */
  selector: Record<string, string> | null;
  sessionAffinity: 'None' | 'ClientIP';
  affinityTimeoutSeconds: number;
  externalTrafficPolicy: 'Cluster' | 'Local';
  internalTrafficPolicy: 'Cluster' | 'Local';
  externalIPs: string[];
  /** status.loadBalancer.ingress IPs (from the load-balancer controller or pasted status) */
  loadBalancerIPs: string[];
  healthCheckNodePort: number | null;
  publishNotReadyAddresses: boolean;
  createdAt: number;
  object: KubeObject;
}

/** One endpoint of one Service port, as kube-proxy sees it after reading the EndpointSlices. */
export interface EndpointState {
  ip: string;
  port: number;
  protocol: Protocol;
  /** the backing pod, if any ("ns/name" key), and where it runs */
  podKey: ObjectKey | null;
  nodeName: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** "ns/name:portName/PROTO": how kube-proxy names a service port (ServicePortName + protocol). */
export type ServicePortKey = string;

export function servicePortKey(svc: { namespace: string; name: string }, port: { name: string; protocol: Protocol }): ServicePortKey {
  return `${svc.namespace}/${svc.name}:${port.name}/${port.protocol}`;
}

export interface ClusterIndex {
  podByKey: Map<ObjectKey, PodState>;
  podByIP: Map<string, PodState>;
  nodeByName: Map<string, NodeState>;
  nodeByIP: Map<string, NodeState>;
  serviceByKey: Map<ObjectKey, ServiceState>;
  serviceByClusterIP: Map<string, ServiceState>;
  /** external IPs and load-balancer ingress IPs */
  serviceByExternalIP: Map<string, ServiceState[]>;
  /** "30008/TCP" → the Service owning that node port */
  serviceByNodePort: Map<string, ServiceState>;
  /** Service port → its endpoints, as the EndpointSlices list them (all conditions; callers filter). */
  endpoints: Map<ServicePortKey, EndpointState[]>;
}

export interface ClusterState {
  topology: Topology;
  seed: number;
  nodes: NodeState[];
  pods: PodState[];
  services: ServiceState[];
  /** Every API object, in creation order: loaded ones plus what controllers created (ReplicaSets,
   *  Pods, EndpointSlices, Endpoints), with controller-set status filled in. */
  objects: { key: ObjectKey; kind: string; namespace: string | null; name: string; object: KubeObject; system: boolean; simulated: boolean }[];
  index: ClusterIndex;
  /** Warnings from runtime actions (skipped actions) and controllers (e.g. a pod that cannot be scheduled). */
  diagnostics: Diagnostic[];
}
