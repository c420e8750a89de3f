// The React Flow pane and what it holds (mini map, controls, packet overlay, notes). Memoised, with
// props that keep their identity while nothing they describe changed: a keystroke that only changes
// what a box says re-renders none of this (the box reads its new content itself, useBox.ts), and React
// Flow's store sees no new option objects (each new one would wake every node's subscriptions).
import { memo, useMemo, type MouseEvent as ReactMouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { Controls, MiniMap, Panel, ReactFlow, useStore as useFlowStore, type Edge, type Node, type NodeChange, type OnNodeDrag } from '@xyflow/react';
import { MiniMapBoxes } from './MiniMapBoxes';
import { nodeTypes } from './nodes';
import { edgeTypes } from './edges';
import type { DiagramNode } from './toFlow';
import type { AutoFit } from './hooks';
import type { Rect } from './layout';
import type { Viewport } from '../persist/viewport';
import { PacketOverlay } from '../animation/PacketOverlay';

/**
 * An opaque box of the pane's own colour under every box and line, shown only while the pane is dragged
 * (so nothing changes on screen). Then the viewport gets its own compositor layer (diagram.css), and a pan moves that
 * layer instead of repainting the diagram; Chromium merges the diagram into that one layer only when its
 * text lies on a known-opaque background and the layer is not sparse, which this fill provides (without
 * it the boxes split into ~120 layers and every frame re-layerizes them).
 */
function ViewportFill({ rect }: { rect: Rect | null }) {
  const domNode = useFlowStore((s) => s.domNode);
  const host = useMemo(() => domNode?.querySelector('.react-flow__viewport-portal') ?? null, [domNode]);
  if (!host || !rect) return null;
  return createPortal(<div className="d-viewport-fill" aria-hidden="true" style={{ left: rect.x, top: rect.y, width: rect.width, height: rect.height }} />, host);
}

// Option objects at module scope: React Flow stores each one that changes identity, and every store
// update runs the selectors of all nodes and edges.
const DEFAULT_EDGE_OPTIONS = { selectable: false, focusable: false };
const FIT_VIEW_OPTIONS = { padding: 0.05 };
const MINI_MAP_STYLE = { width: 160, height: 110 };
const miniMapClass = (n: Node): string => `d-mini-${n.type}`;

export interface FlowCanvasProps {
  nodes: DiagramNode[];
  edges: Edge[];
  broken: boolean;
  /** React Flow's own culling of off-screen elements */
  cull: boolean;
  /** draw the mini map's boxes as a few paths (MiniMapBoxes.tsx), pods left out */
  bigMiniMap: boolean;
  fill: Rect | null;
  note: string | null;
  hiddenEdges: number;
  initialViewport: Viewport | null;
  autoFit: AutoFit;
  onNodesChange(changes: NodeChange<DiagramNode>[]): void;
  onNodeDragStop: OnNodeDrag<DiagramNode>;
  onNodeContextMenu(e: ReactMouseEvent, node: DiagramNode): void;
  onPaneClick(): void;
}

export const FlowCanvas = memo(function FlowCanvas(p: FlowCanvasProps) {
  return (
    <ReactFlow<DiagramNode>
      nodes={p.nodes}
      edges={p.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={p.onNodesChange}
      onNodeDragStop={p.onNodeDragStop}
      onNodeContextMenu={p.onNodeContextMenu}
      onMoveStart={p.autoFit.onMoveStart}
      onMoveEnd={p.autoFit.onMoveEnd}
      onPaneClick={p.onPaneClick}
      nodesDraggable={!p.broken}
      nodesConnectable={false}
      edgesFocusable={false}
      defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      deleteKeyCode={null}
      onlyRenderVisibleElements={p.cull}
      elevateNodesOnSelect={false}
      zIndexMode="manual"
      minZoom={0.02}
      maxZoom={2}
      fitView={p.initialViewport === null}
      defaultViewport={p.initialViewport ?? undefined}
      fitViewOptions={FIT_VIEW_OPTIONS}
      colorMode="system"
    >
      <MiniMap
        pannable
        zoomable
        style={MINI_MAP_STYLE}
        ariaLabel="Mini map of the cluster diagram"
        nodeClassName={miniMapClass}
        nodeComponent={p.bigMiniMap ? MiniMapBoxes : undefined}
      />
      <Controls position="bottom-left" onZoomIn={p.autoFit.onUserZoom} onZoomOut={p.autoFit.onUserZoom} onFitView={p.autoFit.onFitView} />
      <ViewportFill rect={p.fill} />
      <PacketOverlay />
      {p.broken && (
        <Panel position="top-center" className="d-broken-note" role="status">
          {p.note}
        </Panel>
      )}
      {p.hiddenEdges > 0 && (
        <Panel position="bottom-center" className="d-note">
          {p.hiddenEdges} links hidden to keep the diagram responsive: zoom in or select a Service.
        </Panel>
      )}
    </ReactFlow>
  );
});
