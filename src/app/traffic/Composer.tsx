// The request composer: where from, where to, which protocol, how many. Checked before sending; the
// engine's own refusal (store.trafficError) is shown by the panel. A draft from elsewhere (the
// diagram's "Send a request here", through the UI store) fills the fields and may send at once.
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ClusterState } from '../../core';
import { useApp } from '../store/context';
import { useUi } from '../store/ui';
import { destinationSuggestions, inputFromDraft, isUrl, namespaceRank, toRequest, validateComposer, type ComposerErrors, type ComposerInput, type FromKind, type Proto } from './model';

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} className="traffic-field-error">
      {text}
    </p>
  ) : null;
}

export function Composer({ cluster: current }: { cluster: ClusterState }) {
  // Its pod list and destination suggestions (hundreds of options) follow the cluster after the edit's
  // frame is on screen, not inside it: a keystroke's diagram update never waits for them.
  const cluster = useDeferredValue(current);
  const sendRequest = useApp((s) => s.sendRequest);
  const broken = useApp((s) => s.derived.broken);
  const ids = useId();
  // the user's own pods first (default namespace, then others), add-on pods (kube-system, ingress-nginx…) last
  const pods = useMemo(() => cluster.pods.filter((p) => p.ip !== null).sort((a, b) => namespaceRank(a.namespace) - namespaceRank(b.namespace) || a.ordinal - b.ordinal), [cluster]);
  // The option lists as elements made once per cluster: the panel re-renders on every edit.
  const podOptions = useMemo(
    () =>
      pods.map((p) => (
        <option key={p.key} value={p.key}>
          {p.namespace}/{p.name}
        </option>
      )),
    [pods],
  );
  const nodeOptions = useMemo(
    () =>
      cluster.nodes.map((n) => (
        <option key={n.name} value={n.name}>
          {n.name}
        </option>
      )),
    [cluster],
  );
  const suggestionOptions = useMemo(
    () =>
      destinationSuggestions(cluster).map((s) => (
        <option key={s.value} value={s.value}>
          {s.label}
        </option>
      )),
    [cluster],
  );
  const [input, setInput] = useState<ComposerInput>({ fromKind: 'external', externalIP: '203.0.113.10', fromRef: '', to: '', protocol: 'TCP', count: 1 });
  const [errors, setErrors] = useState<ComposerErrors>({});
  const update = (patch: Partial<ComposerInput>) => {
    setInput((i) => ({ ...i, ...patch }));
    setErrors({});
  };
  const setFromKind = (fromKind: FromKind) => {
    const fromRef = fromKind === 'pod' ? (pods[0]?.key ?? '') : fromKind === 'node' ? (cluster.nodes[0]?.name ?? '') : '';
    update({ fromKind, fromRef });
  };
  const trySend = (i: ComposerInput) => {
    const errs = validateComposer(i, cluster);
    setErrors(errs);
    if (Object.keys(errs).length === 0) sendRequest(toRequest(i, cluster));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    trySend(input);
  };
  // Take each new draft once (a draft left from before this composer mounted is not replayed).
  const draft = useUi((s) => s.draft);
  const taken = useRef(draft?.n ?? 0);
  const [optionsOpen, setOptionsOpen] = useState(false);
  const latest = useRef({ input, trySend });
  useEffect(() => {
    latest.current = { input, trySend };
  });
  useEffect(() => {
    if (!draft || draft.n === taken.current) return;
    taken.current = draft.n;
    const next = inputFromDraft(draft, latest.current.input);
    setInput(next);
    setErrors({});
    if (next.resolve) setOptionsOpen(true);
    if (draft.send) latest.current.trySend(next);
  }, [draft]);
  // The chosen source may vanish under the form (pod deleted, node removed): say so at once.
  const missing =
    input.fromKind === 'pod' && input.fromRef && !pods.some((p) => p.key === input.fromRef)
      ? `Pod ${input.fromRef.replace(/^Pod\//, '')} no longer exists (deleted or not running): choose another source.`
      : input.fromKind === 'node' && input.fromRef && !cluster.nodes.some((n) => n.name === input.fromRef)
        ? `Node ${input.fromRef} no longer exists: choose another source.`
        : null;
  const described = (k: keyof ComposerErrors) => (errors[k] ? `${ids}-${k}-err` : undefined);
  return (
    <form className="traffic-composer" onSubmit={submit} noValidate aria-label="Request">
      {broken ? (
        <p className="traffic-note" role="note">
          The YAML has a syntax error: requests run against the last valid state of the cluster.
        </p>
      ) : null}
      <div className="traffic-row">
        <label htmlFor={`${ids}-kind`}>From</label>
        <select id={`${ids}-kind`} value={input.fromKind} onChange={(e) => setFromKind(e.target.value as FromKind)}>
          <option value="external">External client</option>
          <option value="pod">Pod</option>
          <option value="node">Node</option>
        </select>
        {input.fromKind === 'external' ? (
          <input aria-label="Client IP" value={input.externalIP} spellCheck={false} aria-invalid={!!errors.externalIP} aria-describedby={described('externalIP')} onChange={(e) => update({ externalIP: e.target.value })} />
        ) : (
          <select aria-label={input.fromKind === 'pod' ? 'Source pod' : 'Source node'} value={input.fromRef} aria-invalid={!!errors.from || !!missing} aria-describedby={errors.from || missing ? `${ids}-from-err` : undefined} onChange={(e) => update({ fromRef: e.target.value })}>
            {missing ? (
              <option value={input.fromRef} disabled>
                {input.fromRef.replace(/^Pod\//, '')} (gone)
              </option>
            ) : null}
            {input.fromKind === 'pod' ? podOptions : nodeOptions}
          </select>
        )}
      </div>
      <FieldError id={`${ids}-externalIP-err`} text={errors.externalIP} />
      <FieldError id={`${ids}-from-err`} text={errors.from ?? missing ?? undefined} />
      <div className="traffic-row">
        <label htmlFor={`${ids}-to`}>To</label>
        <input
          id={`${ids}-to`}
          className="traffic-to"
          list={`${ids}-to-list`}
          value={input.to}
          placeholder="http://SERVICE:PORT/ or IP:PORT"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={!!errors.to}
          aria-describedby={described('to')}
          onChange={(e) => update({ to: e.target.value })}
        />
        <datalist id={`${ids}-to-list`}>
          {suggestionOptions}
        </datalist>
      </div>
      <FieldError id={`${ids}-to-err`} text={errors.to} />
      <div className="traffic-row">
        <label htmlFor={`${ids}-proto`}>Protocol</label>
        <select id={`${ids}-proto`} value={isUrl(input.to) ? 'TCP' : input.protocol} disabled={isUrl(input.to)} onChange={(e) => update({ protocol: e.target.value as Proto })}>
          <option value="TCP">{isUrl(input.to) ? 'HTTP (TCP)' : 'TCP'}</option>
          <option value="UDP">UDP</option>
          <option value="ICMP">ICMP</option>
        </select>
        <label htmlFor={`${ids}-count`}>Count</label>
        <input id={`${ids}-count`} className="traffic-count" type="number" min={1} max={1000} value={input.count} aria-invalid={!!errors.count} aria-describedby={described('count')} onChange={(e) => update({ count: Number(e.target.value) })} />
        <button type="submit" className="btn traffic-send">
          Send
        </button>
      </div>
      <FieldError id={`${ids}-count-err`} text={errors.count} />
      <details className="traffic-options" open={optionsOpen} onToggle={(e) => setOptionsOpen(e.currentTarget.open)}>
        <summary>Options{input.resolve ? `: --resolve ${input.resolve}` : ''}</summary>
        <div className="traffic-row">
          <label htmlFor={`${ids}-resolve`}>Resolve</label>
          <input
            id={`${ids}-resolve`}
            className="traffic-to"
            value={input.resolve ?? ''}
            placeholder="HOST:IP, like curl --resolve"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!!errors.resolve}
            aria-describedby={described('resolve')}
            onChange={(e) => update({ resolve: e.target.value })}
          />
        </div>
        <FieldError id={`${ids}-resolve-err`} text={errors.resolve} />
      </details>
    </form>
  );
}
