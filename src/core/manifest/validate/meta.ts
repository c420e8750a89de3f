// Models k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMetaAccessor,
// ValidateObjectMetaAccessorUpdate, ValidateAnnotations, ValidateOwnerReferences, ValidateFinalizers),
// pkg/apis/core/validation/validation.go's ValidateObjectMeta wrapper (validateKubeFinalizerName), and
// apimachinery/pkg/apis/meta/v1/validation (ValidateLabels, ValidateLabelName, ValidateLabelSelector).
// Objects arrive in wire shape: wrong-typed values are treated as absent, never thrown on.
import type { FieldError } from '../../model/field';
import { forbidden, goQuote, goRendered, goSharpV, invalid, required } from '../../model/field';
import type { KubeObject } from '../../model/types';
import type { NameValidator } from './names';
import { byteLength, isQualifiedName, isValidLabelValue, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { rec } from './types';

// ---- wire-shape accessors shared by the workload and cluster-kind rules ----

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A map[string]string field: only string values are kept (others were rejected by decoding). */
export function strMap(v: unknown): Record<string, string> | undefined {
  const r = rec(v);
  if (!r) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(r)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** apimachineryvalidation.FieldImmutableErrorMsg */
export const FIELD_IMMUTABLE_MSG = 'field is immutable';
/** apimachineryvalidation.IsNegativeErrorMsg */
export const IS_NEGATIVE_MSG = 'must be greater than or equal to 0';
/** apimachineryvalidation.TotalAnnotationSizeLimitB: 256 KiB */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);

/**
 * field.TooLong as of apimachinery 1.32+ ("may not be more than N bytes", value omitted); field.ts
 * has no constructor for it.
 */
export function tooLongError(field: string, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return { type: 'FieldValueTooLong', field, value: '<value omitted>', detail };
}

/** ValidateNonnegativeField */
export function validateNonnegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(path, value, IS_NEGATIVE_MSG)] : [];
}

// ---- labels and selectors (metav1validation) ----

/** ValidateLabelName: a qualified name. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(path, name, m));
}

/** ValidateLabels: every key a qualified name, every value a label value; errors carry the map's path. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(rec(labels) ?? {})) {
    errs.push(...validateLabelName(k, path));
    if (typeof v === 'string') for (const m of isValidLabelValue(v)) errs.push(invalid(path, v, m));
  }
  return errs;
}

const SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * ValidateLabelSelector with LabelSelectorValidationOptions{AllowInvalidLabelValueInSelector: false}
 * (what Deployment/ReplicaSet use). A nil selector is valid.
 */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  const sel = rec(selector);
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  arr(sel.matchExpressions).forEach((e, i) => {
    const expr = rec(e) ?? {};
    const p = `${path}.matchExpressions[${i}]`;
    const op = str(expr.operator) ?? '';
    const values = arr(expr.values).filter((x): x is string => typeof x === 'string');
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(invalid(`${p}.operator`, op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(expr.key) ?? '', `${p}.key`));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(`${p}.values[${j}]`, v, m));
    });
  });
  return errs;
}

/** True when metav1.LabelSelectorAsSelector would fail (any rule above broken, or an unknown operator). */
export function labelSelectorInvalid(selector: unknown): boolean {
  const sel = rec(selector);
  if (!sel) return false;
  return validateLabelSelector(sel, 's').length > 0 || arr(sel.matchExpressions).some((e) => !SELECTOR_OPS.includes(str(rec(e)?.operator) ?? ''));
}

