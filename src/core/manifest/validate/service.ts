// Service (core/v1) rules: defaulting, validation, update validation and warnings, as
// kube-apiserver v1.33–1.35 applies them.
//
// Order on create. Upstream's genericregistry.Store.Create runs the Service BeginCreate hook
// (normalizeClusterIPs + Allocators.allocateCreate: ipFamily defaulting, ClusterIP and NodePort
// allocation) BEFORE rest.BeforeCreate (PrepareForCreate + ValidateService, which includes
// ValidateObjectMeta). Our registry runs:
//   default → ObjectMeta validation → allocator.allocate → serviceRules.validate → (release on errors)
// so allocation still precedes ValidateService, which is what makes allocation errors (e.g.
// "provided port is not in the valid range") win over validation errors, as upstream. (Upstream
// would also report allocation errors ahead of metadata errors; see the report.)
import type { KubeObject } from '../../model/types';
import type { ApiWarning, KindRules } from './types';
import { rec } from './types';
import { validateUpgradeDowngradeClusterIPs, validateUpgradeDowngradeIPFamilies } from './service-clusterips';
import { normalizeClusterIPs } from './service-update';
import { getWarningsForCIDR, getWarningsForIP } from './service-net';
import {
  ANNOTATION_TOPOLOGY_AWARE_HINTS,
  ANNOTATION_TOPOLOGY_MODE,
  validateExternalTrafficFieldsUpdate,
  validateLoadBalancerClass,
  validateService,
} from './service-validate';
import { type Rec, externallyAccessible, isSet, specOf, str, strList, svcType } from './service-wire';

export { normalizeClusterIPs };

const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/**
 * SetDefaults_Service (pkg/apis/core/v1/defaults.go), then what the registry fills before
 * allocation: PrepareForCreate (status reset; no fields are feature-gated off in v1.33+) and
 * normalizeClusterIPs. ipFamilies/ipFamilyPolicy/clusterIPs/nodePorts are the allocator's job.
 */
export function defaultService(obj: KubeObject): void {
  const spec = specOf(obj, true);
  // Wrong-typed values read as Go's zero value (""), so they are defaulted too.
  if (str(spec.sessionAffinity) === '') spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = rec(spec.sessionAffinityConfig);
    const clientIP = rec(cfg?.clientIP);
    if (!clientIP || !isSet(clientIP.timeoutSeconds)) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
    }
  }
  if (str(spec.type) === '') spec.type = 'ClusterIP';
  if (Array.isArray(spec.ports)) {
    for (const raw of spec.ports) {
      const p = rec(raw);
      if (!p) continue;
      if (str(p.protocol) === '') p.protocol = 'TCP';
      const tp = p.targetPort;
      if (tp === undefined || tp === null || tp === 0 || tp === '' || (typeof tp !== 'number' && typeof tp !== 'string')) {
        p.targetPort = typeof p.port === 'number' ? p.port : 0;
      }
    }
  }
  if (externallyAccessible(spec) && str(spec.externalTrafficPolicy) === '') spec.externalTrafficPolicy = 'Cluster';
  const t = svcType(spec);
  if (!isSet(spec.internalTrafficPolicy) && (t === 'NodePort' || t === 'LoadBalancer' || t === 'ClusterIP')) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (t === 'LoadBalancer' && !isSet(spec.allocateLoadBalancerNodePorts)) spec.allocateLoadBalancerNodePorts = true;
  // PrepareForCreate: users cannot set status on create.
  obj.status = { loadBalancer: {} };
  normalizeClusterIPs(obj);
}

/** ValidateServiceUpdate minus ValidateObjectMetaUpdate. Both objects are defaulted. */
export function validateServiceUpdate(newObj: KubeObject, oldObj: KubeObject) {
  const spec = specOf(newObj);
  const old = specOf(oldObj);
  return [
    ...validateUpgradeDowngradeClusterIPs(old, spec),
    ...validateUpgradeDowngradeIPFamilies(old, spec),
    ...validateLoadBalancerClass(old, spec),
    ...validateExternalTrafficFieldsUpdate(old, spec),
    ...validateService(newObj),
  ];
}

const isHeadlessForWarnings = (spec: Rec) => svcType(spec) === 'ClusterIP' && str(spec.clusterIP) === 'None';

/** GetWarningsForService (pkg/api/service/warnings.go). Each message is the full warning text. */
export function serviceWarnings(obj: KubeObject): ApiWarning[] {
  const spec = specOf(obj);
  const annotations = rec(obj.metadata?.annotations) ?? {};
  const out: string[] = [];
  if (annotations[ANNOTATION_TOPOLOGY_AWARE_HINTS] !== undefined) {
    out.push(`annotation ${ANNOTATION_TOPOLOGY_AWARE_HINTS} is deprecated, please use ${ANNOTATION_TOPOLOGY_MODE} instead`);
  }
  const clusterIP = str(spec.clusterIP);
  if (clusterIP.length > 0 && clusterIP !== 'None') {
    (strList(spec.clusterIPs) ?? []).forEach((ip, i) => out.push(...getWarningsForIP(`spec.clusterIPs[${i}]`, ip)));
  }
  const externalIPs = strList(spec.externalIPs) ?? [];
  if (isHeadlessForWarnings(spec)) {
    if (str(spec.loadBalancerIP) !== '') out.push('spec.loadBalancerIP is ignored for headless services');
    if (externalIPs.length > 0) out.push('spec.externalIPs is ignored for headless services');
    if (str(spec.sessionAffinity) !== 'None') out.push('spec.SessionAffinity is ignored for headless services');
  }
  externalIPs.forEach((ip, i) => out.push(...getWarningsForIP(`spec.externalIPs[${i}]`, ip)));
  if (str(spec.loadBalancerIP).length > 0) out.push(...getWarningsForIP('spec.loadBalancerIP', str(spec.loadBalancerIP)));
  (strList(spec.loadBalancerSourceRanges) ?? []).forEach((c, i) =>
    out.push(...getWarningsForCIDR(`spec.loadBalancerSourceRanges[${i}]`, c)),
  );
  const type = svcType(spec);
  if (type === 'ExternalName' && externalIPs.length > 0) out.push('spec.externalIPs is ignored when spec.type is "ExternalName"');
  if (type !== 'ExternalName' && str(spec.externalName) !== '') {
    out.push('spec.externalName is ignored when spec.type is not "ExternalName"');
  }
  if (spec.trafficDistribution === 'PreferClose') {
    out.push('spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"');
  }
  return out.map((message) => ({ message }));
}

export const serviceRules: KindRules = {
  default: (obj) => defaultService(obj),
  validate: (obj) => validateService(obj),
  validateUpdate: (newObj, oldObj) => validateServiceUpdate(newObj, oldObj),
  warnings: (obj) => serviceWarnings(obj),
};
