// Models the Pod wire object the apiserver stores for a simulated pod (GetPodFromTemplate's metadata in pkg/controller/controller_utils.go, the scheduler's nodeName binding, the kubelet's status), built when something reads it. Leaves out: what kubelet.ts podStatus leaves out.
import { lazyPodObjects, podStatus, type PodWireBuilder } from './kubelet';
import { podMetadataFromTemplate, podSpecOf, podsPrefix, type PodRec } from './replicaset-controller';

export const GATED = 'Scheduling is blocked due to non-empty scheduling gates';

export const isGated = (spec: Record<string, unknown>) => Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0;

/** The wire object of a pod, as `kubectl get pod -o json` shows it once the kubelet has reported. */
const podWire: PodWireBuilder<PodRec> = {
  metadata(p) {
    const wire = (p.wire ??= {});
    if (wire.metadata) return wire.metadata;
    if (!p.stored) {
      const rs = p.rs!;
      return (wire.metadata = podMetadataFromTemplate({ name: p.name, generateName: podsPrefix(rs.name), namespace: p.namespace, uid: p.uid, labels: p.labels, annotations: rs.podAnnotations, finalizers: rs.podFinalizers, ownerReferences: rs.podOwnerRefs }));
    }
    const meta = p.stored.object.metadata ?? {};
    const refs = p.adopted && p.ownerRef ? [...(Array.isArray(meta.ownerReferences) ? meta.ownerReferences : []), p.ownerRef] : meta.ownerReferences;
    return (wire.metadata = { ...meta, ...(refs ? { ownerReferences: refs } : {}) });
  },
  spec(p) {
    // A ReplicaSet's pod gets the spec the apiserver would store (p.spec is what the controllers read).
    const spec = p.stored ? p.spec : podSpecOf(p.rs!);
    return ((p.wire ??= {}).spec ??= p.nodeName && spec.nodeName !== p.nodeName ? { ...spec, nodeName: p.nodeName } : spec);
  },
  status(p) {
    const pasted = p.stored?.object.status as Record<string, unknown> | undefined;
    if (p.terminal) return pasted ?? {};
    return ((p.wire ??= {}).status ??= podStatus(
      { spec: podWire.spec(p), status: pasted },
      { uid: p.uid, hostIP: p.hostIP, podIP: p.ip, ready: p.readyCondition, unschedulable: p.pendingReason, schedulingGated: !p.nodeName && isGated(p.spec), sandboxError: p.sandboxError },
    ));
  },
};
export const podObject = lazyPodObjects(podWire);
