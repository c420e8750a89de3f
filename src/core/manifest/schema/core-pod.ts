// k8s.io/api/core/v1 (types.go): Pod, PodSpec, Container and what they hold, as of v1.33–1.35.
// Subtrees that are large and rarely typed by hand (volume sources, affinity, security contexts,
// container statuses, ...) are opaque: any object is accepted there, as a non-object is not.
import { ObjectMeta, typeMeta } from './meta';
import {
  BOOLEAN,
  INT32,
  INT64,
  INT_OR_STRING,
  QUANTITY_T,
  STRING,
  STRINGS,
  STRING_MAP,
  TIME_T,
  map,
  opaque,
  slice,
  str,
  struct,
  type GoType,
} from './types';

export const Protocol = str('v1.Protocol');
/** v1.ResourceList is `map[ResourceName]resource.Quantity`: a named map type. */
export const ResourceList = map(QUANTITY_T, 'v1.ResourceList');

export const ObjectReference = struct('v1.ObjectReference', {
  kind: STRING,
  namespace: STRING,
  name: STRING,
  uid: str('types.UID'),
  apiVersion: STRING,
  resourceVersion: STRING,
  fieldPath: STRING,
});

const LocalObjectReference = struct('v1.LocalObjectReference', { name: STRING });

const ContainerPort = struct('v1.ContainerPort', {
  name: STRING,
  hostPort: INT32,
  containerPort: INT32,
  protocol: Protocol,
  hostIP: STRING,
});

const EnvVarSource = struct('v1.EnvVarSource', {
  fieldRef: opaque('v1.ObjectFieldSelector'),
  resourceFieldRef: opaque('v1.ResourceFieldSelector'),
  configMapKeyRef: opaque('v1.ConfigMapKeySelector'),
  secretKeyRef: opaque('v1.SecretKeySelector'),
  fileKeyRef: opaque('v1.FileKeySelector'), // 1.34, EnvFiles
});

const EnvVar = struct('v1.EnvVar', { name: STRING, value: STRING, valueFrom: EnvVarSource });

const EnvFromSource = struct('v1.EnvFromSource', {
  prefix: STRING,
  configMapRef: opaque('v1.ConfigMapEnvSource'),
  secretRef: opaque('v1.SecretEnvSource'),
});

export const ResourceRequirements = struct('v1.ResourceRequirements', {
  limits: ResourceList,
  requests: ResourceList,
  claims: slice(opaque('v1.ResourceClaim')),
});

const httpGet = struct('v1.HTTPGetAction', {
  path: STRING,
  port: INT_OR_STRING,
  host: STRING,
  scheme: str('v1.URIScheme'),
  httpHeaders: slice(struct('v1.HTTPHeader', { name: STRING, value: STRING })),
});
const tcpSocket = struct('v1.TCPSocketAction', { port: INT_OR_STRING, host: STRING });
const exec = struct('v1.ExecAction', { command: STRINGS });

const Probe = struct('v1.Probe', {
  // ProbeHandler, inlined
  exec,
  httpGet,
  tcpSocket,
  grpc: struct('v1.GRPCAction', { port: INT32, service: STRING }),
  initialDelaySeconds: INT32,
  timeoutSeconds: INT32,
  periodSeconds: INT32,
  successThreshold: INT32,
  failureThreshold: INT32,
  terminationGracePeriodSeconds: INT64,
});

const VolumeMount = struct('v1.VolumeMount', {
  name: STRING,
  readOnly: BOOLEAN,
  recursiveReadOnly: str('v1.RecursiveReadOnlyMode'),
  mountPath: STRING,
  subPath: STRING,
  mountPropagation: str('v1.MountPropagationMode'),
  subPathExpr: STRING,
});

