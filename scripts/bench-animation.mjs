// npm run bench:animation: the packet overlay and the traffic panel in headless Chromium (issue 5).
// Starts its own `vite preview` (of dist/, or BENCH_DIST) on a private port (BENCH_PORT), loads a
// generated large cluster through the store, spawns looping packets through window.__knp.animation and
// samples fps once a second for 5 s: 1,000 packets on 50 nodes / 1,000 pods / 200 Services, then 100
// packets on a 5,000-pod cluster. Beside each fps figure: React commits per animation frame, counted
// app-wide through a stub React DevTools hook installed before the app loads (onCommitFiberRoot runs
// in production builds too, where <Profiler onRender> does not). Then "send 1,000 requests": the
// store's sendRequest (all 1,000 traces + the distribution) timed on the main thread, and until the
// histogram is on screen; and the commits while a single trace plays. Prints medians. Build first.
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

/** Before any app code: count React commits (all roots) and animation frames. */
function installCounters() {
  window.__bench = { commits: 0, frames: 0 };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject(renderer) {
      this.renderers.set(1, renderer);
      return 1;
    },
    onCommitFiberRoot() {
      window.__bench.commits++;
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onScheduleFiberRoot() {},
    setStrictMode() {},
    checkDCE() {},
  };
  const tick = () => {
    window.__bench.frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const counters = (page) => page.evaluate(() => ({ ...window.__bench }));
const perFrame = (a, b) => (b.frames > a.frames ? (b.commits - a.commits) / (b.frames - a.frames) : 0);

/** Replace the scene and wait until the cluster (derived on the main thread or in a worker) has `pods` app pods. */
async function load(page, text, appPods) {
  const t0 = Date.now();
  await page.evaluate((t) => window.__knp.store.getState().replaceAll({ text: t, actions: [], seed: 1 }, 'import', 'bench'), text);
  await page.waitForFunction((n) => window.__knp.store.getState().derived.cluster.pods.filter((p) => p.name.startsWith('app-')).length === n, appPods, { timeout: 180_000, polling: 200 });
  await page.waitForSelector('.react-flow__node', { timeout: 120_000 });
  const loadMs = Date.now() - t0;
  await page.waitForTimeout(1500); // let the fit-to-view and measurements settle
  return loadMs;
}

async function scenario(page, label, text, appPods, packets) {
  const loadMs = await load(page, text, appPods);
  const pods = await page.evaluate(() => window.__knp.store.getState().derived.cluster.pods.length);
  const n = await page.evaluate((k) => window.__knp.animation.spawn(k), packets);
  await page.waitForTimeout(1000); // warm-up
  const samples = [];
  const before = await counters(page);
  for (let i = 0; i < 5; i++) {
    await page.waitForTimeout(1000);
    samples.push(await page.evaluate(() => window.__knp.animation.fps(1000)));
  }
  const after = await counters(page);
  await page.evaluate(() => window.__knp.animation.stop());
  const fps = median(samples);
  const cpf = perFrame(before, after);
  console.log(`${label}: ${pods} pods, ${n} packets: median ${fps.toFixed(1)} fps (samples ${samples.map((s) => s.toFixed(0)).join(' ')}; load ${loadMs} ms); React commits per frame ${cpf.toFixed(3)} (${after.commits - before.commits} commits in ${after.frames - before.frames} frames)`);
  return { fps, commitsPerFrame: cpf };
}

/**
 * "Send 1,000 requests": sendRequest runs every trace and the distribution synchronously; then the
 * histogram is rendered. Returns medians of `runs` (ms) for the compute and for histogram-on-screen.
 */
async function sendThousand(page, label, from, to, runs = 7) {
  const compute = [];
  const painted = [];
  for (let i = 0; i < runs + 1; i++) {
    const r = await page.evaluate(
      ({ from, to }) =>
        new Promise((resolve) => {
          const st = window.__knp.store.getState();
          st.clearTraffic();
          const t0 = performance.now();
          st.sendRequest({ from, to, count: 1000 });
          const t1 = performance.now();
          const s = window.__knp.store.getState();
          s.setPlaying(false);
          const ok = s.traffic?.connections.length === 1000;
          const check = () => {
            const h = document.querySelector('[aria-label="Distribution"] h3');
            if (h && h.textContent.startsWith('1000 connections')) resolve({ compute: t1 - t0, painted: performance.now() - t0, ok, outcome: s.traffic?.outcome, bars: s.traffic?.distribution?.length ?? 0 });
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      { from, to },
    );
    if (!r.ok) throw new Error(`${label}: send 1000 did not produce 1000 connections (${JSON.stringify(r)})`);
    if (i > 0) {
      // the first run warms the JIT
      compute.push(r.compute);
      painted.push(r.painted);
    }
    if (i === runs) console.log(`${label}: send 1000 → ${r.outcome}, ${r.bars} histogram bars: compute median ${median(compute).toFixed(1)} ms (runs ${compute.map((x) => x.toFixed(0)).join(' ')}), histogram on screen median ${median(painted).toFixed(1)} ms`);
  }
  await page.evaluate(() => window.__knp.store.getState().clearTraffic());
  return { compute: median(compute), painted: median(painted) };
}

/** React commits while one request plays hop by hop (the packet glides between hops every step). */
async function playback(page, label, from, to) {
  await page.evaluate(({ from, to }) => {
    const st = window.__knp.store.getState();
    st.setSpeed(1);
    st.sendRequest({ from, to });
  }, { from, to });
  await page.waitForTimeout(300);
  const before = await counters(page);
  const c0 = await page.evaluate(() => window.__knp.store.getState().cursor);
  await page.waitForTimeout(3000);
  const after = await counters(page);
  const c1 = await page.evaluate(() => window.__knp.store.getState().cursor);
  await page.evaluate(() => window.__knp.store.getState().clearTraffic());
  const steps = Math.max(1, c1 - c0);
  const cpf = perFrame(before, after);
  console.log(`${label}: playing a trace: ${after.commits - before.commits} React commits in ${after.frames - before.frames} frames over ${c1 - c0} hop steps: ${cpf.toFixed(3)} commits per frame, ${((after.commits - before.commits) / steps).toFixed(1)} per hop step`);
  return { commitsPerFrame: cpf, commitsPerStep: (after.commits - before.commits) / steps };
}

const preview = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', ...(DIST ? ['--outDir', DIST] : [])], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
let browser;
try {
  await waitForServer(URL_BASE, 60_000);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript(installCounters);
  await page.goto(`${URL_BASE}/?example=clusterip`);
  await page.waitForFunction(() => window.__knp?.store && window.__knp?.animation, null, { timeout: 60_000 });
  const alpine = { kind: 'pod', key: 'Pod/default/alpine' };
  const small = await sendThousand(page, 'clusterip example', alpine, 'http://go-helloworld:8111/');
  const smallPlay = await playback(page, 'clusterip example', alpine, 'http://go-helloworld:8111/');
  const large = await scenario(page, 'large', manifest(50, 200, 5), 1000, 1000);
  const client = await page.evaluate(() => window.__knp.store.getState().derived.cluster.pods.find((p) => p.name.startsWith('app-1-')).key);
  const largeSend = await sendThousand(page, 'large', { kind: 'pod', key: client }, 'http://svc-0:80/');
  const largePlay = await playback(page, 'large', { kind: 'pod', key: client }, 'http://svc-0:80/');
  const huge = await scenario(page, 'huge', manifest(50, 200, 25), 5000, 100);
  const results = {
    'fps 1000 packets, 50 nodes / 1000 pods / 200 Services': large.fps,
    'React commits per frame, 1000 packets in flight (1000 pods)': large.commitsPerFrame,
    'fps 100 packets, 50 nodes / 5000 pods / 200 Services': huge.fps,
    'React commits per frame, 100 packets in flight (5000 pods)': huge.commitsPerFrame,
    'React commits per frame, one trace playing (1000 pods)': largePlay.commitsPerFrame,
    'React commits per hop step, one trace playing (1000 pods)': largePlay.commitsPerStep,
    'React commits per frame, one trace playing (clusterip)': smallPlay.commitsPerFrame,
    'send 1000 compute ms (clusterip example)': small.compute,
    'send 1000 histogram on screen ms (clusterip example)': small.painted,
    'send 1000 compute ms (1000 pods)': largeSend.compute,
    'send 1000 histogram on screen ms (1000 pods)': largeSend.painted,
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
