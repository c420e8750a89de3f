// Every hop of the request and its reply, Packet Tracer style: a grid whose rows set the store cursor.
// Arrow keys move the cursor, Enter moves focus to the inspector; the cursor row scrolls into view.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Hop } from '../../core';
import { useApp } from '../store/context';
import { hopSummary } from './model';

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

export function EventList({ hops, replyStart, onInspect }: { hops: Hop[]; replyStart: number; onInspect(): void }) {
  const cursor = useApp((s) => s.cursor);
  const setCursor = useApp((s) => s.setCursor);
  const setPlaying = useApp((s) => s.setPlaying);
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    const row = body.current?.querySelector<HTMLElement>(`[data-index="${cursor}"]`);
    row?.scrollIntoView?.({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
  }, [cursor]);

  const onKey = (e: KeyboardEvent) => {
    const move = (i: number) => {
      e.preventDefault();
      setPlaying(false);
      setCursor(i);
    };
    if (e.key === 'ArrowDown') move(Math.min(cursor + 1, hops.length - 1));
    else if (e.key === 'ArrowUp') move(Math.max(cursor - 1, 0));
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(hops.length - 1);
    else if (e.key === 'Enter') {
      e.preventDefault();
      onInspect();
    }
  };

  return (
    <div className="traffic-events-scroll">
      <table className="traffic-events" role="grid" aria-label="Hops" aria-rowcount={hops.length + 1} tabIndex={0} aria-activedescendant={cursor >= 0 ? `hop-row-${cursor}` : undefined} onKeyDown={onKey}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">ms</th>
            <th scope="col">Where</th>
            <th scope="col">Component</th>
            <th scope="col">Action</th>
            <th scope="col">Packet</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {hops.map((h, i) => (
            <tr
              key={i}
              id={`hop-row-${i}`}
              data-index={i}
              aria-selected={i === cursor}
              className={`${i === cursor ? 'current' : ''} ${i >= replyStart ? 'reply' : ''}`}
              onClick={() => {
                setPlaying(false);
                setCursor(i);
              }}
            >
              <td>
                {i === cursor ? <span aria-hidden="true">▶ </span> : null}
                {i + 1}
                {i === replyStart ? <span className="traffic-tag"> reply</span> : null}
              </td>
              <td>{h.time.toFixed(2)}</td>
              <td className="mono where" title={h.at}>
                {h.at}
              </td>
              <td>{h.component}</td>
              <td>{h.action}</td>
              <td className="mono">{hopSummary(h)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
