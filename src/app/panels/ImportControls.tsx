// Import: a file picker and drag-and-drop of YAML files anywhere on the page (the editor included).
// The files' text replaces everything (one click restores what was there); a `kubectl get … -o yaml`
// List is plain YAML to the loader, which unwraps its items.
import { useEffect, useRef, useState } from 'react';
import type { AppStore } from '../store';
import { useAppStore } from '../store/context';
import { MAX_IMPORT_BYTES, readImportFile } from '../persist/import-export';
import { replaceEverything } from './replace';

async function importFiles(store: AppStore, files: File[]): Promise<void> {
  const { setNotice } = store.getState();
  if (files.length === 0) return;
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_IMPORT_BYTES) {
    setNotice({ kind: 'error', text: `These files add up to ${(total / 1024 / 1024).toFixed(1)} MB; imports over 5 MB are refused.` });
    return;
  }
  const texts: string[] = [];
  for (const f of files) {
    const r = await readImportFile(f);
    if (!r.ok) {
      setNotice({ kind: 'error', text: `${r.error} Nothing was imported.` });
      return;
    }
    texts.push(r.value.endsWith('\n') ? r.value : `${r.value}\n`);
  }
  const names = files.map((f) => `“${f.name}”`).join(', ');
  const { seed } = store.getState();
  replaceEverything(store, { text: texts.join('---\n'), actions: [], seed }, 'import', 'before import', `Imported ${names}.`);
}

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** Capture-phase listeners, so a file dropped on the editor is imported rather than opened by Monaco. */
function useFileDrop(store: AppStore): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      setOver(false);
      void importFiles(store, Array.from(e.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragover', onOver, true);
    window.addEventListener('dragleave', onLeave, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('dragover', onOver, true);
      window.removeEventListener('dragleave', onLeave, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, [store]);
  return over;
}

export function ImportButton() {
  const store = useAppStore();
  const input = useRef<HTMLInputElement>(null);
  const dragging = useFileDrop(store);
  return (
    <>
      <button type="button" className="btn" onClick={() => input.current?.click()} title="Open YAML files (or drop them anywhere on the page)">
        Import…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        aria-label="Import manifest files"
        accept=".yaml,.yml,.json,application/yaml,text/yaml,application/json,text/plain"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = ''; // so picking the same file again imports again
          void importFiles(store, files);
        }}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop YAML files to import them
        </div>
      )}
    </>
  );
}
