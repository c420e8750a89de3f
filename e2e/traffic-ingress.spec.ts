// Ingress (issue 5, "Done when"): an Ingress with two paths to two Services sends each request to
// the right backend, and the diagram's "Send a request here" on the Ingress works while the
// controller's external IP is <pending> (curl --resolve to a node's IP at the controller's NodePort).
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DiagramPage } from './pages/diagram';
import { TrafficPage } from './pages/traffic';
import { WorkbenchPage } from './pages/workbench';

/** Hop rows whose Action column is exactly `action` ("snat" is not "un-snat"). */
const byAction = (t: TrafficPage, action: string) => t.rows().filter({ has: t.page.locator('td:nth-child(5)', { hasText: new RegExp(`^${action}$`) }) });

const base = readFileSync(new URL('../examples/ingress.yaml', import.meta.url), 'utf8');

/** The example plus a second app (bye) behind /bye on the same host. */
const twoPaths =
  base.replace(
    '      - path: /hi\n',
    '      - path: /bye\n        pathType: Prefix\n        backend:\n          service:\n            name: bye\n            port:\n              number: 80\n      - path: /hi\n',
  ) +
  `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bye
spec:
  replicas: 1
  selector:
    matchLabels:
      app: bye
  template:
    metadata:
      labels:
        app: bye
    spec:
      containers:
      - name: bye
        image: nginx:1.27
        ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: bye
spec:
  selector:
    app: bye
  ports:
  - port: 80
    targetPort: 8080
`;

test('an Ingress request picks the backend by path: two paths, two Services', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('ingress');
  await wb.setText(twoPaths);
  await expect.poll(() => page.evaluate(() => (window as any).__knp.store.getState().derived.cluster.pods.some((p: any) => p.name.startsWith('bye-') && p.ready))).toBe(true);
  const nodeIP = await page.evaluate(() => (window as any).__knp.store.getState().derived.cluster.nodes[1].internalIP as string);
  const nodePort = await page.evaluate(() => (window as any).__knp.store.getState().derived.cluster.services.find((s: any) => s.name === 'ingress-nginx-controller').ports.find((p: any) => p.name === 'http').nodePort as number);
  const t = new TrafficPage(page);
  await t.show();
  await t.fromKind.selectOption('external');
  await t.panel.getByText('Options').click();
  await t.panel.getByLabel('Resolve').fill(`go-helloworld.com:${nodeIP}`);
  for (const [path, pod, port] of [
    ['/hi', 'default/go-helloworld-', 6112],
    ['/bye/now', 'default/bye-', 8080],
  ] as const) {
    await t.to.fill(`http://go-helloworld.com:${nodePort}${path}`);
    await t.send.click();
    await t.pause();
    await expect(t.outcome).toContainText('delivered (HTTP 200)');
    await expect(t.outcome).toContainText(`routed the request to pod ${pod}`);
    const route = byAction(t, 'l7-route');
    await expect(route).toHaveCount(1);
    await route.click();
    await expect(t.inspector).toContainText('ingress-nginx');
    // the controller's new connection goes to the chosen backend pod's port
    await expect(byAction(t, 'proxy')).toContainText(new RegExp(`:${port}`));
  }
  await page.screenshot({ path: '/tmp/shots-h6/ingress-two-paths.png' });
});

test('"Send a request here" on an Ingress whose controller IP is pending uses --resolve to a node', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('ingress');
  const ing = d.element('Ingress/default/go-helloworld');
  await expect(ing).toBeVisible();
  await ing.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: /Actions for go-helloworld/ });
  await menu.getByRole('menuitem', { name: 'Send a request here' }).click();
  await expect(d.status).toContainText('--resolve go-helloworld.com:');
  const t = new TrafficPage(page);
  await expect(t.tab).toHaveAttribute('aria-selected', 'true');
  await expect(t.to).toHaveValue(/^http:\/\/go-helloworld\.com:\d+\/hi$/);
  await expect(t.panel.getByLabel('Resolve')).toHaveValue(/^go-helloworld\.com:192\.168\.\d+\.\d+$/);
  await expect(t.outcome).toContainText('delivered (HTTP 200)');
  await expect(t.outcome).toContainText('go-helloworld-');
});
