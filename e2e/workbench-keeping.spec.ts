// Issue 4 "Done when", keeping work: a reload restores everything (text, runtime actions, seed, dragged
// positions, view state), and the share dialog's "Open in new tab" shows the same cluster. State may
// be derived asynchronously: reads after an action go through expect.poll or auto-waiting assertions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import { DiagramPage } from './pages/diagram';
import { WorkbenchPage } from './pages/workbench';

test.use({ viewport: { width: 1600, height: 1000 } });

const example = (slug: string) => readFileSync(new URL(`../examples/${slug}.yaml`, import.meta.url), 'utf8');
// lz-string is CommonJS; the link format is src/app/persist/share.ts's (`#s=` + compressed JSON, v1).
const lz = createRequire(import.meta.url)('lz-string') as { compressToEncodedURIComponent(s: string): string };
const encodeShare = (s: { text: string; actions: string[]; seed: number }) => lz.compressToEncodedURIComponent(JSON.stringify({ v: 1, ...s }));

const EXTRA = `---
apiVersion: v1
kind: Service
metadata:
  name: extra # added by the test
spec:
  selector:
    app: myapp
  ports:
  - port: 8080
`;

test('a reload restores everything: text, runtime actions, seed, dragged positions, pan/zoom and the view state', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  const d = new DiagramPage(page);
  // A seed other than the default, from a share link (the only way to set one).
  await wb.open(`/#s=${encodeShare({ text: example('nodeport'), actions: [], seed: 7 })}`);
  await expect(wb.statusBar).toContainText('seed 7');
  const text = example('nodeport') + EXTRA;
  await wb.setText(text);
  await wb.addAction('cordon node/kind-worker');
  await expect(d.node('kind-worker')).toContainText('cordoned');
  await page.getByRole('checkbox', { name: 'System components' }).check();
  await expect(d.root.locator('.react-flow__node-pod[data-id^="Pod/kube-system/"]').first()).toBeAttached();

  // Drag the Service box down, clear of everything: a view-state position, not YAML.
  const svc = d.service('default', 'myapp-service');
  const auto = await d.flowPosition(svc);
  await d.dragBy(svc, 0, 120);
  await expect.poll(async () => (await d.flowPosition(svc)).y).toBeGreaterThan(auto.y + 50);
  const dragged = await d.flowPosition(svc);
  expect(dragged.x).toBeCloseTo(auto.x, 0);
  await expect.poll(() => wb.state()).toEqual({ text, actions: ['cordon node/kind-worker'], seed: 7 });
  await expect.poll(async () => (await wb.clusterIPs())['default/extra']).toMatch(/^10\.96\./);
  const ips = await wb.clusterIPs();
  // The DOM's transform is printed to six significant digits; the saved position keeps full precision.
  const saved = () => page.evaluate(() => (JSON.parse(localStorage.getItem('knp:autosave') ?? '{}')?.view?.positions?.['Service/default/myapp-service'] as { x: number; y: number } | undefined) ?? null);
  await expect.poll(async () => { const p = await saved(); return p ? Math.hypot(p.x - dragged.x, p.y - dragged.y) : null; }).toBeLessThan(0.01);
  await wb.waitForAutosave(text);
  // Zoom in with the mouse wheel over kind-worker2: the pan/zoom is view state too.
  const node = (await d.node('kind-worker2').boundingBox())!;
  const fitted = await d.viewport();
  await page.mouse.move(node.x + node.width / 2, node.y + node.height / 2);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await d.viewport()).zoom).toBeGreaterThan(fitted.zoom * 1.2);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('knp:viewport'))).not.toBeNull();
  const view = await d.viewport();
  await expect.poll(async () => JSON.parse((await page.evaluate(() => localStorage.getItem('knp:viewport')))!)).toEqual(view);

  await page.reload();
  await wb.ready();
  await expect.poll(() => wb.state()).toEqual({ text, actions: ['cordon node/kind-worker'], seed: 7 });
  await expect(wb.statusBar).toContainText('seed 7');
  await expect(wb.actionEntries()).toHaveCount(1);
  await expect(wb.actionEntries().first()).toContainText('cordon node/kind-worker');
  await expect(d.node('kind-worker')).toContainText('cordoned');
  await expect(page.getByRole('checkbox', { name: 'System components' })).toBeChecked();
  await expect.poll(() => d.flowPosition(svc)).toEqual(dragged);
  await expect.poll(() => d.viewport()).toEqual(view);
  await expect.poll(() => wb.clusterIPs()).toEqual(ips); // same seed, same allocations
  await expect(d.service('default', 'extra')).toContainText(ips['default/extra']!);
  await expect(wb.examplePicker).toHaveValue(''); // "Your manifests"
  await expect(wb.notice).toHaveCount(0);
  await page.screenshot({ path: '/tmp/shots-h4/after-reload.png' });
});

test('the share dialog’s "Open in new tab" shows the same cluster in a new tab', async ({ page, context }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('nodeport');
  const text = example('nodeport') + EXTRA;
  await wb.setText(text);
  await wb.addAction('delete pod/default/nope'); // an action the new tab must replay (and warn about) too
  await expect(wb.actionEntries().first()).toContainText('pods "nope" not found');
  await expect.poll(async () => (await wb.clusterIPs())['default/extra']).toMatch(/^10\.96\./);
  const state = await wb.state();
  const ips = await wb.clusterIPs();
  const counts = await wb.counts.textContent();
  await wb.waitForAutosave(text);

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this cluster' });
  const open = dialog.getByRole('link', { name: 'Open in new tab' });
  await expect(open).toHaveAttribute('target', '_blank');
  await expect(open).toHaveAttribute('href', await dialog.getByRole('textbox', { name: 'Share link' }).inputValue());
  await page.screenshot({ path: '/tmp/shots-h4/share-dialog.png' });
  const [tab] = await Promise.all([context.waitForEvent('page'), open.click()]);

  const other = new WorkbenchPage(tab);
  await other.ready();
  await expect.poll(() => other.state()).toEqual(state);
  await expect(other.counts).toHaveText(counts!);
  await expect.poll(() => other.clusterIPs()).toEqual(ips);
  await other.showActions(); // a fresh browser opens on the Traffic tab
  await expect(other.actionEntries().first()).toContainText('pods "nope" not found');
  await expect(tab.locator('.react-flow__node[data-id="Service/default/extra"]')).toContainText(ips['default/extra']!);
  await expect(other.notice).toHaveCount(0); // the same work as the autosave: nothing to offer back
  await tab.close();
});
