import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, describeActions, podTemplate } from '../helpers/controlplane.js';
import { statefulSetController, syncStatefulSet, statefulPod, statefulClaims, ordinalOf } from '../../src/controllers/statefulset.js';
import type { KObject } from '../../src/api/types.js';

const sts = (name: string, replicas: number, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'default' },
  spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }), ...spec },
});

type C = ReturnType<typeof testCluster>;
const podNames = (c: C) => c.api.list(c.api.resourceByGr('pods'), 'default').filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
/** The kubelet's part: terminating pods go, new ones become running and ready. */
function kubelet(c: C): void {
  for (const p of c.api.list(c.api.resourceByGr('pods'), 'default')) {
    if (p.metadata.deletionTimestamp) c.api.forceRemove(c.api.resourceByGr('pods'), 'default', p.metadata.name!);
    else if (p.status?.phase !== 'Running') c.status(p, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-22T09:00:00Z', lastProbeTime: null }] });
  }
}

test('identity: name, hostname, subdomain, labels and the claim volumes', () => {
  const set = sts('web', 1, { volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] });
  set.metadata.uid = 'u';
  const p = statefulPod(set, set.spec.template, 'web-abc', 2);
  assert.equal(p.metadata.name, 'web-2');
  assert.equal(p.metadata.generateName, 'web-');
  assert.deepEqual(p.metadata.labels, { app: 'web', 'controller-revision-hash': 'web-abc', 'statefulset.kubernetes.io/pod-name': 'web-2', 'apps.kubernetes.io/pod-index': '2' });
  assert.equal(p.spec.hostname, 'web-2');
  assert.equal(p.spec.subdomain, 'web');
  assert.deepEqual(p.spec.volumes, [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-2' } }]);
  const [pvc] = statefulClaims(set, 2);
  assert.equal(pvc.metadata.name, 'www-web-2');
  assert.deepEqual(pvc.metadata.labels, { app: 'web' });
  assert.equal(pvc.metadata.ownerReferences, undefined);
  assert.equal(ordinalOf(set, p), 2);
  assert.equal(ordinalOf(set, { ...p, metadata: { name: 'web-02' } }), undefined);
});

test('OrderedReady: one pod at a time, each after its predecessor is running and ready', () => {
  const c = testCluster();
  c.create(sts('web', 3));
  c.settle([statefulSetController]);
  assert.deepEqual(podNames(c), ['web-0']);
  // Not ready yet: nothing more.
  assert.deepEqual(describeActions(syncStatefulSet('default/web', c.view)).filter((a) => a.startsWith('create Pod')), []);
  for (const want of [['web-0', 'web-1'], ['web-0', 'web-1', 'web-2']]) {
    kubelet(c);
    c.settle([statefulSetController]);
    assert.deepEqual(podNames(c), want);
  }
  kubelet(c);
  c.settle([statefulSetController]);
  const st = c.api.get(c.api.resourceByGr('statefulsets.apps'), 'default', 'web').status;
  assert.equal(st.readyReplicas, 3);
  assert.equal(st.currentRevision, st.updateRevision);
  assert.equal(st.collisionCount, 0);
  const msgs = c.api.list(c.api.resourceByGr('events'), 'default').map((e) => e.message).sort();
  assert.deepEqual(msgs, ['create Pod web-0 in StatefulSet web successful', 'create Pod web-1 in StatefulSet web successful', 'create Pod web-2 in StatefulSet web successful']);
});

test('scale down removes the highest ordinal first, one at a time', () => {
  const c = testCluster();
  c.create(sts('web', 3));
  // OrderedReady: one pod per round, each waits for the previous one to be Running and Ready.
  for (let i = 0; i < 3; i++) {
    c.settle([statefulSetController]);
    kubelet(c);
  }
  assert.equal(c.api.list(c.api.resourceByGr('pods'), 'default').length, 3);
  const s = structuredClone(c.api.get(c.api.resourceByGr('statefulsets.apps'), 'default', 'web'));
  s.spec.replicas = 1;
  c.api.update(s);
  const acts = describeActions(syncStatefulSet('default/web', c.view));
  assert.deepEqual(acts.filter((a) => a.startsWith('delete')), ['delete Pod web-2']);
  assert.ok(acts.includes('event Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful'));
});

test('Parallel creates every pod at once', () => {
  const c = testCluster();
  c.create(sts('par', 3, { podManagementPolicy: 'Parallel' }));
  c.settle([statefulSetController]);
  assert.deepEqual(podNames(c), ['par-0', 'par-1', 'par-2']);
});

test('RollingUpdate with a partition updates only ordinals at or above it, highest first', () => {
  const c = testCluster();
  c.create(sts('web', 3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
  for (let i = 0; i < 4; i++) {
    c.settle([statefulSetController]);
    kubelet(c);
  }
  c.settle([statefulSetController]);
  const ri = c.api.resourceByGr('statefulsets.apps');
  const s = structuredClone(c.api.get(ri, 'default', 'web'));
  s.spec.template.spec.containers[0].image = 'nginx:2';
  c.api.update(s);
  const first = describeActions(syncStatefulSet('default/web', c.view)).filter((a) => a.startsWith('delete Pod'));
  assert.deepEqual(first, ['delete Pod web-2']);
  for (let i = 0; i < 6; i++) {
    c.settle([statefulSetController]);
    kubelet(c);
  }
  c.settle([statefulSetController]);
  const images = Object.fromEntries(c.api.list(c.api.resourceByGr('pods'), 'default').map((p) => [p.metadata.name, p.spec.containers[0].image]));
  assert.deepEqual(images, { 'web-0': 'nginx', 'web-1': 'nginx:2', 'web-2': 'nginx:2' });
  const st = c.api.get(ri, 'default', 'web').status;
  assert.notEqual(st.currentRevision, st.updateRevision);
  assert.equal(st.updatedReplicas, 2);
  assert.equal(st.currentReplicas, 1);
  assert.equal(c.api.list(c.api.resourceByGr('controllerrevisions.apps'), 'default').length, 2);
});

test('claims are created before their pods and left behind on scale down', () => {
  const c = testCluster();
  c.create(sts('db', 2, { podManagementPolicy: 'Parallel', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }));
  const acts = describeActions(syncStatefulSet('default/db', c.view)).filter((a) => a.startsWith('create') && !a.startsWith('create ControllerRevision'));
  assert.deepEqual(acts, ['create PersistentVolumeClaim data-db-0', 'create Pod db-0', 'create PersistentVolumeClaim data-db-1', 'create Pod db-1']);
  c.settle([statefulSetController]);
  kubelet(c);
  const s = structuredClone(c.api.get(c.api.resourceByGr('statefulsets.apps'), 'default', 'db'));
  s.spec.replicas = 0;
  c.api.update(s);
  c.settle([statefulSetController]);
  kubelet(c);
  c.settle([statefulSetController]);
  assert.deepEqual(podNames(c), []);
  assert.deepEqual(c.api.list(c.api.resourceByGr('persistentvolumeclaims'), 'default').map((p) => p.metadata.name), ['data-db-0', 'data-db-1']);
});

test('a failed pod is deleted and recreated with the same name', () => {
  const c = testCluster();
  c.create(sts('web', 1));
  c.settle([statefulSetController]);
  const p = c.api.get(c.api.resourceByGr('pods'), 'default', 'web-0');
  c.status(p, { phase: 'Failed' });
  const acts = describeActions(syncStatefulSet('default/web', c.view));
  assert.ok(acts.includes('event Warning RecreatingFailedPod StatefulSet default/web is recreating failed Pod web-0'));
  assert.ok(acts.includes('delete Pod web-0'));
  c.settle([statefulSetController]);
  const again = c.api.get(c.api.resourceByGr('pods'), 'default', 'web-0');
  assert.notEqual(again.metadata.uid, p.metadata.uid);
});
