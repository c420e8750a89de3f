// Monaco, set up once per page: the slim editor API plus the features the YAML editor uses (the whole
// package would also ship workers for TypeScript, CSS, HTML and JSON), the YAML tokenizer, local
// workers (no CDN: @monaco-editor/react is pointed at this copy with loader.config), and monaco-yaml
// driven by the generated Kubernetes schema. Module level on purpose: configureMonacoYaml must run
// once, never per component mount (StrictMode mounts twice).
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/codeAction/browser/codeActionContributions.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/dropOrPasteInto/browser/copyPasteContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/documentSymbols/browser/documentSymbols.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/esm/vs/editor/contrib/format/browser/formatActions.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/inlineProgress/browser/inlineProgress.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/smartSelect/browser/smartSelect.js';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/tokenization/browser/tokenization.js';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess.js';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import { loader } from '@monaco-editor/react';
import { configureMonacoYaml } from 'monaco-yaml';
import YamlWorker from './yaml.worker?worker';
import schema from './schema/kubernetes.schema.json';

/** The model's URI: the schema's fileMatch below hits it. */
export const MODEL_PATH = 'file:///cluster.yaml';
/** Owner of the core's diagnostics among the model's markers (monaco-yaml's own are owner 'yaml'). */
export const MARKER_OWNER = 'kube-apiserver';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

loader.config({ monaco });

/**
 * monaco-yaml 5.5.1 (through monaco-worker-manager) still calls createWebWorker({ moduleId, label,
 * createData }); this Monaco only accepts { worker }. Create the worker ourselves and speak the old
 * handshake its side expects: any first message starts it, the second carries createData.
 */
const createWebWorker = ((opts: { worker?: Worker; label?: string; createData?: unknown; host?: Record<string, unknown>; keepIdleModels?: boolean }) => {
  if (opts.worker) return monaco.editor.createWebWorker(opts as never);
  const worker = self.MonacoEnvironment!.getWorker!('workerMain.js', opts.label ?? 'yaml') as Worker;
  worker.postMessage('ignore');
  worker.postMessage(opts.createData);
  return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels } as never);
}) as typeof monaco.editor.createWebWorker;

export const monacoYaml = configureMonacoYaml({ ...monaco, editor: { ...monaco.editor, createWebWorker } } as typeof monaco, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  hoverSchemaSource: false,
  format: { enable: true },
  // Kubernetes objects are maps; YAML 1.1 booleans (yes/no) are what the core decodes too.
  yamlVersion: '1.1',
  schemas: [
    {
      // A name, not a location: the schema is handed over inline and never requested.
      uri: 'file:///kubernetes.schema.json',
      fileMatch: [MODEL_PATH, '**/cluster.yaml'],
      schema: schema as never,
    },
  ],
});

export { monaco };
