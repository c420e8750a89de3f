// Pod, Deployment and ReplicaSet rules. Models pkg/apis/core/validation/validation.go (ValidatePodCreate,
// ValidatePodUpdate, ValidatePodTemplateSpec, ValidatePodSpecificAnnotations), pkg/apis/apps/validation/
// validation.go (ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet,
// ValidateDeploymentStrategy, ValidateRollingUpdateDeployment), pkg/apis/apps/v1/defaults.go and the
// apps/v1 strategies' selector immutability (pkg/registry/apps/{deployment,replicaset}/strategy.go).
// Top-level ObjectMeta is validated by the registry (meta.ts) before these run.
import type { FieldError } from '../../model/field';
import { fieldErrorString, forbidden, goQuote, goRendered, invalid, notSupported, required } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { validateContainersOnlyForPod } from './containers';
import {
  FIELD_IMMUTABLE_MSG,
  arr,
  labelSelectorInvalid,
  num,
  selectorEmpty,
  selectorMatches,
  str,
  strMap,
  validateAnnotations,
  validateLabelSelector,
  validateLabels,
  validateNonnegative,
} from './meta';
import { isValidPercent } from './names';
import { defaultPod, defaultPodSpec, validatePodSpec, validateTolerations } from './pod';
import type { KindRules } from './types';
import { rec as recOf } from './types';

type R = Record<string, unknown>;
const rec = (v: unknown): R => recOf(v) ?? {};

// ---- Go %#v renderings of the values upstream reports ----

/** %#v of a map[string]string (nil prints as `map[string]string(nil)`). */
export function goLabels(labels: unknown): unknown {
  const m = strMap(labels);
  return m ? m : goRendered('map[string]string(nil)', null);
}

const goStrings = (v: unknown): string => {
  const xs = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
  return xs ? `[]string{${xs.map(goQuote).join(', ')}}` : '[]string(nil)';
};

const goStrMap = (v: unknown): string => {
  const m = strMap(v);
  if (!m) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(', ')}}`;
};

/** %#v of a metav1.LabelSelector (the dereferenced *LabelSelector upstream passes as the value). */
export function goLabelSelector(selector: unknown): unknown {
  const sel = recOf(selector);
  if (!sel) return goRendered('"null"', null);
  const exprs = Array.isArray(sel.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e) => {
          const r = rec(e);
          return `v1.LabelSelectorRequirement{Key:${goQuote(str(r.key) ?? '')}, Operator:${goQuote(str(r.operator) ?? '')}, Values:${goStrings(r.values)}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goRendered(`v1.LabelSelector{MatchLabels:${goStrMap(sel.matchLabels)}, MatchExpressions:${exprs}}`, sel);
}

