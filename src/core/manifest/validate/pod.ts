// Models pkg/apis/core/validation/validation.go ValidatePodSpec and the pod-level fields people write
// in playground manifests: volumes (names and source count), restart and DNS policies, DNS config,
// node selector and name, tolerations, host aliases, readiness/scheduling gates, os. Containers are
// in containers.ts. Not modelled: resources, security contexts, affinity, topology spread, claims.
import type { FieldError } from '../../model/field';
import { duplicate, forbidden, invalid, notSupported, required } from '../../model/field';
import { parseIPSloppy } from '../../net/ipv4';
import { validateContainers, validateInitContainers } from './containers';
import { arr, bool, num, str, validateLabelName, validateLabels } from './meta';
import {
  inclusiveRangeError,
  invalidIPDetail,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from './names';
import { rec as recOf } from './types';

type R = Record<string, unknown>;
const rec = (v: unknown): R => recOf(v) ?? {};
const MAX_INT32 = 2147483647;

export interface PodSpecOptions {
  /** PodValidationOptions.ResourceIsPod: the spec is a Pod's, not a template's. */
  resourceIsPod: boolean;
}

const dns1123Label = (v: string, p: string) => isDNS1123Label(v).map((m) => invalid(p, v, m));
const dns1123Subdomain = (v: string, p: string) => isDNS1123Subdomain(v).map((m) => invalid(p, v, m));

// ---- volumes ----

/** Volume sources ValidateVolumes counts ("may not specify more than 1 volume type"). */
const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral', 'image',
];
export const volumeSourceKeys = (v: R): string[] => VOLUME_SOURCES.filter((k) => v[k] !== undefined && v[k] !== null);

