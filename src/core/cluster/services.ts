// Typed Service records from the stored (defaulted, allocated) Service objects.
import type { StoredObject } from '../manifest/registry';
import { rec } from '../manifest/validate/types';
import type { Protocol, ServicePortState, ServiceState } from './state';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * A Service's selector as a map of strings; null when it has no string pair (no selector at all). The
 * stored map itself when a copy would hold the same (plain, only string values, no "__proto__" key):
 * it is read, never written.
 */
function selectorOf(v: unknown): Record<string, string> | null {
  const r = rec(v);
  if (!r) return null;
  let same = Object.getPrototypeOf(r) === Object.prototype && !Object.hasOwn(r, '__proto__');
  let any = false;
  for (const k in r) {
    if (!Object.hasOwn(r, k)) continue;
    if (typeof r[k] === 'string') any = true;
    else same = false;
  }
  if (!any) return null;
  if (same) return r as Record<string, string>;
  const out: Record<string, string> = {};
  for (const k of Object.keys(r)) if (typeof r[k] === 'string') out[k] = r[k] as string;
  return out;
}

const portState = (p: unknown): ServicePortState => {
  const r = rec(p) ?? {};
  return {
    name: str(r.name) ?? '',
    protocol: (str(r.protocol) ?? 'TCP') as Protocol,
    port: typeof r.port === 'number' ? r.port : 0,
    targetPort: typeof r.targetPort === 'number' || typeof r.targetPort === 'string' ? r.targetPort : typeof r.port === 'number' ? r.port : 0,
    nodePort: typeof r.nodePort === 'number' ? r.nodePort : null,
  };
};

/** status.loadBalancer.ingress[].ip (a fresh list: callers may keep it). */
function ingressIPs(status: Record<string, unknown> | undefined): string[] {
  const ingress = rec(status?.loadBalancer)?.ingress;
  const out: string[] = [];
  if (Array.isArray(ingress)) {
    for (const i of ingress) {
      const ip = str(rec(i)?.ip);
      if (ip !== null) out.push(ip);
    }
  }
  return out;
}

export function serviceState(s: StoredObject, createdAt: number): ServiceState {
  const spec = rec(s.object.spec) ?? {};
  const status = rec(s.object.status);
  const type = (str(spec.type) ?? 'ClusterIP') as ServiceState['type'];
  const clusterIP = str(spec.clusterIP);
  const headless = clusterIP === 'None';
  const given = Array.isArray(spec.ports) ? spec.ports : [];
  const ports: ServicePortState[] = given.length === 1 ? [portState(given[0])] : given.map(portState);
  const selector = selectorOf(spec.selector);
  return {
    key: s.key,
    namespace: s.namespace ?? 'default',
    name: s.name,
    uid: str(s.object.metadata?.uid) ?? '',
    type,
    clusterIP: type === 'ExternalName' || headless || !clusterIP ? null : clusterIP,
    headless,
    externalName: type === 'ExternalName' ? str(spec.externalName) : null,
    ports,
    selector,
    sessionAffinity: spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None',
    affinityTimeoutSeconds: Number(rec(rec(spec.sessionAffinityConfig)?.clientIP)?.timeoutSeconds ?? 10800),
    externalTrafficPolicy: spec.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
    internalTrafficPolicy: spec.internalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
    externalIPs: Array.isArray(spec.externalIPs) ? spec.externalIPs.filter((x): x is string => typeof x === 'string') : [],
    loadBalancerIPs: ingressIPs(status),
    healthCheckNodePort: typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : null,
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
    createdAt,
    object: s.object,
  };
}
