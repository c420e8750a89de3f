// Sentences people read, from the core's codes and facts. One plain module (no React) shared by the CLI
// and the app. Keep every sentence short, concrete, and true to what Kubernetes does.
import type { Hop, Trace } from '../core/dataplane/types';

type Facts = NonNullable<Hop['facts']>;
const f = (facts: Facts | undefined, k: string): string => String(facts?.[k] ?? '');

/** Why a trace ended as it did. */
const OUTCOME_REASONS: Record<string, (t: Trace) => string> = {
  delivered: (t) => `Delivered to ${t.backend?.pod ? `pod ${t.backend.pod}` : t.backend?.node ? `node ${t.backend.node}` : t.backend?.ip} at ${t.backend?.ip}:${t.backend?.port}; it saw the request come from ${t.backend?.seenSource}.`,
  'delivered-via-ingress': (t) => `ingress-nginx routed the request to pod ${t.backend?.pod} (${t.backend?.ip}:${t.backend?.port}) over a new connection from its own pod (${t.backend?.seenSource}).`,
  'healthcheck-nodeport': (t) => `kube-proxy's health-check server answered HTTP ${t.http?.status}: ${t.http?.status === 200 ? 'this node has a ready local endpoint' : 'no ready local endpoint on this node, so load balancers stop sending here'}.`,
  'external-host': (t) => `Delivered to ${t.backend?.ip}:${t.backend?.port}, a host outside the cluster.`,
  'no-endpoints': () => 'The Service has no ready endpoints, so kube-proxy rejects the connection (REJECT, ICMP port unreachable): the client sees "connection refused".',
  'not-listening': () => 'The packet reached the pod, but nothing in it listens on that port: the kernel answers with a reset ("connection refused").',
  'no-local-endpoints': () => 'externalTrafficPolicy is Local and this node has no ready endpoint of the Service, so kube-proxy drops the packet; the client waits until it times out.',
  'lb-source-ranges': () => 'The client address is outside the Service\'s loadBalancerSourceRanges, so the packet is dropped.',
  'clusterip-port-not-served': () => 'No kube-proxy rule matches this ClusterIP and port (the Service does not serve that port), so the packet goes nowhere and the client times out.',
  'clusterip-icmp': () => 'A ClusterIP is not a real host: kube-proxy only rewrites TCP/UDP/SCTP to the Service\'s ports, so a ping to it gets no answer.',
  'clusterip-from-outside': () => 'ClusterIPs are only reachable from inside the cluster; from outside, use a NodePort, a LoadBalancer or an Ingress.',
  'podip-from-outside': () => 'Pod IPs are not routed outside the cluster; from outside, use a NodePort, a LoadBalancer or an Ingress.',
  'unknown-host': () => 'No host answers at that address, so the client times out.',
  'no-such-pod': () => 'The address is in the pod network but no pod has it, so the packet goes nowhere.',
  'node-port-closed': () => 'The packet reached the node, but no process on the node listens on that port and no NodePort matches it: connection refused.',
  'lb-no-announcer': () => 'No node announces this load-balancer address (with externalTrafficPolicy Local, only nodes with a ready local endpoint do), so nothing answers.',
  'dns-nxdomain': () => 'The name does not exist (NXDOMAIN) after the resolver tried every search domain.',
  'dns-nodata': () => 'The name exists but has no A record.',
  'cname-target-unresolved': () => 'The name is a CNAME (an ExternalName Service) whose target could not be resolved to an address.',
  'cname-loop': () => 'The name is a CNAME chain that loops (e.g. an ExternalName Service pointing at itself): CoreDNS returns the CNAME without an address, so the name cannot be resolved.',
  'dns-servfail': () => 'The DNS server failed to answer (SERVFAIL), e.g. a CNAME loop.',
  'dns-no-endpoints': () => 'kube-dns has no ready CoreDNS endpoints, so DNS queries are refused.',
  'node-uses-host-dns': () => 'Nodes use the host\'s resolver, not CoreDNS: cluster names do not resolve on a node. Use the ClusterIP, or run the request from a pod.',
  'ingress-address-pending': () => 'This host belongs to an Ingress, but the ingress controller\'s LoadBalancer address is still <pending> (no load-balancer pool), so public DNS has nothing for it. Use --resolve HOST:NODE_IP with the controller\'s nodePort in the URL.',
  'ingress-no-rule': () => 'ingress-nginx found no rule for this host and path, so its default backend answered 404.',
  'ingress-service-missing': () => 'The Ingress rule points at a Service that does not exist, so ingress-nginx answered 503.',
  'ingress-no-endpoints': () => 'The Ingress backend Service has no ready endpoints, so ingress-nginx answered 503.',
  'ingress-upstream-failed': () => 'ingress-nginx could not connect to the backend pod, so it answered 502.',
  'no-nameserver': () => 'The pod has no nameserver in /etc/resolv.conf.',
};

