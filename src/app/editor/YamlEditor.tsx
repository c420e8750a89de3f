// The YAML editor (lazy-loaded by App.tsx, so the diagram paints before Monaco arrives). The store's
// text is the document; binding.ts keeps model and store in step. Not driven through a `value` prop:
// that would replace the whole model (cursor and undo history lost) on every change from elsewhere.
import Editor from '@monaco-editor/react';
import { useCallback, useState, useSyncExternalStore } from 'react';
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { useAppStore } from '../store/context';
import { bindEditor } from './binding';
import { MARKER_OWNER, MODEL_PATH } from './monaco-setup';
import './editor.css';

const DARK = '(prefers-color-scheme: dark)';

function subscribeScheme(onChange: () => void): () => void {
  const mq = window.matchMedia?.(DARK);
  mq?.addEventListener('change', onChange);
  return () => mq?.removeEventListener('change', onChange);
}
const prefersDark = (): boolean => window.matchMedia?.(DARK).matches ?? false;

/** Follows the system's light/dark setting live. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(subscribeScheme, prefersDark, () => false);
}

const OPTIONS: Monaco.editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  tabSize: 2,
  insertSpaces: true,
  detectIndentation: false,
  scrollBeyondLastLine: false,
  renderWhitespace: 'selection',
  wordBasedSuggestions: 'off',
  quickSuggestions: { other: true, comments: false, strings: true },
  fixedOverflowWidgets: true,
  ariaLabel: 'Manifests (YAML)',
  // Large pastes: no tokenizing or folding past these sizes, so a 5 MB text stays responsive.
  maxTokenizationLineLength: 5000,
  largeFileOptimizations: true,
  // Kubernetes manifests are block-style YAML: bracket colouring and matching would have Monaco keep a
  // bracket tree of the whole text, re-parsed on the first keystroke (~25 ms at 1,000 objects).
  bracketPairColorization: { enabled: false },
  matchBrackets: 'never',
  // The quick-fix light bulb is built on the first keystroke (~7 ms); quick fixes stay on Ctrl+.
  lightbulb: { enabled: 'off' as Monaco.editor.ShowLightbulbIconMode },
  // Folding ranges from the indentation (what YAML's structure is), not asked of the YAML worker: after
  // every edit it re-parsed the whole text and sent back thousands of ranges, which the page then turned
  // into decorations. Measured at 1,000 objects (npm run bench:ui, 20 keystrokes per run): keystroke →
  // diagram 47–56 ms with the worker's ranges, 35–42 ms from the indentation; the one thing lost is
  // folding a block sequence written at its key's indentation (`containers:` over `- name: web`).
  foldingStrategy: 'indentation',
  // Clickable links: the YAML worker was asked for them after every edit too (a few ms more per keystroke
  // in the same measurement); a manifest rarely holds a URL.
  links: false,
};

export default function YamlEditor() {
  const store = useAppStore();
  const dark = usePrefersDark();
  // The model starts from the text at first render; later changes arrive as edits (binding.ts).
  const [initial] = useState(() => store.getState().text);
  const onMount = useCallback(
    (editor: Monaco.editor.IStandaloneCodeEditor, monaco: typeof Monaco) => {
      // The model was made before these options reached the configuration; colouring is a model option.
      editor.getModel()?.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
      const unbind = bindEditor(editor, monaco, store, MARKER_OWNER);
      editor.onDidDispose(unbind);
    },
    [store],
  );
  return (
    <div className="yaml-editor" data-testid="yaml-editor">
      <Editor
        path={MODEL_PATH}
        defaultLanguage="yaml"
        defaultValue={initial}
        theme={dark ? 'vs-dark' : 'vs'}
        options={OPTIONS}
        onMount={onMount as never}
        loading={<div className="loading">Loading editor…</div>}
      />
    </div>
  );
}
