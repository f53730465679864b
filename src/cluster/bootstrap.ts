/**
 * The default cluster: what `kubeadm init` + two `kubeadm join`s leave behind, brought up through the
 * API server and the control plane so that it has a history (events, ages) like a real one.
 */
import { ApiServer } from '../api/server.js';
import { CLUSTER_FORMAT, emptyEngineState, type ClusterDoc, type Profile } from '../api/state.js';
import type { KObject } from '../api/types.js';
import { forGroupResource } from '../api/registry.js';
import { bootstrapPolicy } from '../api/rbac.js';
import { Random } from '../util/random.js';
import { strategies } from '../api/strategies/index.js';
import { engine } from '../engine/controlplane.js';
import { recordEvent } from '../api/events.js';
import { defaultStorageClass } from '../controllers/volumes.js';
import type { Env } from '../cli/types.js';

export { KUBE_VERSION } from './version.js';
import { KUBE_VERSION } from './version.js';
const CONTAINERD = 'containerd://1.7.24';

export interface BootstrapOptions {
  name: string;
  /** Wall-clock ms now. */
  now: number;
  env: Env;
  nodes?: number;
  profile?: Profile;
}

import { nodeName } from './names.js';

function nodeObject(cluster: string, i: number, rng: Random): KObject {
  const name = nodeName(cluster, i);
  const cp = i === 0;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  const annotations: Record<string, string> = {
    'node.alpha.kubernetes.io/ttl': '0',
    'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
  };
  if (cp) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
    annotations['kubeadm.alpha.kubernetes.io/cri-socket'] = 'unix:///var/run/containerd/containerd.sock';
  }
  const capacity = { cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8148108Ki', pods: '110' };
  const allocatable = { cpu: '4', 'ephemeral-storage': '94580335255', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8045708Ki', pods: '110' };
  const node: KObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels, annotations },
    spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`] },
    status: {
      addresses: [
        { address: `192.168.49.${i + 2}`, type: 'InternalIP' },
        { address: name, type: 'Hostname' },
      ],
      allocatable,
      capacity,
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: rng.uuid(),
        containerRuntimeVersion: CONTAINERD,
        kernelVersion: '6.8.0-49-generic',
        kubeProxyVersion: KUBE_VERSION,
        kubeletVersion: KUBE_VERSION,
        machineID: rng.hex(32),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.5 LTS',
        systemUUID: rng.uuid(),
      },
    },
  };
  if (cp) node.spec.taints = [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }];
  return node;
}

function nodeConditions(t: string) {
  const c = (type: string, status: string, reason: string, message: string) => ({ lastHeartbeatTime: t, lastTransitionTime: t, message, reason, status, type });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

interface StaticPod {
  component: string;
  image: string;
  cpu: string;
  memory?: string;
  command: string[];
}

const STATIC_PODS: StaticPod[] = [
  { component: 'etcd', image: 'registry.k8s.io/etcd:3.5.16-0', cpu: '100m', memory: '100Mi', command: ['etcd', '--advertise-client-urls=https://192.168.49.2:2379', '--data-dir=/var/lib/etcd', '--listen-client-urls=https://127.0.0.1:2379,https://192.168.49.2:2379', '--name=NODE'] },
  { component: 'kube-apiserver', image: `registry.k8s.io/kube-apiserver:${KUBE_VERSION}`, cpu: '250m', command: ['kube-apiserver', '--advertise-address=192.168.49.2', '--authorization-mode=Node,RBAC', '--enable-admission-plugins=NodeRestriction', '--secure-port=6443', '--service-cluster-ip-range=10.96.0.0/12'] },
  { component: 'kube-controller-manager', image: `registry.k8s.io/kube-controller-manager:${KUBE_VERSION}`, cpu: '200m', command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--leader-elect=true', '--service-cluster-ip-range=10.96.0.0/12'] },
  { component: 'kube-scheduler', image: `registry.k8s.io/kube-scheduler:${KUBE_VERSION}`, cpu: '100m', command: ['kube-scheduler', '--bind-address=127.0.0.1', '--leader-elect=true'] },
];

function staticPod(sp: StaticPod, node: KObject, rng: Random, t: string): KObject {
  const nodeName = node.metadata.name!;
  const requests: Record<string, string> = { cpu: sp.cpu };
  if (sp.memory) requests.memory = sp.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${sp.component}-${nodeName}`,
      namespace: 'kube-system',
      labels: { component: sp.component, tier: 'control-plane' },
      annotations: {
        'kubernetes.io/config.hash': rng.hex(32),
        'kubernetes.io/config.mirror': rng.hex(32),
        'kubernetes.io/config.seen': t.replace('Z', '.000000000Z'),
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: nodeName, uid: node.metadata.uid! }],
    },
    spec: {
      containers: [
        {
          command: sp.command.map((c) => c.replace('NODE', nodeName)),
          image: sp.image,
          imagePullPolicy: 'IfNotPresent',
          name: sp.component,
          resources: { requests },
        },
      ],
      hostNetwork: true,
      nodeName,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      automountServiceAccountToken: false,
    },
  };
}

const CRITICAL = (name: string, value: number, description: string): KObject => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  preemptionPolicy: 'PreemptLowerPriority',
  description,
});

function coredns(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          containers: [
            {
              args: ['-conf', '/etc/coredns/Corefile'],
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              name: 'coredns',
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
            },
          ],
          dnsPolicy: 'Default',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
          ],
          volumes: [{ configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
        },
      },
    },
  };
}

function daemonSet(name: string, labels: Record<string, string>, image: string, extra: Record<string, unknown>): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ image, name, ...extra }],
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-node-critical',
          serviceAccountName: name,
          tolerations: [{ operator: 'Exists' }],
        },
      },
    },
  };
}

