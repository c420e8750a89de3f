import { describe, it, expect } from 'vitest';
import { actionWarning, formatAction, parseAction, type RuntimeAction } from './runtime-actions';

describe('parseAction / formatAction', () => {
  it.each<{ name: string; text: string; want: RuntimeAction }>([
    // kubectl delete pod NAME -n NS
    { name: 'delete', text: 'delete pod/default/web-1', want: { verb: 'delete', pod: { namespace: 'default', name: 'web-1' } } },
    { name: 'not-ready (playground probe toggle)', text: 'not-ready pod/prod/api-0', want: { verb: 'not-ready', pod: { namespace: 'prod', name: 'api-0' } } },
    { name: 'ready', text: 'ready pod/prod/api-0', want: { verb: 'ready', pod: { namespace: 'prod', name: 'api-0' } } },
    { name: 'move', text: 'move pod/default/web-1 node/kind-worker2', want: { verb: 'move', pod: { namespace: 'default', name: 'web-1' }, node: 'kind-worker2' } },
    // kubectl cordon/uncordon/drain NODE
    { name: 'cordon', text: 'cordon node/kind-worker', want: { verb: 'cordon', node: 'kind-worker' } },
    { name: 'uncordon', text: 'uncordon node/kind-worker', want: { verb: 'uncordon', node: 'kind-worker' } },
    { name: 'drain', text: 'drain node/kind-worker', want: { verb: 'drain', node: 'kind-worker' } },
    { name: 'extra whitespace is ignored', text: '  delete   pod/default/web-1  ', want: { verb: 'delete', pod: { namespace: 'default', name: 'web-1' } } },
  ])('$name', ({ text, want }) => {
    expect(parseAction(text)).toEqual(want);
    expect(parseAction(formatAction(want))).toEqual(want);
    expect(formatAction(want)).toBe(text.trim().replace(/\s+/g, ' '));
  });

  it.each([
    { name: 'empty line', text: '', error: /^empty action; expected one of: delete pod\/NS\/NAME/ },
    { name: 'unknown verb', text: 'restart pod/default/x', error: /^unknown verb "restart"; expected one of:/ },
    { name: 'pod without namespace', text: 'delete pod/web-1', error: /^"delete" expects pod\/NAMESPACE\/NAME, got "pod\/web-1"$/ },
    { name: 'node target for a pod verb', text: 'ready node/kind-worker', error: /^"ready" expects pod\/NAMESPACE\/NAME, got "node\/kind-worker"$/ },
    { name: 'missing target', text: 'cordon', error: /^"cordon" expects node\/NAME, got nothing$/ },
    { name: 'move without node', text: 'move pod/default/web-1', error: /^"move" expects pod\/NAMESPACE\/NAME node\/NAME, got no node$/ },
    { name: 'move to a pod', text: 'move pod/default/web-1 pod/default/x', error: /^"move" expects pod\/NAMESPACE\/NAME node\/NAME, got "pod\/default\/x"$/ },
    { name: 'too many arguments', text: 'drain node/a node/b', error: /^"drain" takes one argument, got 2/ },
    { name: 'empty name', text: 'drain node/', error: /^"drain" expects node\/NAME, got "node\/"$/ },
  ])('rejects $name', ({ text, error }) => {
    const r = parseAction(text);
    expect('error' in r && r.error).toMatch(error);
  });

  it('skipped-action warnings read like kubectl NotFound errors', () => {
    const d = actionWarning({ verb: 'cordon', node: 'x' }, 'nodes "x" not found');
    expect(d).toMatchObject({ severity: 'warning', reason: 'ActionSkipped', kind: 'Node', name: 'x', value: 'cordon node/x', message: 'action "cordon node/x" skipped: nodes "x" not found' });
    const p = actionWarning({ verb: 'delete', pod: { namespace: 'ns', name: 'p' } }, 'pods "p" not found');
    expect(p).toMatchObject({ kind: 'Pod', namespace: 'ns', name: 'p', message: 'action "delete pod/ns/p" skipped: pods "p" not found' });
  });
});
