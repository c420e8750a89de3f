// The Go type each kind's request body is decoded into (kube-apiserver picks it from apiVersion/kind).
import { Deployment, ReplicaSet } from './apps';
import { ConfigMap, Endpoints, List, Namespace, Node, Secret, Service } from './core';
import { Pod } from './core-pod';
import { EndpointSlice } from './discovery';
import { Ingress, IngressClass } from './networking';
import type { GoType } from './types';

export const KIND_SCHEMAS: ReadonlyMap<string, GoType> = new Map([
  ['Namespace', Namespace],
  ['Node', Node],
  ['Pod', Pod],
  ['Service', Service],
  ['Endpoints', Endpoints],
  ['ConfigMap', ConfigMap],
  ['Secret', Secret],
  ['List', List],
  ['Deployment', Deployment],
  ['ReplicaSet', ReplicaSet],
  ['EndpointSlice', EndpointSlice],
  ['Ingress', Ingress],
  ['IngressClass', IngressClass],
]);
