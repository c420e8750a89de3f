import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../cluster/state';
import { fixtureState, pod, svc, type PodFixture } from './coredns-fixtures';
import { containerEnv, containerEnvDetailed, expand, serviceEnvVars } from './kubelet-env';

const KUBERNETES = [
  'KUBERNETES_SERVICE_HOST=10.96.0.1',
  'KUBERNETES_SERVICE_PORT=443',
  'KUBERNETES_SERVICE_PORT_HTTPS=443',
  'KUBERNETES_PORT=tcp://10.96.0.1:443',
  'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
  'KUBERNETES_PORT_443_TCP_PROTO=tcp',
  'KUBERNETES_PORT_443_TCP_PORT=443',
  'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1',
];
const lines = (env: { name: string; value: string }[]) => env.map((e) => `${e.name}=${e.value}`);

describe('serviceEnvVars (pkg/kubelet/envvars/envvars_test.go TestFromServices)', () => {
  it.each([
    {
      rule: 'one unnamed TCP port',
      s: svc({ name: 'foo-bar', clusterIP: '1.2.3.4', ports: [{ port: 8080 }] }),
      want: ['FOO_BAR_SERVICE_HOST=1.2.3.4', 'FOO_BAR_SERVICE_PORT=8080', 'FOO_BAR_PORT=tcp://1.2.3.4:8080', 'FOO_BAR_PORT_8080_TCP=tcp://1.2.3.4:8080', 'FOO_BAR_PORT_8080_TCP_PROTO=tcp', 'FOO_BAR_PORT_8080_TCP_PORT=8080', 'FOO_BAR_PORT_8080_TCP_ADDR=1.2.3.4'],
    },
    {
      rule: 'named ports: SERVICE_PORT_<NAME> for each, link variables per port, the first port also as <N>_PORT',
      s: svc({ name: 'abc-123', clusterIP: '5.6.7.8', ports: [{ name: 'u-d-p', port: 8081, protocol: 'UDP' }, { name: 't-c-p', port: 8081, protocol: 'TCP' }] }),
      want: [
        'ABC_123_SERVICE_HOST=5.6.7.8',
        'ABC_123_SERVICE_PORT=8081',
        'ABC_123_SERVICE_PORT_U_D_P=8081',
        'ABC_123_SERVICE_PORT_T_C_P=8081',
        'ABC_123_PORT=udp://5.6.7.8:8081',
        'ABC_123_PORT_8081_UDP=udp://5.6.7.8:8081',
        'ABC_123_PORT_8081_UDP_PROTO=udp',
        'ABC_123_PORT_8081_UDP_PORT=8081',
        'ABC_123_PORT_8081_UDP_ADDR=5.6.7.8',
        'ABC_123_PORT_8081_TCP=tcp://5.6.7.8:8081',
        'ABC_123_PORT_8081_TCP_PROTO=tcp',
        'ABC_123_PORT_8081_TCP_PORT=8081',
        'ABC_123_PORT_8081_TCP_ADDR=5.6.7.8',
      ],
    },
    {
      rule: 'only named ports get SERVICE_PORT_<NAME>; a name starting with a digit is kept as is',
      s: svc({ name: 'q-u-u-x', clusterIP: '9.8.7.6', ports: [{ port: 8082 }, { name: '8083', port: 8083 }] }),
      want: [
        'Q_U_U_X_SERVICE_HOST=9.8.7.6',
        'Q_U_U_X_SERVICE_PORT=8082',
        'Q_U_U_X_SERVICE_PORT_8083=8083',
        'Q_U_U_X_PORT=tcp://9.8.7.6:8082',
        'Q_U_U_X_PORT_8082_TCP=tcp://9.8.7.6:8082',
        'Q_U_U_X_PORT_8082_TCP_PROTO=tcp',
        'Q_U_U_X_PORT_8082_TCP_PORT=8082',
        'Q_U_U_X_PORT_8082_TCP_ADDR=9.8.7.6',
        'Q_U_U_X_PORT_8083_TCP=tcp://9.8.7.6:8083',
        'Q_U_U_X_PORT_8083_TCP_PROTO=tcp',
        'Q_U_U_X_PORT_8083_TCP_PORT=8083',
        'Q_U_U_X_PORT_8083_TCP_ADDR=9.8.7.6',
      ],
    },
  ])('$rule', ({ s, want }) => expect(lines(serviceEnvVars(s))).toEqual(want));
});

