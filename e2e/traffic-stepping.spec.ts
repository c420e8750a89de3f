// Stepping through a trace (issue 5, "Done when"): step back then forward (and forward then back)
// restores the same hop in the inspector, and the aria-live region reads every hop, in order, as the
// user steps with the buttons and with the arrow keys.
import { expect, test } from '@playwright/test';
import { TrafficPage } from './pages/traffic';
import { WorkbenchPage } from './pages/workbench';

async function sendAndPause(page: import('@playwright/test').Page): Promise<{ t: TrafficPage; n: number }> {
  const wb = new WorkbenchPage(page);
  await wb.open('clusterip');
  const t = new TrafficPage(page);
  await t.show();
  await t.sendFromPod('default/alpine', 'http://go-helloworld:8111/');
  await t.pause();
  await expect(t.outcome).toContainText('delivered');
  return { t, n: await t.rows().count() };
}

test('step back and forward restore the same hop in the inspector', async ({ page }) => {
  const { t, n } = await sendAndPause(page);
  expect(n).toBeGreaterThan(10);
  // go to a middle hop, remember the inspector exactly
  await t.rows().nth(Math.floor(n / 2)).click();
  const snapshot = async () => ({ heading: await t.inspector.getByRole('heading').textContent(), body: await t.inspector.innerText(), live: await t.live.textContent() });
  const here = await snapshot();
  await t.control('Step back').click();
  await expect(t.inspector.getByRole('heading')).not.toHaveText(here.heading!);
  await t.control('Step forward').click();
  await expect(t.inspector.getByRole('heading')).toHaveText(here.heading!);
  expect(await snapshot()).toEqual(here);
  await t.control('Step forward').click();
  await expect(t.inspector.getByRole('heading')).not.toHaveText(here.heading!);
  await t.control('Step back').click();
  await expect(t.inspector.getByRole('heading')).toHaveText(here.heading!);
  expect(await snapshot()).toEqual(here);
  await expect(t.panel.getByText(`${Math.floor(n / 2) + 1} / ${n}`)).toBeVisible();
});

test('the aria-live region reads each hop while stepping', async ({ page }) => {
  const { t, n } = await sendAndPause(page);
  await expect(t.live).toHaveAttribute('aria-live', 'polite');
  await t.control('Restart').click();
  await t.pause();
  // from the start: Next through every hop; each announcement names the hop and its sentence
  await t.rows().first().click();
  const heard: string[] = [];
  for (let i = 0; i < n; i++) {
    await expect(t.live).toHaveText(new RegExp(`^Hop ${i + 1} of ${n}: .+`));
    const sentence = (await t.inspector.locator('.traffic-sentence').textContent())!;
    await expect(t.live).toHaveText(`Hop ${i + 1} of ${n}: ${sentence}`);
    heard.push((await t.live.textContent())!);
    if (i < n - 1) await t.control('Step forward').click();
  }
  expect(new Set(heard).size).toBe(n);
  await expect(t.live).toContainText('The client receives the reply');
  // and back with the keyboard
  await t.hops.focus();
  await page.keyboard.press('ArrowUp');
  await expect(t.live).toHaveText(heard[n - 2]);
  await page.keyboard.press('Home');
  await expect(t.live).toHaveText(heard[0]);
  await page.keyboard.press('Enter');
  await expect(t.inspector).toBeFocused();
});
