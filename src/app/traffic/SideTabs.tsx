// The right-hand pane as tabs: "Traffic" (this milestone) and "Actions" (the runtime-action log).
// Both panels stay mounted so the playback clock and the action form keep their state across tabs.
import { Activity, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './traffic.css';

export interface SideTab {
  id: string;
  label: string;
  content: ReactNode;
  /** render the content only while the tab is shown (big views: the topology table) */
  lazy?: boolean;
}

/** `initial`: the tab shown first; `focusOn`: switch to that tab whenever `focusOn.key` changes to a
 *  non-null value (e.g. a request was sent from the diagram while the Actions tab was open). */
export function SideTabs({ tabs, initial, focusOn, onChange }: { tabs: SideTab[]; initial?: string; focusOn?: { tab: string; key: unknown }; onChange?: (id: string) => void }) {
  const [active, setActiveState] = useState(initial && tabs.some((t) => t.id === initial) ? initial : (tabs[0]?.id ?? ''));
  const setActive = (id: string) => {
    setActiveState(id);
    onChange?.(id);
  };
  // React's "adjust state while rendering" pattern: switch once per new key, no effect round-trip
  const [seenKey, setSeenKey] = useState<unknown>(focusOn?.key);
  if (focusOn && focusOn.key !== seenKey) {
    setSeenKey(focusOn.key);
    if (focusOn.key !== null && focusOn.key !== undefined) setActiveState(focusOn.tab); // not the user's choice: not saved
  }
  const ids = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const next = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : -1;
    if (next < 0) return;
    e.preventDefault();
    setActive(tabs[next].id);
    refs.current[next]?.focus();
  };
  return (
    <div className="side-tabs">
      <div role="tablist" aria-label="Side panel" className="side-tablist">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${ids}-tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`${ids}-panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            onClick={() => setActive(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" id={`${ids}-panel-${t.id}`} aria-labelledby={`${ids}-tab-${t.id}`} hidden={active !== t.id} className="side-tabpanel">
          {t.lazy && active !== t.id ? null : (
            // A hidden tab keeps its state, but its updates wait until the page is idle: a keystroke's
            // frame re-renders the diagram, not the rule dump or the why-panel nobody is looking at.
            <Activity mode={active === t.id ? 'visible' : 'hidden'}>{t.content}</Activity>
          )}
        </div>
      ))}
    </div>
  );
}
