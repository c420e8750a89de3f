import { describe, expect, it } from 'vitest';
import { loadManifests, loadUpdate, type LoadedCluster } from '../index';
import { applyWarnings, appliedObjects } from './apply-warnings';

const load = (text: string, seed = 1) => loadManifests([{ name: 'm.yaml', text }], { seed });
const obj = (c: LoadedCluster, key: string) => c.objects.find((o) => o.key === key)?.object as Record<string, any> | undefined;
const errors = (c: LoadedCluster) => c.diagnostics.filter((d) => d.severity === 'error');

const svc = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {app: ${name}}
  ports:
  - port: 80
`;

describe('topology', () => {
  it('without a kind config: one control-plane and two workers named as kind names them, kubeadm service subnet', () => {
    const c = load('');
    const nodes = c.objects.filter((o) => o.kind === 'Node');
    expect(nodes.map((n) => n.name)).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2']);
    expect(nodes.map((n) => (n.object.spec as any).podCIDR)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    expect(nodes.map((n) => (n.object.status as any).addresses[0])).toEqual([
      { type: 'InternalIP', address: '192.168.49.2' },
      { type: 'InternalIP', address: '192.168.49.3' },
      { type: 'InternalIP', address: '192.168.49.4' },
    ]);
    expect(c.topology.net.serviceSubnet).toBe('10.96.0.0/12');
    expect(errors(c)).toEqual([]);
  });

  it.each([
    // kind v1alpha4 SetDefaultsCluster: serviceSubnet 10.96.0.0/16, podSubnet 10.244.0.0/16, one control-plane
    ['kind defaults', 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n', ['kind-control-plane'], '10.96.0.0/16'],
    [
      'kind names workers -worker, -worker2 and honours networking',
      'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: lab\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\nnetworking:\n  serviceSubnet: 10.100.0.0/16\n',
      ['lab-control-plane', 'lab-worker', 'lab-worker2'],
      '10.100.0.0/16',
    ],
  ])('%s', (_what, text, names, subnet) => {
    const c = load(text);
    expect(c.objects.filter((o) => o.kind === 'Node').map((n) => n.name)).toEqual(names);
    expect(c.topology.net.serviceSubnet).toBe(subnet);
    expect(obj(c, `Service/default/kubernetes`)!.spec.clusterIP).toBe(subnet.replace(/0\/16$/, '1'));
  });

  it('a kubeProxyMode other than iptables is accepted and simulated as iptables, with a warning', () => {
    const c = load('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  kubeProxyMode: ipvs\n');
    expect(errors(c)).toEqual([]);
    expect(c.diagnostics.some((d) => d.severity === 'warning' && /simulated as iptables/.test(d.message))).toBe(true);
  });

  it('explicit Node objects define the cluster; a pinned podCIDR and InternalIP win', () => {
    const c = load(`apiVersion: v1
kind: Node
metadata: {name: a}
spec: {podCIDR: 10.244.7.0/24}
status:
  addresses: [{type: InternalIP, address: 192.168.49.2}]
