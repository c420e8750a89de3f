// The ingress controller's part of an HTTP(S) request: when a connection lands on an ingress-nginx
// controller pod, nginx picks a rule by host and path, then opens a NEW connection from its own pod IP
// straight to one of the backend Service's endpoints (ingress-nginx balances over endpoints itself; it
// does not go through the ClusterIP). The reply comes back over both connections.
import { routeIngress } from '../controllers/ingress-controller';
import { servicePortKey } from '../cluster/state';
import type { TraceContext } from './context';
import type { Destination } from './destination';
import { sendPacket, type PathResult } from './forward';
import { replyPath } from './reply';
import { packet } from './recorder';
import type { ConnectionResult } from './types';

const CONTROLLER_CLASS = 'k8s.io/ingress-nginx';

type Result = Omit<ConnectionResult, 'seq' | 'time'>;

export function ingressIfController(ctx: TraceContext, path: PathResult, dest: Destination, clientAt: string): Result | null {
  const server = path.server;
  if (!server || server.kind !== 'pod' || server.pod.labels['app.kubernetes.io/name'] !== 'ingress-nginx') return null;
  const controller = server.pod;
  const { state, rec } = ctx;
  const at = `pod/${controller.namespace}/${controller.name}`;
  const ingresses = state.objects.filter((o) => o.kind === 'Ingress').map((o) => o.object);
  const classes = state.objects.filter((o) => o.kind === 'IngressClass').map((o) => o.object);
  const route = routeIngress(
    { ingresses, ingressClasses: classes, services: state.index.serviceByKey, endpoints: state.index.endpoints, controllerClass: CONTROLLER_CLASS },
    { host: dest.host, path: dest.path, scheme: dest.scheme! },
  );
  rec.add(at, 'ingress-nginx', 'l7-route', path.packet, path.packet, `ingress-${route.reason}`).facts = {
      host: dest.host,
      path: dest.path,
      ingress: route.ingress,
      rule: route.rule ? `${route.rule.host ?? '*'}${route.rule.path ?? ''} (${route.rule.pathType ?? 'default backend'})` : null,
      backend: route.backend ? `${route.backend.service}:${route.backend.port}` : null,
      tls: route.tls ? route.tls.secretName : null,
      status: route.status,
  };
  const finish = (status: number, reason: string, backend: ConnectionResult['backend'], seenSourceOverride?: string): Result => {
    const forwardCount = rec.hops.length;
    replyPath(ctx, path, clientAt, 'http-response', { status });
    return {
      outcome: 'delivered',
      reason,
      backend: backend ?? { pod: `${controller.namespace}/${controller.name}`, node: controller.nodeName, ip: path.packet.dst, port: path.packet.dstPort, seenSource: seenSourceOverride ?? `${path.packet.src}:${path.packet.srcPort}` },
      http: { status },
      hops: rec.hops.slice(0, forwardCount),
      reply: { hops: rec.hops.slice(forwardCount), seenSource: `${path.packet.src}:${path.packet.srcPort}` },
    };
  };
  if (!route.backend || route.status) return finish(route.status ?? 404, `ingress-${route.reason}`, null);

  const svc = state.index.serviceByKey.get(`Service/${route.backend.service}` as never);
  const port = svc?.ports.find((p) => (typeof route.backend!.port === 'number' ? p.port === route.backend!.port : p.name === route.backend!.port));
  const eps = svc && port ? (state.index.endpoints.get(servicePortKey(svc, port)) ?? []).filter((e) => e.ready) : [];
  if (!svc || !port || eps.length === 0) return finish(503, !svc ? 'ingress-service-missing' : 'ingress-no-endpoints', null);
  const ep = eps[Math.floor(ctx.rng() * eps.length)];
  const pkt = packet(controller.ip!, ctx.nextPort(), ep.ip, ep.port, 'TCP');
  const proxyHop = rec.hops.length;
  const leg2 = sendPacket(ctx, { kind: 'pod', pod: controller }, pkt);
  const sent = rec.hops[proxyHop];
  sent.component = 'ingress-nginx';
  sent.action = 'proxy';
  sent.note = 'ingress-upstream-connection';
  sent.facts = { endpoint: `${ep.ip}:${ep.port}`, endpoints: eps.length };
  if (leg2.outcome !== 'delivered' || !leg2.server) return finish(502, 'ingress-upstream-failed', null);
  replyPath(ctx, leg2, `pod/${controller.namespace}/${controller.name}`, 'http-response', { status: 200 });
  const b = leg2.server.kind === 'pod' ? leg2.server.pod : null;
  return finish(200, 'delivered-via-ingress', {
    pod: b ? `${b.namespace}/${b.name}` : null,
    node: b?.nodeName ?? null,
    ip: leg2.packet.dst,
    port: leg2.packet.dstPort,
    seenSource: `${leg2.packet.src}:${leg2.packet.srcPort}`,
  });
}
