// Models kube-proxy in iptables mode (pkg/proxy/iptables). Leaves out: ipvs and nftables modes (simulated as iptables).
export { buildProxyTables } from './rules';
export { renderIptablesSave } from './render';
export { decide, affinityKey } from './decide';
export { proxyRuleText } from './lookup';
export {
  servicePortNameString,
  servicePortPolicyClusterChain,
  servicePortPolicyLocalChainName,
  serviceExternalChainName,
  serviceFirewallChainName,
  servicePortEndpointChainName,
  probability,
} from './names';
export type { RuleRef, Rule, ProxyTables, ProxyPacket, AffinityTable, ProxyDecision, ProxyOptions } from './types';
export { DEFAULT_PROXY_OPTIONS } from './types';
