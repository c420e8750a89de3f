// Effects of the diagram that are not drawing: centre a selection made elsewhere when it is off-screen,
// keep the cluster fitted until the user takes over the viewport, and a read-only test hook.
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useReactFlow, useStore as useFlowStore } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context';
import type { AppStore } from '../store';
import type { DiagramNode } from './toFlow';

/** The diagram element that stands for `key`: itself, or the group that holds it when pods are summarised. */
function elementFor(nodes: DiagramNode[], key: string): string | null {
  if (nodes.some((n) => n.id === key)) return key;
  const group = nodes.find((n) => (n.type === 'k8sNode' || n.type === 'pending') && n.data.hasSelection);
  return group ? group.id : null;
}

export function useSelectionFocus(nodes: DiagramNode[]): void {
  const { selection, source } = useApp(useShallow((s) => ({ selection: s.selection, source: s.selectionSource })));
  const rf = useReactFlow<DiagramNode>();
  const pane = useFlowStore((s) => s.domNode);
  // Only a new selection moves the view; edits that redraw the diagram do not: read nodes through a ref.
  const latest = useRef(nodes);
  useEffect(() => {
    latest.current = nodes;
  });
  useEffect(() => {
    if (!selection || source === 'diagram' || !pane) return;
    const id = elementFor(latest.current, selection);
    const n = id ? rf.getInternalNode(id) : undefined;
    if (!n) return;
    const w = n.measured.width ?? n.width ?? 0;
    const h = n.measured.height ?? n.height ?? 0;
    const { x, y, zoom } = rf.getViewport();
    const abs = n.internals.positionAbsolute;
    const box = pane.getBoundingClientRect();
    const sx = abs.x * zoom + x;
    const sy = abs.y * zoom + y;
    const visible = sx >= 0 && sy >= 0 && sx + w * zoom <= box.width && sy + h * zoom <= box.height;
    if (!visible) void rf.setCenter(abs.x + w / 2, abs.y + h / 2, { zoom, duration: 300 });
  }, [selection, source, pane, rf]);
}

const SCENE_ORIGINS = new Set(['example', 'share', 'import', 'restore']);

/**
 * Keep the whole cluster in view until the user pans or zooms: re-fit when the pane is resized (the
 * panels settle after the first paint) and when a whole new scene arrives (example, share link,
 * import). Returns the handler that notices user moves (React Flow passes no event for ours).
 */
export function useAutoFit(pane: RefObject<HTMLElement | null>): (event: MouseEvent | TouchEvent | null) => void {
  const rf = useReactFlow();
  const userMoved = useRef(false);
  const version = useApp((s) => (SCENE_ORIGINS.has(s.origin) ? s.externalVersion : -1));
  useEffect(() => {
    const el = pane.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const ro = new ResizeObserver(() => {
      if (userMoved.current) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void rf.fitView({ padding: 0.05 }));
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [pane, rf]);
  useEffect(() => {
    if (version <= 0) return; // the first scene is fitted by <ReactFlow fitView>
    userMoved.current = false;
    const id = requestAnimationFrame(() => void rf.fitView({ padding: 0.05 }));
    return () => cancelAnimationFrame(id);
  }, [version, rf]);
  return useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) userMoved.current = true;
  }, []);
}

interface KnpWindow {
  __knp?: Record<string, unknown>;
}

/** window.__knp.diagram: read-only access for end-to-end tests and debugging (text, actions, selection). */
export function useKnpHook(store: AppStore): void {
  useEffect(() => {
    const w = window as unknown as KnpWindow;
    w.__knp = w.__knp ?? {};
    w.__knp.diagram = {
      getText: () => store.getState().text,
      getActions: () => [...store.getState().actions],
      getSelection: () => store.getState().selection,
    };
  }, [store]);
}
