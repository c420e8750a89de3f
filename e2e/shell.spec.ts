import { expect, test } from '@playwright/test';

test('the starter cluster loads, and no request leaves localhost', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && url.protocol !== 'data:') outside.push(req.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Kube Net Playground' })).toBeVisible();
  const nodes = page.getByRole('table', { name: 'Nodes' });
  await expect(nodes.getByRole('row')).toHaveCount(4); // header + kind-control-plane, kind-worker, kind-worker2
  await expect(nodes).toContainText('kind-worker2');
  await expect(page.getByRole('table', { name: 'Services' })).toContainText('web-nodeport');
  await page.waitForLoadState('networkidle');
  expect(outside).toEqual([]);
});

test('an example is addressable by URL and shows its allocated NodePort', async ({ page }) => {
  await page.goto('/?example=nodeport');
  await expect(page.getByRole('combobox', { name: 'Example' })).toHaveValue('nodeport');
  const row = page.getByRole('row').filter({ hasText: 'myapp-service' });
  await expect(row).toContainText('NodePort');
  await expect(row).toContainText('80:30008/TCP');
  await expect(row).toContainText(/10\.96\.\d+\.\d+/);
});

test('an unknown example name says so and falls back to the starter cluster', async ({ page }) => {
  await page.goto('/?example=nope');
  await expect(page.getByRole('alert')).toContainText('There is no example called “nope”');
  await expect(page.getByRole('combobox', { name: 'Example' })).toHaveValue('default');
});
