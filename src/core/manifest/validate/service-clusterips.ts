// The clusterIP / clusterIPs / ipFamilies / ipFamilyPolicy rules of
// pkg/apis/core/validation/validation.go: ValidateServiceClusterIPsRelatedFields (run both by the
// allocator before it allocates, and by ValidateService) and the update-only
// validateUpgradeDowngradeClusterIPs / validateUpgradeDowngradeIPFamilies.
import { type FieldError, duplicate, forbidden, goQuote, goRendered, invalid, notSupported, required } from '../../model/field';
import { isDualStackIPStrings, isIPv6String } from '../../net/ipv4';
import { validateIPForLegacyField } from './service-net';
import { type Rec, isHeadless, ptrValue, str, stringsValue, strList, svcType } from './service-wire';

const SUPPORTED_IP_FAMILIES = ['IPv4', 'IPv6'];
const SUPPORTED_IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

/** ValidateServiceClusterIPsRelatedFields */
export function validateClusterIPsRelatedFields(spec: Rec): FieldError[] {
  // ExternalName: these fields were checked (must all be unset) by ValidateService itself.
  if (svcType(spec) === 'ExternalName') return [];
  const errs: FieldError[] = [];
  let hasInvalidIPs = false;
  const clusterIP = str(spec.clusterIP);
  const clusterIPs = strList(spec.clusterIPs) ?? [];
  const families = strList(spec.ipFamilies) ?? [];
  const ipsValue = stringsValue(spec.clusterIPs);

  // ClusterIP and ClusterIPs must be in sync (the strategy normally syncs them).
  if (clusterIP.length !== 0) {
    if (clusterIPs.length === 0) errs.push(required('spec.clusterIPs'));
    else if (clusterIPs[0] !== clusterIP) errs.push(invalid('spec.clusterIPs', ipsValue, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(invalid('spec.clusterIPs', ipsValue, 'must be empty when `clusterIP` is not specified'));
  }

  const seen = new Set<string>();
  families.forEach((fam, i) => {
    if (!SUPPORTED_IP_FAMILIES.includes(fam)) errs.push(notSupported(`spec.ipFamilies[${i}]`, fam, SUPPORTED_IP_FAMILIES));
    if (seen.has(fam)) errs.push(duplicate(`spec.ipFamilies[${i}]`, fam));
    seen.add(fam);
  });

  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
    const policy = str(spec.ipFamilyPolicy);
    if (!SUPPORTED_IP_FAMILY_POLICIES.includes(policy)) {
      errs.push(notSupported('spec.ipFamilyPolicy', policy, SUPPORTED_IP_FAMILY_POLICIES));
    }
  }

  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        hasInvalidIPs = true;
        errs.push(invalid('spec.clusterIPs', ipsValue, "'None' must be the first and only value"));
      }
      return;
    }
    const e = validateIPForLegacyField(`spec.clusterIPs[${i}]`, ip);
    if (e.length) hasInvalidIPs = true;
    errs.push(...e);
  });

  if (clusterIPs.length > 2) errs.push(invalid('spec.clusterIPs', ipsValue, 'may only hold up to 2 values'));

  // Bad IPs would skew the family checks below.
  if (hasInvalidIPs) return errs;

  if (clusterIPs.length > 1 && !isDualStackIPStrings(clusterIPs)) {
    errs.push(invalid('spec.clusterIPs', ipsValue, 'may specify no more than one IP for each IP family'));
  }

  if (!isHeadless(spec) && clusterIPs.length > 0 && families.length > 0) {
    for (let i = 0; i < clusterIPs.length && i < families.length; i++) {
      const ip = clusterIPs[i];
      if (families[i] === 'IPv4' && isIPv6String(ip)) {
        errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (families[i] === 'IPv6' && !isIPv6String(ip)) {
        errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    }
  }
  return errs;
}

/** validateUpgradeDowngradeClusterIPs(oldService, service) */
export function validateUpgradeDowngradeClusterIPs(oldSpec: Rec, spec: Rec): FieldError[] {
  if (svcType(spec) === 'ExternalName' || svcType(oldSpec) === 'ExternalName') return [];
  if (isHeadless(oldSpec) && isHeadless(spec)) return [];
  const errs: FieldError[] = [];
  const oldIPs = strList(oldSpec.clusterIPs) ?? [];
  const newIPs = strList(spec.clusterIPs) ?? [];
  const value = stringsValue(spec.clusterIPs);
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, value, 'may not change once set'));
    });
  } else if (oldIPs.length > newIPs.length) {
    if (newIPs.length === 0) errs.push(invalid('spec.clusterIPs[0]', value, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
      errs.push(invalid('spec.clusterIPs[0]', value, 'may not change once set'));
    }
    if (newIPs.length === 1 && str(spec.ipFamilyPolicy) !== 'SingleStack') {
      errs.push(
        invalid('spec.ipFamilyPolicy', ptrValue(spec.ipFamilyPolicy), "must be set to 'SingleStack' when releasing the secondary clusterIP"),
      );
    }
  } else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
    errs.push(invalid('spec.clusterIPs[0]', value, 'may not change once set'));
  }
  return errs;
}

