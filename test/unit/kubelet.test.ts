import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap } from '../../src/cluster/bootstrap.js';
import { ApiServer } from '../../src/api/server.js';
import { Random } from '../../src/util/random.js';
import { strategies } from '../../src/api/strategies/index.js';
import { engine } from '../../src/engine/controlplane.js';
import { forGroupResource } from '../../src/api/registry.js';
import { readLogs, LogError } from '../../src/kubelet/logs.js';
import { execInContainer } from '../../src/kubelet/exec.js';
import type { KObject } from '../../src/api/types.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const NOW = Date.parse('2026-11-22T10:00:00Z');
const PODS = forGroupResource('pods')!;
const NODES = forGroupResource('nodes')!;

function cluster(profile: 'instant' | 'realistic' = 'instant') {
  const doc = bootstrap({ name: 'kubemu', now: NOW, env: { KUBEMU_SEED: 'unit' }, profile });
  const api = new ApiServer(doc, new Random(doc.cluster.rng), NOW);
  api.strategies = strategies;
  const settle = (ms = 0) => engine.settle(api, api.now + ms);
  const create = (o: KObject) => {
    api.create(o);
    settle();
  };
  const get = (name: string) => api.peek(PODS, 'default', name)!;
  return { doc, api, settle, create, get };
}

const podOn = (name: string, node: string | undefined, containers: any[], extra: any = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { ...(node ? { nodeName: node } : {}), containers, ...extra },
});

function setReady(api: ApiServer, node: string, status: string): void {
  const n = structuredClone(api.peek(NODES, undefined, node)!);
  n.status.conditions = n.status.conditions.map((c: any) => (c.type === 'Ready' ? { ...c, status } : c));
  api.updateStatus(n);
}

test('no pod starts on a node whose kubelet is down; it starts once the node is Ready again', () => {
  const c = cluster();
  setReady(c.api, 'kubemu-m02', 'Unknown');
  c.settle();
  c.create(podOn('p', 'kubemu-m02', [{ name: 'c', image: 'nginx:1.27' }]));
  assert.equal(c.get('p').status.containerStatuses, undefined);
  assert.equal(c.get('p').status.phase, 'Pending');
  // Deleting it waits for the kubelet: it stays, Terminating.
  setReady(c.api, 'kubemu-m02', 'True');
  c.settle();
  assert.equal(c.get('p').status.phase, 'Running');
  assert.equal(c.get('p').status.podIP, '10.244.1.2');
});

test('a pod deleted on a stopped node stays Terminating until the node comes back', () => {
  const c = cluster();
  c.create(podOn('p', 'kubemu-m03', [{ name: 'c', image: 'nginx:1.27' }]));
  setReady(c.api, 'kubemu-m03', 'Unknown');
  c.settle();
  c.api.delete(PODS, 'default', 'p');
  c.settle(60_000);
  assert.ok(c.get('p')?.metadata.deletionTimestamp);
  setReady(c.api, 'kubemu-m03', 'True');
  c.settle(1000);
  assert.equal(c.get('p'), undefined);
});

test('mirror pods: deleting one gets it recreated by the kubelet', () => {
  const c = cluster();
  const before = c.api.peek(PODS, 'kube-system', 'etcd-kubemu')!;
  c.api.delete(PODS, 'kube-system', 'etcd-kubemu');
  c.settle(1000);
  const after = c.api.peek(PODS, 'kube-system', 'etcd-kubemu')!;
  assert.ok(after);
  assert.notEqual(after.metadata.uid, before.metadata.uid);
  assert.equal(after.status.phase, 'Running');
});

test('kubelet admission rejects a pod bound past the node allocatable (OutOfcpu)', () => {
  const c = cluster();
  c.create(podOn('greedy', 'kubemu-m02', [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '5' } } }]));
  const st = c.get('greedy').status;
  assert.equal(st.phase, 'Failed');
  assert.equal(st.reason, 'OutOfcpu');
  assert.equal(st.message, "Pod was rejected: Node didn't have enough resource: cpu, requested: 5000, used: 100, capacity: 4000");
});

