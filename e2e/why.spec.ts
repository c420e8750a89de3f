import { expect, test, type Locator, type Page } from '@playwright/test';
import { DiagramPage } from './pages/diagram';
import { EditorPage } from './pages/editor';
import { WorkbenchPage } from './pages/workbench';

/** The Why tab: Service picker, verdict, selector table, findings and their fix buttons. */
class WhyPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly service: Locator;
  readonly verdict: Locator;
  readonly table: Locator;
  readonly findings: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Why' });
    this.panel = page.getByRole('region', { name: 'Why no endpoints' });
    this.service = this.panel.getByLabel('Service');
    this.verdict = this.panel.getByTestId('why-verdict');
    this.table = this.panel.getByRole('table');
    this.findings = this.panel.getByRole('list', { name: 'Findings' }).getByRole('listitem');
    this.status = this.panel.getByRole('status');
  }

  finding(kind: 'Cause' | 'Near-miss' | 'Note'): Locator {
    return this.findings.filter({ hasText: new RegExp(`^${kind}`, 'i') });
  }
}

const TYPO = (t: string) => t.replace('  selector:\n    app: go-helloworld\n  ports', '  selector:\n    app: go-helloworl\n  ports');

test('a selector typo: the diagram flag opens Why, the near-miss pod is named, the one-click fix repairs it', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open('clusterip');
  const wb = new WorkbenchPage(page);
  const diagram = new DiagramPage(page);
  const { text } = await wb.state();
  expect(TYPO(text)).not.toBe(text);
  await wb.setText(TYPO(text));

  const box = diagram.service('default', 'go-helloworld');
  await expect(box.locator('.d-flag')).toContainText('no endpoints: selector app=go-helloworl matches no pod');
  await expect(diagram.endpointEdges('Service/default/go-helloworld')).toHaveCount(0);

  // the flag's "Why?" opens the Why tab on this Service
  await box.getByRole('button', { name: /^Why\?/ }).click();
  const why = new WhyPage(page);
  await expect(why.tab).toHaveAttribute('aria-selected', 'true');
  await expect(why.service).toHaveValue('Service/default/go-helloworld');
  await expect(why.verdict).toContainText('No ready endpoints');
  await expect(why.verdict).toContainText('8111→6112/TCP 0/0 ready');

  // the selector against the pods' labels: the Deployment's pod has the key with another value
  await expect(why.table).toContainText('app=go-helloworl');
  const podRow = why.table.getByRole('row').filter({ hasText: /^go-helloworld-/ });
  await expect(podRow).toContainText('go-helloworld');
  await expect(podRow.getByRole('cell', { name: 'go-helloworld does not match' })).toBeVisible();
  await expect(podRow.getByRole('cell', { name: 'not selected' })).toBeVisible();

  await expect(why.finding('Cause')).toContainText('No pod in namespace default has all of the selector\'s labels app=go-helloworl.');
  const near = why.finding('Near-miss');
  await expect(near).toHaveCount(1);
  await expect(near).toContainText(/Pod go-helloworld-\S+ \(from the pod template of Deployment go-helloworld\) has app=go-helloworld; the selector wants app=go-helloworl \(a typo\?\)\./);

  // one click: the Service's selector takes the pod template's value
  await near.getByRole('button', { name: /Change the Service's selector to app=go-helloworld \(the label in the pod template of Deployment go-helloworld\)/ }).click();
  await expect(why.status).toContainText('Applied: Change the Service');
  await expect(why.verdict).toContainText('Has ready endpoints');
  await expect(why.verdict).toContainText('1/1 ready');
  await expect(why.finding('Note')).toContainText('The Service has 1 ready endpoint.');

  // the diagram: no flag, an endpoint edge; the editor: the fixed selector (a minimal edit)
  await expect(box.locator('.d-flag')).toHaveCount(0);
  await expect(diagram.endpointEdges('Service/default/go-helloworld')).toHaveCount(1);
  await expect.poll(() => editor.value()).toBe(text);
  expect((await wb.state()).text).toBe(text);
});

test('without a selection the tab lists the Services without ready endpoints; a named targetPort fix', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('clusterip');
  const { text } = await wb.state();
  const broken = text.replace('targetPort: 6112', 'targetPort: web').replace('        - containerPort: 6112\n', '        - containerPort: 6112\n          name: http\n');
  expect(broken).not.toBe(text);
  await wb.setText(broken);

  const why = new WhyPage(page);
  await why.tab.click();
  await expect(why.panel).toContainText('1 Service without ready endpoints');
  await expect(why.service).toHaveValue('Service/default/go-helloworld');
  const cause = why.finding('Cause');
  await expect(cause).toContainText('targets the port named "web", which no container of Pod go-helloworld-');
  await expect(cause).toContainText('its ports: http (6112/TCP)');
  await cause.getByRole('button', { name: /Set the Service's targetPort to "http" \(container port 6112\)/ }).click();
  await expect(why.verdict).toContainText('Has ready endpoints');
  expect((await wb.state()).text).toBe(broken.replace('targetPort: web', 'targetPort: http'));
  await expect(why.panel).toContainText('Every Service has ready endpoints.');
});

test('pods made not ready by runtime actions: the fix removes those actions', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('podinfo');
  const pods = await page.evaluate(() =>
    (window as unknown as { __knp: { store: { getState(): { derived: { cluster: { pods: { namespace: string; name: string }[] } } } } } }).__knp.store
      .getState()
      .derived.cluster.pods.filter((p) => p.namespace === 'default' && p.name.startsWith('podinfo-'))
      .map((p) => p.name),
  );
  expect(pods).toHaveLength(3);
  for (const p of pods) await wb.addAction(`not-ready pod/default/${p}`);
  await expect(wb.actionEntries()).toHaveCount(3);

  const why = new WhyPage(page);
  await why.tab.click();
  await expect(why.service).toHaveValue('Service/default/podinfo');
  await expect(why.verdict).toContainText('0/3 ready');
  await expect(why.table.getByRole('cell', { name: 'not ready' })).toHaveCount(3);
  const cause = why.finding('Cause');
  await expect(cause).toContainText('and 2 more (from the pod template of Deployment podinfo) is not Ready');
  await cause.getByRole('button', { name: /Remove the 3 "not-ready" actions/ }).click();
  await expect(why.verdict).toContainText('3/3 ready');
  expect((await wb.state()).actions).toEqual([]);
});
