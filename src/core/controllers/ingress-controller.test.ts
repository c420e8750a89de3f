import { describe, expect, it } from 'vitest';
import type { EndpointState, ServiceState } from '../cluster/state';
import type { KubeObject, ObjectKey } from '../model/types';
import { normalizePath, routeIngress, type IngressRequest } from './ingress-controller';

// ---- fixtures ---------------------------------------------------------------------------------

const nginxClass: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
  spec: { controller: 'k8s.io/ingress-nginx' },
};
const otherClass: KubeObject = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'traefik' }, spec: { controller: 'traefik.io/ingress-controller' } };

type P = { path?: string; pathType?: string; svc: string; port?: number | string };
function ing(
  name: string,
  o: {
    host?: string;
    paths?: P[];
    rules?: { host?: string; paths: P[] }[];
    defaultBackend?: string;
    tls?: { hosts: string[]; secretName?: string }[];
    className?: string;
    annotations?: Record<string, string>;
    created?: string;
    ns?: string;
  } = {},
): KubeObject {
  const toPath = (p: P) => ({
    ...(p.path !== undefined ? { path: p.path } : {}),
    pathType: p.pathType ?? 'Prefix',
    backend: { service: { name: p.svc, port: typeof p.port === 'string' ? { name: p.port } : { number: p.port ?? 80 } } },
  });
  const rules = o.rules ?? (o.paths ? [{ host: o.host, paths: o.paths }] : []);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: o.ns ?? 'default', creationTimestamp: o.created ?? '2026-01-01T00:00:00Z', ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      ...(o.className ? { ingressClassName: o.className } : {}),
      ...(o.defaultBackend ? { defaultBackend: { service: { name: o.defaultBackend, port: { number: 80 } } } } : {}),
      ...(o.tls ? { tls: o.tls } : {}),
      ...(rules.length ? { rules: rules.map((r) => ({ ...(r.host ? { host: r.host } : {}), http: { paths: r.paths.map(toPath) } })) } : {}),
    },
  };
}

function svc(
  name: string,
  o: { ports?: { name?: string; port: number; targetPort?: number | string; protocol?: 'TCP' | 'UDP' }[]; type?: ServiceState['type']; externalName?: string } = {},
): ServiceState {
  const ports = o.ports ?? [{ port: 80, targetPort: 8080 }];
  return {
    key: `Service/default/${name}` as ObjectKey,
    namespace: 'default',
    name,
    uid: `uid-${name}`,
    type: o.type ?? 'ClusterIP',
    clusterIP: '10.96.0.50',
    headless: false,
    externalName: o.externalName ?? null,
    ports: ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port, targetPort: p.targetPort ?? p.port, nodePort: null })),
    selector: { app: name },
    sessionAffinity: 'None',
    affinityTimeoutSeconds: 10800,
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    externalIPs: [],
    loadBalancerIPs: [],
    healthCheckNodePort: null,
    publishNotReadyAddresses: false,
    createdAt: 0,
    object: { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' } },
  };
}
const ready = (ip: string, port = 8080): EndpointState => ({ ip, port, protocol: 'TCP', podKey: null, nodeName: 'kind-worker', ready: true, serving: true, terminating: false });

/** A cluster where every Service named in the Ingresses exists with one ready endpoint on port 80→8080. */
function route(ingresses: KubeObject[], req: Partial<IngressRequest>, opts: { services?: ServiceState[]; endpoints?: [string, EndpointState[]][]; classes?: KubeObject[] } = {}) {
  const names = new Set<string>();
  for (const i of ingresses) {
    const spec = i.spec as any;
    if (spec.defaultBackend) names.add(spec.defaultBackend.service.name);
    for (const r of spec.rules ?? []) for (const p of r.http?.paths ?? []) names.add(p.backend.service.name);
  }
  const services = opts.services ?? [...names].map((n) => svc(n));
  const endpoints = new Map(opts.endpoints ?? services.map((s) => [`default/${s.name}:/TCP`, [ready('10.244.1.2')]] as [string, EndpointState[]]));
  return routeIngress(
    { ingresses, ingressClasses: opts.classes ?? [nginxClass], services: new Map(services.map((s) => [s.key, s])), endpoints, controllerClass: 'k8s.io/ingress-nginx' },
    { host: req.host ?? 'foo.bar.com', path: req.path ?? '/', scheme: req.scheme ?? 'http' },
  );
}

