// ValidateService (pkg/apis/core/validation/validation.go, v1.33–1.35) minus ValidateObjectMeta,
// appending errors in upstream's order. The object is the defaulted Service *after* BeginCreate
// allocation (clusterIPs, ipFamilies, nodePorts are filled in by then).
import { type FieldError, duplicate, forbidden, invalid, notSupported, required } from '../../model/field';
import type { KubeObject } from '../../model/types';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
} from './names';
import { validateClusterIPsRelatedFields, validateExternalNameIPFields } from './service-clusterips';
import { validateCIDRForLegacyField, validateIPForLegacyField, validateNonSpecialIP } from './service-net';
import {
  type Rec,
  externallyAccessible,
  isHeadless,
  isSet,
  needsHealthCheck,
  num,
  portsOf,
  servicePortKeyValue,
  specOf,
  str,
  strList,
  svcType,
} from './service-wire';
import { rec } from './types';

export const ANNOTATION_TOPOLOGY_AWARE_HINTS = 'service.kubernetes.io/topology-aware-hints';
export const ANNOTATION_TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
export const ANNOTATION_LB_SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

// sets.List(...) order (sorted), as NotSupported prints them.
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
// PreferSameTrafficDistribution is on by default from v1.34 (beta) and GA in v1.35; v1.33
// (alpha, off) accepted only PreferClose. We model v1.34+.
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

/** validateServicePort */
function validateServicePort(p: Rec, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(p.name);
  if (requireName && name.length === 0) errs.push(required(`${path}.name`));
  else if (name.length !== 0) {
    for (const m of isDNS1123Label(name)) errs.push(invalid(`${path}.name`, name, m));
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name));
    else names.add(name);
  }
  const port = num(p.port);
  for (const m of isValidPortNum(port)) errs.push(invalid(`${path}.port`, port, m));
  const protocol = str(p.protocol);
  if (protocol.length === 0) errs.push(required(`${path}.protocol`));
  else if (!PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, PORT_PROTOCOLS));
  // ValidatePortNumOrName: an IntOrString is a number or an IANA_SVC_NAME.
  if (typeof p.targetPort === 'string') {
    for (const m of isValidPortName(p.targetPort)) errs.push(invalid(`${path}.targetPort`, p.targetPort, m));
  } else {
    const tp = num(p.targetPort);
    for (const m of isValidPortNum(tp)) errs.push(invalid(`${path}.targetPort`, tp, m));
  }
  if (typeof p.appProtocol === 'string') {
    for (const m of isQualifiedName(p.appProtocol)) errs.push(invalid(`${path}.appProtocol`, p.appProtocol, m));
  }
  // Headless services tolerate any targetPort (v1 compatibility; upstream's check is commented out).
  return errs;
}

/** unversionedvalidation.ValidateLabels, keys in sorted order (Go map order is random). */
function validateLabels(labels: Rec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels).sort()) {
    for (const m of isQualifiedName(k)) errs.push(invalid(path, k, m));
    const v = str(labels[k]);
    for (const m of isValidLabelValue(v)) errs.push(invalid(path, v, m));
  }
  return errs;
}

