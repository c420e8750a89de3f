import { expect, test } from '@playwright/test';
import { TrafficPage } from './pages/traffic';
import { WorkbenchPage } from './pages/workbench';

test('a ClusterIP request from the alpine pod is delivered, with the DNAT hop in the inspector', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('clusterip');
  const clusterIP = (await wb.clusterIPs())['default/go-helloworld']!;
  const t = new TrafficPage(page);
  await t.show();
  await t.sendFromPod('default/alpine', 'http://go-helloworld:8111/');
  await t.pause();
  await expect(t.outcome).toContainText('delivered (HTTP 200)');
  await expect(t.outcome).toContainText('Delivered to pod default/go-helloworld-');

  // the Service's DNAT: ClusterIP:8111 rewritten to the pod's IP:6112
  const dnat = t.rows().filter({ hasText: 'dnat' }).filter({ hasText: `${clusterIP}:8111 ⇒` });
  await expect(dnat).toHaveCount(1);
  await dnat.click();
  await expect(dnat).toHaveAttribute('aria-selected', 'true');
  await expect(t.inspector.getByRole('group', { name: 'Before' })).toContainText(`${clusterIP}:8111`);
  const after = t.inspector.getByRole('group', { name: 'After' });
  await expect(after).toContainText(/10\.244\.\d+\.\d+:6112 \(changed\)/);
  await expect(t.inspector).toContainText('KUBE-SEP-');
  await expect(t.inspector).toContainText('-j DNAT --to-destination');
  const heading = await t.inspector.getByRole('heading').textContent();

  // the live region reads the hop's sentence
  await expect(t.live).toContainText(`destination ${clusterIP}:8111 →`);

  // step forward then back: the same hop again
  await t.control('Step forward').click();
  await expect(dnat).toHaveAttribute('aria-selected', 'false');
  await expect(t.live).not.toContainText(`destination ${clusterIP}:8111 →`);
  await t.control('Step back').click();
  await expect(dnat).toHaveAttribute('aria-selected', 'true');
  await expect(t.inspector.getByRole('heading')).toHaveText(heading!);

  // arrow keys move the cursor too
  await t.hops.focus();
  await page.keyboard.press('ArrowDown');
  await expect(dnat).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowUp');
  await expect(dnat).toHaveAttribute('aria-selected', 'true');
});

test('playback runs to the last hop on its own', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('clusterip');
  const t = new TrafficPage(page);
  await t.show();
  await t.sendFromPod('default/alpine', 'http://go-helloworld:8111/');
  await t.panel.getByLabel('Speed').selectOption('4');
  const last = t.rows().last();
  await expect(last).toHaveAttribute('aria-selected', 'true', { timeout: 15_000 });
  await expect(t.control('Play')).toBeVisible();
  await expect(t.live).toContainText('The client receives the reply');
});

test('count 100 fills the histogram; an empty destination is refused before sending', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('clusterip');
  const t = new TrafficPage(page);
  await t.show();
  await t.fromKind.selectOption('pod');
  await t.send.click();
  await expect(t.panel.getByText('Enter a destination: a URL, HOST[:PORT] or IP[:PORT].')).toBeVisible();
  await expect(t.to).toHaveAttribute('aria-invalid', 'true');

  // the engine's own refusal is shown in the panel
  await t.sendFromPod('default/alpine', 'http://go-helloworld:99999/');
  await expect(t.panel.getByRole('alert')).toContainText('The engine refused the request: port 99999 is out of range (1-65535)');

  await t.sendFromPod('default/alpine', 'http://go-helloworld:8111/', 100);
  await t.pause();
  await expect(t.histogram).toContainText('100 connections');
  await expect(t.histogram.getByRole('listitem')).toHaveCount(1);
  await expect(t.histogram.getByRole('listitem').first()).toContainText('100 (100%)');
});

test('after an edit, the what-if line compares the outcomes and points at the first differing hop', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('clusterip');
  const t = new TrafficPage(page);
  await t.show();
  await t.sendFromPod('default/alpine', 'http://go-helloworld:8111/');
  await t.pause();
  await expect(t.outcome).toContainText('delivered');
  const { text } = await wb.state();
  await wb.setText(text.replace('replicas: 1', 'replicas: 0'));
  await expect(t.outcome).toContainText('refused');
  await expect(t.whatIf).toContainText('Before your edit: delivered → after: refused');
  await t.whatIf.getByRole('button', { name: /^hop \d+$/ }).click();
  await expect(t.currentRow()).toContainText('kube-proxy');
  await expect(t.inspector).toContainText('kube-proxy rejects the packet');
});
