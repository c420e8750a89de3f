// Bad input (issue 5): requests to unknown names, closed ports, from a pod that was just deleted, or
// while the YAML is invalid: the composer explains before sending, or the trace ends with a visible
// reason (outcome line + a failure mark on the overlay); nothing hangs and no packet is left behind.
import { expect, test, type Page } from '@playwright/test';
import { TrafficPage } from './pages/traffic';
import { WorkbenchPage } from './pages/workbench';

const overlay = (page: Page) => page.evaluate(() => (window as any).__knp.animation.last() as { packet: unknown; failures: { reason: string }[] });
const playing = (page: Page) => page.evaluate(() => (window as any).__knp.store.getState().playing as boolean);

async function open(page: Page): Promise<{ wb: WorkbenchPage; t: TrafficPage }> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const wb = new WorkbenchPage(page);
  await wb.open('clusterip');
  const t = new TrafficPage(page);
  await t.show();
  await page.evaluate(() => (window as any).__knp.store.getState().setSpeed(4)); // playback at 4×
  return { wb, t };
}

test('an unknown name ends with NXDOMAIN, its reason shown in the panel and on the diagram', async ({ page }) => {
  const { t } = await open(page);
  await t.sendFromPod('default/alpine', 'http://no-such-service:80/');
  await expect(t.outcome).toContainText('nxdomain');
  await expect(t.outcome).toContainText(/resol|NXDOMAIN|not found/i);
  // playback runs to the end and stops: it never hangs
  await expect.poll(() => playing(page), { timeout: 20_000 }).toBe(false);
  await expect(t.rows().last()).toHaveAttribute('aria-selected', 'true');
  await expect.poll(async () => (await overlay(page)).failures.length).toBe(1);
  expect((await overlay(page)).packet).toBeNull();
  await page.screenshot({ path: '/tmp/shots-h6/bad-nxdomain.png' });
});

test('closed ports: a Service port nobody serves gets no answer; a pod port nobody listens on is refused', async ({ page }) => {
  const { t } = await open(page);
  await t.sendFromPod('default/alpine', 'http://go-helloworld:9999/');
  await expect(t.outcome).toContainText('no response');
  await expect.poll(() => playing(page), { timeout: 20_000 }).toBe(false);
  await expect.poll(async () => (await overlay(page)).failures.length).toBe(1);

  const podIP = await page.evaluate(() => (window as any).__knp.store.getState().derived.cluster.pods.find((p: any) => p.name.startsWith('go-helloworld-')).ip as string);
  await t.sendFromPod('default/alpine', `${podIP}:81`);
  await expect(t.outcome).toContainText('refused');
  await expect.poll(() => playing(page), { timeout: 20_000 }).toBe(false);
  await expect.poll(async () => (await overlay(page)).failures.length).toBe(1);
  // Clear: nothing left on the overlay
  await t.panel.getByRole('button', { name: 'Clear' }).click();
  await expect.poll(async () => overlay(page)).toEqual({ packet: null, failures: [] });
});

test('a source pod that was just deleted: the composer says so, and the watched trace is cleared with a reason', async ({ page }) => {
  const { wb, t } = await open(page);
  await t.sendFromPod('default/alpine', 'http://go-helloworld:8111/');
  await expect(t.outcome).toContainText('delivered');
  await page.getByRole('tab', { name: 'Actions' }).click();
  await wb.addAction('delete pod/default/alpine');
  await expect.poll(async () => overlay(page)).toEqual({ packet: null, failures: [] });
  await t.show();
  // the replayed request cannot start: its reason is shown, no trace (and no packet) remains
  await expect(t.panel.getByRole('alert')).toContainText('After your edit the last request cannot be sent again: pod "alpine" not found');
  await expect(t.outcome).toBeHidden();
  await expect(t.panel.getByText('Pod default/alpine no longer exists')).toBeVisible();
  await expect(t.sourcePod).toHaveAttribute('aria-invalid', 'true');
  await t.send.click();
  await expect(t.panel.getByText('Pod default/alpine not found in the cluster.')).toBeVisible();
});

test('while the YAML is invalid the composer says requests use the last valid state, and they still work', async ({ page }) => {
  const { wb, t } = await open(page);
  const { text } = await wb.state();
  await wb.setText(`${text}\n---\nkind: [oops\n`);
  await expect(t.panel.getByRole('note')).toContainText('The YAML has a syntax error');
  await t.sendFromPod('default/alpine', 'http://go-helloworld:8111/');
  await expect(t.outcome).toContainText('delivered');
  await expect.poll(() => playing(page), { timeout: 20_000 }).toBe(false);
  await page.screenshot({ path: '/tmp/shots-h6/bad-yaml.png' });
});
