// Share: the link carries text + actions + seed in its fragment (no server). Copy it when the browser
// allows, and always show it in a selectable field.
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../store/context';
import { shareUrl } from '../persist/share';

/** Links longer than this get cut by some chat apps and mail clients; say so rather than fail quietly. */
const LONG_LINK = 8000;

export function ShareButton() {
  const store = useAppStore();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const open = async () => {
    const { text, actions, seed } = store.getState();
    const url = shareUrl(window.location, { text, actions, seed });
    setLink(url);
    setCopied(null);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <button type="button" className="btn" onClick={open}>
        Share
      </button>
      {link !== null && <ShareDialog link={link} copied={copied} onClose={() => setLink(null)} />}
    </>
  );
}

function ShareDialog({ link, copied, onClose }: { link: string; copied: boolean | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    field.current?.focus();
    field.current?.select();
  }, []);
  return (
    <dialog ref={ref} className="share-dialog" aria-labelledby="share-title" onClose={onClose}>
      <h2 id="share-title">Share this cluster</h2>
      <p>Anyone who opens this link sees the same manifests, runtime actions and seed. Everything is inside the link; nothing is uploaded.</p>
      <input ref={field} className="share-link" readOnly aria-label="Share link" value={link} onFocus={(e) => e.currentTarget.select()} />
      <p className="share-status" role="status">
        {copied === true && 'Copied to the clipboard.'}
        {copied === false && 'Copy the link from the field above (this browser did not allow copying).'}
      </p>
      {link.length > LONG_LINK && <p className="share-warning">This link is {link.length.toLocaleString('en')} characters long; some apps cut long links. Consider Export → Download manifests instead.</p>}
      <form method="dialog" className="dialog-buttons">
        {/* Try the link as a recipient would; noopener: the new page must not reach back into this one. */}
        <a className="btn" href={link} target="_blank" rel="noopener noreferrer">
          Open in new tab
        </a>
        <button className="btn btn-primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
