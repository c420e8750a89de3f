// knp: the headless command line over the simulation core. One small dispatcher; each command lives in
// commands.ts. Exit codes: 0 ran, 1 the subject is invalid / not found, 2 bad usage.
import { parseArgs, UsageError } from './args';
import { cmdGet, cmdValidate, nodeIO, type CommandIO } from './commands';

const USAGE = `Usage: knp <command> [flags]

Commands:
  validate -f FILE [-f FILE…] [--update NEW] [-o json]   validate manifests as kube-apiserver would
  get KIND [NAME] -f FILE [-n NS | -A] [-o json|yaml|wide]  show stored objects after defaulting/allocation

Common flags:
  -f FILE     manifest file (repeatable; '-' reads stdin)
  --seed S    seed for everything the cluster picks at random (default 1)
`;

const COMMANDS: Record<string, (args: ReturnType<typeof parseArgs>, io: CommandIO) => number> = {
  validate: cmdValidate,
  get: cmdGet,
};

export function run(argv: string[], io: CommandIO = nodeIO): number {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  const fn = COMMANDS[command];
  if (!fn) {
    io.stderr(`error: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  try {
    const args = parseArgs(rest);
    if (args.flags.has('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    return fn(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

const isMain = process.argv[1] && /src[\\/]cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) process.exitCode = run(process.argv.slice(2));
