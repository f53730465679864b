/**
 * Objects in many states for the describe differential test: each is described by kubemu's
 * formatters and by the real kubectl, and the texts must be identical.
 */
import type { KObject } from '../../src/api/types.js';

export const NOW = Date.parse('2026-11-22T10:00:00Z');
/** RFC 3339 for `sec` seconds before NOW. */
export const ago = (sec: number) => new Date(NOW - sec * 1000).toISOString().replace('.000Z', 'Z');
const agoMicro = (sec: number) => new Date(NOW - sec * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

let uidN = 0;
const uid = () => `00000000-0000-4000-8000-${String(++uidN).padStart(12, '0')}`;

function meta(name: string, ns: string | undefined, extra: Record<string, unknown> = {}): KObject['metadata'] {
  return { name, ...(ns ? { namespace: ns } : {}), uid: uid(), resourceVersion: String(100 + uidN), creationTimestamp: ago(3600 + uidN * 7), ...extra };
}

const tokenVolume = (suffix: string) => ({
  name: `kube-api-access-${suffix}`,
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  },
});

const defaultTolerations = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

const conds = (ready: boolean, at: string) => [
  { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: at },
  { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: at },
  { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at },
  { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at },
  { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at },
];

function ev(name: string, involved: KObject, o: Record<string, unknown>): KObject {
  const io: Record<string, unknown> = { apiVersion: involved.apiVersion, kind: involved.kind, name: involved.metadata.name, uid: involved.metadata.uid };
  if (involved.metadata.namespace) io.namespace = involved.metadata.namespace;
  if (o.fieldPath) io.fieldPath = o.fieldPath;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: involved.metadata.namespace ?? 'default', uid: uid(), resourceVersion: String(500 + uidN), creationTimestamp: (o.first as string) ?? ago(700) },
    involvedObject: io,
    reason: o.reason,
    message: o.message,
    type: o.type ?? 'Normal',
    source: o.component ? { component: o.component, ...(o.host ? { host: o.host } : {}) } : {},
    firstTimestamp: o.first ?? null,
    lastTimestamp: o.last ?? o.first ?? null,
    count: o.count ?? 1,
    eventTime: o.eventTime ?? null,
    reportingComponent: o.reporting ?? o.component ?? '',
    reportingInstance: '',
    ...(o.series ? { series: o.series } : {}),
  };
}

// ---- nodes ---------------------------------------------------------------------------------------

