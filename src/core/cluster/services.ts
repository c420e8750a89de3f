// Typed Service records from the stored (defaulted, allocated) Service objects.
import type { StoredObject } from '../manifest/registry';
import { rec } from '../manifest/validate/types';
import type { Protocol, ServicePortState, ServiceState } from './state';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strMap = (v: unknown): Record<string, string> | null => {
  const r = rec(v);
  if (!r) return null;
  const out: Record<string, string> = {};
  for (const k of Object.keys(r)) if (typeof r[k] === 'string') out[k] = r[k] as string;
  return out;
};

export function serviceState(s: StoredObject, createdAt: number): ServiceState {
  const spec = rec(s.object.spec) ?? {};
  const status = rec(s.object.status) ?? {};
  const type = (str(spec.type) ?? 'ClusterIP') as ServiceState['type'];
  const clusterIP = str(spec.clusterIP);
  const headless = clusterIP === 'None';
  const ports: ServicePortState[] = (Array.isArray(spec.ports) ? spec.ports : []).map((p) => {
    const r = rec(p) ?? {};
    return {
      name: str(r.name) ?? '',
      protocol: (str(r.protocol) ?? 'TCP') as Protocol,
      port: typeof r.port === 'number' ? r.port : 0,
      targetPort: typeof r.targetPort === 'number' || typeof r.targetPort === 'string' ? r.targetPort : typeof r.port === 'number' ? r.port : 0,
      nodePort: typeof r.nodePort === 'number' ? r.nodePort : null,
    };
  });
  const ingress = Array.isArray(rec(status.loadBalancer)?.ingress) ? (rec(status.loadBalancer)!.ingress as unknown[]) : [];
  const selector = strMap(spec.selector);
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
    selector: selector && Object.keys(selector).length ? selector : null,
    sessionAffinity: spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None',
    affinityTimeoutSeconds: Number(rec(rec(spec.sessionAffinityConfig)?.clientIP)?.timeoutSeconds ?? 10800),
    externalTrafficPolicy: spec.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
    internalTrafficPolicy: spec.internalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
    externalIPs: Array.isArray(spec.externalIPs) ? spec.externalIPs.filter((x): x is string => typeof x === 'string') : [],
    loadBalancerIPs: ingress.map((i) => str(rec(i)?.ip)).filter((x): x is string => x !== null),
    healthCheckNodePort: typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : null,
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
    createdAt,
    object: s.object,
  };
}