---
apiVersion: v1
kind: Node
metadata: {name: b}
`);
    const nodes = c.objects.filter((o) => o.kind === 'Node');
    expect(nodes.map((n) => n.name)).toEqual(['a', 'b']);
    expect((nodes[0].object.spec as any).podCIDR).toBe('10.244.7.0/24');
    expect((nodes[1].object.spec as any).podCIDR).not.toBe('10.244.7.0/24');
    expect((nodes[1].object.status as any).addresses[0].address).not.toBe('192.168.49.2');
  });
});

describe('objects every cluster has', () => {
  it('default/kubernetes on the first service IP and kube-dns on the tenth', () => {
    const c = load('');
    expect(obj(c, 'Service/default/kubernetes')!.spec).toMatchObject({ clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] });
    const dns = obj(c, 'Service/kube-system/kube-dns')!;
    expect(dns.spec.clusterIP).toBe('10.96.0.10');
    expect(dns.spec.ports.map((p: any) => `${p.name} ${p.port}/${p.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    expect(obj(c, 'Deployment/kube-system/coredns')).toBeDefined();
    expect(c.objects.filter((o) => o.kind === 'Namespace').map((o) => o.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'ingress-nginx', 'metallb-system']);
  });

  it('a user Service pinning kube-dns\'s address is rejected as already allocated', () => {
    const c = load(svc('mine').replace('spec:\n', 'spec:\n  clusterIP: 10.96.0.10\n'));
    const e = errors(c);
    expect(e).toHaveLength(1);
    expect(e[0].message).toMatch(/already allocated/);
    expect(c.userObjects).toEqual([]);
  });

  it('pasted cluster state is adopted: a kube-dns Service with its own IP is not a conflict', () => {
    const c = load(`apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  clusterIP: 10.96.0.10
  selector: {k8s-app: kube-dns}
  ports: [{name: dns, port: 53, protocol: UDP}]
`);
    expect(errors(c)).toEqual([]);
    expect(c.objects.filter((o) => o.key === 'Service/kube-system/kube-dns')).toHaveLength(1);
    expect(c.userObjects.map((o) => o.key)).toEqual(['Service/kube-system/kube-dns']);
  });
});

describe('create semantics, object by object in document order', () => {
  it('a second object of the same kind, namespace and name is AlreadyExists (409)', () => {
    const c = load(svc('web') + '---\n' + svc('web'));
    const [e] = errors(c);
    expect(e).toMatchObject({ reason: 'AlreadyExists', code: 409, document: 1, message: 'services "web" already exists' });
    expect(c.userObjects).toHaveLength(1);
  });

  it('the same name in another namespace is fine; a namespace that does not exist is NotFound (404)', () => {
    const c = load(svc('web') + '---\n' + svc('web').replace('name: web', 'name: web\n  namespace: shop') + '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n' + svc('web').replace('name: web', 'name: web\n  namespace: shop'));
    const e = errors(c);
    expect(e.map((d) => [d.document, d.reason, d.code, d.message])).toEqual([[1, 'NotFound', 404, 'namespaces "shop" not found']]);
    expect(c.userObjects.map((o) => o.key)).toEqual(['Service/default/web', 'Namespace//shop', 'Service/shop/web']);
  });

  it('two Services pinning one nodePort: the later one is rejected', () => {
    const np = (n: string) => svc(n).replace('spec:\n', 'spec:\n  type: NodePort\n').replace('- port: 80', '- port: 80\n    nodePort: 30080');
    const c = load(np('a') + '---\n' + np('b'));
    const [e] = errors(c);
    expect(e.document).toBe(1);
    expect(e.field).toBe('spec.ports[0].nodePort');
    expect(e.message).toMatch(/^The Service "b" is invalid: spec\.ports\[0\]\.nodePort: Invalid value: 30080: provided port is already allocated/);
  });

  it('automatic allocation avoids values pinned later in the text', () => {
    const pinnedLater = (ip: string) => svc('pinned').replace('spec:\n', `spec:\n  clusterIP: ${ip}\n`);
    const first = load(svc('auto'));
    const autoIP = obj(first, 'Service/default/auto')!.spec.clusterIP;
    const c = load(svc('auto') + '---\n' + pinnedLater(autoIP));
    expect(errors(c)).toEqual([]);
    expect(obj(c, 'Service/default/auto')!.spec.clusterIP).not.toBe(autoIP);
    expect(obj(c, 'Service/default/pinned')!.spec.clusterIP).toBe(autoIP);
  });

  it('an unrelated edit does not move an address; the same text and seed give the same addresses', () => {
    const a = load(svc('a') + '---\n' + svc('b'));
    const b = load(svc('a') + '---\n' + svc('new') + '---\n' + svc('b'));
    expect(obj(b, 'Service/default/a')!.spec.clusterIP).toBe(obj(a, 'Service/default/a')!.spec.clusterIP);
    expect(obj(b, 'Service/default/b')!.spec.clusterIP).toBe(obj(a, 'Service/default/b')!.spec.clusterIP);
    expect(load(svc('a')).objects).toEqual(load(svc('a')).objects.map((o) => o));
    expect(JSON.stringify(load(svc('a')).objects.map((o) => o.object))).toBe(JSON.stringify(load(svc('a')).objects.map((o) => o.object)));
  });
});

