// Pins kubectl v1.33–1.35 `get` output: cells from pkg/printers/internalversion/printers.go,
// layout from cli-runtime/pkg/printers/tableprinter.go + GetNewTabWriter, AGE from
// apimachinery/pkg/util/duration HumanDuration, empty-list messages from kubectl get.go printObjs.
import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../core/model/types';
import { CLUSTER_EPOCH_MS, formatColumns, humanDuration, noResourcesMessage, printTable } from './printers';

const T0 = '2026-01-01T00:00:00Z'; // the cluster start: now = 0
const MIN = 60_000;
const lines = (...ls: string[]) => ls.map((l) => `${l}\n`).join('');
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', creationTimestamp: T0, ...extra });
const obj = (kind: string, name: string, body: Record<string, unknown> = {}, metaExtra: Record<string, unknown> = {}): KubeObject =>
  ({ kind, metadata: meta(name, metaExtra), ...body }) as KubeObject;

/** The text under `column` in a one-object table: header positions mark where each column starts. */
function cell(kind: string, o: KubeObject, column: string, wide = false, now = 5 * MIN): string {
  const [header, row] = printTable(kind, [o], { wide, withNamespace: false, now }).split('\n');
  const names = header.split(/ {3,}/);
  const starts = names.map((n) => header.indexOf(n));
  const i = names.indexOf(column);
  if (i < 0) throw new Error(`no column ${column} in ${header}`);
  return row.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trimEnd();
}

