import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppStore } from './store';
import { StoreProvider } from './store/context';
import { initialSnapshot, startAutosave } from './persist/autosave';
import './app.css';

const { snapshot, notice } = initialSnapshot(window.location);
const store = createAppStore(snapshot);
if (notice) store.getState().setNotice(notice);
startAutosave(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
