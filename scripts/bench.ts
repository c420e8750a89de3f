// npm run bench: parse + validate figures for the manifest model, beside a plain yaml.parseAllDocuments
// of the same text. Prints medians; asserts nothing (machines here are shared and noisy).
import { parseAllDocuments } from 'yaml';
import { ParseCache, loadManifests, parseManifest } from '../src/core';
import { generateManifest } from './gen-manifest';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs: number): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
const rows: [string, string][] = [];
const row = (label: string, value: string) => {
  rows.push([label, value]);
  console.log(`${label.padEnd(64)} ${value}`);
};

console.log('Manifest model benchmark (median of several runs)\n');
for (const n of [1000, 10000]) {
  const text = generateManifest(n);
  const runs = n >= 10000 ? 5 : 9;
  // Warm up both paths once so JIT state is comparable.
  parseAllDocuments(text);
  loadManifests([{ name: 'bench.yaml', text }]);
  const plain = time(() => parseAllDocuments(text), runs);
  const ours = time(() => loadManifests([{ name: 'bench.yaml', text }]), runs);
  const parseOnly = time(() => parseManifest(text), runs);
  row(`${n} objects (${(text.length / 1e6).toFixed(1)} MB): yaml.parseAllDocuments`, fmt(plain));
  row(`${n} objects: our parse only`, fmt(parseOnly));
  row(`${n} objects: our parse + decode + default + validate + allocate`, `${fmt(ours)}  (${(plain / ours).toFixed(1)}× faster than the plain parse)`);
}

{
  const text = generateManifest(10000);
  const cache = new ParseCache();
  parseManifest(text, null, cache);
  const edits: string[] = [];
  for (let i = 0; i < 7; i++) edits.push(text.replace('name: app-5000\n', `name: app-5000-edit-${i}\n`));
  let k = 0;
  const reparse = time(() => parseManifest(edits[k++ % edits.length], null, cache), 7);
  row('10000 objects: re-parse after editing one object (cached docs)', fmt(reparse));
  const loadCache = new ParseCache();
  loadManifests([{ name: 'bench.yaml', text }], { cache: loadCache });
  k = 0;
  const reload = time(() => loadManifests([{ name: 'bench.yaml', text: edits[k++ % edits.length] }], { cache: loadCache }), 5);
  row('10000 objects: full re-load after that edit (validation re-runs)', fmt(reload));
}

console.log('\nWorst bad inputs (parse + validate, one run each):');
const bad: [string, string][] = [
  ['5 MB of YAML', generateManifest(21000).slice(0, 5_000_000)],
  ['billion-laughs alias bomb', billionLaughs()],
  ['20,000-deep flow nesting', '['.repeat(20000) + ']'.repeat(20000)],
  ['binary garbage (1 MB)', Array.from({ length: 1 << 20 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')],
  ['10,000 duplicate keys', 'a: 1\n'.repeat(10000)],
];
let worst = 0;
for (const [label, text] of bad) {
  const t = performance.now();
  const r = loadManifests([{ name: 'bad.yaml', text }]);
  const ms = performance.now() - t;
  worst = Math.max(worst, ms);
  row(`  ${label}`, `${fmt(ms)}  (${r.diagnostics.filter((d) => d.severity === 'error').length} errors)`);
}
row('worst bad input', fmt(worst));

function billionLaughs(): string {
  let s = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 10; i++) {
    const c = String.fromCharCode(97 + i);
    s += `${c}: &${c} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]\n`;
  }
  return s;
}
