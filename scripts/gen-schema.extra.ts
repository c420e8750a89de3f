// Hand-written schemas for the two non-Kubernetes kinds the playground reads, with the field
// descriptions of their Go types:
// - kind's cluster config, sigs.k8s.io/kind pkg/apis/config/v1alpha4/types.go (Cluster, Node, Networking);
// - MetalLB's IPAddressPool, metallb.io api/v1beta1/ipaddresspool_types.go (+ ServiceAllocation).
import type { Definitions, JSONSchema, KindEntry } from './gen-schema.shape';

const str = (description: string, extra: JSONSchema = {}): JSONSchema => ({ type: 'string', description, ...extra });
const strings = (description: string): JSONSchema => ({ type: 'array', description, items: { type: 'string' } });
const int32 = (description: string): JSONSchema => ({ type: 'integer', minimum: -2147483648, maximum: 2147483647, description });
const obj = (description: string, properties: Record<string, JSONSchema>, required: string[] = []): JSONSchema => ({
  type: 'object',
  description,
  additionalProperties: false,
  properties,
  ...(required.length ? { required } : {}),
});

const patchJSON6902 = obj('PatchJSON6902 represents an inline kustomize json 6902 patch https://tools.ietf.org/html/rfc6902', {
  group: str('these fields specify the patch target resource'),
  version: str('these fields specify the patch target resource'),
  kind: str('these fields specify the patch target resource'),
  patch: str('Patch should contain the contents of the json patch as a string'),
});

const kindNode = obj(
  'Node contains settings for a node in the `kind` Cluster. A node in kind config represent a container that will be provisioned with all the components required for the assigned role in the Kubernetes cluster',
  {
    role: str('Role defines the role of the node in the Kubernetes cluster created by kind\n\nDefaults to "control-plane"', {
      enum: ['control-plane', 'worker'],
      enumDescriptions: ['ControlPlaneRole identifies a node that hosts a Kubernetes control-plane.', 'WorkerRole identifies a node that hosts a Kubernetes worker'],
    }),
    image: str('Image is the node image to use when creating this node If unset a default image will be used, see defaults.Image'),
    labels: { type: 'object', description: 'Labels are the labels with which the respective node will be labeled', additionalProperties: { type: 'string' } },
    extraMounts: {
      type: 'array',
      description: 'ExtraMounts describes additional mount points for the node container These may be used to bind a hostPath',
      items: obj('Mount specifies a host volume to mount into a container.', {
        containerPath: str('Path of the mount within the container.'),
        hostPath: str("Path of the mount on the host. If the hostPath doesn't exist, then runtimes should report error. If the hostpath is a symbolic link, runtimes should follow the symlink and mount the real destination to container."),
        readOnly: { type: 'boolean', description: 'If set, the mount is read-only.' },
        selinuxRelabel: { type: 'boolean', description: 'If set, the mount needs SELinux relabeling.' },
        propagation: str('Requested propagation mode.', { enum: ['None', 'HostToContainer', 'Bidirectional'] }),
      }),
    },
    extraPortMappings: {
      type: 'array',
      description: 'ExtraPortMappings describes additional port mappings for the node container binded to a host Port',
      items: obj('PortMapping specifies a host port mapped into a container port.', {
        containerPort: int32('Port within the container.'),
        hostPort: int32('Port on the host.\n\nIf unset, a random port will be selected.'),
        listenAddress: str('The address on the host to listen on.'),
        protocol: str('Protocol (TCP/UDP/SCTP)', { enum: ['TCP', 'UDP', 'SCTP'] }),
      }),
    },
    gpus: str('GPUs allows to access GPU devices from the kind node. Setting this to "all" will pass all the available GPUs to the kind node.'),
    kubeadmConfigPatches: strings('KubeadmConfigPatches are applied to the generated kubeadm config as merge patches. The `kind` field must match the target object, and if `apiVersion` is specified it will only be applied to matching objects.'),
    kubeadmConfigPatchesJSON6902: { type: 'array', description: 'KubeadmConfigPatchesJSON6902 are applied to the generated kubeadm config as JSON 6902 patches.', items: patchJSON6902 },
  },
);