describe('humanDuration (duration.HumanDuration)', () => {
  it.each([
    [0, '0s', 'zero'],
    [-1_500, '0s', 'int(d.Seconds()) == -1: tolerated clock skew prints 0s'],
    [-2_000, '<invalid>', 'seconds < -1'],
    [59_000, '59s', 'seconds below 2m'],
    [119_999, '119s', 'still seconds up to 2m (truncated)'],
    [120_000, '2m', 'minutes < 10, no seconds part'],
    [150_000, '2m30s', 'minutes < 10 keep seconds'],
    [10 * MIN, '10m', 'minutes < 180 drop seconds'],
    [179 * MIN, '179m', 'up to 3h in minutes'],
    [180 * MIN, '3h', 'hours < 8, no minutes part'],
    [192 * MIN, '3h12m', 'hours < 8 keep minutes'],
    [8 * 60 * MIN, '8h', 'hours < 48 drop minutes'],
    [47 * 60 * MIN, '47h', 'up to 2 days in hours'],
    [48 * 60 * MIN, '2d', 'days < 8, no hours part'],
    [(2 * 24 + 5) * 60 * MIN, '2d5h', 'days < 8 keep hours'],
    [8 * 24 * 60 * MIN, '8d', 'days up to 2 years'],
    [729 * 24 * 60 * MIN, '729d', 'still days below 2y'],
    [730 * 24 * 60 * MIN, '2y', 'years < 8, no days part'],
    [740 * 24 * 60 * MIN, '2y10d', 'years < 8 keep days'],
    [8 * 365 * 24 * 60 * MIN, '8y', 'years only from 8y'],
  ])('%d ms → %s (%s)', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('formatColumns (tabwriter: minwidth 6, padding 3, padchar " ")', () => {
  it.each([
    { name: 'padding 3 after the widest cell', rows: [['NAME', 'AGE'], ['myapp-service', '5m']], want: lines('NAME            AGE', 'myapp-service   5m') },
    { name: 'minwidth 6 for narrow columns', rows: [['A', 'B'], ['x', 'y']], want: lines('A     B', 'x     y') },
    { name: 'last cell never padded; an empty last cell leaves the padding', rows: [['NAME', 'SELECTOR'], ['web', '']], want: lines('NAME   SELECTOR', 'web    ') },
  ])('$name', ({ rows, want }) => {
    expect(formatColumns(rows)).toBe(want);
  });
});

describe('full tables', () => {
  const myapp = obj('Service', 'myapp-service', {
    spec: { type: 'NodePort', clusterIP: '10.96.45.123', clusterIPs: ['10.96.45.123'], selector: { app: 'myapp' },
      ports: [{ port: 80, targetPort: 80, nodePort: 30008, protocol: 'TCP' }] },
  });
  const lb = obj('Service', 'web-lb', {
    spec: { type: 'LoadBalancer', clusterIPs: ['10.96.7.7'], selector: { app: 'web' },
      ports: [{ port: 80, nodePort: 31080, protocol: 'TCP' }, { port: 443, nodePort: 31443, protocol: 'TCP' }] },
    status: { loadBalancer: {} },
  });
  const ext = obj('Service', 'db', { spec: { type: 'ExternalName', externalName: 'db.example.com' } });

  it('printService: NodePort myapp-service', () => {
    expect(printTable('Service', [myapp], { wide: false, withNamespace: false, now: 5 * MIN })).toBe(lines(
      'NAME            TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE',
      'myapp-service   NodePort   10.96.45.123   <none>        80:30008/TCP   5m',
    ));
  });
  it('printService: LoadBalancer <pending> and ExternalName, -o wide adds SELECTOR', () => {
    expect(printTable('Service', [lb, ext], { wide: true, withNamespace: false, now: 192 * MIN })).toBe(lines(
      'NAME     TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)                      AGE     SELECTOR',
      'web-lb   LoadBalancer   10.96.7.7    <pending>        80:31080/TCP,443:31443/TCP   3h12m   app=web',
      'db       ExternalName   <none>       db.example.com   <none>                       3h12m   <none>',
    ));
  });
  it('decorateTable: -A puts NAMESPACE first', () => {
    const kube = obj('Service', 'kube-dns', { spec: { clusterIPs: ['10.96.0.10'], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] } },
      { namespace: 'kube-system' });
    expect(printTable('Service', [myapp, kube], { wide: false, withNamespace: true, now: 2 * 24 * 60 * MIN })).toBe(lines(
      'NAMESPACE     NAME            TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)         AGE',
      'default       myapp-service   NodePort    10.96.45.123   <none>        80:30008/TCP    2d',
      'kube-system   kube-dns        ClusterIP   10.96.0.10     <none>        53/UDP,53/TCP   2d',
    ));
  });
  it('printPod -o wide', () => {
    const pod = obj('Pod', 'web-7d4b9c8f5-x2k4p', {
      spec: { containers: [{ name: 'web', image: 'nginx' }], nodeName: 'kind-worker' },
      status: { phase: 'Running', podIPs: [{ ip: '10.244.1.5' }], conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: {} } }] },
    });
    expect(printTable('Pod', [pod], { wide: true, withNamespace: false, now: 90_000 })).toBe(lines(
      'NAME                  READY   STATUS    RESTARTS   AGE   IP           NODE          NOMINATED NODE   READINESS GATES',
      'web-7d4b9c8f5-x2k4p   1/1     Running   0          90s   10.244.1.5   kind-worker   <none>           <none>',
    ));
  });
  it('printNode: cluster-scoped, no NAMESPACE column even with -A', () => {
    const cp = obj('Node', 'kind-control-plane', {
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.33.1' } },
    }, { namespace: undefined, labels: { 'node-role.kubernetes.io/control-plane': '' } });
    const w = obj('Node', 'kind-worker', { status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.33.1' } } },
      { namespace: undefined });
    expect(printTable('Node', [cp, w], { wide: false, withNamespace: true, now: 10 * MIN })).toBe(lines(
      'NAME                 STATUS   ROLES           AGE   VERSION',
      'kind-control-plane   Ready    control-plane   10m   v1.33.1',
      'kind-worker          Ready    <none>          10m   v1.33.1',
    ));
  });
  it('printEndpoints and printDeployment', () => {
    const ep = obj('Endpoints', 'web', { subsets: [{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }], ports: [{ port: 8080 }] }] });
    expect(printTable('Endpoints', [ep], { wide: false, withNamespace: false, now: 5 * MIN })).toBe(lines(
      'NAME   ENDPOINTS                         AGE',
      'web    10.244.1.5:8080,10.244.2.7:8080   5m',
    ));
    const dep = obj('Deployment', 'web', {
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    });
    expect(printTable('Deployment', [dep], { wide: true, withNamespace: false, now: 5 * MIN })).toBe(lines(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR',
      'web    2/3     3            2           5m    web          nginx:1.27   app=web',
    ));
  });
  it.each([
    { name: 'get.go: namespaced kind, no objects', kind: 'Pod', opts: { withNamespace: false }, want: 'No resources found in default namespace.\n' },
    { name: 'get.go: -n names the namespace', kind: 'Service', opts: { withNamespace: false, namespace: 'shop' }, want: 'No resources found in shop namespace.\n' },
    { name: 'get.go: -A → allResourcesNamespaced false', kind: 'Pod', opts: { withNamespace: true }, want: 'No resources found\n' },
    { name: 'get.go: cluster-scoped kind (Info.Namespaced false)', kind: 'Node', opts: { withNamespace: false }, want: 'No resources found\n' },
  ])('$name', ({ kind, opts, want }) => {
    expect(printTable(kind, [], { wide: false, now: 0, ...opts })).toBe(want);
    expect(noResourcesMessage(kind, opts)).toBe(want);
  });
});

