// The right-hand pane as tabs. Traffic opens first (sending a request is what a first visit is for);
// any panel can bring a tab forward through the UI store (`useUi.getState().focusSide(id)`), and any
// new request brings the Traffic tab forward. The tab last shown comes back after a reload (this
// browser's own view, like the pane sizes: not part of a share link).
import { useEffect, useState } from 'react';
import { ActionLog } from '../panels/ActionLog';
import { browserStorage } from '../persist/autosave';
import { useApp } from '../store/context';
import { useUi } from '../store/ui';
import { SideTabs } from './SideTabs';
import { TrafficPanel } from './TrafficPanel';
import { RuleView } from '../rules/RuleView';
import { WhyPanel } from '../why/WhyPanel';
import { TopologyTable } from '../table/TopologyTable';

const TAB_KEY = 'knp:side-tab';

function savedTab(): string {
  return browserStorage()?.getItem(TAB_KEY) ?? 'traffic';
}

function saveTab(id: string): void {
  try {
    browserStorage()?.setItem(TAB_KEY, id);
  } catch {
    // storage full: the tab is a convenience, nothing is lost
  }
}

export function SidePane() {
  const request = useApp((s) => s.request);
  const sideTab = useUi((s) => s.sideTab);
  const [initial] = useState(savedTab);
  useEffect(() => {
    if (request) useUi.getState().focusSide('traffic');
  }, [request]);
  return (
    <SideTabs
      initial={initial}
      onChange={saveTab}
      focusOn={{ tab: sideTab?.id ?? 'traffic', key: sideTab }}
      tabs={[
        { id: 'traffic', label: 'Traffic', content: <TrafficPanel /> },
        { id: 'rules', label: 'Rules', content: <RuleView /> },
        { id: 'why', label: 'Why', content: <WhyPanel /> },
        { id: 'actions', label: 'Actions', content: <ActionLog /> },
        { id: 'table', label: 'Table', content: <TopologyTable />, lazy: true },
      ]}
    />
  );
}
