// The packet overlay: after a request is sent, one canvas above the diagram draws the packet at the
// current hop's element (checked through window.__knp.animation.last() and a canvas pixel), and a
// refused request (a Service without endpoints) leaves a red failure mark with its reason.
import { expect, test, type Page } from '@playwright/test';
import { DiagramPage } from './pages/diagram';

test.use({ viewport: { width: 1600, height: 1000 } });

interface Drawn {
  kind: string;
  label: string;
  x: number;
  y: number;
  reason?: string;
}

/** The overlay seen through its test hook (pane-local CSS pixels). */
class PacketOverlayPage {
  constructor(readonly page: Page) {}

  readonly canvas = () => this.page.getByTestId('packet-overlay');

  async send(to: string): Promise<number> {
    return this.page.evaluate((url) => {
      const st = (window as any).__knp.store.getState();
      st.sendRequest({ from: { kind: 'pod', key: 'Pod/default/alpine' }, to: url });
      const s = (window as any).__knp.store.getState();
      // Stop the traffic panel's autoplay so the cursor stays where the test puts it.
      s.setPlaying(false);
      return s.traffic ? s.traffic.hops.length + s.traffic.reply.hops.length : 0;
    }, to);
  }

  async setCursor(i: number): Promise<void> {
    await this.page.evaluate((n) => (window as any).__knp.store.getState().setCursor(n), i);
  }

  async hopAt(i: number): Promise<{ at: string; action: string }> {
    return this.page.evaluate((n) => {
      const t = (window as any).__knp.store.getState().traffic;
      const h = [...t.hops, ...t.reply.hops][n];
      return { at: h.at, action: h.action };
    }, i);
  }

  async last(): Promise<{ packet: Drawn | null; failures: Drawn[] }> {
    return this.page.evaluate(() => (window as any).__knp.animation.last());
  }

  /** Alpha of the canvas pixel at pane-local CSS coordinates (max over a small square). */
  async alphaNear(x: number, y: number): Promise<number> {
    return this.page.evaluate(
      ({ x, y }) => {
        const c = document.querySelector<HTMLCanvasElement>('[data-testid="packet-overlay"]')!;
        const dpr = c.width / c.clientWidth;
        const d = c.getContext('2d')!.getImageData(Math.round((x - 3) * dpr), Math.round((y - 3) * dpr), Math.ceil(6 * dpr), Math.ceil(6 * dpr)).data;
        let a = 0;
        for (let i = 3; i < d.length; i += 4) a = Math.max(a, d[i]);
        return a;
      },
      { x, y },
    );
  }
}

test('a request draws its packet on the overlay at the hop element', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' }); // packets jump to each hop: no waiting on glides
  const d = new DiagramPage(page);
  await d.open('clusterip');
  const o = new PacketOverlayPage(page);
  await expect(o.canvas()).toBeAttached();
  const n = await o.send('http://go-helloworld:8111');
  expect(n).toBeGreaterThan(4);
  // The last hop: the reply reaches the client pod (alpine): the packet sits on alpine's box.
  await o.setCursor(n - 1);
  await expect.poll(async () => (await o.last()).packet?.kind).toBe('reply');
  const { packet } = await o.last();
  const pane = await d.root.locator('.react-flow').boundingBox();
  const pod = await d.pod('default', 'alpine').boundingBox();
  expect(pane && pod && packet).toBeTruthy();
  const cx = pod!.x - pane!.x + pod!.width / 2;
  const cy = pod!.y - pane!.y + pod!.height / 2;
  expect(Math.abs(packet!.x - cx)).toBeLessThan(2);
  expect(Math.abs(packet!.y - cy)).toBeLessThan(2);
  expect(await o.alphaNear(packet!.x, packet!.y)).toBeGreaterThan(0);
  // Clearing the traffic leaves no packet behind.
  await page.evaluate(() => (window as any).__knp.store.getState().clearTraffic());
  await expect.poll(async () => (await o.last()).packet).toBeNull();
  expect(await o.alphaNear(packet!.x, packet!.y)).toBe(0);
});

test('a packet glides between hops when motion is allowed', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('clusterip');
  const o = new PacketOverlayPage(page);
  const n = await o.send('http://go-helloworld:8111');
  await o.setCursor(n - 3);
  await expect.poll(async () => (await o.last()).packet !== null).toBe(true);
  await page.evaluate(() => (window as any).__knp.store.getState().setSpeed(0.25)); // a 2 s glide
  await o.setCursor(n - 2);
  const seen = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const p = (await o.last()).packet;
    if (p) seen.add(`${Math.round(p.x)},${Math.round(p.y)}`);
    await page.waitForTimeout(150);
  }
  expect(seen.size).toBeGreaterThan(1);
});

test('a refused request leaves a red failure mark with its reason', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const d = new DiagramPage(page);
  await d.open('clusterip');
  await page.evaluate(() => {
    const st = (window as any).__knp.store.getState();
    const svc = '\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: nobody\nspec:\n  selector:\n    app: nobody-home\n  ports:\n    - port: 80\n';
    st.setManifestText(st.text + svc, 'import');
  });
  await expect(d.service('default', 'nobody')).toBeVisible();
  const o = new PacketOverlayPage(page);
  const n = await o.send('http://nobody:80');
  const outcome = await page.evaluate(() => (window as any).__knp.store.getState().traffic.outcome);
  expect(outcome).toBe('refused');
  await o.setCursor(n - 1);
  await expect.poll(async () => (await o.last()).failures.length).toBeGreaterThan(0);
  const { failures } = await o.last();
  expect(failures[0].reason ?? '').toMatch(/no endpoints|reject/i);
  expect(await o.alphaNear(failures[0].x, failures[0].y)).toBeGreaterThan(0);
  await page.screenshot({ path: '/tmp/knp-anim-refused.png' });
});

test('the test hook spawns many packets and counts frames', async ({ page }) => {
  const d = new DiagramPage(page);
  await d.open('clusterip');
  const spawned = await page.evaluate(() => (window as any).__knp.animation.spawn(500));
  expect(spawned).toBe(500);
  await page.waitForTimeout(1200);
  expect(await page.evaluate(() => (window as any).__knp.animation.fps())).toBeGreaterThan(5);
  await page.screenshot({ path: '/tmp/knp-anim-spawn.png' });
  await page.evaluate(() => (window as any).__knp.animation.stop());
});
