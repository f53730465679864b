import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, describeActions, podTemplate } from '../helpers/controlplane.js';
import { daemonSetController, syncDaemonSet, shouldRunOn, nodeNameAffinity, withDaemonTolerations, targetNode } from '../../src/controllers/daemonset.js';
import type { KObject } from '../../src/api/types.js';
import type { Action } from '../../src/engine/types.js';

const node = (name: string, labels: Record<string, string> = {}, taints: unknown[] = []): KObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/os': 'linux', ...labels } },
  spec: taints.length ? { taints } : {},
});

const ds = (name: string, spec: Record<string, unknown> = {}, tmplSpec: Record<string, unknown> = {}): KObject => {
  const t = podTemplate({ app: name });
  Object.assign(t.spec, tmplSpec);
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: 'default' }, spec: { selector: { matchLabels: { app: name } }, template: t, ...spec } };
};

type C = ReturnType<typeof testCluster>;
const podsOf = (c: C, name: string) => c.api.list(c.api.resourceByGr('pods'), 'default').filter((p) => p.metadata.ownerReferences?.[0]?.name === name);
/** What the kubelet would do: terminating pods go, new ones run and become ready. */
const readyAll = (c: C) => {
  for (const p of c.api.list(c.api.resourceByGr('pods'), 'default')) if (p.metadata.deletionTimestamp) c.api.forceRemove(c.api.resourceByGr('pods'), 'default', p.metadata.name!);
  for (const p of c.api.list(c.api.resourceByGr('pods'), 'default')) {
    if (p.metadata.deletionTimestamp || p.status?.conditions?.some((x: { type: string }) => x.type === 'Ready')) continue;
    if (!p.spec.nodeName) c.api.bind('default', p.metadata.name!, targetNode(p)!);
    const cur = c.api.get(c.api.resourceByGr('pods'), 'default', p.metadata.name!);
    c.status(cur, { ...cur.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-22T09:00:00Z', lastProbeTime: null }] });
  }
};

test('daemon pods get the node-name affinity and the daemon tolerations (network-unavailable only with hostNetwork)', () => {
  assert.deepEqual(nodeNameAffinity(undefined, 'n1'), { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } });
  const kept = nodeNameAffinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } } }, 'n2');
  assert.deepEqual(kept.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [
    { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] },
  ]);
  assert.deepEqual(withDaemonTolerations({}).map((t) => `${t.key}:${t.effect}`), [
    'node.kubernetes.io/not-ready:NoExecute',
    'node.kubernetes.io/unreachable:NoExecute',
    'node.kubernetes.io/disk-pressure:NoSchedule',
    'node.kubernetes.io/memory-pressure:NoSchedule',
    'node.kubernetes.io/pid-pressure:NoSchedule',
    'node.kubernetes.io/unschedulable:NoSchedule',
  ]);
  assert.equal(withDaemonTolerations({ hostNetwork: true }).at(-1).key, 'node.kubernetes.io/network-unavailable');
});

test('eligibility: nodeSelector, node affinity, NoSchedule taints (tolerated or not), cordoned nodes still run', () => {
  const d = ds('x', {}, { nodeSelector: { 'kubernetes.io/os': 'linux' } });
  assert.deepEqual(shouldRunOn(d, node('a')), [true, true]);
  assert.deepEqual(shouldRunOn(d, { ...node('w'), metadata: { name: 'w', labels: { 'kubernetes.io/os': 'windows' } } }), [false, false]);
  const cp = node('cp', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  assert.deepEqual(shouldRunOn(d, cp), [false, true]);
  assert.deepEqual(shouldRunOn(ds('t', {}, { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }), cp), [true, true]);
  assert.deepEqual(shouldRunOn(d, node('c', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }])), [true, true]);
  assert.deepEqual(shouldRunOn(d, node('e', {}, [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }])), [false, false]);
  const aff = ds('aff', {}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'Exists' }] }] } } } });
  assert.deepEqual(shouldRunOn(aff, node('a')), [false, false]);
  assert.deepEqual(shouldRunOn(aff, node('b', { disk: 'ssd' })), [true, true]);
});

test('one pod per eligible node; nodes coming and going; ControllerRevision and status', () => {
  const c = testCluster();
  c.create(node('n1'));
  c.create(node('n2'));
  c.create(node('cp', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]));
  c.create(ds('agent'));
  c.settle([daemonSetController]);
  let pods = podsOf(c, 'agent');
  assert.deepEqual(pods.map(targetNode).sort(), ['n1', 'n2']);
  const hash = pods[0].metadata.labels!['controller-revision-hash'];
  const crs = c.api.list(c.api.resourceByGr('controllerrevisions.apps'), 'default');
  assert.deepEqual(crs.map((cr) => [cr.metadata.name, cr.revision]), [[`agent-${hash}`, 1]]);
  assert.equal(crs[0].data.spec.template.$patch, 'replace');
  readyAll(c);
  c.settle([daemonSetController]);
  const st = c.api.get(c.api.resourceByGr('daemonsets.apps'), 'default', 'agent').status;
  assert.deepEqual(st, { currentNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 0, numberReady: 2, observedGeneration: 1, updatedNumberScheduled: 2 });
  c.create(node('n3'));
  c.settle([daemonSetController]);
  assert.equal(podsOf(c, 'agent').length, 3);
  c.api.delete(c.api.resourceByGr('nodes'), undefined, 'n3');
  c.settle([daemonSetController]);
  pods = podsOf(c, 'agent').filter((p) => !p.metadata.deletionTimestamp);
  assert.deepEqual(pods.map(targetNode).sort(), ['n1', 'n2']);
});

