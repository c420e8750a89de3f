// Mini map node component for big clusters (see minimap.ts): the box of the external client, which every
// diagram has, draws all the boxes as a few paths; every other box draws nothing. Pods are left out.
import { memo, useMemo } from 'react';
import { useStore, useStoreApi, type MiniMapNodeProps } from '@xyflow/react';
import { miniMapPaths, type MiniBox } from './minimap';
import { CLIENT_ID } from './toFlow';

function AllBoxes({ borderRadius, shapeRendering }: { borderRadius: number; shapeRendering: string }) {
  // s.nodes changes identity whenever a box is added, moved or resized; the lookup holds absolute positions.
  const nodes = useStore((s) => s.nodes);
  const store = useStoreApi();
  const paths = useMemo(() => {
    const lookup = store.getState().nodeLookup;
    const boxes: MiniBox[] = [];
    for (const n of nodes) {
      const internal = lookup.get(n.id);
      if (!internal) continue;
      const { x, y } = internal.internals.positionAbsolute;
      boxes.push({ id: n.id, type: n.type, selected: !!n.selected, hidden: n.hidden, x, y, width: n.measured?.width ?? n.width ?? 0, height: n.measured?.height ?? n.height ?? 0 });
    }
    return miniMapPaths(boxes, borderRadius);
  }, [nodes, store, borderRadius]);
  return (
    <>
      {paths.map((p) => (
        <path key={p.className} className={p.className} d={p.d} shapeRendering={shapeRendering} />
      ))}
    </>
  );
}

export const MiniMapBoxes = memo(function MiniMapBoxes(props: MiniMapNodeProps) {
  return props.id === CLIENT_ID ? <AllBoxes borderRadius={props.borderRadius} shapeRendering={props.shapeRendering} /> : null;
});
