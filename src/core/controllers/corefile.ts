// Models how CoreDNS reads the Corefile from ConfigMap kube-system/coredns (Caddyfile lexer, coredns plugin/kubernetes/setup.go, plugin/hosts/setup.go, plugin/cache/setup.go). Leaves out: import/snippets, {$ENV} placeholders, reverse zones written as CIDRs, the hosts file on disk, plugins other than kubernetes/hosts/cache/forward (listed in warnings when they matter).
import type { CorefilePlugins, DnsConfig } from './coredns';
import { kubeadmPlugins } from './coredns';
import { fqdn } from './coredns-names';

interface Token {
  text: string;
  line: number;
}

interface Directive {
  name: string;
  args: string[];
  line: number;
  block: Directive[];
}

interface ServerBlock {
  keys: string[];
  directives: Directive[];
}

/** Caddyfile lexer: whitespace-separated tokens, "quoted strings", # comments to end of line. */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (c === '"') {
      let s = '';
      const at = line;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && text[i + 1] === '"') i++;
        if (text[i] === '\n') line++;
        s += text[i];
      }
      i++;
      out.push({ text: s, line: at });
    } else {
      let s = '';
      while (i < text.length && !/\s/.test(text[i])) s += text[i++];
      out.push({ text: s, line });
    }
  }
  return out;
}

/** Directives until the closing brace (or the end): name + args on its line, then an optional { block }. */
function parseDirectives(t: Token[], pos: { i: number }): Directive[] {
  const out: Directive[] = [];
  while (pos.i < t.length && t[pos.i].text !== '}') {
    const head = t[pos.i++];
    const d: Directive = { name: head.text, args: [], line: head.line, block: [] };
    while (pos.i < t.length && t[pos.i].line === head.line && t[pos.i].text !== '{' && t[pos.i].text !== '}') d.args.push(t[pos.i++].text);
    if (pos.i < t.length && t[pos.i].text === '{' && t[pos.i].line === head.line) {
      pos.i++;
      d.block = parseDirectives(t, pos);
      pos.i++; // the closing brace
    }
    out.push(d);
  }
  return out;
}

function parseServerBlocks(text: string): ServerBlock[] {
  const t = tokenize(text);
  const pos = { i: 0 };
  const blocks: ServerBlock[] = [];
  while (pos.i < t.length) {
    const keys: string[] = [];
    while (pos.i < t.length && t[pos.i].text !== '{') {
      const k = t[pos.i++];
      keys.push(...k.text.split(',').filter(Boolean));
      // A single server block may leave out its braces: the rest of the file is its body.
      if (blocks.length === 0 && pos.i < t.length && t[pos.i].line !== k.line && t[pos.i].text !== '{') {
        blocks.push({ keys, directives: parseDirectives(t, pos) });
        return blocks;
      }
    }
    pos.i++;
    blocks.push({ keys, directives: parseDirectives(t, pos) });
    pos.i++;
  }
  return blocks;
}