export function explainOutcome(t: Trace): string {
  const fn = OUTCOME_REASONS[t.reason];
  if (fn) return fn(t);
  if (t.reason.startsWith('ingress-')) return `ingress-nginx answered ${t.http?.status ?? ''} (${t.reason}).`;
  if (t.reason.startsWith('dns-')) return `Name resolution failed (${t.reason}).`;
  return `${t.outcome} (${t.reason}).`;
}

/** One sentence for one hop. */
export function explainHop(h: Hop): string {
  const x = h.facts;
  switch (h.action) {
    case 'send':
      return `The client sends ${h.before.proto} from ${h.before.src} to ${h.before.dst}.`;
    case 'dns-query':
      return `The resolver asks ${h.before.dst} for ${f(x, 'type')} ${f(x, 'name').replace(/\.$/, '')}.`;
    case 'dns-answer':
      return `CoreDNS answers ${f(x, 'rcode')} for ${f(x, 'name').replace(/\.$/, '')}${x?.answers ? `: ${x.answers}` : ''}.`;
    case 'dnat': {
      const pick = x?.endpointCount ? ` picked endpoint ${x.endpointIndex} of ${x.endpointCount}` : '';
      const prob = h.probability !== null ? ` with probability ${h.probability}` : x?.endpointCount && Number(x.endpointCount) > 1 ? ' (the last rule of the ladder, taken when no earlier one matched)' : '';
      const aff = x?.affinity === 'hit' ? ' (ClientIP session affinity: same endpoint as before)' : '';
      return `kube-proxy's ${h.rule?.chain ?? 'rule'}${pick}${prob}${aff}: destination ${h.before.dst} → ${h.after.dst}.`;
    }
    case 'snat':
      return h.note === 'masquerade-kube-proxy'
        ? `Masquerade (KUBE-MARK-MASQ was set): source ${h.before.src} → ${h.after.src}, so the reply comes back through this node.`
        : `The CNI masquerades traffic leaving the cluster: source ${h.before.src} → ${h.after.src}.`;
    case 'pass':
      return h.note === 'no-rule-icmp' ? 'No kube-proxy rule matches ICMP to a Service address.' : `No kube-proxy rule matches ${h.before.dst}/${h.before.proto}.`;
    case 'route':
      if (h.note === 'to-node') return `Routed to node ${f(x, 'node')} (${f(x, 'via')})${x?.podCIDR ? `, which owns ${x.podCIDR}` : ''}.`;
      if (h.note === 'to-pod') return `Delivered over the veth to pod ${f(x, 'pod')}.`;
      if (h.note === 'to-node-ip') return `Sent to node ${f(x, 'node')}'s IP.`;
      if (h.note === 'to-internet') return 'Routed out of the cluster.';
      if (h.note === 'reply-to-node') return `The reply is routed to node ${f(x, 'node')}, which holds the conntrack entry.`;
      return 'Routed.';
    case 'deliver':
      return h.note === 'node-process' ? `A process on the node (${f(x, 'process')}) accepts the connection.` : `The destination accepts ${h.before.proto} on ${h.before.dst}.`;
    case 'reject':
      if (h.component === 'kube-proxy') return `kube-proxy rejects the packet (${h.rule?.chain ?? 'REJECT'}): the Service has no endpoints.`;
      return `Nothing listens on ${h.before.dst}: the connection is refused.`;
    case 'drop':
      return `kube-proxy drops the packet (${h.rule?.chain ?? 'DROP'}): ${h.note === 'no-local-endpoints' ? 'externalTrafficPolicy Local and no local endpoint on this node' : h.note}.`;
    case 'lost':
      return OUTCOME_REASONS[h.note]?.({} as Trace) ?? 'Nothing answers; the packet is lost.';
    case 'announce':
      return `The load balancer (MetalLB, L2) answers for ${f(x, 'ip')} from node ${f(x, 'node')}.`;
    case 'l7-route':
      return x?.backend ? `ingress-nginx matches ${f(x, 'host')}${f(x, 'path')} to rule ${f(x, 'rule')} of Ingress ${f(x, 'ingress')} → ${f(x, 'backend')}.` : `ingress-nginx has no rule for ${f(x, 'host')}${f(x, 'path')}: ${x?.status ?? 404}.`;
    case 'proxy':
      return `ingress-nginx opens a new connection from ${h.before.src} to endpoint ${f(x, 'endpoint')}.`;
    case 'respond':
      if (h.note === 'dns-answer') return `The DNS answer (${f(x, 'rcode')}) goes back to the resolver.`;
      return x?.status ? `The server answers HTTP ${x.status}.` : h.note === 'echo-reply' ? 'The destination answers the ping.' : 'The server answers.';
    case 'un-dnat':
      return `conntrack reverses the DNAT: the reply's source ${h.before.src} → ${h.after.src}.`;
    case 'un-snat':
      return `conntrack reverses the SNAT: the reply's destination ${h.before.dst} → ${h.after.dst}.`;
    case 'receive':
      return `The client receives the reply from ${h.before.src}.`;
  }
}
