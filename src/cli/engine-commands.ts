// The CLI's engine commands: trace, dns, resolv-conf, env, iptables, endpoints, ingress. Each loads the
// manifests, reconciles with the common flags (--seed, --action, --lb-provider, --upstream-dns, --at)
// and prints one core result.
import { trace, TraceInputError, type ClusterState, type ObjectKey } from '../core';
import { buildProxyTables, renderIptablesSave } from '../core/controllers/kube-proxy';
import { corednsResolve } from '../core/controllers/coredns';
import { readCorefile } from '../core/controllers/corefile';
import { renderResolvConf, resolvConf } from '../core/controllers/kubelet-dns';
import { containerEnv } from '../core/controllers/kubelet-env';
import { stubResolve } from '../core/dataplane/stub-resolver';
import { routeIngress } from '../core/controllers/ingress-controller';
import type { RRType } from '../core/controllers/coredns';
import type { TraceRequest } from '../core/dataplane/types';
import { explainHop, explainOutcome } from '../explain';
import { checkFlags, intFlag, many, one, UsageError, type ParsedArgs } from './args';
import type { CommandIO } from './commands';
import { ENGINE_FLAGS, engineState, upstreamDns } from './engine';
import { printTable } from './printers';

function podKey(ref: string, flag: string, prefix: boolean): ObjectKey {
  const parts = ref.split('/');
  if (prefix) {
    if (parts.length !== 3 || parts[0] !== 'pod') throw new UsageError(`${flag} takes pod/NAMESPACE/NAME (got ${JSON.stringify(ref)})`);
    return `Pod/${parts[1]}/${parts[2]}` as ObjectKey;
  }
  if (parts.length !== 2) throw new UsageError(`${flag} takes NAMESPACE/NAME (got ${JSON.stringify(ref)})`);
  return `Pod/${parts[0]}/${parts[1]}` as ObjectKey;
}

const json = (io: CommandIO, v: unknown) => io.stdout(JSON.stringify(v, null, 2) + '\n');

