// Models the container half of pkg/apis/core/validation/validation.go: validateContainers,
// validateInitContainers, validateContainerCommon, validateContainerPorts, ValidateEnv / ValidateEnvFrom,
// ValidateVolumeMounts, probes (validateProbe, validateHandler, ValidatePortNumOrName) and
// AccumulateUniqueHostPorts. Resources and security contexts are not modelled.
import type { FieldError } from '../../model/field';
import { duplicate, forbidden, invalid, notFound, notSupported, required } from '../../model/field';
import { isConfigMapKey } from './configmap';
import { arr, num, str, validateNonnegative } from './meta';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isHTTPHeaderName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from './names';
import { rec as recOf } from './types';

type R = Record<string, unknown>;
const rec = (v: unknown): R => recOf(v) ?? {};
const dns1123Label = (v: string, p: string) => isDNS1123Label(v).map((m) => invalid(p, v, m));

// ---- ports, env, mounts ----

/** supportedPortProtocols, listed as sets.List sorts them. */
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((raw, i) => {
    const port = rec(raw);
    const p = `${path}[${i}]`;
    const name = str(port.name) ?? '';
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(`${p}.name`, name, m));
      else if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
      else names.add(name);
    }
    const cp = num(port.containerPort) ?? 0;
    if (cp === 0) errs.push(required(`${p}.containerPort`));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(`${p}.containerPort`, cp, m));
    const hp = num(port.hostPort) ?? 0;
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(invalid(`${p}.hostPort`, hp, m));
    const proto = str(port.protocol) ?? '';
    if (!proto) errs.push(required(`${p}.protocol`));
    else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${p}.protocol`, proto, PORT_PROTOCOLS));
  });
  return errs;
}

/** validEnvDownwardAPIFieldPathExpressions, sorted. */
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
/** podshelper.ConvertDownwardAPIFieldLabel's accepted labels (spec.host is the legacy alias). */
const DOWNWARD_LABELS = new Set([
  ...ENV_FIELD_PATHS,
  'metadata.annotations',
  'metadata.labels',
  'spec.restartPolicy',
  'spec.schedulerName',
  'status.phase',
  'spec.host',
]);

function validateObjectFieldSelector(fs: R, path: string): FieldError[] {
  const apiVersion = str(fs.apiVersion) ?? '';
  const fieldPath = str(fs.fieldPath) ?? '';
  if (!apiVersion) return [required(`${path}.apiVersion`)];
  if (!fieldPath) return [required(`${path}.fieldPath`)];
  const sub = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fieldPath);
  let err = '';
  if (apiVersion !== 'v1') err = `unsupported pod version: ${apiVersion}`;
  else if (!sub && /\[.*\]$/.test(fieldPath)) err = `field label does not support subscript: ${fieldPath}`;
  else if (!sub && !DOWNWARD_LABELS.has(fieldPath)) err = `field label not supported: ${fieldPath}`;
  if (err) return [invalid(`${path}.fieldPath`, fieldPath, `error converting fieldPath: ${err}`)];
  if (sub) {
    const key = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2];
    return isQualifiedName(key).map((m) => invalid(path, key, m));
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  return ENV_FIELD_PATHS.includes(internal) ? [] : [notSupported(`${path}.fieldPath`, internal, ENV_FIELD_PATHS)];
}

function validateKeySelector(s: R, path: string): FieldError[] {
  const name = str(s.name) ?? '';
  const errs = isDNS1123Subdomain(name).map((m) => invalid(`${path}.name`, name, m));
  const key = str(s.key) ?? '';
  if (!key) errs.push(required(`${path}.key`));
  else for (const m of isConfigMapKey(key)) errs.push(invalid(`${path}.key`, key, m));
  return errs;
}

/** ValidateEnv with AllowRelaxedEnvironmentVariableValidation (default since 1.32). */
function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(env).forEach((raw, i) => {
    const ev = rec(raw);
    const p = `${path}[${i}]`;
    const name = str(ev.name) ?? '';
    if (!name) errs.push(required(`${p}.name`));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(invalid(`${p}.name`, name, m));
    const from = recOf(ev.valueFrom);
    if (!from) return;
    const vp = `${p}.valueFrom`;
    let sources = 0;
    if (recOf(from.fieldRef)) {
      sources++;
      errs.push(...validateObjectFieldSelector(rec(from.fieldRef), `${vp}.fieldRef`));
    }
    if (recOf(from.resourceFieldRef)) {
      sources++;
      if (!str(rec(from.resourceFieldRef).resource)) errs.push(required(`${vp}.resourceFieldRef.resource`));
    }
    if (recOf(from.configMapKeyRef)) {
      sources++;
      errs.push(...validateKeySelector(rec(from.configMapKeyRef), `${vp}.configMapKeyRef`));
    }
    if (recOf(from.secretKeyRef)) {
      sources++;
      errs.push(...validateKeySelector(rec(from.secretKeyRef), `${vp}.secretKeyRef`));
    }
    if (sources === 0) {
      errs.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    } else if (str(ev.value)) {
      errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
    } else if (sources > 1) {
      errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(envFrom).forEach((raw, i) => {
    const ev = rec(raw);
    const p = `${path}[${i}]`;
    const prefix = str(ev.prefix) ?? '';
    if (prefix) for (const m of isRelaxedEnvVarName(prefix)) errs.push(invalid(`${p}.prefix`, prefix, m));
    let sources = 0;
    for (const k of ['configMapRef', 'secretRef']) {
      const ref = recOf(ev[k]);
      if (!ref) continue;
      sources++;
      const name = str(ref.name) ?? '';
      // validateConfigMapEnvSource / validateSecretEnvSource pass prefix=true to the name check.
      if (!name) errs.push(required(`${p}.${k}.name`));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(invalid(`${p}.${k}.name`, name, m));
    }
    if (sources === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(mounts).forEach((raw, i) => {
    const m = rec(raw);
    const p = `${path}[${i}]`;
    const name = str(m.name) ?? '';
    const mountPath = str(m.mountPath) ?? '';
    if (!name) errs.push(required(`${p}.name`));
    if (!volumes.has(name)) errs.push(notFound(`${p}.name`, name));
    if (!mountPath) errs.push(required(`${p}.mountPath`));
    if (seen.has(mountPath)) errs.push(invalid(`${p}.mountPath`, mountPath, 'must be unique'));
    seen.add(mountPath);
  });
  return errs;
}

// ---- probes and handlers ----

/** ValidatePortNumOrName for an intstr.IntOrString in wire shape (absent = int 0). */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  const n = num(port) ?? 0;
  return isValidPortNum(n).map((m) => invalid(path, n, m));
}

function validateHandler(h: R, path: string, withSleep: boolean, grace: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let handlers = 0;
  const kinds = withSleep ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket', 'grpc'];
  for (const k of kinds) {
    const v = recOf(h[k]);
    if (!v) continue;
    const p = `${path}.${k}`;
    if (handlers > 0) {
      errs.push(forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    handlers++;
    if (k === 'exec' && arr(v.command).length === 0) errs.push(required(`${p}.command`));
    if (k === 'httpGet') {
      if (!str(v.path)) errs.push(required(`${p}.path`));
      errs.push(...validatePortNumOrName(v.port, `${p}.port`));
      const scheme = str(v.scheme) ?? '';
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(`${p}.scheme`, scheme, ['HTTP', 'HTTPS']));
      for (const hdr of arr(v.httpHeaders)) {
        const n = str(rec(hdr).name) ?? '';
        for (const m of isHTTPHeaderName(n)) errs.push(invalid(`${p}.httpHeaders`, n, m));
      }
    }
    if (k === 'tcpSocket') errs.push(...validatePortNumOrName(v.port, `${p}.port`));
    if (k === 'grpc') errs.push(...validatePortNumOrName(num(v.port) ?? 0, `${p}.port`));
    if (k === 'sleep') {
      const s = num(v.seconds) ?? 0;
      if (grace !== undefined && (s < 0 || s > grace)) {
        errs.push(invalid(p, s, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`));
      }
    }
  }
  if (handlers === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: R, path: string): FieldError[] {
  const errs = validateHandler(probe, path, false, undefined);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(num(probe[f]) ?? 0, `${path}.${f}`));
  }
  const tgps = num(probe.terminationGracePeriodSeconds);
  if (tgps !== undefined && tgps <= 0) errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  return errs;
}

