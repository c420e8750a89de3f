// Issue 4 "Done when", editor ↔ diagram: typing makes boxes and edges, broken YAML dims the diagram
// (never blanks it) and recovers, a diagram drag is one Ctrl+Z away in the editor, and selection follows
// both ways. State may be derived asynchronously: every check after an action is an auto-waiting one.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DiagramPage } from './pages/diagram';
import { EditorPage } from './pages/editor';

test.use({ viewport: { width: 1600, height: 1000 } });

const example = (slug: string) => readFileSync(new URL(`../examples/${slug}.yaml`, import.meta.url), 'utf8');

test('typing a new Service in the editor draws its box and an endpoint edge to each pod', async ({ page }) => {
  const ed = new EditorPage(page);
  const d = new DiagramPage(page);
  await ed.open('nodeport');
  await expect(d.service('default', 'myapp-service')).toBeVisible();
  await expect(d.service('default', 'typed')).toHaveCount(0);

  await ed.moveToEnd();
  await ed.typeLines(['---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: typed', 'spec:', '  selector:', '    app: myapp', '  ports:', '  - port: 8080', '    targetPort: 80']);
  const typed = '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: typed\nspec:\n  selector:\n    app: myapp\n  ports:\n  - port: 8080\n    targetPort: 80';
  await expect.poll(() => ed.value()).toBe(example('nodeport') + typed);
  await expect.poll(() => ed.storeText()).toBe(example('nodeport') + typed);

  const box = d.service('default', 'typed');
  await expect(box).toBeVisible();
  await expect(box).toContainText('ClusterIP 10.96.');
  await expect(box).toContainText('8080 → 80');
  await expect(box).toContainText('3 endpoints (3 ready)');
  await expect(d.endpointEdges('Service/default/typed')).toHaveCount(3);
  const targets = await d.endpointEdges('Service/default/typed').evaluateAll((es) => es.map((e) => e.getAttribute('data-id')!.split('|')[2]).sort());
  expect(targets).toEqual((await d.podKeys()).filter((k) => k.startsWith('Pod/default/myapp-')).sort());
  await expect(ed.counts).toContainText('2 Services');
  await expect(ed.problemsToggle).toContainText('0 errors');
  await page.screenshot({ path: '/tmp/shots-h4/typed-service.png' });
});

test('broken YAML dims the last good diagram with a note saying why, and fixing it brings it back', async ({ page }) => {
  const ed = new EditorPage(page);
  const d = new DiagramPage(page);
  await ed.open('nodeport');
  await expect(d.podsStartingWith('default', 'myapp-')).toHaveCount(3);
  const drawn = (await d.elementCount()).nodes;

  // One keystroke breaks it: "replicas: 3" becomes "replicas: 3:" (a syntax error on line 17). One key,
  // so no other valid state is passed on the way (a Worker may skip states typed in quick succession).
  await ed.select('replicas: 3');
  await page.keyboard.press('End');
  await ed.type(':');
  await expect.poll(() => ed.storeText()).toContain('replicas: 3:\n');
  await expect(d.root).toHaveClass(/is-broken/);
  const note = d.root.locator('.d-broken-note');
  await expect(note).toHaveText('The YAML has a syntax error on line 17: Nested mappings are not allowed in compact mappings. The diagram shows the last valid state until it is fixed.');
  await expect(note).toHaveAttribute('role', 'status');
  // Nothing went blank: the same boxes, dimmed.
  await expect(d.podsStartingWith('default', 'myapp-')).toHaveCount(3);
  await expect(d.service('default', 'myapp-service')).toBeVisible();
  expect((await d.elementCount()).nodes).toBe(drawn);
  const dim = await d.root.locator('.react-flow__nodes').evaluate((e) => getComputedStyle(e).opacity);
  expect(Number(dim)).toBeLessThan(1);
  await expect(ed.problemsToggle).toContainText('1 error');
  await page.screenshot({ path: '/tmp/shots-h4/broken-dimmed.png' });

  // Fixed differently from before (2 replicas): the diagram is live again and shows the fix.
  await ed.select('replicas: 3:');
  await ed.type('replicas: 2');
  await expect(d.root).not.toHaveClass(/is-broken/);
  await expect(note).toHaveCount(0);
  await expect(d.podsStartingWith('default', 'myapp-')).toHaveCount(2);
  await expect.poll(() => d.root.locator('.react-flow__nodes').evaluate((e) => getComputedStyle(e).opacity)).toBe('1');
  await expect(ed.problemsToggle).toContainText('0 errors');
});