/** validateUpgradeDowngradeIPFamilies(oldService, service) */
export function validateUpgradeDowngradeIPFamilies(oldSpec: Rec, spec: Rec): FieldError[] {
  if (svcType(spec) === 'ExternalName' || svcType(oldSpec) === 'ExternalName') return [];
  const oldHeadless = isHeadless(oldSpec);
  if (isHeadless(spec) !== oldHeadless || oldHeadless) return [];
  const errs: FieldError[] = [];
  const oldFam = strList(oldSpec.ipFamilies) ?? [];
  const newFam = strList(spec.ipFamilies) ?? [];
  const famValue = familiesValue(spec.ipFamilies);
  // Upstream reports the clusterIPs (not the families) as the value of some of these errors.
  const ipsValue = stringsValue(spec.clusterIPs);
  if (oldFam.length === newFam.length) {
    oldFam.forEach((f, i) => {
      // Upstream reports every mismatch at index 0.
      if (f !== newFam[i]) errs.push(invalid('spec.ipFamilies[0]', famValue, 'may not change once set'));
    });
  } else if (oldFam.length > newFam.length) {
    if ((strList(spec.clusterIPs) ?? []).length === 0) {
      errs.push(invalid('spec.ipFamilies[0]', famValue, 'primary ipFamily can not be unset'));
    }
    if (newFam.length > 0 && newFam[0] !== oldFam[0]) errs.push(invalid('spec.ipFamilies[0]', ipsValue, 'may not change once set'));
    if (newFam.length === 1 && str(spec.ipFamilyPolicy) !== 'SingleStack') {
      errs.push(
        invalid('spec.ipFamilyPolicy', ptrValue(spec.ipFamilyPolicy), "must be set to 'SingleStack' when releasing the secondary ipFamily"),
      );
    }
  } else if (oldFam.length > 0 && newFam.length > 0 && newFam[0] !== oldFam[0]) {
    errs.push(invalid('spec.ipFamilies[0]', ipsValue, 'may not change once set'));
  }
  return errs;
}

/** A []core.IPFamily as Go's %#v prints it. */
function familiesValue(v: unknown): unknown {
  const l = strList(v);
  if (l === undefined) return goRendered('[]core.IPFamily(nil)', null);
  return goRendered(`[]core.IPFamily{${l.map(goQuote).join(', ')}}`, l);
}

/** The ExternalName arm of ValidateService's type switch. */
export function validateExternalNameIPFields(spec: Rec): FieldError[] {
  const errs: FieldError[] = [];
  if ((strList(spec.clusterIPs) ?? []).length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
  if ((strList(spec.ipFamilies) ?? []).length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
    errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
  }
  return errs;
}
