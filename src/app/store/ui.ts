// Page-level UI requests that cross panels and are not part of the shareable state: which side-pane tab
// to bring forward, and a draft the request composer should take (e.g. "send a request here" from the
// diagram). A separate tiny store so panels can ask for each other without touching the document store.
import { create } from 'zustand';
import type { TraceRequest } from '../../core';

export type SideTabId = 'traffic' | 'rules' | 'why' | 'table' | 'actions';

export interface ComposerDraft {
  from?: TraceRequest['from'];
  to: string;
  protocol?: string;
  count?: number;
  /** curl's --resolve HOST:IP, e.g. an Ingress host sent to a node while the controller's IP is pending */
  resolve?: { host: string; ip: string }[];
  /** send at once (true) or only fill the composer for the user to adjust (false) */
  send: boolean;
}

export interface UiState {
  /** bumps so the same tab can be asked for twice in a row */
  sideTab: { id: SideTabId; n: number } | null;
  focusSide(id: SideTabId): void;
  draft: (ComposerDraft & { n: number }) | null;
  setDraft(d: ComposerDraft): void;
}

let counter = 0;
export const useUi = create<UiState>()((set) => ({
  sideTab: null,
  focusSide(id) {
    set({ sideTab: { id, n: ++counter } });
  },
  draft: null,
  setDraft(d) {
    set({ draft: { ...d, n: ++counter }, sideTab: { id: 'traffic', n: ++counter } });
  },
}));
