import { describe, it, expect } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { imageTag } from './pod';
import type { ValidationContext } from './types';
import { podRules } from './workloads';

const ctx: ValidationContext = {
  net: { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' },
};
type R = Record<string, unknown>;
const SUB = String.raw`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const LABEL = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`;
const LVALUE = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;

const ctr = (o: R = {}): R => ({ name: 'app', image: 'nginx:1.27', ...o });
const pod = (spec: R, metadata: R = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...metadata }, spec });
const defaulted = (o: KubeObject): KubeObject => {
  const c = structuredClone(o);
  podRules.default!(c, ctx);
  return c;
};
const errs = (o: KubeObject) => podRules.validate(defaulted(o), ctx).map(fieldErrorString);
const spec = (o: KubeObject) => defaulted(o).spec as R;
const c0 = (o: KubeObject) => (spec(o).containers as R[])[0];

describe('Pod defaults (pkg/apis/core/v1/defaults.go)', () => {
  it('SetDefaults_PodSpec + SetDefaults_Pod fill the pod-level fields', () => {
    const s = spec(pod({ containers: [ctr()] }));
    expect(s).toMatchObject({
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      enableServiceLinks: true,
    });
  });

  it('SetDefaults_Container + ContainerPort protocol default', () => {
    expect(c0(pod({ containers: [ctr({ ports: [{ containerPort: 80 }] })] }))).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
  });

  it.each([
    { image: 'nginx', policy: 'Always', tag: 'latest' }, // no tag and no digest → latest
    { image: 'nginx:latest', policy: 'Always', tag: 'latest' },
    { image: 'nginx:1.27', policy: 'IfNotPresent', tag: '1.27' },
    { image: 'localhost:5000/team/app', policy: 'Always', tag: 'latest' }, // port is not a tag
    { image: `nginx@sha256:${'a'.repeat(64)}`, policy: 'IfNotPresent', tag: '' }, // digest only
    { image: 'Nginx', policy: 'IfNotPresent', tag: '' }, // ParseImageName fails: repository must be lowercase
    { image: 'registry.k8s.io/pause:3.10', policy: 'IfNotPresent', tag: '3.10' },
  ])('SetDefaults_Container imagePullPolicy for $image', ({ image, policy, tag }) => {
    expect(imageTag(image)).toBe(tag);
    expect(c0(pod({ containers: [ctr({ image })] })).imagePullPolicy).toBe(policy);
  });

  it('SetDefaults_Probe and SetDefaults_HTTPGetAction', () => {
    const c = c0(pod({ containers: [ctr({ readinessProbe: { httpGet: { port: 80 } } })] }));
    expect(c.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });

  it('SetDefaults_Pod: hostNetwork copies containerPort into hostPort; limits become requests', () => {
    const c = c0(pod({ hostNetwork: true, containers: [ctr({ ports: [{ containerPort: 8080 }], resources: { limits: { cpu: '1' } } })] }));
    expect((c.ports as R[])[0].hostPort).toBe(8080);
    expect(c.resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '1' } });
  });

  it('SetDefaults_Volume: a volume without a source becomes emptyDir; configMap defaultMode 420', () => {
    const s = spec(pod({ containers: [ctr()], volumes: [{ name: 'a' }, { name: 'b', configMap: { name: 'cm' } }] }));
    expect(s.volumes).toEqual([{ name: 'a', emptyDir: {} }, { name: 'b', configMap: { name: 'cm', defaultMode: 420 } }]);
  });
});