describe('expand (third_party/forked/golang/expansion expand_test.go)', () => {
  const ctx = new Map([
    ['VAR_A', 'A'],
    ['VAR_B', 'B'],
    ['VAR_EMPTY', ''],
  ]);
  it.each([
    { rule: 'whole string', input: '$(VAR_A)', want: 'A' },
    { rule: 'repeat', input: '$(VAR_A)-$(VAR_A)', want: 'A-A' },
    { rule: 'multiple', input: '$(VAR_A)$(VAR_B)', want: 'AB' },
    { rule: 'empty value', input: 'foo$(VAR_EMPTY)bar', want: 'foobar' },
    { rule: 'undefined reference is left as is', input: '$(VAR_DNE)', want: '$(VAR_DNE)' },
    { rule: 'escaped operator: $$ is a literal $', input: '$$(VAR_A)', want: '$(VAR_A)' },
    { rule: 'escape then reference', input: '$$$(VAR_A)', want: '$A' },
    { rule: 'incomplete reference', input: '$(VAR_A', want: '$(VAR_A' },
    { rule: 'operator without parenthesis', input: '$VAR_A', want: '$VAR_A' },
    { rule: 'trailing operator', input: 'foo$', want: 'foo$' },
    { rule: 'empty name', input: '$()', want: '$()' },
    { rule: 'multi-byte rune after the operator', input: 'x$☃y', want: 'x$☃y' },
  ])('$rule', ({ input, want }) => expect(expand(input, ctx)).toBe(want));
});

const c = (x: Partial<ContainerState>): Partial<ContainerState> => x;