test('a node that stops matching loses its pod (misscheduled until then)', () => {
  const c = testCluster();
  c.create(node('n1', { role: 'edge' }));
  c.create(ds('edge', {}, { nodeSelector: { role: 'edge' } }));
  c.settle([daemonSetController]);
  assert.equal(podsOf(c, 'edge').length, 1);
  const n = c.api.get(c.api.resourceByGr('nodes'), undefined, 'n1');
  c.api.update({ ...n, metadata: { ...n.metadata, labels: { 'kubernetes.io/os': 'linux' } } });
  const acts = describeActions(syncDaemonSet('default/edge', c.view));
  assert.ok(acts.some((a) => /^delete Pod edge-/.test(a)));
  assert.ok(acts.some((a) => /^event Normal SuccessfulDelete Deleted pod: edge-/.test(a)));
});

test('RollingUpdate with maxUnavailable 1 replaces one node at a time, waiting for availability', () => {
  const c = testCluster();
  for (const n of ['n1', 'n2', 'n3']) c.create(node(n));
  c.create(ds('roll', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } }));
  c.settle([daemonSetController]);
  readyAll(c);
  c.settle([daemonSetController]);
  const d = structuredClone(c.api.get(c.api.resourceByGr('daemonsets.apps'), 'default', 'roll'));
  d.spec.template.spec.containers[0].image = 'nginx:2';
  c.api.update(d);
  const acts = describeActions(syncDaemonSet('default/roll', c.view));
  assert.equal(acts.filter((a) => a.startsWith('delete Pod')).length, 1);
  c.settle([daemonSetController]);
  // The old pod terminates first; then its node gets a new pod; nothing more until it is available.
  const live = () => podsOf(c, 'roll').filter((p) => !p.metadata.deletionTimestamp);
  assert.equal(live().length, 2);
  for (const p of podsOf(c, 'roll')) if (p.metadata.deletionTimestamp) c.api.forceRemove(c.api.resourceByGr('pods'), 'default', p.metadata.name!);
  c.settle([daemonSetController]);
  assert.equal(live().filter((p) => p.spec.containers[0].image === 'nginx:2').length, 1);
  assert.equal(live().length, 3);
  for (let i = 0; i < 4; i++) {
    readyAll(c);
    c.settle([daemonSetController]);
  }
  assert.deepEqual(live().map((p) => p.spec.containers[0].image), ['nginx:2', 'nginx:2', 'nginx:2']);
  const crs = c.api.list(c.api.resourceByGr('controllerrevisions.apps'), 'default').map((cr) => cr.revision).sort();
  assert.deepEqual(crs, [1, 2]);
});

test('OnDelete: a template change replaces nothing until a pod is deleted', () => {
  const c = testCluster();
  c.create(node('n1'));
  c.create(ds('od', { updateStrategy: { type: 'OnDelete' } }));
  c.settle([daemonSetController]);
  readyAll(c);
  c.settle([daemonSetController]);
  const d = structuredClone(c.api.get(c.api.resourceByGr('daemonsets.apps'), 'default', 'od'));
  d.spec.template.spec.containers[0].image = 'nginx:2';
  c.api.update(d);
  const acts = syncDaemonSet('default/od', c.view);
  assert.deepEqual(
    describeActions(acts).filter((a) => a.startsWith('delete Pod') || a.startsWith('create Pod')),
    [],
  );
  const st = (acts.find((a) => a.op === 'status') as Extract<Action, { op: 'status' }>).obj.status;
  assert.equal(st.updatedNumberScheduled, undefined);
});

test('a failed daemon pod is replaced, with a back-off per node (1 s, 2 s, ...) against kubelets that keep failing it', () => {
  const c = testCluster();
  c.create(node('n1'));
  c.create(ds('flaky'));
  c.settle([daemonSetController]);
  const fail = () => {
    for (const p of podsOf(c, 'flaky')) {
      if (p.metadata.deletionTimestamp || p.status?.phase === 'Failed') continue;
      c.status(p, { phase: 'Failed' });
    }
  };
  fail();
  c.settle([daemonSetController]);
  const failedEvents = () => c.api.list(c.api.resourceByGr('events'), 'default').filter((e) => e.reason === 'FailedDaemonPod').reduce((n, e) => n + (e.count ?? 1), 0);
  assert.equal(failedEvents(), 1);
  fail();
  c.settle([daemonSetController]);
  // Within the back-off: the failed pod stays.
  assert.equal(failedEvents(), 1);
  c.settle([daemonSetController], c.api.now + 1000);
  assert.equal(failedEvents(), 2);
});
