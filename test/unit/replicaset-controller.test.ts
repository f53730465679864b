import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, describeActions, applyActions, podTemplate, readyPodStatus, T0 } from '../helpers/controlplane.js';
import { replicaSetController, syncReplicaSet, podsToDelete, slowStart, replicaSetStatus, type CreateSpec } from '../../src/controllers/replicaset.js';
import type { KObject } from '../../src/api/types.js';
import type { Action } from '../../src/engine/types.js';
import { badRequestError } from '../../src/api/errors.js';

const rs = (name: string, replicas: number, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }), ...extra },
});

const pod = (name: string, labels: Record<string, string>, extra: Partial<KObject> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  ...extra,
});

test('a new ReplicaSet creates its pods in slow-start batches with generateName and a controller reference', () => {
  const c = testCluster();
  c.create(rs('web', 3));
  const actions = syncReplicaSet('default/web', c.view);
  // The first batch is one create; the rest follow only if it succeeds.
  assert.deepEqual(describeActions(actions), ['create Pod web-']);
  const p = (actions[0] as Extract<Action, { op: 'create' }>).obj;
  assert.equal(p.metadata.generateName, 'web-');
  assert.equal(p.metadata.ownerReferences![0].kind, 'ReplicaSet');
  assert.equal(p.metadata.ownerReferences![0].controller, true);
  assert.equal(p.metadata.ownerReferences![0].blockOwnerDeletion, true);
  applyActions(c.api, replicaSetController, 'default/web', actions);
  const pods = c.api.list(c.api.resourceByGr('pods'), 'default');
  assert.equal(pods.length, 3);
  for (const x of pods) assert.match(x.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  const events = c.api.list(c.api.resourceByGr('events'), 'default').map((e) => `${e.reason}: ${e.message}`);
  assert.deepEqual(events.sort(), pods.map((x) => `SuccessfulCreate: Created pod: ${x.metadata.name}`).sort());
  const stored = c.api.get(c.api.resourceByGr('replicasets.apps'), 'default', 'web');
  assert.deepEqual(stored.status, { observedGeneration: 1, replicas: 0 });
});

test('slow start stops after the first batch with a failure and reports the first error once', () => {
  const specs: CreateSpec[] = [];
  const seen: string[] = [];
  for (let i = 0; i < 7; i++) specs.push({ obj: pod(`p${i}`, {}), ok: () => [], fail: () => [] });
  const first = slowStart(specs, (err, skipped) => {
    seen.push(`${err?.message} ${skipped}`);
    return [];
  });
  assert.equal(first.length, 1);
  const a = first[0] as Extract<Action, { op: 'create' }>;
  const second = a.then!(a.obj);
  assert.equal(second.length, 2);
  const b = second[0] as Extract<Action, { op: 'create' }>;
  const c2 = second[1] as Extract<Action, { op: 'create' }>;
  assert.deepEqual(b.onError!(badRequestError('no')), []);
  // The batch finishes with its last member; nothing more is created, 4 are skipped.
  assert.deepEqual(c2.then!(c2.obj), []);
  assert.deepEqual(seen, ['no 4']);
});

test('failed creates: one FailedCreate per attempt, a ReplicaFailure condition, and a growing back-off', () => {
  const c = testCluster();
  const bad = rs('web', 2);
  bad.spec.template.spec.serviceAccountName = 'missing';
  c.create(bad);
  const actions = syncReplicaSet('default/web', c.view);
  applyActions(c.api, replicaSetController, 'default/web', actions);
  const events = c.api.list(c.api.resourceByGr('events'), 'default');
  assert.equal(events.length, 1);
  assert.equal(events[0].reason, 'FailedCreate');
  assert.match(events[0].message, /^Error creating: pods "web-.{5}" is forbidden: error looking up service account default\/missing/);
  const stored = c.api.get(c.api.resourceByGr('replicasets.apps'), 'default', 'web');
  assert.equal(stored.status.conditions[0].type, 'ReplicaFailure');
  assert.equal(stored.status.conditions[0].reason, 'FailedCreate');
  // While backing off, a sync creates nothing.
  assert.deepEqual(describeActions(syncReplicaSet('default/web', c.view)), []);
  // The engine retries on its timer; each retry doubles the wait.
  const timers = c.api.doc.engine.timers.filter((t) => t.owner === 'replicaset-controller');
  assert.equal(timers.length, 1);
  assert.equal(timers[0].at, T0 + 5);
});

test('a settled ReplicaSet reports fully labeled, ready and available replicas, honouring minReadySeconds', () => {
  const c = testCluster();
  const r = c.create(rs('web', 2, { minReadySeconds: 10 }));
  const pods = [pod('a', { app: 'web' }), pod('b', { app: 'web', extra: 'x' })].map((p) => ({ ...p, status: readyPodStatus(T0 - 5000) }));
  // The template says app=web only: both are fully labeled; both ready, neither available yet.
  assert.deepEqual(replicaSetStatus(r, pods, T0, undefined), { fullyLabeledReplicas: 2, observedGeneration: 1, readyReplicas: 2, replicas: 2 });
  assert.deepEqual(replicaSetStatus(r, pods, T0 + 6000, undefined), { availableReplicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1, readyReplicas: 2, replicas: 2 });
});

test('a sync requeues itself for the moment a ready pod becomes available', () => {
  const c = testCluster();
  c.create(rs('web', 1, { minReadySeconds: 30 }));
  c.settle([replicaSetController]);
  const [p] = c.api.list(c.api.resourceByGr('pods'), 'default');
  c.status(p, readyPodStatus(T0));
  const actions = syncReplicaSet('default/web', c.view);
  assert.deepEqual(describeActions(actions).slice(-1), ['after 30001 default/web']);
});

test('orphans matching the selector are adopted; owned pods that stop matching are released', () => {
  const c = testCluster();
  c.create(pod('bare', { app: 'web' }));
  c.create(pod('other', { app: 'other' }));
  c.create(rs('web', 1));
  c.settle([replicaSetController]);
  const pods = c.api.list(c.api.resourceByGr('pods'), 'default');
  // The bare pod was adopted, so no pod was created.
  assert.deepEqual(pods.map((p) => p.metadata.name), ['bare', 'other']);
  assert.equal(pods[0].metadata.ownerReferences?.[0].name, 'web');
  assert.equal(pods[1].metadata.ownerReferences, undefined);
  // Relabel it: released, and a replacement created.
  c.api.update({ ...pods[0], metadata: { ...pods[0].metadata, labels: { app: 'gone' } } });
  c.settle([replicaSetController]);
  const after = c.api.list(c.api.resourceByGr('pods'), 'default');
  assert.equal(after.length, 3);
  assert.equal(after.find((p) => p.metadata.name === 'bare')!.metadata.ownerReferences, undefined);
});

test('pods to delete: unscheduled, then pending, not ready, doubled up on a node, newest ready', () => {
  const mk = (name: string, node: string | undefined, phase: string, ready: boolean, readySince = T0 - 60_000, created = T0 - 120_000): KObject => {
    const p = pod(name, {});
    p.metadata.uid = name;
    p.metadata.creationTimestamp = new Date(created).toISOString();
    if (node) p.spec.nodeName = node;
    p.status = ready ? { ...(readyPodStatus(readySince) as object), phase } : { phase, conditions: [] };
    return p;
  };
  const pods = [
    mk('running-a', 'n1', 'Running', true),
    mk('running-b', 'n2', 'Running', true),
    mk('running-c', 'n2', 'Running', true),
    mk('unscheduled', undefined, 'Pending', false),
    mk('pending', 'n3', 'Pending', false),
    mk('notready', 'n3', 'Running', false),
    mk('fresh', 'n1', 'Running', true, T0 - 1000),
  ];
  const order = podsToDelete(pods, pods, 6, T0).map((p) => p.metadata.name);
  assert.deepEqual(order.slice(0, 3), ['unscheduled', 'pending', 'notready']);
  // n2 has two pods, n1 has two; the one ready for the shortest time goes before older ones with the same rank.
  assert.ok(order.indexOf('fresh') < order.indexOf('running-a'));
  assert.equal(podsToDelete(pods, pods, 7, T0).length, 7);
});

test('pod-deletion-cost: lower cost goes first', () => {
  const a = pod('a', {});
  const b = pod('b', {});
  for (const p of [a, b]) {
    p.spec.nodeName = 'n';
    p.metadata.uid = p.metadata.name;
    p.status = readyPodStatus(T0 - 1000);
  }
  a.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '10' };
  assert.deepEqual(podsToDelete([a, b], [a, b], 1, T0).map((p) => p.metadata.name), ['b']);
});

test('scaling down deletes the chosen pods with SuccessfulDelete events', () => {
  const c = testCluster();
  c.create(rs('web', 3));
  c.settle([replicaSetController]);
  const r = c.api.get(c.api.resourceByGr('replicasets.apps'), 'default', 'web');
  c.api.update({ ...r, spec: { ...r.spec, replicas: 1 } });
  const actions = syncReplicaSet('default/web', c.view);
  const d = describeActions(actions);
  assert.equal(d.filter((x) => x.startsWith('delete Pod')).length, 2);
  assert.equal(d.filter((x) => x.startsWith('event Normal SuccessfulDelete Deleted pod: web-')).length, 2);
});
