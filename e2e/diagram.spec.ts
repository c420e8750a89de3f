import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DiagramPage } from './pages/diagram';

test.use({ viewport: { width: 1600, height: 1000 } });

const example = (slug: string) => readFileSync(new URL(`../examples/${slug}.yaml`, import.meta.url), 'utf8');

test('the starter cluster draws its three nodes, its pods and its Services', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('default');
  for (const n of ['kind-control-plane', 'kind-worker', 'kind-worker2']) await expect(d.node(n)).toBeVisible();
  await expect(d.node('kind-control-plane')).toContainText('control-plane');
  await expect(d.node('kind-worker')).toContainText('pod CIDR 10.244.');
  await expect(d.service('default', 'web')).toContainText('ClusterIP 10.96.');
  await expect(d.service('default', 'web')).toContainText('http: 80 → http');
  await expect(d.service('default', 'web-nodeport')).toContainText('nodePort 30080');
  await expect(d.element('Ingress/default/web')).toContainText('web.example.com/ → web:http');
  await expect(d.pod('default', 'client')).toContainText('Ready');
  // three web replicas and the client; kube-system and ingress-nginx are collapsed by default
  await expect(d.root.locator('.d-pod')).toHaveCount(4);
  await expect(d.podsStartingWith('default', 'web-')).toHaveCount(3);
  await expect(d.root.locator('.react-flow__edge.edge-endpoint')).toHaveCount(6); // web and web-nodeport → 3 pods each
});

test('dragging a bare pod onto another node rewrites its spec.nodeName and keeps the comments', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('clusterip');
  const before = await d.text();
  const from = await d.pod('default', 'alpine').locator('.d-pod').getAttribute('data-node');
  const target = from === 'kind-worker' ? 'kind-worker2' : 'kind-worker';
  await d.dragToNode(d.pod('default', 'alpine'), target);
  await expect.poll(() => d.text()).toContain(`nodeName: ${target}`);
  const after = await d.text();
  expect(after).toBe(before.replace('    command: ["sleep", "infinity"]\n', `    command: ["sleep", "infinity"]\n  nodeName: ${target}\n`));
  expect(after).toContain('# A bare pod to curl from (kubectl run alpine --image=alpine -- sleep infinity)');
  await expect(d.podsOn(target).filter({ hasText: 'alpine' })).toHaveCount(1);
  expect(await d.actions()).toEqual([]);
});

test('dragging a Deployment pod onto another node recreates it there under a new name and IP', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('default');
  const webOn = async (node: string) => (await d.podKeys(node)).filter((k) => k.startsWith('Pod/default/web-'));
  const [key] = await webOn('kind-worker2');
  const name = key.split('/')[2];
  const ip = (await d.element(key).locator('.mono').first().textContent())!;
  const before = await webOn('kind-worker');
  await d.dragToNode(d.element(key), 'kind-worker');
  await expect.poll(() => d.actions()).toEqual([`move pod/default/${name} node/kind-worker`]);
  await expect(d.element(key)).toHaveCount(0);
  await expect.poll(async () => (await webOn('kind-worker')).filter((k) => !before.includes(k))).toHaveLength(1);
  const [fresh] = (await webOn('kind-worker')).filter((k) => !before.includes(k));
  expect(fresh).not.toBe(key);
  await expect(d.element(fresh)).not.toContainText(ip);
  // The new IP comes from the target node's pod CIDR (10.244.N.0/24), as the node's IPAM would give it.
  const cidr = /pod CIDR (\d+\.\d+\.\d+)\.0\/24/.exec((await d.node('kind-worker').textContent())!)![1];
  await expect(d.element(fresh).locator('.mono').first()).toHaveText(new RegExp(`^${cidr.replaceAll('.', '\\.')}\\.\\d+$`));
  await expect(d.element(fresh)).toContainText('Ready');
  await expect(d.status).toContainText('under a new name and IP');
  await expect(d.podsStartingWith('default', 'web-')).toHaveCount(3);
});

test('clicking a Service selects it', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('nodeport');
  await d.service('default', 'myapp-service').click();
  await expect.poll(() => d.selection()).toBe('Service/default/myapp-service');
  await expect(d.service('default', 'myapp-service')).toHaveClass(/selected/);
  await expect(d.service('default', 'myapp-service').locator('.d-service')).toHaveClass(/is-selected/);
});

test('a Service whose selector matches no pod is flagged on its box', async ({ page }) => {
  const d = new DiagramPage(page);
  const text = `${example('clusterip')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: lonely\nspec:\n  selector:\n    app: x\n  ports:\n  - port: 80\n`;
  await d.open('clusterip');
  await d.setText(text);
  await expect(d.service('default', 'lonely')).toContainText('no endpoints: selector app=x matches no pod');
  await expect(d.service('default', 'go-helloworld')).not.toContainText('no endpoints');
});

test('R marks the selected pod not ready; its endpoint edges turn dashed', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('clusterip');
  const pod = d.podsStartingWith('default', 'go-helloworld-');
  await pod.click();
  await page.keyboard.press('r');
  await expect.poll(() => d.actions()).toEqual([expect.stringMatching(/^not-ready pod\/default\/go-helloworld-/)]);
  await expect(pod).toContainText('Not ready');
  await expect(d.root.locator('.react-flow__edge.edge-endpoint.edge-notready')).toHaveCount(1);
});

test('the context menu cordons a node', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('clusterip');
  await d.node('kind-worker').click({ button: 'right', position: { x: 20, y: 10 } });
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await menu.getByRole('menuitem', { name: /^Cordon/ }).click();
  await expect.poll(() => d.actions()).toEqual(['cordon node/kind-worker']);
  await expect(d.node('kind-worker')).toContainText('cordoned');
  await expect(d.status).toContainText('node/kind-worker cordoned');
});
