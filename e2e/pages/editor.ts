// Page object for the YAML editor and the Problems list. Monaco renders only the visible lines, so the
// text, cursor and markers are read from the model through window.__knp.editor / __knp.monaco, which
// src/app/editor/binding.ts exposes in dev and prod builds alike.
import { expect, type Locator, type Page } from '@playwright/test';

export interface Marker {
  owner: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

interface Pos {
  lineNumber: number;
  column: number;
}

interface RangeLike extends Pos {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** The slice of Monaco's API the tests use (kept structural: the tests do not import Monaco). */
interface EditorHook {
  getValue(): string;
  getPosition(): Pos | null;
  setPosition(p: Pos): void;
  setSelection(r: Omit<RangeLike, 'lineNumber' | 'column'>): void;
  revealRangeInCenterIfOutsideViewport(r: Omit<RangeLike, 'lineNumber' | 'column'>, scrollType?: number): void;
  focus(): void;
  hasTextFocus(): boolean;
  updateOptions(o: Record<string, unknown>): void;
  getModel(): {
    findMatches(s: string, searchOnlyEditableRange: boolean, isRegex: boolean, matchCase: boolean, wordSeparators: string | null, captureMatches: boolean): { range: RangeLike }[];
    getLineCount(): number;
    getLineMaxColumn(line: number): number;
    getLineContent(line: number): string;
    canUndo(): boolean;
  };
  getVisibleRanges(): RangeLike[];
}
interface Hooks {
  __knp: {
    editor: EditorHook;
    monaco: { editor: { getModelMarkers(filter: { owner?: string }): (Omit<Marker, 'severity'> & { severity: number })[] } };
    store: { getState(): { text: string; selection: string | null; selectionSource: string | null; select(key: string, source: string): void } };
  };
}

export class EditorPage {
  readonly root: Locator;
  readonly problems: Locator;
  readonly problemsToggle: Locator;
  readonly counts: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('yaml-editor');
    this.problems = page.getByRole('region', { name: 'Problems' });
    this.problemsToggle = this.problems.getByRole('button', { name: /^Problems/ });
    this.counts = page.getByTestId('status-counts');
  }

  /** Open an example and wait until Monaco is up with its model. */
  async open(example: string): Promise<void> {
    await this.page.goto(`/?example=${example}`);
    await this.page.waitForFunction(() => Boolean((window as unknown as Partial<Hooks>).__knp?.editor));
    await expect(this.root.locator('.monaco-editor')).toBeVisible();
  }

