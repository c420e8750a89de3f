// Models the rules one Service port writes (pkg/proxy/iptables/proxier.go syncProxyRules loop body, writeServiceToEndpointRules). Leaves out: IPv6 (ip6tables) rules.
// Written in upstream's order with upstream's exact arguments; each rule also carries a compiled form of
// its matches (rule-spec.ts) and links to the next rule and to the chain it jumps to, so decisions
// (walk.ts) follow the chains without parsing text.
import type { EndpointState } from '../../cluster/state';
import { parseCIDR4, parseIPv4 } from '../../net/ipv4';
import { probability } from './names';
import { categorizeEndpoints, chainNames, endpointFlags, localhostNodePortRule, NTOP, usesFWChain, type StateIndex, type SvcPort } from './service-info';
import { A_DNAT, A_JUMP, A_MASQ, A_NOTHING, linkChain, markLadder, rs, setFlags, type RuleSpec } from './rule-spec';

export type { Match, RuleSpec } from './rule-spec';

export interface SPRules {
  sp: SvcPort;
  /** copies of sp's fields a decision reads (sp.index, svcKey, portName, affinity), and where the port's
   *  nat KUBE-SERVICES entries start on a node without Local-policy endpoints: a decision then needs
   *  only these rules, not the SvcPort */
  index: number;
  svcKey: SvcPort['svcKey'];
  portName: string;
  affinity: boolean;
  natBase: number;
  hasInternal: boolean;
  hasExternal: boolean;
  clusterEps: EndpointState[];
  localEps: EndpointState[];
  /** the TOP chains' rules (see service-info.ts TOP), in order */
  top: RuleSpec[][];
  /** top[0]'s first rule: the nat KUBE-SERVICES entries, linked by `after`, read by every decision */
  natFirst: RuleSpec | null;
  /** the port's own nat chains (EXT, FW, SVC, SVL, SEP), in write order */
  chains: Map<string, RuleSpec[]>;
  clusterChain: string;
  localChain: string;
}

const q = (s: string) => `"${s}"`;

function ipMatch(ip: string): { net: number; bits: number; neg: boolean } {
  return { net: parseIPv4(ip) ?? 0, bits: 32, neg: false };
}

function cidrMatch(cidr: string, neg: boolean): { net: number; bits: number; neg: boolean } {
  const c = parseCIDR4(cidr);
  return { net: c ? c.network : 0, bits: c ? c.prefix : 32, neg };
}

