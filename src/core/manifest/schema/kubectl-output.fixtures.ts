// `kubectl get -o yaml` output from a kind cluster (v1.33), used by ../decode.test.ts to check that
// real server output decodes without a single false problem. Test data only: nothing imports it at runtime.
export const POD_YAML = `
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2025-05-02T09:14:07Z"
  generateName: web-7c5ddbdf54-
  generation: 1
  labels:
    app: web
    pod-template-hash: 7c5ddbdf54
  name: web-7c5ddbdf54-x8k2p
  namespace: default
  ownerReferences:
  - apiVersion: apps/v1
    blockOwnerDeletion: true
    controller: true
    kind: ReplicaSet
    name: web-7c5ddbdf54
    uid: 0b6f2a0e-6f0c-4b8e-9f57-2f1d3c4e5a6b
  resourceVersion: "1342"
  uid: 5d1c7a9e-2b3f-4c8d-a1e2-3f4b5c6d7e8f
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:metadata:
        f:generateName: {}
        f:labels:
          .: {}
          f:app: {}
      f:spec:
        f:containers:
          k:{"name":"nginx"}:
            .: {}
            f:image: {}
    manager: kube-controller-manager
    operation: Update
    time: "2025-05-02T09:14:07Z"
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:status:
        f:conditions:
          k:{"type":"Ready"}:
            .: {}
            f:status: {}
    manager: kubelet
    operation: Update
    subresource: status
    time: "2025-05-02T09:14:12Z"
spec:
  containers:
  - env:
    - name: POD_IP
      valueFrom:
        fieldRef:
          apiVersion: v1
          fieldPath: status.podIP
    - name: MODE
      value: "prod"
    envFrom:
    - configMapRef:
        name: web-config
    image: nginx:1.27
    imagePullPolicy: IfNotPresent
    livenessProbe:
      failureThreshold: 3
      httpGet:
        path: /healthz
        port: http
        scheme: HTTP
      periodSeconds: 10
      successThreshold: 1
      timeoutSeconds: 1
    name: nginx
    ports:
    - containerPort: 80
      name: http
      protocol: TCP
    readinessProbe:
      failureThreshold: 3
      periodSeconds: 10
      successThreshold: 1
      tcpSocket:
        port: 80
      timeoutSeconds: 1
    resources:
      limits:
        cpu: 500m
        memory: 128Mi
      requests:
        cpu: 100m
        memory: 64Mi
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop:
        - ALL
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-7xw2q
      readOnly: true
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  initContainers:
  - command: ["sh", "-c", "echo init"]
    image: busybox:1.36
    imagePullPolicy: IfNotPresent
    name: init
    resources: {}
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
  nodeName: kind-worker
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: kubernetes.io/os
            operator: In
            values: [linux]
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: kube-api-access-7xw2q
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          items:
          - key: ca.crt
            path: ca.crt
          name: kube-root-ca.crt
      - downwardAPI:
          items:
          - fieldRef:
              apiVersion: v1
              fieldPath: metadata.namespace
            path: namespace
  - name: cache
    emptyDir:
      sizeLimit: 1Gi
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2025-05-02T09:14:10Z"
    observedGeneration: 1
    status: "True"
    type: PodReadyToStartContainers
  - lastProbeTime: null
    lastTransitionTime: "2025-05-02T09:14:12Z"
    status: "True"
    type: Ready
  containerStatuses:
  - containerID: containerd://4f1e2d3c
    image: docker.io/library/nginx:1.27
    imageID: docker.io/library/nginx@sha256:abcd
    lastState: {}
    name: nginx
    ready: true
    restartCount: 0
    started: true
    state:
      running:
        startedAt: "2025-05-02T09:14:11Z"
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-7xw2q
      readOnly: true
      recursiveReadOnly: Disabled
  hostIP: 172.18.0.3
  hostIPs:
  - ip: 172.18.0.3
  observedGeneration: 1
  phase: Running
  podIP: 10.244.1.5
  podIPs:
  - ip: 10.244.1.5
  qosClass: Burstable
  startTime: "2025-05-02T09:14:07Z"
`;