/** Creates the whole default cluster and returns its document, settled up to `now`. */
export function bootstrap(opts: BootstrapOptions): ClusterDoc {
  const seed = opts.env.KUBEMU_SEED;
  const rng = seed !== undefined ? Random.fromSeed(seed) : Random.fromSeed(`${process.pid}-${opts.now}-${Math.random()}`);
  const profile: Profile = opts.profile ?? (opts.env.KUBEMU_PROFILE === 'instant' ? 'instant' : 'realistic');
  // The cluster came up two minutes before the first command.
  const t0 = opts.now - 120_000;
  const doc: ClusterDoc = {
    format: CLUSTER_FORMAT,
    cluster: { name: opts.name, created: t0, profile, offsetMs: 0, rng: [], imagePolicy: 'allow', settledAt: t0 },
    rv: 0,
    objects: {},
    engine: emptyEngineState(),
  };
  const api = new ApiServer(doc, rng, t0);
  api.strategies = strategies;
  const at = (ms: number) => engine.settle(api, t0 + ms);
  const create = (o: KObject) => api.create(o);

  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  create(CRITICAL('system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'));
  create(CRITICAL('system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'));
  create(defaultStorageClass());
  // The RBAC defaults, with their own random source so the cluster's stream (names, UIDs) is unchanged.
  const rbacApi = new ApiServer(doc, Random.fromSeed(`${seed ?? opts.now}/rbac`), t0);
  rbacApi.strategies = strategies;
  for (const o of bootstrapPolicy()) rbacApi.create(o);
  at(0);
  const count = Math.max(1, opts.nodes ?? 3);
  const nodes: KObject[] = [];
  for (let i = 0; i < count; i++) {
    at(i === 0 ? 1000 : 20_000 + i * 5000);
    nodes.push(registerNode(api, nodeObject(opts.name, i, rng)));
    if (i === 0) {
      for (const sp of STATIC_PODS) create(staticPod(sp, nodes[0], rng, api.nowRfc3339()));
      at(3000);
      create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP' },
      });
      create({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [{ addresses: [{ ip: '192.168.49.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
      });
      at(8000);
      for (const sa of ['coredns', 'kube-proxy', 'kindnet']) create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'kube-system' } });
      create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'coredns', namespace: 'kube-system' },
        data: { Corefile: '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n    loop\n    reload\n    loadbalance\n}\n' },
      });
      create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'kube-dns',
          namespace: 'kube-system',
          labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
          annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
        },
        spec: {
          clusterIP: '10.96.0.10',
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
            { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
          ],
          selector: { 'k8s-app': 'kube-dns' },
          type: 'ClusterIP',
        },
      });
      create(
        daemonSet('kube-proxy', { 'k8s-app': 'kube-proxy' }, `registry.k8s.io/kube-proxy:${KUBE_VERSION}`, {
          command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
          env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
          securityContext: { privileged: true },
        }),
      );
      create(
        daemonSet('kindnet', { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' }, 'docker.io/kindest/kindnetd:v20241108-5c6d2daf', {
          env: [
            { name: 'HOST_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.hostIP' } } },
            { name: 'POD_SUBNET', value: '10.244.0.0/16' },
          ],
          resources: { limits: { cpu: '100m', memory: '50Mi' }, requests: { cpu: '100m', memory: '50Mi' } },
        }),
      );
      create(coredns());
    }
  }
  engine.settle(api, opts.now);
  doc.cluster.rng = rng.state();
  return doc;
}

/** A node joins: the Node object, Ready, and the kubelet's and node controller's start-up events. */
function registerNode(api: ApiServer, node: KObject): KObject {
  const n = api.create(node);
  const ready = structuredClone(n);
  ready.status.conditions = nodeConditions(api.nowRfc3339());
  const out = api.updateStatus(ready);
  for (const [reason, msg] of [
    ['Starting', 'Starting kubelet.'],
    ['NodeHasSufficientMemory', `Node ${n.metadata.name} status is now: NodeHasSufficientMemory`],
    ['NodeHasNoDiskPressure', `Node ${n.metadata.name} status is now: NodeHasNoDiskPressure`],
    ['NodeHasSufficientPID', `Node ${n.metadata.name} status is now: NodeHasSufficientPID`],
    ['NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods'],
  ]) {
    engineEvent(api, n, reason, msg, 'kubelet', n.metadata.name);
  }
  engineEvent(api, n, 'RegisteredNode', `Node ${n.metadata.name} event: Registered Node ${n.metadata.name} in Controller`, 'node-controller');
  return out;
}

/**
 * A worker joins a running cluster (`kubemu node add`): the next free index gives its default name,
 * pod CIDR and address. Returns the Node.
 */
export function joinNode(api: ApiServer, name?: string): KObject {
  const used = new Set<number>();
  for (const n of api.list(forGroupResource('nodes')!, undefined)) {
    const m = /^10\.244\.(\d+)\.0\/24$/.exec(n.spec?.podCIDR ?? '');
    if (m) used.add(Number(m[1]));
  }
  let i = 1;
  while (used.has(i) || (!name && api.peek(forGroupResource('nodes')!, undefined, nodeName(api.doc.cluster.name, i)))) i++;
  const node = nodeObject(api.doc.cluster.name, i, api.rng);
  if (name) {
    node.metadata.name = name;
    node.metadata.labels!['kubernetes.io/hostname'] = name;
    node.status.addresses[1].address = name;
  }
  return registerNode(api, node);
}

/** Events of node start-up, recorded as the kubelet and node controller would have. */
function engineEvent(api: ApiServer, involved: KObject, reason: string, message: string, component: string, host?: string): void {
  recordEvent(api, { involved, type: 'Normal', reason, message, component, host });
}
