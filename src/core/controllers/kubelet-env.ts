// Models the kubelet's container environment (kubernetes pkg/kubelet/kubelet_pods.go getServiceEnvVarMap + makeEnvironmentVariables, pkg/kubelet/envvars/envvars.go, third_party/forked/golang/expansion). Leaves out: resourceFieldRef and fileKeyRef values (they need node allocatable / volume contents; such variables are omitted), and the runtime's own variables (PATH, HOSTNAME, the image's ENV).
import type { ClusterState, PodState, ServiceState } from '../cluster/state';
import { goQuote } from '../model/field';
import type { KubeObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/types';
import { rec } from '../manifest/validate/types';

export interface EnvVar {
  name: string;
  value: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** envvars.go makeEnvVariableName: upper-case, '-' → '_'. */
const envName = (s: string) => s.replaceAll('-', '_').toUpperCase();

/** envvars.go FromServices, for one Service with a ClusterIP: host, ports, then the Docker link variables. */
export function serviceEnvVars(svc: ServiceState): EnvVar[] {
  const ip = svc.clusterIP!;
  const prefix = envName(svc.name);
  const out: EnvVar[] = [{ name: `${prefix}_SERVICE_HOST`, value: ip }];
  if (!svc.ports.length) return out;
  const portVar = `${prefix}_SERVICE_PORT`;
  out.push({ name: portVar, value: String(svc.ports[0].port) });
  // All named ports (only the first may be unnamed, checked in validation).
  for (const p of svc.ports) if (p.name) out.push({ name: `${portVar}_${envName(p.name)}`, value: String(p.port) });
  // makeLinkVariables: Docker special-cases the first port.
  svc.ports.forEach((p, i) => {
    const proto = p.protocol || 'TCP';
    const url = `${proto.toLowerCase()}://${ip}:${p.port}`;
    if (i === 0) out.push({ name: `${prefix}_PORT`, value: url });
    const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push({ name: pp, value: url }, { name: `${pp}_PROTO`, value: proto.toLowerCase() }, { name: `${pp}_PORT`, value: String(p.port) }, { name: `${pp}_ADDR`, value: ip });
  });
  return out;
}

/**
 * getServiceEnvVarMap: Services with a ClusterIP (not headless, not ExternalName) that the kubelet's
 * lister held when the container started, i.e. created before the pod: default/kubernetes always
 * (even with enableServiceLinks false), the pod's namespace's own when enableServiceLinks is true
 * (a same-named Service there wins over default/kubernetes). Upstream walks a Go map, so the order
 * of Services is random; we take them by name.
 */
export function serviceEnvMap(state: ClusterState, pod: PodState): Map<string, string> {
  const visible = (s: ServiceState) => s.clusterIP !== null && s.createdAt < pod.createdAt;
  const byName = new Map<string, ServiceState>();
  const master = state.index.serviceByKey.get(objectKey('Service', 'default', 'kubernetes'));
  if (master && visible(master)) byName.set('kubernetes', master);
  if (pod.enableServiceLinks) for (const s of state.services) if (s.namespace === pod.namespace && visible(s)) byName.set(s.name, s);
  const m = new Map<string, string>();
  for (const name of [...byName.keys()].sort()) for (const e of serviceEnvVars(byName.get(name)!)) m.set(e.name, e.value);
  return m;
}

/** expansion.Expand with MappingFuncFor: $(VAR) from the maps in order, $$ escapes, unknown refs kept. */
export function expand(input: string, ...context: Map<string, string>[]): string {
  const mapping = (v: string) => {
    for (const m of context) if (m.has(v)) return m.get(v)!;
    return `$(${v})`;
  };
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let read: string;
    let isVar = false;
    let advance = 1;
    if (rest[0] === '$') read = '$'; // escaped operator
    else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close === -1) read = '$(';
      else {
        read = rest.slice(1, close);
        isVar = true;
        advance = close + 1;
      }
    } else {
      const ch = String.fromCodePoint(rest.codePointAt(0)!);
      read = `$${ch}`;
      advance = ch.length;
    }
    out += isVar ? mapping(read) : read;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['k']" → ["metadata.labels", "k"]. */
function splitSubscript(path: string): [string, string] | null {
  if (!path.endsWith("']")) return null;
  const i = path.indexOf("['");
  return i > 0 ? [path.slice(0, i), path.slice(i + 2, -2)] : null;
}

/** fieldpath.FormatMap: sorted key="value" lines. */
const formatMap = (m: Record<string, string>) =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}=${goQuote(m[k])}`)
    .join('\n');

/** podFieldSelectorRuntimeValue + fieldpath.ExtractFieldPathAsString; null for an unsupported path. */
export function podFieldValue(state: ClusterState, pod: PodState, fieldPath: string): string | null {
  const meta = pod.object.metadata ?? {};
  const annotations = (rec(meta.annotations) ?? {}) as Record<string, string>;
  const hostIP = pod.nodeName ? (state.index.nodeByName.get(pod.nodeName)?.internalIP ?? '') : '';
  const sub = splitSubscript(fieldPath);
  if (sub) {
    if (sub[0] === 'metadata.annotations') return annotations[sub[1]] ?? '';
    if (sub[0] === 'metadata.labels') return pod.labels[sub[1]] ?? '';
    return null;
  }
  switch (fieldPath) {
    case 'spec.nodeName':
      return pod.nodeName ?? '';
    case 'spec.serviceAccountName':
      // The ServiceAccount admission plugin sets "default" when the pod names none.
      return str(rec(pod.object.spec)?.serviceAccountName) || 'default';
    case 'status.hostIP':
    case 'status.hostIPs':
      return hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return pod.ip ?? '';
    case 'metadata.name':
      return pod.name;
    case 'metadata.namespace':
      return pod.namespace;
    case 'metadata.uid':
      return pod.uid;
    case 'metadata.labels':
      return formatMap(pod.labels);
    case 'metadata.annotations':
      return formatMap(annotations);
  }
  return null;
}

const objectCache = new WeakMap<ClusterState, Map<string, KubeObject>>();
function findObject(state: ClusterState, kind: 'ConfigMap' | 'Secret', ns: string, name: string): KubeObject | undefined {
  let m = objectCache.get(state);
  if (!m) {
    m = new Map(state.objects.filter((o) => o.kind === 'ConfigMap' || o.kind === 'Secret').map((o) => [o.key as string, o.object]));
    objectCache.set(state, m);
  }
  return m.get(`${kind}/${ns}/${name}` as ObjectKey);
}

/** A Secret's data decoded (base64 → UTF-8), stringData written over it as the API server does. */
function secretData(obj: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(obj.data) ?? {})) {
    if (typeof v !== 'string') continue;
    try {
      out[k] = new TextDecoder().decode(Uint8Array.from(atob(v), (c) => c.charCodeAt(0)));
    } catch {
      out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(rec(obj.stringData) ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

const dataOf = (kind: 'ConfigMap' | 'Secret', obj: KubeObject): Record<string, string> =>
  kind === 'Secret' ? secretData(obj) : Object.fromEntries(Object.entries(rec(obj.data) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));

/**
 * makeEnvironmentVariables, with the error the kubelet would stop the container with
 * (CreateContainerConfigError) instead of throwing; `env` then holds what was built so far.
 */
export function containerEnvDetailed(state: ClusterState, pod: PodState, containerName?: string): { env: EnvVar[]; error: string | null } {
  const container = containerName === undefined ? pod.containers[0] : pod.containers.find((c) => c.name === containerName);
  if (!container) return { env: [], error: null };
  const serviceEnv = serviceEnvMap(state, pod);
  const tmpEnv = new Map<string, string>();
  let error: string | null = null;
  const source = (kind: 'ConfigMap' | 'Secret', ref: Record<string, unknown>): Record<string, string> | null => {
    const name = str(ref.name);
    const obj = findObject(state, kind, pod.namespace, name);
    if (obj) return dataOf(kind, obj);
    if (ref.optional !== true) error ??= `${kind.toLowerCase()} ${goQuote(name)} not found`;
    return null;
  };
  // Env overrides EnvFrom: process EnvFrom first. Data keys in sorted order (a Go map upstream). Since
  // RelaxedEnvironmentVariableValidation (KEP-4369) the kubelet no longer skips keys that are not C
  // identifiers: ConfigMap/Secret keys are always valid relaxed names.
  for (const f of container.envFrom) {
    const r = rec(f) ?? {};
    const cm = rec(r.configMapRef);
    const sec = rec(r.secretRef);
    const data = cm ? source('ConfigMap', cm) : sec ? source('Secret', sec) : null;
    if (!data) continue;
    const prefix = str(r.prefix);
    for (const k of Object.keys(data).sort()) tmpEnv.set(prefix + k, data[k]);
  }
  for (const e of container.env) {
    let value = typeof e.value === 'string' ? e.value : '';
    if (value !== '') value = expand(value, tmpEnv, serviceEnv);
    else if (e.valueFrom !== undefined) {
      const vf = rec(e.valueFrom) ?? {};
      const fieldRef = rec(vf.fieldRef);
      const keyRef = rec(vf.configMapKeyRef) ?? rec(vf.secretKeyRef);
      if (fieldRef) {
        const v = podFieldValue(state, pod, str(fieldRef.fieldPath));
        if (v === null) {
          error ??= `unsupported fieldPath: ${str(fieldRef.fieldPath)}`;
          continue;
        }
        value = v;
      } else if (keyRef) {
        const kind = rec(vf.configMapKeyRef) ? 'ConfigMap' : 'Secret';
        const data = source(kind, keyRef);
        if (!data) continue;
        const key = str(keyRef.key);
        if (!(key in data)) {
          if (keyRef.optional !== true) error ??= `couldn't find key ${key} in ${kind} ${pod.namespace}/${str(keyRef.name)}`;
          continue;
        }
        value = data[key];
      } else continue; // resourceFieldRef, fileKeyRef: not modelled
    }
    tmpEnv.set(e.name, value);
  }
  const env: EnvVar[] = [...tmpEnv].map(([name, value]) => ({ name, value }));
  // Then the remaining service variables (a container's own variable of the same name wins).
  for (const [name, value] of serviceEnv) if (!tmpEnv.has(name)) env.push({ name, value });
  return { env, error };
}

/**
 * The environment the kubelet hands the runtime for a container (default: the first). Upstream
 * appends the container's variables, then the remaining service variables, each group from a Go map
 * (random order): here the container's in declaration order (envFrom, then env) and the services'
 * by Service name, each Service's variables in FromServices order.
 */
export function containerEnv(state: ClusterState, pod: PodState, containerName?: string): { name: string; value: string }[] {
  return containerEnvDetailed(state, pod, containerName).env;
}
