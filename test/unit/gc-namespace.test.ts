import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, describeActions, podTemplate } from '../helpers/controlplane.js';
import { garbageCollector, syncOwner, ownerKeyOf, attemptToDelete } from '../../src/controllers/gc.js';
import { namespaceController, deletionConditions } from '../../src/controllers/namespace.js';
import { replicaSetController } from '../../src/controllers/replicaset.js';
import type { KObject } from '../../src/api/types.js';

const cm = (name: string, owners: KObject[] = [], block = true): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name,
    namespace: 'default',
    ownerReferences: owners.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name!, uid: o.metadata.uid!, blockOwnerDeletion: block })),
  },
});

const rsObj = (name: string, replicas = 2): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }) },
});

test('background: dependents of a deleted owner are deleted; those with another live owner only lose the reference', () => {
  const c = testCluster();
  const a = c.create(cm('a'));
  const b = c.create(cm('b'));
  c.create(cm('only-a', [a]));
  c.create(cm('a-and-b', [a, b]));
  c.api.delete(c.api.resourceByGr('configmaps'), 'default', 'a');
  const actions = syncOwner(ownerKeyOf({ apiVersion: 'v1', kind: 'ConfigMap', name: 'a', uid: a.metadata.uid! }, 'default'), c.view);
  assert.deepEqual(describeActions(actions).sort(), ['delete ConfigMap only-a', 'update ConfigMap a-and-b']);
  c.settle([garbageCollector]);
  const left = c.api.list(c.api.resourceByGr('configmaps'), 'default');
  assert.deepEqual(left.map((o) => o.metadata.name), ['a-and-b', 'b']);
  assert.deepEqual(left[0].metadata.ownerReferences!.map((r) => r.name), ['b']);
});

test('an object whose owner never existed is collected', () => {
  const c = testCluster();
  c.create(cm('ghost-child', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ghost', uid: 'no-such-uid' } }]));
  c.settle([garbageCollector]);
  assert.equal(c.api.peek(c.api.resourceByGr('configmaps'), 'default', 'ghost-child'), undefined);
});

test('orphan: dependents lose the reference, then the finalizer goes and the owner with it', () => {
  const c = testCluster();
  c.create(rsObj('web'));
  c.settle([replicaSetController]);
  c.api.delete(c.api.resourceByGr('replicasets.apps'), 'default', 'web', { propagationPolicy: 'Orphan' });
  const rs = c.api.get(c.api.resourceByGr('replicasets.apps'), 'default', 'web');
  assert.deepEqual(rs.metadata.finalizers, ['orphan']);
  c.settle([garbageCollector]);
  assert.equal(c.api.peek(c.api.resourceByGr('replicasets.apps'), 'default', 'web'), undefined);
  const pods = c.api.list(c.api.resourceByGr('pods'), 'default');
  assert.equal(pods.length, 2);
  for (const p of pods) assert.equal(p.metadata.ownerReferences, undefined);
});

test('foreground: the owner stays until its blocking dependents are gone', () => {
  const c = testCluster();
  c.create(rsObj('web'));
  c.settle([replicaSetController]);
  // Pods on a node terminate gracefully: the owner waits for them.
  for (const p of c.api.list(c.api.resourceByGr('pods'), 'default')) c.api.bind('default', p.metadata.name!, 'n1');
  c.api.delete(c.api.resourceByGr('replicasets.apps'), 'default', 'web', { propagationPolicy: 'Foreground' });
  c.settle([garbageCollector]);
  const rs = c.api.get(c.api.resourceByGr('replicasets.apps'), 'default', 'web');
  assert.deepEqual(rs.metadata.finalizers, ['foregroundDeletion']);
  const pods = c.api.list(c.api.resourceByGr('pods'), 'default');
  assert.equal(pods.length, 2);
  for (const p of pods) assert.ok(p.metadata.deletionTimestamp);
  for (const p of pods) c.api.forceRemove(c.api.resourceByGr('pods'), 'default', p.metadata.name!);
  c.settle([garbageCollector]);
  assert.equal(c.api.peek(c.api.resourceByGr('replicasets.apps'), 'default', 'web'), undefined);
});

test('foreground: non-blocking dependents do not hold the owner; they go in the background afterwards', () => {
  const c = testCluster();
  const a = c.create(cm('a'));
  c.create(cm('loose', [a], false));
  c.api.delete(c.api.resourceByGr('configmaps'), 'default', 'a', { propagationPolicy: 'Foreground' });
  const actions = syncOwner(ownerKeyOf({ apiVersion: 'v1', kind: 'ConfigMap', name: 'a', uid: a.metadata.uid! }, 'default'), c.view);
  assert.deepEqual(describeActions(actions), ['update ConfigMap a']);
  c.settle([garbageCollector]);
  assert.deepEqual(c.api.list(c.api.resourceByGr('configmaps'), 'default').map((o) => o.metadata.name), []);
});

test('a dependent with its own dependents is deleted in the foreground when its owner waits', () => {
  const c = testCluster();
  const a = c.create(cm('a'));
  const mid = c.create(cm('mid', [a]));
  c.create(cm('leaf', [mid]));
  c.api.delete(c.api.resourceByGr('configmaps'), 'default', 'a', { propagationPolicy: 'Foreground' });
  const acts = attemptToDelete(c.view, c.api.get(c.api.resourceByGr('configmaps'), 'default', 'mid'));
  assert.equal(acts.length, 1);
  assert.deepEqual((acts[0] as { options: unknown }).options, { propagationPolicy: 'Foreground', uid: mid.metadata.uid });
});

test('namespace deletion conditions name what remains, core resources with a trailing dot', () => {
  const conds = deletionConditions(undefined, new Map([['pods', 2], ['replicasets.apps', 1]]), new Map([['example.com/x', 1]]), 'T');
  assert.deepEqual(
    conds.map((x) => [x.type, x.status, x.reason, x.message]),
    [
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 2 resource instances, replicasets.apps has 1 resource instances'],
      ['NamespaceFinalizersRemaining', 'True', 'SomeFinalizersRemain', 'Some content in the namespace has finalizers remaining: example.com/x in 1 resource instances'],
    ],
  );
  // Unchanged conditions keep their transition time.
  const later = deletionConditions(conds, new Map(), new Map([['example.com/x', 1]]), 'U');
  assert.equal(later[0].lastTransitionTime, 'T');
  assert.deepEqual([later[3].reason, later[3].lastTransitionTime], ['ContentRemoved', 'U']);
});

test('a terminating namespace is emptied, waits for graceful pods, then is removed', () => {
  const c = testCluster({ namespaces: ['default', 'foo'] });
  c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'foo' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  c.api.bind('foo', 'p', 'n1');
  c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'foo' } });
  c.api.delete(c.api.resourceByGr('namespaces'), undefined, 'foo');
  const first = namespaceController.sync('foo', c.view);
  assert.deepEqual(describeActions(first), ['delete ConfigMap x', 'delete Pod p', 'delete ServiceAccount default', 'after 0 foo']);
  c.settle([namespaceController]);
  const ns = c.api.get(c.api.resourceByGr('namespaces'), undefined, 'foo');
  assert.equal(ns.status.phase, 'Terminating');
  assert.equal(ns.status.conditions[3].message, 'Some resources are remaining: pods. has 1 resource instances');
  c.api.forceRemove(c.api.resourceByGr('pods'), 'foo', 'p');
  c.settle([namespaceController]);
  assert.equal(c.api.peek(c.api.resourceByGr('namespaces'), undefined, 'foo'), undefined);
});