/** validateLivenessProbe / validateReadinessProbe / validateStartupProbe for one container. */
function validateProbes(ctr: R, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = recOf(ctr[kind]);
    if (!probe) continue;
    const p = `${path}.${kind}`;
    errs.push(...validateProbe(probe, p));
    if (kind === 'readinessProbe') {
      const t = num(probe.terminationGracePeriodSeconds);
      if (t !== undefined) errs.push(invalid(`${p}.terminationGracePeriodSeconds`, t, 'must not be set for readinessProbes'));
    } else {
      const st = num(probe.successThreshold) ?? 0;
      if (st !== 1) errs.push(invalid(`${p}.successThreshold`, st, 'must be 1'));
    }
  }
  return errs;
}

function validateLifecycle(ctr: R, path: string, grace: number | undefined): FieldError[] {
  const lc = recOf(ctr.lifecycle);
  if (!lc) return [];
  const errs: FieldError[] = [];
  for (const k of ['postStart', 'preStop']) {
    const h = recOf(lc[k]);
    if (h) errs.push(...validateHandler(h, `${path}.lifecycle.${k}`, true, grace));
  }
  return errs;
}

// ---- containers ----

function validateContainerCommon(ctr: R, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ctr.name) ?? '';
  if (!name) errs.push(required(`${path}.name`));
  else errs.push(...dns1123Label(name, `${path}.name`));
  if (!str(ctr.image)) errs.push(required(`${path}.image`));
  const tmp = str(ctr.terminationMessagePolicy) ?? '';
  if (!tmp) errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(ctr.ports, `${path}.ports`));
  errs.push(...validateEnv(ctr.env, `${path}.env`));
  errs.push(...validateEnvFrom(ctr.envFrom, `${path}.envFrom`));
  errs.push(...validateVolumeMounts(ctr.volumeMounts, volumes, `${path}.volumeMounts`));
  const pull = str(ctr.imagePullPolicy) ?? '';
  if (!pull) errs.push(required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    errs.push(notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  }
  return errs;
}

