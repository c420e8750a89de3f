// A realistic manifest of n objects (Deployments, the Services in front of them, bare Pods), for the
// benchmarks and the property tests. Deterministic: the same n gives the same text.
export function generateManifest(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    if (k === 0) {
      out.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 8080
          name: http
`);
    } else if (k === 1) {
      out.push(`apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: default
spec:
  selector:
    app: app-${i - 1}
  ports:
  - name: http
    port: 80
    targetPort: http
`);
    } else {
      out.push(`apiVersion: v1
kind: Pod
metadata:
  name: pod-${i}
  labels: {run: pod-${i}}
spec:
  containers:
  - name: c
    image: "alpine:3.20"
    command: ["sleep", "infinity"]
`);
    }
  }
  return out.join('---\n');
}