/** Container's fields; EphemeralContainer inlines the same set (EphemeralContainerCommon). */
const containerFields: Record<string, GoType> = {
  name: STRING,
  image: STRING,
  command: STRINGS,
  args: STRINGS,
  workingDir: STRING,
  ports: slice(ContainerPort),
  envFrom: slice(EnvFromSource),
  env: slice(EnvVar),
  resources: ResourceRequirements,
  resizePolicy: slice(
    struct('v1.ContainerResizePolicy', { resourceName: str('v1.ResourceName'), restartPolicy: str('v1.ResourceResizeRestartPolicy') }),
  ),
  restartPolicy: str('v1.ContainerRestartPolicy'),
  restartPolicyRules: slice(opaque('v1.ContainerRestartRule')), // 1.34, ContainerRestartRules
  volumeMounts: slice(VolumeMount),
  volumeDevices: slice(struct('v1.VolumeDevice', { name: STRING, devicePath: STRING })),
  livenessProbe: Probe,
  readinessProbe: Probe,
  startupProbe: Probe,
  lifecycle: opaque('v1.Lifecycle'),
  terminationMessagePath: STRING,
  terminationMessagePolicy: str('v1.TerminationMessagePolicy'),
  imagePullPolicy: str('v1.PullPolicy'),
  securityContext: opaque('v1.SecurityContext'),
  stdin: BOOLEAN,
  stdinOnce: BOOLEAN,
  tty: BOOLEAN,
};

export const Container = struct('v1.Container', containerFields);
const EphemeralContainer = struct('v1.EphemeralContainer', { ...containerFields, targetContainerName: STRING });

/** VolumeSource is inlined in Volume; every source is opaque (kubectl output decodes unchanged). */
const volumeSources = [
  ['hostPath', 'HostPathVolumeSource'],
  ['emptyDir', 'EmptyDirVolumeSource'],
  ['gcePersistentDisk', 'GCEPersistentDiskVolumeSource'],
  ['awsElasticBlockStore', 'AWSElasticBlockStoreVolumeSource'],
  ['gitRepo', 'GitRepoVolumeSource'],
  ['secret', 'SecretVolumeSource'],
  ['nfs', 'NFSVolumeSource'],
  ['iscsi', 'ISCSIVolumeSource'],
  ['glusterfs', 'GlusterfsVolumeSource'],
  ['persistentVolumeClaim', 'PersistentVolumeClaimVolumeSource'],
  ['rbd', 'RBDVolumeSource'],
  ['flexVolume', 'FlexVolumeSource'],
  ['cinder', 'CinderVolumeSource'],
  ['cephfs', 'CephFSVolumeSource'],
  ['flocker', 'FlockerVolumeSource'],
  ['downwardAPI', 'DownwardAPIVolumeSource'],
  ['fc', 'FCVolumeSource'],
  ['azureFile', 'AzureFileVolumeSource'],
  ['configMap', 'ConfigMapVolumeSource'],
  ['vsphereVolume', 'VsphereVirtualDiskVolumeSource'],
  ['quobyte', 'QuobyteVolumeSource'],
  ['azureDisk', 'AzureDiskVolumeSource'],
  ['photonPersistentDisk', 'PhotonPersistentDiskVolumeSource'],
  ['projected', 'ProjectedVolumeSource'],
  ['portworxVolume', 'PortworxVolumeSource'],
  ['scaleIO', 'ScaleIOVolumeSource'],
  ['storageos', 'StorageOSVolumeSource'],
  ['csi', 'CSIVolumeSource'],
  ['ephemeral', 'EphemeralVolumeSource'],
  ['image', 'ImageVolumeSource'], // 1.31+
] as const;

const Volume = struct('v1.Volume', {
  name: STRING,
  ...Object.fromEntries(volumeSources.map(([field, type]) => [field, opaque(`v1.${type}`)])),
});

const Toleration = struct('v1.Toleration', {
  key: STRING,
  operator: str('v1.TolerationOperator'),
  value: STRING,
  effect: str('v1.TaintEffect'),
  tolerationSeconds: INT64,
});

