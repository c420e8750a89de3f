// k8s.io/api/discovery/v1 (types.go): EndpointSlice. Its fields sit at the top level (no spec).
import { Protocol, ObjectReference } from './core-pod';
import { ObjectMeta, typeMeta } from './meta';
import { BOOLEAN, INT32, STRING, STRINGS, STRING_MAP, slice, str, struct } from './types';

const Endpoint = struct('v1.Endpoint', {
  addresses: STRINGS,
  conditions: struct('v1.EndpointConditions', { ready: BOOLEAN, serving: BOOLEAN, terminating: BOOLEAN }),
  hostname: STRING,
  targetRef: ObjectReference,
  deprecatedTopology: STRING_MAP,
  nodeName: STRING,
  zone: STRING,
  hints: struct('v1.EndpointHints', {
    forZones: slice(struct('v1.ForZone', { name: STRING })),
    forNodes: slice(struct('v1.ForNode', { name: STRING })), // 1.33
  }),
});

export const EndpointSlice = struct('v1.EndpointSlice', {
  ...typeMeta,
  metadata: ObjectMeta,
  addressType: str('v1.AddressType'),
  endpoints: slice(Endpoint),
  ports: slice(struct('v1.EndpointPort', { name: STRING, protocol: Protocol, port: INT32, appProtocol: STRING })),
});
