// The cluster diagram: a React Flow view of the derived ClusterState (never written back). Gestures
// become commands (src/app/commands.ts) that edit the YAML or append runtime actions; selection goes
// both ways through the store; while the YAML is broken the last valid state is drawn, dimmed.
import '@xyflow/react/dist/style.css';
import './diagram.css';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { applyNodeChanges, ReactFlowProvider, useReactFlow, useStore as useFlowStore, type Edge, type NodeChange, type OnNodeDrag } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useAppStore } from '../store/context';
import type { CommandResult } from '../commands';
import { movePod } from '../commands';
import { ContextMenu } from './ContextMenu';
import { childPositionKey, groupAt, type Rect } from './layout';
import { menuItems, shortcutItem, type MenuItem } from './menu';
import { PENDING_ID, toFlow, type DiagramNode, type FlowResult } from './toFlow';
import { keepUnchanged } from './stable';
import { keepShells } from './shells';
import { BoxStore } from './boxes';
import { BoxContext } from './useBox';
import { FlowCanvas } from './FlowCanvas';
import { useAutoFit, useCulledEdges, useKnpHook, useSelectionFocus } from './hooks';
import { cullOffscreen, fillRect, OVERVIEW_EDGE_LIMIT, SUMMARY_ZOOM, zoomLevel } from './viewport';
import { restoredViewport } from '../persist/viewport';

export { SUMMARY_ZOOM };

/** Big clusters: the mini map leaves out pods (sub-pixel there) and draws the other boxes as a few paths (MiniMapBoxes.tsx). */
const MINI_MAP_POD_LIMIT = 300;

/** Why the diagram is dimmed: the parser's first complaint, where it is, and what is shown meanwhile. */
export function brokenNote(d: { line?: number | null; detail?: string | null } | null): string {
  const where = d?.line ? ` on line ${d.line}` : '';
  const raw = d?.detail?.trim() ?? '';
  const why = raw ? `: ${raw.length > 160 ? `${raw.slice(0, 159)}…` : raw.replace(/\.$/, '')}` : '';
  return `The YAML has a syntax error${where}${why}. The diagram shows the last valid state until it is fixed.`;
}

/**
 * Test-only hook: with `window.__knpTest = { diagramThrows: 'why' }` set, the diagram throws Error('why')
 * at its next render (after the next edit's derivation), so end-to-end tests can prove the error boundary keeps the editor
 * alive (e2e/workbench-bad-input.spec.ts). Nothing in the app sets it; it costs one property read per edit.
 */
function TestFault() {
  useApp((s) => s.derivedVersion); // re-render (and check) on every derivation
  const why = (window as { __knpTest?: { diagramThrows?: unknown } }).__knpTest?.diagramThrows;
  if (typeof why === 'string' && why) throw new Error(why);
  return null;
}

const isObjectKey = (id: string): boolean => /^[A-Za-z]+\/[^/]*\/.+/.test(id);

export function ClusterDiagram() {
  return (
    <ReactFlowProvider>
      <TestFault />
      <DiagramView />
    </ReactFlowProvider>
  );
}

interface MenuState {
  key: string;
  x: number;
  y: number;
}

/** One drawing: toFlow's result, its elements with unchanged ones kept (stable.ts), and its shells (shells.ts). */
interface Drawn {
  flow: FlowResult | null;
  nodes: DiagramNode[];
  edges: Edge[];
  shells: DiagramNode[];
}

