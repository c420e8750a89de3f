// IP/CIDR field checks and warnings for Service, as apimachinery/pkg/util/validation/ip.go
// (v1.33+) and pkg/apis/core/validation ValidateNonSpecialIP implement them.
// StrictIPCIDRValidation is alpha (off) in v1.33–1.35, so IsValidIPForLegacyField and
// IsValidCIDRForLegacyField only reject values ParseIPSloppy/ParseCIDRSloppy reject; the
// "non-standard" forms (leading zeros, IPv4-mapped IPv6) are accepted and warned about.
import { type FieldError, goQuote, invalid } from '../../model/field';
import { cidrString, ipClass, ipString, parseCIDRSloppy, parseIPSloppy, strictAddr } from '../../net/ipv4';
import { invalidCIDRDetail, invalidIPDetail } from './names';

/** validation.IsValidIPForLegacyField(fldPath, value, strictValidation=false) */
export function validateIPForLegacyField(path: string, value: string): FieldError[] {
  return parseIPSloppy(value) ? [] : [invalid(path, value, invalidIPDetail)];
}

/** validation.IsValidCIDRForLegacyField(fldPath, value, strictValidation=false) */
export function validateCIDRForLegacyField(path: string, value: string): FieldError[] {
  return parseCIDRSloppy(value) ? [] : [invalid(path, value, invalidCIDRDetail)];
}

/** core/validation ValidateNonSpecialIP (Service externalIPs, EndpointSlice addresses). */
export function validateNonSpecialIP(value: string, path: string): FieldError[] {
  const ip = parseIPSloppy(value);
  if (!ip) return [invalid(path, value, 'must be a valid IP address')];
  const c = ipClass(ip);
  const errs: FieldError[] = [];
  if (c.unspecified) errs.push(invalid(path, value, `may not be unspecified (${value})`));
  if (c.loopback) errs.push(invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (c.linkLocalUnicast) errs.push(invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (c.linkLocalMulticast) {
    errs.push(invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}

/** validation.GetWarningsForIP */
export function getWarningsForIP(path: string, value: string): string[] {
  const ip = parseIPSloppy(value);
  if (!ip) return [];
  const s = strictAddr(value);
  if (!s.valid || s.is4In6) {
    return [
      `${path}: non-standard IP address ${goQuote(value)} will be considered invalid in a future Kubernetes release: use ${goQuote(ipString(ip))}`,
    ];
  }
  if (s.is6 && ipString(ip) !== value) {
    return [`${path}: IPv6 address ${goQuote(value)} should be in RFC 5952 canonical format (${goQuote(ipString(ip))})`];
  }
  return [];
}

/** validation.GetWarningsForCIDR */
export function getWarningsForCIDR(path: string, value: string): string[] {
  const c = parseCIDRSloppy(value);
  if (!c) return [];
  const warnings: string[] = [];
  const net = cidrString(c);
  if (ipString(c.ip) !== ipString(c.network)) {
    warnings.push(
      `${path}: CIDR value ${goQuote(value)} is ambiguous in this context (should be ${goQuote(net)} or ${goQuote(`${ipString(c.ip)}/${c.bits}`)}?)`,
    );
  }
  const slash = value.indexOf('/');
  const bitsStr = value.slice(slash + 1);
  const s = strictAddr(value.slice(0, slash));
  // netip.ParsePrefix also rejects a prefix length with leading zeros.
  const prefixOK = s.valid && !(bitsStr.length > 1 && bitsStr[0] === '0');
  if (!prefixOK || s.is4In6) {
    warnings.push(
      `${path}: non-standard CIDR value ${goQuote(value)} will be considered invalid in a future Kubernetes release: use ${goQuote(net)}`,
    );
  }
  if (warnings.length === 0 && s.is6) {
    const canonical = `${ipString(c.ip)}/${c.prefix}`;
    if (canonical !== value) {
      warnings.push(`${path}: IPv6 CIDR value ${goQuote(value)} should be in RFC 5952 canonical format (${goQuote(canonical)})`);
    }
  }
  return warnings;
}
