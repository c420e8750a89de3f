// Edge types at module scope (React Flow re-mounts every edge when this object changes identity).
// React Flow's own edge label measures itself with getBBox (one forced layout per label: ~0.9 s at
// 2,000 Services); this edge draws its label as plain positioned SVG text instead, with a halo from CSS
// (paint-order) in place of the measured background box.
import { memo } from 'react';
import { BaseEdge, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';

export const LABEL_EDGE = 'labelled';

export const LabelEdge = memo(function LabelEdge(p: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({ sourceX: p.sourceX, sourceY: p.sourceY, sourcePosition: p.sourcePosition, targetX: p.targetX, targetY: p.targetY, targetPosition: p.targetPosition });
  return (
    <>
      <BaseEdge id={p.id} path={path} style={p.style} markerEnd={p.markerEnd} markerStart={p.markerStart} interactionWidth={p.interactionWidth} />
      {typeof p.label === 'string' && p.label && (
        <text className="d-edge-label" x={labelX} y={labelY} textAnchor="middle" dominantBaseline="central">
          {p.label}
        </text>
      )}
    </>
  );
});

export const edgeTypes: EdgeTypes = { [LABEL_EDGE]: LabelEdge };
