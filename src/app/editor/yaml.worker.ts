// monaco-yaml's language-server worker, wrapped in a local module so Vite bundles it (and pre-bundles it
// in dev, see optimizeDeps in vite.config.ts) as a same-origin worker: nothing is fetched from a CDN.
import 'monaco-yaml/yaml.worker.js';
