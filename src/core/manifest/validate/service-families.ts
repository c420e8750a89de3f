// initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) for an IPv4 single-stack
// cluster: defaults ipFamilyPolicy and ipFamilies before ClusterIP allocation, and rejects what
// such a cluster cannot serve. It runs ValidateServiceClusterIPsRelatedFields first, so those
// errors are returned (alone) before any allocation happens, as upstream.
import { type FieldError, invalid } from '../../model/field';
import { isIPv4Bytes, parseIPSloppy } from '../../net/ipv4';
import { validateClusterIPsRelatedFields } from './service-clusterips';
import { type Rec, isSet, str, strList, svcType } from './service-wire';
import { rec } from './types';

/** Mutates spec; oldSpec is given on update (the policy is then inherited). */
export function initIPFamilyFields(spec: Rec, oldSpec?: Rec): FieldError[] {
  if (svcType(spec) === 'ExternalName') return [];
  if (!isSet(spec.ipFamilyPolicy)) {
    if (oldSpec && isSet(oldSpec.ipFamilyPolicy)) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
    // Headless + selectorless defaults to dual-stack (its endpoints may be of either family).
    else if (str(spec.clusterIP) === 'None' && Object.keys(rec(spec.selector) ?? {}).length === 0) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  const pre = validateClusterIPsRelatedFields(spec);
  if (pre.length) return pre;
  const errs: FieldError[] = [];
  const policy = str(spec.ipFamilyPolicy);
  const clusterIPs = strList(spec.clusterIPs) ?? [];
  let families = strList(spec.ipFamilies) ?? [];
  if (policy === 'SingleStack') {
    if (clusterIPs.length === 2) {
      errs.push(invalid('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if (families.length === 2) {
      errs.push(invalid('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  for (let i = 0; i < clusterIPs.length; i++) {
    if (clusterIPs[i] === 'None') break;
    if (i >= families.length) {
      const ip = parseIPSloppy(clusterIPs[i]);
      if (ip && isIPv4Bytes(ip)) families = [...families, 'IPv4'];
      else errs.push(invalid(`spec.clusterIPs[${i}]`, [...clusterIPs], 'IPv6 is not configured on this cluster'));
    }
  }
  if (families.length) spec.ipFamilies = families;
  if (errs.length) return errs;
  if (str(spec.clusterIP) === 'None' && Object.keys(rec(spec.selector) ?? {}).length === 0) {
    if (families.length === 0) families = ['IPv4'];
    if (families.length < 2 && policy !== 'SingleStack') families = [...families, families[0] === 'IPv4' ? 'IPv6' : 'IPv4'];
    spec.ipFamilies = families;
    return [];
  }
  if (policy === 'RequireDualStack') {
    errs.push(invalid('spec.ipFamilyPolicy', policy, 'this cluster is not configured for dual-stack services'));
  }
  families.forEach((f, i) => {
    if (f !== 'IPv4') errs.push(invalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
  });
  if (errs.length) return errs;
  if (families.length === 0) spec.ipFamilies = ['IPv4'];
  return [];
}

