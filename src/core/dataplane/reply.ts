// The reply path: the server answers the address it saw, and conntrack on each node that translated
// the request reverses that translation, last one first, until the client sees a reply from exactly the
// address it sent to.
import type { NodeState } from '../cluster/state';
import type { TraceContext } from './context';
import type { PathResult, Server } from './forward';
import { ctEntry, dstOf, LATENCY, packet, srcOf, type Packet } from './recorder';

export function serverLocation(s: Server): string {
  return s.kind === 'pod' ? s.route.at : s.kind === 'node' ? `node/${s.node.name}` : 'external';
}

function serverNode(s: Server): string | null {
  return s.kind === 'pod' ? s.route.nodeName : s.kind === 'node' ? s.node.name : null;
}

/**
 * Walk the reply of a delivered path back to `clientAt`. `note` and `facts` name what the server sends
 * (an HTTP status, an echo reply, a DNS answer) and are recorded on the server's hop.
 */
export function replyPath(ctx: TraceContext, path: PathResult, clientAt: string, note: string, facts?: Record<string, string | number | boolean | null>): Packet {
  const { rec } = ctx;
  const server = path.server!;
  const req = path.packet;
  let pkt = packet(req.dst, req.dstPort, req.src, req.srcPort, req.proto, dstOf(req), srcOf(req));
  let at = serverLocation(server);
  rec.add(at, server.kind === 'pod' ? 'container' : server.kind === 'node' ? 'node' : 'internet', 'respond', pkt, pkt, note).facts = facts;
  let where = serverNode(server);
  // Where the reply is, also as the node object when known: comparing nodes needs no name strings read.
  let whereNode: NodeState | undefined = server.kind === 'pod' ? server.route.node : server.kind === 'node' ? server.node : undefined;
  // conntrack reverses the translations last one first.
  const ts = path.translations;
  for (let i = ts.length - 1; i >= 0; i--) {
    const t = ts[i];
    if (whereNode !== undefined ? whereNode !== t.nodeState : where !== t.node) {
      rec.add(at, 'routing', 'route', pkt, pkt, 'reply-to-node', where === null ? LATENCY.external : LATENCY.node).facts = { node: t.node };
      where = t.node;
      whereNode = t.nodeState;
    }
    at = `node/${t.node}`;
    const snat = t.kind === 'snat';
    const after = snat
      ? packet(pkt.src, pkt.srcPort, t.before.src, t.before.srcPort, pkt.proto, srcOf(pkt), srcOf(t.before))
      : packet(t.before.dst, t.before.dstPort, pkt.dst, pkt.dstPort, pkt.proto, dstOf(t.before), dstOf(pkt));
    const h = rec.add(at, 'conntrack', snat ? 'un-snat' : 'un-dnat', pkt, after, snat ? 'conntrack-un-snat' : 'conntrack-un-dnat');
    // The entry the translation made, now ESTABLISHED: the same two tuples.
    h.conntrack = ctEntry(t.before.proto, 'ESTABLISHED', t.ctOrig, t.ctReply);
    pkt = after;
  }
  const clientNode = clientAt.startsWith('node/') ? clientAt.slice(5) : null;
  const latency = clientAt === 'external' || where === null ? LATENCY.external : clientNode !== null && clientNode !== where ? LATENCY.node : LATENCY.local;
  rec.add(clientAt, 'client', 'receive', pkt, pkt, note === 'dns-answer' ? 'dns-answer-received' : 'reply-received', latency);
  return pkt;
}
