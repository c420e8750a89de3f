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
