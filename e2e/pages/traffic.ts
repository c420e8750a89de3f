// Page object for the Traffic tab: the request composer, the outcome, the hop grid, the inspector,
// playback, the live region and the histogram.
import { expect, type Locator, type Page } from '@playwright/test';

export class TrafficPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly fromKind: Locator;
  readonly sourcePod: Locator;
  readonly to: Locator;
  readonly count: Locator;
  readonly send: Locator;
  readonly outcome: Locator;
  readonly hops: Locator;
  readonly inspector: Locator;
  readonly live: Locator;
  readonly histogram: Locator;
  readonly whatIf: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Traffic' });
    this.panel = page.getByRole('region', { name: 'Traffic' });
    this.fromKind = this.panel.getByLabel('From', { exact: true });
    this.sourcePod = this.panel.getByRole('combobox', { name: 'Source pod' });
    this.to = this.panel.getByLabel('To', { exact: true });
    this.count = this.panel.getByLabel('Count');
    this.send = this.panel.getByRole('button', { name: 'Send' });
    this.outcome = this.panel.getByTestId('traffic-outcome');
    this.hops = this.panel.getByRole('grid', { name: 'Hops' });
    this.inspector = this.panel.getByRole('region', { name: 'Hop inspector' });
    this.live = this.panel.getByTestId('traffic-live');
    this.histogram = this.panel.getByRole('region', { name: 'Distribution' });
    this.whatIf = this.panel.getByTestId('traffic-whatif');
  }

  async show(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
  }

  /** Compose and send a request from a pod ("NS/NAME"). */
  async sendFromPod(pod: string, to: string, count = 1): Promise<void> {
    await this.fromKind.selectOption('pod');
    await this.sourcePod.selectOption({ label: pod });
    await this.to.fill(to);
    await this.count.fill(String(count));
    await this.send.click();
  }

  rows(): Locator {
    return this.hops.locator('tbody tr');
  }

  currentRow(): Locator {
    return this.hops.locator('tbody tr[aria-selected="true"]');
  }

  control(name: 'Play' | 'Pause' | 'Step back' | 'Step forward' | 'Restart'): Locator {
    return this.panel.getByRole('toolbar', { name: 'Playback' }).getByRole('button', { name, exact: true });
  }

  async pause(): Promise<void> {
    const pause = this.control('Pause');
    if (await pause.isVisible()) await pause.click();
    await expect(this.control('Play')).toBeVisible();
  }
}
