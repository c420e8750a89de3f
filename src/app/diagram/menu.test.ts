import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createAppStore } from '../store';
import { menuItems, shortcutItem } from './menu';

const example = (slug: string) => readFileSync(new URL(`../../../examples/${slug}.yaml`, import.meta.url), 'utf8');

describe('menuItems', () => {
  const store = createAppStore({ text: example('default'), actions: ['cordon node/kind-worker2'], seed: 1 });
  const s = store.getState();
  const web = s.derived.cluster.pods.find((p) => p.name.startsWith('web-'))!;

  it.each([
    // a Deployment's pod: readiness, moves to the other nodes, scale ±1, delete (recreated); web is already exposed
    [web.key, ['not-ready', ...['kind-control-plane', 'kind-worker', 'kind-worker2'].filter((n) => n !== web.nodeName).map((n) => `move:${n}`), 'scale-up', 'scale-down', 'delete']],
    // a bare pod: no scaling
    ['Pod/default/client', ['not-ready', 'move:kind-control-plane', 'move:kind-worker2', 'delete'].filter((id) => id !== `move:${s.derived.cluster.index.podByKey.get('Pod/default/client' as never)!.nodeName}`)],
    // kubectl cordon/uncordon toggle on the node's current state
    ['Node//kind-worker', ['cordon', 'drain']],
    ['Node//kind-worker2', ['uncordon', 'drain']],
    ['Service/default/web', ['delete']],
    ['Service/default/nope', []],
  ])('%s → %j', (key, ids) => {
    // the "Send a request here" items (traffic/here.test.ts pins them) come first; the commands follow
    const all = menuItems(s, key).map((i) => i.id);
    const sends = all.filter((id) => id.startsWith('send'));
    expect(all.slice(0, sends.length)).toEqual(sends);
    expect(all.slice(sends.length)).toEqual(ids);
  });

  it.each([
    ['Service/default/web', 'send:80/TCP'],
    ['Node//kind-worker', 'send:30080/TCP'],
  ])('%s offers %s first', (key, id) => {
    expect(menuItems(s, key)[0]?.id).toBe(id);
  });

  it('offers `expose` for a Deployment without a Service of its name', () => {
    const st = createAppStore({ text: example('nodeport'), actions: [], seed: 1 }).getState();
    const pod = st.derived.cluster.pods.find((p) => p.name.startsWith('myapp-'))!;
    expect(menuItems(st, pod.key).find((i) => i.id === 'expose')?.label).toBe('Expose myapp (ClusterIP Service)');
  });

  it.each([
    ['Delete', 'delete'],
    ['Backspace', 'delete'],
    ['r', 'not-ready'],
    ['R', 'not-ready'],
    ['c', undefined],
    ['x', undefined],
  ])('shortcut %s on a pod → %s', (key, id) => {
    expect(shortcutItem(menuItems(s, web.key), key)?.id).toBe(id);
  });

  it('S sends the first "Send a request here" of the selected element', () => {
    expect(shortcutItem(menuItems(s, 'Service/default/web'), 's')?.id).toBe('send:80/TCP');
  });

  it('C cordons the selected node', () => {
    expect(shortcutItem(menuItems(s, 'Node//kind-worker'), 'c')?.id).toBe('cordon');
  });
});