/**
 * labels.Selector semantics of a metav1.LabelSelector: null = Nothing (matches nothing), {} =
 * Everything. Call only when labelSelectorInvalid() is false.
 */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  const sel = rec(selector);
  if (!sel) return false;
  for (const [k, v] of Object.entries(strMap(sel.matchLabels) ?? {})) if (labels[k] !== v) return false;
  for (const e of arr(sel.matchExpressions)) {
    const expr = rec(e) ?? {};
    const key = str(expr.key) ?? '';
    const values = arr(expr.values);
    const has = Object.hasOwn(labels, key);
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** labels.Selector.Empty(): an empty (Everything) selector, i.e. `{}`; Nothing (null) is not empty. */
export const selectorEmpty = (selector: unknown): boolean => {
  const sel = rec(selector);
  return !!sel && Object.keys(rec(sel.matchLabels) ?? {}).length === 0 && arr(sel.matchExpressions).length === 0;
};

// ---- annotations, owner references, finalizers ----

/** ValidateAnnotations: keys are qualified names case-insensitively; total size ≤ 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(rec(annotations) ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    total += byteLength(k) + (typeof v === 'string' ? byteLength(v) : 0);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLongError(path, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** %#v of a metav1.OwnerReference, as upstream prints it in the banned-owner error. */
function goOwnerRef(r: Record<string, unknown>): string {
  const b = (v: unknown) => (typeof v === 'boolean' ? `(*bool)(0xc000000000)` : '(*bool)(nil)');
  return (
    `v1.OwnerReference{APIVersion:${goQuote(str(r.apiVersion) ?? '')}, Kind:${goQuote(str(r.kind) ?? '')}, ` +
    `Name:${goQuote(str(r.name) ?? '')}, UID:${goQuote(str(r.uid) ?? '')}, Controller:${b(r.controller)}, BlockOwnerDeletion:${b(r.blockOwnerDeletion)}}`
  );
}

/** ValidateOwnerReferences. Upstream reports each reference's problems on the list path (no index). */
export function validateOwnerReferences(refs: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = arr(refs).map((r) => rec(r) ?? {});
  let firstController = '';
  for (const ref of list) {
    const apiVersion = str(ref.apiVersion) ?? '';
    const kind = str(ref.kind) ?? '';
    // schema.FromAPIVersionAndKind: an unparseable apiVersion (more than one '/') yields an empty version.
    const parts = apiVersion.split('/');
    const version = parts.length === 1 ? parts[0] : parts.length === 2 ? parts[1] : '';
    const group = parts.length === 2 ? parts[0] : '';
    if (!version) errs.push(invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
    if (!kind) errs.push(invalid(`${path}.kind`, kind, 'must not be empty'));
    if (!str(ref.name)) errs.push(invalid(`${path}.name`, str(ref.name) ?? '', 'must not be empty'));
    if (!str(ref.uid)) errs.push(invalid(`${path}.uid`, str(ref.uid) ?? '', 'must not be empty'));
    if (group === '' && version === 'v1' && kind === 'Event') {
      errs.push(invalid(path, goRendered(goOwnerRef(ref), ref), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const cur = `${kind}/${str(ref.name) ?? ''}`;
      if (firstController) {
        const repr = `[]v1.OwnerReference{${list.map(goOwnerRef).join(', ')}}`;
        errs.push(
          invalid(path, goRendered(repr, list), `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`),
        );
      } else firstController = cur;
    }
  }
  return errs;
}

/** helper.IsStandardFinalizerName: core.FinalizerKubernetes, metav1 orphan / foregroundDeletion. */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** core validateKubeFinalizerName: an unqualified finalizer must be a standard one. */
export function validateKubeFinalizerName(value: string, path: string): FieldError[] {
  if (!value.includes('/') && !STANDARD_FINALIZERS.has(value)) {
    return [invalid(path, value, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

/** apimachinery ValidateFinalizers (list path, no index) followed by core's per-index name check. */
function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  const list = arr(finalizers).filter((f): f is string => typeof f === 'string');
  const errs: FieldError[] = [];
  for (const f of list) for (const m of isQualifiedName(f)) errs.push(invalid(path, f, m));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function validateKubeFinalizers(finalizers: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(finalizers).forEach((f, i) => {
    if (typeof f === 'string') errs.push(...validateKubeFinalizerName(f, `${path}[${i}]`));
  });
  return errs;
}

/** validateObjectMetaAccessorWithOptsCommon minus namespace: the checks create and update share. */
function validateMetaCommon(meta: Record<string, unknown>): FieldError[] {
  return [
    ...validateLabels(meta.labels, 'metadata.labels'),
    ...validateAnnotations(meta.annotations, 'metadata.annotations'),
    ...validateOwnerReferences(meta.ownerReferences, 'metadata.ownerReferences'),
    ...validateFinalizers(meta.finalizers, 'metadata.finalizers'),
  ];
}

// ---- ObjectMeta ----

export interface ObjectMetaOptions {
  namespaced: boolean;
  nameFn: NameValidator;
}

/**
 * core ValidateObjectMeta → apimachinery ValidateObjectMetaAccessor (generateName, name, namespace,
 * generation, labels, annotations, ownerReferences, finalizers) + validateKubeFinalizerName per index.
 */
export function validateObjectMeta(obj: KubeObject, opts: ObjectMetaOptions): FieldError[] {
  const meta = rec(obj.metadata) ?? {};
  const errs: FieldError[] = [];
  const generateName = str(meta.generateName) ?? '';
  if (generateName) for (const m of opts.nameFn(generateName, true)) errs.push(invalid('metadata.generateName', generateName, m));
  const name = str(meta.name) ?? '';
  if (!name) errs.push(required('metadata.name', 'name or generateName is required'));
  else for (const m of opts.nameFn(name, false)) errs.push(invalid('metadata.name', name, m));

  const namespace = str(meta.namespace) ?? '';
  if (opts.namespaced) {
    if (!namespace) errs.push(required('metadata.namespace'));
    else for (const m of nameIsDNSLabel(namespace, false)) errs.push(invalid('metadata.namespace', namespace, m));
  } else if (namespace) {
    errs.push(forbidden('metadata.namespace', 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(num(meta.generation), 'metadata.generation'));
  errs.push(...validateMetaCommon(meta));
  errs.push(...validateKubeFinalizers(meta.finalizers, 'metadata.finalizers'));
  return errs;
}

/**
 * core ValidateObjectMetaUpdate → apimachinery ValidateObjectMetaAccessorUpdate. Differences, which
 * model rest.BeforeUpdate running first upstream: a missing uid / creationTimestamp / resourceVersion
 * on the new object means "unchanged" (the server copies them from the stored object).
 */
export function validateObjectMetaUpdate(newObj: KubeObject, oldObj: KubeObject): FieldError[] {
  const nm = rec(newObj.metadata) ?? {};
  const om = rec(oldObj.metadata) ?? {};
  const errs: FieldError[] = [];
  if (om.deletionTimestamp) {
    const oldF = new Set(arr(om.finalizers));
    const extra = [...new Set(arr(nm.finalizers).filter((f): f is string => typeof f === 'string' && !oldF.has(f)))].sort();
    if (extra.length) {
      errs.push(forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${goSharpV(extra)}`));
    }
  }
  const immutable = (field: string, nv: unknown, ov: unknown) => {
    if ((nv ?? '') !== (ov ?? '')) errs.push(invalid(`metadata.${field}`, nv ?? '', FIELD_IMMUTABLE_MSG));
  };
  immutable('name', str(nm.name), str(om.name));
  immutable('namespace', str(nm.namespace), str(om.namespace));
  if (str(nm.uid)) immutable('uid', str(nm.uid), str(om.uid));
  errs.push(...validateMetaCommon(nm));
  errs.push(...validateKubeFinalizers(nm.finalizers, 'metadata.finalizers'));
  return errs;
}

/**
 * The ValidateNameFunc each kind's Validate passes to ValidateObjectMeta upstream:
 * core (ValidatePodName, ValidateServiceName, ValidateNamespaceName, …), apps (ValidateDeploymentName,
 * ValidateReplicaSetName, ValidateDaemonSetName, ValidateStatefulSetName), discovery
 * (ValidateEndpointSliceName), networking (ValidateIngressName, ValidateIngressClassName,
 * ValidateNetworkPolicyName).
 */
export const NAME_RULES: Readonly<Record<string, NameValidator>> = {
  Pod: nameIsDNSSubdomain,
  ReplicationController: nameIsDNSSubdomain,
  Service: nameIsDNS1035Label,
  Node: nameIsDNSSubdomain,
  Namespace: nameIsDNSLabel,
  Endpoints: nameIsDNSSubdomain,
  Secret: nameIsDNSSubdomain,
  ConfigMap: nameIsDNSSubdomain,
  ServiceAccount: nameIsDNSSubdomain,
  Deployment: nameIsDNSSubdomain,
  ReplicaSet: nameIsDNSSubdomain,
  DaemonSet: nameIsDNSSubdomain,
  StatefulSet: nameIsDNSLabel,
  EndpointSlice: nameIsDNSSubdomain,
  Ingress: nameIsDNSSubdomain,
  IngressClass: nameIsDNSSubdomain,
  NetworkPolicy: nameIsDNSSubdomain,
};
