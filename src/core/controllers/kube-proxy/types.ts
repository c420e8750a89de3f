// Models kube-proxy's configuration and outputs as the playground exposes them (pkg/proxy/apis/config KubeProxyConfiguration). Leaves out: modes other than iptables.
import type { EndpointState } from '../../cluster/state';
import type { ObjectKey } from '../../model/types';

export interface RuleRef {
  table: 'nat' | 'filter';
  chain: string;
  /** 1-based position of the rule within its chain, as `iptables -t nat -L CHAIN --line-numbers` counts */
  num: number;
}

/** A rule a decision traversed, with its `-A CHAIN …` text (exactly what proxyRuleText returns for the ref). */
export interface TracedRule extends RuleRef {
  text: string | null;
}

export interface Rule {
  ref: RuleRef;
  /** the `-A CHAIN …` line exactly as kube-proxy writes it (and proxier_test's dumps show it) */
  text: string;
  /** the rule's `-m comment --comment` value, unquoted */
  comment?: string;
}

export interface ProxyTables {
  nat: { chains: string[]; rules: Rule[] };
  filter: { chains: string[]; rules: Rule[] };
}

export interface ProxyPacket {
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  proto: 'TCP' | 'UDP' | 'SCTP' | 'ICMP';
  /** where the packet enters this node's netfilter: from a pod on this node (PREROUTING), from the node
   *  itself/hostNetwork (OUTPUT), or from outside the node (PREROUTING, e.g. a NodePort or LB hit) */
  origin: 'local-pod' | 'local-host' | 'external';
}

export interface AffinityTable {
  get(key: string): { endpoint: string; lastSeen: number } | undefined;
  set(key: string, v: { endpoint: string; lastSeen: number }): void;
}

export type ProxyDecision =
  | {
      action: 'dnat';
      service: ObjectKey;
      /** the Service port's name */
      servicePort: string;
      endpoint: EndpointState;
      /** the DNAT rule's --to-destination (the endpoint's address and port) */
      toIP: string;
      toPort: number;
      /** every rule the packet matched, in traversal order, ending with the KUBE-SEP DNAT rule */
      rules: TracedRule[];
      /** the matched statistic rule's probability; null for the last (unconditional) rule or an affinity hit */
      probability: number | null;
      /** 1/n overall */
      pickProbability: number;
      endpointIndex: number;
      endpointCount: number;
      /** KUBE-MARK-MASQ applied: SNAT to the node IP on the way out (KUBE-POSTROUTING) */
      masquerade: boolean;
      affinity: 'hit' | 'new' | null;
      via: 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer';
    }
  | { action: 'reject'; service: ObjectKey; rules: TracedRule[]; reason: 'no-endpoints' }
  | { action: 'drop'; service: ObjectKey; rules: TracedRule[]; reason: 'no-local-endpoints' | 'lb-source-ranges' }
  /** no kube-proxy rule applies: normal routing (e.g. pod IP, or a ClusterIP on a port it doesn't serve) */
  | { action: 'none'; rules: TracedRule[] };

/**
 * kube-proxy settings that change the rules. The defaults are what kind's kube-proxy runs with:
 * iptables mode, --cluster-cidr = the pod subnet (detect-local-mode ClusterCIDR), masquerade bit 14,
 * localhostNodePorts on, an iptables with --random-fully, nfacct counters available.
 */
export interface ProxyOptions {
  /** "0x4000" (1 << masqueradeBit 14, as iptables-save prints it) */
  masqueradeMark: string;
  /** iptables supports MASQUERADE --random-fully (every kind node image does) */
  randomFully: boolean;
  /** iptables.localhostNodePorts (default true) */
  localhostNodePorts: boolean;
  /** nfacct counters could be created (kube-proxy then adds -m nfacct to two rules) */
  nfacct: boolean;
  /** net.netfilter.nf_conntrack_tcp_be_liberal is set: no INVALID drop rule */
  conntrackTCPLiberal: boolean;
  masqueradeAll: boolean;
  /** --cluster-cidr for detect-local-mode ClusterCIDR; null: the pod subnet from the topology; '' : none */
  clusterCIDR: string | null;
}

export const DEFAULT_PROXY_OPTIONS: ProxyOptions = {
  masqueradeMark: '0x4000',
  randomFully: true,
  localhostNodePorts: true,
  nfacct: true,
  conntrackTCPLiberal: false,
  masqueradeAll: false,
  clusterCIDR: null,
};
