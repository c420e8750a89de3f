// Models kube-proxy's iptables proxier syncProxyRules (pkg/proxy/iptables/proxier.go) for one node. Leaves out: IPv6/dual-stack, topology hints, --nodeport-addresses, partial syncs and -X lines, the kernel's re-formatting of rules.
// The full nat and filter tables kube-proxy restores, in the chain order of proxier_test.go's
// sortIPTablesRules (KUBE-NODEPORTS, KUBE-SERVICES, then the other KUBE-* chains alphabetically), and the
// rules of the shared chains ordered by Service name (upstream iterates a map; the tests sort).
import type { ClusterState } from '../../cluster/state';
import { NTOP, resolveOptions, stateIndex, type StateIndex } from './service-info';
import { buildServicePortRules, type RuleSpec } from './sp-rules';
import type { ProxyOptions, ProxyTables, Rule } from './types';

/** Chain order in the dump, as proxier_test's sortIPTablesRules prints it: KUBE-NODEPORTS,
 *  KUBE-SERVICES, then the other KUBE-* chains alphabetically. */
export function sortChains(chains: Iterable<string>): string[] {
  const rank = (c: string) => (c === 'KUBE-NODEPORTS' ? 0 : c === 'KUBE-SERVICES' ? 1 : c.startsWith('KUBE-') ? 2 : 3);
  return [...chains].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The fixed rules of the nat table (KUBE-POSTROUTING, KUBE-MARK-MASQ). */
export function natFixedRules(opts: ProxyOptions): { chain: string; body: string; comment?: string }[] {
  const mark = opts.masqueradeMark;
  return [
    { chain: 'KUBE-POSTROUTING', body: `-m mark ! --mark ${mark}/${mark} -j RETURN` },
    { chain: 'KUBE-POSTROUTING', body: `-j MARK --xor-mark ${mark}` },
    {
      chain: 'KUBE-POSTROUTING',
      body: `-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${opts.randomFully ? ' --random-fully' : ''}`,
      comment: 'kubernetes service traffic requiring SNAT',
    },
    { chain: 'KUBE-MARK-MASQ', body: `-j MARK --or-mark ${mark}` },
  ];
}

/** The last rule of the nat KUBE-SERVICES chain: the tail-call to KUBE-NODEPORTS for local addresses. */
export function nodePortsJumpRule(opts: ProxyOptions): { body: string; comment: string } {
  const comment = 'kubernetes service nodeports; NOTE: this must be the last rule in this chain';
  const dest = opts.localhostNodePorts ? '-m addrtype --dst-type LOCAL' : '-m addrtype --dst-type LOCAL ! -d 127.0.0.0/8';
  return { body: `-m comment --comment "${comment}" ${dest} -j KUBE-NODEPORTS`, comment };
}

/** The filter table's fixed rules (KUBE-FIREWALL's localnet block, KUBE-FORWARD). */
export function filterFixedRules(opts: ProxyOptions): { chain: string; body: string; comment?: string }[] {
  const mark = opts.masqueradeMark;
  const out: { chain: string; body: string; comment?: string }[] = [];
  if (opts.localhostNodePorts) {
    out.push({
      chain: 'KUBE-FIREWALL',
      body: '-m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
      comment: 'block incoming localnet connections',
    });
  }
  if (!opts.conntrackTCPLiberal) {
    out.push({ chain: 'KUBE-FORWARD', body: `-m conntrack --ctstate INVALID${opts.nfacct ? ' -m nfacct --nfacct-name ct_state_invalid_dropped_pkts' : ''} -j DROP` });
  }
  out.push({ chain: 'KUBE-FORWARD', body: `-m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark}/${mark} -j ACCEPT`, comment: 'kubernetes forwarding rules' });
  out.push({
    chain: 'KUBE-FORWARD',
    body: '-m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    comment: 'kubernetes forwarding conntrack rule',
  });
  return out;
}

class TableBuilder {
  private byChain = new Map<string, { body: string; comment?: string }[]>();
  constructor(
    private table: 'nat' | 'filter',
    chains: string[],
  ) {
    for (const c of chains) this.byChain.set(c, []);
  }
  add(chain: string, r: { body: string; comment?: string }) {
    let l = this.byChain.get(chain);
    if (!l) this.byChain.set(chain, (l = []));
    l.push(r);
  }
  done(): { chains: string[]; rules: Rule[] } {
    const chains = sortChains(this.byChain.keys());
    const rules: Rule[] = [];
    for (const chain of chains) {
      this.byChain.get(chain)!.forEach((r, i) => {
        const rule: Rule = { ref: { table: this.table, chain, num: i + 1 }, text: `-A ${chain} ${r.body}` };
        if (r.comment !== undefined) rule.comment = r.comment;
        rules.push(rule);
      });
    }
    return { chains, rules };
  }
}

/** The full nat and filter tables kube-proxy writes on `nodeName`. */
export function buildProxyTables(state: ClusterState, nodeName: string, options?: Partial<ProxyOptions>): ProxyTables {
  const idx = stateIndex(state, resolveOptions(options));
  return buildTablesFromIndex(idx, state, nodeName);
}

export function buildTablesFromIndex(idx: StateIndex, state: ClusterState, nodeName: string): ProxyTables {
  const opts = idx.opts;
  const nodeIP = state.index.nodeByName.get(nodeName)?.internalIP ?? null;
  const nat = new TableBuilder('nat', ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']);
  const filterChains = ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL'];
  if (opts.localhostNodePorts) filterChains.push('KUBE-FIREWALL');
  const filter = new TableBuilder('filter', filterChains);
  for (const r of natFixedRules(opts)) nat.add(r.chain, r);
  const addSpec = (b: TableBuilder, r: RuleSpec) => b.add(r.chain, r);
  for (const sp of idx.sps) {
    const spr = buildServicePortRules(idx, sp, nodeName, nodeIP);
    for (let c = 0; c < NTOP; c++) for (const r of spr.top[c]) addSpec(c < 2 ? nat : filter, r);
    for (const rules of spr.chains.values()) for (const r of rules) addSpec(nat, r);
  }
  nat.add('KUBE-SERVICES', nodePortsJumpRule(opts));
  for (const r of filterFixedRules(opts)) filter.add(r.chain, r);
  return { nat: nat.done(), filter: filter.done() };
}
