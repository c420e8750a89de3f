// Models pkg/apis/networking/validation/validation.go ValidateIngressClass /
// ValidateIngressClassUpdate (validateIngressClassSpec, validateIngressClassParametersReference)
// and pkg/apis/networking/v1/defaults.go SetDefaults_IngressClass.
import type { FieldError } from '../../model/field';
import { forbidden, invalid, notSupported, required } from '../../model/field';
import { FIELD_IMMUTABLE, tooLong } from './configmap';
import { isPathSegmentName } from './ingress';
import { byteLength, isDNS1123Subdomain, nameIsDNSLabel, regexError } from './names';
import type { KindRules } from './types';
import { rec } from './types';

const MAX_LEN_INGRESS_CLASS_CONTROLLER = 250;
/** supportedIngressClassParametersReferenceScopes.List() (sorted). */
const SUPPORTED_SCOPES = ['Cluster', 'Namespace'];

// Allowed characters in an HTTP path (RFC 3986), as apimachinery's httpPathFmt.
const httpPathFmt = String.raw`[A-Za-z0-9/\-._~%!$&'()*+,;=:]+`;
const httpPathRe = new RegExp(`^${httpPathFmt}$`);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * validation.IsDomainPrefixedPath: "<DNS subdomain>/<HTTP path characters>". Note the bad values
 * reported are the offending part (host or path), not the whole string.
 */
export function isDomainPrefixedPath(fld: string, dpPath: string): FieldError[] {
  if (dpPath.length === 0) return [required(fld)];
  const slash = dpPath.indexOf('/');
  if (slash <= 0 || slash === dpPath.length - 1) {
    return [invalid(fld, dpPath, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  const host = dpPath.slice(0, slash);
  const path = dpPath.slice(slash + 1);
  const errs = isDNS1123Subdomain(host).map((m) => invalid(fld, host, m));
  if (!httpPathRe.test(path)) errs.push(invalid(fld, path, regexError('Invalid path', httpPathFmt)));
  return errs;
}

/** validateIngressClassParametersReference */
function validateParameters(params: Record<string, unknown> | undefined, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!params) return errs;
  const apiGroup = str(params.apiGroup);
  if (apiGroup !== undefined) for (const m of isDNS1123Subdomain(apiGroup)) errs.push(invalid(`${fld}.apiGroup`, apiGroup, m));
  for (const key of ['kind', 'name']) {
    const v = str(params[key]) ?? '';
    if (v === '') errs.push(required(`${fld}.${key}`));
    else for (const m of isPathSegmentName(v)) errs.push(invalid(`${fld}.${key}`, v, m));
  }
  const scope = str(params.scope);
  if (scope === undefined) {
    errs.push(required(`${fld}.scope`));
    return errs;
  }
  const namespace = str(params.namespace);
  if (!SUPPORTED_SCOPES.includes(scope)) {
    errs.push(notSupported(`${fld}.scope`, scope, SUPPORTED_SCOPES));
  } else if (scope === 'Namespace') {
    if (namespace === undefined) errs.push(required(`${fld}.namespace`, "`parameters.scope` is set to 'Namespace'"));
    // ValidateNamespaceName is NameIsDNSLabel.
    else for (const m of nameIsDNSLabel(namespace, false)) errs.push(invalid(`${fld}.namespace`, namespace, m));
  } else if (namespace !== undefined) {
    errs.push(forbidden(`${fld}.namespace`, "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

/** validateIngressClassSpec */
export function validateIngressClassSpec(specValue: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const spec = rec(specValue) ?? {};
  const controller = str(spec.controller) ?? '';
  if (controller.length === 0) errs.push(required('spec.controller'));
  else {
    if (byteLength(controller) > MAX_LEN_INGRESS_CLASS_CONTROLLER) errs.push(tooLong('spec.controller', MAX_LEN_INGRESS_CLASS_CONTROLLER));
    errs.push(...isDomainPrefixedPath('spec.controller', controller));
  }
  errs.push(...validateParameters(rec(spec.parameters), 'spec.parameters'));
  return errs;
}

export const ingressClassRules: KindRules = {
  /** SetDefaults_IngressClass: parameters.scope defaults to Cluster. */
  default(ic) {
    const params = rec(rec(ic.spec)?.parameters);
    if (params && (params.scope === undefined || params.scope === null)) params.scope = 'Cluster';
  },
  validate: (ic) => validateIngressClassSpec(ic.spec),
  // ValidateIngressClassUpdate: spec.controller is immutable, then the full spec validation.
  validateUpdate(newIc, oldIc) {
    const errs: FieldError[] = [];
    const nc = str(rec(newIc.spec)?.controller) ?? '';
    const oc = str(rec(oldIc.spec)?.controller) ?? '';
    if (nc !== oc) errs.push(invalid('spec.controller', nc, FIELD_IMMUTABLE));
    errs.push(...validateIngressClassSpec(newIc.spec));
    return errs;
  },
};