/** plugin.Host(key).Normalize(): drop the scheme and port, lower-case, absolute. */
function normalizeZone(key: string): string {
  let k = key.replace(/^[a-z]+:\/\//, '');
  const colon = k.lastIndexOf(':');
  if (colon !== -1 && !k.slice(0, colon).includes(':')) k = k.slice(0, colon);
  return k === '' || k === '.' ? '.' : fqdn(k.toLowerCase());
}

/** fall.F.SetZonesFromArgs: no zones means every zone. */
const fallZones = (args: string[]) => (args.length ? args.map(normalizeZone) : ['.']);

/** Plugins whose effect the playground does not need to model (they do not change answers). */
const INERT = new Set(['errors', 'health', 'ready', 'prometheus', 'loop', 'reload', 'loadbalance', 'log', 'debug', 'bind', 'bufsize', 'whoami', 'cancel', 'timeouts', 'nsid', 'pprof', 'trace', 'any', 'minimal', 'metadata']);
/** The rest of CoreDNS's plugin.cfg: valid, but not simulated. */
const OTHER_PLUGINS = new Set(['geoip', 'tls', 'multisocket', 'dnstap', 'local', 'dns64', 'acl', 'chaos', 'tsig', 'rewrite', 'header', 'dnssec', 'autopath', 'template', 'transfer', 'route53', 'azure', 'clouddns', 'k8s_external', 'file', 'auto', 'secondary', 'etcd', 'grpc', 'erratic', 'on', 'sign', 'view', 'nomad']);

export function readCorefile(corefile: string | null, clusterDomain: string): { config: Omit<DnsConfig, 'upstream'>; warnings: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  const defaults = (): Omit<DnsConfig, 'upstream'> => ({ clusterDomain, ttl: 30, podsMode: 'insecure', hosts: new Map(), plugins: kubeadmPlugins(clusterDomain) });
  if (corefile === null) {
    warnings.push('ConfigMap kube-system/coredns has no Corefile: using the one kubeadm writes');
    return { config: defaults(), warnings };
  }
  const blocks = parseServerBlocks(corefile);
  const main = blocks.find((b) => b.directives.some((d) => d.name === 'kubernetes')) ?? blocks.find((b) => b.keys.map(normalizeZone).includes('.')) ?? blocks[0];
  if (!main) {
    warnings.push('Corefile has no server block: using the one kubeadm writes');
    return { config: defaults(), warnings };
  }
  const blockZones = main.keys.map(normalizeZone);
  for (const b of blocks) {
    if (b === main) continue;
    const forwarder = !blockZones.includes('.') && b.keys.map(normalizeZone).includes('.') && b.directives.some((d) => d.name === 'forward');
    warnings.push(forwarder ? `server block ${b.keys.join(' ')}: only its forward plugin is simulated` : `server block ${b.keys.join(' ')} is not simulated (only ${main.keys.join(' ')} is)`);
  }
  const plugins: CorefilePlugins = { kubernetes: null, hosts: null, cache: null, forward: false };
  const hosts = new Map<string, string[]>();
  let ttl = 5; // plugin/kubernetes defaultTTL
  let podsMode: DnsConfig['podsMode'] = 'disabled'; // plugin/kubernetes default pod mode
  for (const d of main.directives) {
    if (d.name === 'kubernetes') {
      const zones = d.args.length ? d.args.map(normalizeZone) : blockZones;
      const k = { zones, fallthrough: null as string[] | null, namespaces: [] as string[], endpointPodNames: false, ignoreEmptyService: false };
      if (!zones.some((z) => !z.endsWith('in-addr.arpa.') && !z.endsWith('ip6.arpa.'))) errors.push(`line ${d.line}: plugin/kubernetes: non-reverse zone name must be used`);
      for (const o of d.block) {
        if (o.name === 'pods') {
          const m = o.args[0];
          if (o.args.length === 1 && (m === 'disabled' || m === 'insecure' || m === 'verified')) podsMode = m;
          else errors.push(`line ${o.line}: plugin/kubernetes: wrong value for pods: ${o.args.join(' ')},  must be one of: disabled, verified, insecure`);
        } else if (o.name === 'ttl') {
          const n = Number(o.args[0]);
          if (!Number.isInteger(n) || n < 0 || n > 3600) errors.push(`line ${o.line}: plugin/kubernetes: ttl must be in range [0, 3600]: ${o.args[0] ?? ''}`);
          else ttl = n;
        } else if (o.name === 'fallthrough') k.fallthrough = fallZones(o.args);
        else if (o.name === 'namespaces') k.namespaces = o.args;
        else if (o.name === 'endpoint_pod_names') k.endpointPodNames = true;
        else if (o.name === 'ignore' && o.args[0] === 'empty_service') k.ignoreEmptyService = true;
        else if (!['endpoint', 'tls', 'kubeconfig', 'labels', 'namespace_labels', 'noendpoints', 'transfer', 'multicluster', 'startup_timeout', 'apiserver_qps', 'apiserver_burst', 'apiserver_max_inflight'].includes(o.name))
          errors.push(`line ${o.line}: plugin/kubernetes: unknown property '${o.name}'`);
        else if (o.name === 'labels' || o.name === 'namespace_labels' || o.name === 'noendpoints') warnings.push(`line ${o.line}: plugin/kubernetes: ${o.name} is not simulated`);
      }
      plugins.kubernetes = k;
    } else if (d.name === 'hosts') {
      // hosts [FILE [ZONES...]]: the file (default /etc/hosts) is not simulated, inline entries are.
      const args = d.args.filter((a) => a !== 'no-reverse' && a !== 'no_reverse');
      const h = { ttl: 3600, origins: args.length > 1 ? args.slice(1).map(normalizeZone) : blockZones, fallthrough: null as string[] | null, reverse: !d.args.some((a) => a === 'no-reverse' || a === 'no_reverse') };
      for (const o of d.block) {
        if (o.name === 'fallthrough') h.fallthrough = fallZones(o.args);
        else if (o.name === 'no_reverse' || o.name === 'no-reverse') h.reverse = false;
        else if (o.name === 'reload') continue;
        else if (o.name === 'ttl') {
          const n = Number(o.args[0]);
          if (Number.isInteger(n) && n > 0 && n <= 65535) h.ttl = n;
          else errors.push(`line ${o.line}: plugin/hosts: ttl provided is invalid`);
        } else if (h.fallthrough !== null) errors.push(`line ${o.line}: plugin/hosts: unknown property '${o.name}'`);
        else {
          // An inline hosts-file line: ADDRESS NAME...
          const addr = o.name;
          if (!/^[0-9a-fA-F:.]+$/.test(addr)) continue;
          for (const n of o.args) {
            const key = n.toLowerCase().replace(/\.$/, '');
            hosts.set(key, [...(hosts.get(key) ?? []), addr]);
          }
        }
      }
      plugins.hosts = h;
    } else if (d.name === 'cache') {
      const c = { zones: blockZones, successTtl: 3600, denialTtl: 1800, minSuccessTtl: 5, minDenialTtl: 5 };
      let args = d.args;
      const first = Number(args[0]);
      if (args.length && Number.isInteger(first)) {
        if (first <= 0) errors.push(`line ${d.line}: plugin/cache: cache TTL can not be zero or negative: ${first}`);
        else c.successTtl = c.denialTtl = first;
        args = args.slice(1);
      }
      if (args.length) c.zones = args.map(normalizeZone);
      for (const o of d.block) {
        if (o.name !== 'success' && o.name !== 'denial') continue;
        const [max, min] = [Number(o.args[1]), Number(o.args[2])];
        if (o.name === 'success') {
          if (Number.isInteger(max) && max > 0) c.successTtl = max;
          if (Number.isInteger(min) && min >= 0) c.minSuccessTtl = min;
        } else {
          if (Number.isInteger(max) && max > 0) c.denialTtl = max;
          if (Number.isInteger(min) && min >= 0) c.minDenialTtl = min;
        }
      }
      plugins.cache = c;
    } else if (d.name === 'forward') {
      plugins.forward = true;
      if (d.args[0] !== undefined && normalizeZone(d.args[0]) !== '.') warnings.push(`line ${d.line}: forward ${d.args[0]} is simulated as forwarding every name to --upstream-dns`);
    } else if (OTHER_PLUGINS.has(d.name)) warnings.push(`line ${d.line}: plugin ${d.name} is not simulated`);
    else if (!INERT.has(d.name)) errors.push(`line ${d.line}: Unknown directive '${d.name}'`);
  }
  // Names outside the main block's zones go to the block serving "." (stub-domain layouts): only
  // whether it forwards is modelled.
  if (!plugins.forward && !blockZones.includes('.')) plugins.forward = blocks.some((b) => b !== main && b.keys.map(normalizeZone).includes('.') && b.directives.some((d) => d.name === 'forward'));
  if (errors.length) {
    // CoreDNS refuses the file; the reload plugin keeps serving the Corefile it had (kubeadm's).
    return { config: defaults(), warnings: [...errors.map((e) => `Corefile rejected, previous one kept: ${e}`), ...warnings] };
  }
  if (!plugins.kubernetes) warnings.push('Corefile has no kubernetes plugin: cluster names will not resolve');
  const primary = plugins.kubernetes?.zones.find((z) => !z.endsWith('in-addr.arpa.') && !z.endsWith('ip6.arpa.'));
  return {
    config: { clusterDomain: primary && primary !== '.' ? primary.slice(0, -1) : clusterDomain, ttl, podsMode, hosts, plugins },
    warnings,
  };
}