/** Build everything one Service port writes on `nodeName` (whose InternalIP is `nodeIP`). */
export function buildServicePortRules(idx: StateIndex, sp: SvcPort, nodeName: string, nodeIP: string | null): SPRules {
  const opts = idx.opts;
  const large = idx.largeClusterMode;
  const { cluster, local, all } = categorizeEndpoints(sp, nodeName);
  const { hasInternal, hasExternal } = endpointFlags(sp, local.length > 0);
  const name = sp.name;
  const proto = sp.proto;
  const port = String(sp.port.port);
  const cidr = idx.clusterCIDR;
  const names = chainNames(sp);
  const sepOf = sepNames(sp);
  const clusterChain = names.svc;
  const localChain = names.svl;
  const usesClusterChain = cluster.length > 0 && sp.usesCluster;
  const usesLocalChain = local.length > 0 && sp.usesLocal;
  const internalChain = sp.itpLocal ? localChain : clusterChain;
  const externalPolicyChain = sp.etpLocal ? localChain : clusterChain;
  const extChain = names.ext;
  const usesExtChain = sp.hasEndpoints && sp.externallyAccessible;
  const fw = usesFWChain(sp);
  const fwChain = fw ? names.fw : '';
  const lbChain = fw ? fwChain : extChain;
  const masq = 'KUBE-MARK-MASQ';

  const top: RuleSpec[][] = [[], [], [], [], [], []];
  const [natSvc, natNp, fSvc, fExt, fFw, fNp] = top;
  const chains = new Map<string, RuleSpec[]>();
  const put = (r: RuleSpec) => {
    let l = chains.get(r.chain);
    if (!l) chains.set(r.chain, (l = []));
    l.push(r);
  };
  const pp = `-m ${proto} -p ${proto}`;
  const dportM = { proto, dport: sp.port.port };

  // "has no endpoints" / "has no local endpoints": REJECT everything, or DROP what is not short-circuited.
  const noEp = !sp.hasEndpoints;
  const intTarget = noEp ? 'REJECT' : 'DROP';
  const intComment = noEp ? `${name} has no endpoints` : `${name} has no local endpoints`;
  const reason = noEp ? 'no-endpoints' : 'no-local-endpoints';

  // Capture the clusterIP.
  if (hasInternal) {
    const c = `${name} cluster IP`;
    natSvc.push(rs({ chain: 'KUBE-SERVICES', body: `-m comment --comment ${q(c)} ${pp} -d ${sp.clusterIP} --dport ${port} -j ${internalChain}`, comment: c, target: internalChain, m: { ...dportM, dst: ipMatch(sp.clusterIP) }, via: 'clusterIP', vip: sp.clusterIP }));
  } else {
    fSvc.push(rs({ chain: 'KUBE-SERVICES', body: `-m comment --comment ${q(intComment)} ${pp} -d ${sp.clusterIP} --dport ${port} -j ${intTarget}`, comment: intComment, target: intTarget, m: { ...dportM, dst: ipMatch(sp.clusterIP) }, via: 'clusterIP', vip: sp.clusterIP, reason }));
  }
  const extFilter = (ip: string, via: 'externalIP' | 'loadBalancer'): RuleSpec =>
    rs({
      chain: 'KUBE-EXTERNAL-SERVICES',
      body: `-m comment --comment ${q(intComment)} ${pp} -d ${ip} --dport ${port} -j ${intTarget}`,
      comment: intComment,
      target: intTarget,
      m: { ...dportM, dst: ipMatch(ip) },
      via,
      vip: ip,
      reason,
    });
  // Capture externalIPs.
  for (const ip of sp.externalIPs) {
    if (sp.hasEndpoints) {
      const c = `${name} external IP`;
      natSvc.push(rs({ chain: 'KUBE-SERVICES', body: `-m comment --comment ${q(c)} ${pp} -d ${ip} --dport ${port} -j ${extChain}`, comment: c, target: extChain, m: { ...dportM, dst: ipMatch(ip) }, via: 'externalIP', vip: ip }));
    }
    if (!hasExternal) fExt.push(extFilter(ip, 'externalIP'));
  }
  // Capture load-balancer ingress.
  for (const ip of sp.lbVIPs) {
    if (sp.hasEndpoints) {
      const c = `${name} loadbalancer IP`;
      natSvc.push(rs({ chain: 'KUBE-SERVICES', body: `-m comment --comment ${q(c)} ${pp} -d ${ip} --dport ${port} -j ${lbChain}`, comment: c, target: lbChain, m: { ...dportM, dst: ipMatch(ip) }, via: 'loadBalancer', vip: ip }));
    }
    if (fw) {
      const c = `${name} traffic not accepted by ${fwChain}`;
      fFw.push(rs({ chain: 'KUBE-PROXY-FIREWALL', body: `-m comment --comment ${q(c)} ${pp} -d ${ip} --dport ${port} -j DROP`, comment: c, target: 'DROP', m: { ...dportM, dst: ipMatch(ip) }, via: 'loadBalancer', vip: ip, reason: 'lb-source-ranges' }));
    }
  }
  if (!hasExternal) for (const ip of sp.lbVIPs) fExt.push(extFilter(ip, 'loadBalancer'));
  // Capture nodeports.
  if (sp.nodePort) {
    const np = String(sp.nodePort);
    if (sp.hasEndpoints) {
      if (localhostNodePortRule(opts)) {
        natNp.push(rs({ chain: 'KUBE-NODEPORTS', body: `-m comment --comment ${name} ${pp} -d 127.0.0.0/8 --dport ${np} -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${extChain}`, comment: name, target: extChain, m: { proto, dport: sp.nodePort, dst: { net: 0x7f000000, bits: 8, neg: false } }, localhost: true }));
      }
      natNp.push(rs({ chain: 'KUBE-NODEPORTS', body: `-m comment --comment ${name} ${pp} --dport ${np} -j ${extChain}`, comment: name, target: extChain, m: { proto, dport: sp.nodePort } }));
    }
    if (!hasExternal) {
      fExt.push(rs({ chain: 'KUBE-EXTERNAL-SERVICES', body: `-m comment --comment ${q(intComment)} -m addrtype --dst-type LOCAL ${pp} --dport ${np} -j ${intTarget}`, comment: intComment, target: intTarget, m: { proto, dport: sp.nodePort, dstLocal: true }, reason }));
    }
  }
  // Capture healthCheckNodePorts.
  if (sp.hcNodePort) {
    const c = `${name} health check node port`;
    fNp.push(rs({ chain: 'KUBE-NODEPORTS', body: `-m comment --comment ${q(c)} -m tcp -p tcp --dport ${sp.hcNodePort} -j ACCEPT`, comment: c, target: 'ACCEPT', m: { proto: 'tcp', dport: sp.hcNodePort } }));
  }

  // Set up internal traffic handling.
  if (hasInternal) {
    const c = `${name} cluster IP`;
    const head = `-m comment --comment ${q(c)} ${pp} -d ${sp.clusterIP} --dport ${port}`;
    const m = { ...dportM, dst: ipMatch(sp.clusterIP) };
    if (opts.masqueradeAll) put(rs({ chain: internalChain, body: `${head} -j ${masq}`, comment: c, target: masq, m }));
    else if (cidr) put(rs({ chain: internalChain, body: `${head} ! -s ${cidr} -j ${masq}`, comment: c, target: masq, m: { ...m, src: cidrMatch(cidr, true) } }));
  }

  // Set up external traffic handling.
  if (usesExtChain) {
    if (!sp.etpLocal) {
      const c = `masquerade traffic for ${name} external destinations`;
      put(rs({ chain: extChain, body: `-m comment --comment ${q(c)} -j ${masq}`, comment: c, target: masq, m: {} }));
    } else {
      if (cidr) {
        const c = `pod traffic for ${name} external destinations`;
        put(rs({ chain: extChain, body: `-m comment --comment ${q(c)} -s ${cidr} -j ${clusterChain}`, comment: c, target: clusterChain, m: { src: cidrMatch(cidr, false) } }));
      }
      const c1 = `masquerade LOCAL traffic for ${name} external destinations`;
      put(rs({ chain: extChain, body: `-m comment --comment ${q(c1)} -m addrtype --src-type LOCAL -j ${masq}`, comment: c1, target: masq, m: { srcLocal: true } }));
      const c2 = `route LOCAL traffic for ${name} external destinations`;
      put(rs({ chain: extChain, body: `-m comment --comment ${q(c2)} -m addrtype --src-type LOCAL -j ${clusterChain}`, comment: c2, target: clusterChain, m: { srcLocal: true } }));
    }
    if (hasExternal) put(rs({ chain: extChain, body: `-j ${externalPolicyChain}`, target: externalPolicyChain, m: {} }));
  }

  // Set up firewall chain, if needed.
  if (fw) {
    const c = `${name} loadbalancer IP`;
    let allowFromNode = false;
    const nodeN = nodeIP ? parseIPv4(nodeIP) : null;
    for (const r of sp.sourceRanges) {
      put(rs({ chain: fwChain, body: `-m comment --comment ${q(c)} -s ${r} -j ${extChain}`, comment: c, target: extChain, m: { src: cidrMatch(r, false) } }));
      const cr = parseCIDR4(r);
      if (cr && nodeN !== null && cr.contains(nodeN)) allowFromNode = true;
    }
    if (allowFromNode) {
      for (const ip of sp.lbVIPs) put(rs({ chain: fwChain, body: `-m comment --comment ${q(c)} -s ${ip} -j ${extChain}`, comment: c, target: extChain, m: { src: ipMatch(ip) } }));
    }
    const c2 = `other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`;
    put(rs({ chain: fwChain, body: `-m comment --comment ${q(c2)}`, comment: c2, target: null, m: {} }));
  }

  if (usesClusterChain) writeServiceToEndpointRules(put, sp, clusterChain, cluster, large, sepOf);
  if (usesLocalChain) writeServiceToEndpointRules(put, sp, localChain, local, large, sepOf);

  // Generate the per-endpoint chains.
  for (const ep of all) {
    const epStr = `${ep.ip}:${ep.port}`;
    const sep = sepOf.get(ep)!;
    const cm = large ? '' : `-m comment --comment ${name} `;
    const comment = large ? undefined : name;
    put(rs({ chain: sep, body: `${cm}-s ${ep.ip} -j ${masq}`, comment, target: masq, m: { src: ipMatch(ep.ip) } }));
    const recent = sp.affinity ? `-m recent --name ${sep} --set ` : '';
    put(rs({ chain: sep, body: `${cm}${recent}${pp} -j DNAT --to-destination ${epStr}`, comment, target: 'DNAT', m: { proto, set: sp.affinity ? sep : undefined }, ep }));
  }

  for (const [chain, list] of chains) {
    list.forEach((r, i) => {
      r.ref = Object.freeze({ table: 'nat', chain, num: i + 1 });
      r.act = r.target === masq ? A_MASQ : r.target === 'DNAT' ? A_DNAT : r.target === null ? A_NOTHING : A_JUMP;
      r.pick = !!r.ep && r.act === A_JUMP && (chain === clusterChain || chain === localChain);
      r.fwAllow = chain === fwChain && r.target === extChain;
      setFlags(r);
    });
  }
  const first = (chain: string | null) => (chain !== null ? (chains.get(chain)?.[0] ?? null) : null);
  for (const list of chains.values()) {
    for (const r of list) if (r.act === A_JUMP) r.into = first(r.target);
    linkChain(list);
    markLadder(list);
  }
  for (const list of top) {
    for (const r of list) r.into = first(r.target);
    linkChain(list);
  }
  // What a decision reads first (decide.ts), together at the start of the object.
  return {
    natFirst: natSvc.length ? natSvc[0] : null,
    natBase: idx.basePrefix[sp.index * NTOP],
    index: sp.index,
    svcKey: sp.svcKey,
    portName: sp.portName,
    affinity: sp.affinity,
    sp,
    hasInternal,
    hasExternal,
    clusterEps: cluster,
    localEps: local,
    top,
    chains,
    clusterChain,
    localChain,
  };
}

