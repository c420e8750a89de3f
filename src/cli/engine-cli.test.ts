// The engine commands through the CLI's dispatcher, checking the JSON shapes scripts rely on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from './main';
import type { CommandIO } from './commands';

function knp(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => '', readFile: (p) => readFileSync(p, 'utf8') };
  const code = run(argv, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

describe('knp trace', () => {
  it('prints the documented JSON fields', () => {
    const r = knp(['trace', '-f', 'examples/clusterip.yaml', '--from', 'pod/default/alpine', '--to', 'http://go-helloworld:8111', '-o', 'json']);
    expect(r.code).toBe(0);
    const t = r.json();
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['outcome', 'reason', 'explain', 'http', 'backend', 'hops', 'reply']));
    expect(t).toMatchObject({ outcome: 'delivered', http: { status: 200 }, backend: { port: 6112 } });
    expect(Object.keys(t.backend).sort()).toEqual(['ip', 'node', 'pod', 'port', 'seenSource']);
    for (const h of [...t.hops, ...t.reply.hops]) {
      expect(h).toEqual(expect.objectContaining({ seq: expect.any(Number), at: expect.any(String), time: expect.any(Number), component: expect.any(String), action: expect.any(String), note: expect.any(String) }));
      expect(h).toHaveProperty('rule');
      expect(h).toHaveProperty('probability');
      expect(h).toHaveProperty('conntrack');
      expect(Object.keys(h.before).sort()).toEqual(['dst', 'proto', 'src']);
    }
    expect(typeof t.explain).toBe('string');
  });

  it('--count adds the distribution keyed by endpoint', () => {
    const t = knp(['trace', '-f', 'examples/podinfo.yaml', '--from', 'pod/default/nginx', '--to', 'http://podinfo', '--count', '60', '-o', 'json']).json();
    expect(t.distribution).toHaveLength(3);
    expect(t.distribution.reduce((a: number, d: { count: number }) => a + d.count, 0)).toBe(60);
    expect(Object.keys(t.distribution[0]).sort()).toEqual(['count', 'ip', 'pod', 'port']);
  });

  it('a --from pod that does not exist exits 1 with a clear message', () => {
    const r = knp(['trace', '-f', 'examples/clusterip.yaml', '--from', 'pod/default/ghost', '--to', 'go-helloworld:8111']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: pod "ghost" not found in namespace "default"\n');
  });

  it.each([
    [['--from', 'pod/default/alpine'], 'missing --to'],
    [['--from', 'somewhere', '--to', 'x:1'], 'bad --from'],
    [['--from', 'pod/default/alpine', '--to', 'go-helloworld'], 'a port-less TCP destination'],
    [['--from', 'pod/default/alpine', '--to', 'x:1', '--protocol', 'QUIC'], 'an unknown protocol'],
  ])('bad usage exits 2: %j (%s)', (flags) => {
    const r = knp(['trace', '-f', 'examples/clusterip.yaml', ...(flags as string[])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
  });

  it('--action and --seed change the state reproducibly', () => {
    const a = knp(['trace', '-f', 'examples/podinfo.yaml', '--from', 'pod/default/nginx', '--to', 'http://podinfo', '--seed', '3', '-o', 'json']).json();
    const b = knp(['trace', '-f', 'examples/podinfo.yaml', '--from', 'pod/default/nginx', '--to', 'http://podinfo', '--seed', '3', '-o', 'json']).json();
    expect(a).toEqual(b);
    const skipped = knp(['trace', '-f', 'examples/podinfo.yaml', '--from', 'pod/default/nginx', '--to', 'http://podinfo', '--action', 'delete pod/default/nope']);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/warning: .*skipped/);
  });
});

describe('knp dns, resolv-conf, env, iptables, endpoints, ingress', () => {
  it('dns lists every query of the search walk', () => {
    const out = knp(['dns', '-f', 'examples/nginx.yaml', '--from', 'pod/default/client', '--name', 'nginx-service', '-o', 'json']).json();
    expect(out.rcode).toBe('NOERROR');
    expect(out.queries[0]).toMatchObject({ name: 'nginx-service.default.svc.cluster.local.', type: 'A', rcode: 'NOERROR' });
    expect(out.answers[0]).toMatchObject({ name: 'nginx-service.default.svc.cluster.local.', ttl: 30, type: 'A' });
    const trailing = knp(['dns', '-f', 'examples/nginx.yaml', '--from', 'pod/default/client', '--name', 'nope.example.', '-o', 'json']).json();
    expect(trailing.queries.map((q: { name: string }) => q.name)).toEqual(['nope.example.']);
  });

  it('resolv-conf is the kubelet\'s ClusterFirst file', () => {
    const r = knp(['resolv-conf', '-f', 'examples/nginx.yaml', '--pod', 'default/client']);
    expect(r.stdout).toContain('search default.svc.cluster.local svc.cluster.local cluster.local');
    expect(r.stdout).toContain('nameserver 10.96.0.10');
    expect(r.stdout).toContain('options ndots:5');
    expect(knp(['resolv-conf', '-f', 'examples/nginx.yaml', '--pod', 'default/client', '-o', 'json']).json()).toEqual({
      search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      nameservers: ['10.96.0.10'],
      options: ['ndots:5'],
    });
  });

  it('env has the Service variables of Services created before the pod', () => {
    const env = knp(['env', '-f', 'examples/nginx.yaml', '--pod', 'default/client', '-o', 'json']).json() as { name: string; value: string }[];
    const names = env.map((e) => e.name);
    expect(names).toContain('KUBERNETES_SERVICE_HOST');
    expect(names).toContain('NGINX_SERVICE_SERVICE_PORT');
    expect(env.find((e) => e.name === 'NGINX_SERVICE_PORT')!.value).toMatch(/^tcp:\/\/10\.\d+\.\d+\.\d+:8081$/);
  });

  it('iptables prints the nat table with the Service\'s chain', () => {
    const r = knp(['iptables', '-f', 'examples/nodeport.yaml', '--node', 'kind-worker', '-o', 'json']).json();
    expect(r.table).toBe('nat');
    expect(r.text).toMatch(/^\*nat\n/);
    expect(r.text).toContain('--comment default/myapp-service -m tcp -p tcp --dport 30008 -j KUBE-EXT-');
    expect(r.text.trimEnd().endsWith('COMMIT')).toBe(true);
    expect(knp(['iptables', '-f', 'examples/nodeport.yaml', '--node', 'nope']).code).toBe(1);
  });

  it('endpoints prints the kubectl table and -o json the EndpointSlices', () => {
    const table = knp(['endpoints', '-f', 'examples/podinfo.yaml', 'default/podinfo']);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+ENDPOINTS\s+AGE$/);
    expect(table.stdout).toMatch(/podinfo\s+10\.244\.\d+\.\d+:9898,10\.244\.\d+\.\d+:9898,10\.244\.\d+\.\d+:9898\s+0s/);
    const slices = knp(['endpoints', '-f', 'examples/podinfo.yaml', 'default/podinfo', '-o', 'json']).json();
    expect(slices[0]).toMatchObject({ kind: 'EndpointSlice', addressType: 'IPv4', ports: [{ name: 'http', port: 9898, protocol: 'TCP' }] });
    expect(slices[0].endpoints).toHaveLength(3);
  });

  it('ingress names the rule and backend for a host and path', () => {
    const r = knp(['ingress', '-f', 'examples/ingress.yaml', '--host', 'go-helloworld.com', '--path', '/hi/there', '-o', 'json']).json();
    expect(r).toEqual({
      ingress: 'default/go-helloworld',
      rule: { host: 'go-helloworld.com', path: '/hi', pathType: 'Prefix' },
      backend: { service: 'default/go-helloworld', port: 8111 },
      defaultBackend: null,
      tls: null,
    });
    const miss = knp(['ingress', '-f', 'examples/ingress.yaml', '--host', 'go-helloworld.com', '--path', '/hello', '-o', 'json']).json();
    expect(miss).toMatchObject({ backend: null, defaultBackend: 'controller' });
  });
});
