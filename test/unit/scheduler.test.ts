import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/api/types.js';
import { podFacts, SchedulerCache } from '../../src/scheduler/cache.js';
import { fitErrorMessage, reasonHistogram, schedulePod, type Snapshot } from '../../src/scheduler/plugins.js';
import { preempt } from '../../src/scheduler/preemption.js';
import { milliValue, podRequests, value } from '../../src/scheduler/resources.js';
import { Random } from '../../src/util/random.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

function node(name: string, opts: { cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; taints?: any[]; unschedulable?: boolean; ready?: string } = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(opts.labels ?? {}) } },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: {
      allocatable: { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8045708Ki', pods: opts.pods ?? '110' },
      conditions: [{ type: 'Ready', status: opts.ready ?? 'True' }],
    },
  };
}

const CP_TAINT = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];

function pod(name: string, spec: any = {}, meta: any = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx', ...(spec.container ?? {}) }], priority: 0, ...spec, container: undefined },
    status: { phase: 'Pending' },
  };
}

function buildCache(pods: KObject[], fromFacts: boolean): SchedulerCache {
  const byKey = new Map(pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  return SchedulerCache.build(byKey.keys(), (k) => byKey.get(k)!, (k) => (fromFacts ? podFacts(byKey.get(k)!) : undefined));
}

function snapshot(nodes: KObject[], pods: KObject[] = []): Snapshot {
  return {
    nodes,
    // Built from stored facts, as from a store whose pods were not read (the pods are read on demand).
    cache: buildCache(pods, true),
    namespaceLabels: () => ({}),
    imagesOn: () => undefined,
    imageSize: () => 0,
  };
}

const cpuPod = (name: string, cpu: string, extra: any = {}) => pod(name, { container: { resources: { requests: { cpu } } }, ...extra });
const cluster = () => [node('cp', { taints: CP_TAINT, labels: { 'node-role.kubernetes.io/control-plane': '' } }), node('w1'), node('w2')];

function failure(p: KObject, nodes: KObject[], pods: KObject[] = []): string {
  const snap = snapshot(nodes, pods);
  const r = schedulePod(p, 'default/' + p.metadata.name, snap, Random.fromSeed('t'));
  assert.ok('fitError' in r, `expected no fit, got ${JSON.stringify(r)}`);
  return fitErrorMessage(r.fitError, preempt(p, snap, r.fitError).message);
}

test('quantities: cpu in millicores, memory in bytes, rounded up', () => {
  assert.equal(milliValue('100m'), 100);
  assert.equal(milliValue('1.5'), 1500);
  assert.equal(milliValue(2), 2000);
  assert.equal(milliValue('0.1'), 100);
  assert.equal(value('128Mi'), 134217728);
  assert.equal(value('1G'), 1e9);
  assert.equal(value('8045708Ki'), 8045708 * 1024);
  assert.equal(value('1e3'), 1000);
  assert.equal(milliValue('bogus'), 0);
});

test('pod requests: containers summed, init containers as the largest step, sidecars added', () => {
  const p = pod('p', {
    containers: [
      { name: 'a', image: 'x', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
      { name: 'b', image: 'x', resources: { requests: { cpu: '200m' } } },
    ],
    initContainers: [
      { name: 'i', image: 'x', resources: { requests: { cpu: '1' } } },
      { name: 's', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } },
    ],
  });
  assert.deepEqual(podRequests(p), { cpu: 1000, memory: 64 * 1024 * 1024 });
  const q = pod('q', { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '300m' } } }], initContainers: [{ name: 's', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } }] });
  assert.equal(podRequests(q).cpu, 350);
  assert.deepEqual(podRequests(pod('e')), {});
  assert.deepEqual(podRequests(pod('e'), true), { cpu: 100, memory: 200 * 1024 * 1024 });
});