/** AccumulateUniqueHostPorts: "<protocol>/<hostIP>/<hostPort>" must be unique. */
function checkHostPortConflicts(containers: R[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((ctr, ci) => {
    arr(ctr.ports).forEach((raw, pi) => {
      const port = rec(raw);
      const hp = num(port.hostPort) ?? 0;
      if (hp === 0) return;
      const key = `${str(port.protocol) ?? ''}/${str(port.hostIP) ?? ''}/${hp}`;
      if (seen.has(key)) errs.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

export function validateContainers(list: unknown, volumes: Set<string>, grace: number | undefined, path: string): FieldError[] {
  const containers = arr(list).map(rec);
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((ctr, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(ctr, volumes, p));
    const name = str(ctr.name) ?? '';
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else names.add(name);
    errs.push(...validateLifecycle(ctr, p, grace));
    errs.push(...validateProbes(ctr, p));
    if (ctr.restartPolicy !== undefined && ctr.restartPolicy !== null) {
      errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
    }
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

export function validateInitContainers(list: unknown, regular: unknown, volumes: Set<string>, grace: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(arr(regular).map((c) => str(rec(c).name) ?? ''));
  arr(list).map(rec).forEach((ctr, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(ctr, volumes, p));
    let restartAlways = false;
    const rp = str(ctr.restartPolicy);
    if (rp !== undefined) {
      if (rp !== 'Always') errs.push(notSupported(`${p}.restartPolicy`, rp, ['Always']));
      restartAlways = rp === 'Always';
    }
    const name = str(ctr.name) ?? '';
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else if (name) names.add(name);
    // Upstream checks each init container on its own ([]core.Container{ctr}), so the reported
    // index is always 0.
    errs.push(...checkHostPortConflicts([ctr], path));
    if (restartAlways) {
      errs.push(...validateLifecycle(ctr, p, grace));
      errs.push(...validateProbes(ctr, p));
    } else {
      for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (recOf(ctr[k])) errs.push(forbidden(`${p}.${k}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** validateContainersOnlyForPod: Pods (not templates) reject images with surrounding whitespace. */
export function validateContainersOnlyForPod(list: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(list).forEach((c, i) => {
    const image = str(rec(c).image) ?? '';
    if (image !== image.trim()) errs.push(invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}