test('a bare pod dragged to another node: nodeName rewritten, comments kept, and Ctrl+Z in the editor undoes text and diagram', async ({ page }) => {
  const ed = new EditorPage(page);
  const d = new DiagramPage(page);
  await ed.open('clusterip');
  const before = example('clusterip');
  await expect.poll(() => ed.value()).toBe(before);
  const alpine = d.pod('default', 'alpine');
  const from = (await alpine.locator('.d-pod').getAttribute('data-node'))!;
  const target = from === 'kind-worker' ? 'kind-worker2' : 'kind-worker';

  await d.dragToNode(alpine, target);
  const moved = before.replace('    command: ["sleep", "infinity"]\n', `    command: ["sleep", "infinity"]\n  nodeName: ${target}\n`);
  await expect.poll(() => ed.value()).toBe(moved); // one added line: comments and formatting untouched
  await expect.poll(() => ed.storeText()).toBe(moved);
  await expect(d.podsOn(target).filter({ hasText: 'alpine' })).toHaveCount(1);
  await expect(d.podsOn(from).filter({ hasText: 'alpine' })).toHaveCount(0);

  // Ctrl+Z in the editor (clicked, as a person would) takes the whole drag back.
  await ed.select('kind: Pod');
  await ed.clickLine('kind: Pod');
  await page.keyboard.press('Control+z');
  await expect.poll(() => ed.value()).toBe(before);
  await expect.poll(() => ed.storeText()).toBe(before);
  await expect(d.podsOn(from).filter({ hasText: 'alpine' })).toHaveCount(1);
  await expect(d.podsOn(target).filter({ hasText: 'alpine' })).toHaveCount(0);
  // ...and Ctrl+Y redoes it.
  await page.keyboard.press('Control+y');
  await expect.poll(() => ed.value()).toBe(moved);
  await expect(d.podsOn(target).filter({ hasText: 'alpine' })).toHaveCount(1);
});

test('selection follows both ways: a diagram click reveals and highlights the document; the cursor in a document highlights its box', async ({ page }) => {
  const ed = new EditorPage(page);
  const d = new DiagramPage(page);
  await ed.open('default');
  // The client pod's document is at the end (lines 78–88), below what the editor shows at first.
  await expect.poll(() => ed.visibleLines()).toMatchObject({ first: 1 });
  expect((await ed.visibleLines()).last).toBeLessThan(79);

  await d.pod('default', 'client').click();
  await expect.poll(() => ed.selection()).toEqual({ key: 'Pod/default/client', source: 'diagram' });
  await expect(d.pod('default', 'client').locator('.d-pod')).toHaveClass(/is-selected/);
  await expect.poll(async () => (await ed.visibleLines()).last).toBeGreaterThanOrEqual(88);
  await expect(ed.highlighted().first()).toBeVisible();
  await expect(ed.root.locator('.view-line', { hasText: 'name: client' }).first()).toBeVisible();
  expect(await ed.hasFocus()).toBe(false); // the diagram keeps the keyboard
  await page.screenshot({ path: '/tmp/shots-h4/select-from-diagram.png' });

  // The other way: click into the web-nodeport Service's document in the editor.
  await ed.select('name: web-nodeport'); // scrolls it into view; then click it like a person
  await ed.clickLine('name: web-nodeport');
  await expect.poll(() => ed.selection()).toEqual({ key: 'Service/default/web-nodeport', source: 'editor' });
  await expect(d.service('default', 'web-nodeport').locator('.d-service')).toHaveClass(/is-selected/);
  await expect(d.pod('default', 'client').locator('.d-pod')).not.toHaveClass(/is-selected/);
  await expect(ed.highlighted()).toHaveCount(0); // the editor does not highlight its own cursor's document

  // A Deployment has no box of its own: its pods light up.
  await ed.select('kind: Deployment');
  await ed.clickLine('kind: Deployment');
  await expect.poll(() => ed.selection()).toEqual({ key: 'Deployment/default/web', source: 'editor' });
  await expect(d.podsStartingWith('default', 'web-').and(d.root.locator('.is-related'))).toHaveCount(3);
  await expect(d.service('default', 'web-nodeport').locator('.d-service')).not.toHaveClass(/is-selected/);
  await page.screenshot({ path: '/tmp/shots-h4/select-from-editor.png' });
});

test('a kind the engine does not simulate is marked so on the diagram and in the problems list', async ({ page }) => {
  const ed = new EditorPage(page);
  const d = new DiagramPage(page);
  await ed.open('clusterip');
  const policy = '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n';
  await ed.moveToEnd();
  await ed.paste(policy);
  await expect.poll(() => ed.storeText()).toBe(example('clusterip') + policy);

  const box = d.root.locator('.react-flow__node-unsimulated');
  await expect(box).toHaveCount(1);
  await expect(box).toBeVisible();
  await expect(box).toContainText('NetworkPolicy deny-all');
  await expect(box).toContainText('not simulated');
  await expect(box).toHaveAttribute('aria-label', 'NetworkPolicy deny-all, not simulated');
  const message = 'NetworkPolicy (networking.k8s.io/v1) is not simulated: the object is kept but has no effect on traffic';
  await expect(ed.problemsToggle).toContainText('1 warning');
  await expect(ed.problem(message)).toContainText('Warning:');
  await expect(ed.problem(message)).toContainText(/Ln 5\d, Col \d+/);
  await expect.poll(async () => (await ed.markers('kube-apiserver')).map((m) => [m.severity, m.message])).toEqual([['warning', message]]);
  // Traffic still flows: the policy changed nothing.
  await expect(d.service('default', 'go-helloworld')).toContainText('1 endpoint (1 ready)');
  await page.screenshot({ path: '/tmp/shots-h4/unsimulated.png' });
});
