// kubectl reads manifests with sigs.k8s.io/yaml, whose goyaml.v2 resolves plain scalars the YAML 1.1
// way: `yes`, `no`, `on`, `off`, `y`, `n` (in three casings) are booleans, not strings. That is why
// `value: yes` in a container's env is rejected ("cannot unmarshal bool into Go struct field
// EnvVar…value of type string"). Both parsers here get the same rule so the playground rejects it too.
import jsyaml from 'js-yaml';
import type { ScalarTag } from 'yaml';

const TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const BOOLS = new Map<string, boolean>([...TRUE.map((s) => [s, true] as const), ...FALSE.map((s) => [s, false] as const)]);

const bool11 = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && BOOLS.has(data),
  construct: (data: string) => BOOLS.get(data)!,
  predicate: (v: unknown) => typeof v === 'boolean',
  represent: { lowercase: (v: object) => (v ? 'true' : 'false') },
  defaultStyle: 'lowercase',
});

const t = (jsyaml as unknown as { types: Record<string, jsyaml.Type> }).types;
/** YAML 1.2 core (null, int, float) with goyaml.v2's booleans. */
export const JSYAML_SCHEMA = new jsyaml.Schema({ implicit: [t.null, bool11, t.int, t.float], explicit: [] });

/** The same booleans for `yaml` (eemeli), put before the core schema's own bool tags. */
export const YAML_BOOL11: ScalarTag = {
  identify: (v: unknown) => typeof v === 'boolean',
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:[yY]|yes|Yes|YES|[nN]|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  resolve: (s: string) => BOOLS.get(s)!,
};
