// Models kube-proxy's load-balancing ladder and per-endpoint chains (pkg/proxy/iptables/proxier.go writeServiceToEndpointRules, the KUBE-SEP-* chains). Leaves out: nothing; this is a compact copy of those rules.
// A decision at 10,000 Services pays for every separate object it visits (they are never in cache), so
// each step of a ladder (one `-m statistic` jump to a KUBE-SEP chain) is copied into one record: the
// jump's own facts, and its endpoint chain when that chain is the usual pair of rules
//   -A KUBE-SEP-X -s EP_IP/32 -j KUBE-MARK-MASQ
//   -A KUBE-SEP-X -m tcp -p tcp -j DNAT --to-destination EP_IP:PORT     (with -m recent --set: affinity)
// walk.ts evaluates those two rules from the record exactly as it would from the rule objects.
import type { EndpointState } from '../../cluster/state';
import { A_DNAT, A_MASQ, F_ACT_SHIFT, M_PROTO, M_SRC, srcMaskOf, type RuleSpec } from './rule-spec';
import type { TracedRule } from './types';

export interface LadderStep {
  /** the jump rule (SVC/SVL → SEP) */
  rule: RuleSpec;
  hop: TracedRule;
  f: number;
  epIndex: number;
  epCount: number;
  /** the endpoint chain's first rule, for the general walk */
  into: RuleSpec | null;
  /** the endpoint chain is the usual pair (above), copied below */
  pair: boolean;
  /** rule 1: -s as (net, mask) */
  masqNet: number;
  masqMask: number;
  masqHop: TracedRule | undefined;
  /** rule 2: protocol code, the recent list it sets (affinity), its DNAT target */
  dnatProtoN: number;
  dnatHop: TracedRule | undefined;
  dnatSet: string | undefined;
  ep: EndpointState | undefined;
  ip: string | undefined;
  port: number;
}

const MATCH_BITS = 0x1ff;
const act = (r: RuleSpec) => (r.f >>> F_ACT_SHIFT) & 3;

/** The steps of a ladder whose rules are `rules` (their hops already made: node-cache.ts prepareHops). */
export function ladderSteps(rules: RuleSpec[]): LadderStep[] {
  return rules.map((r) => {
    const m = r.into;
    const d = m ? m.after : null;
    const pair =
      m !== null &&
      d !== null &&
      d.after === null &&
      m.ladder === undefined &&
      m.tail === undefined &&
      d.ladder === undefined &&
      (m.f & MATCH_BITS) === M_SRC &&
      act(m) === A_MASQ &&
      (d.f & MATCH_BITS) === M_PROTO &&
      act(d) === A_DNAT;
    return {
      rule: r,
      hop: r.hop!,
      f: r.f,
      epIndex: r.epIndex,
      epCount: r.epCount,
      into: m,
      pair,
      masqNet: pair ? m.sn : 0,
      masqMask: pair ? srcMaskOf(m.f) : 0,
      masqHop: pair ? m.hop : undefined,
      dnatProtoN: pair ? d.pd & 7 : 0,
      dnatHop: pair ? d.hop : undefined,
      dnatSet: pair ? d.setName : undefined,
      ep: pair ? d.ep : undefined,
      ip: pair ? d.epIP : undefined,
      port: pair ? d.epPort : 0,
    };
  });
}