describe('shapes that are not plain objects', () => {
  it('a v1 List (kubectl get -o yaml) is unwrapped into its items, errors pointing into the list', () => {
    const c = load(`apiVersion: v1
kind: List
items:
- ${svc('a').replace(/\n/g, '\n  ').trimEnd()}
- ${svc('b').replace(/\n/g, '\n  ').replace('port: 80', 'port: 0').trimEnd()}
`);
    expect(c.userObjects.map((o) => o.key)).toEqual(['Service/default/a']);
    const [e] = errors(c);
    expect(e.field).toBe('spec.ports[0].port');
    expect(e.line).toBe(19); // the `- port: 0` line of the second item
  });

  it.each([
    ['an unknown kind is kept with a "not simulated" warning', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {}\n', 0, 1],
    ['a known kind in an unserved version is rejected', 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: old}\n', 1, 0],
    ['a scalar document is a decoding error', 'just a string\n', 1, 0],
    ['missing apiVersion and kind', 'metadata: {name: x}\n', 1, 0],
    ['empty text', '', 0, 0],
    ['a single ---', '---\n', 0, 0],
  ])('%s', (_what, text, nErrors, nWarnings) => {
    const c = load(text);
    expect(errors(c)).toHaveLength(nErrors);
    expect(c.diagnostics.filter((d) => d.severity === 'warning')).toHaveLength(nWarnings);
  });

  it('a wrong YAML type for a field is a decoding error (400), not a validation error', () => {
    const c = load(svc('web').replace('selector: {app: web}', 'selector:\n    matchLabels: {app: web}'));
    const [e] = errors(c);
    expect(e).toMatchObject({ reason: 'BadRequest', code: 400, field: 'spec.selector.matchLabels' });
    expect(e.message).toMatch(/^Service in version "v1" cannot be handled as a Service: json: cannot unmarshal object into Go struct field ServiceSpec\.spec\.selector of type string/);
  });
});

describe('update semantics (kubectl apply of an edit)', () => {
  const files = (t: string) => [{ name: 'm.yaml', text: t }];
  it('allocated values the new object leaves out are carried over', () => {
    const old = svc('web').replace('spec:\n', 'spec:\n  type: NodePort\n');
    const r = loadUpdate(files(old), files(old));
    expect(r.diagnostics).toEqual([]);
    const before = r.old.objects.find((o) => o.key === 'Service/default/web')!.object as any;
    const after = r.objects[0].object as any;
    expect(after.spec.clusterIP).toBe(before.spec.clusterIP);
    expect(after.spec.ports[0].nodePort).toBe(before.spec.ports[0].nodePort);
  });
  it('a type change ClusterIP → NodePort allocates a node port in range', () => {
    const r = loadUpdate(files(svc('web')), files(svc('web').replace('spec:\n', 'spec:\n  type: NodePort\n')));
    expect(r.diagnostics).toEqual([]);
    const np = (r.objects[0].object as any).spec.ports[0].nodePort;
    expect(np).toBeGreaterThanOrEqual(30000);
    expect(np).toBeLessThanOrEqual(32767);
  });
  it('a Deployment selector change is rejected (apps/v1 selectors are immutable)', () => {
    const dep = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}}}
    spec: {containers: [{name: c, image: nginx}]}
`;
    const r = loadUpdate(files(dep('a')), files(dep('b')));
    expect(r.diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(/^The Deployment "d" is invalid: spec\.selector: Invalid value: .*field is immutable/));
  });
});

describe('edits a real kubectl apply would reject are warnings', () => {
  it('a changed spec.clusterIP is accepted (re-created) but warned about', () => {
    const a = svc('web').replace('spec:\n', 'spec:\n  clusterIP: 10.96.5.5\n');
    const b = svc('web').replace('spec:\n', 'spec:\n  clusterIP: 10.96.5.6\n');
    const prev = load(a);
    const next = load(b);
    expect(errors(next)).toEqual([]);
    const w = applyWarnings(appliedObjects(new Map(), prev), next);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', reason: 'ApplyWouldFail', field: 'spec.clusterIPs[0]', line: 6 });
    expect(w[0].message).toMatch(/may not change once set$/);
  });
  it('an invalid intermediate state (while typing) does not hide the change from the last applied version', () => {
    const applied = appliedObjects(new Map(), load(svc('web').replace('spec:\n', 'spec:\n  clusterIP: 10.96.5.5\n')));
    const typing = load(svc('web').replace('spec:\n', 'spec:\n  clusterIP: 10.96.5.\n'));
    expect(typing.userObjects).toEqual([]);
    const after = appliedObjects(applied, typing);
    const done = load(svc('web').replace('spec:\n', 'spec:\n  clusterIP: 10.96.5.6\n'));
    expect(applyWarnings(after, done).map((d) => d.reason)).toEqual(['ApplyWouldFail']);
  });
  it('a Deployment edit apply would reject warns too (no Service changed: the allocator is not loaded)', () => {
    const deploy = (app: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: ${app}}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec: {containers: [{name: c, image: nginx}]}\n`;
    const prev = load(`${svc('web')}---\n${deploy('web')}`);
    const next = load(`${svc('web')}---\n${deploy('web2')}`);
    expect(errors(next)).toEqual([]);
    const w = applyWarnings(appliedObjects(new Map(), prev), next);
    expect(w.map((d) => [d.reason, d.field])).toEqual([['ApplyWouldFail', 'spec.selector']]);
    expect(w[0].message).toMatch(/field is immutable/);
  });
  it('the live Services loaded into the allocator are left as stored (NodePort, LoadBalancer, headless)', () => {
    const others = [
      svc('np').replace('spec:\n', 'spec:\n  type: NodePort\n'),
      svc('lb').replace('spec:\n', 'spec:\n  type: LoadBalancer\n  externalTrafficPolicy: Local\n'),
      svc('hl').replace('spec:\n', 'spec:\n  clusterIP: None\n'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: bare}\nspec: {type: ExternalName, externalName: example.com}\n',
    ];
    const prev = load([svc('web').replace('spec:\n', 'spec:\n  clusterIP: 10.96.5.5\n'), ...others].join('---\n'));
    const before = JSON.stringify(prev.objects.map((o) => o.object));
    const next = load([svc('web').replace('spec:\n', 'spec:\n  clusterIP: 10.96.5.6\n'), ...others].join('---\n'));
    expect(applyWarnings(appliedObjects(new Map(), prev), next).map((d) => d.field)).toEqual(['spec.clusterIPs[0]']);
    expect(JSON.stringify(prev.objects.map((o) => o.object))).toBe(before);
  });
  it('a NodePort taken by another live Service: the edit that claims it would be rejected', () => {
    const np = (name: string, port: number | null) => svc(name).replace('spec:\n', 'spec:\n  type: NodePort\n').replace('- port: 80\n', `- port: 80\n${port ? `    nodePort: ${port}\n` : ''}`);
    const prev = load([np('a', 30080), np('b', 30081)].join('---\n'));
    // The text alone is fine (b moves to a free port and a takes b's old one) but, applied one object at a time, a's update finds 30081 held by b.
    const next = load([np('a', 30081), np('b', 30082)].join('---\n'));
    expect(errors(next)).toEqual([]);
    const w = applyWarnings(appliedObjects(new Map(), prev), next);
    expect(w.map((d) => [d.field, d.message.endsWith('provided port is already allocated')])).toContainEqual(['spec.ports[0].nodePort', true]);
  });
  it('an ordinary edit gives no warning', () => {
    const prev = load(svc('web'));
    const next = load(svc('web').replace('port: 80', 'port: 8080'));
    expect(applyWarnings(appliedObjects(new Map(), prev), next)).toEqual([]);
  });
});
