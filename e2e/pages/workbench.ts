// Page object for the workbench frame: toolbar, notices, action log, status bar, and the page's store
// (window.__knp.store, exposed by persist/autosave.ts) for reading and setting the shareable state.
import { expect, type Locator, type Page } from '@playwright/test';

export interface SharedState {
  text: string;
  actions: string[];
  seed: number;
}

type Hooks = { __knp: { store: { getState(): Record<string, unknown> & SharedState } } };

export class WorkbenchPage {
  readonly title: Locator;
  readonly examplePicker: Locator;
  readonly notice: Locator;
  readonly restore: Locator;
  readonly dismissNotice: Locator;
  readonly statusBar: Locator;
  readonly counts: Locator;
  readonly actionLog: Locator;
  readonly actionInput: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole('heading', { name: 'Kube Net Playground' });
    this.examplePicker = page.getByRole('combobox', { name: 'Example' });
    this.notice = page.locator('.notice');
    this.restore = this.notice.getByRole('button', { name: 'Restore' });
    this.dismissNotice = this.notice.getByRole('button', { name: 'Dismiss notice' });
    this.statusBar = page.getByRole('contentinfo', { name: 'Status' });
    this.counts = page.getByTestId('status-counts');
    this.actionLog = page.getByRole('region', { name: 'Runtime actions' });
    this.actionInput = page.getByLabel('Add an action'); // a combobox: it suggests actions
  }

  /** Open a path (`/`, `/?example=nodeport`, a share link) and wait until the store is up. */
  async open(path: string): Promise<void> {
    await this.page.goto(path.startsWith('/') || path.startsWith('http') ? path : `/?example=${path}`);
    await this.ready();
  }

  /** Wait until the page is up with its store (e.g. a tab the app opened). */
  async ready(): Promise<void> {
    await expect(this.title).toBeVisible();
    await this.page.waitForFunction(() => Boolean((window as unknown as Partial<Hooks>).__knp?.store));
  }

  async state(): Promise<SharedState> {
    return this.page.evaluate(() => {
      const s = (window as unknown as Hooks).__knp.store.getState();
      return { text: s.text, actions: s.actions, seed: s.seed };
    });
  }

  /** Replace the manifest text the way the diagram or a command does (the editor shows it as an edit). */
  async setText(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      const s = (window as unknown as Hooks).__knp.store.getState() as unknown as { setManifestText(t: string, o: string): void };
      s.setManifestText(t, 'diagram');
    }, text);
  }

  /** Each Service's ClusterIP, as the running cluster allocated it ("ns/name" → IP). */
  async clusterIPs(): Promise<Record<string, string | null>> {
    return this.page.evaluate(() => {
      const s = (window as unknown as Hooks).__knp.store.getState() as unknown as { derived: { cluster: { services: { namespace: string; name: string; clusterIP: string | null }[] } } };
      return Object.fromEntries(s.derived.cluster.services.map((v) => [`${v.namespace}/${v.name}`, v.clusterIP]));
    });
  }

  /** Bring the side pane's Actions tab (the runtime-action log) forward. */
  async showActions(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Actions' }).click();
    await expect(this.actionLog).toBeVisible();
  }

  async addAction(action: string): Promise<void> {
    await this.showActions();
    await this.actionInput.fill(action);
    await this.actionLog.getByRole('button', { name: 'Add' }).click();
  }

  actionEntries(): Locator {
    return this.actionLog.getByRole('list', { name: 'Runtime actions' }).getByRole('listitem');
  }

  /** Wait until the debounced autosave has written `text`. */
  async waitForAutosave(text: string): Promise<void> {
    await expect
      .poll(() => this.page.evaluate(() => JSON.parse(localStorage.getItem('knp:autosave') ?? '{}').text as string | undefined))
      .toBe(text);
  }

  /** Build the share link with the Share button and read it from the dialog. */
  async shareLink(): Promise<string> {
    await this.page.getByRole('button', { name: 'Share' }).click();
    const field = this.page.getByRole('textbox', { name: 'Share link' });
    await expect(field).toHaveValue(/#s=/);
    const link = await field.inputValue();
    await this.page.getByRole('button', { name: 'Close' }).click();
    return link;
  }
}