const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => obj('Service', 's', { spec, status });
const pod = (spec: Record<string, unknown>, status: Record<string, unknown>, m: Record<string, unknown> = {}) => obj('Pod', 'p', { spec, status }, m);
const one = [{ name: 'c', image: 'i' }];
const running = (extra: Record<string, unknown> = {}) => ({ name: 'c', ready: true, restartCount: 0, state: { running: {} }, ...extra });
const node = (status: Record<string, unknown>, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}) =>
  obj('Node', 'n', { spec, status }, { labels });
const ing = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => obj('Ingress', 'i', { spec, status });

describe('column rules', () => {
  it.each([
    // printService / makePortString / getServiceExternalIP
    ['printService: TYPE defaults to ClusterIP', 'Service', svc({ clusterIPs: ['10.96.0.5'] }), 'TYPE', 'ClusterIP'],
    ['printService: CLUSTER-IP is clusterIPs[0]', 'Service', svc({ clusterIPs: ['10.96.0.10', 'fd00::10'] }), 'CLUSTER-IP', '10.96.0.10'],
    ['printService: headless prints None', 'Service', svc({ clusterIP: 'None', clusterIPs: ['None'] }), 'CLUSTER-IP', 'None'],
    ['printService: no cluster IP → <none>', 'Service', svc({ type: 'ExternalName', externalName: 'x.example.com' }), 'CLUSTER-IP', '<none>'],
    ['makePortString: port/protocol joined by ","', 'Service', svc({ ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] }), 'PORT(S)', '80/TCP,443/TCP'],
    ['makePortString: port:nodePort/protocol', 'Service', svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30008, protocol: 'TCP' }] }), 'PORT(S)', '80:30008/TCP'],
    ['makePortString: protocol defaults to TCP; UDP kept', 'Service', svc({ ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }), 'PORT(S)', '80/TCP,53/UDP'],
    ['printService: no ports → <none>', 'Service', svc({ clusterIP: 'None' }), 'PORT(S)', '<none>'],
    ['getServiceExternalIP: ClusterIP without externalIPs', 'Service', svc({ type: 'ClusterIP' }), 'EXTERNAL-IP', '<none>'],
    ['getServiceExternalIP: externalIPs joined by ","', 'Service', svc({ type: 'NodePort', externalIPs: ['1.2.3.4', '5.6.7.8'] }), 'EXTERNAL-IP', '1.2.3.4,5.6.7.8'],
    ['getServiceExternalIP: LoadBalancer without ingress', 'Service', svc({ type: 'LoadBalancer' }), 'EXTERNAL-IP', '<pending>'],
    ['loadBalancerStatusStringer: sorted set of IPs', 'Service', svc({ type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '172.18.0.9' }, { ip: '172.18.0.10' }, { ip: '172.18.0.9' }] } }), 'EXTERNAL-IP', '172.18.0.10,172.18.0.9'],
    ['loadBalancerStatusStringer: hostname when no IP, never clipped (server prints Wide)', 'Service', svc({ type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ hostname: 'a1b2c3.elb.us-east-1.amazonaws.com' }] } }), 'EXTERNAL-IP', 'a1b2c3.elb.us-east-1.amazonaws.com'],
    ['getServiceExternalIP: LoadBalancer IPs then externalIPs', 'Service', svc({ type: 'LoadBalancer', externalIPs: ['5.6.7.8'] }, { loadBalancer: { ingress: [{ ip: '172.18.0.9' }] } }), 'EXTERNAL-IP', '172.18.0.9,5.6.7.8'],
    ['getServiceExternalIP: ExternalName prints externalName', 'Service', svc({ type: 'ExternalName', externalName: 'db.example.com' }), 'EXTERNAL-IP', 'db.example.com'],
    ['getServiceExternalIP: unknown type', 'Service', svc({ type: 'Weird' }), 'EXTERNAL-IP', '<unknown>'],
    ['tableprinter appendCellValue: cut at newline with "..."', 'Service', svc({ type: 'ExternalName', externalName: 'a.example.com\nb' }), 'EXTERNAL-IP', 'a.example.com...'],
    ['tableprinter WriteEscaped: ESC shown as ^[', 'Service', svc({ type: 'ExternalName', externalName: 'a\u001b[31m' }), 'EXTERNAL-IP', 'a^[[31m'],
    // printPod
    ['printPod: READY counts ready+running containerStatuses', 'Pod', pod({ containers: [...one, { name: 'd' }] }, { phase: 'Running', containerStatuses: [running(), running({ name: 'd', ready: false })] }), 'READY', '1/2'],
    ['printPod (project rule): no containerStatuses, Ready True → all ready', 'Pod', pod({ containers: [...one, { name: 'd' }] }, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }), 'READY', '2/2'],
    ['printPod (project rule): no containerStatuses, not Ready → 0', 'Pod', pod({ containers: one }, { phase: 'Pending' }), 'READY', '0/1'],
    ['printPod: restartable init container counts in READY', 'Pod', pod({ initContainers: [{ name: 'side', restartPolicy: 'Always' }], containers: one }, { phase: 'Running', initContainerStatuses: [{ name: 'side', started: true, ready: true, state: { running: {} } }], containerStatuses: [running()] }), 'READY', '2/2'],
    ['printPod: STATUS is the phase', 'Pod', pod({ containers: one }, { phase: 'Running', containerStatuses: [running()] }), 'STATUS', 'Running'],
    ['printPod: status.reason overrides the phase', 'Pod', pod({ containers: one }, { phase: 'Failed', reason: 'Evicted' }), 'STATUS', 'Evicted'],
    ['printPod: PodScheduled SchedulingGated', 'Pod', pod({ containers: one }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), 'STATUS', 'SchedulingGated'],
    ['printPod: waiting reason', 'Pod', pod({ containers: one }, { phase: 'Running', containerStatuses: [{ name: 'c', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }), 'STATUS', 'CrashLoopBackOff'],
    ['printPod: terminated reason', 'Pod', pod({ containers: one }, { phase: 'Succeeded', containerStatuses: [{ name: 'c', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] }), 'STATUS', 'Completed'],
    ['printPod: terminated without reason → ExitCode:N', 'Pod', pod({ containers: one }, { phase: 'Failed', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 137 } } }] }), 'STATUS', 'ExitCode:137'],
    ['printPod: terminated by signal → Signal:N', 'Pod', pod({ containers: one }, { phase: 'Failed', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 0, signal: 9 } } }] }), 'STATUS', 'Signal:9'],
    ['printPod: Completed but a container still running and Ready → Running', 'Pod', pod({ containers: [...one, { name: 'd' }] }, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'd', state: { terminated: { reason: 'Completed' } } }, running()] }), 'STATUS', 'Running'],
    ['printPod: Completed but running and not Ready → NotReady', 'Pod', pod({ containers: [...one, { name: 'd' }] }, { phase: 'Running', containerStatuses: [{ name: 'd', state: { terminated: { reason: 'Completed' } } }, running()] }), 'STATUS', 'NotReady'],
    ['printPod: init container running → Init:i/n', 'Pod', pod({ initContainers: [{ name: 'init' }], containers: one }, { phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { running: {} } }] }), 'STATUS', 'Init:0/1'],
    ['printPod: init container waiting reason', 'Pod', pod({ initContainers: [{ name: 'init' }], containers: one }, { phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }), 'STATUS', 'Init:CrashLoopBackOff'],
    ['printPod: init container failed', 'Pod', pod({ initContainers: [{ name: 'init' }], containers: one }, { phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { terminated: { reason: 'Error', exitCode: 1 } } }] }), 'STATUS', 'Init:Error'],
    ['printPod: deletionTimestamp → Terminating', 'Pod', pod({ containers: one }, { phase: 'Running', containerStatuses: [running()] }, { deletionTimestamp: T0 }), 'STATUS', 'Terminating'],
    ['printPod: deletionTimestamp + NodeLost → Unknown', 'Pod', pod({ containers: one }, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: T0 }), 'STATUS', 'Unknown'],
    ['printPod: RESTARTS sums restartCount', 'Pod', pod({ containers: one }, { phase: 'Running', containerStatuses: [running({ restartCount: 2 })] }), 'RESTARTS', '2'],
    ['printPod: RESTARTS "N (X ago)" from lastState.terminated.finishedAt', 'Pod', pod({ containers: one }, { phase: 'Running', containerStatuses: [running({ restartCount: 3, lastState: { terminated: { finishedAt: '2026-01-01T00:03:00Z' } } })] }), 'RESTARTS', '3 (2m ago)'],
    ['printPod -o wide: IP is podIPs[0]', 'Pod', pod({ containers: one }, { podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00::5' }] }), 'IP', '10.244.1.5'],
    ['printPod -o wide: no IP → <none>', 'Pod', pod({ containers: one }, { phase: 'Pending' }), 'IP', '<none>'],
    ['printPod -o wide: unscheduled NODE <none>', 'Pod', pod({ containers: one }, {}), 'NODE', '<none>'],
    ['printPod -o wide: NOMINATED NODE', 'Pod', pod({ containers: one }, { nominatedNodeName: 'kind-worker2' }), 'NOMINATED NODE', 'kind-worker2'],
    ['printPod -o wide: READINESS GATES true/total', 'Pod', pod({ containers: one, readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }] }, { conditions: [{ type: 'a', status: 'True' }, { type: 'b', status: 'False' }] }), 'READINESS GATES', '1/2'],
    // printDeployment / printReplicaSet
    ['printDeployment: READY ready/spec.replicas', 'Deployment', obj('Deployment', 'd', { spec: { replicas: 3 }, status: { readyReplicas: 2 } }), 'READY', '2/3'],
    ['printDeployment: replicas defaults to 1, status to 0', 'Deployment', obj('Deployment', 'd', { spec: {} }), 'READY', '0/1'],
    ['printDeployment: UP-TO-DATE', 'Deployment', obj('Deployment', 'd', { spec: {}, status: { updatedReplicas: 4 } }), 'UP-TO-DATE', '4'],
    ['printDeployment: AVAILABLE', 'Deployment', obj('Deployment', 'd', { spec: {}, status: { availableReplicas: 1 } }), 'AVAILABLE', '1'],
    ['layoutContainerCells: names joined by ","', 'Deployment', obj('Deployment', 'd', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx' }, { name: 'log', image: 'busybox' }] } } } }), 'CONTAINERS', 'web,log'],
    ['layoutContainerCells: images joined by ","', 'Deployment', obj('Deployment', 'd', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx' }, { name: 'log', image: 'busybox' }] } } } }), 'IMAGES', 'nginx,busybox'],
    ['LabelSelectorAsSelector: sorted by key, In values sorted', 'Deployment', obj('Deployment', 'd', { spec: { selector: { matchLabels: { tier: 'fe' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'app', operator: 'Exists' }] } } }), 'SELECTOR', 'app,env in (dev,prod),tier=fe'],
    ['LabelSelectorAsSelector: NotIn / DoesNotExist', 'Deployment', obj('Deployment', 'd', { spec: { selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['qa'] }, { key: 'canary', operator: 'DoesNotExist' }] } } }), 'SELECTOR', '!canary,env notin (qa)'],
    ['printReplicaSet: DESIRED', 'ReplicaSet', obj('ReplicaSet', 'r', { spec: { replicas: 3 } }), 'DESIRED', '3'],
    ['printReplicaSet: CURRENT', 'ReplicaSet', obj('ReplicaSet', 'r', { spec: {}, status: { replicas: 2 } }), 'CURRENT', '2'],
    ['printReplicaSet: READY', 'ReplicaSet', obj('ReplicaSet', 'r', { spec: {}, status: { readyReplicas: 1 } }), 'READY', '1'],
    ['FormatLabelSelector: matchLabels', 'ReplicaSet', obj('ReplicaSet', 'r', { spec: { selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f5' } } } }), 'SELECTOR', 'app=web,pod-template-hash=7d4b9c8f5'],
    ['FormatLabelSelector: empty → <none>', 'ReplicaSet', obj('ReplicaSet', 'r', { spec: { selector: {} } }), 'SELECTOR', '<none>'],
    // printNode
    ['printNode: Ready condition True', 'Node', node({ conditions: [{ type: 'Ready', status: 'True' }] }), 'STATUS', 'Ready'],
    ['printNode: Ready condition not True → NotReady', 'Node', node({ conditions: [{ type: 'Ready', status: 'Unknown' }] }), 'STATUS', 'NotReady'],
    ['printNode: no Ready condition → Unknown', 'Node', node({}), 'STATUS', 'Unknown'],
    ['printNode: unschedulable adds SchedulingDisabled', 'Node', node({ conditions: [{ type: 'Ready', status: 'True' }] }, { unschedulable: true }), 'STATUS', 'Ready,SchedulingDisabled'],
    ['findNodeRoles: node-role.kubernetes.io/* labels, sorted', 'Node', node({}, {}, { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '' }), 'ROLES', 'control-plane,worker'],
    ['findNodeRoles: kubernetes.io/role value', 'Node', node({}, {}, { 'kubernetes.io/role': 'master' }), 'ROLES', 'master'],
    ['printNode: no roles → <none>', 'Node', node({}), 'ROLES', '<none>'],
    ['printNode: VERSION is kubeletVersion', 'Node', node({ nodeInfo: { kubeletVersion: 'v1.34.0' } }), 'VERSION', 'v1.34.0'],
    ['getNodeInternalIP', 'Node', node({ addresses: [{ type: 'Hostname', address: 'n' }, { type: 'InternalIP', address: '172.18.0.2' }] }), 'INTERNAL-IP', '172.18.0.2'],
    ['getNodeExternalIP: none → <none>', 'Node', node({ addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] }), 'EXTERNAL-IP', '<none>'],
    ['printNode: OS-IMAGE', 'Node', node({ nodeInfo: { osImage: 'Debian GNU/Linux 12 (bookworm)' } }), 'OS-IMAGE', 'Debian GNU/Linux 12 (bookworm)'],
    ['printNode: empty KERNEL-VERSION → <unknown>', 'Node', node({ nodeInfo: {} }), 'KERNEL-VERSION', '<unknown>'],
    ['printNode: CONTAINER-RUNTIME', 'Node', node({ nodeInfo: { containerRuntimeVersion: 'containerd://2.1.1' } }), 'CONTAINER-RUNTIME', 'containerd://2.1.1'],
    // printNamespace
    ['printNamespace: STATUS is the phase', 'Namespace', obj('Namespace', 'shop', { status: { phase: 'Terminating' } }), 'STATUS', 'Terminating'],
    ['printNamespace: phase defaults to Active', 'Namespace', obj('Namespace', 'shop'), 'STATUS', 'Active'],
    // formatEndpoints
    ['formatEndpoints: no subsets → <none>', 'Endpoints', obj('Endpoints', 'e'), 'ENDPOINTS', '<none>'],
    ['formatEndpoints: more than 3 → "+ N more..."', 'Endpoints', obj('Endpoints', 'e', { subsets: [{ addresses: ['1', '2', '3', '4', '5'].map((i) => ({ ip: `10.0.0.${i}` })), ports: [{ port: 80 }] }] }), 'ENDPOINTS', '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...'],
    ['formatEndpoints: every address per port, counted across ports', 'Endpoints', obj('Endpoints', 'e', { subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] }] }), 'ENDPOINTS', '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...'],
    ['formatEndpoints: headless without ports lists IPs', 'Endpoints', obj('Endpoints', 'e', { subsets: [{ addresses: [{ ip: '10.0.0.1' }] }] }), 'ENDPOINTS', '10.0.0.1'],
    ['formatEndpoints: net.JoinHostPort brackets IPv6', 'Endpoints', obj('Endpoints', 'e', { subsets: [{ addresses: [{ ip: 'fd00::5' }], ports: [{ port: 80 }] }] }), 'ENDPOINTS', '[fd00::5]:80'],
    ['formatEndpoints: notReadyAddresses not shown', 'Endpoints', obj('Endpoints', 'e', { subsets: [{ notReadyAddresses: [{ ip: '10.0.0.9' }], ports: [{ port: 80 }] }] }), 'ENDPOINTS', ''],
    // printEndpointSlice
    ['printEndpointSlice: ADDRESSTYPE', 'EndpointSlice', obj('EndpointSlice', 'es', { addressType: 'IPv4' }), 'ADDRESSTYPE', 'IPv4'],
    ['formatDiscoveryPorts: port numbers', 'EndpointSlice', obj('EndpointSlice', 'es', { ports: [{ port: 8080 }, { port: 9090 }] }), 'PORTS', '8080,9090'],
    ['formatDiscoveryPorts: name when no port, else *', 'EndpointSlice', obj('EndpointSlice', 'es', { ports: [{ name: 'http' }, {}] }), 'PORTS', 'http,*'],
    ['formatDiscoveryPorts: none → <unset>', 'EndpointSlice', obj('EndpointSlice', 'es', { ports: [] }), 'PORTS', '<unset>'],
    ['formatDiscoveryEndpoints: addresses, first 3 + more', 'EndpointSlice', obj('EndpointSlice', 'es', { endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4'] }] }), 'ENDPOINTS', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...'],
    ['formatDiscoveryEndpoints: none → <unset>', 'EndpointSlice', obj('EndpointSlice', 'es', { endpoints: [] }), 'ENDPOINTS', '<unset>'],
    // printIngress
    ['printIngress: no ingressClassName → <none>', 'Ingress', ing({}), 'CLASS', '<none>'],
    ['printIngress: CLASS', 'Ingress', ing({ ingressClassName: 'nginx' }), 'CLASS', 'nginx'],
    ['formatHosts: no host → *', 'Ingress', ing({ rules: [{ http: {} }] }), 'HOSTS', '*'],
    ['formatHosts: hosts joined by ","', 'Ingress', ing({ rules: [{ host: 'a.example.com' }, {}, { host: 'b.example.com' }] }), 'HOSTS', 'a.example.com,b.example.com'],
    ['formatHosts: more than 3 rules → "+ N more..."', 'Ingress', ing({ rules: ['a', 'b', 'c', 'd', 'e'].map((h) => ({ host: `${h}.io` })) }), 'HOSTS', 'a.io,b.io,c.io + 2 more...'],
    ['ingressLoadBalancerStatusStringer: no ingress → empty', 'Ingress', ing({}), 'ADDRESS', ''],
    ['ingressLoadBalancerStatusStringer: sorted IPs', 'Ingress', ing({}, { loadBalancer: { ingress: [{ ip: '172.18.0.5' }, { hostname: 'localhost' }] } }), 'ADDRESS', '172.18.0.5,localhost'],
    ['formatPorts: no TLS → 80', 'Ingress', ing({}), 'PORTS', '80'],
    ['formatPorts: TLS → "80, 443"', 'Ingress', ing({ tls: [{ hosts: ['a.io'] }] }), 'PORTS', '80, 443'],
    // printIngressClass
    ['printIngressClass: CONTROLLER', 'IngressClass', obj('IngressClass', 'nginx', { spec: { controller: 'k8s.io/ingress-nginx' } }), 'CONTROLLER', 'k8s.io/ingress-nginx'],
    ['printIngressClass: no parameters → <none>', 'IngressClass', obj('IngressClass', 'nginx', { spec: {} }), 'PARAMETERS', '<none>'],
    ['printIngressClass: Kind.apiGroup/name', 'IngressClass', obj('IngressClass', 'lb', { spec: { parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } } }), 'PARAMETERS', 'IngressParameters.k8s.example.com/external-lb'],
    ['printIngressClass: Kind/name without apiGroup', 'IngressClass', obj('IngressClass', 'lb', { spec: { parameters: { kind: 'ConfigMap', name: 'cfg' } } }), 'PARAMETERS', 'ConfigMap/cfg'],
    // printSecret / printConfigMap
    ['printSecret: TYPE', 'Secret', obj('Secret', 'tls', { type: 'kubernetes.io/tls' }), 'TYPE', 'kubernetes.io/tls'],
    ['printSecret: type defaults to Opaque', 'Secret', obj('Secret', 's'), 'TYPE', 'Opaque'],
    ['printSecret: DATA is the number of keys', 'Secret', obj('Secret', 's', { data: { a: 'eA==', b: 'eQ==' } }), 'DATA', '2'],
    ['printConfigMap: DATA is data + binaryData', 'ConfigMap', obj('ConfigMap', 'c', { data: { a: 'x' }, binaryData: { b: 'eQ==' } }), 'DATA', '2'],
    // translateTimestampSince
    ['translateTimestampSince: missing creationTimestamp → <unknown>', 'ConfigMap', obj('ConfigMap', 'c', {}, { creationTimestamp: undefined }), 'AGE', '<unknown>'],
    ['translateTimestampSince: Go zero time → <unknown>', 'ConfigMap', obj('ConfigMap', 'c', {}, { creationTimestamp: '0001-01-01T00:00:00Z' }), 'AGE', '<unknown>'],
    ['translateTimestampSince: now − creationTimestamp', 'ConfigMap', obj('ConfigMap', 'c', {}, { creationTimestamp: '2026-01-01T00:02:00Z' }), 'AGE', '3m'],
    // default handler
    ['objectMetaColumnDefinitions: any other kind prints NAME AGE', 'IPAddressPool', obj('IPAddressPool', 'pool'), 'AGE', '5m'],
  ])('%s', (_name, kind, o, column, want) => {
    expect(cell(kind as string, o as KubeObject, column as string, true)).toBe(want);
  });

  it.each([
    ['Pod', 'NAME   READY   STATUS    RESTARTS   AGE'],
    ['Service', 'NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE'],
    ['ReplicaSet', 'NAME   DESIRED   CURRENT   READY   AGE'],
    ['Node', 'NAME   STATUS    ROLES    AGE   VERSION'],
    ['EndpointSlice', 'NAME   ADDRESSTYPE   PORTS     ENDPOINTS   AGE'],
    ['Ingress', 'NAME   CLASS    HOSTS   ADDRESS   PORTS   AGE'],
    ['IPAddressPool', 'NAME   AGE'],
  ])('column definitions: %s headers without -o wide (Priority 1 hidden)', (kind, want) => {
    expect(printTable(kind, [obj(kind, 'x')], { wide: false, withNamespace: false, now: 0 }).split('\n')[0]).toBe(want);
  });

  it('CLUSTER_EPOCH_MS is 2026-01-01T00:00:00Z', () => {
    expect(new Date(CLUSTER_EPOCH_MS).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
