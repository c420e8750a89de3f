// A quiet "updating…" note on the status bar line while the worker derives a new text (the views keep
// showing the previous state meanwhile). Shown only after a short delay, so fast edits never flicker it.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context';
import './derive-status.css';

const SHOW_AFTER_MS = 250;
const SLOW_AFTER_MS = 2000;

export function DeriveStatus() {
  // tenths of a megabyte, so typing does not re-render this on every keystroke
  const { deriving, tenths } = useApp(useShallow((s) => ({ deriving: s.deriving, tenths: Math.round(s.text.length / 104_857.6) })));
  const [timed, setStage] = useState<0 | 1 | 2>(0);
  useEffect(() => {
    if (!deriving) return;
    const a = setTimeout(() => setStage(1), SHOW_AFTER_MS);
    const b = setTimeout(() => setStage(2), SLOW_AFTER_MS);
    return () => {
      clearTimeout(a);
      clearTimeout(b);
      setStage(0);
    };
  }, [deriving]);
  const stage = deriving ? timed : 0;
  const mb = tenths / 10;
  const text =
    stage === 0 ? '' : stage === 1 ? 'Updating the cluster…' : `Still simulating ${mb >= 1 ? `${mb.toFixed(1)} MB of manifests` : 'the manifests'}… the views show the previous state`;
  return (
    <div className={`derive-status${stage ? ' is-visible' : ''}`} role="status" aria-live="polite" data-testid="derive-status">
      {stage > 0 && <span className="derive-status-dot" aria-hidden="true" />}
      {text}
    </div>
  );
}
