// The update-time mutations the Service registry applies before ValidateServiceUpdate:
// patchAllocatedValues (pkg/registry/core/service/storage/storage.go beginUpdate) and
// dropTypeDependentFields (pkg/registry/core/service/strategy.go PrepareForUpdate).
import type { KubeObject } from '../../model/types';
import { type Rec, externallyAccessible, needsHealthCheck, num, portsOf, specOf, str, strList, svcType } from './service-wire';
import { rec } from './types';

const needsClusterIP = (spec: Rec) => svcType(spec) !== 'ExternalName';
const needsNodePort = (spec: Rec) => svcType(spec) === 'NodePort' || svcType(spec) === 'LoadBalancer';
const sameList = (a: unknown, b: unknown) => JSON.stringify(strList(a) ?? []) === JSON.stringify(strList(b) ?? []);
const optStr = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * patchAllocatedValues: a client that resubmits its original YAML keeps the values allocated for
 * it. NodePorts are matched by port *name*, and not carried over when the value is already used
 * by another port of the new object.
 */
export function patchAllocatedValues(newSvc: KubeObject, oldSvc: KubeObject): void {
  const spec = specOf(newSvc, true);
  const old = specOf(oldSvc);
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (str(spec.clusterIP) === '' && str(old.clusterIP) !== '') spec.clusterIP = old.clusterIP;
    const oldIPs = strList(old.clusterIPs) ?? [];
    if ((strList(spec.clusterIPs) ?? []).length === 0 && oldIPs.length > 0) spec.clusterIPs = [...oldIPs];
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const used = (s: Rec) => new Set(portsOf(s).map((p) => num(p.nodePort)).filter((n) => n !== 0));
    const newUsed = used(spec);
    const both = new Set([...used(old)].filter((n) => newUsed.has(n)));
    const byName = new Map<string, number>();
    for (const p of portsOf(old)) byName.set(str(p.name), num(p.nodePort));
    for (const raw of Array.isArray(spec.ports) ? spec.ports : []) {
      const p = rec(raw);
      if (!p || num(p.nodePort) !== 0) continue;
      const oldVal = byName.get(str(p.name)) ?? 0;
      if (oldVal !== 0 && !both.has(oldVal)) p.nodePort = oldVal;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(spec) && num(spec.healthCheckNodePort) === 0 && num(old.healthCheckNodePort) !== 0) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

/**
 * dropTypeDependentFields: when the type changes so that a field no longer applies, and the user
 * left that field as it was, wipe it (it is released by the allocator) rather than failing
 * validation.
 */
export function dropTypeDependentFields(newSvc: KubeObject, oldSvc: KubeObject): void {
  const spec = specOf(newSvc, true);
  const old = specOf(oldSvc);
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (str(old.clusterIP) === str(spec.clusterIP) && sameList(old.clusterIPs, spec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (JSON.stringify(old.ipFamilies ?? null) === JSON.stringify(spec.ipFamilies ?? null)) delete spec.ipFamilies;
    if (str(old.ipFamilyPolicy) === str(spec.ipFamilyPolicy)) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(spec)) {
    // Users may add, remove or modify ports as long as they add no net-new NodePort.
    const oldPorts = new Set(portsOf(old).map((p) => num(p.nodePort)));
    if (portsOf(spec).every((p) => num(p.nodePort) === 0 || oldPorts.has(num(p.nodePort)))) {
      for (const raw of Array.isArray(spec.ports) ? spec.ports : []) {
        const p = rec(raw);
        if (p) delete p.nodePort;
      }
    }
  }
  if (needsHealthCheck(old) && !needsHealthCheck(spec) && num(old.healthCheckNodePort) === num(spec.healthCheckNodePort)) {
    delete spec.healthCheckNodePort;
  }
  if (svcType(old) === 'LoadBalancer' && svcType(spec) !== 'LoadBalancer') {
    const a = old.allocateLoadBalancerNodePorts;
    if (typeof a === 'boolean' && a === spec.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (optStr(old.loadBalancerClass) === optStr(spec.loadBalancerClass)) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(spec) && str(old.externalTrafficPolicy) === str(spec.externalTrafficPolicy)) {
    delete spec.externalTrafficPolicy;
  }
}

/**
 * normalizeClusterIPs (pkg/registry/core/service/storage): keep clusterIP and clusterIPs in sync.
 * On create (oldObj undefined) a lone clusterIP seeds clusterIPs. On update it follows upstream's
 * rules for old clients that only know the singular field.
 */
export function normalizeClusterIPs(obj: KubeObject, oldObj?: KubeObject): void {
  const spec = specOf(obj);
  const ip = str(spec.clusterIP);
  const ips = strList(spec.clusterIPs) ?? [];
  if (!oldObj) {
    if (ip.length > 0 && ips.length === 0) spec.clusterIPs = [ip];
    return;
  }
  const old = specOf(oldObj);
  const oldIP = str(old.clusterIP);
  const oldIPs = strList(old.clusterIPs) ?? [];
  let newIPs = strList(spec.clusterIPs) ?? [];
  // Cleared by an old client that patched something else and did not send clusterIPs.
  if (oldIPs.length > 0 && newIPs.length === 0 && oldIP === ip) {
    spec.clusterIPs = [...oldIPs];
    newIPs = oldIPs;
  }
  if (oldIP !== ip) {
    const same = oldIPs.length === newIPs.length && oldIPs.every((v, i) => v === newIPs[i]);
    if (oldIP.length > 0 && ip.length === 0) {
      if (same) delete spec.clusterIPs;
    } else if (same) {
      spec.clusterIPs = [ip];
    }
  }
}