// ---- the Kubernetes docs' path matching examples ------------------------------------------------
// content/en/docs/concepts/services-networking/ingress.md, "Examples" table, row by row. Each listed
// path routes to its own Service; "No" means ingress-nginx's default backend answers 404. Where the
// docs say a trailing slash is ignored, nginx (proxy_pass auto_redirect) first answers 301 to "path/",
// which then matches: the route names that rule with status 301.

const sv = (path: string, type: string) => `${type.toLowerCase()}${path.replace(/\//g, '-') || '-root'}`;
describe('Ingress docs path-matching table (ingress.md "Examples")', () => {
  it.each<[string, [string, string][], string, [string, string] | null, number | null]>([
    ['Prefix / | (all paths) | Yes', [['/', 'Prefix']], '/anything/at/all', ['/', 'Prefix'], null],
    ['Exact /foo | /foo | Yes', [['/foo', 'Exact']], '/foo', ['/foo', 'Exact'], null],
    ['Exact /foo | /bar | No', [['/foo', 'Exact']], '/bar', null, 404],
    ['Exact /foo | /foo/ | No', [['/foo', 'Exact']], '/foo/', null, 404],
    // ingress-nginx: "= /foo/" has proxy_pass, so nginx redirects /foo → /foo/ (where the docs say No).
    ['Exact /foo/ | /foo | No (nginx: 301 to /foo/)', [['/foo/', 'Exact']], '/foo', ['/foo/', 'Exact'], 301],
    ['Prefix /foo | /foo, /foo/ | Yes (/foo)', [['/foo', 'Prefix']], '/foo', ['/foo', 'Prefix'], null],
    ['Prefix /foo | /foo, /foo/ | Yes (/foo/)', [['/foo', 'Prefix']], '/foo/', ['/foo', 'Prefix'], null],
    ['Prefix /foo/ | /foo, /foo/ | Yes (/foo, via 301)', [['/foo/', 'Prefix']], '/foo', ['/foo/', 'Prefix'], 301],
    ['Prefix /foo/ | /foo, /foo/ | Yes (/foo/)', [['/foo/', 'Prefix']], '/foo/', ['/foo/', 'Prefix'], null],
    ['Prefix /aaa/bb | /aaa/bbb | No', [['/aaa/bb', 'Prefix']], '/aaa/bbb', null, 404],
    ['Prefix /aaa/bbb | /aaa/bbb | Yes', [['/aaa/bbb', 'Prefix']], '/aaa/bbb', ['/aaa/bbb', 'Prefix'], null],
    ['Prefix /aaa/bbb/ | /aaa/bbb | Yes, ignores trailing slash (nginx: 301)', [['/aaa/bbb/', 'Prefix']], '/aaa/bbb', ['/aaa/bbb/', 'Prefix'], 301],
    ['Prefix /aaa/bbb | /aaa/bbb/ | Yes, matches trailing slash', [['/aaa/bbb', 'Prefix']], '/aaa/bbb/', ['/aaa/bbb', 'Prefix'], null],
    ['Prefix /aaa/bbb | /aaa/bbb/ccc | Yes, matches subpath', [['/aaa/bbb', 'Prefix']], '/aaa/bbb/ccc', ['/aaa/bbb', 'Prefix'], null],
    ['Prefix /aaa/bbb | /aaa/bbbxyz | No, does not match string prefix', [['/aaa/bbb', 'Prefix']], '/aaa/bbbxyz', null, 404],
    [
      'Prefix /, /aaa | /aaa/ccc | Yes, matches /aaa prefix',
      [
        ['/', 'Prefix'],
        ['/aaa', 'Prefix'],
      ],
      '/aaa/ccc',
      ['/aaa', 'Prefix'],
      null,
    ],
    [
      'Prefix /, /aaa, /aaa/bbb | /aaa/bbb | Yes, matches /aaa/bbb prefix',
      [
        ['/', 'Prefix'],
        ['/aaa', 'Prefix'],
        ['/aaa/bbb', 'Prefix'],
      ],
      '/aaa/bbb',
      ['/aaa/bbb', 'Prefix'],
      null,
    ],
    [
      'Prefix /, /aaa, /aaa/bbb | /ccc | Yes, matches / prefix',
      [
        ['/', 'Prefix'],
        ['/aaa', 'Prefix'],
        ['/aaa/bbb', 'Prefix'],
      ],
      '/ccc',
      ['/', 'Prefix'],
      null,
    ],
    ['Prefix /aaa | /ccc | No, uses default backend', [['/aaa', 'Prefix']], '/ccc', null, 404],
    [
      'Mixed /foo (Prefix), /foo (Exact) | /foo | Yes, prefers Exact',
      [
        ['/foo', 'Prefix'],
        ['/foo', 'Exact'],
      ],
      '/foo',
      ['/foo', 'Exact'],
      null,
    ],
  ])('%s', (_row, paths, request, expected, status) => {
    const r = route([ing('t', { host: 'foo.bar.com', paths: paths.map(([path, pathType]) => ({ path, pathType, svc: sv(path, pathType) })) })], { path: request });
    expect(r.status).toBe(status);
    if (expected) {
      expect(r.rule).toEqual({ host: 'foo.bar.com', path: expected[0], pathType: expected[1] });
      expect(r.backend).toEqual({ service: `default/${sv(expected[0], expected[1])}`, port: 80 });
      expect(r.ingress).toBe('default/t');
    } else {
      expect(r).toMatchObject({ rule: null, backend: null, defaultBackend: 'controller', reason: 'no-rule' });
    }
  });
});