export const SERVICE_YAML = `
apiVersion: v1
kind: Service
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"web","namespace":"default"}}
  creationTimestamp: "2025-05-02T09:14:07Z"
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "1290"
  uid: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:spec:
        f:ports:
          .: {}
          k:{"port":80,"protocol":"TCP"}:
            .: {}
            f:port: {}
    manager: kubectl-client-side-apply
    operation: Update
    time: "2025-05-02T09:14:07Z"
spec:
  allocateLoadBalancerNodePorts: true
  clusterIP: 10.96.142.17
  clusterIPs:
  - 10.96.142.17
  externalTrafficPolicy: Cluster
  internalTrafficPolicy: Cluster
  ipFamilies:
  - IPv4
  ipFamilyPolicy: SingleStack
  ports:
  - name: http
    nodePort: 31080
    port: 80
    protocol: TCP
    targetPort: http
  - name: metrics
    nodePort: 31090
    port: 9090
    protocol: TCP
    targetPort: 9090
  selector:
    app: web
  sessionAffinity: ClientIP
  sessionAffinityConfig:
    clientIP:
      timeoutSeconds: 10800
  type: LoadBalancer
status:
  loadBalancer:
    ingress:
    - ip: 172.18.255.200
      ipMode: VIP
`;

export const DEPLOYMENT_YAML = `
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "1"
  creationTimestamp: "2025-05-02T09:14:07Z"
  generation: 1
  name: web
  namespace: default
  resourceVersion: "1350"
  uid: 1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9
spec:
  progressDeadlineSeconds: 600
  replicas: 2
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: web
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 1
    type: RollingUpdate
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        imagePullPolicy: IfNotPresent
        name: nginx
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
status:
  availableReplicas: 2
  conditions:
  - lastTransitionTime: "2025-05-02T09:14:12Z"
    lastUpdateTime: "2025-05-02T09:14:12Z"
    message: Deployment has minimum availability.
    reason: MinimumReplicasAvailable
    status: "True"
    type: Available
  observedGeneration: 1
  readyReplicas: 2
  replicas: 2
  updatedReplicas: 2
`;

export const ENDPOINTSLICE_YAML = `
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  creationTimestamp: "2025-05-02T09:14:08Z"
  generateName: web-
  generation: 3
  labels:
    endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io
    kubernetes.io/service-name: web
  name: web-8xk2d
  namespace: default
  ownerReferences:
  - apiVersion: v1
    blockOwnerDeletion: true
    controller: true
    kind: Service
    name: web
    uid: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
  resourceVersion: "1352"
  uid: 2a3b4c5d-6e7f-4801-9a2b-3c4d5e6f7a8b
addressType: IPv4
endpoints:
- addresses:
  - 10.244.1.5
  conditions:
    ready: true
    serving: true
    terminating: false
  nodeName: kind-worker
  targetRef:
    kind: Pod
    name: web-7c5ddbdf54-x8k2p
    namespace: default
    uid: 5d1c7a9e-2b3f-4c8d-a1e2-3f4b5c6d7e8f
  zone: zone-a
  hints:
    forZones:
    - name: zone-a
ports:
- name: http
  port: 80
  protocol: TCP
`;

export const NODE_YAML = `
apiVersion: v1
kind: Node
metadata:
  annotations:
    node.alpha.kubernetes.io/ttl: "0"
  creationTimestamp: "2025-05-02T09:10:01Z"
  labels:
    kubernetes.io/hostname: kind-worker
  name: kind-worker
  resourceVersion: "1200"
  uid: 3b4c5d6e-7f80-4912-a3b4-c5d6e7f8091a
spec:
  podCIDR: 10.244.1.0/24
  podCIDRs:
  - 10.244.1.0/24
  providerID: kind://docker/kind/kind-worker
  taints:
  - effect: NoSchedule
    key: example.com/dedicated
    value: infra
status:
  addresses:
  - address: 172.18.0.3
    type: InternalIP
  - address: kind-worker
    type: Hostname
  allocatable:
    cpu: "8"
    ephemeral-storage: 102400Mi
    hugepages-2Mi: "0"
    memory: 16302048Ki
    pods: "110"
  capacity:
    cpu: "8"
    memory: 16302048Ki
    pods: "110"
  conditions:
  - lastHeartbeatTime: "2025-05-02T09:20:01Z"
    lastTransitionTime: "2025-05-02T09:10:20Z"
    message: kubelet is posting ready status
    reason: KubeletReady
    status: "True"
    type: Ready
  daemonEndpoints:
    kubeletEndpoint:
      Port: 10250
  images:
  - names:
    - docker.io/library/nginx:1.27
    sizeBytes: 72099410
  nodeInfo:
    architecture: amd64
    kubeletVersion: v1.33.1
    operatingSystem: linux
  runtimeHandlers:
  - features:
      recursiveReadOnlyMounts: true
    name: runc
  features:
    supplementalGroupsPolicy: true
`;
