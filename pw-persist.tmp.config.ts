import base from './playwright.config';
import { defineConfig } from '@playwright/test';
export default defineConfig({ ...base, testDir: '/work/main/e2e', use: { ...base.use, baseURL: 'http://localhost:4427' }, webServer: { command: 'npx vite preview --port 4427 --strictPort --outDir /tmp/persist-helper-dist-x7', url: 'http://localhost:4427', reuseExistingServer: false, timeout: 60000, cwd: '/work/main' } });
