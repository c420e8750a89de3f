// NodePort from the outside world (issue 5, "Done when"): a request to EACH node's IP at the nodePort
// is delivered, with kube-proxy's SNAT (masquerade to the node's IP) in the inspector; with
// externalTrafficPolicy: Local the node without a local pod drops it (reason visible) while a node
// with one delivers it and keeps the client's address; 100 requests spread over the pods.
import { expect, test, type Page } from '@playwright/test';
import { TrafficPage } from './pages/traffic';
import { WorkbenchPage } from './pages/workbench';

/** Hop rows whose Action column is exactly `action` ("snat" is not "un-snat"). */
const byAction = (t: TrafficPage, action: string) => t.rows().filter({ has: t.page.locator('td:nth-child(5)', { hasText: new RegExp(`^${action}$`) }) });

const CLIENT = '203.0.113.10';

async function sendFromOutside(t: TrafficPage, to: string, count = 1): Promise<void> {
  await t.fromKind.selectOption('external');
  await t.panel.getByLabel('Client IP').fill(CLIENT);
  await t.to.fill(to);
  await t.count.fill(String(count));
  await t.send.click();
}

/** Node name → internal IP, and the nodes running a pod whose name starts with `prefix`. */
async function topology(page: Page, prefix: string): Promise<{ nodes: { name: string; ip: string }[]; withPods: string[] }> {
  return page.evaluate((pre) => {
    const c = (window as any).__knp.store.getState().derived.cluster;
    return {
      nodes: c.nodes.map((n: any) => ({ name: n.name, ip: n.internalIP })),
      withPods: [...new Set<string>(c.pods.filter((p: any) => p.name.startsWith(pre) && p.ready).map((p: any) => p.nodeName))],
    };
  }, prefix);
}

test('a NodePort request from outside to each node IP is delivered, with the SNAT shown', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('nodeport');
  const t = new TrafficPage(page);
  await t.show();
  const { nodes } = await topology(page, 'myapp-');
  expect(nodes.length).toBe(3);
  for (const node of nodes) {
    await sendFromOutside(t, `http://${node.ip}:30008/`);
    await t.pause();
    await expect(t.outcome).toContainText('delivered (HTTP 200)');
    // kube-proxy's masquerade: the client's address becomes the node's own
    const snat = byAction(t, 'snat');
    await expect(snat).toHaveCount(1);
    await expect(snat).toContainText(`node/${node.name}`);
    await snat.click();
    await expect(snat).toHaveAttribute('aria-selected', 'true');
    await expect(t.inspector.getByRole('group', { name: 'Before' })).toContainText(`${CLIENT}:`);
    await expect(t.inspector.getByRole('group', { name: 'After' })).toContainText(new RegExp(`src ${node.ip.replace(/\./g, '\\.')}:\\d+ \\(changed\\)`));
    await expect(t.inspector).toContainText('MASQUERADE');
  }
  await page.screenshot({ path: '/tmp/shots-h6/nodeport-snat.png' });
});

test('externalTrafficPolicy: Local: the node without a local pod drops, a node with one delivers', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('nodeport');
  const { text } = await wb.state();
  await wb.setText(text.replace('  type: NodePort\n', '  type: NodePort\n  externalTrafficPolicy: Local\n'));
  await expect.poll(() => page.evaluate(() => (window as any).__knp.store.getState().derived.cluster.services.find((s: any) => s.name === 'myapp-service')?.externalTrafficPolicy)).toBe('Local');
  const t = new TrafficPage(page);
  await t.show();
  const { nodes, withPods } = await topology(page, 'myapp-');
  const empty = nodes.find((n) => !withPods.includes(n.name))!;
  const busy = nodes.find((n) => withPods.includes(n.name))!;
  expect(empty && busy).toBeTruthy();

  await sendFromOutside(t, `http://${empty.ip}:30008/`);
  await t.pause();
  await expect(t.outcome).toContainText('dropped');
  await expect(t.outcome).toContainText('externalTrafficPolicy is Local and this node has no ready endpoint');
  const drop = byAction(t, 'drop');
  await expect(drop).toHaveCount(1);
  await expect(drop).toContainText(`node/${empty.name}`);
  await drop.click();
  await expect(t.inspector.getByRole('heading')).toContainText('kube-proxy drop');
  // the overlay marks where it died, with the reason beside it
  await expect.poll(() => page.evaluate(() => (window as any).__knp.animation.last().failures.length)).toBeGreaterThan(0);
  await page.screenshot({ path: '/tmp/shots-h6/nodeport-local-drop.png' });

  await sendFromOutside(t, `http://${busy.ip}:30008/`);
  await t.pause();
  await expect(t.outcome).toContainText('delivered (HTTP 200)');
  // Local keeps the client's address: no SNAT hop, the pod sees 203.0.113.10
  await expect(byAction(t, 'snat')).toHaveCount(0);
  await expect(byAction(t, 'deliver').first()).toContainText(`${CLIENT}:`);
  await expect(byAction(t, 'deliver').first()).toContainText(`pod/default/myapp-`);
});

test('100 requests to a NodePort fill the histogram, one bar per pod', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('nodeport');
  const t = new TrafficPage(page);
  await t.show();
  const { nodes } = await topology(page, 'myapp-');
  await sendFromOutside(t, `http://${nodes[1].ip}:30008/`, 100);
  await t.pause();
  await expect(t.histogram).toContainText('100 connections, 100 reached a backend');
  await expect(t.histogram.getByRole('listitem')).toHaveCount(3);
  await expect(t.histogram.getByRole('listitem').first()).toContainText('default/myapp-');
});