// The docs' "Hostname wildcards" table, plus exact names winning over wildcards (nginx server_name).
describe('host matching (ingress.md "Hostname wildcards"; template.go buildServerName)', () => {
  const ings = [ing('w', { host: '*.foo.com', paths: [{ path: '/', svc: 'wild' }] }), ing('e', { host: 'exact.foo.com', paths: [{ path: '/', svc: 'exact' }] })];
  it.each<[string, string, string | null]>([
    ['*.foo.com | bar.foo.com | Matches based on shared suffix', 'bar.foo.com', 'default/wild'],
    ['*.foo.com | baz.bar.foo.com | No match, wildcard only covers a single DNS label', 'baz.bar.foo.com', null],
    ['*.foo.com | foo.com | No match, wildcard only covers a single DNS label', 'foo.com', null],
    ['exact server_name beats the wildcard regex', 'exact.foo.com', 'default/exact'],
    ['Host header is case-insensitive and the port is ignored', 'BAR.Foo.com:8080', 'default/wild'],
  ])('%s', (_n, host, service) => {
    expect(route(ings, { host }).backend?.service ?? null).toBe(service);
  });

  it('a rule without host serves any host with no server of its own (the "_" server)', () => {
    const r = route([ing('any', { paths: [{ path: '/', svc: 'catch' }] })], { host: '10.0.0.1' });
    expect(r.backend).toEqual({ service: 'default/catch', port: 80 });
    expect(r.rule).toEqual({ host: null, path: '/', pathType: 'Prefix' });
  });
});

describe('ImplementationSpecific and regex (template.go buildLocation)', () => {
  it.each<[string, Record<string, string> | undefined, string, string, boolean]>([
    ['ImplementationSpecific without regex is a plain nginx prefix: /foo matches /foobar', undefined, '/foo', '/foobar', true],
    ['ImplementationSpecific: not a prefix → default backend', undefined, '/foo', '/bar', false],
    ['use-regex: `~* "^path"`, case-insensitive', { 'nginx.ingress.kubernetes.io/use-regex': 'true' }, '/api/v[0-9]+', '/API/v2/users', true],
    ['use-regex: anchored at the start', { 'nginx.ingress.kubernetes.io/use-regex': 'true' }, '/api/v[0-9]+', '/x/api/v2', false],
  ])('%s', (_n, annotations, path, request, matches) => {
    const r = route([ing('t', { host: 'foo.bar.com', annotations, paths: [{ path, pathType: 'ImplementationSpecific', svc: 'web' }] })], { path: request });
    expect(r.backend !== null).toBe(matches);
  });

  it('nginx $uri: query dropped, slashes merged, dot segments resolved', () => {
    expect(normalizePath('/a//b/./c/../d?x=1')).toBe('/a/b/d');
  });
});

