// kubectl's human-readable `get` output (kubectl v1.33–1.35).
// Cells: the server-side table handlers of pkg/printers/internalversion/printers.go (printPod,
// printService, …). kube-apiserver always builds tables with GenerateOptions{Wide: true}
// (pkg/printers/storage/storage.go), so every cell, incl. Priority 1 ones, is computed and the 16-byte
// load-balancer clipping never applies; kubectl then hides Priority 1 columns unless `-o wide`.
// Layout: cli-runtime/pkg/printers/tableprinter.go (upper-cased headers, NAMESPACE column first
// with -A, nothing at all for zero rows) written through GetNewTabWriter (minwidth 6, padding 3).
import type { KubeObject } from '../core';
import { CLUSTER_EPOCH_MS } from '../core';

export { CLUSTER_EPOCH_MS };

export interface PrintOptions {
  wide: boolean;
  withNamespace: boolean;
  /** cluster clock, ms since the cluster start */
  now: number;
  namespace?: string;
}

// --- loose readers for wire-shaped objects: a wrong-typed value reads as absent, never throws ---
type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined);
const R = (v: unknown): Rec => rec(v) ?? {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const recs = (v: unknown): Rec[] => arr(v).map(R);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);
const count = (v: unknown): number => Object.keys(R(v)).length;

// --- time ---

/** duration.HumanDuration (apimachinery/pkg/util/duration): ~2-3 significant figures. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  // "Allow deviation no more than 2 seconds(excluded) to tolerate machine time inconsistence"
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** Go's zero time.Time, 0001-01-01T00:00:00Z (Date.UTC would map year 1 to 1901). */
const GO_ZERO_TIME = -62135596800000;
/** An RFC 3339 timestamp in ms, or undefined for absent / unparsable / Go's zero time (IsZero). */
function parseTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) || t === GO_ZERO_TIME ? undefined : t;
}

interface Ctx {
  /** absolute wall clock of the cluster, ms since the Unix epoch */
  clock: number;
}
/** translateTimestampSince: `<unknown>` for a zero timestamp. */
const since = (ctx: Ctx, t: number | undefined): string => (t === undefined ? '<unknown>' : humanDuration(ctx.clock - t));
const age = (o: Rec, ctx: Ctx): string => since(ctx, parseTime(R(o.metadata).creationTimestamp));
const nameOf = (o: Rec): string => str(R(o.metadata).name);

// --- shared formatters ---

