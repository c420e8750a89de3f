// Which commands apply to a diagram element: the context menu lists them, the keyboard shortcuts pick
// the common ones. Pure: state in, items out; running an item goes through src/app/commands.ts, or for
// "Send a request here" hands a draft to the request composer through the UI store.
import type { AppState } from '../store';
import { useUi } from '../store/ui';
import { requestsHere, sentMessage } from '../traffic/here';
import type { ObjectKey } from '../../core';
import {
  cordonNode,
  deleteObject,
  deletePod,
  deploymentOf,
  drainNode,
  exposeDeployment,
  movePod,
  scaleDeployment,
  setReady,
  uncordonNode,
  type CommandResult,
  type CommandStore,
} from '../commands';

export interface MenuItem {
  id: string;
  label: string;
  /** the key that runs it while the element is selected (shown in the menu) */
  shortcut?: 'Delete' | 'R' | 'C' | 'S';
  run(store: CommandStore): CommandResult;
}

const nodeNameOf = (key: string): string => key.split('/').slice(2).join('/');

function replicasOf(s: AppState, key: string): number | null {
  const d = s.derived.loaded.userObjects.find((o) => o.key === key);
  const r = (d?.object.spec as Record<string, unknown> | undefined)?.replicas;
  return typeof r === 'number' ? r : d ? 1 : null;
}

/** "Send a request here" first: on a Service or an Ingress it is what people open the menu for. */
function sendItems(s: AppState, key: string): MenuItem[] {
  return requestsHere(s.derived.cluster, key).map((h, i) => ({
    id: h.id,
    label: h.label,
    ...(i === 0 ? { shortcut: 'S' as const } : {}),
    run: () => {
      useUi.getState().setDraft(h.draft);
      return { ok: true, message: sentMessage(h.draft) };
    },
  }));
}

export function menuItems(s: AppState, key: string): MenuItem[] {
  const items = commandItems(s, key);
  return items.length ? [...sendItems(s, key), ...items] : items;
}

function commandItems(s: AppState, key: string): MenuItem[] {
  const cluster = s.derived.cluster;
  const kind = key.split('/')[0];
  if (kind === 'Pod') {
    const pod = cluster.index.podByKey.get(key as ObjectKey);
    if (!pod) return [];
    const items: MenuItem[] = [
      pod.ready
        ? { id: 'not-ready', label: 'Mark not ready', shortcut: 'R', run: (st) => setReady(st, key, false) }
        : { id: 'ready', label: 'Mark ready', shortcut: 'R', run: (st) => setReady(st, key, true) },
    ];
    for (const n of cluster.nodes) {
      if (n.name !== pod.nodeName) items.push({ id: `move:${n.name}`, label: `Move to ${n.name}`, run: (st) => movePod(st, key, n.name) });
    }
    const dep = deploymentOf(cluster, pod);
    const replicas = dep ? replicasOf(s, dep) : null;
    if (dep && replicas !== null) {
      const name = nodeNameOf(dep);
      items.push({ id: 'scale-up', label: `Scale ${name} to ${replicas + 1}`, run: (st) => scaleDeployment(st, dep, replicas + 1) });
      if (replicas > 0) items.push({ id: 'scale-down', label: `Scale ${name} to ${replicas - 1}`, run: (st) => scaleDeployment(st, dep, replicas - 1) });
      if (!cluster.index.serviceByKey.has(`Service/${pod.namespace}/${name}` as ObjectKey)) {
        items.push({ id: 'expose', label: `Expose ${name} (ClusterIP Service)`, run: (st) => exposeDeployment(st, dep) });
      }
    }
    items.push({ id: 'delete', label: pod.owner ? 'Delete pod (its controller recreates it)' : 'Delete pod', shortcut: 'Delete', run: (st) => deletePod(st, key) });
    return items;
  }
  if (kind === 'Node') {
    const name = nodeNameOf(key);
    const node = cluster.index.nodeByName.get(name);
    if (!node) return [];
    const items: MenuItem[] = [
      node.unschedulable
        ? { id: 'uncordon', label: 'Uncordon', shortcut: 'C', run: (st) => uncordonNode(st, name) }
        : { id: 'cordon', label: 'Cordon', shortcut: 'C', run: (st) => cordonNode(st, name) },
      { id: 'drain', label: 'Drain', run: (st) => drainNode(st, name) },
    ];
    if (s.derived.loaded.userObjects.some((o) => o.key === key)) items.push({ id: 'delete', label: 'Delete node', shortcut: 'Delete', run: (st) => deleteObject(st, key) });
    return items;
  }
  if (!cluster.objects.some((o) => o.key === key)) return [];
  return [{ id: 'delete', label: `Delete ${kind.toLowerCase()}`, shortcut: 'Delete', run: (st) => deleteObject(st, key) }];
}

/** The item a shortcut key runs for the selected element, if any. */
export function shortcutItem(items: MenuItem[], key: string): MenuItem | undefined {
  const k = key === 'Backspace' ? 'Delete' : key.length === 1 ? key.toUpperCase() : key;
  return items.find((i) => i.shortcut === k);
}
