// Derivation runs in a Worker: a 5 MB paste leaves the page usable (clicks, typing, frames) while the
// diagram keeps its last state with an "updating" note, and a later small edit wins over the big one.
// Where the work ran is read from window.__knp.derivation (main.tsx), never from timings.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DiagramPage } from './pages/diagram';
import { EditorPage } from './pages/editor';

test.use({ viewport: { width: 1600, height: 1000 } });

const example = (slug: string) => readFileSync(new URL(`../examples/${slug}.yaml`, import.meta.url), 'utf8');

/** ~5 MB of valid manifests: 10,000 Deployments, each behind a Service (a big `kubectl get -o yaml` paste). */
function fiveMegabytes(): string {
  const docs: string[] = [];
  for (let i = 0; docs.join('').length < 4_900_000; i++) {
    docs.push(
      `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bulk-${i}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: bulk-${i}\n  template:\n    metadata:\n      labels:\n        app: bulk-${i}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 8080\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: bulk-${i}\nspec:\n  selector:\n    app: bulk-${i}\n  ports:\n  - port: 80\n    targetPort: 8080\n`,
    );
  }
  return docs.join('');
}

interface Derivation {
  deriver: { kind: string; answers: number; started: number; abandoned: number };
  mainThread: { count: number };
}
type Hooks = { __knp: { derivation: Derivation; store: { getState(): { deriving: boolean; text: string; selection: string | null }; subscribe(f: (s: { selection: string | null; deriving: boolean }) => void): () => void } } };

const derivation = (page: Page) => page.evaluate(() => structuredClone((window as unknown as Hooks).__knp.derivation));
const deriving = (page: Page) => page.evaluate(() => (window as unknown as Hooks).__knp.store.getState().deriving);
/** Line 1 of the editor's model. */
const firstLine = (page: Page) => page.evaluate(() => (window as unknown as { __knp: { editor: { getModel(): { getLineContent(n: number): string } } } }).__knp.editor.getModel().getLineContent(1));
/** The store text's length (reading a 5 MB text back on every poll would be slow). */
const textLength = (page: Page) => page.evaluate(() => (window as unknown as Hooks).__knp.store.getState().text.length);

test('a 5 MB paste leaves the page usable, keeps the last diagram, and a later small edit wins', async ({ page }) => {
  test.setTimeout(180_000); // building and pasting 5 MB takes a while on a shared machine
  const ed = new EditorPage(page);
  const d = new DiagramPage(page);
  await ed.open('default');
  await expect(d.service('default', 'web')).toBeVisible();
  const start = await derivation(page);
  expect(start.deriver.kind).toBe('worker');

  // Remember whether a derivation was still under way when the click below selected something.
  await page.evaluate(() => {
    const w = window as unknown as Hooks & { __selectedWhileDeriving?: boolean };
    w.__knp.store.subscribe((s) => {
      if (s.selection === 'Service/default/web' && w.__selectedWhileDeriving === undefined) w.__selectedWhileDeriving = s.deriving;
    });
  });

  await ed.moveToEnd();
  await ed.paste(fiveMegabytes());
  await expect.poll(() => textLength(page)).toBeGreaterThan(4_900_000);
  expect(await deriving(page)).toBe(true);

  // The page answers: a click on the diagram selects, frames keep coming, the editor takes typing.
  await d.service('default', 'web').click();
  await expect.poll(() => d.selection()).toBe('Service/default/web');
  expect(await page.evaluate(() => (window as unknown as { __selectedWhileDeriving?: boolean }).__selectedWhileDeriving)).toBe(true);
  expect(await page.evaluate(() => new Promise<boolean>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(true)))))).toBe(true);
  await ed.select('# Kube Net Playground');
  await page.keyboard.press('Home');
  await ed.type('#x');
  await expect.poll(() => firstLine(page).then((l) => l.slice(0, 4))).toBe('#x# ');

  // The diagram keeps its last state (the starter cluster), with a note that an update is under way.
  await expect(d.node('kind-worker')).toBeVisible();
  await expect(d.service('default', 'web')).toContainText('ClusterIP 10.96.');
  await expect(page.getByTestId('derive-status')).toContainText(/Updating the cluster|Still simulating 4\.\d MB/);

  // A small text replaces the 5 MB one: it is derived (the big run is superseded) and drawn.
  const small = example('clusterip').replace('port: 8111', 'port: 8088');
  await ed.select('#x');
  await page.keyboard.press('ControlOrMeta+A');
  await ed.paste(small);
  await expect.poll(() => textLength(page), { timeout: 30_000 }).toBeLessThan(10_000);
  await expect(d.service('default', 'go-helloworld')).toContainText('8088 → 6112', { timeout: 60_000 });
  await expect(d.node('kind-worker')).toBeVisible();
  expect(await deriving(page)).toBe(false);
  await expect(page.getByTestId('derive-status')).toHaveText('');

  // Everything after the first paint ran in the worker.
  const end = await derivation(page);
  expect(end.mainThread.count).toBe(start.mainThread.count);
  expect(end.deriver.answers).toBeGreaterThan(start.deriver.answers);
});

test('a 5 MB paste full of errors says so, lists only the first problems, and a small paste recovers', async ({ page }) => {
  test.setTimeout(180_000);
  const ed = new EditorPage(page);
  await ed.open('clusterip');
  const bad = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: Bad_Name\nspec:\n  ports:\n  - port: 99999\n---\n'.repeat(62_500); // 5 MB
  await page.evaluate(() => {
    const ed = (window as unknown as { __knp: { editor: { getModel(): { getFullModelRange(): unknown }; setSelection(r: unknown): void; focus(): void } } }).__knp.editor;
    ed.setSelection(ed.getModel().getFullModelRange());
    ed.focus();
  });
  await ed.paste(bad);
  await expect(page.locator('.notice')).toContainText(/This text has [\d,]+ problems; only the first 5,000 are listed/, { timeout: 90_000 });
  await expect(ed.problems.locator('li.problem.more')).toBeVisible();
  // The page still answers and a fix is one paste away.
  await page.keyboard.press('ControlOrMeta+A');
  await ed.paste(example('clusterip'));
  await expect(page.getByTestId('status-counts')).toContainText('1 Service', { timeout: 60_000 });
  await expect(ed.problems).toContainText('No problems.');
});
