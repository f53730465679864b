import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, describeActions, applyActions, podTemplate, T0 } from '../helpers/controlplane.js';
import { deploymentController, syncDeployment } from '../../src/controllers/deployment.js';
import { replicaSetController } from '../../src/controllers/replicaset.js';
import {
  resolveFenceposts,
  newRSNewReplicas,
  setNewReplicaSetAnnotations,
  calculateStatus,
  proportion,
  findActiveOrLatest,
  deploymentTimedOut,
} from '../../src/controllers/deployment-util.js';
import type { KObject } from '../../src/api/types.js';
import type { Action } from '../../src/engine/types.js';

const deploy = (name: string, replicas: number, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }), ...extra },
});

const rsObj = (name: string, replicas: number, status: Record<string, number> = {}, annotations: Record<string, string> = {}, created = '2026-11-22T09:00:00Z'): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default', annotations, creationTimestamp: created, uid: name },
  spec: { replicas },
  status,
});

/** Marks every pod of the cluster ready (what the kubelet would do), so ReplicaSets count them available. */
function readyAll(c: ReturnType<typeof testCluster>): void {
  for (const p of c.api.list(c.api.resourceByGr('pods'), 'default')) {
    if (p.metadata.deletionTimestamp) continue;
    if (p.status?.conditions?.some((x: { type: string }) => x.type === 'Ready')) continue;
    c.status(p, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-22T10:00:00Z', lastProbeTime: null }] });
  }
}

const RS_GR = 'replicasets.apps';

test('fenceposts: surge rounds up, unavailable rounds down, never both zero', () => {
  assert.deepEqual(resolveFenceposts('25%', '25%', 3), [1, 0]);
  assert.deepEqual(resolveFenceposts('25%', '25%', 10), [3, 2]);
  assert.deepEqual(resolveFenceposts(0, 0, 3), [0, 1]);
  assert.deepEqual(resolveFenceposts('0%', 1, 3), [0, 1]);
});

test('the new ReplicaSet grows within maxSurge', () => {
  const d = deploy('web', 3, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
  const old = rsObj('old', 3);
  const nw = rsObj('new', 0);
  assert.equal(newRSNewReplicas(d, [old, nw], nw), 1);
  assert.equal(newRSNewReplicas(d, [rsObj('old', 2), rsObj('new', 2)], rsObj('new', 2)), 2);
  assert.equal(newRSNewReplicas({ ...d, spec: { ...d.spec, strategy: { type: 'Recreate' } } }, [old, nw], nw), 3);
});

test('revision annotations: a re-used ReplicaSet keeps its old revisions in revision-history', () => {
  const d = deploy('web', 3, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
  d.metadata.annotations = { 'kubernetes.io/change-cause': 'kubectl set image', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
  const rs = rsObj('web-1', 0, {}, { 'deployment.kubernetes.io/revision': '1' });
  assert.equal(setNewReplicaSetAnnotations(d, rs, '3', true), true);
  assert.deepEqual(rs.metadata.annotations, {
    'deployment.kubernetes.io/revision': '3',
    'deployment.kubernetes.io/revision-history': '1',
    'kubernetes.io/change-cause': 'kubectl set image',
  });
  setNewReplicaSetAnnotations(d, rs, '5', true);
  assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/revision-history'], '1,3');
  const fresh = rsObj('web-2', 0);
  setNewReplicaSetAnnotations(d, fresh, '1', false);
  assert.equal(fresh.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '3');
  assert.equal(fresh.metadata.annotations!['deployment.kubernetes.io/max-replicas'], '4');
});

test('status: counts from the ReplicaSets; Available against maxUnavailable', () => {
  const d = deploy('web', 4, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
  d.metadata.generation = 2;
  const s = calculateStatus([rsObj('a', 2, { replicas: 2, readyReplicas: 2, availableReplicas: 2 }), rsObj('b', 2, { replicas: 2, readyReplicas: 1, availableReplicas: 1 })], rsObj('b', 2, { replicas: 2 }), d, 'T');
  assert.equal(s.replicas, 4);
  assert.equal(s.updatedReplicas, 2);
  assert.equal(s.availableReplicas, 3);
  assert.equal(s.unavailableReplicas, 1);
  assert.equal(s.observedGeneration, 2);
  assert.deepEqual(s.conditions, [{ lastTransitionTime: 'T', lastUpdateTime: 'T', message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' }]);
});

test('proportional scaling shares added replicas by the max-replicas annotation', () => {
  const d = deploy('web', 15, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } });
  const a = rsObj('a', 8, {}, { 'deployment.kubernetes.io/max-replicas': '13' });
  // 8 * 18 / 13 = 11.08 → 11, so +3 of the 5 to add.
  assert.equal(proportion(a, d, 5, 0), 3);
  assert.equal(proportion(a, d, 5, 4), 1);
});

test('the only active ReplicaSet, or the newest one', () => {
  const a = rsObj('a', 0, {}, {}, '2026-11-22T09:00:00Z');
  const b = rsObj('b', 0, {}, {}, '2026-11-22T09:30:00Z');
  assert.equal(findActiveOrLatest(undefined, [a, b])?.metadata.name, 'b');
  assert.equal(findActiveOrLatest(undefined, [a, rsObj('c', 2)])?.metadata.name, 'c');
  assert.equal(findActiveOrLatest(rsObj('n', 1), [rsObj('c', 2)]), undefined);
});

test('progress deadline: timed out once lastUpdateTime + deadline has passed', () => {
  const d = deploy('web', 1, { progressDeadlineSeconds: 600 });
  const s = { conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: '2026-11-22T10:00:00Z' }] };
  assert.equal(deploymentTimedOut(d, s, T0 + 600_000), false);
  assert.equal(deploymentTimedOut(d, s, T0 + 600_001), true);
  assert.equal(deploymentTimedOut(d, { conditions: [{ ...s.conditions[0], reason: 'NewReplicaSetAvailable' }] }, T0 + 10_000_000), false);
});

test('a new Deployment: creates "<name>-<hash>", then records the scale-up, the revision and NewReplicaSetCreated', () => {
  const c = testCluster();
  c.create(deploy('web', 3));
  const actions = syncDeployment('default/web', c.view);
  assert.equal(actions.length, 1);
  const create = actions[0] as Extract<Action, { op: 'create' }>;
  const rs = create.obj;
  const hash = rs.metadata.labels!['pod-template-hash'];
  assert.match(hash, /^[456789bcdf]{6,10}$/);
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.deepEqual(rs.spec.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash } });
  assert.equal(rs.spec.template.metadata.labels['pod-template-hash'], hash);
  assert.equal(rs.spec.replicas, 3);
  assert.deepEqual(rs.metadata.annotations, { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' });
  const after = create.then!({ ...rs, metadata: { ...rs.metadata } });
  assert.deepEqual(describeActions(after), [`event Normal ScalingReplicaSet Scaled up replica set web-${hash} from 0 to 3`, 'update Deployment web', 'status Deployment web']);
  const st = (after[2] as Extract<Action, { op: 'status' }>).obj.status;
  assert.equal(st.conditions[0].reason, 'NewReplicaSetCreated');
  assert.equal(st.conditions[0].message, `Created new replica set "web-${hash}"`);
});

test('a rollout: surge one, wait for availability, scale the old down, end NewReplicaSetAvailable', () => {
  const c = testCluster();
  c.create(deploy('web', 3, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
  const ctrls = [deploymentController, replicaSetController];
  c.settle(ctrls);
  readyAll(c);
  c.settle(ctrls);
  const ri = c.api.resourceByGr('deployments.apps');
  let d = c.api.get(ri, 'default', 'web');
  assert.deepEqual(d.status.conditions.map((x: { type: string; reason: string }) => `${x.type}/${x.reason}`), ['Available/MinimumReplicasAvailable', 'Progressing/NewReplicaSetAvailable']);
  // Change the template: one new pod at a time, old ones go only when new ones are available.
  const upd = structuredClone(d);
  upd.spec.template.spec.containers[0].image = 'nginx:2';
  c.api.update(upd);
  c.settle(ctrls);
  let rss = c.api.list(c.api.resourceByGr(RS_GR), 'default');
  const newRS = rss.find((r) => r.metadata.annotations!['deployment.kubernetes.io/revision'] === '2')!;
  const oldRS = rss.find((r) => r.metadata.annotations!['deployment.kubernetes.io/revision'] === '1')!;
  assert.equal(newRS.spec.replicas, 1);
  assert.equal(oldRS.spec.replicas, 3);
  for (let i = 0; i < 5; i++) {
    readyAll(c);
    c.settle(ctrls);
  }
  rss = c.api.list(c.api.resourceByGr(RS_GR), 'default');
  assert.deepEqual(rss.map((r) => `${r.metadata.annotations!['deployment.kubernetes.io/revision']}:${r.spec.replicas}`).sort(), ['1:0', '2:3']);
  d = c.api.get(ri, 'default', 'web');
  assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '2');
  assert.equal(d.status.updatedReplicas, 3);
  assert.equal(d.status.conditions.find((x: { type: string }) => x.type === 'Progressing').reason, 'NewReplicaSetAvailable');
  const msgs = c.api
    .list(c.api.resourceByGr('events'), 'default')
    .filter((e) => e.reason === 'ScalingReplicaSet')
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => e.message.replace(/web-[a-z0-9]+/, (n: string) => (n === newRS.metadata.name ? 'NEW' : 'OLD')));
  assert.deepEqual(msgs, [
    'Scaled up replica set OLD from 0 to 3',
    'Scaled up replica set NEW from 0 to 1',
    'Scaled down replica set OLD from 3 to 2',
    'Scaled up replica set NEW from 1 to 2',
    'Scaled down replica set OLD from 2 to 1',
    'Scaled up replica set NEW from 2 to 3',
    'Scaled down replica set OLD from 1 to 0',
  ]);
});

test('rolling back to an old template re-uses its ReplicaSet with a new revision', () => {
  const c = testCluster();
  c.create(deploy('web', 1));
  const ctrls = [deploymentController, replicaSetController];
  const ri = c.api.resourceByGr('deployments.apps');
  const setImage = (image: string) => {
    const d = structuredClone(c.api.get(ri, 'default', 'web'));
    d.spec.template.spec.containers[0].image = image;
    c.api.update(d);
    for (let i = 0; i < 4; i++) {
      c.settle(ctrls);
      readyAll(c);
    }
    c.settle(ctrls);
  };
  c.settle(ctrls);
  setImage('nginx:2');
  setImage('nginx');
  const rss = c.api.list(c.api.resourceByGr(RS_GR), 'default');
  assert.equal(rss.length, 2);
  const first = rss.find((r) => r.spec.template.spec.containers[0].image === 'nginx')!;
  assert.equal(first.metadata.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(first.metadata.annotations!['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(c.api.get(ri, 'default', 'web').metadata.annotations!['deployment.kubernetes.io/revision'], '3');
});

test('paused: no rollout, the DeploymentPaused condition; resumed: DeploymentResumed then the rollout', () => {
  const c = testCluster();
  c.create(deploy('web', 2));
  const ctrls = [deploymentController, replicaSetController];
  c.settle(ctrls);
  readyAll(c);
  c.settle(ctrls);
  const ri = c.api.resourceByGr('deployments.apps');
  const d = structuredClone(c.api.get(ri, 'default', 'web'));
  d.spec.paused = true;
  d.spec.template.spec.containers[0].image = 'nginx:2';
  c.api.update(d);
  c.settle(ctrls);
  assert.equal(c.api.list(c.api.resourceByGr(RS_GR), 'default').length, 1);
  const p = c.api.get(ri, 'default', 'web').status.conditions.find((x: { type: string }) => x.type === 'Progressing');
  assert.deepEqual([p.status, p.reason, p.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
  const r = structuredClone(c.api.get(ri, 'default', 'web'));
  r.spec.paused = false;
  c.api.update(r);
  const actions = syncDeployment('default/web', c.view);
  assert.ok(describeActions(actions)[0].startsWith('create ReplicaSet web-'));
});

test('Recreate: old pods scaled to zero and gone before the new ReplicaSet is created', () => {
  const c = testCluster();
  c.create(deploy('web', 2, { strategy: { type: 'Recreate' } }));
  const ctrls = [deploymentController, replicaSetController];
  c.settle(ctrls);
  const ri = c.api.resourceByGr('deployments.apps');
  const d = structuredClone(c.api.get(ri, 'default', 'web'));
  d.spec.template.spec.containers[0].image = 'nginx:2';
  c.api.update(d);
  // The old pods are bound to a node, so they terminate gracefully: the new ReplicaSet waits.
  for (const p of c.api.list(c.api.resourceByGr('pods'), 'default')) c.api.bind('default', p.metadata.name!, 'n1');
  c.settle(ctrls);
  let rss = c.api.list(c.api.resourceByGr(RS_GR), 'default');
  assert.deepEqual(rss.map((x) => x.spec.replicas), [0]);
  for (const p of c.api.list(c.api.resourceByGr('pods'), 'default')) c.api.forceRemove(c.api.resourceByGr('pods'), 'default', p.metadata.name!);
  c.settle(ctrls);
  rss = c.api.list(c.api.resourceByGr(RS_GR), 'default');
  assert.deepEqual(rss.map((x) => x.spec.replicas).sort(), [0, 2]);
});

test('revisionHistoryLimit: the oldest empty ReplicaSets are deleted', () => {
  const c = testCluster();
  c.create(deploy('web', 1, { revisionHistoryLimit: 1 }));
  const ctrls = [deploymentController, replicaSetController];
  const ri = c.api.resourceByGr('deployments.apps');
  for (const image of ['nginx:1', 'nginx:2', 'nginx:3']) {
    for (let i = 0; i < 4; i++) {
      c.settle(ctrls);
      readyAll(c);
    }
    const d = structuredClone(c.api.get(ri, 'default', 'web'));
    d.spec.template.spec.containers[0].image = image;
    c.api.update(d);
  }
  for (let i = 0; i < 4; i++) {
    c.settle(ctrls);
    readyAll(c);
  }
  c.settle(ctrls);
  const revs = c.api.list(c.api.resourceByGr(RS_GR), 'default').map((r) => r.metadata.annotations!['deployment.kubernetes.io/revision']).sort();
  assert.deepEqual(revs, ['3', '4']);
});

test('a stuck rollout times out with ProgressDeadlineExceeded', () => {
  const c = testCluster();
  c.create(deploy('web', 1, { progressDeadlineSeconds: 60 }));
  const ctrls = [deploymentController, replicaSetController];
  c.settle(ctrls);
  c.settle(ctrls, T0 + 120_000);
  const p = c.api.get(c.api.resourceByGr('deployments.apps'), 'default', 'web').status.conditions.find((x: { type: string }) => x.type === 'Progressing');
  assert.equal(p.reason, 'ProgressDeadlineExceeded');
  assert.equal(p.status, 'False');
  assert.match(p.message, /^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/);
  assert.equal(p.lastUpdateTime, '2026-11-22T10:01:01Z');
});

test('applyActions helper keeps the sync pure: nothing is written before the actions are applied', () => {
  const c = testCluster();
  c.create(deploy('web', 1));
  const rv = c.api.doc.rv;
  const actions = syncDeployment('default/web', c.view);
  assert.equal(c.api.doc.rv, rv);
  applyActions(c.api, deploymentController, 'default/web', actions);
  assert.ok(c.api.doc.rv > rv);
});
