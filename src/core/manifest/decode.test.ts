import { describe, it, expect } from 'vitest';
import jsyaml from 'js-yaml';
import { decodeObject } from './decode';
import { DEPLOYMENT_YAML, ENDPOINTSLICE_YAML, NODE_YAML, POD_YAML, SERVICE_YAML } from './schema/kubectl-output.fixtures';
import { QUANTITY_FORMAT_WRONG, QUANTITY_SUFFIX } from './schema/scalars';

// Sources: sigs.k8s.io/json internal/golang/encoding/json/decode.go (+ kubernetes_patch.go),
// apimachinery runtime/serializer/json/json.go (strict unmarshal), apiserver handlers/create.go.
const y = (s: string): unknown => jsyaml.load(s, { schema: jsyaml.CORE_SCHEMA });
const messages = (obj: unknown, kind: string): string => decodeObject(obj, kind).problems.map((p) => p.message).join(', ');
const svc = (spec: unknown) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec });
const pod = (container: Record<string, unknown>) => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', ...container }] } });
const cannot = (what: string, where: string, type: string) => `json: cannot unmarshal ${what} into Go struct field ${where} of type ${type}`;

describe('decodeObject: type mismatches (UnmarshalTypeError: first one in sorted-key order wins)', () => {
  it.each([
    // decode.go literalStore/object: <Struct>.<json field path, struct fields only> of type <Go type>
    ['map value is an object (selector written like a LabelSelector)', svc({ selector: { matchLabels: { app: 'x' } } }), 'Service', cannot('object', 'ServiceSpec.spec.selector', 'string'), 'spec.selector.matchLabels'],
    ['string into int32 (real: helm --set service.port=abc)', svc({ ports: [{ port: 'abc' }] }), 'Service', cannot('string', 'ServicePort.spec.ports.port', 'int32'), 'spec.ports[0].port'],
    ['float into int: "number <text>"', svc({ ports: [{ port: 1.5 }] }), 'Service', cannot('number 1.5', 'ServicePort.spec.ports.port', 'int32'), 'spec.ports[0].port'],
    ['int32 overflow: v.OverflowInt', svc({ ports: [{ port: 3000000000 }] }), 'Service', cannot('number 3000000000', 'ServicePort.spec.ports.port', 'int32'), 'spec.ports[0].port'],
    ['number into string: plain "number"', { metadata: { name: 5 } }, 'ConfigMap', cannot('number', 'ObjectMeta.metadata.name', 'string'), 'metadata.name'],
    ['bool into string (env value: true)', pod({ env: [{ name: 'A', value: true }] }), 'Pod', cannot('bool', 'EnvVar.spec.containers.env.value', 'string'), 'spec.containers[0].env[0].value'],
    ['string into bool', svc({ publishNotReadyAddresses: 'yes' }), 'Service', cannot('string', 'ServiceSpec.spec.publishNotReadyAddresses', 'bool'), 'spec.publishNotReadyAddresses'],
    ['array into struct', svc([]), 'Service', cannot('array', 'Service.spec', 'v1.ServiceSpec'), 'spec'],
    ['object into slice', svc({ ports: { port: 80 } }), 'Service', cannot('object', 'ServiceSpec.spec.ports', '[]v1.ServicePort'), 'spec.ports'],
    ['string into slice element struct', svc({ ports: ['80'] }), 'Service', cannot('string', 'ServiceSpec.spec.ports', 'v1.ServicePort'), 'spec.ports[0]'],
    ['string into []string', svc({ clusterIPs: '10.96.0.10' }), 'Service', cannot('string', 'ServiceSpec.spec.clusterIPs', '[]string'), 'spec.clusterIPs'],
    ['named string type: reflect Type.String()', svc({ type: 1 }), 'Service', cannot('number', 'ServiceSpec.spec.type', 'v1.ServiceType'), 'spec.type'],
    ['pointer field reports the element type (*IPFamilyPolicy)', svc({ ipFamilyPolicy: ['SingleStack'] }), 'Service', cannot('array', 'ServiceSpec.spec.ipFamilyPolicy', 'v1.IPFamilyPolicy'), 'spec.ipFamilyPolicy'],
    ['slice of named strings', svc({ ipFamilies: [4] }), 'Service', cannot('number', 'ServiceSpec.spec.ipFamilies', 'v1.IPFamily'), 'spec.ipFamilies[0]'],
    ['map value: no key in the Go path (real: ConfigMap.data)', { data: { 'tcp.conf': { a: 1 } } }, 'ConfigMap', cannot('object', 'ConfigMap.data', 'string'), 'data.tcp.conf'],
    ['labels value', { metadata: { labels: { app: 1 } } }, 'Pod', cannot('number', 'ObjectMeta.metadata.labels', 'string'), 'metadata.labels.app'],
    ['deep path through the pod template (real Deployment error)', { spec: { template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: '80' }] }] } } } }, 'Deployment', cannot('string', 'ContainerPort.spec.template.spec.containers.ports.containerPort', 'int32'), 'spec.template.spec.containers[0].ports[0].containerPort'],
    ['*int32 replicas', { spec: { replicas: '3' } }, 'Deployment', cannot('string', 'DeploymentSpec.spec.replicas', 'int32'), 'spec.replicas'],
    ['uid is types.UID', { metadata: { uid: 1 } }, 'Namespace', cannot('number', 'ObjectMeta.metadata.uid', 'types.UID'), 'metadata.uid'],
    ['opaque subtree still has a Go type', { spec: { containers: [], affinity: 'any' } }, 'Pod', cannot('string', 'PodSpec.spec.affinity', 'v1.Affinity'), 'spec.affinity'],
    ['ResourceList is a named map type', pod({ resources: { limits: '1' } }), 'Pod', cannot('string', 'ResourceRequirements.spec.containers.resources.limits', 'v1.ResourceList'), 'spec.containers[0].resources.limits'],
    ['inlined IngressRuleValue: http belongs to IngressRule', { spec: { rules: [{ http: [] }] } }, 'Ingress', cannot('array', 'IngressRule.spec.rules.http', 'v1.HTTPIngressRuleValue'), 'spec.rules[0].http'],
    ['[]byte from a number', { data: { k: 1 } }, 'Secret', cannot('number', 'Secret.data', '[]uint8'), 'data.k'],
    ['[]byte as an array of bytes: element over 255', { binaryData: { k: [1, 256] } }, 'ConfigMap', cannot('number 256', 'ConfigMap.binaryData', 'uint8'), 'binaryData.k[1]'],
    ['top-level value: no struct context', 'spec', 'Service', 'json: cannot unmarshal string into Go value of type v1.Service', ''],
    ['first in sorted key order (name < port)', svc({ ports: [{ port: 'x', name: 1 }] }), 'Service', cannot('number', 'ServicePort.spec.ports.name', 'string'), 'spec.ports[0].name'],
  ])('%s', (_name, obj, kind, message, field) => {
    const { problems } = decodeObject(obj, kind);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe(message);
    expect(problems[0].field).toBe(field);
  });

  it('a type error hides the strict unknown-field errors (json.go unmarshal: err before strictErrs)', () => {
    expect(messages(svc({ foo: 1, ports: [{ port: 'x', prot: 'TCP' }] }), 'Service')).toBe(cannot('string', 'ServicePort.spec.ports.port', 'int32'));
  });
});

