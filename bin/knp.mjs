#!/usr/bin/env node
// The `knp` command: runs the TypeScript CLI through tsx's loader (node 20 cannot run TypeScript itself).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = run(process.argv.slice(2));