// ---- which Ingresses the controller serves --------------------------------------------------------

describe('Ingress class (store.go GetIngressClass, DefaultIngressClass admission)', () => {
  const noDefault: KubeObject = { ...nginxClass, metadata: { name: 'nginx' } };
  const otherDefault: KubeObject = { ...otherClass, metadata: { name: 'traefik', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } };
  it.each<[string, { className?: string; annotations?: Record<string, string> }, KubeObject[], boolean]>([
    ['ingressClassName of a class whose controller is k8s.io/ingress-nginx', { className: 'nginx' }, [nginxClass, otherClass], true],
    ["ingressClassName of another controller's class", { className: 'traefik' }, [nginxClass, otherClass], false],
    ['ingressClassName naming no IngressClass at all', { className: 'missing' }, [nginxClass], false],
    ['no class: admission assigns the default class (nginx)', {}, [nginxClass, otherClass], true],
    ["no class: admission assigns another controller's default class", {}, [noDefault, otherDefault], false],
    ['no class and no default: --watch-ingress-without-class=true (kind deploy)', {}, [noDefault], true],
    ['deprecated kubernetes.io/ingress.class: nginx', { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }, [noDefault, otherDefault], true],
    ['deprecated kubernetes.io/ingress.class of another controller', { annotations: { 'kubernetes.io/ingress.class': 'traefik' } }, [nginxClass], false],
    ['canary Ingresses are not merged here (skipped)', { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true' } }, [nginxClass], false],
  ])('%s', (_n, o, classes, served) => {
    const r = route([ing('t', { ...o, host: 'foo.bar.com', paths: [{ path: '/', svc: 'web' }] })], {}, { classes });
    expect(r.backend !== null).toBe(served);
  });
});

// ---- merging, default backends, upstream errors ------------------------------------------------

describe('rules merged across Ingresses (controller.go getBackendServers)', () => {
  it.each<[string, KubeObject[], string]>([
    [
      'same host+path+type: the oldest Ingress keeps it',
      [
        ing('new', { created: '2026-01-01T00:00:10Z', host: 'foo.bar.com', paths: [{ path: '/app', svc: 'new' }] }),
        ing('old', { created: '2026-01-01T00:00:05Z', host: 'foo.bar.com', paths: [{ path: '/app', svc: 'old' }] }),
      ],
      'default/old',
    ],
    [
      'sortIngressSlice: same creationTimestamp → "ns/name" descending goes first',
      [ing('a', { host: 'foo.bar.com', paths: [{ path: '/app', svc: 'from-a' }] }), ing('b', { host: 'foo.bar.com', paths: [{ path: '/app', svc: 'from-b' }] })],
      'default/from-b',
    ],
    [
      'different paths on one host merge into one server',
      [ing('a', { host: 'foo.bar.com', paths: [{ path: '/x', svc: 'x' }] }), ing('b', { host: 'foo.bar.com', paths: [{ path: '/app', svc: 'app' }] })],
      'default/app',
    ],
  ])('%s', (_n, ings, service) => {
    expect(route(ings, { path: '/app/page' }).backend?.service).toBe(service);
  });
});

describe('default backends (controller.go createServers)', () => {
  it.each<[string, KubeObject[], string, Partial<ReturnType<typeof route>>]>([
    [
      'spec.defaultBackend without rules serves the catch-all server',
      [ing('d', { defaultBackend: 'fallback' })],
      'any.host',
      { ingress: 'default/d', backend: { service: 'default/fallback', port: 80 }, defaultBackend: 'spec', status: null, reason: 'default-backend', rule: null },
    ],
    [
      'spec.defaultBackend serves unmatched paths on its own hosts',
      [ing('d', { defaultBackend: 'fallback', host: 'foo.bar.com', paths: [{ path: '/api', svc: 'api' }] })],
      'foo.bar.com',
      { ingress: 'default/d', defaultBackend: 'spec', backend: { service: 'default/fallback', port: 80 } },
    ],
    [
      'no match and no spec.defaultBackend: the controller default backend, 404',
      [ing('i', { host: 'foo.bar.com', paths: [{ path: '/api', svc: 'api' }] })],
      'foo.bar.com',
      { ingress: null, backend: null, defaultBackend: 'controller', status: 404, reason: 'no-rule' },
    ],
    ['unknown host: the controller default backend', [ing('i', { host: 'foo.bar.com', paths: [{ path: '/', svc: 'web' }] })], 'other.com', { defaultBackend: 'controller', status: 404 }],
  ])('%s', (_n, ings, host, expected) => {
    expect(route(ings, { host, path: '/nothing-here' })).toMatchObject(expected);
  });
});

describe('upstream endpoints (controller.go serviceEndpoints, endpointslices.go)', () => {
  const one = (port: number | string = 80) => [ing('i', { host: 'foo.bar.com', paths: [{ path: '/', svc: 'web', port }] })];
  it.each<[string, number | string, ServiceState[], [string, EndpointState[]][] | undefined, number | null, string]>([
    ['ready endpoints → proxied', 80, [svc('web')], undefined, null, 'matched'],
    ['Service missing → 503', 80, [], [], 503, 'service-missing'],
    ['no Service port with that number, targetPort or name → 503', 81, [svc('web')], undefined, 503, 'port-missing'],
    [
      'backend port by name resolves against the Service ports',
      'http',
      [svc('web', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] })],
      [['default/web:http/TCP', [ready('10.244.1.2')]]],
      null,
      'matched',
    ],
    ['serviceEndpoints also matches the targetPort number', 8080, [svc('web')], undefined, null, 'matched'],
    ['only unready endpoints → 503', 80, [svc('web')], [['default/web:/TCP', [{ ...ready('10.244.1.2'), ready: false }]]], 503, 'no-endpoints'],
    [
      'getEndpoints(…, TCP): a UDP port has no upstream servers → 503',
      80,
      [svc('web', { ports: [{ port: 80, protocol: 'UDP' }] })],
      [['default/web:/UDP', [ready('10.244.1.2')]]],
      503,
      'no-endpoints',
    ],
    ['ExternalName Service is proxied to its name', 80, [svc('web', { type: 'ExternalName', externalName: 'example.com' })], [], null, 'external-name'],
    ['ExternalName localhost is refused → 503', 80, [svc('web', { type: 'ExternalName', externalName: 'localhost' })], [], 503, 'external-name-invalid'],
  ])('%s', (_n, port, services, endpoints, status, reason) => {
    const r = route(one(port), {}, { services, endpoints });
    expect([r.status, r.reason]).toEqual([status, reason]);
    expect(r.backend).toEqual({ service: 'default/web', port });
  });
});