const nodeConditions = (at: string, beat: string, ready = true) => [
  { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: beat, lastTransitionTime: at, reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', lastHeartbeatTime: beat, lastTransitionTime: at, reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', lastHeartbeatTime: beat, lastTransitionTime: at, reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  ready
    ? { type: 'Ready', status: 'True', lastHeartbeatTime: beat, lastTransitionTime: at, reason: 'KubeletReady', message: 'kubelet is posting ready status' }
    : { type: 'Ready', status: 'Unknown', lastHeartbeatTime: beat, lastTransitionTime: at, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' },
];

function node(name: string, o: { labels?: Record<string, string>; taints?: unknown[]; unschedulable?: boolean; ready?: boolean; extra?: Record<string, string> } = {}): KObject {
  const capacity = { cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8148108Ki', pods: '110', ...(o.extra ?? {}) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined, {
      labels: { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(o.labels ?? {}) },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    }),
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity,
      allocatable: { ...capacity, memory: '8045708Ki', 'ephemeral-storage': '94580335255' },
      conditions: nodeConditions(ago(86400 * 3), ago(640), o.ready ?? true),
      addresses: [
        { type: 'InternalIP', address: '192.168.49.3' },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        machineID: 'a718f5d10602ecb7a0a001f0e2e4aa14',
        systemUUID: 'd99299bd-8a8e-4b8f-b26c-fa78170c514d',
        bootID: '79965680-fbda-4843-8bf6-27a75a2a2910',
        kernelVersion: '6.8.0-49-generic',
        osImage: 'Ubuntu 22.04.5 LTS',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.32.5',
        kubeProxyVersion: 'v1.32.5',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

export function fixtures(): KObject[] {
  uidN = 0;
  const objs: KObject[] = [];
  const add = <T extends KObject>(o: T): T => {
    objs.push(o);
    return o;
  };

  const w1 = add(node('worker-1', { labels: { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'gpu' }, extra: { 'nvidia.com/gpu': '2' } }));
  add(
    node('worker-2', {
      taints: [
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: ago(900) },
        { key: 'dedicated', value: 'db', effect: 'NoExecute' },
        { key: 'a', value: 'b', effect: 'NoSchedule' },
      ],
      unschedulable: true,
      ready: false,
    }),
  );
  add({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: meta('worker-1', 'kube-node-lease', { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'worker-1', uid: w1.metadata.uid! }] }),
    spec: { holderIdentity: 'worker-1', leaseDurationSeconds: 40, renewTime: agoMicro(630) },
  });
  for (const [i, reason] of ['Starting', 'NodeHasSufficientMemory', 'NodeReady'].entries()) {
    const e = ev(`worker-1.${i}`, w1, { reason, message: reason === 'Starting' ? 'Starting kubelet.' : `Node worker-1 status is now: ${reason}`, component: 'kubelet', host: 'worker-1', first: ago(3000 - i) });
    (e.involvedObject as Record<string, unknown>).uid = 'worker-1';
    add(e);
  }
  add(ev('worker-1.reg', w1, { reason: 'RegisteredNode', message: 'Node worker-1 event: Registered Node worker-1 in Controller', component: 'node-controller', first: ago(2990) }));

  // ---- pods --------------------------------------------------------------------------------------
  const rich = add({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('rich', 'default', {
      labels: { app: 'rich', tier: 'backend', 'app.kubernetes.io/name': 'rich' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}\n',
        'example.com/long': 'x'.repeat(150),
        'example.com/multi': 'line one\nline two\n',
        'example.com/short': 'v',
      },
    }),
    spec: {
      priority: 0,
      serviceAccountName: 'default',
      nodeName: 'worker-1',
      nodeSelector: { disktype: 'ssd', 'kubernetes.io/os': 'linux' },
      initContainers: [
        { name: 'init-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nslookup db; do sleep 2; done'], resources: { requests: { cpu: '50m', memory: '32Mi' } } },
        { name: 'sidecar', image: 'envoy:v1', restartPolicy: 'Always', resources: { requests: { cpu: '100m' }, limits: { cpu: '200m' } } },
      ],
      containers: [
        {
          name: 'app',
          image: 'example.com/app:v2',
          command: ['/bin/app'],
          args: ['--port=8080', 'multi\nline arg'],
          ports: [
            { containerPort: 8080, protocol: 'TCP', name: 'http' },
            { containerPort: 9090, protocol: 'TCP', hostPort: 19090 },
          ],
          env: [
            { name: 'PLAIN', value: 'hello' },
            { name: 'MULTI', value: 'a\nb' },
            { name: 'EMPTY', value: '' },
            { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
            { name: 'POD_NS', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
            { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
            { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
            { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '0' } } },
            { name: 'MEM_REQ', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'requests.memory', divisor: '1Mi' } } },
            { name: 'CPU_REQ', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
            { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
            { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
            { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode', optional: true } } },
          ],
          envFrom: [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'db', optional: false }, prefix: 'DB_' }],
          resources: { requests: { cpu: '250m', memory: '128974848' }, limits: { memory: '1Gi' } },
          livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 3, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
          readinessProbe: { tcpSocket: { port: 'http' }, timeoutSeconds: 2, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
          startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 30 },
          volumeMounts: [
            { name: 'data', mountPath: '/data' },
            { name: 'config', mountPath: '/etc/app', readOnly: true },
            { name: 'config', mountPath: '/etc/app/one.conf', subPath: 'one.conf' },
            { name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
          ],
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        },
        { name: 'grpc', image: 'grpc:1', livenessProbe: { grpc: { port: 9000, service: '' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 }, readinessProbe: { httpGet: { path: 'ready', port: 81, host: '10.0.0.1', scheme: 'HTTPS' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } },
      ],
      volumes: [
        { name: 'data', persistentVolumeClaim: { claimName: 'data-claim' } },
        { name: 'config', configMap: { name: 'settings', defaultMode: 420 } },
        { name: 'secret-vol', secret: { secretName: 'db', optional: true } },
        { name: 'scratch', emptyDir: {} },
        { name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
        { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
        { name: 'host2', hostPath: { path: '/tmp' } },
        { name: 'nfs', nfs: { server: 'nfs.example.com', path: '/exports' } },
        { name: 'downward', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'cpu', resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } }] } },
        { name: 'csi', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault', b: 'c' } } },
        { name: 'eph', ephemeral: { volumeClaimTemplate: { metadata: { labels: { a: 'b', c: 'd' } }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } } } } },
        { name: 'projected', projected: { sources: [{ secret: { name: 's1' } }, { configMap: { name: 'c1' } }] } },
        tokenVolume('abcde'),
      ],
      tolerations: [...defaultTolerations, { operator: 'Exists' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }, { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, { effect: 'NoSchedule', operator: 'Exists' }],
      readinessGates: [{ conditionType: 'example.com/ready' }, { conditionType: 'example.com/other' }],
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'rich' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] } },
        { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
      ],
      securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } },
    },
    status: {
      phase: 'Running',
      hostIP: '192.168.49.3',
      podIP: '10.244.1.7',
      podIPs: [{ ip: '10.244.1.7' }, { ip: 'fd00::7' }],
      startTime: ago(3000),
      qosClass: 'Burstable',
      conditions: [...conds(true, ago(2950)), { type: 'example.com/ready', status: 'True' }],
      initContainerStatuses: [
        { name: 'init-db', image: 'busybox:1.36', imageID: 'docker.io/library/busybox@sha256:1', containerID: 'containerd://i1', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(2990), finishedAt: ago(2980) } } },
        { name: 'sidecar', image: 'envoy:v1', imageID: 'docker.io/library/envoy@sha256:2', containerID: 'containerd://i2', ready: true, restartCount: 0, started: true, state: { running: { startedAt: ago(2975) } } },
      ],
      containerStatuses: [
        { name: 'app', image: 'example.com/app:v2', imageID: 'example.com/app@sha256:3', containerID: 'containerd://c1', ready: true, restartCount: 2, started: true, state: { running: { startedAt: ago(2900) } }, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', message: 'out of memory', signal: 9, startedAt: ago(2960), finishedAt: ago(2930) } } },
      ],
    },
  });
  add(ev('rich.1', rich, { reason: 'Scheduled', message: 'Successfully assigned default/rich to worker-1', component: '', reporting: 'default-scheduler', eventTime: agoMicro(3001), first: undefined }));
  add(ev('rich.2', rich, { reason: 'Pulled', message: 'Container image "example.com/app:v2" already present on machine  ', component: 'kubelet', host: 'worker-1', first: ago(2990), fieldPath: 'spec.containers{app}' }));
  add(ev('rich.3', rich, { type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: connection refused', component: 'kubelet', host: 'worker-1', first: ago(2950), last: ago(700), count: 14 }));
  add(ev('rich.4', rich, { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container app', component: 'kubelet', first: ago(2940), last: ago(800), count: 3, series: { count: 5, lastObservedTime: agoMicro(650) } }));

  const crash = add({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('crashy', 'default', { labels: { run: 'crashy' } }),
    spec: { priority: 0, serviceAccountName: 'default', nodeName: 'worker-1', containers: [{ name: 'crashy', image: 'busybox', command: ['sh', '-c', 'exit 1'], resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } }, volumeMounts: [{ name: 'kube-api-access-x1', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }], volumes: [tokenVolume('x1')], tolerations: defaultTolerations },
    status: {
      phase: 'Running',
      hostIP: '192.168.49.3',
      podIP: '10.244.1.8',
      podIPs: [{ ip: '10.244.1.8' }],
      startTime: ago(1200),
      conditions: conds(false, ago(1100)),
      containerStatuses: [{ name: 'crashy', image: 'busybox', imageID: 'docker.io/library/busybox@sha256:9', containerID: 'containerd://c9', ready: false, restartCount: 5, started: false, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(700), finishedAt: ago(695) } } }],
    },
  });
  for (let i = 0; i < 15; i++) {
    add(ev(`crashy.${String(i).padStart(2, '0')}`, crash, { reason: ['Pulled', 'Created', 'Started', 'BackOff', 'Killing'][i % 5], type: i % 5 === 3 ? 'Warning' : 'Normal', message: `message ${i}`, component: 'kubelet', first: ago(1100 - (i % 3) * 60), last: ago(900 - (i % 3) * 60), count: (i % 4) + 1 }));
  }

  add({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('creating', 'default'),
    spec: { priority: 0, serviceAccountName: 'default', nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] }], tolerations: defaultTolerations },
    status: { phase: 'Pending', hostIP: '192.168.49.3', startTime: ago(620), conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: ago(620) }], containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } } }] },
  });

  const pending = add({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('pending', 'default', { labels: { app: 'big' } }),
    spec: { priority: 1000, priorityClassName: 'high', serviceAccountName: 'default', schedulerName: 'default-scheduler', containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '64' } } }], tolerations: defaultTolerations },
    status: { phase: 'Pending', qosClass: 'Burstable', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/2 nodes are available: 2 Insufficient cpu.', lastTransitionTime: ago(900) }] },
  });
  add(ev('pending.1', pending, { type: 'Warning', reason: 'FailedScheduling', message: '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.', component: '', reporting: 'default-scheduler', eventTime: agoMicro(900) }));

  add({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('leaving', 'default', { deletionTimestamp: new Date(NOW + 25000).toISOString().replace('.000Z', 'Z'), deletionGracePeriodSeconds: 30, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f7c9b6d', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }] }),
    spec: { priority: 0, nodeName: 'worker-1', containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '100m', memory: '100Mi' } } }] },
    status: { phase: 'Running', hostIP: '192.168.49.3', podIP: '10.244.1.9', podIPs: [{ ip: '10.244.1.9' }], startTime: ago(2000), containerStatuses: [{ name: 'web', image: 'nginx', imageID: 'x', containerID: 'containerd://w', ready: true, restartCount: 0, state: { running: { startedAt: ago(1990) } } }] },
  });

  add({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('done', 'default'),
    spec: { priority: 0, nodeName: 'worker-1', restartPolicy: 'Never', containers: [{ name: 'job', image: 'perl', command: ['perl', '-e', 'print 1'] }], overhead: { cpu: '10m' } },
    status: { phase: 'Succeeded', reason: 'Completed', message: 'all done', hostIP: '192.168.49.3', podIP: '10.244.1.10', podIPs: [{ ip: '10.244.1.10' }], startTime: ago(5000), containerStatuses: [{ name: 'job', image: 'perl', imageID: 'y', containerID: 'containerd://d', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(4990), finishedAt: ago(4900) } } }] },
  });

  add({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('guaranteed', 'kube-system', { annotations: { 'kubernetes.io/config.mirror': 'mirror-uid', 'kubernetes.io/config.source': 'file' } }),
    spec: { priority: 2000001000, priorityClassName: 'system-node-critical', nodeName: 'worker-1', hostNetwork: true, containers: [{ name: 'etcd', image: 'etcd:3.5', resources: { requests: { cpu: '1500m', memory: '1.5Gi', 'hugepages-2Mi': '20Mi', 'nvidia.com/gpu': '1' }, limits: { cpu: '1.5', memory: '1536Mi', 'hugepages-2Mi': '20Mi', 'nvidia.com/gpu': '1' } } }], tolerations: [{ operator: 'Exists', effect: 'NoExecute' }] },
    status: { phase: 'Running', hostIP: '192.168.49.3', podIP: '192.168.49.3', podIPs: [{ ip: '192.168.49.3' }], startTime: ago(7000), containerStatuses: [{ name: 'etcd', image: 'etcd:3.5', imageID: 'z', containerID: 'containerd://e', ready: true, restartCount: 0, state: { running: { startedAt: ago(6990) } } }] },
  });
  const mirrorEv = ev('guaranteed.1', objs[objs.length - 1], { reason: 'Pulled', message: 'Container image "etcd:3.5" already present on machine', component: 'kubelet', first: ago(6995) });
  (mirrorEv.involvedObject as Record<string, unknown>).uid = 'mirror-uid';
  add(mirrorEv);

  // Every other volume source, and pod-level details that are rarely set.
  add({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('volumes', 'default'),
    spec: {
      priority: 5,
      runtimeClassName: 'gvisor',
      nodeName: 'bare',
      resources: { limits: { cpu: '2' }, requests: { cpu: '1' } },
      initContainers: [{ name: 'init', image: 'busybox' }],
      containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '500m', memory: '1Gi' } }, volumeDevices: [{ name: 'block', devicePath: '/dev/xvda' }] }],
      ephemeralContainers: [{ name: 'debugger', image: 'busybox', targetContainerName: 'c', stdin: true, tty: true }],
      volumes: [
        { name: 'git', gitRepo: { repository: 'https://example.com/repo.git', revision: 'main' } },
        { name: 'gce', gcePersistentDisk: { pdName: 'disk', fsType: 'ext4', partition: 1 } },
        { name: 'aws', awsElasticBlockStore: { volumeID: 'vol-1', fsType: 'ext4' } },
        { name: 'iscsi', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0, iscsiInterface: 'default', fsType: 'ext4', readOnly: true, portals: ['10.0.0.2:3260'], chapAuthSession: true, secretRef: { name: 'chap' }, initiatorName: 'iqn.x' } },
        { name: 'gluster', glusterfs: { endpoints: 'glusterfs-cluster', path: 'kube_vol', readOnly: true } },
        { name: 'rbd', rbd: { monitors: ['10.16.154.78:6789', '10.16.154.82:6789'], image: 'foo', fsType: 'ext4', pool: 'kube', user: 'admin', keyring: '/etc/ceph/keyring', readOnly: true } },
        { name: 'quobyte', quobyte: { registry: 'registry:7861', volume: 'testVolume', readOnly: true } },
        { name: 'azdisk', azureDisk: { diskName: 'test.vhd', diskURI: 'https://example.com/test.vhd', kind: 'Shared', fsType: 'ext4', cachingMode: 'ReadWrite', readOnly: false } },
        { name: 'vsphere', vsphereVolume: { volumePath: '[datastore1] volumes/myDisk', fsType: 'ext4' } },
        { name: 'cinder', cinder: { volumeID: 'bd82f7e2', fsType: 'ext4' } },
        { name: 'photon', photonPersistentDisk: { pdID: 'p1', fsType: 'ext4' } },
        { name: 'portworx', portworxVolume: { volumeID: 'pxvol' } },
        { name: 'scaleio', scaleIO: { gateway: 'https://localhost:443/api', system: 'scaleio', protectionDomain: 'pd', storagePool: 'sp', storageMode: 'ThinProvisioned', volumeName: 'vol-0', secretRef: { name: 'sio-secret' }, fsType: 'xfs' } },
        { name: 'cephfs', cephfs: { monitors: ['10.16.154.78:6789'], path: '/', user: 'admin', secretFile: '/etc/ceph/admin.secret', readOnly: true } },
        { name: 'storageos', storageos: { volumeName: 'redis', volumeNamespace: 'default', fsType: 'ext4' } },
        { name: 'fc', fc: { targetWWNs: ['500a0982991b8dc5', '500a0982891b8dc5'], lun: 2, fsType: 'ext4', readOnly: true } },
        { name: 'fc2', fc: { wwids: ['x'] } },
        { name: 'azfile', azureFile: { secretName: 'azure-secret', shareName: 'k8stest', readOnly: false } },
        { name: 'flex', flexVolume: { driver: 'kubernetes.io/lvm', fsType: 'ext4', options: { volumeID: 'vol1', size: '1000m' } } },
        { name: 'flocker', flocker: { datasetName: 'ds' } },
        { name: 'image', image: { reference: 'quay.io/crio/artifact:v1', pullPolicy: 'IfNotPresent' } },
        { name: 'block', persistentVolumeClaim: { claimName: 'block-claim', readOnly: true } },
        { name: 'odd' },
      ],
      tolerations: [{ key: 'k', operator: 'Equal', value: 'v' }],
    },
    status: { phase: 'Pending', nominatedNodeName: 'worker-1', initContainerStatuses: [{ name: 'init', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }], containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: {} }], ephemeralContainerStatuses: [{ name: 'debugger', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { running: { startedAt: ago(600) } } }] },
  });
  // A node that reports no capacity at all: kubectl's percentages divide by zero.
  add({ apiVersion: 'v1', kind: 'Node', metadata: meta('bare', undefined), spec: { providerID: 'kind://docker/kind/bare' }, status: {} });

  return objs.concat(workloads(), networking(), config(), storage(), policy());
}

