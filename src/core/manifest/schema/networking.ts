// k8s.io/api/networking/v1 (types.go): Ingress and IngressClass. Core types referenced from here
// (v1.Protocol, v1.TypedLocalObjectReference) print with the same "v1." package name.
import { Protocol } from './core-pod';
import { ObjectMeta, typeMeta } from './meta';
import { INT32, STRING, STRINGS, slice, str, struct } from './types';

const IngressBackend = struct('v1.IngressBackend', {
  service: struct('v1.IngressServiceBackend', {
    name: STRING,
    port: struct('v1.ServiceBackendPort', { name: STRING, number: INT32 }),
  }),
  resource: struct('v1.TypedLocalObjectReference', { apiGroup: STRING, kind: STRING, name: STRING }),
});

const IngressSpec = struct('v1.IngressSpec', {
  ingressClassName: STRING,
  defaultBackend: IngressBackend,
  tls: slice(struct('v1.IngressTLS', { hosts: STRINGS, secretName: STRING })),
  rules: slice(
    struct('v1.IngressRule', {
      host: STRING,
      // IngressRuleValue is inlined: its `http` field belongs to IngressRule for error messages.
      http: struct('v1.HTTPIngressRuleValue', {
        paths: slice(struct('v1.HTTPIngressPath', { path: STRING, pathType: str('v1.PathType'), backend: IngressBackend })),
      }),
    }),
  ),
});

const IngressStatus = struct('v1.IngressStatus', {
  loadBalancer: struct('v1.IngressLoadBalancerStatus', {
    ingress: slice(
      struct('v1.IngressLoadBalancerIngress', {
        ip: STRING,
        hostname: STRING,
        ports: slice(struct('v1.IngressPortStatus', { port: INT32, protocol: Protocol, error: STRING })),
      }),
    ),
  }),
});

export const Ingress = struct('v1.Ingress', { ...typeMeta, metadata: ObjectMeta, spec: IngressSpec, status: IngressStatus });

export const IngressClass = struct('v1.IngressClass', {
  ...typeMeta,
  metadata: ObjectMeta,
  spec: struct('v1.IngressClassSpec', {
    controller: STRING,
    parameters: struct('v1.IngressClassParametersReference', {
      apiGroup: STRING,
      kind: STRING,
      name: STRING,
      scope: STRING,
      namespace: STRING,
    }),
  }),
});
