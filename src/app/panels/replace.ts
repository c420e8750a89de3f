// Replacing everything (an example, an import) goes through store.replaceAll, which keeps what was there
// as `previous`. When that was the user's own work (not an untouched example), say so and offer Restore.
import type { AppStore, Snapshot, TextOrigin } from '../store';
import { EXAMPLE_SLUGS, exampleText } from '../examples';

export function isPristineExample(s: Snapshot): boolean {
  return s.actions.length === 0 && EXAMPLE_SLUGS.some((slug) => exampleText(slug) === s.text);
}

export function replaceEverything(store: AppStore, next: Snapshot, origin: TextOrigin, label: string, done: string | null): void {
  const before = store.getState();
  const lost = !isPristineExample(before) && !(before.text === next.text && before.actions.join('\n') === next.actions.join('\n'));
  before.replaceAll(next, origin, label);
  const { setNotice } = store.getState();
  if (lost) setNotice({ kind: 'info', text: `${done ?? 'Done.'} Your previous manifests are one click away.`, offerRestore: true });
  else setNotice(done ? { kind: 'info', text: done } : null);
}
