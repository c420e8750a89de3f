// Canvas drawing for packets: shapes added to one path per kind so thousands of packets cost one fill
// per kind per frame, plus the labelled trace packet and failure marks.
import { STYLES, type PacketKind, type Shape, type XY } from './mapping';

/** Add one shape to the current path (no fill: the caller batches). */
export function addShape(ctx: CanvasRenderingContext2D, shape: Shape, x: number, y: number, r: number): void {
  switch (shape) {
    case 'circle':
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, Math.PI * 2);
      return;
    case 'diamond':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      return;
    case 'square':
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
      return;
    case 'cross':
      ctx.moveTo(x - r, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.moveTo(x + r, y - r);
      ctx.lineTo(x - r, y + r);
      return;
  }
}

/** Draw many packets of one kind: one path, one fill (or stroke for the cross). */
export function drawBatch(ctx: CanvasRenderingContext2D, kind: PacketKind, xs: Float32Array, ys: Float32Array, n: number, scale = 1): void {
  if (!n) return;
  const st = STYLES[kind];
  const r = st.r * scale;
  ctx.beginPath();
  for (let i = 0; i < n; i++) addShape(ctx, st.shape, xs[i], ys[i], r);
  if (st.shape === 'cross') {
    ctx.strokeStyle = st.color;
    ctx.lineWidth = 3 * scale;
    ctx.stroke();
  } else {
    ctx.fillStyle = st.color;
    ctx.fill();
  }
}

function labelBox(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, color: string, dark: boolean): void {
  const w = ctx.measureText(text).width;
  ctx.fillStyle = dark ? 'rgba(20,22,28,0.85)' : 'rgba(255,255,255,0.9)';
  ctx.fillRect(x - 3, y - 9, w + 6, 16);
  ctx.fillStyle = color;
  ctx.fillText(text, x, y + 3);
}

/** The watched trace's packet: its shape with a white outline, and its label beside it. */
export function drawTracePacket(ctx: CanvasRenderingContext2D, kind: PacketKind, p: XY, label: string, dark: boolean, paneWidth: number): void {
  const st = STYLES[kind];
  ctx.beginPath();
  addShape(ctx, st.shape, p.x, p.y, st.r + 2);
  if (st.shape === 'cross') {
    ctx.strokeStyle = st.color;
    ctx.lineWidth = 4;
    ctx.stroke();
  } else {
    ctx.fillStyle = st.color;
    ctx.fill();
    ctx.strokeStyle = dark ? '#111' : '#fff';
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  ctx.font = '12px system-ui, sans-serif';
  const w = ctx.measureText(label).width;
  const x = p.x + st.r + 6 + w + 4 > paneWidth ? p.x - st.r - 6 - w : p.x + st.r + 6;
  labelBox(ctx, label, x, p.y, dark ? '#e6e6e6' : '#1a1a1a', dark);
}

/** Where a packet died: a red ✕ and the reason, wrapped to a few short lines. */
export function drawFailure(ctx: CanvasRenderingContext2D, p: XY, reason: string, dark: boolean, paneWidth: number): void {
  const st = STYLES.failure;
  ctx.beginPath();
  addShape(ctx, 'cross', p.x, p.y, st.r + 3);
  ctx.strokeStyle = st.color;
  ctx.lineWidth = 4;
  ctx.stroke();
  ctx.font = '12px system-ui, sans-serif';
  const lines = wrap(reason, 48).slice(0, 4);
  // Beside the mark, flipped to its left when it would run past the pane's right edge.
  const width = Math.max(0, ...lines.map((l) => ctx.measureText(l).width));
  const right = p.x + st.r + 8;
  const x = right + width + 4 > paneWidth ? Math.max(4, p.x - st.r - 8 - width) : right;
  lines.forEach((line, i) => labelBox(ctx, line, x, p.y + 14 + i * 16, st.color, dark));
}

/** Greedy word wrap to at most `width` characters per line. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