/** validateClientIPAffinityConfig + validateAffinityTimeout */
function validateClientIPAffinityConfig(cfg: unknown, path: string): FieldError[] {
  const when = 'when session affinity type is ClientIP';
  const c = rec(cfg);
  if (!c) return [required(path, when)];
  const clientIP = rec(c.clientIP);
  if (!clientIP) return [required(`${path}.clientIP`, when)];
  if (typeof clientIP.timeoutSeconds !== 'number') return [required(`${path}.clientIP.timeoutSeconds`, when)];
  const t = clientIP.timeoutSeconds;
  if (t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [invalid(`${path}.clientIP.timeoutSeconds`, t, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  }
  return [];
}

/** validateLoadBalancerClassField(oldService, service); oldSpec undefined on create. */
export function validateLoadBalancerClass(oldSpec: Rec | undefined, spec: Rec): FieldError[] {
  const errs: FieldError[] = [];
  const cls = typeof spec.loadBalancerClass === 'string' ? spec.loadBalancerClass : undefined;
  const isLB = svcType(spec) === 'LoadBalancer';
  if (oldSpec && svcType(oldSpec) === 'LoadBalancer' && isLB) {
    const oldCls = typeof oldSpec.loadBalancerClass === 'string' ? oldSpec.loadBalancerClass : undefined;
    if (oldCls !== cls) errs.push(invalid('spec.loadBalancerClass', cls ?? null, 'may not change once set'));
  }
  if (isLB) {
    if (cls !== undefined) for (const m of isQualifiedName(cls)) errs.push(invalid('spec.loadBalancerClass', cls, m));
  } else if (cls !== undefined) {
    errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

/** validateServiceExternalTrafficPolicy */
function validateExternalTrafficPolicy(spec: Rec): FieldError[] {
  const errs: FieldError[] = [];
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp !== '') {
      errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
    }
  } else if (etp === '') errs.push(required('spec.externalTrafficPolicy'));
  else if (!TRAFFIC_POLICIES.includes(etp)) errs.push(notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));

  const hc = num(spec.healthCheckNodePort);
  if (!needsHealthCheck(spec)) {
    if (hc !== 0) {
      errs.push(
        invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"),
      );
    }
  } else if (hc === 0) errs.push(required('spec.healthCheckNodePort'));
  else for (const m of isValidPortNum(hc)) errs.push(invalid('spec.healthCheckNodePort', hc, m));
  return errs;
}

/** ValidateService, without the leading ValidateObjectMeta. */
export function validateService(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specOf(obj);
  const annotations = rec(obj.metadata?.annotations) ?? {};
  const type = svcType(spec);
  const headless = isHeadless(spec);

  const hints = annotations[ANNOTATION_TOPOLOGY_AWARE_HINTS];
  const mode = annotations[ANNOTATION_TOPOLOGY_MODE];
  if (mode !== undefined && hints !== undefined && mode !== hints) {
    errs.push(
      invalid(
        `metadata.annotations[${ANNOTATION_TOPOLOGY_MODE}]`,
        str(mode),
        `must match annotations[${ANNOTATION_TOPOLOGY_AWARE_HINTS}] when both are specified`,
      ),
    );
  }

  const ports = portsOf(spec);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));

  const clusterIPs = strList(spec.clusterIPs) ?? [];
  if (type === 'LoadBalancer' && headless) {
    errs.push(invalid('spec.clusterIPs[0]', clusterIPs[0], "may not be set to 'None' for LoadBalancer services"));
  } else if (type === 'NodePort' && headless) {
    errs.push(invalid('spec.clusterIPs[0]', clusterIPs[0], "may not be set to 'None' for NodePort services"));
  } else if (type === 'ExternalName') {
    errs.push(...validateExternalNameIPFields(spec));
    // The value (a CNAME) may have a trailing dot to denote it as fully qualified.
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname.length > 0) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid('spec.externalName', cname, m));
    else errs.push(required('spec.externalName'));
  }

  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));

  const selector = rec(spec.selector);
  if (selector) errs.push(...validateLabels(selector, 'spec.selector'));

  const affinity = str(spec.sessionAffinity);
  if (affinity.length === 0) errs.push(required('spec.sessionAffinity'));
  else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES));
  if (affinity === 'ClientIP') errs.push(...validateClientIPAffinityConfig(spec.sessionAffinityConfig, 'spec.sessionAffinityConfig'));
  else if (affinity === 'None' && isSet(spec.sessionAffinityConfig)) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }

  errs.push(...validateClusterIPsRelatedFields(spec));

  (strList(spec.externalIPs) ?? []).forEach((ip, i) => {
    const e = validateIPForLegacyField(`spec.externalIPs[${i}]`, ip);
    errs.push(...(e.length ? e : validateNonSpecialIP(ip, `spec.externalIPs[${i}]`)));
  });

  if (type.length === 0) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));

  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (num(p.nodePort) !== 0) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }

  // Duplicate NodePorts, considering (protocol, nodePort) pairs.
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = num(p.nodePort);
    if (np === 0) return;
    const key = `${str(p.protocol)}/${np}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, np));
    nodePorts.add(key);
  });

  // Duplicate ports, considering (protocol, port) pairs.
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${str(p.protocol)}/${num(p.port)}`;
    if (seenPorts.has(key)) errs.push(duplicate(`spec.ports[${i}]`, servicePortKeyValue(str(p.protocol), num(p.port))));
    seenPorts.add(key);
  });

  // loadBalancerSourceRanges (upstream's path really is capitalised), else the legacy annotation.
  const ranges = strList(spec.loadBalancerSourceRanges) ?? [];
  if (ranges.length > 0) {
    const path = 'spec.LoadBalancerSourceRanges';
    if (type !== 'LoadBalancer') errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
    // Historical accident: values may be space-padded.
    ranges.forEach((v, i) => errs.push(...validateCIDRForLegacyField(`${path}[${i}]`, v.trim())));
  } else if (annotations[ANNOTATION_LB_SOURCE_RANGES] !== undefined) {
    const path = `metadata.annotations[${ANNOTATION_LB_SOURCE_RANGES}]`;
    if (type !== 'LoadBalancer') errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
    const val = str(annotations[ANNOTATION_LB_SOURCE_RANGES]).trim();
    if (val !== '') for (const v of val.split(',')) errs.push(...validateCIDRForLegacyField(path, v.trim()));
  }

  if (isSet(spec.allocateLoadBalancerNodePorts) && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && typeof spec.allocateLoadBalancerNodePorts !== 'boolean') {
    // Upstream's path lacks the "spec." prefix.
    errs.push(required('allocateLoadBalancerNodePorts'));
  }

  errs.push(...validateLoadBalancerClass(undefined, spec));
  errs.push(...validateExternalTrafficPolicy(spec));

  // validateServiceInternalTrafficFieldsValue
  if (!isSet(spec.internalTrafficPolicy)) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required('spec.internalTrafficPolicy'));
  } else {
    const itp = str(spec.internalTrafficPolicy);
    if (!TRAFFIC_POLICIES.includes(itp)) errs.push(notSupported('spec.internalTrafficPolicy', itp, TRAFFIC_POLICIES));
  }

  // validateServiceTrafficDistribution
  if (isSet(spec.trafficDistribution)) {
    const td = str(spec.trafficDistribution);
    if (!TRAFFIC_DISTRIBUTIONS.includes(td)) errs.push(notSupported('spec.trafficDistribution', td, TRAFFIC_DISTRIBUTIONS));
  }
  return errs;
}

/** validateServiceExternalTrafficFieldsUpdate */
export function validateExternalTrafficFieldsUpdate(oldSpec: Rec, spec: Rec): FieldError[] {
  if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && num(spec.healthCheckNodePort) !== num(oldSpec.healthCheckNodePort)) {
    return [forbidden('spec.healthCheckNodePort', 'field is immutable')];
  }
  return [];
}
