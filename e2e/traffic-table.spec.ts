// The topology table view (issue 5, accessibility): the "Table" side tab lists the example's nodes,
// pods, Services and endpoints as HTML tables with captions and headers; activating a row (mouse or
// keyboard) selects the object, so the diagram follows; columns sort.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DiagramPage } from './pages/diagram';

class TablePage {
  readonly tab: Locator;
  readonly panel: Locator;
  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Table' });
    this.panel = page.getByRole('region', { name: 'Topology table' });
  }
  async show(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
  }
  table(title: 'Nodes' | 'Pods' | 'Services' | 'Endpoints'): Locator {
    return this.panel.getByRole('table', { name: new RegExp(`^${title} \\(`) });
  }
  rowHeader(title: 'Nodes' | 'Pods' | 'Services' | 'Endpoints', name: string | RegExp): Locator {
    return this.table(title).getByRole('button', { name, exact: true });
  }
  selection(): Promise<string | null> {
    return this.page.evaluate(() => (window as any).__knp.store.getState().selection);
  }
}

test('the table lists the example\'s nodes, pods and Services; selecting a row selects the object', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('nodeport');
  const t = new TablePage(page);
  await t.show();
  await expect(t.table('Nodes')).toHaveAccessibleName('Nodes (3)');
  await expect(t.table('Nodes').getByRole('rowheader')).toHaveText(['kind-control-plane', 'kind-worker', 'kind-worker2']);
  await expect(t.table('Nodes').getByRole('columnheader').first()).toHaveText(/Name/);
  await expect(t.table('Pods')).toHaveAccessibleName('Pods (3)');
  await expect(t.table('Pods').getByRole('rowheader')).toHaveText([/^myapp-/, /^myapp-/, /^myapp-/]);
  await expect(t.table('Services')).toHaveAccessibleName('Services (2)');
  const svcRow = t.table('Services').getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'myapp-service' }) });
  await expect(svcRow).toContainText('NodePort');
  await expect(svcRow).toContainText('80:30008/TCP');
  await expect(t.table('Endpoints').getByRole('row').filter({ hasText: 'default/myapp-service' })).toHaveCount(3);
  await expect(t.table('Endpoints').getByRole('row').filter({ hasText: 'default/myapp-service' }).first()).toContainText(/10\.244\.\d+\.\d+:80\/TCP.*default\/myapp-.*kind-worker.*ready/);

  // mouse: the Service row selects the Service; the diagram shows it selected
  await t.rowHeader('Services', 'myapp-service').click();
  await expect.poll(() => t.selection()).toBe('Service/default/myapp-service');
  await expect(d.service('default', 'myapp-service')).toHaveClass(/selected/);
  await expect(t.rowHeader('Services', 'myapp-service')).toHaveAttribute('aria-current', 'true');

  // keyboard: Down moves between rows, Enter selects
  await t.rowHeader('Nodes', 'kind-control-plane').focus();
  await page.keyboard.press('ArrowDown');
  await expect(t.rowHeader('Nodes', 'kind-worker')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => t.selection()).toBe('Node//kind-worker');

  // an endpoint row selects its pod
  const first = t.table('Endpoints').getByRole('row').filter({ hasText: 'default/myapp-service' }).first().getByRole('button');
  await first.click();
  await expect.poll(() => t.selection()).toMatch(/^Pod\/default\/myapp-/);
  await page.screenshot({ path: '/tmp/shots-h6/table-light.png' });
});

test('columns sort both ways and the filter narrows the rows', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('nodeport');
  const t = new TablePage(page);
  await t.show();
  const nodes = t.table('Nodes');
  const byName = nodes.getByRole('columnheader', { name: /Name/ });
  await byName.getByRole('button').click();
  await expect(byName).toHaveAttribute('aria-sort', 'ascending');
  await byName.getByRole('button').click();
  await expect(byName).toHaveAttribute('aria-sort', 'descending');
  await expect(nodes.getByRole('rowheader')).toHaveText(['kind-worker2', 'kind-worker', 'kind-control-plane']);
  await t.panel.getByLabel('Filter').fill('worker2');
  await expect(nodes).toHaveAccessibleName('Nodes (1 of 3)');
  await expect(nodes.getByRole('rowheader')).toHaveText(['kind-worker2']);
});

test('dark theme screenshot', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const d = new DiagramPage(page);
  await d.open('loadbalancer');
  const t = new TablePage(page);
  await t.show();
  await t.rowHeader('Services', 'frontend-svc').click();
  await expect(t.table('Services')).toContainText(/192\.168\.49\.2\d\d/);
  await page.screenshot({ path: '/tmp/shots-h6/table-dark.png' });
});
