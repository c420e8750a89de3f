// Issue 4 "Bad input": markup and emoji in user strings render as text only (diagram, problems list,
// notices, action log, status bars), and the error boundary keeps the editor alive when the diagram
// throws. The second test uses the app's one test hook, `window.__knpTest.diagramThrows` (documented
// in src/app/diagram/ClusterDiagram.tsx).
import { expect, test, type Page } from '@playwright/test';
import { DiagramPage } from './pages/diagram';
import { EditorPage } from './pages/editor';
import { WorkbenchPage } from './pages/workbench';

test.use({ viewport: { width: 1600, height: 1000 } });

/** Runs if any of it is ever parsed as HTML: an image that fails to load runs its onerror. */
const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=2</script>';

const MANIFEST = `apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    note: '${IMG} ${SCRIPT} 😀🚀'
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: smiley
  annotations:
    description: '🎉 ${SCRIPT}'
spec:
  rules:
  - http:
      paths:
      - path: '/${IMG}/😀'
        pathType: ImplementationSpecific
        backend:
          service:
            name: web
            port:
              number: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: '${SCRIPT}'
spec:
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: labelled
  labels:
    app: '😀${IMG}'
spec:
  containers:
  - name: c
    image: nginx
`;

/** Nothing the user wrote became an element or ran. */
async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.locator('script').evaluateAll((ss) => ss.filter((s) => s.textContent?.includes('__xss')).length)).toBe(0);
}

test('script tags and emoji in names, labels, annotations, paths and file names stay text everywhere', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const wb = new WorkbenchPage(page);
  const d = new DiagramPage(page);
  const ed = new EditorPage(page);
  await wb.open('default');

  // Notices: the imported file's name is in one.
  const fileName = `${IMG}😀.yaml`;
  await page.getByLabel('Import manifest files').setInputFiles({ name: fileName, mimeType: 'application/yaml', buffer: Buffer.from(MANIFEST) });
  await expect.poll(async () => (await wb.state()).text).toBe(MANIFEST);
  await expect(wb.notice).toContainText(`Imported “${fileName}”.`);

  // The diagram: the Ingress path with markup and emoji, as typed.
  await expect(d.element('Ingress/default/smiley')).toContainText(`*/${IMG}/😀 → web:80`);
  await expect(d.service('default', 'web')).toBeVisible();

  // The problems list: the rejected name and label value, quoted in kubectl's message.
  const badName = `The Pod "${SCRIPT}" is invalid: metadata.name: Invalid value: "${SCRIPT}": a lowercase RFC 1123 subdomain`;
  const badLabel = `The Pod "labelled" is invalid: metadata.labels: Invalid value: "😀${IMG}": a valid label must be`;
  await expect(ed.problems).toContainText(badName);
  await expect(ed.problems).toContainText(badLabel);
  await expect(ed.problemItems()).toHaveCount(2);

  // The action log and the status bar: an action naming a pod that is markup.
  await wb.addAction(`delete pod/default/${IMG}😀`);
  await expect(wb.actionLog).toContainText(`${IMG}😀`);
  await expect(wb.statusBar).toContainText(/\d+ errors?/);
  await expect(wb.statusBar.locator('img, script, b')).toHaveCount(0);

  await page.screenshot({ path: '/tmp/shots-h4/xss.png' });
  await expectInert(page);
  expect(dialogs).toEqual([]);
  // Each surface holds the markup as text, not as child elements.
  for (const surface of [d.element('Ingress/default/smiley'), ed.problems, wb.notice, wb.actionLog, wb.statusBar]) {
    await expect(surface.locator('img, script')).toHaveCount(0);
  }
});

test('if the diagram throws, the error boundary says so and the editor keeps working; Try again brings the diagram back', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const ed = new EditorPage(page);
  const d = new DiagramPage(page);
  await ed.open('nodeport');
  await expect(d.service('default', 'myapp-service')).toBeVisible();

  await page.evaluate(() => {
    (window as unknown as { __knpTest?: Record<string, unknown> }).__knpTest = { diagramThrows: 'test: the diagram was told to throw' };
  });
  // The next change re-renders the diagram, which throws; the boundary catches it.
  await ed.select('replicas: 3');
  await ed.type('replicas: 2');
  const failed = page.locator('.diagram-pane').getByRole('alert');
  await expect(failed).toContainText('The diagram failed: test: the diagram was told to throw.');
  await expect(d.root).toHaveCount(0);
  await page.screenshot({ path: '/tmp/shots-h4/boundary.png' });

  // Everything else lives on: typing reaches the store, the problems list and the status bar.
  await expect.poll(() => ed.storeText()).toContain('replicas: 2');
  await expect(ed.counts).toContainText('2 pods');
  await ed.select('30008', 1);
  await ed.type('29999');
  await expect(ed.problemsToggle).toContainText('1 error');
  await expect.poll(async () => (await ed.markers('kube-apiserver')).length).toBe(1);
  expect(await ed.hasFocus()).toBe(true);

  // The fault goes away; "Try again" draws the current state.
  await page.evaluate(() => {
    delete (window as unknown as { __knpTest?: unknown }).__knpTest;
  });
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(d.node('kind-worker')).toBeVisible();
  await expect(d.podsStartingWith('default', 'myapp-')).toHaveCount(2); // the edits made meanwhile
  await expect(d.service('default', 'myapp-service')).toHaveCount(0); // rejected: nodePort 29999
  await expect(failed).toHaveCount(0);
  expect(errors.filter((m) => !m.includes('test: the diagram was told to throw'))).toEqual([]);
});
