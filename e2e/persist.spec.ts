// Persistence and sharing: autosave across reloads, share links in a fresh browser, damaged inputs,
// and never losing unsaved work to an example or a link.
import { expect, test } from '@playwright/test';
import { WorkbenchPage } from './pages/workbench';

const EXTRA = `---
apiVersion: v1
kind: Service
metadata:
  name: extra # added by the test
spec:
  selector:
    app: web
  ports:
  - port: 8080
`;

test('a reload restores the text, the actions and the view state', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('nodeport');
  const text = (await wb.state()).text + EXTRA;
  await wb.setText(text);
  await wb.addAction('cordon node/kind-worker');
  await page.getByRole('checkbox', { name: 'System components' }).check();
  await wb.waitForAutosave(text);
  await expect(page).not.toHaveURL(/example=/); // the address no longer claims the untouched example
  await page.reload();
  await wb.ready();
  await expect.poll(() => wb.state()).toEqual({ text, actions: ['cordon node/kind-worker'], seed: 1 });
  await expect(wb.actionEntries()).toHaveCount(1);
  await expect(wb.actionEntries().first()).toContainText('cordon node/kind-worker');
  await expect(page.getByRole('checkbox', { name: 'System components' })).toBeChecked();
  await expect(wb.examplePicker).toHaveValue(''); // "Your manifests"
  await expect(wb.notice).toHaveCount(0);
});

test('a share link opened in a fresh browser reproduces the same cluster', async ({ page, browser }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('default');
  await wb.setText((await wb.state()).text + EXTRA);
  await wb.addAction('delete pod/default/client');
  // Derivation may be asynchronous: wait until the cluster shows both changes before reading it.
  await expect(wb.counts).toContainText('3 pods · 3 Services');
  await expect.poll(async () => (await wb.clusterIPs())['default/extra']).toMatch(/^10\.96\.\d+\.\d+$/);
  const before = { state: await wb.state(), counts: await wb.counts.textContent(), ips: await wb.clusterIPs() };
  const link = await wb.shareLink();
  expect(new URL(link).hash).toMatch(/^#s=/);

  const fresh = await browser.newContext();
  try {
    const other = new WorkbenchPage(await fresh.newPage());
    await other.open(link);
    await expect.poll(() => other.state()).toEqual(before.state);
    await expect(other.counts).toHaveText(before.counts!);
    await expect.poll(() => other.clusterIPs()).toEqual(before.ips);
    await other.showActions(); // a fresh browser opens on the Traffic tab
    await expect(other.actionEntries().first()).toContainText('delete pod/default/client');
    await expect(other.notice).toHaveCount(0);
  } finally {
    await fresh.close();
  }
});

test('an invalid share link shows an error and the page still works', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('/#s=this-is-not-a-share-link');
  await expect(wb.notice).toHaveAttribute('role', 'alert');
  await expect(wb.notice).toContainText('This share link is damaged or incomplete');
  await expect(wb.examplePicker).toHaveValue('default');
  await expect(wb.counts).toContainText('3 nodes');
  await expect(page).not.toHaveURL(/#s=/); // a reload does not repeat the error
  await wb.examplePicker.selectOption('nodeport');
  await expect(page).toHaveURL(/\?example=nodeport$/);
  await expect(page.locator('.react-flow__node[data-id="Service/default/myapp-service"]')).toBeVisible();
});

test('opening an example over unsaved work offers Restore, which brings the work back', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('default');
  const mine = (await wb.state()).text + EXTRA;
  await wb.setText(mine);
  await wb.waitForAutosave(mine);

  await wb.open('/?example=nodeport');
  await expect(wb.examplePicker).toHaveValue('nodeport');
  await expect(wb.notice).toContainText('one click away');
  await wb.restore.click();
  await expect.poll(async () => (await wb.state()).text).toBe(mine);
  await expect(wb.notice).toContainText('Restored your manifests');

  // the same from the picker, without leaving the page
  await wb.examplePicker.selectOption('clusterip');
  await expect(wb.notice).toContainText('one click away');
  await wb.restore.click();
  await expect.poll(async () => (await wb.state()).text).toBe(mine);
});

test('a corrupted autosave gives a notice, not a crash', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('/');
  await page.evaluate(() => localStorage.setItem('knp:autosave', '{"v":1,"text":'));
  await page.reload();
  await expect(wb.notice).toHaveAttribute('role', 'alert');
  await expect(wb.notice).toContainText('Your autosaved work could not be read');
  await expect(wb.examplePicker).toHaveValue('default');
  await expect(wb.counts).toContainText('3 nodes');
  expect(await page.evaluate(() => localStorage.getItem('knp:autosave:unreadable'))).toBe('{"v":1,"text":');
  await wb.dismissNotice.click();
  await expect(wb.notice).toHaveCount(0);
});

test('importing a kubectl List replaces everything; a binary file is refused', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('default');
  const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: imported
    uid: 6f1d6c1e-0000-4000-8000-000000000001
    resourceVersion: "42"
  spec:
    ports:
    - port: 80
metadata:
  resourceVersion: ""
`;
  const input = page.getByLabel('Import manifest files');
  await input.setInputFiles({ name: 'svc.yaml', mimeType: 'application/yaml', buffer: Buffer.from(list) });
  await expect.poll(async () => (await wb.state()).text).toBe(list);
  await expect(wb.notice).toContainText('Imported “svc.yaml”');
  await expect(wb.counts).toContainText('1 Service');

  await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
  await expect(wb.notice).toHaveAttribute('role', 'alert');
  await expect(wb.notice).toContainText('looks like a binary file');
  expect((await wb.state()).text).toBe(list);
});

test('Download manifests gives YAML without the kind config; Download kind config gives only it', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('default');
  const read = async (item: string) => {
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  };
  const manifests = await read('Download manifests');
  expect(manifests.name).toBe('manifests.yaml');
  expect(manifests.text).not.toContain('kind: Cluster');
  expect(manifests.text).toContain('kind: Deployment');
  const kind = await read('Download kind config');
  expect(kind.name).toBe('kind-config.yaml');
  expect(kind.text).toContain('kind: Cluster');
  expect(kind.text).not.toContain('kind: Deployment');
});

test('Export diagram gives a PNG and an SVG of the whole diagram', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('default');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  for (const [item, name, magic] of [
    ['Export diagram as PNG', 'cluster-diagram.png', '\x89PNG'],
    ['Export diagram as SVG', 'cluster-diagram.svg', '<svg'],
  ] as const) {
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
    expect(download.suggestedFilename()).toBe(name);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 4).toString('latin1')).toBe(magic);
  }
  await expect(wb.notice).toHaveCount(0);
});
