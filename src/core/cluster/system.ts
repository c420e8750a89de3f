// The objects every kubeadm/kind cluster has before anyone applies a manifest: the system namespaces,
// Service default/kubernetes (first IP of the service subnet, 443 → 6443), kube-system/kube-dns (the
// tenth IP) with the CoreDNS Deployment and its Corefile as kubeadm writes them
// (cmd/kubeadm/app/phases/addons/dns/manifests.go), and the nodes kind creates.
import type { KubeObject } from '../model/types';
import { formatIPv4, parseCIDR4 } from '../net/ipv4';
import type { Topology } from './topology';

export const KUBELET_VERSION = 'v1.33.1';
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.12.0';

/** kube-system & co. as kubeadm makes them; ingress-nginx and metallb-system because the playground has both built in. */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'ingress-nginx', 'metallb-system'];
export const INGRESS_NGINX_IMAGE = 'registry.k8s.io/ingress-nginx/controller:v1.12.1';

/** The service subnet's n-th address (1 → default/kubernetes, 10 → kube-dns). */
export function serviceIP(topology: Topology, n: number): string {
  return formatIPv4(parseCIDR4(topology.net.serviceSubnet)!.nth(n));
}

export function corefile(domain: string): string {
  return `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${domain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${domain}
       disable denial ${domain}
    }
    loop
    reload
    loadbalance
}
`;
}

export function kindNodeObject(topology: Topology, node: Topology['nodes'][number]): KubeObject {
  const cp = node.role === 'control-plane';
  const hasWorkers = topology.nodes.some((n) => n.role === 'worker');
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': node.name,
    'kubernetes.io/os': 'linux',
    ...(cp ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    ...node.labels,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: node.name, labels },
    spec: {
      providerID: `kind://docker/${topology.clusterName}/${node.name}`,
      // kind keeps kubeadm's control-plane taint only when there are workers to run pods.
      ...(cp && hasWorkers ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {}),
    },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://2.1.1',
        kernelVersion: '6.8.0-generic',
        kubeProxyVersion: '',
        kubeletVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
      },
    },
  };
}

export function systemObjects(topology: Topology): KubeObject[] {
  const ns = (name: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
  });
  const kubeDNSLabels = { 'k8s-app': 'kube-dns' };
  return [
    ...SYSTEM_NAMESPACES.map(ns),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: serviceIP(topology, 1), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: {
        clusterIP: serviceIP(topology, 10),
        selector: kubeDNSLabels,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      data: { Corefile: corefile(topology.net.clusterDomain) },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: kubeDNSLabels },
      spec: {
        replicas: 2,
        selector: { matchLabels: kubeDNSLabels },
        template: {
          metadata: { labels: kubeDNSLabels },
          spec: {
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            dnsPolicy: 'Default',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
            containers: [
              {
                name: 'coredns',
                image: COREDNS_IMAGE,
                args: ['-conf', '/etc/coredns/Corefile'],
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
              },
            ],
          },
        },
      },
    },
    ...ingressNginxObjects(),
  ];
}

/**
 * ingress-nginx as kind's guide installs it (deploy/static/provider/kind), with two differences: the
 * controller Service is type LoadBalancer (it gets an address when a pool exists, and keeps its node
 * ports for 80 and 443 either way), and the controller pod has no `ingress-ready` nodeSelector, so it
 * schedules without the node label kind's guide adds through kubeadmConfigPatches.
 */
function ingressNginxObjects(): KubeObject[] {
  const labels = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx', labels, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: 'ingress-nginx',
            tolerations: [
              { key: 'node-role.kubernetes.io/control-plane', operator: 'Equal', effect: 'NoSchedule' },
              { key: 'node-role.kubernetes.io/master', operator: 'Equal', effect: 'NoSchedule' },
            ],
            containers: [
              {
                name: 'controller',
                image: INGRESS_NGINX_IMAGE,
                args: ['/nginx-ingress-controller', '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx', '--watch-ingress-without-class=true', '--publish-status-address=localhost'],
                ports: [
                  { containerPort: 80, name: 'http', protocol: 'TCP' },
                  { containerPort: 443, name: 'https', protocol: 'TCP' },
                  { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
                ],
                readinessProbe: { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' } },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', labels },
      spec: {
        type: 'LoadBalancer',
        selector: labels,
        ipFamilyPolicy: 'SingleStack',
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', appProtocol: 'http' },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ingress-nginx-controller-admission', namespace: 'ingress-nginx', labels },
      spec: { selector: labels, ports: [{ name: 'https-webhook', port: 443, targetPort: 'webhook', appProtocol: 'https' }] },
    },
  ];
}
