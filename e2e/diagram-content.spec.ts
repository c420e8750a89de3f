// A keystroke that changes what a box says but not where it is (a Service's port, a pod's readiness,
// a node's counts) updates that box in place: React Flow keeps its node (src/app/diagram/shells.ts) and
// the box reads its new content from the box store (boxes.ts). These pin that the content still arrives,
// in the same DOM element, and that the other boxes are left alone.
import { expect, test, type Page } from '@playwright/test';
import { DiagramPage } from './pages/diagram';

test.use({ viewport: { width: 1600, height: 1000 } });

/** Tag every drawn box's DOM element, so a test can tell a box updated in place from one re-created. */
async function tagBoxes(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.react-flow__node')) (el as HTMLElement & { __tag?: string }).__tag = (el as HTMLElement).dataset.id;
  });
}

const tagged = (page: Page, id: string) =>
  page.evaluate((key) => (document.querySelector(`.react-flow__node[data-id="${key}"]`) as (HTMLElement & { __tag?: string }) | null)?.__tag ?? null, id);

/** Put the editor's cursor after the first `needle` and press `keys`, as a user typing would. */
async function typeAt(page: Page, needle: string, keys: string[]): Promise<void> {
  await page.waitForFunction(() => !!(window as unknown as { __knp?: { editor?: unknown } }).__knp?.editor);
  await page.evaluate((n) => {
    const ed = (window as unknown as { __knp: { editor: { getModel(): { findMatches(...a: unknown[]): { range: { endLineNumber: number; endColumn: number } }[] }; setPosition(p: object): void; focus(): void } } }).__knp.editor;
    const r = ed.getModel().findMatches(n, false, false, true, null, false)[0].range;
    ed.setPosition({ lineNumber: r.endLineNumber, column: r.endColumn });
    ed.focus();
  }, needle);
  for (const k of keys) await page.keyboard.press(k);
}

test("typing in a Service's port updates its box in place; other boxes keep their elements", async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('nodeport');
  const svc = d.service('default', 'myapp-service');
  await expect(svc).toContainText('80 → 80 · nodePort 30008');
  await tagBoxes(page);
  await typeAt(page, 'port: 80', ['Backspace', '1']);
  await expect(svc).toContainText('81 → 80 · nodePort 30008');
  expect(await tagged(page, 'Service/default/myapp-service')).toBe('Service/default/myapp-service');
  expect(await tagged(page, 'Node//kind-worker')).toBe('Node//kind-worker');
  // and back: the box follows every keystroke
  await page.keyboard.press('Backspace');
  await page.keyboard.press('0');
  await expect(svc).toContainText('80 → 80 · nodePort 30008');
});

test("a pod made not ready: its box, its node's counts and the Service's endpoint count change in place", async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('clusterip');
  const pod = d.podsStartingWith('default', 'go-helloworld-').first();
  const key = (await pod.getAttribute('data-id'))!;
  const nodeName = (await pod.locator('.d-pod').getAttribute('data-node'))!;
  await tagBoxes(page);
  await pod.click();
  await page.keyboard.press('r');
  await expect(pod).toContainText('Not ready');
  await expect(d.node(nodeName)).toContainText('not ready');
  await expect(d.service('default', 'go-helloworld')).toContainText('(0 ready)');
  expect(await tagged(page, key)).toBe(key);
  expect(await tagged(page, `Node//${nodeName}`)).toBe(`Node//${nodeName}`);
});

test('zooming far out and back switches node boxes between full and compact content', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('default');
  const node = d.node('kind-worker');
  await expect(node.locator('.d-node')).not.toHaveClass(/is-compact/);
  const view = await page.evaluate(() => (window as unknown as { __knp: { diagram: { getViewport(): { x: number; y: number; zoom: number } } } }).__knp.diagram.getViewport());
  const setZoom = (zoom: number) => page.evaluate((v) => (window as unknown as { __knp: { diagram: { setViewport(v: object): void } } }).__knp.diagram.setViewport(v), { ...view, zoom });
  await setZoom(0.05);
  await expect(node.locator('.d-node')).toHaveClass(/is-compact/);
  await expect(node).toContainText('pods:');
  await setZoom(view.zoom);
  await expect(node.locator('.d-node')).not.toHaveClass(/is-compact/);
  await expect(node).toContainText('pod CIDR 10.244.');
});
