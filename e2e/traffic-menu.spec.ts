// "Send a request here" from the diagram's context menu (issue 5): on a Service, a node (its
// NodePorts) and a pod the menu offers a request with sensible defaults; choosing it fills the
// composer, sends, and the packet animates on the overlay. Keyboard: Shift+F10 opens the menu, Enter runs.
import { expect, test } from '@playwright/test';
import { DiagramPage } from './pages/diagram';
import { TrafficPage } from './pages/traffic';

test.use({ viewport: { width: 1600, height: 1000 } });

test('"Send a request here" on a ClusterIP Service sends from a client pod and animates', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('clusterip');
  const svc = d.service('default', 'go-helloworld');
  await svc.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for go-helloworld' });
  // the first item, focused on open
  await expect(menu.getByRole('menuitem').first()).toHaveAccessibleName('Send a request here');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await menu.getByRole('menuitem', { name: 'Send a request here' }).click();
  await expect(menu).toBeHidden();
  await expect(d.status).toContainText('Sending a request from pod default/alpine to http://go-helloworld.default:8111/');
  const t = new TrafficPage(page);
  await expect(t.tab).toHaveAttribute('aria-selected', 'true');
  await expect(t.sourcePod).toHaveValue('Pod/default/alpine');
  await expect(t.to).toHaveValue('http://go-helloworld.default:8111/');
  await expect(t.outcome).toContainText('delivered (HTTP 200)');
  // it plays: the packet is drawn on the overlay, and playback moves the cursor along the hops
  await expect.poll(() => page.evaluate(() => (window as any).__knp.animation.last().packet !== null)).toBe(true);
  await expect.poll(() => page.evaluate(() => (window as any).__knp.store.getState().cursor)).toBeGreaterThan(1);
  await page.screenshot({ path: '/tmp/shots-h6/menu-send-clusterip.png' });
});

test('keyboard: Shift+F10 on a NodePort Service opens the menu, Enter sends from outside to a node port', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('nodeport');
  const svc = d.service('default', 'myapp-service');
  await svc.click();
  await svc.focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for myapp-service' });
  await expect(menu.getByRole('menuitem', { name: 'Send a request here', exact: true })).toBeFocused();
  await page.screenshot({ path: '/tmp/shots-h6/menu-open-nodeport.png' });
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  const t = new TrafficPage(page);
  await expect(t.fromKind).toHaveValue('external');
  await expect(t.to).toHaveValue(/^http:\/\/192\.168\.\d+\.\d+:30008\/$/);
  await expect(t.outcome).toContainText('delivered (HTTP 200)');
  // the second item: the same Service from inside, by its DNS name
  await svc.click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Send a request here from inside' }).click();
  await expect(t.fromKind).toHaveValue('node'); // no pod outside the Service's selection: from a node, to the ClusterIP
  await expect(t.to).toHaveValue(/^http:\/\/10\.96\.\d+\.\d+:80\/$/);
  await expect(t.outcome).toContainText('delivered');
  // the S shortcut sends the first one for the selected element, without opening the menu
  await t.panel.getByRole('button', { name: 'Clear' }).click();
  await expect(t.outcome).toBeHidden();
  await svc.click();
  await page.keyboard.press('s');
  await expect(t.fromKind).toHaveValue('external');
  await expect(t.outcome).toContainText('delivered (HTTP 200)');
});

test('a node\'s menu lists its NodePorts; a pod\'s sends to its container port', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('nodeport');
  const ip = await page.evaluate(() => (window as any).__knp.store.getState().derived.cluster.nodes.find((n: any) => n.name === 'kind-worker').internalIP as string);
  await d.node('kind-worker').click({ button: 'right', position: { x: 40, y: 10 } });
  const menu = page.getByRole('menu', { name: 'Actions for kind-worker' });
  const item = menu.getByRole('menuitem', { name: 'Send a request here: 30008/TCP (myapp-service)' });
  await expect(item).toBeVisible();
  await item.click();
  const t = new TrafficPage(page);
  await expect(t.to).toHaveValue(`http://${ip}:30008/`);
  await expect(t.outcome).toContainText('delivered (HTTP 200)');

  const pod = d.podsStartingWith('default', 'myapp-').first();
  const key = await pod.getAttribute('data-id');
  const podIP = await page.evaluate((k) => (window as any).__knp.store.getState().derived.cluster.index.podByKey.get(k).ip as string, key);
  await pod.click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Send a request here' }).click();
  await expect(t.to).toHaveValue(`http://${podIP}:80/`);
  await expect(t.outcome).toContainText('delivered (HTTP 200)');
});

test('dark theme: the menu on an Ingress and the composer it fills', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const d = new DiagramPage(page);
  await d.open('default');
  const pod = d.podsStartingWith('default', 'web-').first();
  await pod.click({ button: 'right' });
  await expect(page.getByRole('menu')).toBeVisible();
  await page.screenshot({ path: '/tmp/shots-h6/menu-pod-dark.png' });
  await page.keyboard.press('Escape');
  const ing = d.root.locator('.react-flow__node[data-id^="Ingress/"]').first();
  await ing.click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem').first().click();
  const t = new TrafficPage(page);
  await expect(t.outcome).toBeVisible();
  await page.screenshot({ path: '/tmp/shots-h6/menu-ingress-sent-dark.png' });
});