/** KUBE-SEP chain names by endpoint, for one build. */
function sepNames(sp: SvcPort): Map<EndpointState, string> {
  const sep = chainNames(sp).sep;
  return new Map(sp.eps.map((e, i) => [e, sep[i]]));
}

function writeServiceToEndpointRules(put: (r: RuleSpec) => void, sp: SvcPort, svcChain: string, eps: EndpointState[], large: boolean, sepOf: Map<EndpointState, string>): void {
  const sep = (ep: EndpointState) => sepOf.get(ep)!;
  // First write session affinity rules, if applicable.
  // Each rule that picks an endpoint knows the endpoint's position in `eps` (what a decision reports).
  const pick = (r: RuleSpec, i: number) => {
    r.epIndex = i;
    r.epCount = eps.length;
    put(r);
  };
  if (sp.affinity) {
    eps.forEach((ep, i) => {
      const c = `${sp.name} -> ${ep.ip}:${ep.port}`;
      const chain = sep(ep);
      const cm = large ? '' : `-m comment --comment ${q(c)} `;
      pick(rs({ chain: svcChain, body: `${cm}-m recent --name ${chain} --rcheck --seconds ${sp.stickySeconds} --reap -j ${chain}`, comment: large ? undefined : c, target: chain, m: { rcheck: { name: chain, seconds: sp.stickySeconds } }, ep }), i);
    });
  }
  // Now write loadbalancing rules.
  const n = eps.length;
  eps.forEach((ep, i) => {
    const c = `${sp.name} -> ${ep.ip}:${ep.port}`;
    const chain = sep(ep);
    const cm = large ? '' : `-m comment --comment ${q(c)} `;
    if (i < n - 1) {
      const p = probability(n - i);
      pick(rs({ chain: svcChain, body: `${cm}-m statistic --mode random --probability ${p} -j ${chain}`, comment: large ? undefined : c, target: chain, m: { prob: Number(p) }, ep }), i);
    } else {
      pick(rs({ chain: svcChain, body: `${cm}-j ${chain}`, comment: large ? undefined : c, target: chain, m: {}, ep }), i);
    }
  });
}
