// Which lines of a box need a clip. A line is `white-space: nowrap` with `overflow: hidden` and an
// ellipsis, so a long name or label stops at the box's edge. But every such line, and every rounded box
// with `overflow: hidden`, is an overflow clip of its own in Chromium's paint property tree: at 1,000
// objects ~2,500 clips that split the diagram into paint chunks, and every frame that changes anything
// on the page (each keystroke, even a caret move) re-layerizes them all: ~4.5 ms, against ~1.5 ms
// without them (measured with the whole diagram unclipped). Most lines fit easily, so a line whose
// width, estimated from above, fits its box gets `d-fit` and paints unclipped; the rest keep their clip
// and ellipsis. The estimate errs wide: a line that would fit but is estimated not to merely keeps its
// clip (e2e/diagram-fit.spec.ts checks in Chromium that no `d-fit` line overflows).
import { PAD, POD_W, SERVICE_W, NODE_W } from './layout';

/** A piece of a line in one font: text at `px` pixels, optionally bold or monospace, plus fixed extra
 *  pixels (a badge's padding, border and margin). */
export interface Run {
  text: string;
  px: number;
  mono?: boolean;
  bold?: boolean;
  extra?: number;
}

/** Advance widths (em) of DejaVu Sans Book, Debian's default sans-serif and among the widest that
 *  system-ui resolves to (Segoe UI, San Francisco, Roboto, Noto Sans, Cantarell are narrower). */
const DEJAVU: Record<string, number> = {};
for (const [chars, w] of [
  ['iljIJ', 0.295], ["'", 0.275], ['.,: ;|', 0.337], ['f/()[]', 0.39], ['-!', 0.4], ['rt', 0.411], ['_*', 0.5],
  ['sz"', 0.525], ['cL', 0.557], ['kFvxy', 0.592], ['ET', 0.632], ['abdeghnopqu0123456789S{}', 0.636],
  ['P', 0.603], ['KAVXBZRY', 0.695], ['C', 0.698], ['U', 0.732], ['HN', 0.752], ['DGOQ', 0.787],
  ['w', 0.818], ['=+<>~^#', 0.838], ['M', 0.863], ['&', 0.78], ['%', 0.95], ['m', 0.974], ['W@', 1.0],
] as const)
  for (const ch of chars) DEJAVU[ch] = w;

/** Width in em of one character of a proportional sans-serif, from above. */
function sansEm(ch: string, bold: boolean): number {
  const w = DEJAVU[ch];
  if (w === undefined) {
    if (ch === '·') return 0.4; // every font has it
    if (ch === '→' || ch === '←' || ch === '…') return 1.0;
    return 1.4; // accents, other symbols, CJK, emoji: possibly from a wider fallback font
  }
  // 5% over Book; Bold (DejaVu Sans Bold) widens narrow letters most (t: 0.392 → 0.478 em)
  return bold ? Math.max(w * 1.15, w + 0.1) : w * 1.05;
}

/** Width of `runs` in pixels, estimated from above. */
export function estimateWidth(runs: readonly Run[]): number {
  let w = 0;
  for (const r of runs) {
    let em = 0;
    for (const ch of r.text) {
      // monospace: 0.6 em a cell in DejaVu Sans Mono, Menlo, SF Mono, Consolas (· and → included);
      // anything else may come from a fallback font or take two cells
      em += r.mono ? (ch < '\x80' || ch === '·' || ch === '→' ? 0.62 : 1.4) : sansEm(ch, !!r.bold);
    }
    w += em * r.px + (r.extra ?? 0);
  }
  return w;
}

/** ' d-fit' when `runs` fit in `width` pixels, else ''. */
export function fitClass(width: number, ...runs: Run[]): string {
  return estimateWidth(runs) <= width ? ' d-fit' : '';
}

/** Room for text inside a box: its width less padding and the widest border it is drawn with (2 px:
 *  flagged Services, not-ready pods, nodes). */
export const TEXT_W = {
  service: SERVICE_W - 2 * PAD - 4,
  pod: POD_W - 2 * 8 - 4,
  node: NODE_W - 2 * PAD - 4,
} as const;

/** A `.d-badge` (10 px, weight 500, 5 px padding, 1 px border, 4 px left margin) as a run. */
export const badge = (text: string): Run => ({ text, px: 10, bold: true, extra: 2 * 5 + 2 + 4 });
export const sans = (text: string, bold = false): Run => ({ text, px: 12, bold });
export const mono = (text: string): Run => ({ text, px: 11, mono: true });
