// toFlow keeps the objects of boxes and lines whose inputs did not change (stable.ts ElementCache): a
// drawing made after a sequence of edits must equal a drawing made from scratch, and hand back the very
// objects of everything the last edit did not touch.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { derive } from '../store';
import type { Edge } from '@xyflow/react';
import type { DiagramNode, FlowOptions, FlowResult } from './toFlow';

const example = (slug: string) => readFileSync(new URL(`../../../examples/${slug}.yaml`, import.meta.url), 'utf8');
const base = example('default');

/** toFlow from a freshly loaded module: no model, layout or element cache from earlier drawings. */
async function freshToFlow(): Promise<(typeof import('./toFlow'))['toFlow']> {
  vi.resetModules();
  return (await import('./toFlow')).toFlow;
}

// Each row: an edit of the starter cluster, the options to draw it with (the drawing before has the
// defaults), and the ids it may change.
const rows: { name: string; text: string; actions?: string[]; opts: Partial<FlowOptions>; changes: (x: DiagramNode | Edge) => boolean }[] = [
  { name: 'a Service port: only that Service box', text: base.replace('port: 80', 'port: 81'), opts: {}, changes: (x) => x.id === 'Service/default/web' },
  { name: 'the same text again: nothing', text: base, opts: {}, changes: () => false },
  { name: 'a Service selected: its box and its lines', text: base, opts: { selection: 'Service/default/web' }, changes: (x) => [x.id, 'source' in x ? x.source : '', 'target' in x ? x.target : ''].includes('Service/default/web') },
  { name: 'a not-ready pod: its box, its lines, its node', text: base, actions: ['not-ready pod/default/client'], opts: {}, changes: () => true },
  { name: 'zoomed out (summary): new drawing mode', text: base, opts: { summary: true }, changes: () => true },
  { name: 'far out (compact)', text: base, opts: { summary: true, compact: true }, changes: () => true },
  { name: 'more replicas: pods added, nodes changed', text: base.replace('replicas: 3', 'replicas: 5'), opts: {}, changes: () => true },
];

describe('toFlow after earlier drawings equals a drawing from scratch', () => {
  it.each(rows)('$name', async ({ text, actions = [], opts, changes }) => {
    const toFlow = await freshToFlow();
    const o: FlowOptions = { showSystem: false, summary: false, ...opts };
    const before = toFlow(derive({ text: base, actions: [], seed: 1 }).cluster, { showSystem: false, summary: false });
    const after = toFlow(derive({ text, actions, seed: 1 }).cluster, o);
    const scratch = (await freshToFlow())(derive({ text, actions, seed: 1 }).cluster, o);
    expect(after.nodes).toEqual(scratch.nodes);
    expect(after.edges).toEqual(scratch.edges);
    // untouched elements are the very objects of the drawing before
    const kept = (r: FlowResult, prev: FlowResult) => {
      const old = new Map([...prev.nodes, ...prev.edges].map((x) => [x.id, x]));
      return [...r.nodes, ...r.edges].filter((x) => !changes(x) && old.has(x.id)).every((x) => old.get(x.id) === x);
    };
    expect(kept(after, before)).toBe(true);
  });

  it('a Service port edit rebuilds exactly one box and no line', async () => {
    const toFlow = await freshToFlow();
    const o: FlowOptions = { showSystem: false, summary: false };
    const before = toFlow(derive({ text: base, actions: [], seed: 1 }).cluster, o);
    const after = toFlow(derive({ text: base.replace('port: 80', 'port: 81'), actions: [], seed: 1 }).cluster, o);
    expect(after.nodes.filter((n, i) => n !== before.nodes[i]).map((n) => n.id)).toEqual(['Service/default/web']);
    expect(after.edges.every((e, i) => e === before.edges[i])).toBe(true);
  });
});
