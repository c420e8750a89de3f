// Models ingress-nginx's request routing: nginx server selection (exact server_name, then the `*.host` regex template.go buildServerName writes, then the `_` default server), location matching (`= exact`, longest prefix, proxy_pass's trailing-slash 301, `~* "^path"` in regex mode; template.go buildLocation), the ssl-redirect 308, and the upstream's endpoints (controller.go serviceEndpoints, endpointslices.go getEndpointsFromSlices). Leaves out: canary, rewrites (the path is matched, not rewritten), custom errors, auth, rate limits, SSL passthrough.
import type { EndpointState, ServicePortKey, ServiceState } from '../cluster/state';
import { servicePortKey } from '../cluster/state';
import type { KubeObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/types';
import { buildNginxServers, DEFAULT_SERVER, type NginxLocation, type NginxServer } from './ingress-servers';

export interface IngressRequest {
  host: string;
  path: string;
  scheme: 'http' | 'https';
}

export interface IngressRoute {
  /** "ns/name" of the Ingress whose rule matched (or whose defaultBackend served) */
  ingress: string | null;
  rule: { host: string | null; path: string | null; pathType: string | null } | null;
  backend: { service: string; port: number | string } | null;
  defaultBackend: 'spec' | 'controller' | null;
  /** TLS terminated for this host when it is listed under an Ingress's spec.tls (https requests) */
  tls: { secretName: string; host: string } | null;
  /** 404 default backend, 503 upstream without endpoints, 301 trailing-slash redirect, 308 ssl-redirect; null: proxied */
  status: number | null;
  /** matched | default-backend | no-rule | service-missing | port-missing | no-endpoints | external-name |
   *  external-name-invalid | trailing-slash-redirect | ssl-redirect */
  reason: string;
}

export interface IngressInput {
  ingresses: KubeObject[];
  ingressClasses: KubeObject[];
  services: Map<ObjectKey, ServiceState>;
  endpoints: Map<ServicePortKey, EndpointState[]>;
  /** the --controller-class, "k8s.io/ingress-nginx" */
  controllerClass: string;
}

const cache = new WeakMap<object, { classes: KubeObject[]; controllerClass: string; servers: Map<string, NginxServer> }>();

function serversFor(input: IngressInput): Map<string, NginxServer> {
  const hit = cache.get(input.ingresses);
  if (hit && hit.classes === input.ingressClasses && hit.controllerClass === input.controllerClass) return hit.servers;
  const servers = buildNginxServers(input.ingresses, input.ingressClasses, input.controllerClass);
  cache.set(input.ingresses, { classes: input.ingressClasses, controllerClass: input.controllerClass, servers });
  return servers;
}

/** The Host header as nginx uses it: lower-cased, without port or trailing dot. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) h = h.slice(0, h.indexOf(']') + 1);
  else if (h.includes(':')) h = h.slice(0, h.indexOf(':'));
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/** nginx's $uri: no query, percent-decoded, slashes merged, dot segments resolved. */
export function normalizePath(path: string): string {
  let p = path.split(/[?#]/)[0] || '/';
  try {
    p = decodeURIComponent(p);
  } catch {
    // an invalid escape is kept as written
  }
  if (!p.startsWith('/')) p = `/${p}`;
  const out: string[] = [];
  const segs = p.replace(/\/+/g, '/').split('/').slice(1);
  segs.forEach((seg, i) => {
    if (seg === '.') {
      if (i === segs.length - 1) out.push('');
    } else if (seg === '..') {
      out.pop();
      if (i === segs.length - 1) out.push('');
    } else out.push(seg);
  });
  return `/${out.join('/')}`;
}

/** buildServerName's `~^(?<subdomain>[\w-]+)\.foo\.com$`: a wildcard covers exactly one label. */
export function wildcardMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(1).toLowerCase();
  if (!host.endsWith(suffix)) return false;
  return /^[A-Za-z0-9_-]+$/.test(host.slice(0, host.length - suffix.length));
}

function selectServer(servers: Map<string, NginxServer>, host: string): NginxServer {
  const exact = servers.get(host);
  if (exact && !host.startsWith('*')) return exact;
  // Regex server names are tried in the order they appear: servers sorted by hostname.
  const wild = [...servers.values()].filter((s) => s.hostname.startsWith('*')).sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
  return wild.find((s) => wildcardMatches(s.hostname, host)) ?? servers.get(DEFAULT_SERVER)!;
}

/** nginx location lookup for a server: the location, or a 301 to "uri/" from proxy_pass's auto_redirect. */
export function matchLocation(server: NginxServer, uri: string): { loc: NginxLocation | null; redirect: boolean } {
  if (server.enforceRegex) {
    for (const loc of server.locations) {
      try {
        if (new RegExp(`^${loc.path}`, 'i').test(uri)) return { loc, redirect: false };
      } catch {
        // nginx would refuse the configuration; the location never matches here
      }
    }
    return { loc: null, redirect: false };
  }
  const exact = server.locations.find((l) => l.pathType === 'Exact' && l.path === uri);
  if (exact) return { loc: exact, redirect: false };
  if (server.locations.some((l) => l.path === `${uri}/`)) return { loc: null, redirect: true };
  let best: NginxLocation | null = null;
  for (const l of server.locations) if (l.pathType !== 'Exact' && uri.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  return { loc: best, redirect: false };
}

/** serviceEndpoints: the Service port whose number, targetPort or name equals the backend port. */
function resolveBackend(input: IngressInput, loc: NginxLocation): Pick<IngressRoute, 'status' | 'reason'> {
  if (loc.backend.kind !== 'service') return { status: 404, reason: 'no-rule' };
  const b = loc.backend;
  const svc = input.services.get(objectKey('Service', b.namespace, b.name));
  if (!svc) return { status: 503, reason: 'service-missing' };
  if (svc.type === 'ExternalName') {
    // getEndpointsFromSlices: localhost/loopback names are refused; any other name is proxied to.
    const name = svc.externalName ?? '';
    return name === 'localhost' || /^127\./.test(name) || name === '::1' ? { status: 503, reason: 'external-name-invalid' } : { status: null, reason: 'external-name' };
  }
  const want = String(b.port);
  const port = svc.ports.find((p) => String(p.port) === want || String(p.targetPort) === want || p.name === want);
  if (!port) return { status: 503, reason: 'port-missing' };
  // getEndpoints(…, apiv1.ProtocolTCP): only TCP ports give upstream servers; only ready endpoints count.
  const ready = port.protocol === 'TCP' ? (input.endpoints.get(servicePortKey(svc, port)) ?? []).filter((e) => e.ready) : [];
  if (ready.length === 0) return { status: 503, reason: 'no-endpoints' };
  return { status: null, reason: b.fromSpec ? 'default-backend' : 'matched' };
}

/**
 * The route ingress-nginx takes for one request: which server and location answer, which Ingress
 * configured them, and the Service port behind them. The location's own result (a redirect, the
 * controller's 404, a 503 for an upstream without endpoints) is in `status`; null means proxied.
 */
export function routeIngress(input: IngressInput, req: IngressRequest): IngressRoute {
  const servers = serversFor(input);
  const server = selectServer(servers, normalizeHost(req.host));
  const uri = normalizePath(req.path);
  let { loc, redirect } = matchLocation(server, uri);
  if (redirect) loc = matchLocation(server, `${uri}/`).loc;
  const tls = req.scheme === 'https' && server.tls ? server.tls : null;
  const base: IngressRoute = { ingress: null, rule: null, backend: null, defaultBackend: null, tls, status: 404, reason: 'no-rule' };
  if (!loc) return { ...base, defaultBackend: 'controller' };
  const fromDefault = loc.backend.kind === 'controller' ? 'controller' : loc.backend.fromSpec ? 'spec' : null;
  const route: IngressRoute = {
    ...base,
    ingress: loc.backend.kind === 'controller' ? null : loc.ingress,
    rule: loc.rule && loc.backend.kind === 'service' && !loc.backend.fromSpec ? loc.rule : null,
    backend: loc.backend.kind === 'service' ? { service: `${loc.backend.namespace}/${loc.backend.name}`, port: loc.backend.port } : null,
    defaultBackend: fromDefault,
    ...resolveBackend(input, loc),
  };
  if (redirect) return { ...route, status: 301, reason: 'trailing-slash-redirect' };
  // ssl-redirect (default on) sends plain HTTP to HTTPS when the host has a certificate from spec.tls.
  if (req.scheme === 'http' && (loc.forceSslRedirect || (server.tls && loc.sslRedirect))) return { ...route, status: 308, reason: 'ssl-redirect' };
  return route;
}
