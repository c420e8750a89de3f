// Models pkg/apis/networking/validation/validation.go for Ingress (networking.k8s.io/v1):
// ValidateIngressCreate / ValidateIngressUpdate / ValidateIngressSpec and helpers, and the
// create-time warning of pkg/registry/networking/ingress/strategy.go. networking/v1 has no
// SetDefaults for Ingress (pathType has no default in v1), so there is no `default` here.
import type { FieldError } from '../../model/field';
import { goRendered, invalid, notSupported, required } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { parseIPSloppy } from '../../net/ipv4';
import {
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names';
import type { ApiWarning, KindRules } from './types';
import { rec } from './types';

export const ANNOTATION_INGRESS_CLASS = 'kubernetes.io/ingress.class';

/** supportedPathTypes.List(): sets.String lists sorted. */
const SUPPORTED_PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/** IngressValidationOptions: relaxations granted on update when the stored object already needs them. */
export interface IngressValidationOptions {
  allowInvalidSecretName: boolean;
  allowInvalidWildcardHostRule: boolean;
  allowRelaxedServiceNameValidation: boolean;
}
const STRICT: IngressValidationOptions = {
  allowInvalidSecretName: false,
  allowInvalidWildcardHostRule: false,
  // features.RelaxedServiceNameValidation: absent in 1.33, alpha (off by default) in 1.34–1.35.
  allowRelaxedServiceNameValidation: false,
};

// Wire readers: a wrong-typed value counts as absent (the decoder reports type errors separately).
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> => rec(v) ?? {};

/** content.IsPathSegmentName (path.IsValidPathSegmentName before 1.34): same messages. */
export function isPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/** validateIngressTypedLocalObjectReference (backend.resource). */
function validateTypedLocalObjectReference(ref: Record<string, unknown>, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  const apiGroup = str(ref.apiGroup);
  if (apiGroup !== undefined) for (const m of isDNS1123Subdomain(apiGroup)) errs.push(invalid(`${fld}.apiGroup`, apiGroup, m));
  for (const key of ['kind', 'name']) {
    const v = str(ref[key]) ?? '';
    if (v === '') errs.push(required(`${fld}.${key}`));
    else for (const m of isPathSegmentName(v)) errs.push(invalid(`${fld}.${key}`, v, m));
  }
  return errs;
}

/** validateIngressBackend: exactly one of resource/service; a service needs a name and one port form. */
export function validateIngressBackend(backend: Record<string, unknown>, fld: string, opts: IngressValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const resource = rec(backend.resource);
  const service = rec(backend.service);
  if (resource && service) return [invalid(fld, '', 'cannot set both resource and service backends')];
  if (resource) return validateTypedLocalObjectReference(resource, `${fld}.resource`);
  if (!service) return [invalid(fld, '', 'resource or service backend is required')];

  const name = str(service.name) ?? '';
  if (name === '') errs.push(required(`${fld}.service.name`));
  else {
    // apivalidation.ValidateServiceName is NameIsDNS1035Label; NameIsDNSLabel when relaxed.
    const fn = opts.allowRelaxedServiceNameValidation ? nameIsDNSLabel : nameIsDNS1035Label;
    for (const m of fn(name, false)) errs.push(invalid(`${fld}.service.name`, name, m));
  }
  const port = obj(service.port);
  const portName = str(port.name) ?? '';
  const portNumber = typeof port.number === 'number' && Number.isFinite(port.number) ? port.number : 0;
  if (portName !== '' && portNumber !== 0) errs.push(invalid(fld, '', 'cannot set both port name & port number'));
  else if (portName !== '') {
    for (const m of isValidPortName(portName)) errs.push(invalid(`${fld}.service.port.name`, portName, m));
  } else if (portNumber !== 0) {
    for (const m of isValidPortNum(portNumber)) errs.push(invalid(`${fld}.service.port.number`, portNumber, m));
  } else errs.push(required(fld, 'port name or number is required'));
  return errs;
}

/** validateHTTPIngressPath */
function validateHTTPIngressPath(p: Record<string, unknown>, fld: string, opts: IngressValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const pathType = str(p.pathType);
  if (pathType === undefined) return [required(`${fld}.pathType`, 'pathType must be specified')];
  const path = str(p.path) ?? '';
  switch (pathType) {
    case 'Exact':
    case 'Prefix':
      if (!path.startsWith('/')) errs.push(invalid(`${fld}.path`, path, 'must be an absolute path'));
      if (path.length > 0) {
        for (const seq of INVALID_PATH_SEQUENCES) {
          if (path.includes(seq)) errs.push(invalid(`${fld}.path`, path, `must not contain '${seq}'`));
        }
        for (const suff of INVALID_PATH_SUFFIXES) {
          if (path.endsWith(suff)) errs.push(invalid(`${fld}.path`, path, `cannot end with '${suff}'`));
        }
      }
      break;
    case 'ImplementationSpecific':
      if (path.length > 0 && !path.startsWith('/')) errs.push(invalid(`${fld}.path`, path, 'must be an absolute path'));
      break;
    default:
      errs.push(notSupported(`${fld}.pathType`, pathType, SUPPORTED_PATH_TYPES));
  }
  errs.push(...validateIngressBackend(obj(p.backend), `${fld}.backend`, opts));
  return errs;
}

/** validateIngressRuleValue: only the http rule value exists. */
function validateIngressRuleValue(rule: Record<string, unknown>, fld: string, opts: IngressValidationOptions): FieldError[] {
  const http = rec(rule.http);
  if (!http) return [];
  const errs: FieldError[] = [];
  const paths = arr(http.paths);
  if (paths.length === 0) errs.push(required(`${fld}.http.paths`));
  paths.forEach((p, i) => errs.push(...validateHTTPIngressPath(obj(p), `${fld}.http.paths[${i}]`, opts)));
  return errs;
}

/** validateIngressRules: host is a DNS name (not an IP), '*' only as a leading "*." label. */
function validateIngressRules(rules: unknown[], opts: IngressValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((r, i) => {
    const rule = obj(r);
    const host = str(rule.host) ?? '';
    const fld = `spec.rules[${i}]`;
    let wildcardHost = false;
    if (host.length > 0) {
      if (parseIPSloppy(host) !== null) errs.push(invalid(`${fld}.host`, host, 'must be a DNS name, not an IP address'));
      // TODO upstream: ports and IPs are allowed in the host part of a URL by RFC 3986.
      if (host.includes('*')) {
        for (const m of isWildcardDNS1123Subdomain(host)) errs.push(invalid(`${fld}.host`, host, m));
        wildcardHost = true;
      } else {
        for (const m of isDNS1123Subdomain(host)) errs.push(invalid(`${fld}.host`, host, m));
      }
    }
    if (!wildcardHost || !opts.allowInvalidWildcardHostRule) errs.push(...validateIngressRuleValue(rule, fld, opts));
  });
  return errs;
}

/** validateTLSSecretName: empty is allowed (the controller's default certificate). */
const validateTLSSecretName = (name: string): string[] => (name.length === 0 ? [] : nameIsDNSSubdomain(name, false));

/** validateIngressTLS */
function validateIngressTLS(tls: unknown[], opts: IngressValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  tls.forEach((t, ti) => {
    const entry = obj(t);
    arr(entry.hosts).forEach((h, i) => {
      const host = str(h) ?? '';
      const fld = `spec.tls[${ti}].hosts[${i}]`;
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const m of msgs) errs.push(invalid(fld, host, m));
    });
    if (!opts.allowInvalidSecretName) {
      const secretName = str(entry.secretName) ?? '';
      for (const m of validateTLSSecretName(secretName)) errs.push(invalid(`spec.tls[${ti}].secretName`, secretName, m));
    }
  });
  return errs;
}

