// Builds Diagnostics in the shape the CLI prints and the editor marks, with the wording kubectl and
// kube-apiserver use: `The Service "web" is invalid: spec.ports[0].port: Required value`.
import { FIELD_ERROR_TYPE_STRING, errorValueJSON, fieldErrorString, goQuote, type FieldError } from '../model/field';
import type { Diagnostic, KubeObject, Severity } from '../model/types';
import { locate, parseFieldPath, type PathSegment } from './locate';
import type { ParsedDocument } from './parse';

/** Where an object came from: its document, and the path to it inside (e.g. ['items', 3] in a List). */
export interface ObjectSource {
  doc: ParsedDocument;
  itemPath: PathSegment[];
}

export interface ObjectIdent {
  kind: string | null;
  namespace: string | null;
  name: string | null;
}

export function identOf(obj: KubeObject | null | undefined): ObjectIdent {
  const meta = obj && typeof obj.metadata === 'object' && obj.metadata ? obj.metadata : undefined;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return { kind: str(obj?.kind), namespace: str(meta?.namespace), name: str(meta?.name) };
}

export interface DiagnosticInit {
  severity?: Severity;
  source: ObjectSource | null;
  ident: ObjectIdent;
  field?: string | null;
  type?: string | null;
  value?: unknown;
  detail?: string | null;
  reason: string;
  code?: number | null;
  message: string;
}

export function makeDiagnostic(d: DiagnosticInit): Diagnostic {
  let line: number | null = null;
  let column: number | null = null;
  let range = null;
  if (d.source) {
    const path = [...d.source.itemPath, ...(d.field ? parseFieldPath(d.field) : [])];
    range = locate(d.source.doc, path);
    line = range.line;
    column = range.column;
  }
  return {
    severity: d.severity ?? 'error',
    file: d.source?.doc.file ?? null,
    document: d.source?.doc.index ?? null,
    kind: d.ident.kind,
    namespace: d.ident.namespace,
    name: d.ident.name,
    field: d.field ?? null,
    type: d.type ?? null,
    value: d.value === undefined ? null : d.value,
    detail: d.detail ?? null,
    reason: d.reason,
    code: d.code ?? null,
    message: d.message,
    line,
    column,
    range,
  };
}

/**
 * A 422 Invalid diagnostic per field error, each with kubectl's full message for that one error.
 * Identical errors are reported once (utilerrors.NewAggregate drops duplicates from the message), and
 * an InternalError becomes the 500 the apiserver returns for it.
 */
export function invalidDiagnostics(source: ObjectSource | null, ident: ObjectIdent, errs: FieldError[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errs) {
    const text = fieldErrorString(e);
    if (seen.has(text)) continue;
    seen.add(text);
    if (e.type === 'InternalError') {
      out.push(makeDiagnostic({ source, ident, field: e.field || null, detail: e.detail, reason: 'InternalError', code: 500, message: `Internal error occurred: ${e.detail}` }));
      continue;
    }
    out.push(
      makeDiagnostic({
        source,
        ident,
        field: e.field,
        type: FIELD_ERROR_TYPE_STRING[e.type],
        value: errorValueJSON(e.value),
        detail: e.detail,
        reason: 'Invalid',
        code: 422,
        message: `The ${ident.kind} ${goQuote(ident.name ?? '')} is invalid: ${text}`,
      }),
    );
  }
  return out;
}
