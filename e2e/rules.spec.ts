import { expect, test, type Locator, type Page } from '@playwright/test';
import { TrafficPage } from './pages/traffic';
import { WorkbenchPage } from './pages/workbench';

/** The Rules tab: node picker, table switch, line filter, the traversed-rules list and the dump's lines. */
class RulesPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly node: Locator;
  readonly filter: Locator;
  readonly context: Locator;
  readonly traversed: Locator;
  readonly dump: Locator;
  readonly lines: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Rules' });
    this.panel = page.getByRole('region', { name: 'Rules' });
    this.node = this.panel.getByLabel('Node');
    this.filter = this.panel.getByLabel('Filter lines');
    this.context = this.panel.locator('.rules-context');
    this.traversed = this.panel.getByRole('list', { name: 'Rules traversed' });
    this.dump = this.panel.getByRole('region', { name: /^iptables-save -t / });
    this.lines = this.dump.getByTestId('rule-line');
  }

  async show(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
  }

  table(name: 'nat' | 'filter'): Locator {
    return this.panel.getByRole('group', { name: 'Table' }).getByRole('button', { name, exact: true });
  }
}

async function podIP(page: Page, prefix: string): Promise<{ ip: string; node: string }> {
  return page.evaluate((p) => {
    const s = (window as unknown as { __knp: { store: { getState(): { derived: { cluster: { pods: { name: string; ip: string | null; nodeName: string | null }[] } } } } } }).__knp.store.getState();
    const pod = s.derived.cluster.pods.find((x) => x.name.startsWith(p))!;
    return { ip: pod.ip ?? '', node: pod.nodeName ?? '' };
  }, prefix);
}

test('a ClusterIP request highlights the KUBE-SVC jump and the KUBE-SEP DNAT line, in order', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('clusterip');
  const clusterIP = (await wb.clusterIPs())['default/go-helloworld']!;
  const backend = await podIP(page, 'go-helloworld-');
  const client = await podIP(page, 'alpine');
  const t = new TrafficPage(page);
  await t.show();
  await t.sendFromPod('default/alpine', 'http://go-helloworld:8111/');
  await t.pause();
  const dnatHop = t.rows().filter({ hasText: 'dnat' }).filter({ hasText: `${clusterIP}:8111 ⇒` });
  await dnatHop.click();

  const r = new RulesPage(page);
  await r.show();
  // the node is the one whose kube-proxy made the decision: the client pod's node
  await expect(r.node).toHaveValue(client.node);
  await expect(r.context).toContainText(`iptables-save -t nat on ${client.node}`);
  await expect(r.table('nat')).toHaveAttribute('aria-pressed', 'true');

  // the watched hop's rules, numbered in traversal order: KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…
  const current = r.traversed.locator('li.is-current');
  await expect(current).toHaveCount(3);
  await expect(current.nth(0)).toContainText('KUBE-SERVICES');
  await expect(current.nth(1)).toContainText(/KUBE-SVC-[A-Z0-9]{16}/);
  await expect(current.nth(2)).toContainText(/KUBE-SEP-[A-Z0-9]{16}/);
  const steps = await current.locator('.rules-step-n').allTextContents();
  expect(steps.map(Number)).toEqual([Number(steps[0]), Number(steps[0]) + 1, Number(steps[0]) + 2]);

  // the first highlighted line is scrolled into view: the KUBE-SERVICES jump to the Service's chain
  const svcJump = r.lines.filter({ hasText: new RegExp(`-A KUBE-SERVICES .*default/go-helloworld cluster IP.* -d ${clusterIP.replace(/\./g, '\\.')} .*-j KUBE-SVC-`) });
  await expect(svcJump).toHaveCount(1);
  await expect(svcJump).toBeInViewport();
  await expect(svcJump).toHaveClass(/is-current/);
  await expect(svcJump).toHaveAttribute('data-steps', steps[0]);

  // the KUBE-SVC chain's jump to the picked endpoint
  await current.nth(1).getByRole('button').first().click();
  const sepJump = r.lines.filter({ hasText: /-A KUBE-SVC-[A-Z0-9]{16} .*-j KUBE-SEP-/ }).and(r.dump.locator('.is-current'));
  await expect(sepJump).toHaveCount(1);
  await expect(sepJump).toHaveAttribute('data-steps', String(Number(steps[0]) + 1));

  // the matched KUBE-SEP chain's DNAT to the backend pod
  await current.nth(2).getByRole('button').first().click();
  const dnat = r.lines.filter({ hasText: new RegExp(`-A KUBE-SEP-[A-Z0-9]{16} .*-j DNAT .*--to-destination ${backend.ip.replace(/\./g, '\\.')}:6112`) });
  await expect(dnat).toHaveCount(1);
  await expect(dnat).toBeInViewport();
  await expect(dnat).toHaveClass(/is-current/);
  await expect(dnat).toHaveAttribute('data-steps', String(Number(steps[0]) + 2));
  await expect(r.panel.locator('.rules-full')).toContainText(`--to-destination ${backend.ip}:6112`);
  // the SEP chain named in the SVC jump is the one whose DNAT line is highlighted
  const sepChain = /-j (KUBE-SEP-[A-Z0-9]{16})/.exec((await sepJump.textContent())!)![1];
  await expect(dnat).toContainText(`-A ${sepChain} `);

  // the dump is keyboard-usable: the scroll region takes focus
  await r.dump.focus();
  await expect(r.dump).toBeFocused();
});

test('the dump follows the manifests live; the filter box and the table switch', async ({ page }) => {
  const wb = new WorkbenchPage(page);
  await wb.open('clusterip');
  const r = new RulesPage(page);
  await r.show();
  await expect(r.context).toContainText('iptables-save -t nat on ');

  // the Service's DNAT lines: one per endpoint
  await r.filter.fill('default/go-helloworld -m tcp -p tcp -j DNAT');
  await expect(r.lines).toHaveCount(1);
  await expect(r.context).toContainText(/1 of \d+ lines/);

  const { text } = await wb.state();
  await wb.setText(text.replace('replicas: 1', 'replicas: 3'));
  await expect(r.lines).toHaveCount(3);
  await expect(r.context).toContainText(/3 of \d+ lines/);

  // the filter table holds no DNAT
  await r.table('filter').click();
  await expect(r.context).toContainText('iptables-save -t filter on ');
  await expect(r.lines).toHaveCount(0);
  await r.filter.fill('');
  await expect(r.lines.first()).toHaveText(/\*filter/);
});
