// The request composer: where from, where to, which protocol, how many. Checked before sending; the
// engine's own refusal (store.trafficError) is shown by the panel.
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ClusterState } from '../../core';
import { useApp } from '../store/context';
import { destinationSuggestions, isUrl, namespaceRank, toRequest, validateComposer, type ComposerErrors, type ComposerInput, type FromKind, type Proto } from './model';

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} className="traffic-field-error">
      {text}
    </p>
  ) : null;
}

export function Composer({ cluster }: { cluster: ClusterState }) {
  const sendRequest = useApp((s) => s.sendRequest);
  const ids = useId();
  // the user's own pods first (default namespace, then others), add-on pods (kube-system, ingress-nginx…) last
  const pods = useMemo(() => cluster.pods.filter((p) => p.ip !== null).sort((a, b) => namespaceRank(a.namespace) - namespaceRank(b.namespace) || a.ordinal - b.ordinal), [cluster]);
  const suggestions = useMemo(() => destinationSuggestions(cluster), [cluster]);
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs = validateComposer(input, cluster);
    setErrors(errs);
    if (Object.keys(errs).length === 0) sendRequest(toRequest(input, cluster));
  };
  const described = (k: keyof ComposerErrors) => (errors[k] ? `${ids}-${k}-err` : undefined);
  return (
    <form className="traffic-composer" onSubmit={submit} noValidate aria-label="Request">
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
          <select aria-label={input.fromKind === 'pod' ? 'Source pod' : 'Source node'} value={input.fromRef} aria-invalid={!!errors.from} aria-describedby={described('from')} onChange={(e) => update({ fromRef: e.target.value })}>
            {input.fromKind === 'pod'
              ? pods.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.namespace}/{p.name}
                  </option>
                ))
              : cluster.nodes.map((n) => (
                  <option key={n.name} value={n.name}>
                    {n.name}
                  </option>
                ))}
          </select>
        )}
      </div>
      <FieldError id={`${ids}-externalIP-err`} text={errors.externalIP} />
      <FieldError id={`${ids}-from-err`} text={errors.from} />
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
          {suggestions.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
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
    </form>
  );
}