  value(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as Hooks).__knp.editor.getValue());
  }

  storeText(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as Hooks).__knp.store.getState().text);
  }

  selection(): Promise<{ key: string | null; source: string | null }> {
    return this.page.evaluate(() => {
      const s = (window as unknown as Hooks).__knp.store.getState();
      return { key: s.selection, source: s.selectionSource };
    });
  }

  /** The cursor, 1-based as Monaco counts. */
  cursor(): Promise<Pos | null> {
    return this.page.evaluate(() => (window as unknown as Hooks).__knp.editor.getPosition());
  }

  markers(owner?: string): Promise<Marker[]> {
    return this.page.evaluate((o) => {
      const { monaco } = (window as unknown as Hooks).__knp;
      const sev: Record<number, Marker['severity']> = { 8: 'error', 4: 'warning', 2: 'info', 1: 'info' };
      return monaco.editor.getModelMarkers(o ? { owner: o } : {}).map((m) => ({
        owner: m.owner,
        severity: sev[m.severity] ?? 'info',
        message: m.message,
        startLineNumber: m.startLineNumber,
        startColumn: m.startColumn,
        endLineNumber: m.endLineNumber,
        endColumn: m.endColumn,
      }));
    }, owner);
  }

  /** Select the `index`-th exact occurrence of `text` (case-sensitive), scroll it into view and focus the editor. */
  async select(text: string, index = 0): Promise<RangeLike> {
    return this.page.evaluate(
      ({ text, index }) => {
        const ed = (window as unknown as Hooks).__knp.editor;
        const m = ed.getModel().findMatches(text, false, false, true, null, false)[index];
        if (!m) throw new Error(`"${text}" is not in the editor`);
        ed.setSelection(m.range);
        ed.revealRangeInCenterIfOutsideViewport(m.range, 1); // 1 = ScrollType.Immediate
        ed.focus();
        return m.range;
      },
      { text, index },
    );
  }

  /** Put the cursor at the very end of the text and focus the editor. */
  async moveToEnd(): Promise<void> {
    await this.page.evaluate(() => {
      const ed = (window as unknown as Hooks).__knp.editor;
      const model = ed.getModel();
      const line = model.getLineCount();
      ed.setPosition({ lineNumber: line, column: model.getLineMaxColumn(line) });
      ed.focus();
    });
  }

  /** Click into the text of line `line` (it must be on screen), as a person would. */
  async clickLine(text: string): Promise<void> {
    await this.root.locator('.view-line', { hasText: text }).first().click();
  }

  /** Type as a person would (single lines: Monaco re-indents typed newlines). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /**
   * Type lines with the keyboard, one key at a time, as a person would: Enter, then Backspace or spaces
   * until Monaco's automatic indentation matches the line's own, then the line. Escape before each
   * Enter closes the completion list, and Enter is told not to accept suggestions meanwhile.
   * Avoid brackets and quotes: Monaco closes them by itself.
   */
  async typeLines(lines: string[]): Promise<void> {
    // A completion that arrives late could still take the Enter: for typing lines, Enter only breaks lines.
    await this.page.evaluate(() => (window as unknown as Hooks).__knp.editor.updateOptions({ acceptSuggestionOnEnter: 'off' }));
    for (const [i, line] of lines.entries()) {
      if (i > 0) {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('Enter');
      }
      const want = line.length - line.trimStart().length;
      for (let guard = 0; guard < 40; guard++) {
        const have = await this.indentBeforeCursor();
        if (have < 0) throw new Error(`the line has text before the cursor; cannot type "${line}"`);
        if (have === want) break;
        if (have > want) await this.page.keyboard.press('Backspace');
        else await this.page.keyboard.type(' '.repeat(want - have));
      }
      await this.page.keyboard.type(line.trimStart());
    }
    await this.page.keyboard.press('Escape');
    await this.page.evaluate(() => (window as unknown as Hooks).__knp.editor.updateOptions({ acceptSuggestionOnEnter: 'on' }));
  }

  /** Spaces before the cursor on its line (-1 when there is other text before it). */
  private indentBeforeCursor(): Promise<number> {
    return this.page.evaluate(() => {
      const ed = (window as unknown as Hooks).__knp.editor;
      const pos = ed.getPosition()!;
      const before = ed.getModel().getLineContent(pos.lineNumber).slice(0, pos.column - 1);
      return /^ *$/.test(before) ? before.length : -1;
    });
  }

  /** The first and last line Monaco shows. */
  visibleLines(): Promise<{ first: number; last: number }> {
    return this.page.evaluate(() => {
      const r = (window as unknown as Hooks).__knp.editor.getVisibleRanges();
      return { first: r[0].startLineNumber, last: r[r.length - 1].endLineNumber };
    });
  }

  /** Paste multi-line text: a ClipboardEvent on the element that has focus inside Monaco. */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      const target = document.activeElement;
      if (!target?.closest('.monaco-editor')) throw new Error('the editor does not have focus');
      const data = new DataTransfer();
      data.setData('text/plain', t);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** The rows of the Problems list. */
  problemItems(): Locator {
    return this.problems.locator('li.problem');
  }

  problem(message: string): Locator {
    return this.problems.getByRole('button', { name: message });
  }

  /** Select an object the way the diagram does (the editor should reveal it without taking focus). */
  async selectFromDiagram(key: string): Promise<void> {
    await this.page.evaluate((k) => (window as unknown as Hooks).__knp.store.getState().select(k, 'diagram'), key);
  }

  highlighted(): Locator {
    return this.root.locator('.knp-selected-object');
  }

  hasFocus(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as Hooks).__knp.editor.hasTextFocus());
  }
}