/** ValidateIngressSpec */
export function validateIngressSpec(specValue: unknown, opts: IngressValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj(specValue);
  const rules = arr(spec.rules);
  const defaultBackend = rec(spec.defaultBackend);
  if (rules.length === 0 && !defaultBackend) {
    // The bad value is the (empty) []networking.IngressRule, printed with %#v.
    const bad = Array.isArray(spec.rules)
      ? goRendered('[]networking.IngressRule{}', [])
      : goRendered('[]networking.IngressRule(nil)', null);
    errs.push(invalid('spec', bad, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (defaultBackend) errs.push(...validateIngressBackend(defaultBackend, 'spec.defaultBackend', opts));
  if (rules.length > 0) errs.push(...validateIngressRules(rules, opts));
  const tls = arr(spec.tls);
  if (tls.length > 0) errs.push(...validateIngressTLS(tls, opts));
  const className = str(spec.ingressClassName);
  if (className !== undefined) {
    for (const m of nameIsDNSSubdomain(className, false)) errs.push(invalid('spec.ingressClassName', className, m));
  }
  return errs;
}

const annotationsOf = (o: KubeObject): Record<string, unknown> => obj(o.metadata?.annotations);

/** ValidateIngressCreate minus ValidateObjectMeta: strict options plus the class annotation check. */
export function validateIngressCreate(ing: KubeObject): FieldError[] {
  const errs = validateIngressSpec(ing.spec, STRICT);
  const annotations = annotationsOf(ing);
  const annotationVal = str(annotations[ANNOTATION_INGRESS_CLASS]);
  const className = str(obj(ing.spec).ingressClassName);
  if (annotationVal !== undefined && className !== undefined && annotationVal !== className) {
    // field.NewPath("annotations").Child(annotationIngressClass): no "metadata." prefix upstream.
    errs.push(invalid(`annotations.${ANNOTATION_INGRESS_CLASS}`, annotationVal, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

/** A service name that is a valid DNS-1123 label but not a DNS-1035 one (e.g. "1st-svc"). */
const onlyRelaxedValid = (name: unknown): boolean =>
  typeof name === 'string' && nameIsDNSLabel(name, false).length === 0 && nameIsDNS1035Label(name, false).length > 0;

/** The options ValidateIngressUpdate derives from the stored object (backwards compatibility). */
export function updateOptions(old: KubeObject): IngressValidationOptions {
  const spec = obj(old.spec);
  const rules = arr(spec.rules).map(obj);
  const allowInvalidSecretName = arr(spec.tls).some((t) => validateTLSSecretName(str(obj(t).secretName) ?? '').length > 0);
  const allowInvalidWildcardHostRule = rules.some(
    (r) => (str(r.host) ?? '').includes('*') && validateIngressRuleValue(r, '', STRICT).length > 0,
  );
  const backends = [rec(spec.defaultBackend), ...rules.flatMap((r) => arr(obj(r.http).paths).map((p) => rec(obj(p).backend)))];
  const allowRelaxedServiceNameValidation = backends.some((b) => onlyRelaxedValid(rec(b?.service)?.name));
  return { allowInvalidSecretName, allowInvalidWildcardHostRule, allowRelaxedServiceNameValidation };
}

export const ingressRules: KindRules = {
  validate: (ing) => validateIngressCreate(ing),
  // ValidateIngressUpdate: no class-annotation check, relaxations from the old object.
  validateUpdate: (newIng, oldIng) => validateIngressSpec(newIng.spec, updateOptions(oldIng)),
  // strategy.go WarningsOnCreate (WarningsOnUpdate returns none).
  warnings(ing): ApiWarning[] {
    const set = Object.prototype.hasOwnProperty.call(annotationsOf(ing), ANNOTATION_INGRESS_CLASS);
    if (set && str(obj(ing.spec).ingressClassName) === undefined) {
      return [{ message: `annotation "${ANNOTATION_INGRESS_CLASS}" is deprecated, please use 'spec.ingressClassName' instead` }];
    }
    return [];
  },
};
