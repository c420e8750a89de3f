import { describe, it, expect } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import type { KindRules, ValidationContext } from './types';
import { deploymentRules, podRules, replicaSetRules } from './workloads';

const ctx: ValidationContext = {
  net: { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' },
};
type R = Record<string, unknown>;
const LVALUE = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;
const UPDATABLE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const defaulted = (rules: KindRules, o: KubeObject): KubeObject => {
  const c = structuredClone(o);
  rules.default!(c, ctx);
  return c;
};
const ctr = (o: R = {}): R => ({ name: 'app', image: 'nginx:1.27', ...o });

// ---- Pod updates ----

const pod = (spec: R): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec });
const podUpdate = (next: KubeObject, old: KubeObject) =>
  podRules.validateUpdate!(defaulted(podRules, next), defaulted(podRules, old), ctx).map(fieldErrorString);

describe('ValidatePodUpdate (minus ObjectMeta)', () => {
  const base = pod({ containers: [ctr({ ports: [{ containerPort: 80 }] })], tolerations: [{ key: 'k', operator: 'Exists' }] });
  it.each([
    { name: 'unchanged', next: base, want: [] as string[] },
    { name: 'image changes are allowed', next: pod({ containers: [ctr({ image: 'nginx:1.28', ports: [{ containerPort: 80 }] })], tolerations: [{ key: 'k', operator: 'Exists' }] }), want: [] },
    {
      name: 'ValidateContainerUpdates: containers may not be added',
      next: pod({ containers: [ctr({ ports: [{ containerPort: 80 }] }), ctr({ name: 'b' })], tolerations: [{ key: 'k', operator: 'Exists' }] }),
      want: ['spec.containers: Forbidden: pod updates may not add or remove containers'],
    },
    {
      name: 'validateOnlyAddedTolerations: existing tolerations may not change',
      next: pod({ containers: [ctr({ ports: [{ containerPort: 80 }] })], tolerations: [{ key: 'other', operator: 'Exists' }] }),
      want: ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'],
    },
    {
      name: 'activeDeadlineSeconds may only shrink',
      next: pod({ containers: [ctr({ ports: [{ containerPort: 80 }] })], tolerations: [{ key: 'k', operator: 'Exists' }], activeDeadlineSeconds: 5 }),
      old: pod({ containers: [ctr({ ports: [{ containerPort: 80 }] })], tolerations: [{ key: 'k', operator: 'Exists' }], activeDeadlineSeconds: 3 }),
      want: ['spec.activeDeadlineSeconds: Invalid value: 5: must be less than or equal to previous value'],
    },
  ])('$name', ({ next, old, want }) => {
    expect(podUpdate(next, old ?? base)).toEqual(want);
  });

  it('other spec changes give the "pod updates may not change fields" message with a diff', () => {
    const next = pod({ containers: [ctr({ ports: [{ containerPort: 81 }] })], tolerations: [{ key: 'k', operator: 'Exists' }] });
    const got = podUpdate(next, base);
    expect(got).toHaveLength(1);
    expect(got[0].startsWith(`spec: Forbidden: ${UPDATABLE}\n`)).toBe(true);
    expect(got[0]).toContain('containers[0].ports[0].containerPort: 80');
    expect(got[0]).toContain('containers[0].ports[0].containerPort: 81');
  });
});

// ---- Deployment ----

const deploy = (spec: R = {}, tmplLabels: R | null = { app: 'web' }, podSpec: R = { containers: [ctr()] }): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: tmplLabels ? { labels: tmplLabels } : {}, spec: podSpec }, ...spec },
});
const dErrs = (o: KubeObject) => deploymentRules.validate(defaulted(deploymentRules, o), ctx).map(fieldErrorString);

