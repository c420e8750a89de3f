// The workbench: the YAML editor (left), the cluster diagram (middle), tabs for traffic and the action
// log (right), a status bar. The editor is lazy-loaded so the diagram paints before Monaco arrives.
import { Component, lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { ClusterDiagram } from './diagram/ClusterDiagram';
import { ProblemsList } from './editor/ProblemsList';
import { Notices } from './panels/Notices';
import { StatusBar } from './panels/StatusBar';
import { Toolbar } from './panels/Toolbar';
import { SidePane } from './traffic/SidePane';
import { useApp } from './store/context';

const YamlEditor = lazy(() => import('./editor/YamlEditor'));

/** Keeps the rest of the page (and the user's text) alive if one pane throws. */
class Boundary extends Component<{ name: string; resetKey?: unknown; children: ReactNode }, { error: Error | null; key: unknown }> {
  state = { error: null as Error | null, key: this.props.resetKey };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  /** A new text (the user edited their manifests) gives the pane another chance. */
  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { error: Error | null; key: unknown }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }
  render() {
    if (this.state.error) {
      return (
        <div role="alert" className="pane-error">
          The {this.props.name} failed: {this.state.error.message}. Your manifests are safe; editing them may recover it.
          <button onClick={() => this.setState({ error: null })}>Try again</button>
        </div>
      );
    }
    return this.props.children;
  }
}

/** Monaco's chunk takes about half a second to evaluate: ask for it only once the page has painted
 *  the diagram and gone idle, so the first diagram paint never waits for the editor. */
function EditorSlot() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let idle = 0;
    const raf = requestAnimationFrame(() => {
      idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(() => setReady(true), { timeout: 800 }) : window.setTimeout(() => setReady(true), 50);
    });
    return () => {
      cancelAnimationFrame(raf);
      if (typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
      else clearTimeout(idle);
    };
  }, []);
  const loading = <div className="loading">Loading editor…</div>;
  return ready ? (
    <Suspense fallback={loading}>
      <YamlEditor />
    </Suspense>
  ) : (
    loading
  );
}

/** The diagram's boundary resets when the text changes; only this small component re-renders per keystroke. */
function DiagramPane() {
  const text = useApp((s) => s.text);
  // the same element every time, so a keystroke re-renders the boundary, not the diagram
  const diagram = useMemo(() => <ClusterDiagram />, []);
  return (
    <Boundary name="diagram" resetKey={text}>
      {diagram}
    </Boundary>
  );
}

export function App() {
  return (
    <div className="app">
      <Toolbar />
      <Notices />
      <Group orientation="horizontal" className="workbench">
        <Panel defaultSize="27" minSize="15" className="pane editor-pane">
          <div className="editor-host nokey">
            <Boundary name="editor">
              <EditorSlot />
            </Boundary>
          </div>
          <ProblemsList />
        </Panel>
        <Separator className="separator" />
        <Panel defaultSize="47" minSize="25" className="pane diagram-pane">
          <DiagramPane />
        </Panel>
        <Separator className="separator" />
        <Panel defaultSize="26" minSize="10" collapsible className="pane side-pane">
          <Boundary name="traffic panel">
            <SidePane />
          </Boundary>
        </Panel>
      </Group>
      <StatusBar />
    </div>
  );
}