function DiagramView() {
  const store = useAppStore();
  const { broken, derived, lastGood, showSystem, positions, selection } = useApp(
    useShallow((s) => ({ broken: s.derived.broken, derived: s.derived, lastGood: s.lastGood, showSystem: s.showSystem, positions: s.positions, selection: s.selection })),
  );
  const shown = broken ? lastGood : derived;
  const note = useMemo(() => (broken ? brokenNote(derived.diagnostics.find((d) => d.reason === 'YAMLSyntax') ?? null) : null), [broken, derived.diagnostics]);
  // Semantic zoom: far out, node boxes shrink to name + counts; zoomed out (or while the pane would hold
  // too many pod boxes), nodes show pod counts; zoomed in, pods (see viewport.ts).
  const podCount = shown.cluster.pods.length;
  const nodeCount = shown.cluster.nodes.length;
  const level = useFlowStore((s) => zoomLevel(s.transform[2], s.width, s.height, podCount, nodeCount));
  const flow = useMemo(
    () => toFlow(shown.cluster, { showSystem, summary: level !== 'full', compact: level === 'far', positions, selection, edgeLimit: level === 'full' ? undefined : OVERVIEW_EDGE_LIMIT }),
    [shown.cluster, showSystem, level, positions, selection],
  );
  // Boxes and lines drawn as before keep their objects (stable.ts), and boxes whose content alone changed
  // keep their shells (shells.ts): React Flow then sees nothing new, and the box store (boxes.ts) wakes
  // the few boxes whose content changed, so a keystroke re-renders what it changed, not the whole cluster.
  // (Computed once, in the render that sees the new flow: the state below must see the kept objects.)
  const [drawn, setDrawn] = useState<Drawn>({ flow: null, nodes: [], edges: [], shells: [] });
  let current = drawn;
  if (drawn.flow !== flow) {
    const nodes = keepUnchanged(drawn.nodes, flow.nodes);
    current = { flow, nodes, edges: keepUnchanged(drawn.edges, flow.edges), shells: keepShells(drawn.shells, nodes) };
    setDrawn(current);
  }
  const drawnNodes = current.nodes;
  const shells = current.shells;
  const [boxes] = useState(() => new BoxStore());
  // Before paint, and before React Flow receives new shells (its StoreUpdater runs in a passive effect).
  useLayoutEffect(() => void boxes.publish(drawnNodes), [boxes, drawnNodes]);
  const edges = useCulledEdges(shells, current.edges, level === 'full');
  const fill = useMemo(() => fillRect(shells), [shells]);

  // Local copy for React Flow's own bookkeeping (drag positions, measured sizes); reset whenever the
  // shells change, keeping what React Flow measured so nodes do not flicker (and the very object React
  // Flow holds for a box whose shell did not change).
  const [local, setLocal] = useState<{ src: DiagramNode[]; nodes: DiagramNode[] }>({ src: shells, nodes: shells });
  if (local.src !== shells) {
    const before = new Map(local.src.map((n) => [n.id, n]));
    const mine = new Map(local.nodes.map((n) => [n.id, n]));
    setLocal({
      src: shells,
      nodes: shells.map((n) => {
        const l = mine.get(n.id);
        if (!l) return n;
        if (before.get(n.id) === n) return l;
        return l.measured ? ({ ...n, measured: l.measured } as DiagramNode) : n;
      }),
    });
  }
  const snapBack = useCallback(() => setLocal((l) => ({ src: l.src, nodes: l.src })), []);

  const onNodesChange = useCallback(
    (changes: NodeChange<DiagramNode>[]) => {
      for (const c of changes) if (c.type === 'select' && c.selected && isObjectKey(c.id)) store.getState().select(c.id as never, 'diagram');
      const kept = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
      if (kept.length) setLocal((l) => ({ src: l.src, nodes: applyNodeChanges(kept, l.nodes) }));
    },
    [store],
  );

  const [status, setStatus] = useState<CommandResult | null>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const rf = useReactFlow<DiagramNode>();

  // The drop targets of the latest drawing, read when a drag ends: the handlers React Flow stores keep
  // their identity across drawings (each new one would be a React Flow store update).
  const groups = useRef(flow.groups);
  useLayoutEffect(() => {
    groups.current = flow.groups;
  }, [flow.groups]);
  const groupRects = useCallback((): { id: string; rect: Rect }[] => {
    const out: { id: string; rect: Rect }[] = [];
    for (const id of groups.current) {
      const n = rf.getInternalNode(id);
      if (!n) continue;
      out.push({ id, rect: { ...n.internals.positionAbsolute, width: n.measured.width ?? n.width ?? 0, height: n.measured.height ?? n.height ?? 0 } });
    }
    return out;
  }, [rf]);

  const onNodeDragStop: OnNodeDrag<DiagramNode> = useCallback(
    (event, node) => {
      const st = store.getState();
      if (node.type !== 'pod') {
        st.setPosition(node.id, node.position);
        return;
      }
      const pt = 'clientX' in event ? { x: event.clientX, y: event.clientY } : { x: event.changedTouches[0].clientX, y: event.changedTouches[0].clientY };
      const hit = groupAt(rf.screenToFlowPosition(pt), groupRects());
      const from = node.parentId ?? null;
      if (hit && from && hit === from) {
        st.setPosition(childPositionKey(node.id, from), node.position);
        return;
      }
      snapBack();
      if (!hit || hit === PENDING_ID) return;
      const nodeName = hit.split('/').slice(2).join('/');
      setStatus(movePod(store, node.id, nodeName));
    },
    [store, rf, groupRects, snapBack],
  );

  const run = useCallback(
    (item: MenuItem) => {
      setMenu(null);
      setStatus(item.run(store));
    },
    [store],
  );

  const openMenu = useCallback(
    (key: string, clientX: number, clientY: number) => {
      const box = wrapper.current?.getBoundingClientRect();
      store.getState().select(key as never, 'diagram');
      setMenu({ key, x: clientX - (box?.left ?? 0), y: clientY - (box?.top ?? 0) });
    },
    [store],
  );

  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, node: DiagramNode) => {
      if (!isObjectKey(node.id)) return;
      e.preventDefault();
      if (!broken) openMenu(node.id, e.clientX, e.clientY);
    },
    [broken, openMenu],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const sel = store.getState().selection;
      const target = e.target as HTMLElement;
      if (!sel || broken || menu || e.ctrlKey || e.metaKey || e.altKey || target.closest('input, textarea, select, [contenteditable], .nokey')) return;
      if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
        const el = wrapper.current?.querySelector(`.react-flow__node[data-id="${CSS.escape(sel)}"]`)?.getBoundingClientRect();
        if (el) openMenu(sel, el.left + 16, el.top + 16);
        e.preventDefault();
        return;
      }
      const item = shortcutItem(menuItems(store.getState(), sel), e.key);
      if (!item) return;
      e.preventDefault();
      setStatus(item.run(store));
    },
    [store, broken, menu, openMenu],
  );

  useSelectionFocus(drawnNodes);
  const [initialViewport] = useState(restoredViewport);
  const autoFit = useAutoFit(wrapper, initialViewport !== null);
  useKnpHook(store);

  const onPaneClick = useCallback(() => {
    setMenu(null);
    store.getState().select(null, 'diagram');
  }, [store]);

  const menuState = menu ? store.getState() : null;
  return (
    <div ref={wrapper} className={`cluster-diagram${broken ? ' is-broken' : ''}`} onKeyDown={onKeyDown} aria-label="Cluster diagram" role="region">
      <BoxContext.Provider value={boxes}>
        <FlowCanvas
          nodes={local.nodes}
          edges={edges}
          broken={broken}
          cull={cullOffscreen(level, drawnNodes.length + edges.length)}
          bigMiniMap={podCount > MINI_MAP_POD_LIMIT}
          fill={fill}
          note={note}
          hiddenEdges={flow.hiddenEdges}
          initialViewport={initialViewport}
          autoFit={autoFit}
          onNodesChange={onNodesChange}
          onNodeDragStop={onNodeDragStop}
          onNodeContextMenu={onNodeContextMenu}
          onPaneClick={onPaneClick}
        />
      </BoxContext.Provider>
      {menu && menuState && <ContextMenu label={`Actions for ${menu.key.split('/').pop()}`} items={menuItems(menuState, menu.key)} x={menu.x} y={menu.y} onRun={run} onClose={() => setMenu(null)} />}
      <div className={`d-status${status && !status.ok ? ' is-error' : ''}`} role="status" aria-live="polite" data-testid="diagram-status">
        {status && (
          <>
            <span>{status.message}</span>
            <button type="button" className="d-button" aria-label="Dismiss message" onClick={() => setStatus(null)}>
              ×
            </button>
          </>
        )}
      </div>
    </div>
  );
}
