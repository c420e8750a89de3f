// A small getopt for the knp CLI: repeatable flags, `-f -` for stdin, `--flag=value` and `--flag value`.

export class UsageError extends Error {}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

/** Flags that take no value. */
const BOOLEAN_FLAGS = new Set(['-A', '--all-namespaces', '-h', '--help']);

const ALIASES: Record<string, string> = {
  '--filename': '-f',
  '--output': '-o',
  '--namespace': '-n',
  '--all-namespaces': '-A',
  '--help': '-h',
};

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (k: string, v: string) => {
    const key = ALIASES[k] ?? k;
    flags.set(key, [...(flags.get(key) ?? []), v]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq !== -1) {
        add(a.slice(0, eq), a.slice(eq + 1));
      } else if (BOOLEAN_FLAGS.has(a)) {
        add(a, 'true');
      } else if (/^-[a-zA-Z].+/.test(a) && !a.startsWith('--')) {
        add(a.slice(0, 2), a.slice(2)); // -ojson, -nkube-system
      } else {
        if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: ${a}`);
        add(a, argv[++i]);
      }
    } else positionals.push(a);
  }
  return { positionals, flags };
}

export function one(args: ParsedArgs, flag: string): string | undefined {
  const v = args.flags.get(flag);
  if (v && v.length > 1) throw new UsageError(`flag ${flag} given more than once`);
  return v?.[0];
}

export function many(args: ParsedArgs, flag: string): string[] {
  return args.flags.get(flag) ?? [];
}

export function checkFlags(args: ParsedArgs, allowed: string[]): void {
  for (const k of args.flags.keys()) if (!allowed.includes(k)) throw new UsageError(`unknown flag: ${k}`);
}

export function intFlag(args: ParsedArgs, flag: string, dflt: number): number {
  const v = one(args, flag);
  if (v === undefined) return dflt;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`invalid value for ${flag}: ${JSON.stringify(v)} (want an integer)`);
  return Number(v);
}
