import { describe, expect, it } from 'vitest';
import type { ObjectKey } from '../model/types';
import { applyFix } from './fix';
import { deployment, docs, run, service } from './fixtures.test-util';
import { analyzeNoEndpoints, servicesWithoutReadyEndpoints } from './no-endpoints';
import type { Finding, ReasonCode } from './types';

const WEB = 'Service/default/web' as ObjectKey;
const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;

interface Row {
  name: string;
  /** the upstream behaviour the row pins */
  pins: string;
  text: string;
  actions?: string[];
  ready: boolean;
  /** every reason code expected, in order */
  codes: ReasonCode[];
  /** the fix (by index into the findings with fixes) that must make the Service ready */
  fix?: { code: ReasonCode; label: string };
}

const rows: Row[] = [
  {
    name: 'working Service',
    pins: 'endpointslice_controller.go syncService: pods listed by labels.Set(selector) in the namespace → ready endpoints',
    text: docs(deployment('web', { app: 'web' }), service('web', { app: 'web' })),
    ready: true,
    codes: ['ok'],
  },
  {
    name: 'selector value typo',
    pins: 'labels.SelectorFromSet: every pair must match exactly; "wbe" selects nothing',
    text: docs(deployment('web', { app: 'web' }), service('web', { app: 'wbe' })),
    ready: false,
    codes: ['selector-matches-none', 'label-value-differs'],
    fix: { code: 'label-value-differs', label: "Change the Service's selector to app=web (the label in the pod template of Deployment web)" },
  },
  {
    name: 'selector key typo',
    pins: 'labels.SelectorFromSet: the key must be present (ap=web does not select app=web)',
    text: docs(deployment('web', { app: 'web' }), service('web', { ap: 'web' })),
    ready: false,
    codes: ['selector-matches-none', 'label-key-differs'],
    fix: { code: 'label-key-differs', label: "Change the Service's selector key ap to app (the label in the pod template of Deployment web)" },
  },
  {
    name: 'pods lack one key of a two-key selector',
    pins: 'labels.SelectorFromSet: a missing key fails the whole selector',
    text: docs(deployment('web', { app: 'web' }), service('web', { app: 'web', tier: 'frontend' })),
    ready: false,
    codes: ['selector-matches-none', 'label-missing'],
    fix: { code: 'label-missing', label: 'Add the label tier=frontend to the pod template of Deployment web' },
  },
  {
    name: 'pods in another namespace',
    pins: 'syncService: podLister.Pods(service.Namespace) — a Service never selects across namespaces',
    text: docs(ns('shop'), deployment('web', { app: 'web' }, { ns: 'shop' }), service('web', { app: 'web' })),
    ready: false,
    codes: ['selector-matches-none', 'other-namespace'],
  },
  {
    name: 'named targetPort not declared',
    pins: 'podutil.FindPort: a named targetPort must name a containerPort; getEndpointPorts drops the port otherwise',
    text: docs(deployment('web', { app: 'web' }), service('web', { app: 'web' }, { targetPort: 'web' })),
    ready: false,
    codes: ['named-port-missing'],
    fix: { code: 'named-port-missing', label: `Set the Service's targetPort to "http" (container port 8080)` },
  },
  {
    name: 'named targetPort with another protocol',
    pins: 'podutil.FindPort: port.Name == name && port.Protocol == svcPort.Protocol',
    text: docs(deployment('web', { app: 'web' }, { ports: '[{name: dns, containerPort: 53, protocol: UDP}]' }), service('web', { app: 'web' }, { targetPort: 'dns' })),
    ready: false,
    codes: ['port-protocol-mismatch'],
  },
  {
    name: 'not ready (runtime action)',
    pins: 'podToEndpoint: ready = publishNotReadyAddresses || (podutil.IsPodReady && !terminating)',
    text: docs(deployment('web', { app: 'web' }, { replicas: 1 }), service('web', { app: 'web' })),
    actions: ['__NOT_READY__'],
    ready: false,
    codes: ['pod-not-ready'],
  },
  {
    name: 'publishNotReadyAddresses keeps a not-ready pod',
    pins: 'podToEndpoint: publishNotReadyAddresses makes every selected pod a ready endpoint',
    text: docs(deployment('web', { app: 'web' }, { replicas: 1 }), service('web', { app: 'web' }, { extraSpec: '  publishNotReadyAddresses: true\n' })),
    actions: ['__NOT_READY__'],
    ready: true,
    codes: ['ok', 'publish-not-ready'],
  },
  {
    name: 'unschedulable pods',
    pins: 'ShouldPodBeInEndpoints: a pod without an IP (Pending, unscheduled) is skipped',
    text: docs(deployment('web', { app: 'web' }, { extra: '\n      nodeSelector: {disk: ssd}' }), service('web', { app: 'web' })),
    ready: false,
    codes: ['pod-unscheduled'],
  },
  {
    name: 'no selector',
    pins: 'syncService: Spec.Selector == nil → no EndpointSlices from this controller (hand-written only)',
    text: service('web', null),
    ready: false,
    codes: ['no-selector'],
  },
  {
    name: 'ExternalName',
    pins: 'syncService: ServiceTypeExternalName receives no endpoints (issues.k8s.io/105986)',
    text: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: ExternalName\n  externalName: example.com\n',
    ready: false,
    codes: ['external-name'],
  },
  {
    name: 'headless with ready pods',
    pins: 'headless Services still get EndpointSlices from the selector (only kube-proxy skips them)',
    text: docs(deployment('web', { app: 'web' }), service('web', { app: 'web' }, { extraSpec: '  clusterIP: None\n' })),
    ready: true,
    codes: ['ok', 'headless'],
  },
];