/** ValidateVolumes: names (DNS label, unique) and exactly one source. Returns the valid names. */
function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  arr(volumes).forEach((raw, i) => {
    const v = rec(raw);
    const p = `${path}[${i}]`;
    const el: FieldError[] = [];
    const kinds = volumeSourceKeys(v);
    // Upstream's Forbidden paths spell two sources differently from the wire names.
    const fpath = (k: string) => (k === 'cephfs' ? 'cephFS' : k === 'downwardAPI' ? 'downwarAPI' : k);
    for (const k of kinds.slice(1)) el.push(forbidden(`${p}.${fpath(k)}`, 'may not specify more than 1 volume type'));
    if (kinds.length === 0) el.push(required(p, 'must specify a volume type'));
    const name = str(v.name) ?? '';
    if (!name) el.push(required(`${p}.name`));
    else el.push(...dns1123Label(name, `${p}.name`));
    if (names.has(name)) el.push(duplicate(`${p}.name`, name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

// ---- pod-level fields ----

/** ValidateTolerations */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((raw, i) => {
    const t = rec(raw);
    const p = `${path}[${i}]`;
    const key = str(t.key) ?? '';
    const op = str(t.operator) ?? '';
    const value = str(t.value) ?? '';
    const effect = str(t.effect) ?? '';
    if (key) errs.push(...validateLabelName(key, `${p}.key`));
    if (!key && op !== 'Exists') {
      errs.push(invalid(`${p}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (num(t.tolerationSeconds) !== undefined && effect !== 'NoExecute') {
      errs.push(invalid(`${p}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(invalid(`${p}.operator`, value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value) errs.push(invalid(`${p}.operator`, value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(`${p}.operator`, op, ['Equal', 'Exists']));
    }
    if (effect) errs.push(...validateTaintEffect(effect, `${p}.effect`));
  });
  return errs;
}

/** validateTaintEffect (callers handle the empty case). */
export function validateTaintEffect(effect: string, path: string): FieldError[] {
  const valid = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
  return valid.includes(effect) ? [] : [notSupported(path, effect, valid)];
}

function validatePodDNSConfig(spec: R, path: string): FieldError[] {
  const cfg = recOf(spec.dnsConfig);
  if (spec.dnsPolicy === 'None') {
    if (!cfg) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (arr(cfg.nameservers).length === 0) {
      return [required(`${path}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns = arr(cfg.nameservers).filter((x): x is string => typeof x === 'string');
  if (ns.length > 3) errs.push(invalid(`${path}.nameservers`, ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => {
    if (!parseIPSloppy(n)) errs.push(invalid(`${path}.nameservers[${i}]`, n, invalidIPDetail));
  });
  arr(cfg.options).forEach((o, i) => {
    if (!str(rec(o).name)) errs.push(required(`${path}.options[${i}]`, 'must not be empty'));
  });
  return errs;
}

/** ValidatePodSpec (the modelled subset, in upstream's order). */
export function validatePodSpec(specIn: unknown, path: string, opts: PodSpecOptions): FieldError[] {
  const spec = rec(specIn);
  const errs: FieldError[] = [];
  const grace = num(spec.terminationGracePeriodSeconds);
  if (grace === undefined) errs.push(required(`${path}.terminationGracePeriodSeconds`));
  const vols = validateVolumes(spec.volumes, `${path}.volumes`);
  errs.push(...vols.errs);
  errs.push(...validateContainers(spec.containers, vols.names, grace, `${path}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, vols.names, grace, `${path}.initContainers`));
  if (bool(spec.hostNetwork)) {
    // validatePodHostNetworkDeps: a template may leave hostPort 0 (defaulted on the Pod later).
    arr(spec.containers).forEach((c, i) => {
      arr(rec(c).ports).forEach((raw, j) => {
        const hp = num(rec(raw).hostPort) ?? 0;
        const cp = num(rec(raw).containerPort) ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== cp) {
          errs.push(invalid(`${path}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restart = str(spec.restartPolicy) ?? '';
  if (!restart) errs.push(required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    errs.push(notSupported(`${path}.restartPolicy`, restart, ['Always', 'OnFailure', 'Never']));
  }
  const dns = str(spec.dnsPolicy) ?? '';
  const dnsValues = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!dns) errs.push(required(`${path}.dnsPolicy`));
  else if (!dnsValues.includes(dns)) errs.push(notSupported(`${path}.dnsPolicy`, dns, dnsValues));
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  errs.push(...validatePodDNSConfig(spec, `${path}.dnsConfig`));
  arr(spec.readinessGates).forEach((g, i) => {
    const ct = str(rec(g).conditionType) ?? '';
    for (const m of isQualifiedName(ct)) errs.push(invalid(`${path}.readinessGates[${i}].conditionType`, ct, m));
  });
  const gates = new Set<string>();
  arr(spec.schedulingGates).forEach((g, i) => {
    const n = str(rec(g).name) ?? '';
    for (const m of isQualifiedName(n)) errs.push(invalid(`${path}.schedulingGates[${i}]`, n, m));
    if (gates.has(n)) errs.push(duplicate(`${path}.schedulingGates[${i}]`, n));
    gates.add(n);
  });
  const sa = str(spec.serviceAccountName) ?? '';
  if (sa) errs.push(...dns1123Subdomain(sa, `${path}.serviceAccountName`));
  const nodeName = str(spec.nodeName) ?? '';
  if (nodeName) errs.push(...dns1123Subdomain(nodeName, `${path}.nodeName`));
  const ads = num(spec.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, ads, inclusiveRangeError(1, MAX_INT32)));
  }
  const hostname = str(spec.hostname) ?? '';
  if (hostname) errs.push(...dns1123Label(hostname, `${path}.hostname`));
  const subdomain = str(spec.subdomain) ?? '';
  if (subdomain) errs.push(...dns1123Label(subdomain, `${path}.subdomain`));
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  arr(spec.hostAliases).forEach((raw, i) => {
    const ha = rec(raw);
    const ip = str(ha.ip) ?? '';
    if (!parseIPSloppy(ip)) errs.push(invalid(`${path}.hostAliases[${i}].ip`, ip, invalidIPDetail));
    arr(ha.hostnames).forEach((h, j) => {
      if (typeof h === 'string') errs.push(...dns1123Subdomain(h, `${path}.hostAliases[${i}].hostnames[${j}]`));
    });
  });
  const pcn = str(spec.priorityClassName) ?? '';
  if (pcn) errs.push(...dns1123Subdomain(pcn, `${path}.priorityClassName`));
  const os = recOf(spec.os);
  if (os) {
    const n = str(os.name) ?? '';
    if (!n) errs.push(required(`${path}.os.name`, 'cannot be empty'));
    else if (n !== 'linux' && n !== 'windows') errs.push(notSupported(`${path}.os`, n, ['linux', 'windows']));
  }
  return errs;
}


// ---- defaults (pkg/apis/core/v1/defaults.go + the generated SetObjectDefaults_* walk) ----

const setIfEmpty = (o: R, key: string, value: unknown) => {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
};

// github.com/distribution/reference grammar, enough to tell whether ParseNormalizedNamed accepts a
// name and what its tag is.
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainRe = new RegExp(`^(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?$`);
const pathRe = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;

/**
 * parsers.ParseImageName's tag: "latest" when neither tag nor digest is given, "" when the
 * reference does not parse (SetDefaults_Container then picks IfNotPresent).
 */
export function imageTag(image: string): string {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestRe.test(digest)) return '';
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagRe.test(tag)) return '';
  }
  if (!rest || rest.length > 255) return '';
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  // splitDockerDomain: the first component is a registry host if it looks like one.
  const hasDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  if (hasDomain && !domainRe.test(first)) return '';
  const remote = hasDomain ? rest.slice(slash + 1) : rest;
  if (!pathRe.test(remote)) return '';
  return tag || (digest ? '' : 'latest');
}

/** SetDefaults_Probe: Go's zero (absent or 0) becomes the default. */
function defaultProbe(p: R): void {
  const defaults: Record<string, number> = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
  for (const [k, v] of Object.entries(defaults)) if (!num(p[k])) p[k] = v;
  defaultHandler(p);
}

function defaultHandler(h: R): void {
  const get = recOf(h.httpGet);
  if (get) {
    setIfEmpty(get, 'path', '/');
    setIfEmpty(get, 'scheme', 'HTTP');
  }
}

/** SetDefaults_Container and the nested ContainerPort / EnvVar / Probe / HTTPGetAction defaults. */
export function defaultContainer(c: R): void {
  for (const port of arr(c.ports)) {
    const p = recOf(port);
    if (p) setIfEmpty(p, 'protocol', 'TCP');
  }
  for (const ev of arr(c.env)) {
    const fieldRef = recOf(recOf(recOf(ev)?.valueFrom)?.fieldRef);
    if (fieldRef) setIfEmpty(fieldRef, 'apiVersion', 'v1');
  }
  if (!str(c.imagePullPolicy)) c.imagePullPolicy = imageTag(str(c.image) ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  setIfEmpty(c, 'terminationMessagePath', '/dev/termination-log');
  setIfEmpty(c, 'terminationMessagePolicy', 'File');
  // ResourceRequirements is a non-pointer struct: the server always serializes `resources: {}`.
  if (!recOf(c.resources)) c.resources = {};
  for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = recOf(c[k]);
    if (p) defaultProbe(p);
  }
  const lc = recOf(c.lifecycle);
  for (const k of ['postStart', 'preStop']) {
    const h = recOf(lc?.[k]);
    if (h) defaultHandler(h);
  }
}

/** SetDefaults_Volume and the defaultMode defaults of the volume sources. */
function defaultVolume(v: R): void {
  if (volumeSourceKeys(v).length === 0) v.emptyDir = {};
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = recOf(v[k]);
    if (src) setIfEmpty(src, 'defaultMode', 420);
  }
  const hp = recOf(v.hostPath);
  if (hp && hp.type === undefined) hp.type = '';
}

/** SetDefaults_PodSpec and everything the generated defaulters reach inside a PodSpec. */
export function defaultPodSpec(spec: R): void {
  setIfEmpty(spec, 'dnsPolicy', 'ClusterFirst');
  setIfEmpty(spec, 'restartPolicy', 'Always');
  if (!recOf(spec.securityContext)) spec.securityContext = {};
  if (num(spec.terminationGracePeriodSeconds) === undefined) spec.terminationGracePeriodSeconds = 30;
  setIfEmpty(spec, 'schedulerName', 'default-scheduler');
  for (const v of arr(spec.volumes)) {
    const vol = recOf(v);
    if (vol) defaultVolume(vol);
  }
  for (const list of [spec.initContainers, spec.containers]) {
    for (const c of arr(list)) {
      const ctr = recOf(c);
      if (ctr) defaultContainer(ctr);
    }
  }
}

/** SetDefaults_Pod: requests from limits, enableServiceLinks, host-network host ports; then the spec. */
export function defaultPod(pod: R): void {
  const spec = recOf(pod.spec);
  if (!spec) return;
  for (const list of [spec.containers, spec.initContainers]) {
    for (const c of arr(list)) {
      const res = recOf(recOf(c)?.resources);
      const limits = recOf(res?.limits);
      if (!res || !limits) continue;
      const requests = recOf(res.requests) ?? {};
      for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
      res.requests = requests;
    }
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const list of [spec.containers, spec.initContainers]) {
      for (const c of arr(list)) {
        for (const port of arr(recOf(c)?.ports)) {
          const p = recOf(port);
          if (p && !num(p.hostPort)) p.hostPort = p.containerPort;
        }
      }
    }
  }
  defaultPodSpec(spec);
}
