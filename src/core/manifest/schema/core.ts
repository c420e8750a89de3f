// k8s.io/api/core/v1 (types.go): Service, Endpoints, Node, Namespace, Secret, ConfigMap, and the
// v1 List (k8s.io/apimachinery/pkg/apis/meta/v1 List: items are runtime.RawExtension, any JSON).
import { Protocol, ResourceList, ObjectReference } from './core-pod';
import { Condition, ListMeta, ObjectMeta, typeMeta } from './meta';
import {
  ANYTHING,
  BOOLEAN,
  BYTE_SLICE,
  INT32,
  INT_OR_STRING,
  STRING,
  STRINGS,
  STRING_MAP,
  TIME_T,
  map,
  opaque,
  slice,
  str,
  struct,
} from './types';

const ServicePort = struct('v1.ServicePort', {
  name: STRING,
  protocol: Protocol,
  appProtocol: STRING,
  port: INT32,
  targetPort: INT_OR_STRING,
  nodePort: INT32,
});

const ServiceSpec = struct('v1.ServiceSpec', {
  ports: slice(ServicePort),
  selector: STRING_MAP,
  clusterIP: STRING,
  clusterIPs: STRINGS,
  type: str('v1.ServiceType'),
  externalIPs: STRINGS,
  sessionAffinity: str('v1.ServiceAffinity'),
  loadBalancerIP: STRING,
  loadBalancerSourceRanges: STRINGS,
  externalName: STRING,
  externalTrafficPolicy: str('v1.ServiceExternalTrafficPolicy'),
  healthCheckNodePort: INT32,
  publishNotReadyAddresses: BOOLEAN,
  sessionAffinityConfig: struct('v1.SessionAffinityConfig', {
    clientIP: struct('v1.ClientIPConfig', { timeoutSeconds: INT32 }),
  }),
  ipFamilies: slice(str('v1.IPFamily')),
  ipFamilyPolicy: str('v1.IPFamilyPolicy'),
  allocateLoadBalancerNodePorts: BOOLEAN,
  loadBalancerClass: STRING,
  internalTrafficPolicy: str('v1.ServiceInternalTrafficPolicy'),
  trafficDistribution: STRING,
});

const PortStatus = struct('v1.PortStatus', { port: INT32, protocol: Protocol, error: STRING });

const ServiceStatus = struct('v1.ServiceStatus', {
  loadBalancer: struct('v1.LoadBalancerStatus', {
    ingress: slice(
      struct('v1.LoadBalancerIngress', {
        ip: STRING,
        hostname: STRING,
        ipMode: str('v1.LoadBalancerIPMode'),
        ports: slice(PortStatus),
      }),
    ),
  }),
  conditions: slice(Condition),
});

export const Service = struct('v1.Service', { ...typeMeta, metadata: ObjectMeta, spec: ServiceSpec, status: ServiceStatus });

const EndpointAddress = struct('v1.EndpointAddress', {
  ip: STRING,
  hostname: STRING,
  nodeName: STRING,
  targetRef: ObjectReference,
});

export const Endpoints = struct('v1.Endpoints', {
  ...typeMeta,
  metadata: ObjectMeta,
  subsets: slice(
    struct('v1.EndpointSubset', {
      addresses: slice(EndpointAddress),
      notReadyAddresses: slice(EndpointAddress),
      ports: slice(struct('v1.EndpointPort', { name: STRING, port: INT32, protocol: Protocol, appProtocol: STRING })),
    }),
  ),
});

const NodeSpec = struct('v1.NodeSpec', {
  podCIDR: STRING,
  podCIDRs: STRINGS,
  providerID: STRING,
  unschedulable: BOOLEAN,
  taints: slice(struct('v1.Taint', { key: STRING, value: STRING, effect: str('v1.TaintEffect'), timeAdded: TIME_T })),
  configSource: opaque('v1.NodeConfigSource'),
  externalID: STRING,
});

const NodeStatus = struct('v1.NodeStatus', {
  capacity: ResourceList,
  allocatable: ResourceList,
  phase: str('v1.NodePhase'),
  conditions: slice(
    struct('v1.NodeCondition', {
      type: str('v1.NodeConditionType'),
      status: str('v1.ConditionStatus'),
      lastHeartbeatTime: TIME_T,
      lastTransitionTime: TIME_T,
      reason: STRING,
      message: STRING,
    }),
  ),
  addresses: slice(struct('v1.NodeAddress', { type: str('v1.NodeAddressType'), address: STRING })),
  daemonEndpoints: opaque('v1.NodeDaemonEndpoints'),
  nodeInfo: opaque('v1.NodeSystemInfo'),
  images: slice(opaque('v1.ContainerImage')),
  volumesInUse: slice(str('v1.UniqueVolumeName')),
  volumesAttached: slice(opaque('v1.AttachedVolume')),
  config: opaque('v1.NodeConfigStatus'),
  runtimeHandlers: slice(opaque('v1.NodeRuntimeHandler')),
  features: opaque('v1.NodeFeatures'),
  declaredFeatures: STRINGS, // 1.35, NodeDeclaredFeatures (alpha)
});

export const Node = struct('v1.Node', { ...typeMeta, metadata: ObjectMeta, spec: NodeSpec, status: NodeStatus });

export const Namespace = struct('v1.Namespace', {
  ...typeMeta,
  metadata: ObjectMeta,
  spec: struct('v1.NamespaceSpec', { finalizers: slice(str('v1.FinalizerName')) }),
  status: struct('v1.NamespaceStatus', {
    phase: str('v1.NamespacePhase'),
    conditions: slice(
      struct('v1.NamespaceCondition', {
        type: str('v1.NamespaceConditionType'),
        status: str('v1.ConditionStatus'),
        lastTransitionTime: TIME_T,
        reason: STRING,
        message: STRING,
      }),
    ),
  }),
});

export const Secret = struct('v1.Secret', {
  ...typeMeta,
  metadata: ObjectMeta,
  immutable: BOOLEAN,
  data: map(BYTE_SLICE), // map[string][]byte: values are base64
  stringData: STRING_MAP,
  type: str('v1.SecretType'),
});

export const ConfigMap = struct('v1.ConfigMap', {
  ...typeMeta,
  metadata: ObjectMeta,
  immutable: BOOLEAN,
  data: STRING_MAP,
  binaryData: map(BYTE_SLICE),
});

// runtime.RawExtension has its own UnmarshalJSON that keeps the raw bytes: any item is accepted.
export const List = struct('v1.List', { ...typeMeta, metadata: ListMeta, items: slice(ANYTHING, '[]runtime.RawExtension') });
