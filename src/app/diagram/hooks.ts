// Effects of the diagram that are not drawing: centre a selection made elsewhere when it is off-screen,
// keep the cluster fitted until the user takes over the viewport, and a read-only test hook.
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useReactFlow, useStore as useFlowStore, type Edge } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useAppStore } from '../store/context';
import type { AppState, AppStore } from '../store';
import { forgetViewport, saveViewport, type Viewport } from '../persist/viewport';
import type { DiagramNode } from './toFlow';
import { absoluteRects, cullEdges, EDGE_CULL_MIN, rectOfKey, viewKey } from './viewport';

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
 * Keep the whole cluster in view until the user pans or zooms (or a pan/zoom was restored from the last
 * session): re-fit when the pane is resized (the
 * panels settle after the first paint) and when a whole new scene arrives (example, share link,
 * import). Returns the viewport handlers that notice the user taking over and keep their pan/zoom.
 */
export interface AutoFit {
  /** React Flow passes an event only for the user's own pans and zooms */
  onMoveStart(event: MouseEvent | TouchEvent | null): void;
  /** once the user has taken over the view, every settled viewport is kept for the next session */
  onMoveEnd(event: MouseEvent | TouchEvent | null, viewport: Viewport): void;
  /** the zoom buttons (programmatic zooms, so no event) */
  onUserZoom(): void;
  /** the fit-view button: back to automatic fitting, nothing to restore */
  onFitView(): void;
}

export function useAutoFit(pane: RefObject<HTMLElement | null>, restored: boolean): AutoFit {
  const rf = useReactFlow();
  const store = useAppStore();
  // A viewport restored from the last session counts as the user's own: no re-fit until a new scene.
  const userMoved = useRef(restored);
  // A new scene waits for its first derivation (the Worker answers later): fit once, when it arrives.
  // The first scene too, when the page opened before its derivation (<ReactFlow fitView> fitted the
  // empty placeholder cluster then).
  const pendingFit = useRef(!restored && store.getState().deriving);
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
    let frame = 0;
    const fitWhenDerived = (s: AppState) => {
      if (!pendingFit.current || s.deriving || s.derivedVersion !== s.docVersion) return;
      pendingFit.current = false;
      if (userMoved.current) return;
      // two frames: the diagram renders the new nodes, then React Flow has them in its store
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => void rf.fitView({ padding: 0.05 }))));
    };
    fitWhenDerived(store.getState());
    const unsubscribe = store.subscribe(fitWhenDerived);
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, rf]);
  useEffect(() => {
    if (version <= 0) return; // the first scene is fitted by <ReactFlow fitView> (or above, once derived)
    userMoved.current = false;
    forgetViewport(); // the saved pan/zoom belonged to the scene just replaced
    pendingFit.current = true;
    const s = store.getState();
    if (s.deriving || s.derivedVersion !== s.docVersion) return; // fitted when its derivation arrives
    pendingFit.current = false;
    const id = requestAnimationFrame(() => void rf.fitView({ padding: 0.05 }));
    return () => cancelAnimationFrame(id);
  }, [version, rf, store]);
  return useMemo<AutoFit>(
    () => ({
      onMoveStart(event) {
        if (event) userMoved.current = true;
      },
      onMoveEnd(event, viewport) {
        if (event) userMoved.current = true;
        if (userMoved.current) saveViewport(viewport);
      },
      onUserZoom() {
        userMoved.current = true;
        // the button's zoom may have ended before this runs: keep what it settled on
        requestAnimationFrame(() => saveViewport(rf.getViewport()));
      },
      onFitView() {
        userMoved.current = false;
        forgetViewport();
      },
    }),
    [rf],
  );
}

/**
 * Big diagrams, zoomed in: only the edges that end in or near the view. React Flow's own culling keeps
 * every edge whose bounding box crosses the screen, i.e. hundreds of Service → pod lines passing over a
 * zoomed-in node. Recomputed when the view moves by a quarter screen (viewKey), not every frame.
 */
export function useCulledEdges(nodes: DiagramNode[], edges: Edge[], zoomedIn: boolean): Edge[] {
  const on = zoomedIn && edges.length > EDGE_CULL_MIN;
  const key = useFlowStore((s) => (on ? viewKey(s.transform, s.width, s.height) : ''));
  const rects = useMemo(() => (on ? absoluteRects(nodes) : null), [nodes, on]);
  return useMemo(() => {
    const view = rectOfKey(key);
    return rects && view ? cullEdges(edges, rects, view) : edges;
  }, [edges, rects, key]);
}

interface KnpWindow {
  __knp?: Record<string, unknown>;
}

/**
 * window.__knp.diagram: access for end-to-end tests, benchmarks and debugging: read the text, actions and
 * selection; read or set the viewport (flow → screen: x, y offset and zoom), e.g. to measure the DOM at a
 * given zoom. Nothing else in the app uses it.
 */
export function useKnpHook(store: AppStore): void {
  const rf = useReactFlow();
  useEffect(() => {
    const w = window as unknown as KnpWindow;
    w.__knp = w.__knp ?? {};
    w.__knp.diagram = {
      getText: () => store.getState().text,
      getActions: () => [...store.getState().actions],
      getSelection: () => store.getState().selection,
      getViewport: () => rf.getViewport(),
      setViewport: (v: { x: number; y: number; zoom: number }) => void rf.setViewport(v),
    };
  }, [store, rf]);
}
