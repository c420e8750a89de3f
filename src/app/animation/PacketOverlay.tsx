// One <canvas> above the React Flow pane where packets move. The frame loop (engine.ts) reads the store
// and the viewport itself, so playback never re-renders React; this component only mounts the canvas,
// wires React Flow's state to the engine and installs the window.__knp.animation test hook.
import './animation.css';
import { useEffect, useRef } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useAppStore } from '../store/context';
import { NODE_HEADER } from '../diagram/layout';
import { createEngine, type FlowAccess } from './engine';

interface KnpWindow {
  __knp?: Record<string, unknown>;
}

export function PacketOverlay() {
  const store = useAppStore();
  const rf = useReactFlow();
  const flowStore = useStoreApi();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const flow: FlowAccess = {
      getViewport: () => rf.getViewport(),
      centre(id) {
        const n = rf.getInternalNode(id);
        if (!n) return null;
        const w = n.measured.width ?? n.width ?? 0;
        const h = n.measured.height ?? n.height ?? 0;
        // A node box holds pods: its packets travel along the header, not over a pod in the middle.
        const dy = n.type === 'k8sNode' ? Math.min(h / 2, NODE_HEADER / 2) : h / 2;
        return { x: n.internals.positionAbsolute.x + w / 2, y: n.internals.positionAbsolute.y + dy };
      },
      ids: () => Array.from(flowStore.getState().nodeLookup.keys()),
    };
    const engine = createEngine(el, store, flow);
    // Pan, zoom, drags and measured sizes all live in React Flow's store: redraw on any change.
    const unsubFlow = flowStore.subscribe(engine.wake);
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(engine.wake);
    ro?.observe(el);
    const w = window as unknown as KnpWindow;
    w.__knp = { ...w.__knp, animation: engine.hook };
    return () => {
      unsubFlow();
      ro?.disconnect();
      engine.dispose();
      if (w.__knp?.animation === engine.hook) delete w.__knp.animation;
    };
  }, [store, rf, flowStore]);

  return <canvas ref={canvas} className="packet-overlay" aria-hidden="true" data-testid="packet-overlay" />;
}
