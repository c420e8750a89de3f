// The top bar: title, the example picker, Share, Import, Export, and the system-components toggle.
import { useMemo } from 'react';
import { useApp, useAppStore } from '../store/context';
import { EXAMPLE_SLUGS, EXAMPLE_TITLES, exampleText, isExampleSlug } from '../examples';
import { exampleSnapshot } from '../persist/autosave';
import { ExportMenu } from './ExportMenu';
import { ImportButton } from './ImportControls';
import { ShareButton } from './ShareDialog';
import { replaceEverything } from './replace';
import './panels.css';

function ExamplePicker() {
  const store = useAppStore();
  const text = useApp((s) => s.text);
  // Which example is on screen is derived from the text itself: after an edit it is "your manifests".
  const current = useMemo(() => EXAMPLE_SLUGS.find((slug) => exampleText(slug) === text) ?? '', [text]);
  const pick = (slug: string) => {
    if (!isExampleSlug(slug)) return;
    replaceEverything(store, exampleSnapshot(slug), 'example', 'before opening the example', null);
    const url = new URL(window.location.href);
    url.searchParams.set('example', slug);
    url.hash = '';
    window.history.replaceState(window.history.state, '', url.pathname + url.search);
  };
  return (
    <label className="toolbar-field">
      <span>Example</span>
      <select aria-label="Example" value={current} onChange={(e) => pick(e.target.value)}>
        {current === '' && (
          <option value="" disabled>
            Your manifests
          </option>
        )}
        {EXAMPLE_SLUGS.map((slug) => (
          <option key={slug} value={slug}>
            {EXAMPLE_TITLES[slug]}
          </option>
        ))}
      </select>
    </label>
  );
}

function SystemToggle() {
  const showSystem = useApp((s) => s.showSystem);
  const setShowSystem = useApp((s) => s.setShowSystem);
  return (
    <label className="toolbar-field toolbar-toggle" title="Show kube-system pods, CoreDNS, the ingress controller and other components every cluster has">
      <input type="checkbox" checked={showSystem} onChange={(e) => setShowSystem(e.target.checked)} />
      <span>System components</span>
    </label>
  );
}

export function Toolbar() {
  return (
    <header className="toolbar">
      <h1 className="toolbar-title">Kube Net Playground</h1>
      <ExamplePicker />
      <div className="toolbar-actions">
        <ShareButton />
        <ImportButton />
        <ExportMenu />
        <SystemToggle />
      </div>
    </header>
  );
}