function template(labels: Record<string, string>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    metadata: { labels, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent', ...(extra.env ? { env: extra.env } : {}) }],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
      ...(extra.spec ?? {}),
    },
  };
}

function workloads(): KObject[] {
  const objs: KObject[] = [];
  const add = <T extends KObject>(o: T): T => {
    objs.push(o);
    return o;
  };
  const dep = add({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web', 'default', { labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '2' }, generation: 2 }),
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: template({ app: 'web' }, { annotations: { 'kubectl.kubernetes.io/restartedAt': 'now' }, env: [{ name: 'A', value: '1' }], spec: { serviceAccountName: 'web', priorityClassName: 'high', nodeSelector: { a: 'b' }, tolerations: [{ key: 'x', operator: 'Exists' }], volumes: [{ name: 'c', configMap: { name: 'settings' } }] } }),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 2,
      replicas: 4,
      updatedReplicas: 2,
      readyReplicas: 3,
      availableReplicas: 3,
      unavailableReplicas: 1,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: ago(1800), lastTransitionTime: ago(1800) },
        { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-7c5ddbdf54" is progressing.', lastUpdateTime: ago(660), lastTransitionTime: ago(1800) },
      ],
    },
  });
  const owner = (o: KObject) => [{ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name!, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true }];
  const oldT = template({ app: 'web', 'pod-template-hash': '5d8f7c9b6d' });
  const newT = structuredClone(dep.spec.template) as { metadata: { labels: Record<string, string> } };
  newT.metadata.labels['pod-template-hash'] = '7c5ddbdf54';
  const oldRS = add({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('web-5d8f7c9b6d', 'default', { labels: { app: 'web', 'pod-template-hash': '5d8f7c9b6d' }, annotations: { 'deployment.kubernetes.io/revision': '1' }, ownerReferences: owner(dep) }), spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d8f7c9b6d' } }, template: oldT }, status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 } });
  add({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('web-0ld', 'default', { labels: { app: 'web' }, ownerReferences: owner(dep) }), spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web', v: '0' }) }, status: { replicas: 0 } });
  const newRS = add({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta('web-7c5ddbdf54', 'default', { labels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' }, annotations: { 'deployment.kubernetes.io/revision': '2', 'deployment.kubernetes.io/desired-replicas': '3' }, ownerReferences: owner(dep) }),
    spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' } }, template: newT },
    status: { replicas: 2, readyReplicas: 1, availableReplicas: 1, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: ago(700) }] },
  });
  add(ev('web.1', dep, { reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-5d8f7c9b6d from 0 to 3', component: 'deployment-controller', first: ago(1800) }));
  add(ev('web.2', dep, { reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-7c5ddbdf54 from 0 to 1', component: 'deployment-controller', first: ago(700) }));
  const podOf = (rs: KObject, name: string, phase: string) =>
    add({ apiVersion: 'v1', kind: 'Pod', metadata: meta(name, 'default', { labels: rs.spec.template.metadata.labels, ownerReferences: owner(rs) }), spec: { containers: [{ name: 'nginx', image: 'nginx' }], nodeName: 'worker-1' }, status: { phase } });
  podOf(oldRS, 'web-5d8f7c9b6d-aaaaa', 'Running');
  podOf(oldRS, 'web-5d8f7c9b6d-bbbbb', 'Running');
  podOf(newRS, 'web-7c5ddbdf54-ccccc', 'Running');
  podOf(newRS, 'web-7c5ddbdf54-ddddd', 'Pending');
  add(ev('web-7c5ddbdf54.1', newRS, { type: 'Warning', reason: 'FailedCreate', message: 'Error creating: pods "web-7c5ddbdf54-x" is forbidden: exceeded quota', component: 'replicaset-controller', first: ago(700), count: 3, last: ago(640) }));

  // A deployment with no replica sets yet and a Recreate strategy.
  add({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('solo', 'default', { labels: { app: 'solo' } }), spec: { replicas: 1, selector: { matchLabels: { app: 'solo' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod', 'dev'] }, { key: 'canary', operator: 'DoesNotExist' }] }, template: template({ app: 'solo', env: 'qa' }), strategy: { type: 'Recreate' } }, status: {} });

  const ds = add({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('agent', 'kube-system', { labels: { k8s: 'agent' }, annotations: { 'deprecated.daemonset.template.generation': '1' } }),
    spec: { selector: { matchLabels: { name: 'agent' } }, template: template({ name: 'agent' }, { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ operator: 'Exists' }], hostNetwork: true } }), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
    status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1, numberMisscheduled: 0, numberReady: 1 },
  });
  add({ apiVersion: 'v1', kind: 'Pod', metadata: meta('agent-x1', 'kube-system', { labels: { name: 'agent' }, ownerReferences: owner(ds) }), spec: { containers: [{ name: 'a', image: 'a' }], nodeName: 'worker-1' }, status: { phase: 'Running' } });
  add({ apiVersion: 'v1', kind: 'Pod', metadata: meta('agent-x2', 'kube-system', { labels: { name: 'agent' }, ownerReferences: owner(ds) }), spec: { containers: [{ name: 'a', image: 'a' }], nodeName: 'worker-2' }, status: { phase: 'Failed' } });
  add({ apiVersion: 'v1', kind: 'Pod', metadata: meta('agent-orphan', 'kube-system', { labels: { name: 'agent' } }), spec: { containers: [{ name: 'a', image: 'a' }] }, status: { phase: 'Running' } });

  const sts = add({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('db', 'default', { labels: { app: 'db' } }),
    spec: {
      replicas: 2,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: template({ app: 'db' }),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1, maxUnavailable: '50%' } },
      volumeClaimTemplates: [
        { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', labels: { x: 'y' } }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } } },
        { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'logs', annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } }, spec: { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], resources: {} } },
      ],
    },
    status: { replicas: 2, readyReplicas: 2 },
  });
  add({ apiVersion: 'v1', kind: 'Pod', metadata: meta('db-0', 'default', { labels: { app: 'db' }, ownerReferences: owner(sts) }), spec: { containers: [{ name: 'db', image: 'db' }], nodeName: 'worker-1' }, status: { phase: 'Running' } });
  add(ev('db.1', sts, { reason: 'SuccessfulCreate', message: 'create Pod db-0 in StatefulSet db successful', component: 'statefulset-controller', first: ago(1500) }));
  add({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('cache', 'default'), spec: { replicas: 1, serviceName: 'cache', selector: { matchLabels: { app: 'cache' } }, template: template({ app: 'cache' }), updateStrategy: { type: 'OnDelete' } }, status: { replicas: 0 } });

  const cj = add({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('backup', 'default'),
    spec: { schedule: '*/5 * * * *', concurrencyPolicy: 'Forbid', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, startingDeadlineSeconds: 100, jobTemplate: { metadata: {}, spec: { backoffLimit: 2, activeDeadlineSeconds: 60, template: template({}, { spec: { restartPolicy: 'OnFailure' } }) } } },
    status: { lastScheduleTime: ago(600), lastSuccessfulTime: ago(1200), active: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'backup-29000000', namespace: 'default', uid: 'j1' }, { apiVersion: 'batch/v1', kind: 'Job', name: 'backup-29000005', namespace: 'default', uid: 'j2' }] },
  });
  add({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('idle', 'default'), spec: { schedule: '@daily', concurrencyPolicy: 'Allow', jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, parallelism: 2, completions: 4, template: template({ a: 'b' }) } } }, status: {} });
  add(ev('backup.1', cj, { reason: 'SuccessfulCreate', message: 'Created job backup-29000005', component: 'cronjob-controller', first: ago(600) }));
  const job = add({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('backup-29000005', 'default', { labels: { 'batch.kubernetes.io/controller-uid': 'j2', 'batch.kubernetes.io/job-name': 'backup-29000005' }, ownerReferences: owner(cj) }),
    spec: { parallelism: 1, completions: 1, completionMode: 'NonIndexed', suspend: false, backoffLimit: 6, ttlSecondsAfterFinished: 100, activeDeadlineSeconds: 30, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'j2' } }, template: template({ 'batch.kubernetes.io/job-name': 'backup-29000005' }, { spec: { restartPolicy: 'Never' } }) },
    status: { startTime: ago(600), completionTime: ago(480), succeeded: 1, ready: 0, active: 0, failed: 1 },
  });
  add(ev('backup-29000005.1', job, { reason: 'Completed', message: 'Job completed', component: 'job-controller', first: ago(480) }));
  add({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('indexed', 'default'),
    spec: { parallelism: 3, completions: 100, completionMode: 'Indexed', backoffLimit: 6, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'j3' } }, template: template({ a: 'b' }, { spec: { restartPolicy: 'Never' } }) },
    status: { startTime: ago(900), active: 3, succeeded: 40, completedIndexes: Array.from({ length: 40 }, (_, i) => String(i * 2)).join(',') },
  });
  return objs;
}

