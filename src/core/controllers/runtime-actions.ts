// Models the runtime-action log: what a user does to a running cluster with kubectl (delete pod, cordon, uncordon, drain) plus the playground's own readiness toggles and "move". Leaves out: every other kubectl verb.
//
// Grammar, one action a line (names are exactly as the API stores them):
//   delete pod/NS/NAME | not-ready pod/NS/NAME | ready pod/NS/NAME | move pod/NS/NAME node/NAME
//   cordon node/NAME | uncordon node/NAME | drain node/NAME
import type { Diagnostic } from '../model/types';

export type PodRef = { namespace: string; name: string };

export type RuntimeAction =
  | { verb: 'delete' | 'not-ready' | 'ready'; pod: PodRef }
  | { verb: 'move'; pod: PodRef; node: string }
  | { verb: 'cordon' | 'uncordon' | 'drain'; node: string };

const POD_VERBS = ['delete', 'not-ready', 'ready'] as const;
const NODE_VERBS = ['cordon', 'uncordon', 'drain'] as const;
export const ACTION_VERBS = [...POD_VERBS, 'move', ...NODE_VERBS] as const;

export const ACTION_GRAMMAR =
  'delete pod/NS/NAME, not-ready pod/NS/NAME, ready pod/NS/NAME, move pod/NS/NAME node/NAME, cordon node/NAME, uncordon node/NAME, drain node/NAME';

function podRef(arg: string | undefined, verb: string): PodRef | { error: string } {
  const parts = (arg ?? '').split('/');
  if (parts.length !== 3 || parts[0] !== 'pod' || !parts[1] || !parts[2]) {
    return { error: `"${verb}" expects pod/NAMESPACE/NAME, got ${arg === undefined ? 'nothing' : `"${arg}"`}` };
  }
  return { namespace: parts[1], name: parts[2] };
}

function nodeRef(arg: string | undefined, verb: string): string | { error: string } {
  const parts = (arg ?? '').split('/');
  if (parts.length !== 2 || parts[0] !== 'node' || !parts[1]) {
    return { error: `"${verb}" expects node/NAME, got ${arg === undefined ? 'nothing' : `"${arg}"`}` };
  }
  return parts[1];
}

/** Parse one action line; `{error}` says what is wrong in words a user can act on. */
export function parseAction(s: string): RuntimeAction | { error: string } {
  const words = s.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { error: `empty action; expected one of: ${ACTION_GRAMMAR}` };
  const [verb, ...args] = words;
  const arity = verb === 'move' ? 2 : 1;
  if (!(ACTION_VERBS as readonly string[]).includes(verb)) {
    return { error: `unknown verb "${verb}"; expected one of: ${ACTION_GRAMMAR}` };
  }
  if (args.length > arity) return { error: `"${verb}" takes ${arity === 2 ? 'two arguments' : 'one argument'}, got ${args.length}: "${args.join(' ')}"` };
  if ((POD_VERBS as readonly string[]).includes(verb)) {
    const pod = podRef(args[0], verb);
    return 'error' in pod ? pod : { verb: verb as (typeof POD_VERBS)[number], pod };
  }
  if (verb === 'move') {
    const pod = podRef(args[0], verb);
    if ('error' in pod) return pod;
    const node = nodeRef(args[1], verb);
    return typeof node === 'string' ? { verb: 'move', pod, node } : { error: `"move" expects pod/NAMESPACE/NAME node/NAME, got ${args[1] === undefined ? 'no node' : `"${args[1]}"`}` };
  }
  const node = nodeRef(args[0], verb);
  return typeof node === 'string' ? { verb: verb as (typeof NODE_VERBS)[number], node } : node;
}

/** The inverse of parseAction. */
export function formatAction(a: RuntimeAction): string {
  switch (a.verb) {
    case 'move':
      return `move pod/${a.pod.namespace}/${a.pod.name} node/${a.node}`;
    case 'cordon':
    case 'uncordon':
    case 'drain':
      return `${a.verb} node/${a.node}`;
    default:
      return `${a.verb} pod/${a.pod.namespace}/${a.pod.name}`;
  }
}

/**
 * A warning for an action that did not (fully) happen. `message` reads like kubectl's own error,
 * e.g. `pods "web-1" not found` (kubectl: `Error from server (NotFound): pods "web-1" not found`).
 */
export function actionWarning(action: RuntimeAction, message: string, opts: { skipped?: boolean; reason?: string } = {}): Diagnostic {
  const text = formatAction(action);
  const target =
    'pod' in action
      ? { kind: 'Pod', namespace: action.pod.namespace, name: action.pod.name }
      : { kind: 'Node', namespace: null, name: action.node };
  const skipped = opts.skipped ?? true;
  return {
    severity: 'warning',
    file: null,
    document: null,
    kind: target.kind,
    namespace: target.namespace,
    name: target.name,
    field: null,
    type: null,
    value: text,
    detail: message,
    reason: opts.reason ?? 'ActionSkipped',
    code: null,
    message: skipped ? `action "${text}" skipped: ${message}` : `action "${text}": ${message}`,
    line: null,
    column: null,
  };
}

/** kubectl's NotFound text (the namespace is in the diagnostic's own field, as kubectl's -n is). */
export const podNotFound = (a: { pod: PodRef }): string => `pods "${a.pod.name}" not found`;
export const nodeNotFound = (node: string): string => `nodes "${node}" not found`;
