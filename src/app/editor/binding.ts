// Wires one Monaco editor to the store, for the editor's lifetime:
// - typing → setManifestText(text, 'editor') at once (derivation runs in a Worker, so the store takes
//   every keystroke; the main thread never waits for it);
// - text changed elsewhere (externalVersion bumps) → ONE minimal executeEdits between undo stops, so
//   Ctrl+Z in the editor undoes e.g. a diagram drag; the model is never replaced wholesale;
// - derived.diagnostics → markers (owner 'kube-apiserver', beside monaco-yaml's own 'yaml' markers);
// - cursor → store.select(key, 'editor'); a selection made elsewhere → highlight + reveal, no focus.
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import type { Diagnostic } from '../../core';
import type { AppState, AppStore } from '../store';
import { setEditorBridge } from './bridge';
import { ObjectIndex, diagnosticSpan, minimalEdit, rebaseEdit, trimTrailingNewline, type Span, type TextEdit } from './sync';

type MonacoApi = typeof Monaco;
type Editor = Monaco.editor.IStandaloneCodeEditor;

/** Enough to point at every problem near the top; the Problems list shows the counts of all. */
export const MAX_MARKERS = 2000;
const EDIT_SOURCE = 'knp-store';

interface KnpWindow {
  __knp?: Record<string, unknown>;
}