test('logs: current, previous, tail, timestamps; the kubelet\'s errors for containers that have none', () => {
  const c = cluster();
  c.create(podOn('counter', 'kubemu-m02', [{ name: 'count', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "$i: $(date +%T)"; i=$((i+1)); sleep 1; done'] }]));
  c.settle(5000);
  const pod = c.get('counter');
  assert.equal(readLogs(c.doc, pod, 'count', { now: c.api.now }), '0: 10:00:00\n1: 10:00:01\n2: 10:00:02\n3: 10:00:03\n4: 10:00:04\n5: 10:00:05\n');
  assert.equal(readLogs(c.doc, pod, 'count', { now: c.api.now, tail: 2 }), '4: 10:00:04\n5: 10:00:05\n');
  assert.match(readLogs(c.doc, pod, 'count', { now: c.api.now, tail: 1, timestamps: true }), /^2026-11-22T10:00:05\.\d+Z 5: 10:00:05\n$/);
  assert.throws(() => readLogs(c.doc, pod, 'count', { previous: true }), (e: any) => e instanceof LogError && e.message === 'previous terminated container "count" in pod "counter" not found');
  assert.throws(() => readLogs(c.doc, pod, 'nope'), /container nope is not valid for pod counter/);
  c.create(podOn('crash', 'kubemu-m02', [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }]));
  c.settle(15_000);
  const crash = c.get('crash');
  assert.equal(readLogs(c.doc, crash, 'c', { previous: true }), 'boom\n');
  assert.equal(readLogs(c.doc, crash, 'c'), 'boom\n');
  c.create(podOn('bad', 'kubemu-m02', [{ name: 'c', image: 'nginx:1.91' }]));
  assert.throws(() => readLogs(c.doc, c.get('bad'), 'c'), /container "c" in pod "bad" is waiting to start: trying and failing to pull image/);
});

test('exec: env, mounted ConfigMap files, and what the program wrote', () => {
  const c = cluster();
  c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.conf': 'mode=prod\n' } });
  c.create(
    podOn('app', 'kubemu-m02', [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi > /tmp/out; sleep 3600'], env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'app.conf' } } }], volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }] }], {
      volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
    }),
  );
  const r = execInContainer(c.doc, c.get('app'), 'c', ['sh', '-c', 'cat /etc/cfg/app.conf /tmp/out; printenv MODE; ls /etc/cfg'], { now: c.api.now });
  assert.deepEqual(r, { stdout: 'mode=prod\nhi\nmode=prod\n\napp.conf\n', stderr: '', exitCode: 0 });
  assert.equal(execInContainer(c.doc, c.get('app'), 'c', ['false'], { now: c.api.now }).exitCode, 1);
});

test('a missing ConfigMap volume holds the pod in ContainerCreating with FailedMount', () => {
  const c = cluster('realistic');
  c.create(podOn('m', 'kubemu-m02', [{ name: 'c', image: 'nginx' }], { volumes: [{ name: 'cfg', configMap: { name: 'absent' } }] }));
  c.settle(10_000);
  const p = c.get('m');
  assert.deepEqual(p.status.containerStatuses[0].state, { waiting: { reason: 'ContainerCreating' } });
  const ev = Object.values(c.doc.objects.events).find((e: any) => e.involvedObject.name === 'm' && e.reason === 'FailedMount') as any;
  assert.equal(ev.message, 'MountVolume.SetUp failed for volume "cfg" : configmap "absent" not found');
  assert.ok(ev.count > 3);
});

test('a server logs its startup, then the kubelet\'s HTTP probe requests', () => {
  const c = cluster();
  c.create(podOn('web', 'kubemu-m02', [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } }]));
  c.settle(25_000);
  const logs = readLogs(c.doc, c.get('web'), 'web', { now: c.api.now }).split('\n');
  assert.equal(logs[0], '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  assert.ok(logs.includes('2026/11/22 10:00:00 [notice] 1#1: nginx/1.27.3'));
  assert.deepEqual(logs.filter((l) => l.includes('kube-probe')), [
    '10.244.1.1 - - [22/Nov/2026:10:00:10 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"',
    '10.244.1.1 - - [22/Nov/2026:10:00:20 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"',
  ]);
});

test('the cluster network from a pod: DNS through the search path, wget to a Service, resolv.conf', () => {
  const c = cluster();
  c.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.50.50', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] } });
  c.create({ ...podOn('nginx', 'kubemu-m03', [{ name: 'nginx', image: 'nginx:1.27' }]), metadata: { name: 'nginx', namespace: 'default', labels: { app: 'web' } } });
  c.create(podOn('old', 'kubemu-m02', [{ name: 'bb', image: 'busybox:1.28', command: ['sleep', '3600'] }]));
  c.create(podOn('new', 'kubemu-m02', [{ name: 'bb', image: 'busybox:1.36', command: ['sleep', '3600'] }]));
  const run = (pod: string, script: string) => execInContainer(c.doc, c.get(pod), 'bb', ['sh', '-c', script], { now: c.api.now });
  assert.deepEqual(run('old', 'nslookup web'), {
    stdout: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web\nAddress 1: 10.96.50.50 web.default.svc.cluster.local\n',
    stderr: '',
    exitCode: 0,
  });
  assert.equal(run('old', 'nslookup nosuch').stderr, "nslookup: can't resolve 'nosuch'\n");
  assert.equal(run('new', 'nslookup kubernetes.default').stdout, 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n');
  const page = run('new', 'wget -qO- http://web');
  assert.match(page.stdout, /<title>Welcome to nginx!<\/title>/);
  assert.equal(Buffer.byteLength(page.stdout), 615);
  assert.deepEqual(run('new', 'wget -qO- web:8080'), { stdout: '', stderr: "wget: can't connect to remote host (10.96.50.50): Connection refused\n", exitCode: 1 });
  assert.deepEqual(run('new', 'wget -q -O- nosuch'), { stdout: '', stderr: "wget: bad address 'nosuch'\n", exitCode: 1 });
  assert.equal(run('new', 'cat /etc/resolv.conf').stdout, 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  assert.equal(run('new', 'curl web').stderr, 'sh: curl: not found\n');
});

test('scheduler: a pending pod is retried when a node is uncordoned, untainted or added', () => {
  const c = cluster('realistic');
  const update = (name: string, fn: (n: any) => void) => {
    const n = structuredClone(c.api.peek(NODES, undefined, name)!);
    fn(n);
    c.api.update(n);
    c.settle();
  };
  update('kubemu-m02', (n) => (n.spec.unschedulable = true));
  update('kubemu-m03', (n) => (n.spec.taints = [{ key: 'maint', effect: 'NoSchedule' }]));
  c.create(podOn('p', undefined, [{ name: 'c', image: 'nginx' }]));
  const cond = () => c.get('p').status.conditions.find((x: any) => x.type === 'PodScheduled');
  assert.equal(cond().message, "0/3 nodes are available: 1 node(s) had untolerated taint {maint: }, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  // A heartbeat-like status change of a node moves nothing.
  const before = Object.values(c.doc.objects.events).filter((e: any) => e.reason === 'FailedScheduling').map((e: any) => e.series?.count ?? 1);
  setReady(c.api, 'kubemu-m02', 'True');
  c.settle(5000);
  assert.deepEqual(Object.values(c.doc.objects.events).filter((e: any) => e.reason === 'FailedScheduling').map((e: any) => e.series?.count ?? 1), before);
  update('kubemu-m03', (n) => delete n.spec.taints);
  c.settle(5000);
  assert.equal(c.get('p').spec.nodeName, 'kubemu-m03');
  // Added node: a second pod that fits nowhere waits for it.
  c.create(podOn('q', undefined, [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '3950m' } } }]));
  assert.equal(c.get('q').spec.nodeName, undefined);
  const n4 = structuredClone(c.api.peek(NODES, undefined, 'kubemu-m03')!);
  n4.metadata = { name: 'kubemu-m04', labels: { ...n4.metadata.labels, 'kubernetes.io/hostname': 'kubemu-m04' } };
  n4.spec = { podCIDR: '10.244.3.0/24', podCIDRs: ['10.244.3.0/24'] };
  const created = c.api.create(n4);
  const st = structuredClone(c.api.peek(NODES, undefined, 'kubemu-m03')!.status);
  st.allocatable.cpu = st.capacity.cpu = '8';
  c.api.updateStatus({ ...created, status: st });
  c.settle(5000);
  assert.equal(c.get('q').spec.nodeName, 'kubemu-m04');
});
