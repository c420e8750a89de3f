import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/types';
import { admissionDefaultClass, buildNginxServers, servedIngresses, updateServerLocations, type NginxLocation } from './ingress-servers';

const cls = (name: string, created: string, isDefault = true): KubeObject => ({
  kind: 'IngressClass',
  metadata: { name, creationTimestamp: created, annotations: isDefault ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : {} },
  spec: { controller: 'k8s.io/ingress-nginx' },
});
const ing = (ns: string, name: string, created: string, spec: Record<string, unknown> = {}): KubeObject => ({ kind: 'Ingress', metadata: { namespace: ns, name, creationTimestamp: created }, spec });
const loc = (path: string, pathType: NginxLocation['pathType'], extra: Partial<NginxLocation> = {}): NginxLocation => ({
  path,
  pathType,
  isDefBackend: false,
  backend: { kind: 'controller' },
  ingress: null,
  rule: null,
  useRegex: false,
  rewrite: false,
  sslRedirect: true,
  forceSslRedirect: false,
  ...extra,
});

describe('defaultingressclass admission getDefaultClass', () => {
  it.each<[string, KubeObject[], string | null]>([
    ['no default class', [cls('a', '2026-01-01T00:00:00Z', false)], null],
    ['several defaults: the newest wins', [cls('old', '2026-01-01T00:00:00Z'), cls('new', '2026-01-02T00:00:00Z')], 'new'],
    ['same creation time: name order', [cls('b', '2026-01-01T00:00:00Z'), cls('a', '2026-01-01T00:00:00Z')], 'a'],
  ])('%s', (_n, classes, expected) => {
    expect(admissionDefaultClass(classes)).toBe(expected);
  });
});

describe('store.go sortIngressSlice', () => {
  it('oldest first; equal creationTimestamp → "ns/name" descending', () => {
    const list = [ing('a', 'x', '2026-01-01T00:00:05Z'), ing('a', 'y', '2026-01-01T00:00:05Z'), ing('b', 'z', '2026-01-01T00:00:01Z')];
    expect(servedIngresses(list, [], 'k8s.io/ingress-nginx').map((i) => `${i.metadata!.namespace}/${i.metadata!.name}`)).toEqual(['b/z', 'a/y', 'a/x']);
  });
});

describe('location.go updateServerLocations', () => {
  it.each<[string, NginxLocation[], [string, string][]]>([
    [
      'Prefix /foo → "/foo/" plus an Exact "/foo"',
      [loc('/foo', 'Prefix')],
      [
        ['/foo/', 'Prefix'],
        ['/foo', 'Exact'],
      ],
    ],
    [
      'Prefix /foo/ keeps its path and gets an Exact twin "/foo/"',
      [loc('/foo/', 'Prefix')],
      [
        ['/foo/', 'Prefix'],
        ['/foo/', 'Exact'],
      ],
    ],
    [
      'an existing Exact /foo suppresses the twin',
      [loc('/foo', 'Prefix'), loc('/foo', 'Exact')],
      [
        ['/foo/', 'Prefix'],
        ['/foo', 'Exact'],
      ],
    ],
    ['the root location is left alone', [loc('/', 'Prefix')], [['/', 'Prefix']]],
    ['ImplementationSpecific is left alone', [loc('/foo', 'ImplementationSpecific')], [['/foo', 'ImplementationSpecific']]],
    ['regex locations are left alone', [loc('/foo', 'Prefix', { useRegex: true })], [['/foo', 'Prefix']]],
  ])('%s', (_n, input, expected) => {
    expect(updateServerLocations(input).map((l) => [l.path, l.pathType])).toEqual(expected);
  });
});

describe('controller.go createServers/getBackendServers', () => {
  it('servers per host, the "_" catch-all, locations longest path first', () => {
    const path = (p: string) => ({ path: p, pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } });
    const servers = buildNginxServers([ing('default', 'i', '2026-01-01T00:00:00Z', { rules: [{ host: 'a.com', http: { paths: [path('/x'), path('/longer')] } }] })], [], 'k8s.io/ingress-nginx');
    expect([...servers.keys()]).toEqual(['_', 'a.com']);
    expect(servers.get('a.com')!.locations.map((l) => `${l.pathType === 'Exact' ? '= ' : ''}${l.path}`)).toEqual(['/longer/', '= /longer', '/x/', '= /x', '/']);
  });
});
