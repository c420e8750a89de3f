// Models how ingress-nginx turns Ingresses into nginx servers and locations: the class filter (internal/ingress/controller/store/store.go GetIngressClass, sortIngressSlice), createServers, getBackendServers and updateServerLocations (internal/ingress/controller/controller.go, location.go), and the apiserver's DefaultIngressClass admission (plugin/pkg/admission/network/defaultingressclass). Leaves out: canary merging (canary Ingresses are skipped), aliases, snippets, auth and custom default-backend annotations, certificate SAN matching (only spec.tls host names count).
import type { KubeObject } from '../model/types';
import { rec } from '../manifest/validate/types';

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';
export type LocationBackend = { kind: 'controller' } | { kind: 'service'; namespace: string; name: string; port: number | string; fromSpec: boolean };

export interface NginxLocation {
  /** the nginx location path (Prefix paths normalized to end in "/") */
  path: string;
  pathType: PathType;
  isDefBackend: boolean;
  backend: LocationBackend;
  /** "ns/name" of the Ingress that configured it */
  ingress: string | null;
  /** the Ingress rule it came from (null for a server's root default location) */
  rule: { host: string | null; path: string | null; pathType: string | null } | null;
  useRegex: boolean;
  rewrite: boolean;
  sslRedirect: boolean;
  forceSslRedirect: boolean;
}

export interface NginxServer {
  hostname: string;
  locations: NginxLocation[];
  /** certificate from an Ingress spec.tls (secretName "" = the controller's default certificate) */
  tls: { secretName: string; host: string } | null;
  /** enforceRegexModifier: any location uses regex or rewrite, so every location is `~* "^path"` */
  enforceRegex: boolean;
}

/** The catch-all server name (defServerName) and the --ingress-class default (ingressclass.DefaultAnnotationValue). */
export const DEFAULT_SERVER = '_';
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const NGINX = 'nginx.ingress.kubernetes.io/';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const time = (o: KubeObject): number => {
  const t = Date.parse(str(o.metadata?.creationTimestamp) ?? '');
  return Number.isNaN(t) ? -Infinity : t;
};
const nsName = (o: KubeObject) => `${o.metadata?.namespace ?? 'default'}/${o.metadata?.name ?? ''}`;
/** strconv.ParseBool, as parser.GetBoolAnnotation reads annotations. */
function boolAnnotation(o: KubeObject, name: string, def: boolean): boolean {
  const v = o.metadata?.annotations?.[NGINX + name];
  if (v === undefined) return def;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return def;
}

/** getDefaultClass: the newest IngressClass marked default (ties: name order). */
export function admissionDefaultClass(classes: readonly KubeObject[]): string | null {
  const defaults = classes.filter((c) => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  defaults.sort((a, b) => (time(a) === time(b) ? ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1) : time(b) - time(a)));
  return defaults[0]?.metadata?.name ?? null;
}

/**
 * The Ingresses this controller serves, oldest first (ties: "ns/name" descending, as sortIngressSlice).
 * An Ingress without class or class annotation gets the admission plugin's default class; then
 * ingressClassName must name a class of this controller, else the annotation must equal "nginx",
 * else (no class at all) --watch-ingress-without-class, which kind's deployment sets.
 */
export function servedIngresses(ingresses: readonly KubeObject[], classes: readonly KubeObject[], controllerClass: string, annotationValue = 'nginx', watchWithoutClass = true): KubeObject[] {
  const ours = new Set(classes.filter((c) => rec(c.spec)?.controller === controllerClass).map((c) => c.metadata?.name));
  const admissionDefault = admissionDefaultClass(classes);
  const served = ingresses.filter((ing) => {
    const annotations = ing.metadata?.annotations ?? {};
    let className = str(rec(ing.spec)?.ingressClassName);
    if (className === null && !(INGRESS_CLASS_ANNOTATION in annotations)) className = admissionDefault;
    if (className !== null) return ours.has(className);
    if (INGRESS_CLASS_ANNOTATION in annotations) return annotations[INGRESS_CLASS_ANNOTATION] === annotationValue;
    return watchWithoutClass;
  });
  const order = new Map(served.map((s, i) => [s, i]));
  return served.sort((a, b) => {
    if (time(a) !== time(b)) return time(a) - time(b);
    const [x, y] = [nsName(a), nsName(b)];
    return x === y ? order.get(a)! - order.get(b)! : x > y ? -1 : 1;
  });
}

function serviceBackend(ing: KubeObject, backend: unknown, fromSpec: boolean): LocationBackend | null {
  const svc = rec(rec(backend)?.service);
  const name = str(svc?.name);
  if (!svc || name === null) return null;
  const port = rec(svc.port) ?? {};
  const p = typeof port.number === 'number' ? port.number : (str(port.name) ?? 0);
  return { kind: 'service', namespace: ing.metadata?.namespace ?? 'default', name, port: p, fromSpec };
}

function locationAnnotations(ing: KubeObject) {
  const rewriteTarget = ing.metadata?.annotations?.[NGINX + 'rewrite-target'] ?? '';
  return {
    useRegex: boolAnnotation(ing, 'use-regex', false),
    rewrite: rewriteTarget !== '',
    sslRedirect: boolAnnotation(ing, 'ssl-redirect', true),
    forceSslRedirect: boolAnnotation(ing, 'force-ssl-redirect', false),
  };
}