/** %#v of an intstr.IntOrString (wire value: number or string; absent is the zero value). */
export function goIntOrString(v: unknown): unknown {
  const repr =
    typeof v === 'string'
      ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`
      : `intstr.IntOrString{Type:0, IntVal:${num(v) ?? 0}, StrVal:""}`;
  return goRendered(repr, v ?? 0);
}

// ---- semantic equality (apiequality.Semantic.DeepEqual on wire shapes) ----

/** Drops what Go cannot tell from absent: null, "", empty lists and maps. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalize) : undefined;
  if (v && typeof v === 'object') {
    const out: R = {};
    for (const k of Object.keys(v).sort()) {
      const x = normalize((v as R)[k]);
      if (x !== undefined) out[k] = x;
    }
    return out;
  }
  return v === null || v === '' ? undefined : v;
}
export const semanticEqual = (a: unknown, b: unknown): boolean => JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));

function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const s = fieldErrorString(e);
    if (seen.has(s)) return false;
    seen.add(s);
    return true;
  });
}

// ---- Pod ----

const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const MIRROR = 'kubernetes.io/config.mirror';

/** ValidatePodSpecificAnnotations: mirror-pod annotation and pod-deletion-cost. */
function validatePodSpecificAnnotations(annotations: unknown, spec: R, path: string): FieldError[] {
  const a = strMap(annotations) ?? {};
  const errs: FieldError[] = [];
  if (MIRROR in a && !str(spec.nodeName)) {
    errs.push(invalid(`${path}[${MIRROR}]`, a[MIRROR], 'must set spec.nodeName if mirror pod annotation is set'));
  }
  if (DELETION_COST in a) {
    const v = a[DELETION_COST];
    const n = Number(v);
    if (!/^(0|[1-9][0-9]*|-[0-9]+)$/.test(v) || n < -2147483648 || n > 2147483647) {
      errs.push(invalid(`${path}[${DELETION_COST}]`, v, 'must be a 32bit integer'));
    }
  }
  return errs;
}

/** validatePodMetadataAndSpec minus ValidateObjectMeta (the registry runs that). */
function validatePodMetadataAndSpec(pod: KubeObject): FieldError[] {
  const spec = rec(pod.spec);
  return [
    ...validatePodSpecificAnnotations(rec(pod.metadata).annotations, spec, 'metadata.annotations'),
    ...validatePodSpec(spec, 'spec', { resourceIsPod: true }),
    ...validateContainersOnlyForPod(spec.containers, 'spec.containers'),
    ...validateContainersOnlyForPod(spec.initContainers, 'spec.initContainers'),
  ];
}

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** A readable stand-in for cmp.Diff(old, new): one -/+ pair per differing leaf. */
function specDiff(oldSpec: unknown, newSpec: unknown): string {
  const lines: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const ra = recOf(a);
    const rb = recOf(b);
    if ((ra || a === undefined) && (rb || b === undefined) && (ra || rb)) {
      for (const k of [...new Set([...Object.keys(ra ?? {}), ...Object.keys(rb ?? {})])].sort()) walk(ra?.[k], rb?.[k], path ? `${path}.${k}` : k);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`));
      return;
    }
    if (a !== undefined) lines.push(`- \t${path}: ${JSON.stringify(a)}`);
    if (b !== undefined) lines.push(`+ \t${path}: ${JSON.stringify(b)}`);
  };
  walk(normalize(oldSpec), normalize(newSpec), '');
  return `  core.PodSpec{\n${lines.join('\n')}\n  }\n`;
}

