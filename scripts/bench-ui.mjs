// npm run bench:ui: the workbench's speed goals (issue 4, "Speed"), measured in headless Chromium on the
// built app. Starts its own `vite preview` (of dist/, or BENCH_DIST) on a private port (BENCH_PORT, 4198),
// loads generated clusters through the autosave (as a returning visitor's page would) and prints medians
// with the goal beside each figure. Build first (`npx vite build`). Figures only: the machine is shared,
// so compare A/B rows from the same run rather than runs from different times.
//
//   first paint   navigation start → the frame after the store holds the cluster and the diagram shows a
//                 Node box and a Service box of it (rAF after the check); whether Monaco had loaded by then
//   keystroke     keydown in Monaco → the frame after the Service box shows the edited port
//                 (1,000 objects: 500 Deployments × 2 replicas + 500 Services)
//                 (median of BENCH_KEYS=20 keystrokes, alternately Backspace and 0; the first after load, JIT-cold, is named in the note)
//   drag          a pod dragged in circles for 2 s: frames in which its transform changed, per second
//   pan           the pane dragged for 2 s at 100 nodes / 5,000 pods: frames in which the viewport moved, per second (and React commits per such frame)
//   elements      .react-flow__node + .react-flow__edge in the DOM (fit view, and zoomed in)
// A/B: `?derive=sync` (everything on the main thread), `?derive=worker-first` (first derivation in the worker)
// and `?quick=off` (every edit in the worker: small edits of a quickly derived text are otherwise derived
// on the main thread, worker/client.ts QUICK_EDIT_MS).
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';

const PORT = Number(process.env.BENCH_PORT ?? 4198);
const DIST = process.env.BENCH_DIST;
const URL_BASE = `http://localhost:${PORT}`;
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const VIEWPORT = { width: 1600, height: 1000 };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Keystrokes typed per keystroke row (alternately Backspace and 0); the first one after load is also named in the note. */
const KEYS = Number(process.env.BENCH_KEYS ?? 20);

/** A kind cluster of `nodes` nodes (1 control-plane) with `services` Deployments of `replicas` pods, each behind a Service. */
export function manifest(nodes, services, replicas) {
  const docs = [`kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n${'- role: worker\n'.repeat(nodes - 1)}`];
  for (let i = 0; i < services; i++) {
    docs.push(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: app-${i}\n  template:\n    metadata:\n      labels:\n        app: app-${i}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 8080\n          name: http\n`,
    );
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector:\n    app: app-${i}\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n`);
  }
  return docs.join('---\n');
}

const CLUSTERS = {
  p200: { label: '10 nodes / 200 pods', nodes: 10, text: () => manifest(10, 40, 5) },
  p1000: { label: '50 nodes / 1,000 pods', nodes: 50, text: () => manifest(50, 200, 5) },
  o1000: { label: '1,000 objects (500 Deployments × 2 + 500 Services)', nodes: 50, text: () => manifest(50, 500, 2) },
  p5000: { label: '100 nodes / 5,000 pods', nodes: 100, text: () => manifest(100, 200, 25) },
};

const median = (xs) => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : Number.NaN;
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

