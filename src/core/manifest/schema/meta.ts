// k8s.io/apimachinery/pkg/apis/meta/v1 (types.go): ObjectMeta and the other meta types our kinds
// embed. The Go package is named v1, so its types print as "v1.ObjectMeta", "v1.LabelSelector", ...
import { ANYTHING, BOOLEAN, INT64, STRING, STRINGS, STRING_MAP, TIME_T, slice, str, struct, type GoType } from './types';

/** TypeMeta, inlined in every kind. apiVersion/kind were already read by the caller: not checked here. */
export const typeMeta: Record<string, GoType> = { apiVersion: ANYTHING, kind: ANYTHING };

export const OwnerReference = struct('v1.OwnerReference', {
  apiVersion: STRING,
  kind: STRING,
  name: STRING,
  uid: str('types.UID'),
  controller: BOOLEAN,
  blockOwnerDeletion: BOOLEAN,
});

export const ManagedFieldsEntry = struct('v1.ManagedFieldsEntry', {
  manager: STRING,
  operation: str('v1.ManagedFieldsOperationType'),
  apiVersion: STRING,
  time: TIME_T,
  fieldsType: STRING,
  // *FieldsV1 has its own UnmarshalJSON that keeps the raw bytes: anything is accepted.
  fieldsV1: ANYTHING,
  subresource: STRING,
});

export const ObjectMeta = struct('v1.ObjectMeta', {
  name: STRING,
  generateName: STRING,
  namespace: STRING,
  selfLink: STRING,
  uid: str('types.UID'),
  resourceVersion: STRING,
  generation: INT64,
  creationTimestamp: TIME_T,
  deletionTimestamp: TIME_T,
  deletionGracePeriodSeconds: INT64,
  labels: STRING_MAP,
  annotations: STRING_MAP,
  ownerReferences: slice(OwnerReference),
  finalizers: STRINGS,
  managedFields: slice(ManagedFieldsEntry),
});

export const ListMeta = struct('v1.ListMeta', {
  selfLink: STRING,
  resourceVersion: STRING,
  continue: STRING,
  remainingItemCount: INT64,
});

export const LabelSelector = struct('v1.LabelSelector', {
  matchLabels: STRING_MAP,
  matchExpressions: slice(
    struct('v1.LabelSelectorRequirement', { key: STRING, operator: str('v1.LabelSelectorOperator'), values: STRINGS }),
  ),
});

/** metav1.Condition (Service status, ...). */
export const Condition = struct('v1.Condition', {
  type: STRING,
  status: str('v1.ConditionStatus'),
  observedGeneration: INT64,
  lastTransitionTime: TIME_T,
  reason: STRING,
  message: STRING,
});
