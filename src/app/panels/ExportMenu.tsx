// Export: manifests for `kubectl apply -f`, the kind config for `kind create cluster --config`, and the
// diagram as PNG or SVG. A small menu button (Escape or a click elsewhere closes it).
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../store/context';
import { downloadFile, exportDiagram, exportKindConfig, exportManifests } from '../persist/import-export';

export function ExportMenu() {
  const store = useAppStore();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const fail = (error: string) => store.getState().setNotice({ kind: 'error', text: error });
  const run = (f: () => void | Promise<void>) => () => {
    setOpen(false);
    void f();
  };
  const yamlDownload = (name: string, make: (text: string) => { ok: true; value: string } | { ok: false; error: string }) =>
    run(() => {
      const r = make(store.getState().text);
      if (r.ok) downloadFile(name, r.value);
      else fail(r.error);
    });
  const image = (format: 'png' | 'svg') =>
    run(async () => {
      const r = await exportDiagram(format);
      if (!r.ok) fail(r.error);
    });

  return (
    <div className="menu" ref={root}>
      <button type="button" className="btn" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export ▾
      </button>
      {open && (
        <div role="menu" className="menu-list" aria-label="Export">
          <button type="button" role="menuitem" onClick={yamlDownload('manifests.yaml', exportManifests)}>
            Download manifests
          </button>
          <button type="button" role="menuitem" onClick={yamlDownload('kind-config.yaml', exportKindConfig)}>
            Download kind config
          </button>
          <button type="button" role="menuitem" onClick={image('png')}>
            Export diagram as PNG
          </button>
          <button type="button" role="menuitem" onClick={image('svg')}>
            Export diagram as SVG
          </button>
        </div>
      )}
    </div>
  );
}