test('FailedScheduling: reasons counted per node and sorted as strings, with the preemption part', () => {
  assert.equal(
    failure(cpuPod('big', '10'), cluster()),
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
  );
  assert.equal(
    failure(pod('p'), [node('w1', { unschedulable: true })]),
    '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  );
  assert.equal(
    failure(pod('p', { nodeSelector: { disk: 'ssd' } }), cluster()),
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
  // Multi-digit counts sort as strings: "10 ..." before "2 ...".
  assert.equal(reasonHistogram([...Array(10)].map(() => ({ code: 'Unschedulable' as const, reasons: ['Insufficient cpu'], plugin: 'x' })).concat([{ code: 'Unschedulable', reasons: ['Too many pods'], plugin: 'x' }, { code: 'Unschedulable', reasons: ['Too many pods'], plugin: 'x' }])), '10 Insufficient cpu, 2 Too many pods');
});

test('taints and tolerations: NoSchedule/NoExecute block, Exists and Equal tolerate, PreferNoSchedule does not block', () => {
  const nodes = [node('w1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), node('w2', { taints: [{ key: 'maint', effect: 'NoExecute' }] })];
  assert.equal(
    failure(pod('p'), nodes),
    '0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {maint: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
  const snap = snapshot(nodes);
  const tol = pod('t', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] });
  assert.deepEqual(schedulePod(tol, 'default/t', snap, Random.fromSeed('x')), { node: 'w1', evaluated: 2, feasible: 1 });
  const all = pod('a', { tolerations: [{ operator: 'Exists' }] });
  assert.ok('node' in schedulePod(all, 'default/a', snap, Random.fromSeed('x')));
  const soft = snapshot([node('w1', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] })]);
  assert.ok('node' in schedulePod(pod('s'), 'default/s', soft, Random.fromSeed('x')));
});

test('NotReady and unreachable nodes carry their NoSchedule taints', () => {
  assert.equal(
    failure(pod('p'), [node('w1', { ready: 'False' }), node('w2', { ready: 'Unknown' })]),
    '0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
});

test('node affinity: matchExpressions and matchFields; terms naming nodes narrow the search (DaemonSet pods)', () => {
  const nodes = [node('w1', { labels: { zone: 'a', gen: '3' } }), node('w2', { labels: { zone: 'b', gen: '5' } })];
  const snap = snapshot(nodes);
  const expr = (op: string, values: string[], key = 'zone') => pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: op, values }] }] } } } });
  assert.equal((schedulePod(expr('In', ['b']), 'k', snap, Random.fromSeed('x')) as any).node, 'w2');
  assert.equal((schedulePod(expr('NotIn', ['b']), 'k', snap, Random.fromSeed('x')) as any).node, 'w1');
  assert.equal((schedulePod(expr('Gt', ['4'], 'gen'), 'k', snap, Random.fromSeed('x')) as any).node, 'w2');
  const pinned = (n: string, cpu = '100m') =>
    pod('ds', { container: { resources: { requests: { cpu } } }, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n] }] }] } } } });
  assert.equal((schedulePod(pinned('w2'), 'k', snap, Random.fromSeed('x')) as any).node, 'w2');
  assert.equal(
    failure(pinned('w2', '8'), [...nodes, node('w3')]),
    "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
  );
});

test('resources, pod count and host ports count what is already on the node', () => {
  const existing = [cpuPod('a', '3', { nodeName: 'w1' }), pod('b', { nodeName: 'w2', container: { ports: [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }] } })];
  const snap = snapshot([node('w1'), node('w2', { pods: '1' })], existing);
  assert.equal((schedulePod(cpuPod('x', '2'), 'k', snapshot([node('w1'), node('w2')], existing), Random.fromSeed('x')) as any).node, 'w2');
  assert.equal(
    failure(cpuPod('x', '2'), [node('w1'), node('w2', { pods: '1' })], existing),
    '0/2 nodes are available: 1 Insufficient cpu, 1 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
  );
  const port = pod('p', { container: { ports: [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }] } });
  assert.equal((schedulePod(port, 'k', snapshot([node('w1'), node('w2')], existing), Random.fromSeed('x')) as any).node, 'w1');
  assert.match(failure(port, [node('w2')], existing), /1 node\(s\) didn't have free ports for the requested pod ports/);
  void snap;
  // Terminal pods hold nothing.
  const done = cpuPod('d', '4', { nodeName: 'w1' });
  done.status.phase = 'Succeeded';
  assert.equal((schedulePod(cpuPod('y', '4'), 'k', snapshot([node('w1')], [done]), Random.fromSeed('x')) as any).node, 'w1');
});

test('pod affinity and anti-affinity on the hostname topology', () => {
  const db = pod('db', { nodeName: 'w2' }, { labels: { app: 'db' } });
  const nodes = [node('w1'), node('w2'), node('w3')];
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
  const near = pod('web', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } });
  assert.equal((schedulePod(near, 'k', snapshot(nodes, [db]), Random.fromSeed('x')) as any).node, 'w2');
  const far = pod('web', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } });
  assert.notEqual((schedulePod(far, 'k', snapshot(nodes, [db]), Random.fromSeed('x')) as any).node, 'w2');
  assert.equal(
    failure(near, nodes, []).split('.')[0],
    "0/3 nodes are available: 3 node(s) didn't match pod affinity rules",
  );
  // The first pod of a group that is affine to itself may go anywhere.
  const self = pod('s', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 's' } }, topologyKey: 'kubernetes.io/hostname' }] } } }, { labels: { app: 's' } });
  assert.ok('node' in schedulePod(self, 'k', snapshot(nodes), Random.fromSeed('x')));
  // An existing pod's anti-affinity keeps matching pods away.
  const lonely = pod('lonely', { nodeName: 'w1', affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } });
  assert.equal(failure(pod('w', {}, { labels: { app: 'web' } }), [node('w1')], [lonely]), "0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
});

