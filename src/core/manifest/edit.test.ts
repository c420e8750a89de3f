import { describe, expect, it } from 'vitest';
import { appendDocument, removeDocument, setScalar } from './edit';

const pod = `# a bare pod
apiVersion: v1
kind: Pod
metadata:
  name: client # the client
spec:
  nodeName: kind-worker   # pinned
  containers:
  - name: c
    image: alpine
---
apiVersion: v1
kind: Service
metadata: {name: web}
`;

describe('minimal edits keep everything else byte-identical', () => {
  it('replaces a scalar in place, comments kept', () => {
    const r = setScalar(pod, 0, ['spec', 'nodeName'], 'kind-worker2');
    if ('error' in r) throw new Error(r.error);
    expect(r.text).toBe(pod.replace('nodeName: kind-worker   # pinned', 'nodeName: kind-worker2   # pinned'));
    expect(r.edits).toHaveLength(1);
  });
  it('adds a missing key at the end of its block map with the map\'s indentation', () => {
    const noNode = pod.replace('  nodeName: kind-worker   # pinned\n', '');
    const r = setScalar(noNode, 0, ['spec', 'nodeName'], 'kind-worker2');
    if ('error' in r) throw new Error(r.error);
    expect(r.text).toBe(noNode.replace('    image: alpine\n', '    image: alpine\n  nodeName: kind-worker2\n'));
  });
  it('quotes values that would otherwise read as another type', () => {
    const r = setScalar(pod, 0, ['metadata', 'name'], 'yes');
    if ('error' in r) throw new Error(r.error);
    expect(r.text).toContain('name: "yes" # the client');
  });
  it('refuses to add into a flow map rather than reformatting it', () => {
    expect(setScalar(pod, 1, ['metadata', 'namespace'], 'x')).toEqual({ error: 'metadata is a flow map; edit it by hand' });
  });
  it('removes a document and one separator', () => {
    const r = removeDocument(pod, 1);
    if ('error' in r) throw new Error(r.error);
    expect(r.text).toBe(pod.slice(0, pod.indexOf('---\n')));
    const r0 = removeDocument(pod, 0);
    if ('error' in r0) throw new Error(r0.error);
    expect(r0.text).toBe('apiVersion: v1\nkind: Service\nmetadata: {name: web}\n');
  });
  it('appends a document after a separator', () => {
    expect(appendDocument('a: 1\n', 'b: 2').text).toBe('a: 1\n---\nb: 2\n');
    expect(appendDocument('', 'b: 2').text).toBe('b: 2\n');
  });
});