/** A fresh context whose autosave holds `text` (first load only), with the first-paint probe installed. */
async function openCluster(browser, text, nodes, query = '', init = null) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  if (init) await ctx.addInitScript(init);
  await ctx.addInitScript(
    ({ t, n }) => {
      if (!sessionStorage.getItem('bench-seeded')) {
        localStorage.setItem('knp:autosave', JSON.stringify({ v: 1, text: t, actions: [], seed: 1, view: { positions: {}, showSystem: false } }));
        sessionStorage.setItem('bench-seeded', '1');
      }
      const probe = (window.__bench = { paint: null, monacoAtPaint: null });
      // Painted: the store holds the derived cluster (all its nodes) and the diagram shows boxes of it, a
      // Node and a Service of the manifests (off-screen ones may be culled), in a frame that was produced.
      const visible = (sel) => [...document.querySelectorAll(sel)].some((e) => e.style.visibility !== 'hidden' && e.offsetWidth > 0);
      const painted = () => {
        const s = window.__knp?.store?.getState();
        return s && !s.deriving && s.derived.cluster.nodes.length === n && visible('.react-flow__node[data-id^="Node//"]') && visible('.react-flow__node[data-id^="Service/default/svc-"]');
      };
      const tick = () => {
        if (!painted()) return requestAnimationFrame(tick);
        requestAnimationFrame(() => {
          probe.paint = performance.now();
          probe.monacoAtPaint = document.querySelector('.monaco-editor') !== null;
        });
      };
      requestAnimationFrame(tick);
    },
    { t: text, n: nodes },
  );
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${URL_BASE}/${query}`);
  await page.waitForFunction(() => window.__bench.paint !== null, null, { timeout: 180_000, polling: 100 });
  return { ctx, page };
}

/** First paint of `key`, alternating between the given variants (query strings) so drift hits all alike. */
async function firstPaint(browser, key, queries = ['']) {
  const c = CLUSTERS[key];
  const text = c.text();
  const ms = queries.map(() => []);
  const monaco = queries.map(() => false);
  for (let i = 0; i < ROUNDS; i++) {
    for (const [j, query] of queries.entries()) {
      const { ctx, page } = await openCluster(browser, text, c.nodes, query);
      const probe = await page.evaluate(() => window.__bench);
      ms[j].push(probe.paint);
      monaco[j] ||= probe.monacoAtPaint;
      await ctx.close();
    }
  }
  return queries.map((_, j) => ({ value: median(ms[j]), samples: ms[j], note: monaco[j] ? 'Monaco had loaded first in some runs' : 'before Monaco loaded' }));
}

const idle = (page) => page.waitForFunction(() => !window.__knp.store.getState().deriving, null, { timeout: 120_000, polling: 50 });

async function keystroke(browser, query = '') {
  const c = CLUSTERS.o1000;
  const { ctx, page } = await openCluster(browser, c.text(), c.nodes, query);
  await page.waitForFunction(() => window.__knp?.editor, null, { timeout: 120_000 });
  // a Service whose box is drawn (off-screen ones may be culled)
  await page.waitForSelector('.react-flow__node[data-id^="Service/default/svc-"]', { state: 'attached' });
  const svc = await page.evaluate(() => document.querySelector('.react-flow__node[data-id^="Service/default/svc-"]').dataset.id);
  await page.evaluate((name) => {
    const ed = window.__knp.editor;
    const m = ed.getModel();
    const at = m.findMatches(`  name: ${name}\n`, false, false, true, null, false)[0].range;
    const port = m.findNextMatch('port: 80', { lineNumber: at.startLineNumber, column: 1 }, false, true, null, false).range;
    ed.setPosition({ lineNumber: port.endLineNumber, column: port.endColumn });
    ed.focus();
    window.__key = { down: 0 };
    window.addEventListener('keydown', () => (window.__key.down = performance.now()), true);
  }, svc.split('/')[2]);
  const ms = [];
  for (let i = 0; i < KEYS; i++) {
    await idle(page);
    await page.waitForTimeout(300);
    const want = i % 2 === 0 ? 'http: 8 → http' : 'http: 80 → http';
    await page.evaluate(
      ({ id, want }) => {
        window.__shown = new Promise((ok) => {
          const tick = () => {
            const el = document.querySelector(`.react-flow__node[data-id="${id}"]`);
            if (el && el.textContent.includes(want) && !el.textContent.includes(`${want.slice(0, -7)}0 → http`)) requestAnimationFrame(() => ok(performance.now() - window.__key.down));
            else requestAnimationFrame(tick);
          };
          tick();
        });
      },
      { id: svc, want },
    );
    await page.keyboard.press(i % 2 === 0 ? 'Backspace' : '0');
    ms.push(await page.evaluate(() => window.__shown));
  }
  await ctx.close();
  return { value: median(ms), samples: ms, note: `median of ${ms.length}; the first after load took ${Math.round(ms[0])} ms` };
}

/** Zoom the diagram in (mouse wheel over a worker node) until pods are drawn at a draggable size. */
async function zoomToPods(page) {
  for (let i = 0; i < 40; i++) {
    const pod = await page.evaluate(() => {
      const pane = document.querySelector('.react-flow').getBoundingClientRect();
      for (const e of document.querySelectorAll('.react-flow__node[data-id^="Pod/default/app-"]')) {
        const r = e.getBoundingClientRect();
        if (r.width > 60 && r.left > pane.left + 40 && r.right < pane.right - 40 && r.top > pane.top + 40 && r.bottom < pane.bottom - 40) return { id: e.dataset.id, x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return null;
    });
    if (pod) return pod;
    // zoom towards the top-left part of a worker node box that is on screen
    const box = await page.evaluate(() => {
      const pane = document.querySelector('.react-flow').getBoundingClientRect();
      for (const e of document.querySelectorAll('.react-flow__node[data-id^="Node//kind-worker"]')) {
        const r = e.getBoundingClientRect();
        const p = { x: r.left + Math.min(r.width / 4, 60), y: r.top + Math.min(r.height / 4, 60) };
        if (p.x > pane.left + 20 && p.x < pane.right - 20 && p.y > pane.top + 20 && p.y < pane.bottom - 20) return p;
      }
      return { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(250);
  }
  throw new Error('no pod became draggable after zooming in');
}

/** Frames per second in which `selector`'s transform changed while `gesture` runs. */
async function countMoves(page, selector, gesture) {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const st = (window.__moves = { frames: 0, moved: 0, t0: performance.now(), t1: 0, stop: false });
    let last = el.style.transform;
    const tick = () => {
      st.frames++;
      const t = el.style.transform;
      if (t !== last) st.moved++;
      last = t;
      if (!st.stop) requestAnimationFrame(tick);
      else st.t1 = performance.now();
    };
    requestAnimationFrame(tick);
  }, selector);
  await gesture();
  const r = await page.evaluate(
    () =>
      new Promise((ok) => {
        window.__moves.stop = true;
        requestAnimationFrame(() => requestAnimationFrame(() => ok(window.__moves)));
      }),
  );
  const s = (r.t1 - r.t0) / 1000;
  return { moved: r.moved / s, fps: r.frames / s, seconds: s };
}

async function circle(page, x, y, radius, ms) {
  const end = Date.now() + ms;
  for (let a = 0; Date.now() < end; a += 0.35) await page.mouse.move(x + radius * Math.cos(a), y + radius * Math.sin(a));
}

async function drag(browser, key) {
  const c = CLUSTERS[key];
  const { ctx, page } = await openCluster(browser, c.text(), c.nodes);
  await idle(page);
  await page.waitForTimeout(1000);
  const pod = await zoomToPods(page);
  const runs = [];
  for (let i = 0; i < 3; i++) {
    await page.mouse.move(pod.x, pod.y);
    await page.mouse.down();
    await page.mouse.move(pod.x + 6, pod.y + 6, { steps: 3 });
    const r = await countMoves(page, `.react-flow__node[data-id="${pod.id}"]`, () => circle(page, pod.x, pod.y, 12, 2000));
    await page.mouse.move(pod.x, pod.y, { steps: 3 });
    await page.mouse.up();
    runs.push(r.moved);
    await page.waitForTimeout(500);
  }
  await ctx.close();
  return { value: median(runs), samples: runs };
}

const diagramElements = (page) =>
  page.evaluate(() => ({
    nodes: document.querySelectorAll('.react-flow__node').length,
    edges: document.querySelectorAll('.react-flow__edge').length,
    all: document.querySelectorAll('.react-flow__viewport *').length,
  }));

/** React commits, counted through the devtools hook React calls on every commit (production builds too). */
function countCommits() {
  const c = (window.__commits = { n: 0 });
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = { isDisabled: false, supportsFiber: true, renderers: new Map(), inject: () => 1, checkDCE() {}, onCommitFiberRoot: () => c.n++, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {}, onScheduleFiberRoot() {} };
}

async function pan(browser) {
  const c = CLUSTERS.p5000;
  const { ctx, page } = await openCluster(browser, c.text(), c.nodes, '', countCommits);
  await idle(page);
  await page.waitForTimeout(1500);
  const fit = await diagramElements(page);
  // an empty spot of the pane: right of everything the fit view drew
  const spot = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow').getBoundingClientRect();
    let right = pane.left;
    for (const e of document.querySelectorAll('.react-flow__node')) right = Math.max(right, e.getBoundingClientRect().right);
    return { x: Math.min(pane.right - 60, Math.max(right + 30, pane.left + pane.width * 0.8)), y: pane.top + pane.height / 2 };
  });
  const runs = [];
  const commits = [];
  for (let i = 0; i < 3; i++) {
    await page.mouse.move(spot.x, spot.y);
    await page.mouse.down();
    const before = await page.evaluate(() => window.__commits.n);
    const r = await countMoves(page, '.react-flow__viewport', () => circle(page, spot.x, spot.y, 60, 2000));
    commits.push((await page.evaluate(() => window.__commits.n)) - before);
    await page.mouse.up();
    runs.push(r.moved);
    commits[i] /= Math.max(1, r.moved * r.seconds);
    await page.waitForTimeout(500);
  }
  // zoomed in to where pods are drawn (or as far as 40 wheel steps get)
  await zoomToPods(page).catch(() => null);
  await page.waitForTimeout(1000);
  const zoomed = await diagramElements(page);
  await ctx.close();
  return { value: median(runs), samples: runs, fit, zoomed, note: `${median(commits).toFixed(2)} React commits per moved frame` };
}

async function paintRows(browser, row) {
  const [p200, p200sync] = await firstPaint(browser, 'p200', ['', '?derive=sync']);
  row('first diagram paint, 200 pods', p200, 's', '≤ 1.0 s', (v) => v <= 1000);
  row('  (A/B) 200 pods, no worker at all', p200sync, 's', '≤ 1.0 s', (v) => v <= 1000);
  const [p1000, p1000wf] = await firstPaint(browser, 'p1000', ['', '?derive=worker-first']);
  row('first diagram paint, 1,000 pods', p1000, 's', '≤ 2.0 s', (v) => v <= 2000);
  row('  (A/B) 1,000 pods, first derivation in the worker', p1000wf, 's', '≤ 2.0 s', (v) => v <= 2000);
}

const fmt = (v, unit) => (Number.isFinite(v) ? `${unit === 's' ? (v / 1000).toFixed(2) : v.toFixed(unit === 'ms' ? 0 : 1)} ${unit}` : 'n/a');

const preview = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', ...(DIST ? ['--outDir', DIST] : [])], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
let browser;
try {
  await waitForServer(URL_BASE, 60_000);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
  const rows = [];
  const row = (what, r, unit, goal, ok) => {
    rows.push({ what, value: fmt(r.value, unit), goal, met: Number.isFinite(r.value) ? (ok(r.value) ? 'yes' : 'NO') : '?', samples: r.samples.map((x) => fmt(x, unit)).join(' '), note: r.note ?? '' });
    console.error(`  ${what}: ${fmt(r.value, unit)}`);
  };
  const only = process.env.BENCH_ONLY; // e.g. "paint", "key,drag", "pan": run only those groups
  const want = (g) => !only || only.split(',').includes(g);
  if (want('paint')) await paintRows(browser, row);
  if (want('key')) {
    row('keystroke → diagram, 1,000 objects (worker)', await keystroke(browser), 'ms', '≤ 50 ms', (v) => v <= 50);
    row('  (A/B) keystroke → diagram, 1,000 objects, main thread', await keystroke(browser, '?derive=sync'), 'ms', '≤ 50 ms', (v) => v <= 50);
    row('  (A/B) keystroke → diagram, 1,000 objects, every edit in the worker', await keystroke(browser, '?quick=off'), 'ms', '≤ 50 ms', (v) => v <= 50);
  }
  if (want('drag')) {
    row('drag a pod, 200 pods: position updates', await drag(browser, 'p200'), '/s', '≥ 45 /s', (v) => v >= 45);
    row('drag a pod, 1,000 pods: position updates', await drag(browser, 'p1000'), '/s', '≥ 30 /s', (v) => v >= 30);
  }
  if (want('pan')) {
    const p = await pan(browser);
    row('pan, 100 nodes / 5,000 pods', p, 'fps', '≥ 30 fps', (v) => v >= 30);
    const els = Math.max(p.fit.nodes + p.fit.edges, p.zoomed.nodes + p.zoomed.edges);
    rows.push({ what: 'diagram elements, 5,000 pods (nodes + edges)', value: String(els), goal: '≤ ~1,500', met: els <= 1500 ? 'yes' : 'NO', samples: `fit ${p.fit.nodes}+${p.fit.edges}, zoomed ${p.zoomed.nodes}+${p.zoomed.edges}`, note: `${p.fit.all} / ${p.zoomed.all} DOM elements in the viewport` });
  }
  console.log(`${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (wall-clock figures scale with it)`);
  const w = (k) => Math.max(...rows.map((r) => String(r[k]).length), k.length);
  const cols = ['what', 'value', 'goal', 'met', 'samples', 'note'];
  console.log(cols.map((k) => k.padEnd(w(k))).join('  '));
  for (const r of rows) console.log(cols.map((k) => String(r[k]).padEnd(w(k))).join('  '));
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