describe('Deployment defaults (apps/v1 SetDefaults_Deployment)', () => {
  it('replicas, strategy, revisionHistoryLimit, progressDeadlineSeconds and the template PodSpec', () => {
    const d = defaulted(deploymentRules, deploy());
    const spec = d.spec as R;
    expect(spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    const podSpec = (spec.template as R).spec as R;
    expect(podSpec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 });
    // SetDefaults_Pod (enableServiceLinks) applies to Pods only, not templates.
    expect(podSpec.enableServiceLinks).toBeUndefined();
  });

  it('Recreate gets no rollingUpdate; explicit replicas 0 is kept', () => {
    const spec = defaulted(deploymentRules, deploy({ replicas: 0, strategy: { type: 'Recreate' } })).spec as R;
    expect(spec.replicas).toBe(0);
    expect(spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('ValidateDeploymentSpec', () => {
  const sel = (s: string) => `v1.LabelSelector{${s}}`;
  it.each([
    { name: 'a minimal deployment is valid', d: deploy(), want: [] as string[] },
    {
      name: 'selector required (and a nil selector matches nothing)',
      d: deploy({ selector: undefined }),
      want: ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    },
    {
      name: 'TestValidateDeployment: selector must match template labels',
      d: deploy({}, { app: 'api' }),
      want: ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`'],
    },
    {
      name: 'template without labels prints a nil map',
      d: deploy({}, null),
      want: ['spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`'],
    },
    {
      name: 'empty selector is invalid',
      d: deploy({ selector: {} }),
      want: [`spec.selector: Invalid value: ${sel('MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)')}: empty selector is invalid for deployment`],
    },
    {
      name: 'an unparseable selector also gives "invalid label selector"',
      d: deploy({ selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] } }),
      want: [
        'spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
        `spec.selector: Invalid value: ${sel('MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Equals", Values:[]string{"web"}}}')}: invalid label selector`,
      ],
    },
    { name: 'replicas non-negative', d: deploy({ replicas: -1 }), want: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'] },
    {
      name: 'template restartPolicy must be Always',
      d: deploy({}, { app: 'web' }, { containers: [ctr()], restartPolicy: 'Never' }),
      want: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    },
    {
      name: 'ValidatePodTemplateSpec: labels are reported on spec.template.labels',
      d: deploy({}, { app: 'web', tier: '-x' }),
      want: [`spec.template.labels: Invalid value: "-x": ${LVALUE}`],
    },
    { name: 'template pod spec is validated', d: deploy({}, { app: 'web' }, {}), want: ['spec.template.spec.containers: Required value'] },
    {
      name: 'template activeDeadlineSeconds forbidden (ReplicaSet wording)',
      d: deploy({}, { app: 'web' }, { containers: [ctr()], activeDeadlineSeconds: 10 }),
      want: ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported'],
    },
    {
      name: 'ValidateRollingUpdateDeployment: both zero',
      d: deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }),
      want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
    },
    {
      name: 'maxUnavailable over 100%',
      d: deploy({ strategy: { rollingUpdate: { maxUnavailable: '110%' } } }),
      want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"110%"}: must not be greater than 100%'],
    },
    {
      name: 'ValidatePositiveIntOrPercent: bad percent string',
      d: deploy({ strategy: { rollingUpdate: { maxSurge: 'abc' } } }),
      want: [
        `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"abc"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      ],
    },
    {
      name: 'ValidatePositiveIntOrPercent: negative int',
      d: deploy({ strategy: { rollingUpdate: { maxSurge: -1 } } }),
      want: ['spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0'],
    },
    {
      name: 'Recreate may not have rollingUpdate',
      d: deploy({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
      want: ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    },
    {
      name: 'strategy type supported values',
      d: deploy({ strategy: { type: 'BlueGreen' } }),
      want: ['spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"'],
    },
    {
      name: 'progressDeadlineSeconds must exceed minReadySeconds',
      d: deploy({ minReadySeconds: 10, progressDeadlineSeconds: 10 }),
      want: ['spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds'],
    },
    { name: 'revisionHistoryLimit non-negative', d: deploy({ revisionHistoryLimit: -2 }), want: ['spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0'] },
  ])('$name', ({ d, want }) => {
    expect(dErrs(d)).toEqual(want);
  });

  it('apps/v1 strategy: selector is immutable on update', () => {
    const old = defaulted(deploymentRules, deploy());
    const next = defaulted(deploymentRules, deploy({ selector: { matchLabels: { app: 'web2' } } }, { app: 'web2' }));
    expect(deploymentRules.validateUpdate!(next, old, ctx).map(fieldErrorString)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('updates that keep the selector validate like create', () => {
    const old = defaulted(deploymentRules, deploy());
    const next = defaulted(deploymentRules, deploy({ replicas: 3 }));
    expect(deploymentRules.validateUpdate!(next, old, ctx)).toEqual([]);
  });
});

// ---- ReplicaSet ----

const rs = (spec: R = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [ctr()] } }, ...spec },
});

describe('ReplicaSet (SetDefaults_ReplicaSet, ValidateReplicaSetSpec)', () => {
  it('replicas defaults to 1', () => {
    expect((defaulted(replicaSetRules, rs()).spec as R).replicas).toBe(1);
  });
  it.each([
    { name: 'valid', r: rs(), want: [] as string[] },
    {
      name: 'empty selector (upstream says "deployment" here too)',
      r: rs({ selector: { matchLabels: {} } }),
      want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    },
    { name: 'minReadySeconds non-negative', r: rs({ minReadySeconds: -1 }), want: ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0'] },
  ])('$name', ({ r, want }) => {
    expect(replicaSetRules.validate(defaulted(replicaSetRules, r), ctx).map(fieldErrorString)).toEqual(want);
  });
  it('selector immutable on update', () => {
    const old = defaulted(replicaSetRules, rs());
    const next = defaulted(replicaSetRules, rs({ selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'x', operator: 'Exists' }] } }));
    // The new selector no longer matches the template either; spec errors come before the strategy's check.
    expect(replicaSetRules.validateUpdate!(next, old, ctx).map(fieldErrorString)).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"x", Operator:"Exists", Values:[]string(nil)}}}: field is immutable',
    ]);
  });
});
