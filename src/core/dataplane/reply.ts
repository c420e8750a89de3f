// The reply path: the server answers the address it saw, and conntrack on each node that translated
// the request reverses that translation, last one first, until the client sees a reply from exactly the
// address it sent to.
import type { TraceContext } from './context';
import type { PathResult, Server } from './forward';
import { conntrackEntry, LATENCY, type Packet } from './recorder';

export function serverLocation(s: Server): string {
  return s.kind === 'pod' ? `pod/${s.pod.namespace}/${s.pod.name}` : s.kind === 'node' ? `node/${s.node.name}` : 'external';
}

function serverNode(s: Server): string | null {
  return s.kind === 'pod' ? s.pod.nodeName : s.kind === 'node' ? s.node.name : null;
}

/**
 * Walk the reply of a delivered path back to `clientAt`. `respond` names what the server sends
 * (an HTTP status, an echo reply, a DNS answer) and is recorded on the server's hop.
 */
export function replyPath(ctx: TraceContext, path: PathResult, clientAt: string, respond: { note: string; facts?: Record<string, string | number | boolean | null> }): Packet {
  const { rec } = ctx;
  const server = path.server!;
  const req = path.packet;
  let pkt: Packet = { src: req.dst, srcPort: req.dstPort, dst: req.src, dstPort: req.srcPort, proto: req.proto };
  let at = serverLocation(server);
  rec.add({ at, component: server.kind === 'pod' ? 'container' : server.kind === 'node' ? 'node' : 'internet', action: 'respond', before: pkt, note: respond.note, facts: respond.facts });
  let where = serverNode(server);
  for (const t of [...path.translations].reverse()) {
    if (where !== t.node) {
      rec.add({ at, component: 'routing', action: 'route', before: pkt, note: 'reply-to-node', facts: { node: t.node }, latency: where === null ? LATENCY.external : LATENCY.node });
      where = t.node;
    }
    at = `node/${t.node}`;
    const after: Packet =
      t.kind === 'snat' ? { ...pkt, dst: t.before.src, dstPort: t.before.srcPort } : { ...pkt, src: t.before.dst, srcPort: t.before.dstPort };
    rec.add({
      at,
      component: 'conntrack',
      action: t.kind === 'snat' ? 'un-snat' : 'un-dnat',
      before: pkt,
      after,
      conntrack: conntrackEntry(t.before, { ...t.after, src: t.after.dst, srcPort: t.after.dstPort, dst: t.after.src, dstPort: t.after.srcPort }, 'ESTABLISHED'),
      note: t.kind === 'snat' ? 'conntrack-un-snat' : 'conntrack-un-dnat',
    });
    pkt = after;
  }
  const clientNode = clientAt.startsWith('node/') ? clientAt.slice(5) : null;
  const latency = clientAt === 'external' || where === null ? LATENCY.external : clientNode !== null && clientNode !== where ? LATENCY.node : LATENCY.local;
  rec.add({ at: clientAt, component: 'client', action: 'receive', before: pkt, note: respond.note === 'dns-answer' ? 'dns-answer-received' : 'reply-received', latency });
  return pkt;
}
