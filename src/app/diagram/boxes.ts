// What each box shows, kept apart from where React Flow draws it. A keystroke usually changes the
// content of one box (a Service's port) and no geometry: handing React Flow new node objects for that
// costs a store update that wakes every node's subscriptions (~850 at 1,000 objects: React re-renders
// the wrappers and commits their styles) for one line of text. Instead React Flow keeps its node objects
// while only content changes (shells.ts), and each box reads its content here, by id: one subscription
// per box, and a publish notifies only the boxes whose data object changed (O(changed), not O(boxes)).
// The diagram model and toFlow hand back the very same data objects for unchanged boxes (reuse.ts,
// stable.ts), so "changed" is an identity test.

type Listener = () => void;

export class BoxStore {
  private data = new Map<string, unknown>();
  private listeners = new Map<string, Set<Listener>>();
  private last: readonly { id: string; data: unknown }[] | null = null;

  /** The data last published for box `id`, if any. */
  get(id: string): unknown {
    return this.data.get(id);
  }

  /** Call `fn` whenever the data of box `id` changes; returns the unsubscribe function. */
  subscribe(id: string, fn: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }

  /**
   * Take the data of the boxes drawn now (boxes no longer drawn are forgotten) and notify the boxes whose
   * data object differs from the one published before. Returns the ids notified.
   */
  publish(nodes: readonly { id: string; data: unknown }[]): string[] {
    if (nodes === this.last) return [];
    this.last = nodes;
    const changed: string[] = [];
    for (const n of nodes) {
      if (this.data.get(n.id) !== n.data || !this.data.has(n.id)) {
        this.data.set(n.id, n.data);
        changed.push(n.id);
      }
    }
    // More entries than boxes: some are no longer drawn. Forget them (rare: rebuilt rather than diffed).
    if (this.data.size !== nodes.length) {
      const next = new Map<string, unknown>();
      for (const n of nodes) next.set(n.id, n.data);
      this.data = next;
    }
    for (const id of changed) {
      const set = this.listeners.get(id);
      if (set) for (const fn of [...set]) fn();
    }
    return changed;
  }
}
