// The diagram's pan and zoom, kept across reloads like the rest of the view state. It lives in React
// Flow, not in the store, so it has its own key: written when the user pans or zooms, restored only when
// the page starts from the autosave (an example or a share link is a new scene and is fitted instead),
// and dropped when a new scene arrives or the user asks to fit the view.

export const VIEWPORT_KEY = 'knp:viewport';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'> & Partial<Pick<Storage, 'removeItem'>>;

function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // access itself throws when storage is disabled
  }
}

/** The viewport to start with (set once at start-up by startAutosave when it restores the autosave). */
let restored: Viewport | null = null;

export function parseViewport(raw: string | null): Viewport | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<Viewport> | null;
    if (v && Number.isFinite(v.x) && Number.isFinite(v.y) && Number.isFinite(v.zoom) && (v.zoom as number) > 0) return { x: v.x!, y: v.y!, zoom: v.zoom! };
  } catch {
    // a damaged entry is as good as none: the diagram fits the view
  }
  return null;
}

/** Called at start-up: `fromAutosave` says whether the page is showing the autosaved work. */
export function loadViewport(fromAutosave: boolean, storage: StorageLike | null = browserStorage()): Viewport | null {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(VIEWPORT_KEY) ?? null;
  } catch {
    raw = null;
  }
  restored = fromAutosave ? parseViewport(raw) : null;
  return restored;
}

/** The viewport the diagram should open with, or null to fit the view. */
export function restoredViewport(): Viewport | null {
  return restored;
}

export function saveViewport(v: Viewport, storage: StorageLike | null = browserStorage()): void {
  restored = null; // a remount (e.g. after the error boundary) fits rather than jumping back
  try {
    storage?.setItem(VIEWPORT_KEY, JSON.stringify({ x: v.x, y: v.y, zoom: v.zoom }));
  } catch {
    // the viewport is a convenience; a full storage must not bother the user
  }
}

export function forgetViewport(storage: StorageLike | null = browserStorage()): void {
  restored = null;
  try {
    storage?.removeItem?.(VIEWPORT_KEY);
  } catch {
    // nothing to do
  }
}
