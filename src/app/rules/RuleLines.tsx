// The dump's lines, windowed: every line has the same height, so only the lines in view (plus a margin)
// are in the DOM, whatever the dump's size (10,000 Services make tens of thousands of lines). The box
// is a focusable scroll region: arrows, Page Up/Down, Home/End scroll it as in any text view.
import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export const LINE_HEIGHT = 18;
const OVERSCAN = 30;

export interface LineMark {
  /** traversal steps that hit this line (1-based) */
  steps: number[];
  /** belongs to the hop being watched */
  current: boolean;
}

export interface ScrollRequest {
  /** the line (index into `lines`) to bring into view */
  line: number;
  /** bumps so the same line can be asked for twice */
  n: number;
}

/** `-A CHAIN … -j TARGET …`: chain and target set apart (as text; nothing is parsed as markup). */
function LineText({ text }: { text: string }): ReactNode {
  const m = /^(-A \S+)(.*?)( -j \S+)(.*)$/.exec(text);
  if (!m) return <span className={text.startsWith(':') || text.startsWith('*') || text === 'COMMIT' ? 'rl-decl' : undefined}>{text}</span>;
  return (
    <>
      <span className="rl-chain">{m[1]}</span>
      {m[2]}
      <span className="rl-target">{m[3]}</span>
      {m[4]}
    </>
  );
}

const Line = memo(function Line({ index, text, top, mark, picked, onPick }: { index: number; text: string; top: number; mark: LineMark | undefined; picked: boolean; onPick: (line: number) => void }) {
  const cls = `rl-line${mark ? (mark.current ? ' is-hit is-current' : ' is-hit') : ''}${picked ? ' is-picked' : ''}`;
  return (
    <div className={cls} style={{ top }} data-testid="rule-line" data-steps={mark ? mark.steps.join(',') : undefined} onClick={() => onPick(index)}>
      <span className="rl-mark" aria-hidden={mark ? undefined : true}>
        {mark ? <span className="visually-hidden">traversed, step </span> : null}
        {mark ? mark.steps.join(',') : ''}
      </span>
      <span className="rl-text">
        <LineText text={text} />
      </span>
    </div>
  );
});

export function RuleLines({
  lines,
  rows,
  marks,
  scrollTo,
  label,
  onPick,
}: {
  lines: readonly string[];
  rows: readonly number[];
  marks: Map<number, LineMark>;
  scrollTo: ScrollRequest | null;
  label: string;
  /** a line was clicked: show it in full below */
  onPick: (line: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 400 });
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight || 400 });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // Bring the requested line into view (a third of the way down, so the lines before it show too).
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !scrollTo) return;
    const row = rows.indexOf(scrollTo.line);
    if (row < 0) return;
    const y = row * LINE_HEIGHT;
    if (y < el.scrollTop || y + LINE_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, y - Math.floor(el.clientHeight / 3));
    setView({ top: el.scrollTop, height: el.clientHeight || 400 });
  }, [scrollTo, rows]);

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const el = box.current;
      if (el) setView({ top: el.scrollTop, height: el.clientHeight || 400 });
    });
  };

  const first = Math.max(0, Math.floor(view.top / LINE_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / LINE_HEIGHT) + OVERSCAN);
  const shown: ReactNode[] = [];
  for (let r = first; r < last; r++) {
    const i = rows[r];
    shown.push(<Line key={i} index={i} text={lines[i]} top={r * LINE_HEIGHT} mark={marks.get(i)} picked={scrollTo?.line === i} onPick={onPick} />);
  }
  return (
    <div ref={box} className="rl-box" tabIndex={0} role="region" aria-label={label} onScroll={onScroll}>
      <div className="rl-inner" style={{ height: rows.length * LINE_HEIGHT }}>
        {shown}
      </div>
    </div>
  );
}
