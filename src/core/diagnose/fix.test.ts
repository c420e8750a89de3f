import { describe, expect, it } from 'vitest';
import { applyFix, findObject, renameKey } from './fix';
import type { Fix } from './types';

const svc = { kind: 'Service', namespace: 'default', name: 'web' };

describe('applyFix: minimal text edits', () => {
  it.each([
    {
      name: 'block selector value (edit.ts setScalar splices the scalar in place)',
      text: '# keep me\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe  # typo\n  ports: [{port: 80}]\n',
      fix: { kind: 'set', label: '', target: svc, path: ['spec', 'selector', 'app'], value: 'web' } as Fix,
      want: '# keep me\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web  # typo\n  ports: [{port: 80}]\n',
    },
    {
      name: 'flow selector value',
      text: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: wbe}, ports: [{port: 80}]}\n',
      fix: { kind: 'set', label: '', target: svc, path: ['spec', 'selector', 'app'], value: 'web' } as Fix,
      want: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n',
    },
    {
      name: 'selector key renamed',
      text: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector:\n    ap: web\n',
      fix: { kind: 'rename-key', label: '', target: svc, path: ['spec', 'selector', 'ap'], newKey: 'app' } as Fix,
      want: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector:\n    app: web\n',
    },
    {
      name: 'targetPort in the second document, named port',
      text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\nspec:\n  ports:\n  - port: 80\n    targetPort: wb\n',
      fix: { kind: 'set', label: '', target: svc, path: ['spec', 'ports', 0, 'targetPort'], value: 'http' } as Fix,
      want: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\nspec:\n  ports:\n  - port: 80\n    targetPort: http\n',
    },
    {
      name: 'a template label added under the block labels map',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec: {}\n',
      fix: { kind: 'set', label: '', target: { kind: 'Deployment', namespace: 'default', name: 'web' }, path: ['spec', 'template', 'metadata', 'labels', 'tier'], value: 'fe' } as Fix,
      want: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n        tier: fe\n    spec: {}\n',
    },
    {
      name: 'an object inside a v1 List',
      text: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: web}\n  spec:\n    selector: {app: wbe}\n',
      fix: { kind: 'set', label: '', target: svc, path: ['spec', 'selector', 'app'], value: 'web' } as Fix,
      want: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: web}\n  spec:\n    selector: {app: web}\n',
    },
  ])('$name', ({ text, fix, want }) => {
    const r = applyFix(text, fix);
    if ('error' in r) throw new Error(r.error);
    expect(r.text).toBe(want);
    expect(r.edits).toHaveLength(1);
  });

  it('values that would read as something else are quoted', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: x}\n';
    const r = applyFix(text, { kind: 'set', label: '', target: svc, path: ['spec', 'selector', 'app'], value: 'true' });
    expect('text' in r && r.text).toContain('{app: "true"}');
  });

  it('errors rather than guessing', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: other}\nspec:\n  selector: {ap: web, app: x}\n';
    expect(applyFix(text, { kind: 'set', label: '', target: svc, path: ['spec'], value: 1 })).toEqual({ error: 'Service web is not in the manifests' });
    expect(renameKey(text, 0, ['spec', 'selector', 'ap'], 'app')).toEqual({ error: 'app is already set' });
    expect(renameKey(text, 0, ['spec', 'selector', 'zz'], 'z')).toEqual({ error: 'spec.selector.zz does not exist' });
    expect(applyFix(text, { kind: 'remove-actions', label: '', actions: [{ index: 0, action: 'x' }] })).toHaveProperty('error');
  });

  it('findObject defaults the namespace and skips broken documents', () => {
    const text = 'kind: [\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n';
    expect(findObject(text, svc)).toEqual({ index: 1, prefix: [] });
  });
});