function networking(): KObject[] {
  const objs: KObject[] = [];
  const add = <T extends KObject>(o: T): T => {
    objs.push(o);
    return o;
  };
  const svc = add({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('web', 'default', { labels: { app: 'web' } }),
    spec: {
      selector: { app: 'web', tier: 'fe' },
      type: 'NodePort',
      clusterIP: '10.96.10.10',
      clusterIPs: ['10.96.10.10'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080 },
        { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP', nodePort: 30090 },
      ],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      externalIPs: ['1.2.3.4'],
    },
    status: { loadBalancer: {} },
  });
  const eps = (name: string, ip: string, ready: boolean | undefined, extra: Record<string, unknown> = {}) => ({ addresses: [ip], conditions: ready === undefined ? {} : { ready, serving: ready, terminating: false }, targetRef: { kind: 'Pod', name, namespace: 'default', uid: 'u' }, nodeName: 'worker-1', ...extra });
  add({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta('web-abcde', 'default', { labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }] }),
    addressType: 'IPv4',
    endpoints: [eps('web-1', '10.244.1.2', true, { zone: 'z1', hostname: 'h1' }), eps('web-2', '10.244.1.3', false), eps('web-3', '10.244.1.4', undefined), eps('web-4', '10.244.1.5', true), eps('web-5', '10.244.1.6', true)],
    ports: [
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, protocol: 'TCP' },
    ],
  });
  add({ apiVersion: 'v1', kind: 'Service', metadata: meta('lb', 'default'), spec: { type: 'LoadBalancer', selector: { app: 'lb' }, clusterIP: '10.96.10.11', clusterIPs: ['10.96.10.11'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack', ports: [{ port: 443, targetPort: 8443, protocol: 'TCP', nodePort: 31443 }], sessionAffinity: 'ClientIP', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000, loadBalancerIP: '5.6.7.8', loadBalancerSourceRanges: ['10.0.0.0/8', '192.168.0.0/16'] }, status: { loadBalancer: { ingress: [{ ip: '5.6.7.8', ipMode: 'VIP' }, { hostname: 'lb.example.com' }] } } });
  add({ apiVersion: 'v1', kind: 'Service', metadata: meta('ext', 'default'), spec: { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' } });
  add({ apiVersion: 'v1', kind: 'Service', metadata: meta('headless', 'default'), spec: { clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'db' }, type: 'ClusterIP', sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 5432, targetPort: 5432, protocol: 'TCP' }] } });
  add({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('headless-1', 'default', { labels: { 'kubernetes.io/service-name': 'headless' } }), addressType: 'IPv4', endpoints: [eps('db-0', '10.244.1.20', true)], ports: [{ name: '', port: 5432, protocol: 'TCP' }] });
  add({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('empty-1', 'default'), addressType: 'IPv4', endpoints: null, ports: null } as unknown as KObject);
  const ep = add({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('web', 'default', { labels: { app: 'web' } }),
    subsets: [
      { addresses: [{ ip: '10.244.1.2' }, { ip: '10.244.1.4' }], notReadyAddresses: [{ ip: '10.244.1.3' }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { port: 9090, protocol: 'TCP' }] },
      { notReadyAddresses: [{ ip: '10.244.1.9' }] },
    ],
  });
  add(ev('web-ep.1', ep, { type: 'Warning', reason: 'FailedToUpdateEndpoint', message: 'Failed to update endpoint default/web', component: 'endpoint-controller', first: ago(1000) }));
  add({ apiVersion: 'v1', kind: 'Endpoints', metadata: meta('none', 'default') });

  const ing = add({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('site', 'default', { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } }),
    spec: {
      ingressClassName: 'nginx',
      defaultBackend: { service: { name: 'web', port: { name: 'http' } } },
      tls: [{ hosts: ['a.example.com', 'b.example.com'], secretName: 'tls-cert' }, { hosts: ['c.example.com'] }],
      rules: [
        { host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }, { path: '/metrics', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 9090 } } } }] } },
        { http: { paths: [{ path: '/missing', pathType: 'Prefix', backend: { service: { name: 'missing', port: { number: 80 } } } }, { pathType: 'ImplementationSpecific', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } } }] } },
        { host: 'nohttp.example.com' },
      ],
    },
    status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }, { hostname: 'x.example.com' }, { ip: '10.0.0.1' }] } },
  });
  add(ev('site.1', ing, { reason: 'Sync', message: 'Scheduled for sync', component: 'nginx-ingress-controller', first: ago(1400), count: 2, last: ago(1300) }));
  add({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('bare', 'default'), spec: { rules: [{ host: 'x.example.com' }] } });
  add({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: meta('nginx', undefined, { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' }, labels: { 'app.kubernetes.io/component': 'controller' } }), spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb', scope: 'Cluster' } } });
  add({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: meta('plain', undefined), spec: { controller: 'example.com/ingress' } });
  add({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('allow-db', 'default'),
    spec: {
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24', '172.17.2.0/24'] } }, { namespaceSelector: { matchLabels: { project: 'myproject' } } }, { podSelector: { matchLabels: { role: 'frontend' } } }, { namespaceSelector: { matchLabels: { a: 'b' } }, podSelector: { matchExpressions: [{ key: 'x', operator: 'Exists' }] } }],
          ports: [{ protocol: 'TCP', port: 6379 }, { port: 'http' }, { protocol: 'UDP', port: 32000, endPort: 32768 }],
        },
        {},
      ],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
    },
  });
  add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('deny-all', 'default'), spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('egress-only', 'default'), spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] } });
  return objs;
}

