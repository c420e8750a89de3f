import { expect, test } from '@playwright/test';
import { WorkbenchPage } from './pages/workbench';

test('the starter cluster loads, and no request leaves localhost', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) outside.push(req.url());
  });
  const wb = new WorkbenchPage(page);
  await wb.open('/');
  await expect(wb.examplePicker).toHaveValue('default');
  await expect(wb.counts).toContainText('3 nodes'); // kind-control-plane, kind-worker, kind-worker2
  await expect(wb.counts).toContainText('2 Services'); // web, web-nodeport
  await expect(page.locator('.react-flow__node[data-id="Node//kind-worker2"]')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="Service/default/web-nodeport"]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(outside).toEqual([]);
});

test('an example is addressable by URL and shows its allocated NodePort', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('/?example=nodeport');
  await expect(wb.examplePicker).toHaveValue('nodeport');
  const svc = page.locator('.react-flow__node[data-id="Service/default/myapp-service"]');
  await expect(svc).toContainText('30008');
  expect((await wb.clusterIPs())['default/myapp-service']).toMatch(/^10\.96\.\d+\.\d+$/);
});

test('an unknown example name says so and falls back to the starter cluster', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('/?example=nope');
  await expect(wb.notice).toHaveAttribute('role', 'alert');
  await expect(wb.notice).toContainText('There is no example called “nope”; showing the starter cluster instead.');
  await expect(wb.examplePicker).toHaveValue('default');
});

test('the action log adds, explains, removes and clears runtime actions', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('default');
  await wb.addAction('explode pod/x');
  await expect(wb.actionLog.getByRole('alert')).toContainText('unknown verb "explode"');
  await expect(wb.actionEntries()).toHaveCount(0);

  await wb.addAction('delete pod/default/nope');
  await wb.addAction('cordon   node/kind-worker'); // stored in the grammar's normal form
  await expect(wb.actionEntries()).toHaveCount(2);
  await expect(wb.actionEntries().nth(0)).toContainText('pods "nope" not found');
  await expect(wb.actionEntries().nth(1)).toContainText('cordon node/kind-worker');
  expect((await wb.state()).actions).toEqual(['delete pod/default/nope', 'cordon node/kind-worker']);

  await wb.actionLog.getByRole('button', { name: 'Remove action delete pod/default/nope' }).click();
  expect((await wb.state()).actions).toEqual(['cordon node/kind-worker']);
  await wb.actionLog.getByRole('button', { name: 'Clear all' }).click();
  await expect(wb.actionEntries()).toHaveCount(0);
  expect((await wb.state()).actions).toEqual([]);
});

test('the status bar counts objects and problems, and says when the YAML is broken', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('nodeport');
  await expect(wb.counts).toHaveText('3 nodes · 3 pods · 1 Service · 0 Ingresses');
  await expect(wb.statusBar).toContainText('No problems');
  await expect(wb.statusBar).toContainText('seed 1');

  await wb.setText(`${(await wb.state()).text}---\nkind: [\n`);
  await expect(wb.statusBar).toContainText('YAML has errors: showing last valid state');
  await expect(wb.counts).toHaveText('3 nodes · 3 pods · 1 Service · 0 Ingresses'); // the last valid state
  await wb.statusBar.getByRole('button', { name: '1 error' }).click();
  await expect(page.getByRole('region', { name: 'Problems' }).locator(':focus')).toHaveCount(1);
});

test('a YAML file dropped on the page is imported', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('default');
  const yaml = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: dropped\nspec:\n  ports:\n  - port: 80\n';
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.yaml', { type: 'application/yaml' }));
    const target = document.querySelector('.react-flow') ?? document.body;
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, yaml);
  await expect.poll(async () => (await wb.state()).text).toBe(yaml);
  await expect(wb.notice).toContainText('Imported “dropped.yaml”');
  await expect(wb.restore).toHaveCount(0); // the starter cluster was untouched: nothing to restore
});
