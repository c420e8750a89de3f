// npm run bench:animation: frames per second of the packet overlay in headless Chromium.
// Starts its own `vite preview` (of dist/, or BENCH_DIST) on a private port, loads a generated large
// cluster through the store, spawns looping packets through window.__knp.animation and samples fps
// once a second for 5 s: 1,000 packets on 50 nodes / 1,000 pods / 200 Services, then 100 packets on a
// 5,000-pod cluster. Prints the medians. Build first (`npx vite build`).
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const PORT = Number(process.env.BENCH_PORT ?? 4199);
const DIST = process.env.BENCH_DIST;
const URL_BASE = `http://localhost:${PORT}`;
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** A kind cluster of `nodes` nodes (1 control-plane) with `services` Deployments of `replicas` pods, each behind a Service. */
export function manifest(nodes, services, replicas) {
  const docs = [`kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n${'- role: worker\n'.repeat(nodes - 1)}`];
  for (let i = 0; i < services; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 8080
          name: http
`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
spec:
  selector:
    app: app-${i}
  ports:
  - name: http
    port: 80
    targetPort: http
`);
  }
  return docs.join('---\n');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : 0;
};

async function waitForServer(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`preview did not start at ${url}`);
}

async function scenario(page, label, text, packets) {
  const t0 = Date.now();
  await page.evaluate((t) => window.__knp.store.getState().replaceAll({ text: t, actions: [], seed: 1 }, 'import', 'bench'), text);
  await page.waitForSelector('.react-flow__node', { timeout: 120_000 });
  const loadMs = Date.now() - t0;
  await page.waitForTimeout(1500); // let the fit-to-view and measurements settle
  const pods = await page.evaluate(() => window.__knp.store.getState().derived.cluster.pods.length);
  const n = await page.evaluate((k) => window.__knp.animation.spawn(k), packets);
  await page.waitForTimeout(1000); // warm-up
  const samples = [];
  for (let i = 0; i < 5; i++) {
    await page.waitForTimeout(1000);
    samples.push(await page.evaluate(() => window.__knp.animation.fps(1000)));
  }
  await page.evaluate(() => window.__knp.animation.stop());
  const fps = median(samples);
  console.log(`${label}: ${pods} pods, ${n} packets: median ${fps.toFixed(1)} fps (samples ${samples.map((s) => s.toFixed(0)).join(' ')}; load ${loadMs} ms)`);
  return fps;
}

const preview = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', ...(DIST ? ['--outDir', DIST] : [])], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
let browser;
try {
  await waitForServer(URL_BASE, 60_000);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${URL_BASE}/?example=default`);
  await page.waitForFunction(() => window.__knp?.store && window.__knp?.animation, null, { timeout: 60_000 });
  const results = {
    'fps 1000 packets, 50 nodes / 1000 pods / 200 Services': await scenario(page, 'large', manifest(50, 200, 5), 1000),
    'fps 100 packets, 50 nodes / 5000 pods / 200 Services': await scenario(page, 'huge', manifest(50, 200, 25), 100),
  };
  console.log(JSON.stringify(results));
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser?.close();
  // The preview runs in its own process group (npx → sh → node): end that group only.
  try {
    process.kill(-preview.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