describe('containerEnv (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables)', () => {
  const objects = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { b_key: 'B', a_key: 'A', 'dotted.key': 'D', FOO: 'from-cm' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec', namespace: 'default' }, data: { password: btoa('s3cr3t') } },
  ];
  const state = fixtureState({
    namespaces: ['team'],
    objects,
    services: [
      svc({ name: 'web', clusterIP: '10.96.100.1', ports: [{ name: 'http', port: 80 }] }),
      svc({ name: 'late', clusterIP: '10.96.100.5', ports: [{ port: 80 }], createdAt: 2_000_000 }),
      svc({ name: 'hl', headless: true, ports: [{ port: 80 }] }),
      svc({ name: 'ext', externalName: 'example.com' }),
      svc({ ns: 'team', name: 'api', clusterIP: '10.96.100.2', ports: [{ port: 8080 }] }),
      svc({ ns: 'team', name: 'kubernetes', clusterIP: '10.96.100.3', ports: [{ port: 6443 }] }),
    ],
  });
  const WEB = ['WEB_SERVICE_HOST=10.96.100.1', 'WEB_SERVICE_PORT=80', 'WEB_SERVICE_PORT_HTTP=80', 'WEB_PORT=tcp://10.96.100.1:80', 'WEB_PORT_80_TCP=tcp://10.96.100.1:80', 'WEB_PORT_80_TCP_PROTO=tcp', 'WEB_PORT_80_TCP_PORT=80', 'WEB_PORT_80_TCP_ADDR=10.96.100.1'];
  type P = Omit<PodFixture, 'name'>;
  const env = (p: P, container?: string) => lines(containerEnv(state, pod({ node: 'kind-worker', ip: '10.244.1.9', ...p, name: 'dapi-test-pod-name' }), container));

  const rows: { rule: string; p: P; container?: string; want: string[] }[] = [
    { rule: 'getServiceEnvVarMap: Services of the namespace with a ClusterIP that existed before the pod, plus default/kubernetes (headless, ExternalName and later Services left out)', p: {}, want: [...KUBERNETES, ...WEB] },
    { rule: 'enableServiceLinks false: only the master service default/kubernetes', p: { enableServiceLinks: false }, want: KUBERNETES },
    {
      rule: "another namespace: its own Services; a same-named 'kubernetes' there wins over default/kubernetes",
      p: { ns: 'team' },
      want: ['API_SERVICE_HOST=10.96.100.2', 'API_SERVICE_PORT=8080', 'API_PORT=tcp://10.96.100.2:8080', 'API_PORT_8080_TCP=tcp://10.96.100.2:8080', 'API_PORT_8080_TCP_PROTO=tcp', 'API_PORT_8080_TCP_PORT=8080', 'API_PORT_8080_TCP_ADDR=10.96.100.2', 'KUBERNETES_SERVICE_HOST=10.96.100.3', 'KUBERNETES_SERVICE_PORT=6443', 'KUBERNETES_PORT=tcp://10.96.100.3:6443', 'KUBERNETES_PORT_6443_TCP=tcp://10.96.100.3:6443', 'KUBERNETES_PORT_6443_TCP_PROTO=tcp', 'KUBERNETES_PORT_6443_TCP_PORT=6443', 'KUBERNETES_PORT_6443_TCP_ADDR=10.96.100.3'],
    },
    {
      rule: 'TestMakeEnvironmentVariables "mixed expansion": earlier variables and service variables expand, later and undefined ones stay literal',
      p: {
        enableServiceLinks: false,
        containers: [
          c({
            env: [
              { name: 'TEST_LITERAL', value: 'test-test-test' },
              { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
              { name: 'OUT_OF_ORDER_TEST', value: '$(OUT_OF_ORDER_TARGET)' },
              { name: 'OUT_OF_ORDER_TARGET', value: 'FOO' },
              { name: 'EMPTY_VAR' },
              { name: 'EMPTY_TEST', value: 'foo-$(EMPTY_VAR)' },
              { name: 'POD_NAME_TEST2', value: 'test2-$(POD_NAME)' },
              { name: 'POD_NAME_TEST3', value: '$(POD_NAME_TEST2)-3' },
              { name: 'LITERAL_TEST', value: 'literal-$(TEST_LITERAL)' },
              { name: 'SERVICE_VAR_TEST', value: '$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)' },
              { name: 'TEST_UNDEFINED', value: '$(UNDEFINED_VAR)' },
            ],
          }),
        ],
      },
      want: [
        'TEST_LITERAL=test-test-test',
        'POD_NAME=dapi-test-pod-name',
        'OUT_OF_ORDER_TEST=$(OUT_OF_ORDER_TARGET)',
        'OUT_OF_ORDER_TARGET=FOO',
        'EMPTY_VAR=',
        'EMPTY_TEST=foo-',
        'POD_NAME_TEST2=test2-dapi-test-pod-name',
        'POD_NAME_TEST3=test2-dapi-test-pod-name-3',
        'LITERAL_TEST=literal-test-test-test',
        'SERVICE_VAR_TEST=10.96.0.1:443',
        'TEST_UNDEFINED=$(UNDEFINED_VAR)',
        ...KUBERNETES,
      ],
    },
    {
      rule: "a container variable named like a service variable replaces it (the service's is not appended)",
      p: { enableServiceLinks: false, containers: [c({ env: [{ name: 'KUBERNETES_SERVICE_HOST', value: 'override' }] })] },
      want: ['KUBERNETES_SERVICE_HOST=override', ...KUBERNETES.slice(1)],
    },
    {
      rule: 'envFrom ConfigMap with prefix (keys in sorted order; no key is skipped since RelaxedEnvironmentVariableValidation), env overriding it',
      p: { enableServiceLinks: false, containers: [c({ envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'P_' }], env: [{ name: 'P_FOO', value: 'from-env-$(P_a_key)' }] })] },
      want: ['P_FOO=from-env-A', 'P_a_key=A', 'P_b_key=B', 'P_dotted.key=D', ...KUBERNETES],
    },
    { rule: 'envFrom Secret: data is base64-decoded', p: { enableServiceLinks: false, containers: [c({ envFrom: [{ secretRef: { name: 'sec' } }] })] }, want: ['password=s3cr3t', ...KUBERNETES] },
    {
      rule: 'configMapKeyRef / secretKeyRef; an optional missing key is skipped',
      p: {
        enableServiceLinks: false,
        containers: [
          c({
            env: [
              { name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a_key' } } },
              { name: 'PW', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } },
              { name: 'OPT', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'nope', optional: true } } },
              { name: 'OPT_CM', valueFrom: { configMapKeyRef: { name: 'missing', key: 'x', optional: true } } },
            ],
          }),
        ],
      },
      want: ['A=A', 'PW=s3cr3t', ...KUBERNETES],
    },
    {
      rule: 'podFieldSelectorRuntimeValue / ExtractFieldPathAsString: downward API fields',
      p: {
        enableServiceLinks: false,
        labels: { app: 'web' },
        annotations: { owner: 'team-a' },
        containers: [
          c({
            env: ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.podIP', 'status.podIPs', 'status.hostIP', "metadata.labels['app']", "metadata.annotations['owner']", "metadata.labels['none']"].map((f, i) => ({ name: `F${i}`, valueFrom: { fieldRef: { fieldPath: f } } })),
          }),
        ],
      },
      want: ['F0=dapi-test-pod-name', 'F1=default', 'F2=uid-dapi-test-pod-name', 'F3=kind-worker', 'F4=default', 'F5=10.244.1.9', 'F6=10.244.1.9', 'F7=192.168.49.3', 'F8=web', 'F9=team-a', 'F10=', ...KUBERNETES],
    },
    { rule: 'a named container', p: { enableServiceLinks: false, containers: [c({ name: 'a' }), c({ name: 'b', env: [{ name: 'X', value: '1' }] })] }, container: 'b', want: ['X=1', ...KUBERNETES] },
    { rule: 'an unknown container has no environment', p: {}, container: 'nope', want: [] },
  ];
  it.each(rows)('$rule', ({ p, container, want }) => expect(env(p, container)).toEqual(want));

  it.each([
    { rule: 'a missing ConfigMap that is not optional stops the container (CreateContainerConfigError)', envFrom: [{ configMapRef: { name: 'missing' } }], env: [], error: 'configmap "missing" not found' },
    { rule: 'a missing Secret key that is not optional', envFrom: [], env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'sec', key: 'nope' } } }], error: "couldn't find key nope in Secret default/sec" },
    { rule: 'a missing ConfigMap key that is not optional', envFrom: [], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'nope' } } }], error: "couldn't find key nope in ConfigMap default/cfg" },
  ])('$rule', ({ envFrom, env: e, error }) => {
    const r = containerEnvDetailed(state, pod({ name: 'p', containers: [c({ envFrom, env: e })] }));
    expect(r.error).toBe(error);
  });
});
