// Issue 4 "Speed": 100 nodes / 5,000 pods stays usable through semantic zoom. Zoomed out a node shows
// its pod counts, pods appear as you zoom in on it, and at no zoom does the diagram put more than
// ~1,500 elements in the DOM. Element counts only (no timings: the machine is shared).
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { DiagramPage } from './pages/diagram';
import { WorkbenchPage } from './pages/workbench';

test.use({ viewport: { width: 1600, height: 1000 } });

/** React Flow's node and edge wrappers plus everything inside them. */
const LIMIT = 1500;

const lz = createRequire(import.meta.url)('lz-string') as { compressToEncodedURIComponent(s: string): string };
const shareLink = (text: string) => `/#s=${lz.compressToEncodedURIComponent(JSON.stringify({ v: 1, text, actions: [], seed: 1 }))}`;

const BIG = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
${'- role: worker\n'.repeat(99)}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: 5000
  selector:
    matchLabels:
      app: big
  template:
    metadata:
      labels:
        app: big
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: big
spec:
  selector:
    app: big
  ports:
  - port: 80
`;

/** Count after React has drawn the current viewport (two animation frames). */
async function settledCount(page: Page, d: DiagramPage): Promise<{ nodes: number; edges: number; total: number; pods: number }> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const c = await d.elementCount();
  return { ...c, pods: await d.root.locator('.react-flow__node-pod').count() };
}

test('100 nodes / 5,000 pods: counts when zoomed out, pods when zoomed in on a node, never over ~1,500 diagram elements', async ({ page }) => {
  test.setTimeout(180_000);
  const wb = new WorkbenchPage(page);
  const d = new DiagramPage(page);
  await wb.open(shareLink(BIG));
  await expect(wb.counts).toHaveText('100 nodes · 5000 pods · 1 Service · 0 Ingresses', { timeout: 60_000 });
  await expect(d.node('kind-worker55')).toBeVisible({ timeout: 30_000 });

  // Fitted: every node box is drawn, as its name and pod counts; no pod boxes.
  await expect.poll(async () => (await settledCount(page, d)).nodes).toBeGreaterThanOrEqual(100);
  const fitted = await settledCount(page, d);
  expect(fitted.pods).toBe(0);
  expect(fitted.total).toBeLessThanOrEqual(LIMIT);
  await expect(d.node('kind-worker55')).toContainText(/^kind-worker55\s*5\d pods: 5\d ready$/);
  await page.screenshot({ path: '/tmp/shots-h4/scale-fitted.png' });

  // Zoom in on kind-worker55 with the mouse wheel, as a person would, until its pods appear.
  const box = (await d.node('kind-worker55').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
  for (let i = 0; i < 40 && (await d.podsOn('kind-worker55').count()) === 0; i++) {
    await page.mouse.wheel(0, -150);
    const c = await settledCount(page, d);
    expect(c.total, `after ${i + 1} wheel steps`).toBeLessThanOrEqual(LIMIT);
  }
  await expect(d.podsOn('kind-worker55').first()).toBeVisible();
  await expect(d.podsOn('kind-worker55').first()).toContainText(/10\.244\.\d+\.\d+/);
  await expect(d.root.locator('.react-flow__node-more[data-id="more:Node//kind-worker55"]')).toContainText(/\+\d+ more pods/);
  const zoomedIn = await settledCount(page, d);
  expect(zoomedIn.pods).toBeGreaterThan(0);
  expect(zoomedIn.total).toBeLessThanOrEqual(LIMIT);
  await page.screenshot({ path: '/tmp/shots-h4/scale-zoomed-in.png' });

  // Every zoom between, centred on a node in the middle of the grid (window.__knp.diagram.setViewport).
  const counts: Record<string, number> = {};
  for (const zoom of [0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.8, 1, 1.5, 2]) {
    await page.evaluate((zoom) => {
      const el = document.querySelector<HTMLElement>('.react-flow__node[data-id="Node//kind-worker55"]');
      const pane = document.querySelector('.cluster-diagram .react-flow')!.getBoundingClientRect();
      const m = /translate\((-?[\d.]+)px, *(-?[\d.]+)px\)/.exec(el?.style.transform ?? '');
      const [x, y] = m ? [Number(m[1]) + 190, Number(m[2]) + 150] : [0, 0];
      const k = (window as unknown as { __knp: { diagram: { setViewport(v: { x: number; y: number; zoom: number }): void } } }).__knp;
      k.diagram.setViewport({ x: pane.width / 2 - x * zoom, y: pane.height / 2 - y * zoom, zoom });
    }, zoom);
    const c = await settledCount(page, d);
    counts[zoom] = c.total;
    expect(c.total, `zoom ${zoom}`).toBeLessThanOrEqual(LIMIT);
  }
  test.info().annotations.push({ type: 'elements by zoom', description: JSON.stringify(counts) });
});