/** getBackendServers over the served Ingresses: hostname → server, locations in nginx order. */
export function buildNginxServers(ingresses: readonly KubeObject[], classes: readonly KubeObject[], controllerClass: string): Map<string, NginxServer> {
  const data = servedIngresses(ingresses, classes, controllerClass).filter((ing) => !boolAnnotation(ing, 'canary', false));
  const servers = new Map<string, NginxServer>();
  const rootLoc = (backend: LocationBackend, ing: KubeObject | null): NginxLocation => ({
    path: '/',
    pathType: 'Prefix',
    isDefBackend: true,
    backend,
    ingress: ing ? nsName(ing) : null,
    rule: null,
    ...(ing ? locationAnnotations(ing) : { useRegex: false, rewrite: false, sslRedirect: true, forceSslRedirect: false }),
  });
  const def: NginxServer = { hostname: DEFAULT_SERVER, locations: [rootLoc({ kind: 'controller' }, null)], tls: null, enforceRegex: false };
  servers.set(DEFAULT_SERVER, def);
  const specOf = (ing: KubeObject) => rec(ing.spec) ?? {};
  const hostOf = (rule: unknown) => str(rec(rule)?.host) || DEFAULT_SERVER;

  // createServers: the catch-all takes any Ingress's spec.defaultBackend; each host's root location
  // uses the defaultBackend of the first Ingress naming the host, else the controller's default.
  for (const ing of data) {
    let un: LocationBackend = { kind: 'controller' };
    const specDefault = serviceBackend(ing, specOf(ing).defaultBackend, true);
    if (specDefault) {
      un = specDefault;
      const defLoc = def.locations[0];
      defLoc.backend = specDefault;
      defLoc.ingress = nsName(ing);
      if (defLoc.isDefBackend && arr(specOf(ing).rules).length === 0) {
        defLoc.isDefBackend = false;
        Object.assign(defLoc, { ...locationAnnotations(ing) });
      }
    }
    for (const rule of arr(specOf(ing).rules)) {
      const host = hostOf(rule);
      if (!servers.has(host)) servers.set(host, { hostname: host, locations: [rootLoc(un, ing)], tls: null, enforceRegex: false });
    }
  }
  // TLS: the first Ingress with a tls section decides each host's certificate (extractTLSSecretName).
  for (const ing of data) {
    const tls = arr(specOf(ing).tls).map((t) => rec(t) ?? {});
    for (const rule of arr(specOf(ing).rules)) {
      const host = hostOf(rule);
      const server = servers.get(host)!;
      if (host === DEFAULT_SERVER || server.tls || tls.length === 0) continue;
      const match = tls.find((t) => arr(t.hosts).some((h) => typeof h === 'string' && h.toLowerCase() === host.toLowerCase()));
      server.tls = { secretName: str(match?.secretName) ?? '', host };
    }
  }
  // Locations: the first Ingress to configure a path and type keeps it; only a default location is replaced.
  for (const ing of data) {
    const anns = locationAnnotations(ing);
    for (const rule of arr(specOf(ing).rules)) {
      const host = hostOf(rule);
      const server = servers.get(host) ?? def;
      for (const rawPath of arr(rec(rec(rule)?.http)?.paths)) {
        const path = rec(rawPath) ?? {};
        const backend = serviceBackend(ing, path.backend, false);
        if (!backend) continue;
        const nginxPath = str(path.path) || '/';
        const pathType = (str(path.pathType) ?? 'ImplementationSpecific') as PathType;
        const ruleInfo = { host: str(rec(rule)?.host) || null, path: str(path.path) || null, pathType: str(path.pathType) };
        let add = true;
        for (const loc of server.locations) {
          if (loc.path !== nginxPath) continue;
          if (loc.pathType !== pathType) break;
          add = false;
          if (!loc.isDefBackend) break;
          Object.assign(loc, { backend, isDefBackend: false, ingress: nsName(ing), rule: ruleInfo, ...anns });
          break;
        }
        if (add) server.locations.push({ path: nginxPath, pathType, isDefBackend: false, backend, ingress: nsName(ing), rule: ruleInfo, ...anns });
      }
    }
  }
  for (const server of servers.values()) {
    server.locations = updateServerLocations(server.locations);
    // sort.SliceStable by path (descending), then by length (descending).
    server.locations = stableSort(
      stableSort(server.locations, (a, b) => (a.path > b.path ? -1 : a.path < b.path ? 1 : 0)),
      (a, b) => b.path.length - a.path.length,
    );
    server.enforceRegex = server.locations.some((l) => l.useRegex || l.rewrite);
  }
  return servers;
}

function stableSort<T>(xs: T[], cmp: (a: T, b: T) => number): T[] {
  return xs
    .map((x, i) => [x, i] as const)
    .sort(([a, i], [b, j]) => cmp(a, b) || i - j)
    .map(([x]) => x);
}

/**
 * updateServerLocations: a Prefix location (not "/", no regex/rewrite) becomes "path/" plus an Exact
 * twin for "path", unless an Exact location for that path already exists.
 */
export function updateServerLocations(locations: NginxLocation[]): NginxLocation[] {
  const exact = new Set(locations.filter((l) => l.pathType === 'Exact').map((l) => l.path));
  const out: NginxLocation[] = [];
  for (const loc of locations) {
    if (loc.path === '/' || loc.pathType !== 'Prefix' || loc.useRegex || loc.rewrite) {
      out.push(loc);
      continue;
    }
    const normalized = loc.path.endsWith('/') ? loc.path : `${loc.path}/`;
    out.push({ ...loc, path: normalized });
    if (!exact.has(loc.path)) out.push({ ...loc, pathType: 'Exact' });
  }
  return out;
}