function report(r: Row) {
  // The not-ready action names a pod the engine created: find it first.
  let actions = r.actions ?? [];
  if (actions.includes('__NOT_READY__')) {
    const pod = run(r.text).pods.find((p) => p.namespace === 'default' && p.labels.app === 'web')!;
    actions = [`not-ready pod/default/${pod.name}`];
  }
  return { rep: analyzeNoEndpoints(run(r.text, actions), WEB, { actions })!, actions };
}

describe('analyzeNoEndpoints', () => {
  it.each(rows)('$name ($pins)', (r) => {
    const { rep } = report(r);
    expect(rep.ready).toBe(r.ready);
    expect(rep.findings.map((f) => f.code)).toEqual(r.codes);
    const fixable = rep.findings.filter((f: Finding) => f.fixes.length > 0);
    if (!r.fix) return;
    const f = fixable.find((x) => x.code === r.fix!.code)!;
    expect(f.fixes[0].label).toBe(r.fix.label);
    // the fix, applied as a text edit, gives the Service ready endpoints
    const fixed = applyFix(r.text, f.fixes[0]);
    if ('error' in fixed) throw new Error(fixed.error);
    expect(fixed.edits).toHaveLength(1);
    const after = analyzeNoEndpoints(run(fixed.text), WEB)!;
    expect(after.ready).toBe(true);
    expect(after.findings.map((x) => x.code)).toEqual(['ok']);
  });

  it('a typo near-miss names the pods, their owner and both values', () => {
    const { rep } = report(rows[1]);
    const nm = rep.findings[1];
    expect(nm.kind).toBe('near-miss');
    expect(nm.pods).toHaveLength(2);
    expect(nm.owner).toEqual({ kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(nm.label).toEqual({ key: 'app', want: 'wbe', have: 'web', typo: true });
    expect(nm.message).toMatch(/^Pod web-[a-z0-9]+-[a-z0-9]+ and 1 more \(from the pod template of Deployment web\) has app=web; the selector wants app=wbe \(a typo\?\)\.$/);
  });

  it('the not-ready finding offers to remove the runtime action that caused it', () => {
    const { rep, actions } = report(rows[7]);
    const f = rep.findings[0];
    expect(f.fixes).toEqual([{ kind: 'remove-actions', label: `Remove the action "${actions[0]}"`, actions: [{ index: 0, action: actions[0] }] }]);
  });

  it('replicas made not ready by actions: one finding, one fix removing every not-ready action since each pod\'s last `ready`', () => {
    const text = docs(deployment('web', { app: 'web' }, { replicas: 3 }), service('web', { app: 'web' }));
    const names = run(text)
      .pods.filter((p) => p.labels.app === 'web')
      .map((p) => p.name);
    const actions = [...names.map((n) => `not-ready pod/default/${n}`), `ready pod/default/${names[2]}`, 'cordon node/kind-worker'];
    const rep = analyzeNoEndpoints(run(text, actions), WEB, { actions })!;
    // one pod is ready again: the Service has a ready endpoint
    expect(rep.ready).toBe(true);
    const all = [...names.map((n) => `not-ready pod/default/${n}`), `not-ready pod/default/${names[0]}`];
    const rep2 = analyzeNoEndpoints(run(text, all), WEB, { actions: all })!;
    expect(rep2.findings.map((f) => f.code)).toEqual(['pod-not-ready']);
    expect(rep2.findings[0].pods).toHaveLength(3);
    expect(rep2.findings[0].fixes).toEqual([
      {
        kind: 'remove-actions',
        label: 'Remove the 4 "not-ready" actions',
        actions: [
          { index: 0, action: all[0] },
          { index: 1, action: all[1] },
          { index: 2, action: all[2] },
          { index: 3, action: all[3] },
        ],
      },
    ]);
    const fix = rep2.findings[0].fixes[0];
    const drop = new Set(fix.kind === 'remove-actions' ? fix.actions.map((a) => a.index) : []);
    const left = all.filter((_, i) => !drop.has(i));
    expect(analyzeNoEndpoints(run(text, left), WEB, { actions: left })!.ready).toBe(true);
  });

  it('a one-pair selector lists other values as near-misses but offers a fix only for a typo', () => {
    const text = docs(deployment('api', { app: 'api' }), deployment('web', { app: 'frontend' }), service('web', { app: 'frontendd' }));
    const rep = analyzeNoEndpoints(run(text), WEB)!;
    const near = rep.findings.filter((f) => f.kind === 'near-miss');
    expect(near.map((f) => [f.owner?.name, f.label?.have, f.label?.typo, f.fixes.length])).toEqual([
      ['web', 'frontend', true, 1],
      ['api', 'api', false, 0],
    ]);
  });

  it('unknown Service → null', () => {
    expect(analyzeNoEndpoints(run(service('web', { app: 'web' })), 'Service/default/nope' as ObjectKey)).toBeNull();
  });
});

describe('servicesWithoutReadyEndpoints', () => {
  it('lists Services with a port kube-proxy finds no ready endpoint for (ExternalName left out)', () => {
    const text = docs(deployment('web', { app: 'web' }), service('web', { app: 'web' }), service('typo', { app: 'wbe' }), 'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {type: ExternalName, externalName: example.com}\n');
    expect(servicesWithoutReadyEndpoints(run(text))).toEqual(['Service/default/typo']);
  });
});
