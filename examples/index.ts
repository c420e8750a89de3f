// The built-in scenarios, by slug. The app, the CLI's tests and the e2e suite all load these files.
export const EXAMPLE_SLUGS = [
  'default',
  'clusterip',
  'nodeport',
  'nginx',
  'podinfo',
  'ingress',
  'loadbalancer',
  'externalname',
  'headless',
] as const;

export type ExampleSlug = (typeof EXAMPLE_SLUGS)[number];

export const EXAMPLE_TITLES: Record<ExampleSlug, string> = {
  default: 'Starter cluster',
  clusterip: 'ClusterIP: go-helloworld 8111 → 6112',
  nodeport: 'NodePort: myapp on 30008',
  nginx: 'nginx-service 8081 → 3000',
  podinfo: 'podinfo 80 → 9898, three replicas',
  ingress: 'Ingress: go-helloworld.com/hi',
  loadbalancer: 'LoadBalancer: frontend-svc',
  externalname: 'ExternalName',
  headless: 'Headless Service',
};
