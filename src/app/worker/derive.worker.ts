// The derivation Worker: the same core as the main thread (loadManifests + reconcile + applyWarnings,
// and the watched request's trace), so a 5 MB paste or a keystroke at 1,000 objects never blocks the
// page. Started by client.ts as a Vite module worker; the protocol is in engine.ts and protocol.ts.
import { createEngine, handleMessage } from './engine';
import type { FromWorker, ToWorker } from './protocol';

const engine = createEngine();
const scope = self as unknown as { onmessage: ((e: MessageEvent<ToWorker>) => void) | null; postMessage(m: FromWorker): void };

scope.onmessage = (e) => {
  // Marks show up in a Performance profile of the worker (and prove where the work ran).
  performance.mark('knp:derive:start');
  handleMessage(engine, e.data, (m) => scope.postMessage(m));
  performance.measure('knp:derive', 'knp:derive:start');
};
