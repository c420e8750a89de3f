// Lines estimated to fit their box paint without a clip (src/app/diagram/fit.ts), and Service, pod and
// node boxes without their own. These check in Chromium that the estimate errs the right way: no line
// marked d-fit overflows, no unclipped box spills, and a line that is too long keeps its clip.
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLE_SLUGS } from '../examples/index';
import { DiagramPage } from './pages/diagram';

test.use({ viewport: { width: 1600, height: 1000 } });

interface Overflow {
  what: string;
  text: string;
  scroll: number;
  client: number;
}

/** Every d-fit line wider than its box, and every unclipped box whose content spills. */
async function overflows(page: Page): Promise<{ bad: Overflow[]; fit: number; clipped: number }> {
  return page.evaluate(() => {
    const bad: Overflow[] = [];
    const fitEls = [...document.querySelectorAll<HTMLElement>('.react-flow__node .d-fit')];
    for (const el of fitEls) if (el.scrollWidth > el.clientWidth) bad.push({ what: 'line', text: el.textContent ?? '', scroll: el.scrollWidth, client: el.clientWidth });
    // an unclipped box: each of its children (lines, the flag) ends inside the box (scrollHeight would
    // count the bottom padding as overflow too). A pod's last line box reaches 1 px into the bottom
    // border, where the clip used to cut it: that pixel is the line's empty leading, not ink.
    for (const box of document.querySelectorAll<HTMLElement>('.react-flow__node .d-unclipped')) {
      for (const el of box.children as HTMLCollectionOf<HTMLElement>) {
        if (el.classList.contains('d-handle') || el.offsetParent !== box) continue;
        const right = el.offsetLeft + el.offsetWidth - box.offsetWidth + box.clientLeft;
        const bottom = el.offsetTop + el.offsetHeight - box.offsetHeight + box.clientTop;
        if (right > 0 || bottom > 0) bad.push({ what: 'box', text: el.textContent ?? '', scroll: Math.max(right, bottom), client: 0 });
      }
    }
    const clipped = document.querySelectorAll('.react-flow__node :is(.d-line, .d-title):not(.d-fit)').length;
    return { bad, fit: fitEls.length, clipped };
  });
}

test('every built-in example: lines marked to fit do fit, and unclipped boxes do not spill', async ({ page }) => {
  const d = new DiagramPage(page);
  for (const slug of EXAMPLE_SLUGS) {
    await d.open(slug);
    await expect(d.root.locator('.d-fit').first()).toBeAttached();
    const r = await overflows(page);
    expect(r.bad, slug).toEqual([]);
    expect(r.fit, slug).toBeGreaterThan(0);
  }
});

/** Names and labels at and past the widths where the estimate flips, in the widest letters. */
function widths(): string {
  const docs: string[] = [];
  const names = [8, 12, 14, 16, 18, 20, 24, 30, 40, 63].flatMap((n) => ['m', 'w', 'a', '0'].map((c) => `${c === '0' ? 's' : c}${c.repeat(n - 1)}`));
  for (const [i, name] of names.entries()) {
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${i % 3 === 0 ? 'wmwmwmwm' : 'default'}\nspec:\n  selector:\n    ${'W'.repeat(1 + (i % 20))}: ${'M'.repeat(i % 40)}\n  ports:\n  - name: ${'m'.repeat(1 + (i % 15))}\n    port: ${1 + i * 1021}\n    targetPort: ${'w'.repeat(1 + (i % 15))}\n`);
  }
  for (const [i, n] of [10, 16, 20, 24, 30].entries()) {
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${'m'.repeat(n)}\n  labels:\n    ${'W'.repeat(3 + i * 3)}: ${'M'.repeat(2 + i * 4)}\nspec:\n  nodeName: kind-worker\n  containers:\n  - name: c\n    image: nginx\n`);
  }
  docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: wmwmwmwm\n`);
  return docs.join('---\n');
}

test('the widest names and labels: no d-fit line overflows; a 63-letter name keeps its clip', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('default');
  await d.setText(widths());
  const long = d.service('default', `a${'a'.repeat(62)}`);
  await expect(long).toBeAttached();
  await expect(d.pod('default', 'm'.repeat(30))).toBeAttached();
  const r = await overflows(page);
  expect(r.bad).toEqual([]);
  // both kinds are exercised: short lines fit, the long ones keep their clip and ellipsis
  expect(r.fit).toBeGreaterThan(20);
  expect(r.clipped).toBeGreaterThan(20);
  await expect(long.locator('.d-title')).not.toHaveClass(/d-fit/);
  await expect(d.service('default', 'a'.repeat(8)).locator('.d-title')).toHaveClass(/d-fit/);
});
