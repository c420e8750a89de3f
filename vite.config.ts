import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
  build: { target: 'es2022', sourcemap: false, outDir: process.env.KNP_OUT_DIR ?? 'dist' },
  // Monaco's workers (src/app/editor/monaco-setup.ts) are bundled as same-origin module workers.
  worker: { format: 'es' },
  optimizeDeps: {
    // Pre-bundle both workers for `vite dev` (otherwise the first editor load re-optimises and reloads).
    include: ['monaco-editor/esm/vs/editor/editor.worker.js', 'monaco-yaml/yaml.worker.js'],
  },
});
