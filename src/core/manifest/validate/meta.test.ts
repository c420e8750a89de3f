import { describe, it, expect } from 'vitest';
import { fieldErrorString } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { NAME_RULES, validateLabelSelector, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from './names';

// Upstream detail strings (apimachinery/pkg/util/validation), with RegexError's "',  or '" spacing.
const SUB = String.raw`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const LABEL = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`;
const DNS1035 = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`;
const QNAME = `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`;
const QNAME_MULTI = `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
const LVALUE = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;

const ns = { namespaced: true, nameFn: nameIsDNSSubdomain };
const cluster = { namespaced: false, nameFn: nameIsDNSSubdomain };
const m = (metadata: Record<string, unknown>): KubeObject => ({ metadata });
const ref = (o: Record<string, unknown> = {}) => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'u1', ...o });

describe('validateObjectMeta (objectmeta.go ValidateObjectMetaAccessor)', () => {
  it.each([
    { name: 'valid namespaced object', obj: m({ name: 'web', namespace: 'default' }), opts: ns, want: [] },
    {
      name: 'TestValidateObjectMetaNamespaces-style: name or generateName required',
      obj: m({ namespace: 'default' }),
      opts: ns,
      want: ['metadata.name: Required value: name or generateName is required'],
    },
    { name: 'nameFn (DNS subdomain) rejects uppercase', obj: m({ name: 'Web', namespace: 'default' }), opts: ns, want: [`metadata.name: Invalid value: "Web": ${SUB}`] },
    {
      name: 'generateName validated with prefix=true (maskTrailingDash) and name still required',
      obj: m({ generateName: 'Web-', namespace: 'default' }),
      opts: ns,
      want: [`metadata.generateName: Invalid value: "Web-": ${SUB}`, 'metadata.name: Required value: name or generateName is required'],
    },
    { name: 'TestObjectMetaGenerateNameOK: trailing dash allowed in generateName', obj: m({ generateName: 'web-', name: 'web-x2k9q', namespace: 'default' }), opts: ns, want: [] },
    {
      name: 'Service nameFn is DNS-1035 (ValidateServiceName)',
      obj: m({ name: '1web', namespace: 'default' }),
      opts: { namespaced: true, nameFn: nameIsDNS1035Label },
      want: [`metadata.name: Invalid value: "1web": ${DNS1035}`],
    },
    {
      name: 'Namespace nameFn is a DNS label: dots rejected',
      obj: m({ name: 'a.b' }),
      opts: { namespaced: false, nameFn: nameIsDNSLabel },
      want: ['metadata.name: Invalid value: "a.b": must not contain dots'],
    },
    { name: 'namespace required for namespaced kinds', obj: m({ name: 'web' }), opts: ns, want: ['metadata.namespace: Required value'] },
    { name: 'namespace forbidden for cluster-scoped kinds', obj: m({ name: 'n1', namespace: 'default' }), opts: cluster, want: ['metadata.namespace: Forbidden: not allowed on this type'] },
    { name: 'namespace must be a DNS label (ValidateNamespaceName)', obj: m({ name: 'web', namespace: 'Prod' }), opts: ns, want: [`metadata.namespace: Invalid value: "Prod": ${LABEL}`] },
    { name: 'generation must be non-negative', obj: m({ name: 'web', namespace: 'd', generation: -1 }), opts: ns, want: ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'] },
    { name: 'ValidateLabels: key must be a qualified name', obj: m({ name: 'web', namespace: 'd', labels: { '-app': 'x' } }), opts: ns, want: [`metadata.labels: Invalid value: "-app": ${QNAME}`] },
    {
      name: 'ValidateLabels: key prefix must be a DNS subdomain',
      obj: m({ name: 'web', namespace: 'd', labels: { 'Example.com/app': 'x' } }),
      opts: ns,
      want: [`metadata.labels: Invalid value: "Example.com/app": prefix part ${SUB}`],
    },
    { name: 'ValidateLabels: value must be a label value', obj: m({ name: 'web', namespace: 'd', labels: { app: '-x' } }), opts: ns, want: [`metadata.labels: Invalid value: "-x": ${LVALUE}`] },
    {
      name: 'ValidateLabels: value at most 63 bytes',
      obj: m({ name: 'web', namespace: 'd', labels: { app: 'a'.repeat(64) } }),
      opts: ns,
      want: [`metadata.labels: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
    },
    { name: 'ValidateAnnotations: keys are lowercased before the check', obj: m({ name: 'web', namespace: 'd', annotations: { 'Example.com/Foo': 'x' } }), opts: ns, want: [] },
    {
      name: 'ValidateAnnotations: more than one slash',
      obj: m({ name: 'web', namespace: 'd', annotations: { 'a/b/c': 'x' } }),
      opts: ns,
      want: [`metadata.annotations: Invalid value: "a/b/c": ${QNAME_MULTI}`],
    },
    {
      name: 'ValidateAnnotations: total size over 256 KiB (field.TooLong, 1.32+ wording)',
      obj: m({ name: 'web', namespace: 'd', annotations: { big: 'x'.repeat(262142) } }),
      opts: ns,
      want: ['metadata.annotations: Too long: may not be more than 262144 bytes'],
    },
    { name: 'ValidateAnnotations: exactly 256 KiB is fine', obj: m({ name: 'web', namespace: 'd', annotations: { big: 'x'.repeat(262141) } }), opts: ns, want: [] },
    {
      name: 'TestValidateObjectMetaOwnerReferences: uid must not be empty (list path, no index)',
      obj: m({ name: 'web', namespace: 'd', ownerReferences: [ref({ uid: '' })] }),
      opts: ns,
      want: ['metadata.ownerReferences.uid: Invalid value: "": must not be empty'],
    },
    {
      name: 'ownerReferences: version must not be empty',
      obj: m({ name: 'web', namespace: 'd', ownerReferences: [ref({ apiVersion: 'apps/' })] }),
      opts: ns,
      want: ['metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty'],
    },
    {
      name: 'ownerReferences: Event is a banned owner',
      obj: m({ name: 'web', namespace: 'd', ownerReferences: [ref({ apiVersion: 'v1', kind: 'Event' })] }),
      opts: ns,
      want: [
        'metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"d", UID:"u1", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner',
      ],
    },
    {
      name: 'ownerReferences: only one controller',
      obj: m({ name: 'web', namespace: 'd', ownerReferences: [ref({ name: 'a', controller: true }), ref({ name: 'b', uid: 'u2', controller: true })] }),
      opts: ns,
      // Go prints the *bool's address; ours is a fixed stand-in.
      want: [
        'metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:"apps/v1", Kind:"Deployment", Name:"a", UID:"u1", Controller:(*bool)(0xc000000000), BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{APIVersion:"apps/v1", Kind:"Deployment", Name:"b", UID:"u2", Controller:(*bool)(0xc000000000), BlockOwnerDeletion:(*bool)(nil)}}: Only one reference can have Controller set to true. Found "true" in references for Deployment/a and Deployment/b',
      ],
    },
    {
      name: 'core validateKubeFinalizerName: unqualified non-standard finalizer',
      obj: m({ name: 'web', namespace: 'd', finalizers: ['foo'] }),
      opts: ns,
      want: ['metadata.finalizers[0]: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified'],
    },
    {
      name: 'ValidateFinalizers: orphan and foregroundDeletion conflict',
      obj: m({ name: 'web', namespace: 'd', finalizers: ['orphan', 'foregroundDeletion'] }),
      opts: ns,
      want: ['metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set'],
    },
  ])('$name', ({ obj, opts, want }) => {
    expect(validateObjectMeta(obj, opts).map(fieldErrorString)).toEqual(want);
  });
});

describe('validateObjectMetaUpdate (ValidateObjectMetaAccessorUpdate)', () => {
  const old = m({ name: 'web', namespace: 'd', uid: 'u1' });
  it.each([
    { name: 'unchanged', next: m({ name: 'web', namespace: 'd', uid: 'u1' }), old, want: [] },
    { name: 'name is immutable', next: m({ name: 'web2', namespace: 'd' }), old, want: ['metadata.name: Invalid value: "web2": field is immutable'] },
    { name: 'namespace is immutable', next: m({ name: 'web', namespace: 'e' }), old, want: ['metadata.namespace: Invalid value: "e": field is immutable'] },
    { name: 'uid is immutable when given', next: m({ name: 'web', namespace: 'd', uid: 'u2' }), old, want: ['metadata.uid: Invalid value: "u2": field is immutable'] },
    { name: 'rest.BeforeUpdate: missing uid means unchanged', next: m({ name: 'web', namespace: 'd' }), old, want: [] },
    {
      name: 'TestValidateObjectMetaUpdatePreventsDeletionFieldMutation-style: no new finalizers while deleting',
      next: m({ name: 'web', namespace: 'd', finalizers: ['a.io/x'] }),
      old: m({ name: 'web', namespace: 'd', deletionTimestamp: '2025-01-01T00:00:00Z' }),
      want: ['metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"a.io/x"}'],
    },
    { name: 'labels are validated again on update', next: m({ name: 'web', namespace: 'd', labels: { app: '-x' } }), old, want: [`metadata.labels: Invalid value: "-x": ${LVALUE}`] },
  ])('$name', ({ next, old: o, want }) => {
    expect(validateObjectMetaUpdate(next, o).map(fieldErrorString)).toEqual(want);
  });
});

describe('validateLabelSelector / validateLabels (metav1validation)', () => {
  const p = 'spec.selector';
  it.each([
    { name: 'matchLabels and a valid In expression', sel: { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] }, want: [] },
    {
      name: 'In/NotIn need values',
      sel: { matchExpressions: [{ key: 'tier', operator: 'NotIn' }] },
      want: ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
    },
    {
      name: 'Exists/DoesNotExist forbid values',
      sel: { matchExpressions: [{ key: 'tier', operator: 'Exists', values: ['x'] }] },
      want: ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
    },
    {
      name: 'unknown operator',
      sel: { matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['x'] }] },
      want: ['spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
    },
    {
      name: 'values must be label values (AllowInvalidLabelValueInSelector=false)',
      sel: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['ok', '-bad'] }] },
      want: [`spec.selector.matchExpressions[0].values[1]: Invalid value: "-bad": ${LVALUE}`],
    },
    { name: 'matchLabels keys validated on the matchLabels path', sel: { matchLabels: { '-a': 'x' } }, want: [`spec.selector.matchLabels: Invalid value: "-a": ${QNAME}`] },
  ])('$name', ({ sel, want }) => {
    expect(validateLabelSelector(sel, p).map(fieldErrorString)).toEqual(want);
  });

  it('validateLabels ignores a non-map value instead of throwing', () => {
    expect(validateLabels('oops', 'metadata.labels')).toEqual([]);
  });
});

describe('NAME_RULES (each kind\'s ValidateNameFunc)', () => {
  it.each([
    { kind: 'Service', fn: nameIsDNS1035Label },
    { kind: 'Namespace', fn: nameIsDNSLabel },
    { kind: 'Pod', fn: nameIsDNSSubdomain },
    { kind: 'Deployment', fn: nameIsDNSSubdomain },
    { kind: 'EndpointSlice', fn: nameIsDNSSubdomain },
    { kind: 'IngressClass', fn: nameIsDNSSubdomain },
  ])('$kind', ({ kind, fn }) => {
    expect(NAME_RULES[kind]).toBe(fn);
  });
});