test("scoring spreads a controller's pods and prefers the least allocated node", () => {
  const nodes = [node('w1'), node('w2'), node('w3')];
  const owner = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true }];
  const pods: KObject[] = [];
  const rng = Random.fromSeed('spread');
  for (let i = 0; i < 9; i++) {
    const p = pod(`r${i}`, {}, { ownerReferences: owner });
    const r = schedulePod(p, `default/r${i}`, snapshot(nodes, pods), rng) as any;
    pods.push({ ...p, spec: { ...p.spec, nodeName: r.node } });
  }
  const counts = ['w1', 'w2', 'w3'].map((n) => pods.filter((p) => p.spec.nodeName === n).length);
  assert.deepEqual(counts, [3, 3, 3]);
  // The busier node loses.
  const busy = [cpuPod('h', '3', { nodeName: 'w1' })];
  assert.equal((schedulePod(cpuPod('n', '100m'), 'k', snapshot([node('w1'), node('w2')], busy), Random.fromSeed('x')) as any).node, 'w2');
  // Preferred node affinity wins over an equal node.
  const pref = pod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['w3'] }] } }] } } });
  assert.equal((schedulePod(pref, 'k', snapshot(nodes), Random.fromSeed('x')) as any).node, 'w3');
  // PreferNoSchedule steers away.
  const soft = [node('w1', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }), node('w2')];
  assert.equal((schedulePod(pod('q'), 'k', snapshot(soft), Random.fromSeed('x')) as any).node, 'w2');
});

test('ties are broken by the injected random source: same seed, same choice', () => {
  const nodes = [node('w1'), node('w2'), node('w3'), node('w4')];
  const pick = (seed: string) => (schedulePod(pod('p'), 'k', snapshot(nodes), Random.fromSeed(seed)) as any).node;
  assert.equal(pick('a'), pick('a'));
  const seen = new Set(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'].map(pick));
  assert.ok(seen.size > 1, 'different seeds pick different nodes among equals');
});

test('preemption: lower-priority pods make room; Never and terminating victims are explained', () => {
  const nodes = [node('w1', { cpu: '2' })];
  const victim = cpuPod('low', '2', { nodeName: 'w1', priority: 0 });
  const vip = cpuPod('vip', '2', { priority: 1000 });
  const snap = snapshot(nodes, [victim]);
  const r = schedulePod(vip, 'default/vip', snap, Random.fromSeed('x'));
  assert.ok('fitError' in r);
  const pre = preempt(vip, snap, r.fitError);
  assert.equal(pre.message, '');
  assert.equal(pre.nominated?.node, 'w1');
  assert.deepEqual(pre.nominated?.victims.map((v) => v.key), ['default/low']);
  assert.equal(fitErrorMessage(r.fitError, pre.message), '0/1 nodes are available: 1 Insufficient cpu.');
  const never = cpuPod('never', '2', { priority: 1000, preemptionPolicy: 'Never' });
  assert.equal(failure(never, nodes, [victim]), '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  const same = cpuPod('same', '2', { priority: 0 });
  assert.match(failure(same, nodes, [victim]), /preemption: 0\/1 nodes are available: 1 No preemption victims found for incoming pod\.$/);
});

test('scheduler cache: built from stored facts it accounts as from the pods, and reads a pod only when asked', () => {
  const pods = [
    pod('a', { nodeName: 'n1', containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '250m', memory: '64Mi' } }, ports: [{ containerPort: 80, hostPort: 8080 }] }] }, { ownerReferences: [{ uid: 'rs1', controller: true }] }),
    pod('b', { nodeName: 'n1', containers: [{ name: 'c', image: 'x' }], affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: {} }] } } }),
    pod('c', { nodeName: 'n2', containers: [{ name: 'c', image: 'x' }] }, {}),
    { ...pod('done', { nodeName: 'n2', containers: [{ name: 'c', image: 'x' }] }), status: { phase: 'Succeeded' } },
    pod('pending', { containers: [{ name: 'c', image: 'x' }] }),
  ];
  const summary = (c: SchedulerCache) =>
    [...c.nodes.values()].map((n) => ({ name: n.name, pods: [...n.pods.keys()], req: n.req, nz: [n.nzCpu, n.nzMem], ports: [...n.ports], owners: [...n.owners], aff: n.affinityPods }));
  const fromPods = buildCache(pods, false);
  let reads = 0;
  const byKey = new Map(pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  const fromFacts = SchedulerCache.build(byKey.keys(), (k) => (reads++, byKey.get(k)!), (k) => podFacts(byKey.get(k)!));
  assert.deepEqual(summary(fromFacts), summary(fromPods));
  assert.equal(reads, 0, 'no pod read to build the cache');
  assert.equal(fromFacts.nodes.get('n1')!.pods.get('default/b')!.pod.metadata.name, 'b');
  assert.equal(reads, 1);
  // A change replaces a facts entry with the pod itself.
  fromFacts.sync('default/a', { ...byKey.get('default/a')!, spec: { ...byKey.get('default/a')!.spec, nodeName: 'n2' } });
  assert.deepEqual([...fromFacts.nodes.get('n2')!.pods.keys()], ['default/c', 'default/a']);
});
