// Loading manifests into a reconciled cluster with the flags every engine command shares.
import { reconcile, type ClusterState } from '../core';
import { intFlag, many, one, UsageError, type ParsedArgs } from './args';
import { loadForEngine, type CommandIO } from './commands';

export const ENGINE_FLAGS = ['-f', '-o', '--seed', '--action', '--at', '--lb-provider', '--upstream-dns'];

export function engineState(args: ParsedArgs, io: CommandIO): ClusterState {
  const loaded = loadForEngine(args, io);
  const lb = one(args, '--lb-provider') ?? 'auto';
  if (!['none', 'pool', 'auto'].includes(lb)) throw new UsageError(`--lb-provider must be none or pool (got ${JSON.stringify(lb)})`);
  const state = reconcile(loaded, { seed: intFlag(args, '--seed', 1), actions: many(args, '--action'), lbProvider: lb as 'none' | 'pool' | 'auto' });
  for (const d of state.diagnostics) if (d.severity === 'warning') io.stderr(`warning: ${d.message}\n`);
  return state;
}

export function upstreamDns(args: ParsedArgs): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const v of many(args, '--upstream-dns')) {
    const eq = v.indexOf('=');
    if (eq < 1) throw new UsageError(`--upstream-dns takes NAME=IP (got ${JSON.stringify(v)})`);
    const name = v.slice(0, eq).toLowerCase().replace(/\.$/, '');
    m.set(name, [...(m.get(name) ?? []), v.slice(eq + 1)]);
  }
  return m;
}

