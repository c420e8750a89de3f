// The Traffic tab: compose a request, watch its hops (event list + inspector + playback), hear each
// hop's sentence in a polite live region, and compare with the trace from before the last edit.
import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { explainHop } from '../../explain';
import { playbackHops } from '../store';
import { useApp } from '../store/context';
import { Composer } from './Composer';
import { EventList } from './EventList';
import { Inspector } from './Inspector';
import { Playback, usePlaybackClock } from './Playback';
import { Histogram, OutcomeLine, WhatIfLine } from './Summary';
import './traffic.css';

export function TrafficPanel() {
  const { cluster, traffic, previousTraffic, trafficError, cursor, setCursor, setPlaying, clearTraffic } = useApp(
    useShallow((s) => ({
      cluster: (s.derived.broken ? s.lastGood : s.derived).cluster,
      traffic: s.traffic,
      previousTraffic: s.previousTraffic,
      trafficError: s.trafficError,
      cursor: s.cursor,
      setCursor: s.setCursor,
      setPlaying: s.setPlaying,
      clearTraffic: s.clearTraffic,
    })),
  );
  const hops = useMemo(() => playbackHops(traffic), [traffic]);
  const prevHops = useMemo(() => playbackHops(previousTraffic), [previousTraffic]);
  const inspector = useRef<HTMLElement>(null);
  usePlaybackClock(hops.length);
  const hop = cursor >= 0 ? (hops[cursor] ?? null) : null;

  return (
    <section className="traffic-panel" aria-label="Traffic">
      <Composer cluster={cluster} />
      {trafficError ? (
        <p role="alert" className="traffic-error">
          {previousTraffic ? 'After your edit the last request cannot be sent again' : 'The engine refused the request'}: {trafficError}
        </p>
      ) : null}
      {traffic ? (
        <>
          <div className="traffic-head">
            <OutcomeLine trace={traffic} />
            <button type="button" className="btn" onClick={clearTraffic}>
              Clear
            </button>
          </div>
          {previousTraffic ? (
            <WhatIfLine
              prev={previousTraffic}
              prevHops={prevHops}
              cur={traffic}
              curHops={hops}
              onJump={(i) => {
                setPlaying(false);
                setCursor(i);
              }}
            />
          ) : null}
          <Playback total={hops.length} />
          <EventList hops={hops} replyStart={traffic.hops.length} onInspect={() => inspector.current?.focus()} />
          <Inspector ref={inspector} hop={hop} index={cursor} />
          <Histogram trace={traffic} />
        </>
      ) : null}
      <div className="visually-hidden" aria-live="polite" data-testid="traffic-live">
        {hop ? `Hop ${cursor + 1} of ${hops.length}: ${explainHop(hop)}` : ''}
      </div>
    </section>
  );
}
