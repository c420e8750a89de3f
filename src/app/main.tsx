import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppStore, mainThreadDerivations } from './store';
import { StoreProvider } from './store/context';
import { initialSnapshot, startAutosave } from './persist/autosave';
import { createBrowserDeriver } from './worker/client';
import { DeriveStatus } from './worker/DeriveStatus';
import './app.css';

// Derivation runs in a Worker (worker/client.ts); the first one stays on the main thread, which paints
// the diagram sooner than waiting for the worker to start. `?derive=sync` keeps everything on the main
// thread and `?derive=worker-first` derives the first snapshot in the worker too (A/B for bench-ui.mjs).
const mode = new URLSearchParams(window.location.search).get('derive');
const deriver = mode === 'sync' || typeof Worker === 'undefined' ? undefined : createBrowserDeriver();

const { snapshot, notice } = initialSnapshot(window.location);
const store = createAppStore(snapshot, { deriver, asyncFirst: mode === 'worker-first' });
if (notice) store.getState().setNotice(notice);
startAutosave(store);
// The worker starts once the page is idle (after the first paint), unless an edit needs it sooner.
if (deriver) {
  const warm = () => deriver.warm();
  // What an edit costs here is measured right after the first frame (it costs about one edit), so the
  // first keystroke knows it can be derived here; the worker starts later, when the page is idle.
  requestAnimationFrame(() => setTimeout(() => store.getState().calibrate(), 0));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 3000 });
  else setTimeout(warm, 1000);
}

// window.__knp.derivation: where derivations ran (end-to-end tests, debugging, bench-ui.mjs).
const w = window as unknown as { __knp?: Record<string, unknown> };
w.__knp = { ...w.__knp, derivation: { deriver: deriver?.stats ?? { kind: 'sync' }, mainThread: mainThreadDerivations } };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
      <DeriveStatus />
    </StoreProvider>
  </StrictMode>,
);
