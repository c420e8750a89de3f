// The CLI's commands: each reads its flags, calls one core function, and formats the result.
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { loadManifests, loadUpdate, resolveResource, type Diagnostic, type KubeObject, type LoadedCluster, type ManifestFile, type StoredObject } from '../core';
import { checkFlags, intFlag, many, one, UsageError, type ParsedArgs } from './args';
import { printTable } from './printers';
import { ENGINE_FLAGS, engineState } from './engine';

export interface CommandIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => string;
  readFile: (path: string) => string;
}

export const nodeIO: CommandIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => readFileSync(0, 'utf8'),
  readFile: (p) => readFileSync(p, 'utf8'),
};

/** -f FILE (repeatable; '-' = stdin) */
export function readManifests(args: ParsedArgs, io: CommandIO, flag = '-f'): ManifestFile[] {
  const files = many(args, flag);
  if (files.length === 0) throw new UsageError(`${flag} FILE is required`);
  return files.map((f) => {
    if (f === '-') return { name: '-', text: io.readStdin() };
    try {
      return { name: f, text: io.readFile(f) };
    } catch (e) {
      throw new UsageError(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  });
}

function outputFormat(args: ParsedArgs, allowed: string[]): string | undefined {
  const o = one(args, '-o');
  if (o !== undefined && !allowed.includes(o)) throw new UsageError(`unsupported output format ${JSON.stringify(o)}; allowed: ${allowed.join(', ')}`);
  return o;
}

const publicDiagnostic = (d: Diagnostic) => ({
  severity: d.severity,
  file: d.file,
  document: d.document,
  kind: d.kind,
  namespace: d.namespace,
  name: d.name,
  field: d.field,
  type: d.type,
  value: d.value,
  detail: d.detail,
  reason: d.reason,
  code: d.code,
  message: d.message,
  line: d.line,
  column: d.column,
});

const where = (d: Diagnostic) => `${d.file ?? 'manifest'}${d.line !== null ? `:${d.line}:${d.column}` : ''}`;

export function printDiagnosticsText(ds: Diagnostic[], io: CommandIO, to: 'stdout' | 'stderr'): void {
  for (const d of ds) io[to](`${where(d)}: ${d.severity}: ${d.message}\n`);
}

/** knp validate -f F [--update NEW] [-o json] */
export function cmdValidate(args: ParsedArgs, io: CommandIO): number {
  checkFlags(args, ['-f', '--update', '-o', '--seed']);
  if (args.positionals.length) throw new UsageError(`validate takes no arguments (got ${args.positionals.join(' ')})`);
  const fmt = outputFormat(args, ['json']);
  const seed = intFlag(args, '--seed', 1);
  const files = readManifests(args, io);
  let diagnostics: Diagnostic[];
  let objects: StoredObject[];
  if (args.flags.has('--update')) {
    const upd = readManifests(args, io, '--update');
    const r = loadUpdate(files, upd, { seed });
    diagnostics = [...r.old.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, message: `(old) ${d.message}` })), ...r.diagnostics];
    objects = r.objects;
  } else {
    const r = loadManifests(files, { seed });
    diagnostics = r.diagnostics;
    objects = r.userObjects;
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const valid = errors.length === 0;
  if (fmt === 'json') {
    const out = {
      valid,
      objects: objects.map((o) => ({ kind: o.kind, namespace: o.namespace, name: o.name })),
      errors: errors.map(publicDiagnostic),
      warnings: warnings.map(publicDiagnostic),
    };
    io.stdout(JSON.stringify(out, null, 2) + '\n');
  } else {
    printDiagnosticsText([...errors, ...warnings].sort((a, b) => (a.document ?? -1) - (b.document ?? -1)), io, 'stdout');
    for (const o of objects) io.stdout(`${o.kind.toLowerCase()}/${o.name}${o.namespace ? ` (${o.namespace})` : ''} valid\n`);
    io.stdout(`${valid ? 'valid' : 'invalid'}: ${objects.length} object(s) accepted, ${errors.length} error(s), ${warnings.length} warning(s)\n`);
  }
  return valid ? 0 : 1;
}

/** Engine commands run on the accepted objects and print rejections as warnings on stderr. */
export function loadForEngine(args: ParsedArgs, io: CommandIO): LoadedCluster {
  const seed = intFlag(args, '--seed', 1);
  const cluster = loadManifests(readManifests(args, io), { seed });
  const errors = cluster.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) io.stderr(`warning: ${where(d)}: rejected: ${d.message}\n`);
  return cluster;
}

const byNamespaceThenName = (a: { namespace: string | null; name: string }, b: { namespace: string | null; name: string }) =>
  (a.namespace ?? '').localeCompare(b.namespace ?? '') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** knp get KIND [NAME] -f F [-n NS | -A] [-o json|yaml|wide] */
export function cmdGet(args: ParsedArgs, io: CommandIO): number {
  checkFlags(args, [...ENGINE_FLAGS, '-n', '-A']);
  const [resource, name, ...rest] = args.positionals;
  if (!resource) throw new UsageError('get needs a resource type, e.g. `get svc -f cluster.yaml`');
  if (rest.length) throw new UsageError(`too many arguments: ${rest.join(' ')}`);
  const info = resolveResource(resource);
  if (!info) throw new UsageError(`the server doesn't have a resource type ${JSON.stringify(resource)}`);
  const fmt = outputFormat(args, ['json', 'yaml', 'wide']);
  const all = args.flags.has('-A');
  const ns = one(args, '-n') ?? 'default';
  if (all && name) throw new UsageError('a resource cannot be retrieved by name across all namespaces');
  const now = intFlag(args, '--at', 0);
  const state = engineState(args, io);
  const items = state.objects
    .filter((o) => o.kind === info.kind && o.simulated)
    .filter((o) => !info.namespaced || all || o.namespace === ns)
    .sort(byNamespaceThenName);
  if (name) {
    const found = items.find((o) => o.name === name);
    if (!found) {
      const group = info.apiVersion.includes('/') ? `.${info.apiVersion.split('/')[0]}` : '';
      io.stderr(`Error from server (NotFound): ${info.resource}${group} "${name}" not found\n`);
      return 1;
    }
    emitObjects([found], fmt, true, info.kind, all, ns, now, io);
    return 0;
  }
  if (items.length === 0 && fmt !== 'json' && fmt !== 'yaml') {
    io.stderr(info.namespaced && !all ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
    return 0;
  }
  emitObjects(items, fmt, false, info.kind, all, ns, now, io);
  return 0;
}

function emitObjects(items: { object: KubeObject }[], fmt: string | undefined, single: boolean, kind: string, all: boolean, ns: string, now: number, io: CommandIO): void {
  const objs = items.map((o) => o.object);
  const doc = single ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
  if (fmt === 'json') io.stdout(JSON.stringify(doc, null, 4) + '\n');
  else if (fmt === 'yaml') io.stdout(stringify(doc, { lineWidth: 0 }));
  else io.stdout(printTable(kind, objs, { wide: fmt === 'wide', withNamespace: all, now, namespace: ns }));
}
