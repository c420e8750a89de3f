import { describe, expect, it } from 'vitest';
import { corefile } from '../cluster/system';
import { kubeadmPlugins } from './coredns';
import { readCorefile } from './corefile';

const block = (body: string) => `.:53 {\n${body}\n}\n`;

describe('readCorefile', () => {
  it("kubeadm's Corefile (cmd/kubeadm/app/phases/addons/dns/manifests.go): pods insecure, ttl 30, fallthrough for the reverse zones, cache 30", () => {
    const { config, warnings } = readCorefile(corefile('cluster.local'), 'cluster.local');
    expect(warnings).toEqual([]);
    expect(config).toEqual({ clusterDomain: 'cluster.local', ttl: 30, podsMode: 'insecure', hosts: new Map(), plugins: kubeadmPlugins('cluster.local') });
  });

  it('no Corefile: kubeadm defaults and a warning', () => {
    const { config, warnings } = readCorefile(null, 'cluster.local');
    expect(config.podsMode).toBe('insecure');
    expect(config.ttl).toBe(30);
    expect(warnings).toEqual(['ConfigMap kube-system/coredns has no Corefile: using the one kubeadm writes']);
  });

  const rows: { rule: string; text: string; check: (r: ReturnType<typeof readCorefile>) => void }[] = [
    {
      rule: 'plugin/kubernetes defaults: ttl 5 (defaultTTL), pods disabled, zones from the server block keys',
      text: block('kubernetes\nforward . /etc/resolv.conf'),
      check: ({ config }) => {
        expect(config.ttl).toBe(5);
        expect(config.podsMode).toBe('disabled');
        expect(config.plugins?.kubernetes?.zones).toEqual(['.']);
      },
    },
    {
      rule: 'server block key with scheme and port is normalised (plugin.Host.Normalize)',
      text: 'dns://cluster.local:53 {\n kubernetes {\n  pods verified\n }\n}',
      check: ({ config }) => {
        expect(config.plugins?.kubernetes?.zones).toEqual(['cluster.local.']);
        expect(config.podsMode).toBe('verified');
        expect(config.plugins?.forward).toBe(false);
      },
    },
    {
      rule: 'the first non-reverse kubernetes zone is the cluster domain',
      text: block('kubernetes in-addr.arpa Cluster.Example ip6.arpa\nforward . /etc/resolv.conf'),
      check: ({ config }) => expect(config.clusterDomain).toBe('cluster.example'),
    },
    {
      rule: 'fallthrough without zones covers every zone (fall.F.SetZonesFromArgs)',
      text: block('kubernetes cluster.local {\n fallthrough\n}'),
      check: ({ config }) => expect(config.plugins?.kubernetes?.fallthrough).toEqual(['.']),
    },
    {
      rule: 'namespaces, endpoint_pod_names, ignore empty_service are read',
      text: block('kubernetes cluster.local {\n namespaces default team\n endpoint_pod_names\n ignore empty_service\n}'),
      check: ({ config }) => expect(config.plugins?.kubernetes).toMatchObject({ namespaces: ['default', 'team'], endpointPodNames: true, ignoreEmptyService: true }),
    },
    {
      rule: 'setup.go: a wrong pods value rejects the Corefile (reload keeps the previous one)',
      text: block('kubernetes cluster.local {\n pods maybe\n}'),
      check: ({ config, warnings }) => {
        expect(config.podsMode).toBe('insecure');
        expect(warnings).toEqual(['Corefile rejected, previous one kept: line 3: plugin/kubernetes: wrong value for pods: maybe,  must be one of: disabled, verified, insecure']);
      },
    },
    {
      rule: 'setup.go: ttl must be in range [0, 3600]',
      text: block('kubernetes cluster.local {\n ttl 4000\n}'),
      check: ({ warnings }) => expect(warnings).toEqual(['Corefile rejected, previous one kept: line 3: plugin/kubernetes: ttl must be in range [0, 3600]: 4000']),
    },
    {
      rule: "setup.go: unknown property 'X'",
      text: block('kubernetes cluster.local {\n frobnicate\n}'),
      check: ({ warnings }) => expect(warnings).toEqual(["Corefile rejected, previous one kept: line 3: plugin/kubernetes: unknown property 'frobnicate'"]),
    },
    {
      rule: 'setup.go: only reverse zones → non-reverse zone name must be used',
      text: block('kubernetes in-addr.arpa'),
      check: ({ warnings }) => expect(warnings[0]).toBe('Corefile rejected, previous one kept: line 2: plugin/kubernetes: non-reverse zone name must be used'),
    },
    {
      rule: 'an unknown directive is a parse error',
      text: block('kubernetes cluster.local\nfrobnicate'),
      check: ({ warnings }) => expect(warnings).toEqual(["Corefile rejected, previous one kept: line 3: Unknown directive 'frobnicate'"]),
    },
    {
      rule: 'plugin/hosts: inline entries (names lower-cased, trailing dot dropped), ttl, fallthrough',
      text: block('hosts {\n 10.0.0.5 Db.Example. db2.example\n 10.0.0.6 db.example\n ttl 60\n fallthrough\n}\nkubernetes cluster.local\nforward . /etc/resolv.conf'),
      check: ({ config }) => {
        expect(config.hosts).toEqual(new Map([['db.example', ['10.0.0.5', '10.0.0.6']], ['db2.example', ['10.0.0.5']]]));
        expect(config.plugins?.hosts).toEqual({ ttl: 60, origins: ['.'], fallthrough: ['.'], reverse: true });
      },
    },
    {
      rule: 'plugin/hosts: an entry after fallthrough is an unknown property',
      text: block('hosts {\n fallthrough\n 10.0.0.5 db.example\n}\nkubernetes cluster.local'),
      check: ({ warnings }) => expect(warnings).toEqual(["Corefile rejected, previous one kept: line 4: plugin/hosts: unknown property '10.0.0.5'"]),
    },
    {
      rule: 'plugin/cache: a bare `cache` keeps success 3600s / denial 1800s, minimum 5s',
      text: block('kubernetes cluster.local\ncache'),
      check: ({ config }) => expect(config.plugins?.cache).toEqual({ zones: ['.'], successTtl: 3600, denialTtl: 1800, minSuccessTtl: 5, minDenialTtl: 5 }),
    },
    {
      rule: 'plugins that do not change answers are accepted silently; others are listed',
      text: block('errors\nlog\nrewrite name foo bar\nkubernetes cluster.local\nforward . /etc/resolv.conf'),
      check: ({ warnings }) => expect(warnings).toEqual(['line 4: plugin rewrite is not simulated']),
    },
    {
      rule: 'extra server blocks (stub domains) are listed as not simulated',
      text: `${block('kubernetes cluster.local\nforward . /etc/resolv.conf')}example.local:53 {\n forward . 10.100.0.10\n}\n`,
      check: ({ warnings }) => expect(warnings).toEqual(['server block example.local:53 is not simulated (only .:53 is)']),
    },
    {
      rule: 'cluster zone in its own server block: names outside it reach the "." block\'s forward',
      text: 'cluster.local:53 {\n kubernetes\n}\n.:53 {\n forward . /etc/resolv.conf\n}\n',
      check: ({ config, warnings }) => {
        expect(config.plugins?.forward).toBe(true);
        expect(config.plugins?.kubernetes?.zones).toEqual(['cluster.local.']);
        expect(warnings).toEqual(['server block .:53: only its forward plugin is simulated']);
      },
    },
    {
      rule: '# comments and quoted arguments',
      text: '# top\n.:53 { # server\n  kubernetes "cluster.local" { # zone\n    pods insecure # mode\n  }\n}\n',
      check: ({ config, warnings }) => {
        expect(warnings).toEqual([]);
        expect(config.podsMode).toBe('insecure');
        expect(config.plugins?.kubernetes?.zones).toEqual(['cluster.local.']);
      },
    },
    {
      rule: 'no kubernetes plugin: cluster names go unanswered',
      text: block('forward . /etc/resolv.conf'),
      check: ({ config, warnings }) => {
        expect(config.plugins?.kubernetes).toBeNull();
        expect(warnings).toEqual(['Corefile has no kubernetes plugin: cluster names will not resolve']);
      },
    },
  ];
  it.each(rows)('$rule', ({ text, check }) => check(readCorefile(text, 'cluster.local')));
});