/** knp trace -f F --from external[:IP] | pod/NS/NAME | node/NAME --to DEST [...] */
export function cmdTrace(args: ParsedArgs, io: CommandIO): number {
  checkFlags(args, [...ENGINE_FLAGS, '--from', '--to', '--protocol', '--count', '--interval', '--resolve']);
  const from = one(args, '--from');
  const to = one(args, '--to');
  if (!from || !to) throw new UsageError('trace needs --from and --to');
  let source: TraceRequest['from'];
  if (from === 'external' || from.startsWith('external:')) source = { kind: 'external', ip: from.slice(9) || '203.0.113.10' };
  else if (from.startsWith('node/')) source = { kind: 'node', name: from.slice(5) };
  else if (from.startsWith('pod/')) source = { kind: 'pod', key: podKey(from, '--from', true) };
  else throw new UsageError(`--from takes external[:IP], pod/NS/NAME or node/NAME (got ${JSON.stringify(from)})`);
  const protocol = one(args, '--protocol')?.toUpperCase();
  if (protocol && !['TCP', 'UDP', 'SCTP', 'ICMP'].includes(protocol)) throw new UsageError(`--protocol must be TCP, UDP, SCTP or ICMP (got ${protocol})`);
  const resolve = many(args, '--resolve').map((r) => {
    const m = /^([^:]+):(?:\d+:)?(\d+\.\d+\.\d+\.\d+)$/.exec(r);
    if (!m) throw new UsageError(`--resolve takes HOST:IP (got ${JSON.stringify(r)})`);
    return { host: m[1], ip: m[2] };
  });
  const count = intFlag(args, '--count', 1);
  if (count < 1 || count > 100000) throw new UsageError('--count must be between 1 and 100000');
  const state = engineState(args, io);
  let t;
  try {
    t = trace(state, {
      from: source,
      to,
      protocol: protocol as TraceRequest['protocol'],
      count,
      intervalMs: intFlag(args, '--interval', 1000),
      startMs: intFlag(args, '--at', 0),
      resolve,
      upstreamDns: upstreamDns(args),
    });
  } catch (e) {
    if (e instanceof TraceInputError) {
      if (e.kind === 'usage') throw new UsageError(e.message);
      io.stderr(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const explain = explainOutcome(t);
  if (one(args, '-o') === 'json') {
    const { connections, ...first } = t;
    json(io, { ...first, explain, ...(count > 1 ? { connections: connections.map(({ hops: _h, reply: _r, ...c }) => c) } : {}) });
    return 0;
  }
  for (const h of [...t.hops, ...t.reply.hops]) {
    io.stdout(`${String(h.seq).padStart(3)}  ${h.time.toFixed(2).padStart(8)}ms  ${h.at.padEnd(34)} ${h.component.padEnd(14)} ${h.action.padEnd(9)} ${h.before.src} → ${h.before.dst}${h.after.dst !== h.before.dst || h.after.src !== h.before.src ? `  ⇒  ${h.after.src} → ${h.after.dst}` : ''}\n`);
    io.stdout(`      ${explainHop(h)}\n`);
  }
  io.stdout(`\n${t.outcome.toUpperCase()}${t.http ? ` (HTTP ${t.http.status})` : ''}: ${explain}\n`);
  if (t.distribution) for (const d of t.distribution) io.stdout(`  ${String(d.count).padStart(6)}  ${d.pod ?? '-'}  ${d.ip}:${d.port}\n`);
  return 0;
}

/** knp dns -f F --from pod/NS/NAME --name NAME [--type T] */
export function cmdDns(args: ParsedArgs, io: CommandIO): number {
  checkFlags(args, [...ENGINE_FLAGS, '--from', '--name', '--type']);
  const from = one(args, '--from');
  const name = one(args, '--name');
  if (!from || !name) throw new UsageError('dns needs --from pod/NS/NAME and --name NAME');
  const type = (one(args, '--type') ?? 'A').toUpperCase() as RRType;
  if (!['A', 'AAAA', 'SRV', 'CNAME', 'PTR', 'TXT', 'MX', 'NS', 'SOA', 'ANY'].includes(type)) throw new UsageError(`unsupported --type ${type}`);
  const key = podKey(from, '--from', true);
  const state = engineState(args, io);
  const pod = state.index.podByKey.get(key);
  if (!pod) {
    io.stderr(`error: pod "${key.split('/')[2]}" not found in namespace "${key.split('/')[1]}"\n`);
    return 1;
  }
  const cm = state.objects.find((o) => o.key === 'ConfigMap/kube-system/coredns');
  const { config } = readCorefile(((cm?.object.data as Record<string, string>) ?? {}).Corefile ?? null, state.topology.net.clusterDomain);
  const cfg = { ...config, upstream: upstreamDns(args) };
  const r = stubResolve(resolvConf(state, pod), name, type, (q) => corednsResolve(state, cfg, q));
  const out = { queries: r.queries.map((q) => ({ name: q.name, type: q.type, rcode: q.response.rcode, answers: q.response.answers, authority: q.response.authority, additional: q.response.additional })), rcode: r.rcode, answers: r.answers };
  if (one(args, '-o') === 'json') json(io, out);
  else {
    for (const q of out.queries) io.stdout(`;; ${q.type} ${q.name} → ${q.rcode}${q.answers.length ? '' : ''}\n${q.answers.map((a) => `${a.name}\t${a.ttl}\tIN\t${a.type}\t${a.data}\n`).join('')}`);
    io.stdout(`status: ${r.rcode}\n`);
  }
  return 0;
}

function findPod(state: ClusterState, args: ParsedArgs, io: CommandIO) {
  const ref = one(args, '--pod');
  if (!ref) throw new UsageError('--pod NAMESPACE/NAME is required');
  const pod = state.index.podByKey.get(podKey(ref, '--pod', false));
  if (!pod) io.stderr(`error: pod "${ref.split('/')[1]}" not found in namespace "${ref.split('/')[0]}"\n`);
  return pod ?? null;
}

/** knp resolv-conf -f F --pod NS/NAME */
export function cmdResolvConf(args: ParsedArgs, io: CommandIO): number {
  checkFlags(args, [...ENGINE_FLAGS, '--pod']);
  const state = engineState(args, io);
  const pod = findPod(state, args, io);
  if (!pod) return 1;
  const rc = resolvConf(state, pod);
  if (one(args, '-o') === 'json') json(io, rc);
  else io.stdout(renderResolvConf(rc));
  return 0;
}

/** knp env -f F --pod NS/NAME [--container C] */
export function cmdEnv(args: ParsedArgs, io: CommandIO): number {
  checkFlags(args, [...ENGINE_FLAGS, '--pod', '--container']);
  const state = engineState(args, io);
  const pod = findPod(state, args, io);
  if (!pod) return 1;
  const c = one(args, '--container');
  if (c && !pod.containers.some((x) => x.name === c)) {
    io.stderr(`error: container ${c} is not valid for pod ${pod.name}\n`);
    return 1;
  }
  const env = containerEnv(state, pod, c);
  if (one(args, '-o') === 'json') json(io, env);
  else io.stdout(env.map((e) => `${e.name}=${e.value}\n`).join(''));
  return 0;
}

/** knp iptables -f F --node NAME [--table nat|filter] */
export function cmdIptables(args: ParsedArgs, io: CommandIO): number {
  checkFlags(args, [...ENGINE_FLAGS, '--node', '--table']);
  const nodeName = one(args, '--node');
  if (!nodeName) throw new UsageError('--node NAME is required');
  const table = one(args, '--table') ?? 'nat';
  if (table !== 'nat' && table !== 'filter') throw new UsageError('--table must be nat or filter');
  const state = engineState(args, io);
  if (!state.index.nodeByName.has(nodeName)) {
    io.stderr(`Error from server (NotFound): nodes "${nodeName}" not found\n`);
    return 1;
  }
  const text = renderIptablesSave(buildProxyTables(state, nodeName), table);
  if (one(args, '-o') === 'json') json(io, { table, text });
  else io.stdout(text);
  return 0;
}

/** knp endpoints -f F NS/SVC */
export function cmdEndpoints(args: ParsedArgs, io: CommandIO): number {
  checkFlags(args, ENGINE_FLAGS);
  const [ref] = args.positionals;
  if (!ref || !/^[^/]+\/[^/]+$/.test(ref)) throw new UsageError('endpoints takes NAMESPACE/SERVICE');
  const [ns, name] = ref.split('/');
  const state = engineState(args, io);
  if (!state.index.serviceByKey.has(`Service/${ns}/${name}` as ObjectKey)) {
    io.stderr(`Error from server (NotFound): services "${name}" not found\n`);
    return 1;
  }
  const slices = state.objects.filter((o) => o.kind === 'EndpointSlice' && o.namespace === ns && (o.object.metadata?.labels as Record<string, string> | undefined)?.['kubernetes.io/service-name'] === name).map((o) => o.object);
  if (one(args, '-o') === 'json') json(io, slices);
  else {
    const ep = state.objects.find((o) => o.kind === 'Endpoints' && o.namespace === ns && o.name === name);
    io.stdout(printTable('Endpoints', ep ? [ep.object] : [], { wide: false, withNamespace: false, now: intFlag(args, '--at', 0), namespace: ns }));
  }
  return 0;
}

/** knp ingress -f F --host H --path P [--scheme http|https] */
export function cmdIngress(args: ParsedArgs, io: CommandIO): number {
  checkFlags(args, [...ENGINE_FLAGS, '--host', '--path', '--scheme']);
  const host = one(args, '--host');
  const path = one(args, '--path') ?? '/';
  const scheme = one(args, '--scheme') ?? 'http';
  if (!host) throw new UsageError('--host is required');
  if (scheme !== 'http' && scheme !== 'https') throw new UsageError('--scheme must be http or https');
  if (!path.startsWith('/')) throw new UsageError('--path must start with /');
  const state = engineState(args, io);
  const r = routeIngress(
    {
      ingresses: state.objects.filter((o) => o.kind === 'Ingress').map((o) => o.object),
      ingressClasses: state.objects.filter((o) => o.kind === 'IngressClass').map((o) => o.object),
      services: state.index.serviceByKey,
      endpoints: state.index.endpoints,
      controllerClass: 'k8s.io/ingress-nginx',
    },
    { host: host.toLowerCase(), path, scheme },
  );
  const out = { ingress: r.ingress, rule: r.rule, backend: r.backend, defaultBackend: r.defaultBackend, tls: r.tls };
  if (one(args, '-o') === 'json') json(io, out);
  else {
    io.stdout(r.backend ? `${host}${path} → Service ${r.backend.service} port ${r.backend.port} (Ingress ${r.ingress}${r.rule ? `, rule ${r.rule.host ?? '*'}${r.rule.path ?? ''} ${r.rule.pathType ?? ''}` : ', defaultBackend'})\n` : `${host}${path} → ${r.defaultBackend === 'controller' ? "ingress-nginx's default backend (404)" : 'no backend'}\n`);
    if (r.tls) io.stdout(`TLS terminated with Secret ${r.tls.secretName}\n`);
  }
  return 0;
}
