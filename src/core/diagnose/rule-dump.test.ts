import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProxyTables, renderIptablesSave } from '../controllers/kube-proxy';
import { trace } from '../dataplane/trace';
import type { Hop } from '../dataplane/types';
import type { ObjectKey } from '../model/types';
import { run } from './fixtures.test-util';
import { filterLines, focusHop, hopNode, lineOfRule, ruleDump, traversedRules } from './rule-dump';

const state = run(readFileSync('examples/clusterip.yaml', 'utf8'));
const t = trace(state, { from: { kind: 'pod', key: 'Pod/default/alpine' as ObjectKey }, to: 'http://go-helloworld:8111/' });
const hops = [...t.hops, ...t.reply.hops];

describe('ruleDump', () => {
  it.each(['nat', 'filter'] as const)('is `knp iptables --table %s` line for line (render.ts renderIptablesSave)', (table) => {
    const node = state.nodes[1].name;
    const d = ruleDump(state, node, table)!;
    expect(d.lines.join('\n') + '\n').toBe(renderIptablesSave(buildProxyTables(state, node), table));
    expect(d.lines[0]).toBe(`*${table}`);
    expect(d.lines[d.lines.length - 1]).toBe('COMMIT');
    // every chain+number maps to its own `-A CHAIN` line, numbered as `iptables -L --line-numbers` counts
    for (const [chain, { count }] of d.chainRules) {
      for (let num = 1; num <= count; num++) {
        const line = lineOfRule(d, { table, chain, num });
        expect(d.lines[line].startsWith(`-A ${chain} `)).toBe(true);
        expect(d.lines.slice(0, line + 1).filter((l) => l.startsWith(`-A ${chain} `)).length).toBe(num);
      }
      expect(lineOfRule(d, { table, chain, num: count + 1 })).toBe(-1);
      expect(lineOfRule(d, { table, chain, num: 0 })).toBe(-1);
    }
    expect(d.lines[d.chainLine.get('KUBE-SERVICES')!]).toBe(':KUBE-SERVICES - [0:0]');
  });

  it('is null for an unknown node and cached per state, node and table', () => {
    expect(ruleDump(state, 'nope', 'nat')).toBeNull();
    expect(ruleDump(state, state.nodes[0].name, 'nat')).toBe(ruleDump(state, state.nodes[0].name, 'nat'));
  });
});

describe('trace highlights', () => {
  const dnat = hops.findIndex((h) => h.action === 'dnat' && h.after.dst.endsWith(':6112'));
  const node = hopNode(hops[dnat])!;

  it("each traversed rule's line is the rule text the trace recorded (proxyRuleText ≡ buildProxyTables)", () => {
    const d = ruleDump(state, node, 'nat')!;
    const tr = traversedRules(hops, focusHop(hops, dnat), d);
    expect(tr.length).toBeGreaterThanOrEqual(3);
    expect(tr.map((r) => r.step)).toEqual(tr.map((_, i) => i + 1));
    for (const r of tr) {
      expect(r.line).toBeGreaterThan(0);
      if (r.rule.text) expect(d.lines[r.line]).toBe(r.rule.text);
    }
    const current = tr.filter((r) => r.current).map((r) => d.lines[r.line]);
    expect(current[0]).toMatch(/^-A KUBE-SERVICES .*-j KUBE-SVC-/);
    expect(current[current.length - 1]).toMatch(/^-A KUBE-SEP-\S+ .*-j DNAT .*--to-destination 10\.244\.\d+\.\d+:6112$/);
  });

  it.each([
    { name: 'before playback: the first kube-proxy hop', cursor: -1, want: (h: Hop[]) => h.findIndex((x) => x.component === 'kube-proxy') },
    { name: 'on a kube-proxy hop: that hop', cursor: 'dnat', want: () => dnat },
    { name: 'after it (delivered): the latest one before', cursor: 'deliver', want: () => dnat },
  ])('focusHop $name', ({ cursor, want }) => {
    const c = cursor === 'dnat' ? dnat : cursor === 'deliver' ? dnat + 3 : (cursor as number);
    expect(focusHop(hops, c)).toBe(want(hops));
  });

  it('rules in the other table are not given a line', () => {
    const d = ruleDump(state, node, 'filter')!;
    expect(traversedRules(hops, dnat, d).every((r) => r.line === -1)).toBe(true);
  });
});

describe('filterLines', () => {
  it.each([
    { q: '', n: 3 },
    { q: 'dnat', n: 1 },
    { q: '  KUBE-SEP ', n: 2 },
  ])('"$q" → $n lines', ({ q, n }) => {
    expect(filterLines(['*nat', '-A KUBE-SEP-X -j DNAT', ':KUBE-SEP-Y - [0:0]'], q)).toHaveLength(n);
  });
});
