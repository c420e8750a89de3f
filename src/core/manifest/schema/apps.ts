// k8s.io/api/apps/v1 (types.go): Deployment and ReplicaSet. The package is named v1 too, so its
// types print as "v1.DeploymentSpec"; the pod template is core's v1.PodTemplateSpec.
import { PodTemplateSpec } from './core-pod';
import { LabelSelector, ObjectMeta, typeMeta } from './meta';
import { BOOLEAN, INT32, INT64, INT_OR_STRING, STRING, TIME_T, slice, str, struct } from './types';

const DeploymentSpec = struct('v1.DeploymentSpec', {
  replicas: INT32,
  selector: LabelSelector,
  template: PodTemplateSpec,
  strategy: struct('v1.DeploymentStrategy', {
    type: str('v1.DeploymentStrategyType'),
    rollingUpdate: struct('v1.RollingUpdateDeployment', { maxUnavailable: INT_OR_STRING, maxSurge: INT_OR_STRING }),
  }),
  minReadySeconds: INT32,
  revisionHistoryLimit: INT32,
  paused: BOOLEAN,
  progressDeadlineSeconds: INT32,
});

const DeploymentStatus = struct('v1.DeploymentStatus', {
  observedGeneration: INT64,
  replicas: INT32,
  updatedReplicas: INT32,
  readyReplicas: INT32,
  availableReplicas: INT32,
  unavailableReplicas: INT32,
  terminatingReplicas: INT32, // 1.33, DeploymentReplicaSetTerminatingReplicas
  conditions: slice(
    struct('v1.DeploymentCondition', {
      type: str('v1.DeploymentConditionType'),
      status: str('v1.ConditionStatus'),
      lastUpdateTime: TIME_T,
      lastTransitionTime: TIME_T,
      reason: STRING,
      message: STRING,
    }),
  ),
  collisionCount: INT32,
});

export const Deployment = struct('v1.Deployment', { ...typeMeta, metadata: ObjectMeta, spec: DeploymentSpec, status: DeploymentStatus });

const ReplicaSetSpec = struct('v1.ReplicaSetSpec', {
  replicas: INT32,
  minReadySeconds: INT32,
  selector: LabelSelector,
  template: PodTemplateSpec,
});

const ReplicaSetStatus = struct('v1.ReplicaSetStatus', {
  replicas: INT32,
  fullyLabeledReplicas: INT32,
  readyReplicas: INT32,
  availableReplicas: INT32,
  terminatingReplicas: INT32, // 1.33
  observedGeneration: INT64,
  conditions: slice(
    struct('v1.ReplicaSetCondition', {
      type: str('v1.ReplicaSetConditionType'),
      status: str('v1.ConditionStatus'),
      lastTransitionTime: TIME_T,
      reason: STRING,
      message: STRING,
    }),
  ),
});

export const ReplicaSet = struct('v1.ReplicaSet', { ...typeMeta, metadata: ObjectMeta, spec: ReplicaSetSpec, status: ReplicaSetStatus });