describe('TLS (controller.go createServers extractTLSSecretName, ssl-redirect)', () => {
  const tlsIng = (annotations?: Record<string, string>, hosts = ['foo.bar.com']) => [
    ing('t', { annotations, host: 'foo.bar.com', tls: [{ hosts, secretName: 'foo-tls' }], paths: [{ path: '/', svc: 'web' }] }),
  ];
  it.each<[string, KubeObject[], 'http' | 'https', unknown, number | null]>([
    ['https to a host listed under spec.tls: terminated with its Secret', tlsIng(), 'https', { secretName: 'foo-tls', host: 'foo.bar.com' }, null],
    ['http to a TLS host: ssl-redirect answers 308', tlsIng(), 'http', null, 308],
    ['ssl-redirect "false" keeps plain HTTP', tlsIng({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }), 'http', null, null],
    [
      'force-ssl-redirect without TLS still redirects',
      [ing('t', { annotations: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' }, host: 'foo.bar.com', paths: [{ path: '/', svc: 'web' }] })],
      'http',
      null,
      308,
    ],
    ['tls section for other hosts: the default certificate (secretName "")', tlsIng(undefined, ['other.com']), 'https', { secretName: '', host: 'foo.bar.com' }, null],
    ['no tls section: https served with the default certificate, tls null', [ing('t', { host: 'foo.bar.com', paths: [{ path: '/', svc: 'web' }] })], 'https', null, null],
  ])('%s', (_n, ings, scheme, tls, status) => {
    const r = route(ings, { scheme });
    expect(r.tls).toEqual(tls);
    expect(r.status).toBe(status);
  });
});
