// The right-hand pane as tabs. Actions opens first (the runtime-action log was the whole pane before,
// and the workbench page object still expects it); any panel can bring a tab forward through the UI
// store (`useUi.getState().focusSide(id)`), and any new request brings the Traffic tab forward.
import { useEffect } from 'react';
import { ActionLog } from '../panels/ActionLog';
import { useApp } from '../store/context';
import { useUi } from '../store/ui';
import { SideTabs } from './SideTabs';
import { TrafficPanel } from './TrafficPanel';
import { RuleView } from '../rules/RuleView';
import { WhyPanel } from '../why/WhyPanel';
import { TopologyTable } from '../table/TopologyTable';

export function SidePane() {
  const request = useApp((s) => s.request);
  const sideTab = useUi((s) => s.sideTab);
  useEffect(() => {
    if (request) useUi.getState().focusSide('traffic');
  }, [request]);
  return (
    <SideTabs
      initial="actions"
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
