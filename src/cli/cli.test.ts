import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from './main';
import type { CommandIO } from './commands';

/** Run the CLI in-process against in-memory files. */
function knp(argv: string[], files: Record<string, string> = {}, stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: () => stdin,
    readFile: (p) => {
      if (p in files) return files[p];
      if (p.startsWith('examples/')) return readFileSync(p, 'utf8');
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
  };
  const code = run(argv, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

const badNodePort = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    nodePort: 29999
`;

describe('knp validate', () => {
  it('accepts a course example and lists its objects in document order', () => {
    const r = knp(['validate', '-f', 'examples/clusterip.yaml', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      valid: true,
      objects: [
        { kind: 'Deployment', namespace: 'default', name: 'go-helloworld' },
        { kind: 'Service', namespace: 'default', name: 'go-helloworld' },
        { kind: 'Pod', namespace: 'default', name: 'alpine' },
      ],
      errors: [],
      warnings: [],
    });
  });

  it('reports a validation error with every field the issue names, and exits 1', () => {
    const r = knp(['validate', '-f', 'svc.yaml', '-o', 'json'], { 'svc.yaml': badNodePort });
    expect(r.code).toBe(1);
    const out = r.json();
    expect(out.valid).toBe(false);
    expect(out.objects).toEqual([]);
    expect(out.errors).toEqual([
      {
        severity: 'error',
        file: 'svc.yaml',
        document: 0,
        kind: 'Service',
        namespace: 'default',
        name: 'web',
        field: 'spec.ports[0].nodePort',
        type: 'Invalid value',
        value: 29999,
        detail: 'provided port is not in the valid range. The range of valid ports is 30000-32767',
        reason: 'Invalid',
        code: 422,
        message:
          'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767',
        line: 11,
        column: 15,
      },
    ]);
  });

  it('a YAML syntax error has reason YAMLSyntax and no object fields', () => {
    const r = knp(['validate', '-f', 'x.yaml', '-o', 'json'], { 'x.yaml': 'a: [1, 2\n' });
    const [e] = r.json().errors;
    expect(r.code).toBe(1);
    expect(e).toMatchObject({ reason: 'YAMLSyntax', kind: null, namespace: null, name: null, field: null, document: 0, line: 2 });
  });

  it('reads stdin with -f -, and several files in order', () => {
    const r = knp(['validate', '-f', '-', '-f', 'b.yaml', '-o', 'json'], { 'b.yaml': badNodePort.replace('29999', '30001') }, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
    expect(r.code).toBe(0);
    expect(r.json().objects.map((o: { name: string }) => o.name)).toEqual(['shop', 'web']);
  });

  it('--update carries allocated values over and rejects a changed clusterIP', () => {
    const old = badNodePort.replace('29999', '30001');
    const same = knp(['validate', '-f', 'old.yaml', '--update', 'new.yaml', '-o', 'json'], { 'old.yaml': old, 'new.yaml': old.replace('    nodePort: 30001\n', '') });
    expect(same.json().errors).toEqual([]);
    const changed = knp(['validate', '-f', 'old.yaml', '--update', 'new.yaml', '-o', 'json'], {
      'old.yaml': old.replace('spec:\n', 'spec:\n  clusterIP: 10.96.5.5\n'),
      'new.yaml': old.replace('spec:\n', 'spec:\n  clusterIP: 10.96.5.6\n'),
    });
    expect(changed.code).toBe(1);
    expect(changed.json().errors[0].message).toBe(
      // ValidateServiceUpdate → validateUpgradeDowngradeClusterIPs: the primary IP may not change
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.5.6"}: may not change once set',
    );
  });

  it.each([
    [['validate'], 'a missing -f'],
    [['validate', '-f', 'nope.yaml'], 'an unreadable file'],
    [['validate', '-f', 'a.yaml', '-o', 'xml'], 'an unknown output format'],
    [['frobnicate'], 'an unknown command'],
    [['get', 'widgets', '-f', 'examples/default.yaml'], 'an unknown resource type'],
    [['get', 'svc', '-f', 'examples/default.yaml', '--bogus', '1'], 'an unknown flag'],
  ])('exit 2 for bad usage: %s (%s)', (argv) => {
    const r = knp(argv as string[], { 'a.yaml': '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
  });
});

describe('knp get', () => {
  it('prints kubectl\'s Service table with the allocated NodePort', () => {
    const r = knp(['get', 'svc', '-f', 'examples/nodeport.yaml']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['NAME', 'kubernetes', 'myapp-service']);
    expect(lines[2]).toMatch(/^myapp-service\s+NodePort\s+10\.96\.\d+\.\d+\s+<none>\s+80:30008\/TCP\s+0s$/);
  });

  it.each([
    ['po', 'Pod'],
    ['services', 'Service'],
    ['deploy', 'Deployment'],
    ['no', 'Node'],
    ['ns', 'Namespace'],
  ])('accepts kubectl names: get %s -o json lists %s objects', (name, kind) => {
    const r = knp(['get', name, '-f', 'examples/default.yaml', '-A', '-o', 'json']);
    const out = r.json();
    expect(out.kind).toBe('List');
    expect(out.items.length).toBeGreaterThan(0);
    expect(out.items.every((o: { kind: string }) => o.kind === kind)).toBe(true);
  });

  it('a named object prints alone; a missing one is NotFound with exit 1', () => {
    const one = knp(['get', 'svc', 'kube-dns', '-n', 'kube-system', '-f', 'examples/default.yaml', '-o', 'json']);
    expect(one.json()).toMatchObject({ kind: 'Service', metadata: { name: 'kube-dns' }, spec: { clusterIP: '10.96.0.10' } });
    const missing = knp(['get', 'svc', 'nope', '-f', 'examples/default.yaml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): services "nope" not found\n');
  });

  it('nodes -o wide show InternalIPs; rejected objects are warnings on stderr', () => {
    const r = knp(['get', 'nodes', '-f', 'f.yaml', '-o', 'wide'], { 'f.yaml': badNodePort });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kind-worker2\s+Ready\s+<none>\s+0s\s+v1\.33\.\d+\s+192\.168\.49\.4/);
    expect(r.stderr).toMatch(/^warning: f\.yaml:11:15: rejected: The Service "web" is invalid/);
  });
});

describe('the knp bin', () => {
  it('runs the same CLI as a process (node 20, through the tsx loader)', () => {
    const out = execFileSync('node', ['bin/knp.mjs', 'get', 'svc', 'myapp-service', '-f', 'examples/nodeport.yaml', '-o', 'json'], { encoding: 'utf8' });
    expect(JSON.parse(out).spec.ports[0].nodePort).toBe(30008);
  });
});
