// The API resources the playground knows: what kube-apiserver's discovery would say about each
// (group/version, plural resource name, short names, scope) and the rules that apply to it.
import type { NameValidator } from './validate/names';
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from './validate/names';
import type { KindRules } from './validate/types';
import { serviceRules } from './validate/service';
import { ingressRules } from './validate/ingress';
import { ingressClassRules } from './validate/ingressclass';
import { secretRules } from './validate/secret';
import { configMapRules } from './validate/configmap';
import { ipAddressPoolRules } from './validate/ipaddresspool';
import { podRules, deploymentRules, replicaSetRules } from './validate/workloads';
import { namespaceRules, nodeRules, endpointSliceRules } from './validate/cluster-kinds';

export interface KindInfo {
  kind: string;
  /** "v1", "apps/v1", … the one served version we accept */
  apiVersion: string;
  /** lower-case plural resource name, as in `services "web" already exists` */
  resource: string;
  shortNames: string[];
  namespaced: boolean;
  nameFn: NameValidator;
  /** Go package-qualified kind for messages (`Service`, `Deployment.apps`). */
  qualifiedKind: string;
  rules: KindRules | null;
}

const info = (
  kind: string,
  apiVersion: string,
  resource: string,
  shortNames: string[],
  namespaced: boolean,
  nameFn: NameValidator,
  rules: KindRules | null,
): KindInfo => {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return { kind, apiVersion, resource, shortNames, namespaced, nameFn, rules, qualifiedKind: group ? `${kind}.${group}` : kind };
};

/** Endpoints have no rules of their own here: the endpoints controller writes them. */
const noRules: KindRules = { validate: () => [] };

export const KINDS: readonly KindInfo[] = [
  info('Namespace', 'v1', 'namespaces', ['ns'], false, nameIsDNSLabel, namespaceRules),
  info('Node', 'v1', 'nodes', ['no'], false, nameIsDNSSubdomain, nodeRules),
  info('Pod', 'v1', 'pods', ['po'], true, nameIsDNSSubdomain, podRules),
  info('Service', 'v1', 'services', ['svc'], true, nameIsDNS1035Label, serviceRules),
  info('Endpoints', 'v1', 'endpoints', ['ep'], true, nameIsDNSSubdomain, noRules),
  info('ConfigMap', 'v1', 'configmaps', ['cm'], true, nameIsDNSSubdomain, configMapRules),
  info('Secret', 'v1', 'secrets', [], true, nameIsDNSSubdomain, secretRules),
  info('Deployment', 'apps/v1', 'deployments', ['deploy'], true, nameIsDNSSubdomain, deploymentRules),
  info('ReplicaSet', 'apps/v1', 'replicasets', ['rs'], true, nameIsDNSSubdomain, replicaSetRules),
  info('EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', ['eps'], true, nameIsDNSSubdomain, endpointSliceRules),
  info('Ingress', 'networking.k8s.io/v1', 'ingresses', ['ing'], true, nameIsDNSSubdomain, ingressRules),
  info('IngressClass', 'networking.k8s.io/v1', 'ingressclasses', [], false, nameIsDNSSubdomain, ingressClassRules),
  info('IPAddressPool', 'metallb.io/v1beta1', 'ipaddresspools', [], true, nameIsDNSSubdomain, ipAddressPoolRules),
];

const byKind = new Map(KINDS.map((k) => [k.kind, k]));
const byName = new Map<string, KindInfo>();
for (const k of KINDS) {
  for (const n of [k.kind.toLowerCase(), k.resource, k.resource.replace(/s$/, ''), ...k.shortNames]) byName.set(n, k);
  byName.set(`${k.resource}.${k.qualifiedKind.split('.').slice(1).join('.')}`.replace(/\.$/, ''), k);
}
byName.set('endpoint', byKind.get('Endpoints')!);
byName.set('ingress', byKind.get('Ingress')!);

export const kindInfo = (kind: string): KindInfo | undefined => byKind.get(kind);

/** kubectl's resource argument: kind, plural, singular or short name, case-insensitive. */
export const resolveResource = (name: string): KindInfo | undefined => byName.get(name.toLowerCase());

/** The kind cluster config document: read for topology, never stored as an API object. */
export const KIND_CLUSTER_API = 'kind.x-k8s.io/v1alpha4';