describe('decodeObject: null and wire shapes that decode fine', () => {
  it.each([
    ['null is accepted everywhere (literalStore: null leaves primitives alone)', svc({ ports: [null, { port: null, targetPort: null, name: null }], selector: null, type: null }), 'Service'],
    ['null spec / metadata / creationTimestamp', { metadata: { creationTimestamp: null, labels: null }, spec: null, status: null }, 'Pod'],
    ['targetPort as int or name (IntOrString)', svc({ ports: [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 'http' }] }), 'Service'],
    ['maxSurge as a percentage (*IntOrString)', { spec: { strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } } }, 'Deployment'],
    ['quantities as strings and numbers', pod({ resources: { limits: { cpu: 0.5, memory: '128Mi' }, requests: { cpu: '100m', memory: 1e9, 'example.com/gpu': 1 } } }), 'Pod'],
    ['exponent and decimal quantities', pod({ resources: { limits: { cpu: '1e3', memory: '1.5Gi', x: '-1', y: '+.5', z: '0' } } }), 'Pod'],
    ['valid base64 Secret data, with and without padding groups', { data: { a: 'YWRtaW4=', b: 'YQ==', c: 'YWJj', d: '', e: 'YWJj\nZGVm' } }, 'Secret'],
    ['times with fraction and offset', { metadata: { creationTimestamp: '2025-05-02T09:14:07.123456Z', deletionTimestamp: '2025-05-02T09:14:07+02:00' } }, 'Pod'],
    ['apiVersion and kind are not checked here', { apiVersion: 1, kind: ['Service'] }, 'Service'],
    ['List items are RawExtension: anything', { apiVersion: 'v1', kind: 'List', items: [1, 'x', { kind: 'Pod', whatever: true }], metadata: { resourceVersion: '' } }, 'List'],
    ['opaque subtrees take any keys', { spec: { containers: [], affinity: { podAntiAffinity: { anything: [1] } }, volumes: [{ name: 'v', hostPath: { path: '/x', odd: 1 } }] } }, 'Pod'],
    ['EndpointSlice fields sit at the top level', { addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }], ports: [{ port: 80 }] }, 'EndpointSlice'],
  ])('%s', (_name, obj, kind) => {
    expect(decodeObject(obj, kind).problems).toEqual([]);
  });

  it('kinds without a schema decode with no problems', () => {
    expect(decodeObject({ spec: { anything: 1 } }, 'IPAddressPool').problems).toEqual([]);
  });
});

