// nodeTypes at module scope: React Flow re-mounts every node when this object changes identity.
// Every box reads its content with useBoxData (useBox.ts), not from its props alone: React Flow keeps a
// box's node object while only its content changes (shells.ts).
import type { NodeTypes } from '@xyflow/react';
import { IngressBox, OutsideBox, ServiceBox, SystemBox, UnsimulatedBox } from './network';
import { MoreBox, NodeBox, PendingArea, PodBox } from './workload';

export const nodeTypes: NodeTypes = {
  k8sNode: NodeBox,
  pod: PodBox,
  more: MoreBox,
  pending: PendingArea,
  service: ServiceBox,
  ingress: IngressBox,
  outside: OutsideBox,
  system: SystemBox,
  unsimulated: UnsimulatedBox,
};
