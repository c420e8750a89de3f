import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor';

const example = (slug: string) => readFileSync(new URL(`../examples/${slug}.yaml`, import.meta.url), 'utf8');

const NODEPORT_ERROR =
  'The Service "myapp-service" is invalid: spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767';

test('the example loads into the editor and the model is the store text', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.open('nodeport');
  await expect.poll(() => ed.value()).toBe(example('nodeport'));
  expect(await ed.storeText()).toBe(await ed.value());
  await expect(ed.problemsToggle).toContainText('0 errors');
  await expect(ed.problems).toContainText('No problems.');
});

test('pasting a new Service changes the store text and the cluster', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.open('nodeport');
  await expect(ed.counts).toContainText('1 Service');
  const svc = '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: extra\nspec:\n  selector:\n    app: myapp\n  ports:\n  - port: 8080\n    targetPort: 80\n';
  await ed.moveToEnd();
  await ed.paste(svc);
  await expect.poll(() => ed.value()).toBe(example('nodeport') + svc);
  await expect.poll(() => ed.storeText()).toBe(example('nodeport') + svc);
  await expect(ed.counts).toContainText('2 Services');
});

test('nodePort 29999: a marker on the field and a problem with kubectl’s message that jumps there', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.open('nodeport');
  const range = await ed.select('30008', 1); // [0] is in the header comment
  expect(range).toMatchObject({ startLineNumber: 46, startColumn: 15 });
  await ed.type('29999');
  await expect.poll(() => ed.storeText()).toContain('nodePort: 29999');

  await expect.poll(() => ed.markers('kube-apiserver')).toEqual([
    { owner: 'kube-apiserver', severity: 'error', message: NODEPORT_ERROR, startLineNumber: 46, startColumn: 15, endLineNumber: 46, endColumn: 20 },
  ]);
  await expect(ed.problemsToggle).toContainText('1 error');
  await expect(ed.problemItems()).toHaveCount(1);
  const item = ed.problem(NODEPORT_ERROR);
  await expect(item).toContainText(NODEPORT_ERROR);
  await expect(item).toContainText('Ln 46, Col 15');
  await expect(item).toContainText('Error:'); // the severity in words, not colour alone

  // Move away, click the problem: the cursor lands on the field and the editor has focus.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await ed.select('kind: Deployment');
  await item.click();
  await expect.poll(() => ed.cursor()).toEqual({ lineNumber: 46, column: 15 });
  await expect.poll(() => ed.hasFocus()).toBe(true);
});

test('invalid YAML shows a syntax problem', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.open('nodeport');
  await ed.moveToEnd();
  await ed.type('a: b: c'); // no brackets or quotes: Monaco would auto-close them
  await expect(ed.problemsToggle).toContainText('1 error');
  await expect(ed.problemItems().first()).toContainText(/error parsing cluster\.yaml: document 2, line \d+, column \d+: /);
  const markers = await ed.markers('kube-apiserver');
  expect(markers).toHaveLength(1);
  expect(markers[0].message).toMatch(/^error parsing cluster\.yaml: document 2, line \d+, column \d+: /);
});

test('the schema checks types: replicas must be an integer', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.open('nodeport');
  const range = await ed.select('replicas: 3');
  expect(range.startLineNumber).toBe(17);
  await ed.type('replicas: three');
  await expect.poll(async () => (await ed.markers('yaml')).map((m) => [m.startLineNumber, m.message])).toContainEqual([17, 'Incorrect type. Expected "integer".']);
});

test('a change from elsewhere arrives as one edit that Ctrl+Z undoes', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.open('nodeport');
  await ed.select('image: nginx:1.27');
  const cursorBefore = await ed.cursor();
  const original = example('nodeport');
  // What the diagram does: write a new text to the store.
  await page.evaluate((t) => {
    const w = window as unknown as { __knp: { store: { getState(): { setManifestText(t: string, o: string): void } } } };
    w.__knp.store.getState().setManifestText(t, 'diagram');
  }, original.replace('replicas: 3', 'replicas: 2'));
  await expect.poll(() => ed.value()).toContain('replicas: 2');
  expect(await ed.cursor()).toEqual(cursorBefore); // not a model replacement: the cursor stayed
  await expect(ed.counts).toContainText('2 pods');

  await ed.moveToEnd();
  await page.keyboard.press('Control+z');
  await expect.poll(() => ed.storeText()).toBe(original);
  await expect(ed.counts).toContainText('3 pods');
});

test('the cursor selects its object; a selection from the diagram is revealed without taking focus', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.open('nodeport');
  await ed.select('name: myapp-service');
  await expect.poll(() => ed.selection()).toEqual({ key: 'Service/default/myapp-service', source: 'editor' });
  await expect(ed.highlighted()).toHaveCount(0);

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await ed.selectFromDiagram('Deployment/default/myapp');
  await expect(ed.highlighted().first()).toBeVisible();
  expect(await ed.hasFocus()).toBe(false);
});

test('no request leaves localhost while the editor loads; Monaco’s workers are local', async ({ page }) => {
  const outside: string[] = [];
  const workers: string[] = [];
  const warnings: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) outside.push(req.url());
  });
  page.on('worker', (w) => workers.push(w.url()));
  page.on('console', (m) => {
    if (m.text().includes('Could not create web worker')) warnings.push(m.text());
  });
  const ed = new EditorPage(page);
  await ed.open('nodeport');
  // The YAML worker starts with the first validation: a schema problem proves it answers.
  await ed.select('replicas: 3');
  await ed.type('replicas: "3"');
  await expect.poll(async () => (await ed.markers('yaml')).length).toBeGreaterThan(0);
  await page.waitForLoadState('networkidle');
  expect(outside).toEqual([]);
  expect(warnings).toEqual([]);
  expect(workers.some((u) => /\/assets\/yaml\.worker-[\w-]+\.js$/.test(u))).toBe(true);
  for (const u of workers) expect(new URL(u).hostname).toBe('localhost');
});

test('folding follows the indentation: folding all hides every nested block, unfolding brings them back', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.open('nodeport');
  await expect.poll(() => ed.value()).toBe(example('nodeport'));
  // the last line on screen: folded blocks let later lines move up into view
  const lastShown = () =>
    page.evaluate(() => {
      const e = (window as unknown as { __knp: { editor: { getVisibleRanges(): { endLineNumber: number }[] } } }).__knp.editor;
      return Math.max(...e.getVisibleRanges().map((r) => r.endLineNumber));
    });
  const run = (id: string) => page.evaluate((a) => (window as unknown as { __knp: { editor: { getAction(id: string): { run(): Promise<void> } } } }).__knp.editor.getAction(a).run(), id);
  const before = await lastShown();
  await run('editor.foldAll');
  // every document's blocks (metadata:, spec:) fold: lines far below the first screen come into view
  await expect.poll(lastShown).toBeGreaterThan(before);
  await run('editor.unfoldAll');
  await expect.poll(lastShown).toBe(before);
});
