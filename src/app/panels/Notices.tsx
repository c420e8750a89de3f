// The one notice (bad share link, restored autosave, example opened over unsaved work), under the
// toolbar where the user is looking. Errors are alerts; everything else is a polite status.
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context';
import './panels.css';

export function Notices() {
  const { notice, previous, restorePrevious, setNotice } = useApp(
    useShallow((s) => ({ notice: s.notice, previous: s.previous, restorePrevious: s.restorePrevious, setNotice: s.setNotice })),
  );
  if (!notice) return null;
  const restore = () => {
    const label = previous?.label;
    restorePrevious();
    setNotice({ kind: 'info', text: `Restored your manifests from ${label ?? 'before'}.` });
  };
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span className="notice-text">{notice.text}</span>
      {notice.offerRestore && previous && (
        <button type="button" className="btn btn-primary" onClick={restore}>
          Restore
        </button>
      )}
      <button type="button" className="btn btn-quiet" aria-label="Dismiss notice" title="Dismiss" onClick={() => setNotice(null)}>
        ✕
      </button>
    </div>
  );
}
