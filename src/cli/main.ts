// knp: the headless command line over the simulation core. One small dispatcher; each command lives in
// commands.ts. Exit codes: 0 ran, 1 the subject is invalid / not found, 2 bad usage.
import { parseArgs, UsageError } from './args';
import { cmdGet, cmdValidate, nodeIO, type CommandIO } from './commands';
import { cmdDns, cmdEndpoints, cmdEnv, cmdIngress, cmdIptables, cmdResolvConf, cmdTrace } from './engine-commands';

const USAGE = `Usage: knp <command> [flags]

Commands:
  validate -f FILE [-f FILE…] [--update NEW] [-o json]   validate manifests as kube-apiserver would
  get KIND [NAME] -f FILE [-n NS | -A] [-o json|yaml|wide]  show stored objects after defaulting/allocation
  trace -f FILE --from external[:IP]|pod/NS/NAME|node/NAME --to URL|HOST[:PORT]
        [--protocol P] [--count N] [--interval MS] [--resolve HOST:IP]       follow a request hop by hop
  dns -f FILE --from pod/NS/NAME --name NAME [--type A|AAAA|SRV|CNAME|PTR|…]  what the pod's resolver asks and gets
  resolv-conf -f FILE --pod NS/NAME                      the pod's /etc/resolv.conf
  env -f FILE --pod NS/NAME [--container C]              the container's environment
  iptables -f FILE --node NAME [--table nat|filter]      kube-proxy's rules as iptables-save prints them
  endpoints -f FILE NS/SVC                               the Service's endpoints (-o json: its EndpointSlices)
  ingress -f FILE --host H --path P [--scheme http|https]  which Ingress rule and backend a request gets

Common flags:
  -f FILE     manifest file (repeatable; '-' reads stdin)
  --seed S    seed for everything the cluster picks at random (default 1)
  -o json     JSON output
  --action A  a runtime action, repeatable: delete|not-ready|ready pod/NS/NAME, move pod/NS/NAME node/NAME,
              cordon|uncordon|drain node/NAME
  --at MS     cluster-clock time in ms (trace start; ages in get)
  --lb-provider none|pool      LoadBalancer addresses: none (stay <pending>) or a pool (default: pool if the YAML has one)
  --upstream-dns NAME=IP       a public DNS record (repeatable)
`;

const COMMANDS: Record<string, (args: ReturnType<typeof parseArgs>, io: CommandIO) => number> = {
  validate: cmdValidate,
  get: cmdGet,
  trace: cmdTrace,
  dns: cmdDns,
  'resolv-conf': cmdResolvConf,
  env: cmdEnv,
  iptables: cmdIptables,
  endpoints: cmdEndpoints,
  ingress: cmdIngress,
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