const kindCluster = obj('Cluster contains kind cluster configuration (kind.x-k8s.io/v1alpha4). The playground reads its nodes and networking.', {
  kind: { type: 'string', const: 'Cluster' },
  apiVersion: { type: 'string', const: 'kind.x-k8s.io/v1alpha4' },
  name: str('The cluster name. Optional, this will be overridden by --name / KIND_CLUSTER_NAME'),
  nodes: {
    type: 'array',
    description:
      'Nodes contains the list of nodes defined in the `kind` Cluster If unset this will default to a single control-plane node Note that if more than one control plane is specified, an external control plane load balancer will be provisioned implicitly',
    items: kindNode,
  },
  networking: obj('Networking contains cluster wide network settings', {
    ipFamily: str('IPFamily is the network cluster model, currently it can be ipv4 or ipv6', { enum: ['ipv4', 'ipv6', 'dual'] }),
    apiServerPort: int32('APIServerPort is the listen port on the host for the Kubernetes API Server Defaults to a random port on the host obtained by kind'),
    apiServerAddress: str('APIServerAddress is the listen address on the host for the Kubernetes API Server. This should be an IP address.\n\nDefaults to 127.0.0.1'),
    podSubnet: str('PodSubnet is the CIDR used for pod IPs kind will select a default if unspecified'),
    serviceSubnet: str('ServiceSubnet is the CIDR used for services VIPs kind will select a default if unspecified for IPv6'),
    disableDefaultCNI: { type: 'boolean', description: 'If DisableDefaultCNI is true, kind will not install the default CNI setup. Instead the user should install their own CNI after creating the cluster.' },
    kubeProxyMode: str("KubeProxyMode defines if kube-proxy should operate in iptables or ipvs mode Defaults to 'iptables' mode", { enum: ['iptables', 'ipvs', 'nftables', 'none'] }),
    dnsSearch: strings('DNSSearch defines the DNS search domain to use for nodes. If not set, this will be inherited from the host.'),
  }),
  featureGates: {
    type: 'object',
    description: 'FeatureGates contains a map of Kubernetes feature gates to whether they are enabled. The feature gates specified here are passed to all Kubernetes components as flags or in config.',
    additionalProperties: { type: 'boolean' },
  },
  runtimeConfig: {
    type: 'object',
    description: 'RuntimeConfig Keys and values are translated into --runtime-config values for kube-apiserver, separated by commas.\n\nUse this to enable alpha APIs.',
    additionalProperties: { type: 'string' },
  },
  kubeadmConfigPatches: strings('KubeadmConfigPatches are applied to the generated kubeadm config as merge patches. The `kind` field must match the target object, and if `apiVersion` is specified it will only be applied to matching objects.'),
  kubeadmConfigPatchesJSON6902: { type: 'array', description: 'KubeadmConfigPatchesJSON6902 are applied to the generated kubeadm config as JSON 6902 patches.', items: patchJSON6902 },
  containerdConfigPatches: strings("ContainerdConfigPatches are applied to every node's containerd config in the order listed. These should be toml strings to be applied as merge patches"),
  containerdConfigPatchesJSON6902: strings("ContainerdConfigPatchesJSON6902 are applied to every node's containerd config in the order listed. These should be YAML or JSON formatting RFC 6902 JSON patches"),
});

const selectors = (description: string): JSONSchema => ({ type: 'array', description, items: { $ref: '#/definitions/LabelSelector' } });

const ipAddressPool = obj(
  'IPAddressPool represents a pool of IP addresses that can be allocated to LoadBalancer services (MetalLB, metallb.io/v1beta1).',
  {
    apiVersion: { type: 'string', const: 'metallb.io/v1beta1' },
    kind: { type: 'string', const: 'IPAddressPool' },
    metadata: { $ref: '#/definitions/ObjectMeta' },
    spec: obj(
      'IPAddressPoolSpec defines the desired state of IPAddressPool.',
      {
        addresses: strings(
          'A list of IP address ranges over which MetalLB has authority. You can list multiple ranges in a single pool, they will all share the same settings. Each range can be either a CIDR prefix, or an explicit start-end range of IPs.',
        ),
        autoAssign: { type: 'boolean', default: true, description: 'AutoAssign flag used to prevent MetallB from automatic allocation for a pool.' },
        avoidBuggyIPs: { type: 'boolean', default: false, description: 'AvoidBuggyIPs prevents addresses ending with .0 and .255 to be used by a pool.' },
        serviceAllocation: obj(
          'AllocateTo makes ip pool allocation to specific namespace and/or service. The controller will use the pool with lowest value of priority in case of multiple matches. A pool with no priority set will be used only if the pools with priority can\'t be used.',
          {
            priority: { type: 'integer', description: 'Priority priority given for ip pool while ip allocation on a service.' },
            namespaces: strings('Namespaces list of namespace(s) on which ip pool can be attached.'),
            namespaceSelectors: selectors('NamespaceSelectors list of label selectors to select namespace(s) for ip pool, an alternative to using namespace list.'),
            serviceSelectors: selectors('ServiceSelectors list of label selector to select service(s) for which ip pool can be used for ip allocation.'),
          },
        ),
      },
      ['addresses'],
    ),
    status: { type: 'object', description: 'IPAddressPoolStatus defines the observed state of IPAddressPool.' },
  },
  ['spec'],
);

export const EXTRA_DEFINITIONS: Definitions = { KindCluster: kindCluster, IPAddressPool: ipAddressPool };

export const EXTRA_KINDS: KindEntry[] = [
  { kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', ref: 'KindCluster' },
  { kind: 'IPAddressPool', apiVersion: 'metallb.io/v1beta1', ref: 'IPAddressPool' },
];
