// The way into the editor for components that must not import Monaco (ProblemsList is in the main
// bundle; Monaco is lazy-loaded). The mounted editor registers itself; until then requests are no-ops.
import type { Diagnostic } from '../../core';

export interface EditorBridge {
  /** Put the cursor where the diagnostic points, scroll it into view and focus the editor. */
  reveal(d: Diagnostic): void;
}

let current: EditorBridge | null = null;

export function setEditorBridge(b: EditorBridge | null): void {
  current = b;
}

/** Returns false while the editor has not loaded. */
export function revealInEditor(d: Diagnostic): boolean {
  if (!current) return false;
  current.reveal(d);
  return true;
}
