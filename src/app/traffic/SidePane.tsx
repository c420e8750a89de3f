// The right-hand pane: "Traffic" and "Actions" tabs. Actions opens first (the runtime-action log was
// the whole pane before, and the workbench page object still expects it); any new request, wherever it
// was sent from, brings the Traffic tab forward.
import { ActionLog } from '../panels/ActionLog';
import { useApp } from '../store/context';
import { SideTabs } from './SideTabs';
import { TrafficPanel } from './TrafficPanel';

export function SidePane() {
  const request = useApp((s) => s.request);
  return (
    <SideTabs
      initial="actions"
      focusOn={{ tab: 'traffic', key: request }}
      tabs={[
        { id: 'traffic', label: 'Traffic', content: <TrafficPanel /> },
        { id: 'actions', label: 'Actions', content: <ActionLog /> },
      ]}
    />
  );
}