export const PodSpec = struct('v1.PodSpec', {
  volumes: slice(Volume),
  initContainers: slice(Container),
  containers: slice(Container),
  ephemeralContainers: slice(EphemeralContainer),
  restartPolicy: str('v1.RestartPolicy'),
  terminationGracePeriodSeconds: INT64,
  activeDeadlineSeconds: INT64,
  dnsPolicy: str('v1.DNSPolicy'),
  nodeSelector: STRING_MAP,
  serviceAccountName: STRING,
  serviceAccount: STRING,
  automountServiceAccountToken: BOOLEAN,
  nodeName: STRING,
  hostNetwork: BOOLEAN,
  hostPID: BOOLEAN,
  hostIPC: BOOLEAN,
  shareProcessNamespace: BOOLEAN,
  securityContext: opaque('v1.PodSecurityContext'),
  imagePullSecrets: slice(LocalObjectReference),
  hostname: STRING,
  subdomain: STRING,
  affinity: opaque('v1.Affinity'),
  schedulerName: STRING,
  tolerations: slice(Toleration),
  hostAliases: slice(struct('v1.HostAlias', { ip: STRING, hostnames: STRINGS })),
  priorityClassName: STRING,
  priority: INT32,
  dnsConfig: opaque('v1.PodDNSConfig'),
  readinessGates: slice(struct('v1.PodReadinessGate', { conditionType: str('v1.PodConditionType') })),
  runtimeClassName: STRING,
  enableServiceLinks: BOOLEAN,
  preemptionPolicy: str('v1.PreemptionPolicy'),
  overhead: ResourceList,
  topologySpreadConstraints: slice(opaque('v1.TopologySpreadConstraint')),
  setHostnameAsFQDN: BOOLEAN,
  os: struct('v1.PodOS', { name: str('v1.OSName') }),
  hostUsers: BOOLEAN,
  schedulingGates: slice(struct('v1.PodSchedulingGate', { name: STRING })),
  resourceClaims: slice(opaque('v1.PodResourceClaim')),
  resources: ResourceRequirements, // 1.32+, PodLevelResources
  hostnameOverride: STRING, // 1.34, HostnameOverride
  workloadRef: opaque('v1.WorkloadReference'), // 1.35, GenericWorkload (alpha)
});

const PodCondition = struct('v1.PodCondition', {
  type: str('v1.PodConditionType'),
  observedGeneration: INT64,
  status: str('v1.ConditionStatus'),
  lastProbeTime: TIME_T,
  lastTransitionTime: TIME_T,
  reason: STRING,
  message: STRING,
});

const ContainerStatus = opaque('v1.ContainerStatus');

const PodStatus = struct('v1.PodStatus', {
  observedGeneration: INT64,
  phase: str('v1.PodPhase'),
  conditions: slice(PodCondition),
  message: STRING,
  reason: STRING,
  nominatedNodeName: STRING,
  hostIP: STRING,
  hostIPs: slice(struct('v1.HostIP', { ip: STRING })),
  podIP: STRING,
  podIPs: slice(struct('v1.PodIP', { ip: STRING })),
  startTime: TIME_T,
  initContainerStatuses: slice(ContainerStatus),
  containerStatuses: slice(ContainerStatus),
  qosClass: str('v1.PodQOSClass'),
  ephemeralContainerStatuses: slice(ContainerStatus),
  resize: str('v1.PodResizeStatus'),
  resourceClaimStatuses: slice(opaque('v1.PodResourceClaimStatus')),
  extendedResourceClaimStatus: opaque('v1.PodExtendedResourceClaimStatus'), // 1.34
});

export const Pod = struct('v1.Pod', { ...typeMeta, metadata: ObjectMeta, spec: PodSpec, status: PodStatus });

export const PodTemplateSpec = struct('v1.PodTemplateSpec', { metadata: ObjectMeta, spec: PodSpec });