function config(): KObject[] {
  const objs: KObject[] = [];
  const add = <T extends KObject>(o: T): T => {
    objs.push(o);
    return o;
  };
  const cm = add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('settings', 'default', { labels: { app: 'web' } }), data: { 'app.properties': 'mode=fast\ncolor=blue\tx\n' }, binaryData: { 'blob.bin': Buffer.from([1, 2, 3, 4, 5]).toString('base64') } });
  add(ev('settings.1', cm, { reason: 'Updated', message: 'config updated', component: 'me', first: ago(1000) }));
  add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('empty', 'default') });
  add({ apiVersion: 'v1', kind: 'Secret', metadata: meta('db', 'default', { annotations: { owner: 'team' } }), type: 'Opaque', data: { password: Buffer.from('s3cr3t!').toString('base64') } });
  const sa = add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('web', 'default'), secrets: [{ name: 'web-token' }, { name: 'gone' }], imagePullSecrets: [{ name: 'regcred' }, { name: 'missing-cred' }] });
  add({ apiVersion: 'v1', kind: 'Secret', metadata: meta('web-token', 'default', { annotations: { 'kubernetes.io/service-account.name': 'web', 'kubernetes.io/service-account.uid': sa.metadata.uid! } }), type: 'kubernetes.io/service-account-token', data: { token: Buffer.from('eyJhbGciOi.token').toString('base64') } });
  add({ apiVersion: 'v1', kind: 'Secret', metadata: meta('regcred', 'default'), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from('{"auths":{}}').toString('base64') } });
  add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', 'default') });
  add({ apiVersion: 'v1', kind: 'Namespace', metadata: meta('default', undefined, { labels: { 'kubernetes.io/metadata.name': 'default' } }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  add({ apiVersion: 'v1', kind: 'Namespace', metadata: meta('kube-system', undefined, { labels: { 'kubernetes.io/metadata.name': 'kube-system' } }), status: { phase: 'Active' } });
  add({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta('leaving', undefined, { deletionTimestamp: ago(30) }),
    status: { phase: 'Terminating', conditions: [{ type: 'NamespaceDeletionDiscoveryFailure', status: 'False', lastTransitionTime: ago(25), reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' }] },
  });
  add({
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta('compute', 'default'),
    spec: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '10', 'limits.memory': '16Gi' }, scopes: ['NotTerminating', 'BestEffort', 'PriorityClass'] },
    status: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '10', 'limits.memory': '16Gi' }, used: { 'requests.cpu': '950m', 'requests.memory': '536870912', pods: '3' } },
  });
  add({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('objects', 'default'), spec: { hard: { configmaps: '10' } }, status: { hard: { configmaps: '10' }, used: { configmaps: '2' } } });
  add({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta('limits', 'default'),
    spec: {
      limits: [
        { type: 'Container', max: { cpu: '2' }, min: { cpu: '100m' } },
        { type: 'Container', default: { memory: '512Mi' }, defaultRequest: { memory: '256Mi' }, maxLimitRequestRatio: { memory: '2' } },
        { type: 'PersistentVolumeClaim', max: { storage: '2Gi' } },
      ],
    },
  });
  return objs;
}

function storage(): KObject[] {
  const objs: KObject[] = [];
  const add = <T extends KObject>(o: T): T => {
    objs.push(o);
    return o;
  };
  add({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: meta('pv-host', undefined, { labels: { type: 'local' }, finalizers: ['kubernetes.io/pv-protection'], annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } }),
    spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce', 'ReadWriteMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', volumeMode: 'Filesystem', hostPath: { path: '/mnt/data', type: '' }, claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data-claim', uid: 'c' } },
    status: { phase: 'Bound' },
  });
  const pvNfs = add({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta('pv-nfs', undefined), spec: { capacity: { storage: '1500Mi' }, accessModes: ['ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Recycle', nfs: { server: '10.0.0.5', path: '/share', readOnly: true } }, status: { phase: 'Available' } });
  add(ev('pv-nfs.1', pvNfs, { type: 'Warning', reason: 'VolumeFailedRecycle', message: 'recycle failed', component: 'persistentvolume-controller', first: ago(2000) }));
  add({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: meta('pv-local', undefined, { deletionTimestamp: ago(40) }),
    spec: {
      capacity: { storage: '100Gi' },
      accessModes: ['ReadWriteOncePod'],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'local',
      local: { path: '/mnt/disks/ssd1' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-1', 'worker-2'] }, { key: 'disk', operator: 'Exists' }] }, { matchExpressions: [] }] } },
    },
    status: { phase: 'Released', message: 'released by claim' },
  });
  const pvOf = (name: string, source: Record<string, unknown>) => add({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(name, undefined), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', ...source }, status: { phase: 'Available' } });
  pvOf('pv-iscsi', { iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.x', lun: 1, secretRef: { name: 'chap', namespace: 'default' } } });
  pvOf('pv-gluster', { glusterfs: { endpoints: 'ep', path: 'vol', endpointsNamespace: 'storage' } });
  pvOf('pv-gluster2', { glusterfs: { endpoints: 'ep', path: 'vol' } });
  pvOf('pv-rbd', { rbd: { monitors: ['m1'], image: 'img', secretRef: { name: 's' } } });
  pvOf('pv-cephfs', { cephfs: { monitors: ['m1'], secretRef: { name: 's', namespace: 'ns' } } });
  pvOf('pv-scaleio', { scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'sio', namespace: 'ns' } } });
  pvOf('pv-azfile', { azureFile: { secretName: 's', shareName: 'share', secretNamespace: 'ns' } });
  pvOf('pv-flex', { flexVolume: { driver: 'd', secretRef: { name: 's' }, options: {} } });
  pvOf('pv-cinder', { cinder: { volumeID: 'v', secretRef: { name: 's', namespace: 'n' } } });
  pvOf('pv-storageos', { storageos: { volumeName: 'v' } });
  pvOf('pv-gce', { gcePersistentDisk: { pdName: 'd' } });
  pvOf('pv-none', {});
  add({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta('pv-csi', undefined), spec: { capacity: { storage: '5G' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-123', fsType: 'ext4', volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': '123' } } }, status: { phase: 'Available' } });
  const bound = add({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('data-claim', 'default', { finalizers: ['kubernetes.io/pvc-protection'], annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } }, volumeName: 'pv-host', storageClassName: 'manual', volumeMode: 'Filesystem', dataSource: { kind: 'PersistentVolumeClaim', name: 'src' } },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce', 'ReadWriteMany'], capacity: { storage: '10Gi' }, conditions: [{ type: 'Resizing', status: 'True', lastProbeTime: null, lastTransitionTime: ago(500) }] },
  });
  add(ev('data-claim.1', bound, { reason: 'ProvisioningSucceeded', message: 'Successfully provisioned volume pv-host', component: 'persistentvolume-controller', first: ago(3300) }));
  add({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('waiting', 'default'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'fast', dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' } }, status: { phase: 'Pending' } });
  add({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta('standard', undefined, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
    provisioner: 'rancher.io/local-path',
    parameters: { type: 'pd-ssd', fsType: 'ext4' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    mountOptions: ['debug', 'noatime'],
    allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['us-central-1a', 'us-central-1b'] }] }, { matchLabelExpressions: [] }],
  });
  add({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta('slow', undefined), provisioner: 'kubernetes.io/no-provisioner' });
  return objs;
}

function policy(): KObject[] {
  const objs: KObject[] = [];
  const add = <T extends KObject>(o: T): T => {
    objs.push(o);
    return o;
  };
  const hpa = add({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('web', 'default'),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
        { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, target: { type: 'AverageValue', averageValue: '1k' } } },
        { type: 'Object', object: { metric: { name: 'requests-per-second' }, describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'site' }, target: { type: 'Value', value: '10k' } } },
        { type: 'External', external: { metric: { name: 'queue_messages_ready' }, target: { type: 'AverageValue', averageValue: '30' } } },
        { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } },
      ],
      behavior: {
        scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
        scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }] },
      },
    },
    status: {
      currentReplicas: 3,
      desiredReplicas: 3,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 22, averageValue: '110m' } } }, { type: 'Resource', resource: { name: 'memory', current: { averageValue: '212176896' } } }],
      conditions: [
        { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size', lastTransitionTime: ago(900) },
        { type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: 'the HPA was unable to compute the replica count', lastTransitionTime: ago(900) },
      ],
    },
  });
  add(ev('web-hpa.1', hpa, { type: 'Warning', reason: 'FailedGetResourceMetric', message: 'failed to get cpu utilization', component: 'horizontal-pod-autoscaler', first: ago(1700), last: ago(640), count: 40 }));
  add({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('bare', 'default'), spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }, maxReplicas: 3 }, status: { currentReplicas: 0, desiredReplicas: 0 } });
  add({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('web', 'default'), spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } }, status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, observedGeneration: 1 } });
  add({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('db', 'default'), spec: { maxUnavailable: 1 }, status: {} });
  add({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta('high', undefined, { annotations: { a: 'b' } }), value: 1000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority', description: 'High priority pods.' });
  add({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta('low', undefined), value: -10, globalDefault: true, preemptionPolicy: 'Never' });
  add({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta('pod-reader', 'default'),
    rules: [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'watch', 'list'] },
      { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web', 'api'], verbs: ['get', 'patch'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
      { apiGroups: ['batch', 'extensions'], resources: ['jobs'], verbs: ['*'] },
    ],
  });
  add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('viewer', undefined, { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } }), rules: [{ nonResourceURLs: ['/healthz', '/version'], verbs: ['get'] }, { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }] });
  add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('read-pods', 'default'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'web', namespace: 'default' }] });
  add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta('viewers', undefined), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'viewer' }, subjects: [{ kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' }] });
  add({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: meta('agent-7b9c', 'kube-system', { labels: { name: 'agent' } }), revision: 1, data: { spec: { template: { $patch: 'replace' } } } });
  return objs;
}