describe('Pod create validation (ValidatePodCreate minus ObjectMeta)', () => {
  it.each([
    { name: 'a minimal pod is valid', p: pod({ containers: [ctr()] }), want: [] },
    { name: 'validateContainers: at least one container', p: pod({}), want: ['spec.containers: Required value'] },
    { name: 'validateContainerCommon: name required', p: pod({ containers: [ctr({ name: '' })] }), want: ['spec.containers[0].name: Required value'] },
    { name: 'container name is a DNS-1123 label', p: pod({ containers: [ctr({ name: 'App_1' })] }), want: [`spec.containers[0].name: Invalid value: "App_1": ${LABEL}`] },
    { name: 'container names unique', p: pod({ containers: [ctr(), ctr()] }), want: ['spec.containers[1].name: Duplicate value: "app"'] },
    { name: 'image required', p: pod({ containers: [ctr({ image: '' })] }), want: ['spec.containers[0].image: Required value'] },
    {
      name: 'validateContainersOnlyForPod: image whitespace',
      p: pod({ containers: [ctr({ image: ' nginx' })] }),
      want: ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace'],
    },
    { name: 'validateContainerPorts: containerPort required', p: pod({ containers: [ctr({ ports: [{ name: 'http' }] })] }), want: ['spec.containers[0].ports[0].containerPort: Required value'] },
    {
      name: 'TestValidateContainerPorts: containerPort range',
      p: pod({ containers: [ctr({ ports: [{ containerPort: 70000 }] })] }),
      want: ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    },
    {
      name: 'hostPort range',
      p: pod({ containers: [ctr({ ports: [{ containerPort: 80, hostPort: -1 }] })] }),
      want: ['spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive'],
    },
    {
      name: 'port name must be an IANA_SVC_NAME',
      p: pod({ containers: [ctr({ ports: [{ name: 'HTTP', containerPort: 80 }] })] }),
      want: [
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    },
    {
      name: 'port names unique within a container',
      p: pod({ containers: [ctr({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] }),
      want: ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    },
    {
      name: 'the same port name in two containers is allowed (names are per container upstream)',
      p: pod({ containers: [ctr({ ports: [{ name: 'http', containerPort: 80 }] }), ctr({ name: 'b', ports: [{ name: 'http', containerPort: 81 }] })] }),
      want: [],
    },
    {
      name: 'protocol supported values',
      p: pod({ containers: [ctr({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] }),
      want: ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    },
    {
      name: 'AccumulateUniqueHostPorts: protocol/hostIP/hostPort clash',
      p: pod({ containers: [ctr({ ports: [{ containerPort: 80, hostPort: 8080 }] }), ctr({ name: 'b', ports: [{ containerPort: 81, hostPort: 8080 }] })] }),
      want: ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    },
    { name: 'ValidateEnv: name required', p: pod({ containers: [ctr({ env: [{ value: 'x' }] })] }), want: ['spec.containers[0].env[0].name: Required value'] },
    {
      name: 'IsRelaxedEnvVarName: no "="',
      p: pod({ containers: [ctr({ env: [{ name: 'A=B' }] })] }),
      want: [`spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`],
    },
    { name: 'relaxed env names allow dots and leading digits', p: pod({ containers: [ctr({ env: [{ name: '1my.var-x' }] })] }), want: [] },
    {
      name: 'validateEnvVarValueFrom: value and valueFrom together',
      p: pod({ containers: [ctr({ env: [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] })] }),
      want: ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty'],
    },
    {
      name: 'validateObjectFieldSelector: unsupported downward API path',
      p: pod({ containers: [ctr({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.restartPolicy' } } }] })] }),
      want: [
        'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
      ],
    },
    {
      name: 'ValidateVolumeMounts: mount must name a volume',
      p: pod({ containers: [ctr({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] }),
      want: ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    },
    {
      name: 'validateRestartPolicy supported values',
      p: pod({ containers: [ctr()], restartPolicy: 'Sometimes' }),
      want: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    },
    {
      name: 'validateDNSPolicy supported values',
      p: pod({ containers: [ctr()], dnsPolicy: 'Cluster' }),
      want: ['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
    },
    {
      name: 'validatePodDNSConfig: dnsPolicy None needs dnsConfig',
      p: pod({ containers: [ctr()], dnsPolicy: 'None' }),
      want: ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None'],
    },
    { name: 'nodeSelector values are label values', p: pod({ containers: [ctr()], nodeSelector: { disk: '-ssd' } }), want: [`spec.nodeSelector: Invalid value: "-ssd": ${LVALUE}`] },
    { name: 'nodeName is a DNS subdomain (ValidateNodeName)', p: pod({ containers: [ctr()], nodeName: 'Node_1' }), want: [`spec.nodeName: Invalid value: "Node_1": ${SUB}`] },
    {
      name: 'activeDeadlineSeconds range',
      p: pod({ containers: [ctr()], activeDeadlineSeconds: 0 }),
      want: ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
    },
    {
      name: 'ValidateTolerations: empty key needs Exists',
      p: pod({ containers: [ctr()], tolerations: [{ operator: 'Equal', value: 'x' }] }),
      want: ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
    },
    {
      name: 'ValidateTolerations: tolerationSeconds needs NoExecute',
      p: pod({ containers: [ctr()], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 10 }] }),
      want: ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
    },
    {
      name: 'ValidateTolerations: Exists takes no value',
      p: pod({ containers: [ctr()], tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }),
      want: ["spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"],
    },
    {
      name: 'ValidateTolerations: operator and effect supported values',
      p: pod({ containers: [ctr()], tolerations: [{ key: 'k', operator: 'In', effect: 'Never' }] }),
      want: [
        'spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"',
        'spec.tolerations[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    },
    {
      name: 'validateHandler: a probe needs a handler',
      p: pod({ containers: [ctr({ readinessProbe: { periodSeconds: 5 } })] }),
      want: ['spec.containers[0].readinessProbe: Required value: must specify a handler type'],
    },
    {
      name: 'ValidatePortNumOrName: a numeric string is a (bad) port name',
      p: pod({ containers: [ctr({ readinessProbe: { tcpSocket: { port: '8080' } } })] }),
      want: ['spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "8080": must contain at least one letter (a-z)'],
    },
    {
      name: 'validateHandler: one handler only',
      p: pod({ containers: [ctr({ readinessProbe: { httpGet: { port: 80 }, tcpSocket: { port: 80 } } })] }),
      want: ['spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    },
    {
      name: 'validateReadinessProbe: no terminationGracePeriodSeconds',
      p: pod({ containers: [ctr({ readinessProbe: { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 5 } })] }),
      want: ['spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes'],
    },
    {
      name: 'validateLivenessProbe: successThreshold must be 1',
      p: pod({ containers: [ctr({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })] }),
      want: ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    },
    {
      name: 'validateProbe: non-negative periods',
      p: pod({ containers: [ctr({ readinessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: -1 } })] }),
      want: ['spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0'],
    },
    {
      name: 'regular containers may not set restartPolicy',
      p: pod({ containers: [ctr({ restartPolicy: 'Always' })] }),
      want: ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'],
    },
    {
      name: 'init containers: only restartPolicy Always',
      p: pod({ containers: [ctr()], initContainers: [ctr({ name: 'init', restartPolicy: 'OnFailure' })] }),
      want: ['spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    },
    {
      name: 'init containers: probes need restartPolicy Always',
      p: pod({ containers: [ctr()], initContainers: [ctr({ name: 'init', readinessProbe: { tcpSocket: { port: 80 } } })] }),
      want: ['spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always'],
    },
    {
      name: 'validatePodHostNetworkDeps: hostPort must equal containerPort',
      p: pod({ hostNetwork: true, containers: [ctr({ ports: [{ containerPort: 80, hostPort: 81 }] })] }),
      want: ['spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true'],
    },
    {
      name: 'ValidatePodCreate: no ephemeral containers on create',
      p: pod({ containers: [ctr()], ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] }),
      want: ['spec.ephemeralContainers: Forbidden: cannot be set on create'],
    },
    {
      name: 'ValidatePodSpecificAnnotations: pod-deletion-cost must be int32',
      p: pod({ containers: [ctr()] }, { annotations: { 'controller.kubernetes.io/pod-deletion-cost': '1e3' } }),
      want: ['metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "1e3": must be a 32bit integer'],
    },
  ])('$name', ({ p, want }) => {
    expect(errs(p)).toEqual(want);
  });

  it('never throws on wrong-typed fields', () => {
    const odd = pod({ containers: 'nope', tolerations: 5, nodeSelector: [], volumes: {} } as R);
    expect(() => podRules.validate(defaulted(odd), ctx)).not.toThrow();
  });
});