/** labels.FormatLabels: sorted k=v joined by ",", `<none>` when empty. */
function formatLabels(v: unknown): string {
  const m = R(v);
  const s = Object.keys(m).sort().map((k) => `${k}=${str(m[k])}`).join(',');
  return s === '' ? '<none>' : s;
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key (internalSelector.Add),
 * matchLabels as `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`; values sorted. A nil selector is
 * labels.Nothing() and an empty one labels.Everything(), both printing "". undefined = the error case.
 */
function selectorString(v: unknown): string | undefined {
  const sel = rec(v);
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  const ml = R(sel.matchLabels);
  for (const k of Object.keys(ml)) reqs.push({ key: k, text: `${k}=${str(ml[k])}` });
  for (const e of recs(sel.matchExpressions)) {
    const key = str(e.key);
    const values = arr(e.values).map(str);
    const list = values.length === 1 ? values[0] : [...values].sort().join(',');
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined; // NewRequirement: "for 'in', 'notin' operators, values set can't be empty"
        reqs.push({ key, text: `${key} ${e.operator === 'In' ? 'in' : 'notin'} (${list})` });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return undefined; // "values set must be empty for exists and does not exist"
        reqs.push({ key, text: e.operator === 'Exists' ? key : `!${key}` });
        break;
      default:
        return undefined; // "is not a valid label selector operator"
    }
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: `<error>` on a bad selector, `<none>` when it prints empty. */
const formatLabelSelector = (v: unknown): string => {
  const s = selectorString(v);
  return s === undefined ? '<error>' : s === '' ? '<none>' : s;
};

/** layoutContainerCells: names and images of the template's containers, comma-joined. */
function containerCells(podSpec: unknown): [string, string] {
  const cs = recs(R(podSpec).containers);
  return [cs.map((c) => str(c.name)).join(','), cs.map((c) => str(c.image)).join(',')];
}

/** net.JoinHostPort: brackets around IPv6 hosts. */
const joinHostPort = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** listWithMoreString: "a,b,c + N more...", `<unset>` for an empty list. */
function listWithMore(items: string[], max = 3): string {
  const ret = items.slice(0, max).join(',');
  if (items.length > max) return `${ret} + ${items.length - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** (ingress)LoadBalancerStatusStringer with wide=true: sorted, de-duplicated IPs else hostnames. */
function lbStatus(status: unknown): string {
  const set = new Set<string>();
  for (const i of recs(R(R(status).loadBalancer).ingress)) {
    if (str(i.ip) !== '') set.add(str(i.ip));
    else if (str(i.hostname) !== '') set.add(str(i.hostname));
  }
  return [...set].sort().join(',');
}

// --- per-kind handlers ---

interface Column {
  name: string;
  /** Priority 1 column: shown only with -o wide */
  wide?: boolean;
}
interface Handler {
  columns: Column[];
  row: (o: Rec, ctx: Ctx) => string[];
}
const cols = (names: string, wide = ''): Column[] => [
  ...names.split(',').map((name) => ({ name })),
  ...(wide ? wide.split(',').map((name) => ({ name, wide: true })) : []),
];

const handlers: Record<string, Handler> = {
  Pod: {
    columns: cols('Name,Ready,Status,Restarts,Age', 'IP,Node,Nominated Node,Readiness Gates'),
    row: printPod,
  },
  // printService
  Service: {
    columns: cols('Name,Type,Cluster-IP,External-IP,Port(s),Age', 'Selector'),
    row: (o, ctx) => {
      const spec = R(o.spec);
      // The apiserver defaults type to ClusterIP and clusterIPs from clusterIP (dual-stack defaulting).
      const type = str(spec.type) || 'ClusterIP';
      const ips = arr(spec.clusterIPs).map(str);
      const internalIP = ips.length > 0 ? ips[0] : str(spec.clusterIP) || '<none>';
      const ports = recs(spec.ports)
        .map((p) => {
          const proto = str(p.protocol) || 'TCP';
          return int(p.nodePort) > 0 ? `${int(p.port)}:${int(p.nodePort)}/${proto}` : `${int(p.port)}/${proto}`;
        })
        .join(',');
      return [nameOf(o), type, internalIP, serviceExternalIP(o, type), ports || '<none>', age(o, ctx), formatLabels(spec.selector)];
    },
  },
  // printDeployment: the selector goes through LabelSelectorAsSelector directly, so empty prints "".
  Deployment: {
    columns: cols('Name,Ready,Up-to-date,Available,Age', 'Containers,Images,Selector'),
    row: (o, ctx) => {
      const spec = R(o.spec);
      const status = R(o.status);
      const desired = typeof spec.replicas === 'number' ? int(spec.replicas) : 1; // defaulted to 1
      const [names, images] = containerCells(R(spec.template).spec);
      const sel = selectorString(spec.selector);
      return [nameOf(o), `${int(status.readyReplicas)}/${desired}`, String(int(status.updatedReplicas)),
        String(int(status.availableReplicas)), age(o, ctx), names, images, sel === undefined ? '<invalid>' : sel];
    },
  },
  // printReplicaSet
  ReplicaSet: {
    columns: cols('Name,Desired,Current,Ready,Age', 'Containers,Images,Selector'),
    row: (o, ctx) => {
      const spec = R(o.spec);
      const status = R(o.status);
      const desired = typeof spec.replicas === 'number' ? int(spec.replicas) : 1; // defaulted to 1
      const [names, images] = containerCells(R(spec.template).spec);
      return [nameOf(o), String(desired), String(int(status.replicas)), String(int(status.readyReplicas)), age(o, ctx),
        names, images, formatLabelSelector(spec.selector)];
    },
  },
  // printNode
  Node: {
    columns: cols('Name,Status,Roles,Age,Version', 'Internal-IP,External-IP,OS-Image,Kernel-Version,Container-Runtime'),
    row: (o, ctx) => {
      const status = R(o.status);
      let ready: Rec | undefined; // conditionMap: the last Ready condition wins
      for (const c of recs(status.conditions)) if (c.type === 'Ready') ready = c;
      const st = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
      if (R(o.spec).unschedulable === true) st.push('SchedulingDisabled');
      const info = R(status.nodeInfo);
      const addr = (type: string) => str(recs(status.addresses).find((a) => a.type === type)?.address) || '<none>';
      const orUnknown = (v: unknown) => str(v) || '<unknown>';
      return [nameOf(o), st.join(','), nodeRoles(o), age(o, ctx), str(info.kubeletVersion), addr('InternalIP'), addr('ExternalIP'),
        orUnknown(info.osImage), orUnknown(info.kernelVersion), orUnknown(info.containerRuntimeVersion)];
    },
  },
  // printNamespace: the namespace strategy sets phase Active on create.
  Namespace: {
    columns: cols('Name,Status,Age'),
    row: (o, ctx) => [nameOf(o), str(R(o.status).phase) || 'Active', age(o, ctx)],
  },
  // printEndpoints → formatEndpoints(endpoints, nil)
  Endpoints: { columns: cols('Name,Endpoints,Age'), row: (o, ctx) => [nameOf(o), formatEndpoints(o), age(o, ctx)] },
  // printEndpointSlice → formatDiscoveryPorts, formatDiscoveryEndpoints
  EndpointSlice: {
    columns: cols('Name,AddressType,Ports,Endpoints,Age'),
    row: (o, ctx) => {
      const ports = recs(o.ports).map((p) => (typeof p.port === 'number' ? String(int(p.port)) : typeof p.name === 'string' ? p.name : '*'));
      const addrs = recs(o.endpoints).flatMap((e) => arr(e.addresses).map(str));
      return [nameOf(o), str(o.addressType), listWithMore(ports), listWithMore(addrs), age(o, ctx)];
    },
  },
  // printIngress
  Ingress: {
    columns: cols('Name,Class,Hosts,Address,Ports,Age'),
    row: (o, ctx) => {
      const spec = R(o.spec);
      const className = typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>';
      const ports = arr(spec.tls).length !== 0 ? '80, 443' : '80'; // formatPorts
      return [nameOf(o), className, formatHosts(recs(spec.rules)), lbStatus(o.status), ports, age(o, ctx)];
    },
  },
  // printIngressClass: parameters as Kind[.apiGroup]/name
  IngressClass: {
    columns: cols('Name,Controller,Parameters,Age'),
    row: (o, ctx) => {
      const spec = R(o.spec);
      const p = rec(spec.parameters);
      let parameters = '<none>';
      if (p) parameters = `${str(p.kind)}${typeof p.apiGroup === 'string' ? `.${p.apiGroup}` : ''}/${str(p.name)}`;
      return [nameOf(o), str(spec.controller), parameters, age(o, ctx)];
    },
  },
  // printSecret: DATA is len(data); stringData is merged into data by the apiserver, so count both.
  Secret: {
    columns: cols('Name,Type,Data,Age'),
    row: (o, ctx) => {
      const keys = new Set([...Object.keys(R(o.data)), ...Object.keys(R(o.stringData))]);
      return [nameOf(o), str(o.type) || 'Opaque', String(keys.size), age(o, ctx)];
    },
  },
  // printConfigMap: len(data) + len(binaryData)
  ConfigMap: { columns: cols('Name,Data,Age'), row: (o, ctx) => [nameOf(o), String(count(o.data) + count(o.binaryData)), age(o, ctx)] },
};
// tableprinter.go objectMetaColumnDefinitions / the default table convertor: NAME AGE.
const defaultHandler: Handler = { columns: cols('Name,Age'), row: (o, ctx) => [nameOf(o), age(o, ctx)] };

const hasCondition = (status: Rec, type: string): boolean =>
  recs(status.conditions).some((c) => c.type === type && c.status === 'True');

/**
 * printPod: READY counts ready+running containers (plus started restartable init containers) out of
 * containers + restartable (sidecar) init containers; STATUS is the phase/reason refined by init and
 * container states; RESTARTS adds "(X ago)" from the newest lastState.terminated.finishedAt.
 * Project rule: a pod without status.containerStatuses is READY total/total when its Ready condition
 * is True, else 0/total.
 */
function printPod(o: Rec, ctx: Ctx): string[] {
  const spec = R(o.spec);
  const status = R(o.status);
  const inits = recs(spec.initContainers);
  const sidecars = new Set(inits.filter((c) => c.restartPolicy === 'Always').map((c) => str(c.name)));
  const total = recs(spec.containers).length + inits.filter((c) => c.restartPolicy === 'Always').length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  const later = (a: number | undefined, b: number | undefined) => (b !== undefined && (a === undefined || a < b) ? b : a);
  const finishedAt = (c: Rec) => parseTime(R(R(c.lastState).terminated).finishedAt);
  // The pod strategy sets phase Pending on create.
  const phase = str(status.phase) || 'Pending';
  let reason = str(status.reason) || phase;
  for (const c of recs(status.conditions)) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  let initializing = false;
  const initStatuses = recs(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += int(c.restartCount);
    lastRestart = later(lastRestart, finishedAt(c));
    const sidecar = sidecars.has(str(c.name));
    if (sidecar) {
      sidecarRestarts += int(c.restartCount);
      lastSidecarRestart = later(lastSidecarRestart, finishedAt(c));
    }
    const term = rec(R(c.state).terminated);
    const waiting = rec(R(c.state).waiting);
    if (term && int(term.exitCode) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready === true) ready++;
      continue;
    }
    if (term) {
      if (str(term.reason) === '') {
        reason = int(term.signal) !== 0 ? `Init:Signal:${int(term.signal)}` : `Init:ExitCode:${int(term.exitCode)}`;
      } else reason = `Init:${str(term.reason)}`;
    } else if (waiting && str(waiting.reason) !== '' && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else reason = `Init:${i}/${inits.length}`;
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(status, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = recs(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += int(c.restartCount);
      lastRestart = later(lastRestart, finishedAt(c));
      const term = rec(R(c.state).terminated);
      const waiting = rec(R(c.state).waiting);
      if (waiting && str(waiting.reason) !== '') reason = str(waiting.reason);
      else if (term && str(term.reason) !== '') reason = str(term.reason);
      else if (term) reason = int(term.signal) !== 0 ? `Signal:${int(term.signal)}` : `ExitCode:${int(term.exitCode)}`;
      else if (c.ready === true && rec(R(c.state).running)) {
        hasRunning = true;
        ready++;
      }
    }
    // "change pod status back to Running if there is at least one container still reporting as Running"
    if (reason === 'Completed' && hasRunning) reason = hasCondition(status, 'Ready') ? 'Running' : 'NotReady';
  }
  if (!Array.isArray(status.containerStatuses)) ready = hasCondition(status, 'Ready') ? total : 0;

  const deleting = parseTime(R(o.metadata).deletionTimestamp) !== undefined;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const restartsStr = restarts !== 0 && lastRestart !== undefined ? `${restarts} (${since(ctx, lastRestart)} ago)` : String(restarts);
  const podIP = str(R(recs(status.podIPs)[0]).ip) || str(status.podIP) || '<none>';
  const gates = recs(spec.readinessGates);
  let readinessGates = '<none>';
  if (gates.length > 0) {
    const conds = recs(status.conditions);
    const trueCount = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
    readinessGates = `${trueCount}/${gates.length}`;
  }
  return [nameOf(o), `${ready}/${total}`, reason, restartsStr, age(o, ctx),
    podIP, str(spec.nodeName) || '<none>', str(status.nominatedNodeName) || '<none>', readinessGates];
}

/** getServiceExternalIP (wide=true). */
function serviceExternalIP(o: Rec, type: string): string {
  const spec = R(o.spec);
  const externalIPs = arr(spec.externalIPs).map(str);
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = lbStatus(o.status);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
  }
  return '<unknown>';
}

/** findNodeRoles: node-role.kubernetes.io/<role> keys and kubernetes.io/role values, sorted set. */
function nodeRoles(o: Rec): string {
  const roles = new Set<string>();
  const labels = R(R(o.metadata).labels);
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && str(v) !== '') roles.add(str(v));
  }
  return [...roles].sort().join(',') || '<none>';
}

/** formatEndpoints(endpoints, nil): ready addresses × ports, first 3, then "+ N more...". */
function formatEndpoints(o: Rec): string {
  const subsets = recs(o.subsets);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let total = 0;
  for (const ss of subsets) {
    const addrs = recs(ss.addresses).map((a) => str(a.ip));
    const ports = recs(ss.ports);
    // Headless services with no ports list bare IPs.
    const cells = ports.length === 0 ? [addrs] : ports.map((p) => addrs.map((ip) => joinHostPort(ip, int(p.port))));
    for (const group of cells) {
      total += group.length;
      for (const c of group) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(c);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${total - max} more...` : ret;
}

/** formatHosts: up to 3 non-empty hosts, "*" when none, "+ N more..." counted over all rules. */
function formatHosts(rules: Rec[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && str(rule.host) !== '') list.push(str(rule.host));
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${rules.length - max} more...` : ret;
}

// --- layout ---

/**
 * text/tabwriter as kubectl configures it (GetNewTabWriter: minwidth 6, tabwidth 4, padding 3,
 * padchar ' '): every cell but a line's last is padded to max(6, widest cell in its column + 3);
 * the last cell is written as is. Each line ends with "\n".
 */
export function formatColumns(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 6, [...cell].length + 3);
    });
  }
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - [...cell].length))).join('') + '\n')
    .join('');
}

/** tableprinter.go appendCellValue: cut at the first \f \n \r with "...", ESC shown as "^[". */
function cellText(v: string): string {
  const brk = v.search(/[\f\n\r]/);
  const s = (brk >= 0 ? v.slice(0, brk) : v).replaceAll('\u001b', '^[');
  return brk >= 0 ? `${s}...` : s;
}

/** Kinds whose RESTMapping scope is root: no NAMESPACE column, and "No resources found" when empty. */
const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'IngressClass', 'PersistentVolume', 'StorageClass', 'ClusterRole',
  'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'RuntimeClass', 'IPAddress', 'ServiceCIDR',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'CSIDriver', 'CSINode',
  'VolumeAttachment', 'CertificateSigningRequest', 'ComponentStatus']);
export const isClusterScoped = (kind: string): boolean => CLUSTER_SCOPED.has(kind);

/**
 * get.go printObjs: with nothing written, kubectl says (on stderr) "No resources found in <ns>
 * namespace." unless -A was given or the kind is cluster-scoped, which say "No resources found".
 */
export function noResourcesMessage(kind: string, opts: { withNamespace: boolean; namespace?: string }): string {
  if (opts.withNamespace || isClusterScoped(kind)) return 'No resources found\n';
  return `No resources found in ${opts.namespace ?? 'default'} namespace.\n`;
}

/**
 * `kubectl get <kind>` human-readable output for `objects` (in the order given). With no objects the
 * table prints nothing and the result is noResourcesMessage(), which kubectl writes to stderr.
 */
export function printTable(kind: string, objects: KubeObject[], opts: PrintOptions): string {
  if (objects.length === 0) return noResourcesMessage(kind, opts);
  const handler = Object.hasOwn(handlers, kind) ? handlers[kind] : defaultHandler;
  const ctx: Ctx = { clock: CLUSTER_EPOCH_MS + opts.now };
  const withNs = opts.withNamespace && !isClusterScoped(kind);
  const visible = handler.columns.map((c) => opts.wide || !c.wide);
  const pick = (cells: string[]) => cells.filter((_, i) => i < visible.length && visible[i]);
  const header = pick(handler.columns.map((c) => c.name.toUpperCase()));
  const rows = objects.map((o) => {
    const cells = pick(handler.row(R(o), ctx)).map(cellText);
    return withNs ? [cellText(str(R(o.metadata).namespace)), ...cells] : cells;
  });
  return formatColumns([withNs ? ['NAMESPACE', ...header] : header, ...rows]);
}
