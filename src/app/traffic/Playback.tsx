// Playback controls and the clock that advances the store cursor while `playing` (the diagram's packet
// animation only reads cursor/playing/speed). Reduced motion keeps the same stepping: only scrolling
// and the diagram's tweening change, so nothing here depends on it.
import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context';

export const STEP_MS = 600;
export const SPEEDS = [0.25, 0.5, 1, 2, 4];

/** Advances the cursor every STEP_MS / speed until the last hop, then stops playing. */
export function usePlaybackClock(total: number): void {
  const { cursor, playing, speed, setCursor, setPlaying } = useApp(useShallow((s) => ({ cursor: s.cursor, playing: s.playing, speed: s.speed, setCursor: s.setCursor, setPlaying: s.setPlaying })));
  useEffect(() => {
    if (!playing) return;
    if (cursor >= total - 1) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => setCursor(cursor + 1), STEP_MS / speed);
    return () => clearTimeout(t);
  }, [playing, cursor, speed, total, setCursor, setPlaying]);
}

export function Playback({ total }: { total: number }) {
  const { cursor, playing, speed, setCursor, setPlaying, setSpeed } = useApp(
    useShallow((s) => ({ cursor: s.cursor, playing: s.playing, speed: s.speed, setCursor: s.setCursor, setPlaying: s.setPlaying, setSpeed: s.setSpeed })),
  );
  const ids = useId();
  const atEnd = cursor >= total - 1;
  return (
    <div className="traffic-playback" role="toolbar" aria-label="Playback">
      <button type="button" className="btn" onClick={() => { setCursor(-1); setPlaying(true); }} aria-label="Restart">
        ↺
      </button>
      <button type="button" className="btn" disabled={cursor <= 0} onClick={() => { setPlaying(false); setCursor(cursor - 1); }} aria-label="Step back">
        ◀ Back
      </button>
      <button
        type="button"
        className="btn"
        aria-label={playing ? 'Pause' : 'Play'}
        onClick={() => {
          if (playing) setPlaying(false);
          else {
            if (atEnd) setCursor(-1);
            setPlaying(true);
          }
        }}
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" className="btn" disabled={atEnd} onClick={() => { setPlaying(false); setCursor(cursor + 1); }} aria-label="Step forward">
        Next ▶
      </button>
      <label htmlFor={`${ids}-speed`}>Speed</label>
      <select id={`${ids}-speed`} value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
        {SPEEDS.map((x) => (
          <option key={x} value={x}>
            {x}×
          </option>
        ))}
      </select>
      <span className="muted traffic-position">
        {cursor + 1} / {total}
      </span>
    </div>
  );
}
