// nodeTypes at module scope: React Flow re-mounts every node when this object changes identity.
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
