// npm run bench: bundle each benchmark with esbuild (as the app's build would, no tsx loader or
// keep-names helpers in the measured code) and run it with node.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

const benches = ['scripts/bench.ts', 'scripts/bench-engine.ts'];
let failed = false;
for (const entry of benches) {
  const outfile = `dist-bench/${entry.split('/').pop().replace(/\.ts$/, '.mjs')}`;
  await build({ entryPoints: [entry], bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' });
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', outfile], { stdio: 'inherit' });
  console.log();
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