export function bindEditor(editor: Editor, monaco: MonacoApi, store: AppStore, markerOwner: string): () => void {
  const model = editor.getModel();
  if (!model) return () => {};
  /** The last text the model and the store agreed on. */
  let synced = model.getValue();
  let cursorTimer: ReturnType<typeof setTimeout> | null = null;
  let applying = false;
  let index: ObjectIndex | null = null;
  const highlight = editor.createDecorationsCollection();

  const objects = (s: AppState): ObjectIndex => {
    if (index?.loaded !== s.derived.loaded) index = new ObjectIndex(s.derived.loaded);
    return index;
  };

  function push(): void {
    const text = model!.getValue();
    synced = text;
    const before = store.getState().docVersion;
    store.getState().setManifestText(text, 'editor');
    // Typed back to the store's text (no new derivation started): markers skipped while waiting need setting.
    if (store.getState().docVersion === before) refreshMarkers(store.getState());
  }

  const toRange = (e: TextEdit): Monaco.IRange => {
    const a = model!.getPositionAt(e.start);
    const b = model!.getPositionAt(e.end);
    return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
  };

  function applyExternal(theirs: string): void {
    const mine = model!.getValue();
    // Typing reaches the store synchronously, so `mine` differs from `synced` only when Monaco
    // normalised what it was sent (e.g. line endings): keep that, as with any unsent change.
    const pending = mine !== synced;
    const edit = pending ? rebaseEdit(synced, mine, theirs) : minimalEdit(mine, theirs);
    synced = theirs;
    if (edit) {
      applying = true;
      try {
        editor.pushUndoStop();
        editor.executeEdits(EDIT_SOURCE, [{ range: toRange(edit), text: edit.text, forceMoveMarkers: true }]);
        editor.pushUndoStop();
      } finally {
        applying = false;
      }
    }
    // Unsent typing that survived the rebase, or line endings Monaco normalised: send the model's text.
    if (pending || model!.getValue() !== theirs) queueMicrotask(push);
  }

  /** The derivation on show is not of the model's text (the worker is still deriving it). */
  const stale = (s: AppState): boolean => s.deriving || s.derivedVersion !== s.docVersion || s.text !== synced;

  let hasMarkers = true;
  function refreshMarkers(s: AppState): void {
    // Diagnostics of an older text (unsent typing, or the worker still deriving the current one): the
    // markers would land on the wrong lines; wait for the derivation of this text.
    if (stale(s)) return;
    const markers: Monaco.editor.IMarkerData[] = [];
    for (const d of s.derived.diagnostics) {
      if (markers.length >= MAX_MARKERS) break;
      markers.push(toMarker(monaco, d, model!));
    }
    // No problems before or after (most keystrokes): Monaco would still re-decorate and notify.
    if (markers.length === 0 && !hasMarkers) return;
    hasMarkers = markers.length > 0;
    monaco.editor.setModelMarkers(model!, markerOwner, markers);
  }

  function refreshHighlight(s: AppState, reveal: boolean): void {
    if (!s.selection || s.selectionSource === 'editor' || stale(s)) {
      if (!s.selection || s.selectionSource === 'editor') highlight.clear();
      return;
    }
    const r = objects(s).rangeOf(s.selection);
    if (!r) {
      highlight.clear();
      return;
    }
    const range = trimTrailingNewline(spanOf(toRange({ start: r.start, end: r.end, text: '' })), model!);
    highlight.set([
      {
        range,
        options: {
          isWholeLine: true,
          className: 'knp-selected-object',
          linesDecorationsClassName: 'knp-selected-object-gutter',
          overviewRuler: { color: 'rgba(0, 120, 212, 0.6)', position: monaco.editor.OverviewRulerLane.Full },
        },
      },
    ]);
    if (reveal) editor.revealRangeInCenterIfOutsideViewport(range, monaco.editor.ScrollType.Smooth);
  }

  function selectAtCursor(): void {
    cursorTimer = null;
    const pos = editor.getPosition();
    // Only the user's own cursor (the editor has focus once the debounce fires) picks an object.
    if (!pos || stale(store.getState()) || !editor.hasTextFocus()) return;
    const s = store.getState();
    const key = objects(s).keyAt(model!.getOffsetAt(pos));
    if (key === s.selection) return;
    // Off any object (a comment, the kind config, a rejected document): keep a selection made elsewhere.
    if (key === null && s.selectionSource !== 'editor') return;
    s.select(key, 'editor');
  }

  const disposables: Monaco.IDisposable[] = [
    model.onDidChangeContent(() => {
      if (!applying) push();
    }),
    editor.onDidChangeCursorPosition((e) => {
      if (applying || e.source === EDIT_SOURCE) return;
      if (cursorTimer !== null) clearTimeout(cursorTimer);
      cursorTimer = setTimeout(selectAtCursor, 60);
    }),
  ];

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.externalVersion !== prev.externalVersion && s.text !== synced) applyExternal(s.text);
    if (s.derived !== prev.derived || (s.deriving !== prev.deriving && !s.deriving)) refreshMarkers(s);
    const selectionMoved = s.selection !== prev.selection || s.selectionSource !== prev.selectionSource;
    if (selectionMoved || s.derived !== prev.derived) refreshHighlight(s, selectionMoved);
  });

  setEditorBridge({
    reveal(d: Diagnostic) {
      const span = diagnosticSpan(d, model);
      const at = { lineNumber: span.startLineNumber, column: span.startColumn };
      editor.setPosition(at);
      editor.revealPositionInCenterIfOutsideViewport(at);
      editor.focus();
    },
  });

  // Dev and prod builds alike: the e2e tests read the model through this (getValue, markers).
  const w = window as unknown as KnpWindow;
  const hook = (w.__knp ??= {});
  hook.editor = editor;
  hook.monaco = monaco;

  // The model was created from the text at render time; catch up with anything since.
  const first = store.getState();
  if (first.text !== synced) applyExternal(first.text);
  refreshMarkers(first);
  refreshHighlight(first, true);

  return () => {
    unsubscribe();
    for (const d of disposables) d.dispose();
    if (cursorTimer !== null) clearTimeout(cursorTimer);
    highlight.clear();
    setEditorBridge(null);
    if (hook.editor === editor) {
      delete hook.editor;
      delete hook.monaco;
    }
  };
}

const spanOf = (r: Monaco.IRange): Span => ({ startLineNumber: r.startLineNumber, startColumn: r.startColumn, endLineNumber: r.endLineNumber, endColumn: r.endColumn });

function toMarker(monaco: MonacoApi, d: Diagnostic, model: Monaco.editor.ITextModel): Monaco.editor.IMarkerData {
  return {
    ...diagnosticSpan(d, model),
    severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: d.message,
    source: d.reason === 'YAMLSyntax' ? 'yaml' : 'kube-apiserver',
    code: d.reason,
  };
}
