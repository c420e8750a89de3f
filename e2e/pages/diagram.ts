// Page object for the cluster diagram: elements by object key (React Flow puts the node id, our object
// key, in data-id), drags done the way React Flow needs them (mouse down → several moves → up), and the
// manifest text read through the editor's hook when present, else the diagram's own.
import { expect, type Locator, type Page } from '@playwright/test';

export class DiagramPage {
  readonly root: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('.cluster-diagram');
    this.status = page.getByTestId('diagram-status');
  }

  /** Open a built-in example (or any path, e.g. a share link) and wait for the diagram to draw. */
  async open(path: string): Promise<void> {
    await this.page.goto(path.startsWith('/') ? path : `/?example=${path}`);
    await expect(this.root.locator('.react-flow__node').first()).toBeVisible();
  }

  element(key: string): Locator {
    return this.root.locator(`.react-flow__node[data-id="${key}"]`);
  }

  node(name: string): Locator {
    return this.element(`Node//${name}`);
  }

  service(namespace: string, name: string): Locator {
    return this.element(`Service/${namespace}/${name}`);
  }

  pod(namespace: string, name: string): Locator {
    return this.element(`Pod/${namespace}/${name}`);
  }

  /** Pods whose name starts with `prefix` (names are shortened on screen; keys are not). */
  podsStartingWith(namespace: string, prefix: string): Locator {
    return this.root.locator(`.react-flow__node-pod[data-id^="Pod/${namespace}/${prefix}"]`);
  }

  /** The pod boxes drawn inside node `name` (each pod box carries its node's name). */
  podsOn(name: string): Locator {
    return this.root.locator(`.d-pod[data-node="${name}"]`);
  }

  /** Keys of the pods drawn (inside node `name`, if given). */
  async podKeys(name?: string): Promise<string[]> {
    const boxes = this.root.locator('.react-flow__node-pod').filter({ has: this.page.locator(name ? `.d-pod[data-node="${name}"]` : '.d-pod') });
    return boxes.evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  }

  /** The endpoint edges drawn from Service `key` (edge ids are "ep|<service>|<target>"). */
  endpointEdges(key: string): Locator {
    return this.root.locator(`.react-flow__edge[data-id^="ep|${key}|"]`);
  }

  /** Where React Flow placed an element, in flow coordinates (its translate()), independent of the viewport. */
  async flowPosition(element: Locator): Promise<{ x: number; y: number }> {
    const t = await element.evaluate((e) => (e as HTMLElement).style.transform);
    const m = /translate\((-?[\d.]+)px, *(-?[\d.]+)px\)/.exec(t);
    if (!m) throw new Error(`no translate() in "${t}"`);
    return { x: Number(m[1]), y: Number(m[2]) };
  }

  /** Diagram elements in the DOM: React Flow's node and edge wrappers and everything inside them. */
  async elementCount(): Promise<{ nodes: number; edges: number; total: number }> {
    return this.root.evaluate((root) => {
      const nodes = root.querySelectorAll('.react-flow__node').length;
      const edges = root.querySelectorAll('.react-flow__edge').length;
      const inside = root.querySelectorAll('.react-flow__node *, .react-flow__edge *').length;
      return { nodes, edges, total: nodes + edges + inside };
    });
  }

  async text(): Promise<string> {
    return this.page.evaluate(() => {
      const k = (window as unknown as { __knp?: { editor?: { getValue(): string }; diagram?: { getText(): string } } }).__knp;
      return k?.editor?.getValue() ?? k?.diagram?.getText() ?? '';
    });
  }

  /** Replace the manifest text as an import would (through the page's store, window.__knp.store); the editor follows. */
  async setText(text: string): Promise<void> {
    await this.page.waitForFunction(() => !!(window as unknown as { __knp?: { store?: unknown } }).__knp?.store);
    await this.page.evaluate((t) => {
      const k = (window as unknown as { __knp: { store: { getState(): { setManifestText(t: string, o: string): void } } } }).__knp;
      k.store.getState().setManifestText(t, 'import');
    }, text);
    await expect.poll(() => this.text()).toBe(text);
  }

  /** React Flow's pan and zoom (flow → screen). */
  async viewport(): Promise<{ x: number; y: number; zoom: number }> {
    return this.page.evaluate(() => (window as unknown as { __knp: { diagram: { getViewport(): { x: number; y: number; zoom: number } } } }).__knp.diagram.getViewport());
  }

  async actions(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __knp: { diagram: { getActions(): string[] } } }).__knp.diagram.getActions());
  }

  async selection(): Promise<string | null> {
    return this.page.evaluate(() => (window as unknown as { __knp: { diagram: { getSelection(): string | null } } }).__knp.diagram.getSelection());
  }

  /** Drag an element by (dx, dy) screen pixels, grabbing it near its top edge (its title). */
  async dragBy(element: Locator, dx: number, dy: number): Promise<void> {
    const box = await element.boundingBox();
    if (!box) throw new Error('element not on screen');
    const start = { x: box.x + box.width / 2, y: box.y + Math.min(8, box.height / 4) };
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    for (let i = 1; i <= 10; i++) await this.page.mouse.move(start.x + (dx * i) / 10, start.y + (dy * i) / 10);
    await this.page.mouse.up();
  }

  /** Drag an element onto node `target` (dropped on the node's header, clear of its pods). */
  async dragToNode(element: Locator, target: string): Promise<void> {
    const from = await element.boundingBox();
    const to = await this.node(target).boundingBox();
    if (!from || !to) throw new Error('element or target node not on screen');
    const start = { x: from.x + from.width / 2, y: from.y + from.height / 3 };
    const end = { x: to.x + to.width / 2, y: to.y + Math.min(20, to.height / 6) };
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    for (let i = 1; i <= 10; i++) await this.page.mouse.move(start.x + ((end.x - start.x) * i) / 10, start.y + ((end.y - start.y) * i) / 10);
    await this.page.mouse.up();
  }
}
