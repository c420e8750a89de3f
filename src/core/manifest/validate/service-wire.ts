// Defensive readers for a Service in wire shape. A wrong-typed value reads as absent (Go's zero
// value), so validators never throw on odd input.
import { goQuote, goRendered } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { rec } from './types';

export type Rec = Record<string, unknown>;

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** A string slice; undefined when absent (Go nil). Non-string items read as "". */
export function strList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.map(str) : undefined;
}

/** `obj.spec`, created if missing (defaulting fills a zero-valued spec, as Go does). */
export function specOf(obj: KubeObject, create = false): Rec {
  const s = rec(obj.spec);
  if (s) return s;
  const fresh: Rec = {};
  if (create) obj.spec = fresh;
  return fresh;
}

/** spec.ports as records; non-object entries read as empty ports (indexes are preserved). */
export function portsOf(spec: Rec): Rec[] {
  return Array.isArray(spec.ports) ? spec.ports.map((p) => rec(p) ?? {}) : [];
}

export const svcType = (spec: Rec): string => str(spec.type);
export const clusterIPsOf = (spec: Rec): string[] => strList(spec.clusterIPs) ?? [];

/** A []string field as a FieldError value: `[]string(nil)` when absent, as Go prints nil. */
export function stringsValue(v: unknown): unknown {
  const l = strList(v);
  return l === undefined ? goRendered('[]string(nil)', null) : l;
}

/** A *string / named-string pointer field as a FieldError value (nil prints as null). */
export const ptrValue = (v: unknown): unknown => (typeof v === 'string' ? v : null);

/** isHeadlessService (validation.go): exactly one clusterIPs entry, "None". */
export function isHeadless(spec: Rec): boolean {
  const ips = strList(spec.clusterIPs);
  return ips !== undefined && ips.length === 1 && ips[0] === 'None';
}

/** apiservice.ExternallyAccessible */
export function externallyAccessible(spec: Rec): boolean {
  const t = svcType(spec);
  const ext = Array.isArray(spec.externalIPs) ? spec.externalIPs.length : 0;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && ext > 0);
}

/** apiservice.NeedsHealthCheck: LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(spec: Rec): boolean {
  return svcType(spec) === 'LoadBalancer' && str(spec.externalTrafficPolicy) === 'Local';
}

/** Go's %#v of a core.ServicePort key {Protocol, Port}, as field.Duplicate prints it. */
export function servicePortKeyValue(protocol: string, port: number): unknown {
  const repr =
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
    `TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
  return goRendered(repr, { Name: '', Protocol: protocol, AppProtocol: null, Port: port, TargetPort: 0, NodePort: 0 });
}