/** ValidateContainerUpdates: same number of containers; images required and trimmed. */
function validateContainerUpdates(n: unknown, o: unknown, path: string): { errs: FieldError[]; stop: boolean } {
  if (arr(n).length !== arr(o).length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  arr(n).forEach((c, i) => {
    const image = str(rec(c).image) ?? '';
    if (!image) errs.push(required(`${path}[${i}].image`));
    if (image.trim() !== image) errs.push(invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** ValidatePodUpdate minus ValidateObjectMetaUpdate. */
function validatePodUpdate(newPod: KubeObject, oldPod: KubeObject): FieldError[] {
  const errs = validatePodMetadataAndSpec(newPod);
  const ns = rec(newPod.spec);
  const os = rec(oldPod.spec);
  const newMirror = MIRROR in rec(rec(newPod.metadata).annotations);
  const oldMirror = MIRROR in rec(rec(oldPod.metadata).annotations);
  if (oldMirror && (!newMirror || rec(rec(newPod.metadata).annotations)[MIRROR] !== rec(rec(oldPod.metadata).annotations)[MIRROR])) {
    errs.push(forbidden(`metadata.annotations[${MIRROR}]`, 'may not remove or update mirror pod annotation'));
  } else if (newMirror && !oldMirror) {
    errs.push(forbidden(`metadata.annotations[${MIRROR}]`, 'may not add mirror pod annotation'));
  }
  for (const k of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(ns[k], os[k], `spec.${k}`);
    errs.push(...r.errs);
    if (r.stop) return dedupe(errs);
  }
  const nads = num(ns.activeDeadlineSeconds);
  const oads = num(os.activeDeadlineSeconds);
  if (nads !== undefined) {
    if (nads < 0 || nads > 2147483647) return dedupe([...errs, invalid('spec.activeDeadlineSeconds', nads, 'must be between 0 and 2147483647, inclusive')]);
    if (oads !== undefined && oads < nads) return dedupe([...errs, invalid('spec.activeDeadlineSeconds', nads, 'must be less than or equal to previous value')]);
  } else if (oads !== undefined) {
    // A nil *int64 prints as the string "null" in ErrorBody.
    errs.push(invalid('spec.activeDeadlineSeconds', goRendered('"null"', null), 'must not update from a positive integer to nil value'));
  }
  // validateOnlyAddedTolerations: every old toleration must survive, tolerationSeconds aside.
  const newTols = arr(ns.tolerations).map(rec);
  for (const old of arr(os.tolerations).map(rec)) {
    const found = newTols.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) {
      errs.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
      break;
    }
  }
  errs.push(...validateTolerations(ns.tolerations, 'spec.tolerations'));
  const oldGates = new Set(arr(os.schedulingGates).map((g) => str(rec(g).name)));
  arr(ns.schedulingGates).forEach((g, i) => {
    const name = str(rec(g).name) ?? '';
    if (!oldGates.has(name)) errs.push(forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${name}'`));
  });
  if (semanticEqual(ns, os)) return dedupe(errs);

  const munged: R = structuredClone(ns);
  for (const k of ['containers', 'initContainers']) {
    arr(munged[k]).forEach((c, i) => {
      const ctr = recOf(c);
      if (ctr) ctr.image = rec(arr(os[k])[i]).image;
    });
  }
  munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  munged.schedulingGates = os.schedulingGates;
  munged.tolerations = os.tolerations;
  const otg = num(os.terminationGracePeriodSeconds);
  if (otg !== undefined && otg < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = otg;
  if (!semanticEqual(munged, os)) {
    errs.push(
      forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(os, munged)}`),
    );
  }
  return dedupe(errs);
}

export const podRules: KindRules = {
  default: (obj) => defaultPod(obj as R),
  /** ValidatePodCreate minus ValidateObjectMeta. */
  validate(obj) {
    const spec = rec(obj.spec);
    const errs = validatePodMetadataAndSpec(obj);
    if (arr(spec.ephemeralContainers).length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    if (str(spec.nodeName) && arr(spec.schedulingGates).length > 0) {
      errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
    }
    return errs;
  },
  validateUpdate: (n, o) => validatePodUpdate(n, o),
};

// ---- pod templates ----

/** ValidatePodTemplateSpec. Note upstream's paths: `<template>.labels`, not `<template>.metadata.labels`. */
export function validatePodTemplateSpec(template: unknown, path: string): FieldError[] {
  const t = rec(template);
  const meta = rec(t.metadata);
  const spec = rec(t.spec);
  const errs = [
    ...validateLabels(meta.labels, `${path}.labels`),
    ...validateAnnotations(meta.annotations, `${path}.annotations`),
    ...validatePodSpecificAnnotations(meta.annotations, spec, `${path}.annotations`),
    ...validatePodSpec(spec, `${path}.spec`, { resourceIsPod: false }),
  ];
  if (arr(spec.ephemeralContainers).length > 0) {
    errs.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet (Deployment uses it too, hence its ReplicaSet wording). */
function validateTemplateForReplicaSet(template: unknown, selector: unknown, path: string): FieldError[] {
  const t = rec(template);
  const labels = rec(t.metadata).labels;
  const errs: FieldError[] = [];
  // A nil selector is labels.Nothing(): not Empty(), matches nothing.
  if (!selectorEmpty(selector) && !selectorMatches(selector, strMap(labels) ?? {})) {
    errs.push(invalid(`${path}.metadata.labels`, goLabels(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t, path));
  const spec = rec(t.spec);
  const rp = str(spec.restartPolicy) ?? '';
  if (rp !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, rp, ['Always']));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

/** The selector block ValidateDeploymentSpec and ValidateReplicaSetSpec share. */
function validateSelectorAndTemplate(spec: R): FieldError[] {
  const errs: FieldError[] = [];
  const sel = recOf(spec.selector);
  if (!sel) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (Object.keys(rec(sel.matchLabels)).length + arr(sel.matchExpressions).length === 0) {
      // Upstream says "deployment" for ReplicaSets too.
      errs.push(invalid('spec.selector', goLabelSelector(sel), 'empty selector is invalid for deployment'));
    }
  }
  if (labelSelectorInvalid(sel)) errs.push(invalid('spec.selector', goLabelSelector(sel), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(spec.template, sel, 'spec.template'));
  return errs;
}

/** Selector immutability for apps/v1 (deployment/replicaset strategy ValidateUpdate). */
function selectorImmutable(n: KubeObject, o: KubeObject): FieldError[] {
  const ns = rec(n.spec).selector;
  const os = rec(o.spec).selector;
  const same = (ns == null) === (os == null) && semanticEqual(ns, os);
  return same ? [] : [invalid('spec.selector', goLabelSelector(ns), FIELD_IMMUTABLE_MSG)];
}

// ---- Deployment ----

/** ValidatePositiveIntOrPercent */
function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, goIntOrString(v), m));
  return validateNonnegative(num(v) ?? 0, path);
}

/** getIntOrPercentValue: a percent's number, else IntValue() (Atoi for strings, 0 on failure). */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'string') {
    const s = isValidPercent(v).length === 0 ? v.slice(0, -1) : v;
    return /^[+-]?[0-9]+$/.test(s) ? Number.parseInt(s, 10) : 0;
  }
  return num(v) ?? 0;
}

function validateDeploymentStrategy(strategy: unknown, path: string): FieldError[] {
  const s = rec(strategy);
  const type = str(s.type) ?? '';
  const ru = recOf(s.rollingUpdate);
  if (type === 'Recreate') {
    return ru ? [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type === 'RollingUpdate') {
    if (!ru) return [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
    const p = `${path}.rollingUpdate`;
    const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`)];
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
      errs.push(invalid(`${p}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
    }
    const mu = ru.maxUnavailable;
    if (typeof mu === 'string' && isValidPercent(mu).length === 0 && intOrPercentValue(mu) > 100) {
      errs.push(invalid(`${p}.maxUnavailable`, goIntOrString(mu), 'must not be greater than 100%'));
    }
    return errs;
  }
  const repr = `apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:(*apps.RollingUpdateDeployment)(${ru ? '0xc000000000' : 'nil'})}`;
  return [notSupported(path, goRendered(repr, s), ['Recreate', 'RollingUpdate'])];
}

/** ValidateDeploymentSpec */
function validateDeploymentSpec(obj: KubeObject): FieldError[] {
  const spec = rec(obj.spec);
  const errs = [...validateNonnegative(num(spec.replicas), 'spec.replicas'), ...validateSelectorAndTemplate(spec)];
  errs.push(...validateDeploymentStrategy(spec.strategy, 'spec.strategy'));
  const minReady = num(spec.minReadySeconds) ?? 0;
  errs.push(...validateNonnegative(minReady, 'spec.minReadySeconds'));
  errs.push(...validateNonnegative(num(spec.revisionHistoryLimit), 'spec.revisionHistoryLimit'));
  const pds = num(spec.progressDeadlineSeconds);
  if (pds !== undefined) {
    errs.push(...validateNonnegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= minReady) errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** SetDefaults_Deployment (apps/v1) plus the pod template's PodSpec defaults. */
function defaultDeployment(obj: KubeObject): void {
  const spec = (recOf(obj.spec) ?? (obj.spec = {})) as R;
  if (num(spec.replicas) === undefined) spec.replicas = 1;
  const strategy = (recOf(spec.strategy) ?? (spec.strategy = {})) as R;
  if (!str(strategy.type)) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (recOf(strategy.rollingUpdate) ?? (strategy.rollingUpdate = {})) as R;
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (num(spec.revisionHistoryLimit) === undefined) spec.revisionHistoryLimit = 10;
  if (num(spec.progressDeadlineSeconds) === undefined) spec.progressDeadlineSeconds = 600;
  defaultTemplate(spec);
}

function defaultTemplate(spec: R): void {
  const tspec = recOf(recOf(spec.template)?.spec);
  if (tspec) defaultPodSpec(tspec);
}

export const deploymentRules: KindRules = {
  default: (obj) => defaultDeployment(obj),
  validate: (obj) => validateDeploymentSpec(obj),
  /** ValidateDeploymentUpdate minus metadata, then the apps/v1 selector immutability. */
  validateUpdate: (n, o) => [...validateDeploymentSpec(n), ...selectorImmutable(n, o)],
};

// ---- ReplicaSet ----

/** ValidateReplicaSetSpec */
function validateReplicaSetSpec(obj: KubeObject): FieldError[] {
  const spec = rec(obj.spec);
  return [
    ...validateNonnegative(num(spec.replicas), 'spec.replicas'),
    ...validateNonnegative(num(spec.minReadySeconds), 'spec.minReadySeconds'),
    ...validateSelectorAndTemplate(spec),
  ];
}

export const replicaSetRules: KindRules = {
  /** SetDefaults_ReplicaSet (replicas 1) plus the pod template's PodSpec defaults. */
  default(obj) {
    const spec = (recOf(obj.spec) ?? (obj.spec = {})) as R;
    if (num(spec.replicas) === undefined) spec.replicas = 1;
    defaultTemplate(spec);
  },
  validate: (obj) => validateReplicaSetSpec(obj),
  validateUpdate: (n, o) => [...validateReplicaSetSpec(n), ...selectorImmutable(n, o)],
};