describe('decodeObject: kubectl get -o yaml output decodes with zero problems', () => {
  it.each([
    ['Pod (status, managedFields, uid, resourceVersion, creationTimestamp)', POD_YAML, 'Pod'],
    ['Service (LoadBalancer with status.loadBalancer.ingress.ipMode)', SERVICE_YAML, 'Service'],
    ['Deployment', DEPLOYMENT_YAML, 'Deployment'],
    ['EndpointSlice', ENDPOINTSLICE_YAML, 'EndpointSlice'],
    ['Node', NODE_YAML, 'Node'],
  ])('%s', (_name, text, kind) => {
    expect(decodeObject(y(text), kind).problems).toEqual([]);
  });
});

describe('decodeObject: custom unmarshalers stop decoding at once', () => {
  it.each([
    // intstr.go UnmarshalJSON → json.Unmarshal(value, &intstr.IntVal); the fork aliases
    // encoding/json's UnmarshalTypeError, so unmarshal() adds the field context.
    ['IntOrString from a bool', svc({ ports: [{ port: 80, targetPort: true }] }), 'Service', cannot('bool', 'ServicePort.spec.ports.targetPort', 'int32')],
    ['IntOrString from a float', svc({ ports: [{ port: 80, targetPort: 80.5 }] }), 'Service', cannot('number 80.5', 'ServicePort.spec.ports.targetPort', 'int32')],
    ['IntOrString from an object', { spec: { strategy: { rollingUpdate: { maxSurge: {} } } } }, 'Deployment', cannot('object', 'RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge', 'int32')],
    ['probe port IntOrString', pod({ livenessProbe: { httpGet: { port: [80] } } }), 'Pod', cannot('array', 'HTTPGetAction.spec.containers.livenessProbe.httpGet.port', 'int32')],
    // ...and its error wins over a mismatch saved earlier (decode.go unmarshal: err before savedError)
    ['returned error beats an earlier saved one', svc({ ports: [{ port: '80', targetPort: true }] }), 'Service', cannot('bool', 'ServicePort.spec.ports.targetPort', 'int32')],
    // quantity.go ParseQuantity errors, as is
    ['Quantity with an unknown character', pod({ resources: { limits: { cpu: '1x' } } }), 'Pod', QUANTITY_FORMAT_WRONG],
    ['Quantity "1Kb"', pod({ resources: { requests: { memory: '1Kb' } } }), 'Pod', QUANTITY_FORMAT_WRONG],
    ['Quantity with an unknown suffix', pod({ resources: { requests: { memory: '1mi' } } }), 'Pod', QUANTITY_SUFFIX],
    ['Quantity empty', pod({ resources: { requests: { memory: '' } } }), 'Pod', QUANTITY_FORMAT_WRONG],
    ['Quantity from a bool', pod({ resources: { requests: { memory: true } } }), 'Pod', QUANTITY_FORMAT_WRONG],
    // metav1.Time UnmarshalJSON: json.Unmarshal into a string, then time.Parse(time.RFC3339, ...)
    ['Time from a number', { metadata: { creationTimestamp: 5 } }, 'Service', cannot('number', 'ObjectMeta.metadata.creationTimestamp', 'string')],
    ['Time not a date', { metadata: { creationTimestamp: 'yesterday' } }, 'Service', 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'],
    ['Time without a clock', { metadata: { creationTimestamp: '2025-05-02' } }, 'Service', 'parsing time "2025-05-02" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"'],
    ['Time without a zone', { metadata: { creationTimestamp: '2025-05-02T09:14:07' } }, 'Service', 'parsing time "2025-05-02T09:14:07" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    ['Time month out of range', { metadata: { creationTimestamp: '2025-13-02T09:14:07Z' } }, 'Service', 'parsing time "2025-13-02T09:14:07Z": month out of range'],
    ['Time day out of range', { metadata: { creationTimestamp: '2025-02-29T09:14:07Z' } }, 'Service', 'parsing time "2025-02-29T09:14:07Z": day out of range'],
    ['Time extra text', { metadata: { creationTimestamp: '2025-05-02T09:14:07Zjunk' } }, 'Service', 'parsing time "2025-05-02T09:14:07Zjunk": extra text: "junk"'],
    ['Time in managedFields', { metadata: { managedFields: [{ time: 1 }] } }, 'Service', cannot('number', 'ManagedFieldsEntry.metadata.managedFields.time', 'string')],
  ])('%s', (_name, obj, kind, message) => {
    expect(messages(obj, kind)).toBe(message);
  });
});

describe('decodeObject: []byte base64 (base64.StdEncoding; CorruptInputError is saved without context)', () => {
  it.each([
    ['plain text "admin": short last quantum', 'admin', 'illegal base64 data at input byte 4'],
    ['"My-pass-123": "-" is not in the alphabet', 'My-pass-123', 'illegal base64 data at input byte 2'],
    ['3 characters, no padding', 'abc', 'illegal base64 data at input byte 0'],
    ['one "=" where two are needed', 'YQ=', 'illegal base64 data at input byte 3'],
    ['padding too early', 'Y===', 'illegal base64 data at input byte 1'],
    ['garbage after the padding', 'YQ==YQ==', 'illegal base64 data at input byte 4'],
  ])('%s', (_name, value, message) => {
    expect(messages({ data: { k: value } }, 'Secret')).toBe(message);
  });
});

describe('decodeObject: strict unknown fields (fieldValidation=Strict)', () => {
  it.each([
    ['one unknown field', svc({ foo: 1 }), 'Service', 'strict decoding error: unknown field "spec.foo"'],
    ['array element path (real: spec.ports[0].nodeport)', svc({ ports: [{ port: 80, nodeport: 30080 }] }), 'Service', 'strict decoding error: unknown field "spec.ports[0].nodeport"'],
    ['case-sensitive matching', { Spec: {} }, 'Service', 'strict decoding error: unknown field "Spec"'],
    ['metadata field (real: metadata.app)', { metadata: { app: 'x' } }, 'Deployment', 'strict decoding error: unknown field "metadata.app"'],
    ['several, sorted, joined by ", "', svc({ zeta: 1, ports: [{ port: 80, prot: 'TCP' }], alpha: 2 }), 'Service', 'strict decoding error: unknown field "spec.alpha", unknown field "spec.ports[0].prot", unknown field "spec.zeta"'],
    ['Ingress tls (real: spec.tls[0].secretNmae)', { spec: { tls: [{ secretNmae: 's' }] } }, 'Ingress', 'strict decoding error: unknown field "spec.tls[0].secretNmae"'],
    ['Deployment strategy (real: maxUnaivailable)', { spec: { strategy: { rollingUpdate: { maxUnaivailable: 5 } } } }, 'Deployment', 'strict decoding error: unknown field "spec.strategy.rollingUpdate.maxUnaivailable"'],
    ['pod template container (real: containers[0].claims)', { spec: { template: { spec: { containers: [{ name: 'c', claims: [] }] } } } }, 'Deployment', 'strict decoding error: unknown field "spec.template.spec.containers[0].claims"'],
    ['field of a wrong level (backoffLimit in a pod spec)', { spec: { template: { spec: { backoffLimit: 1 } } } }, 'ReplicaSet', 'strict decoding error: unknown field "spec.template.spec.backoffLimit"'],
    ['EndpointSlice top level', { endpoints: [{ addresses: [], ready: true }] }, 'EndpointSlice', 'strict decoding error: unknown field "endpoints[0].ready"'],
  ])('%s', (_name, obj, kind, message) => {
    expect(messages(obj, kind)).toBe(message);
  });

  it('each problem points at its field, with its value', () => {
    expect(decodeObject(svc({ ports: [{ port: 80, nodeport: 30080 }] }), 'Service').problems).toEqual([
      { field: 'spec.ports[0].nodeport', message: 'strict decoding error: unknown field "spec.ports[0].nodeport"', value: 30080 },
    ]);
  });

  it('keeps at most 100 (kubernetes_patch.go saveStrictError)', () => {
    const spec = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${String(i).padStart(3, '0')}`, i]));
    expect(decodeObject(svc(spec), 'Service').problems).toHaveLength(100);
  });

  it('is repeatable (no state leaks between calls)', () => {
    const bad = svc({ foo: 1 });
    expect(messages(bad, 'Service')).toBe(messages(bad, 'Service'));
    expect(decodeObject(svc({}), 'Service').problems).toEqual([]);
  });
});
