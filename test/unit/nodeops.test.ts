import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyPod, type DrainOptions } from '../../src/verbs/drain.js';
import { parseTaints, reorganizeTaints, taintString } from '../../src/verbs/taint.js';
import { evictPod, EVICTION_BLOCKED } from '../../src/api/eviction.js';
import { testCluster } from '../helpers/controlplane.js';
import { isStatusError } from '../../src/api/errors.js';

const opts = (o: Partial<DrainOptions> = {}): DrainOptions => ({ force: false, ignoreDaemonSets: false, deleteEmptyDirData: false, skipWaitSeconds: 0, now: 0, ...o });
const pod = (extra: Record<string, unknown> = {}, spec: Record<string, unknown> = {}, phase = 'Running') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', ...extra },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  status: { phase },
});
const owned = (kind: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name: 'x', uid: 'u', controller: true }] });

test('drain classifies pods as the drain helper filters do', () => {
  const yes = () => true;
  assert.deepEqual(classifyPod(pod(owned('ReplicaSet')), opts(), yes), { delete: true, reason: 'Okay' });
  assert.equal(classifyPod(pod(owned('DaemonSet')), opts(), yes).reason, 'Error');
  assert.deepEqual(classifyPod(pod(owned('DaemonSet')), opts({ ignoreDaemonSets: true }), yes), { delete: false, reason: 'Warning', message: 'ignoring DaemonSet-managed Pods' });
  assert.equal(classifyPod(pod(owned('DaemonSet')), opts(), () => false).message, 'daemonsets.apps "x" not found');
  assert.equal(classifyPod(pod({ annotations: { 'kubernetes.io/config.mirror': 'h' } }), opts(), yes).reason, 'Skip');
  assert.equal(classifyPod(pod(owned('ReplicaSet'), { volumes: [{ name: 'v', emptyDir: {} }] }), opts(), yes).message, 'Pods with local storage (use --delete-emptydir-data to override)');
  assert.equal(classifyPod(pod({}), opts(), yes).message, 'cannot delete Pods that declare no controller (use --force to override)');
  assert.deepEqual(classifyPod(pod({}), opts({ force: true }), yes), { delete: true, reason: 'Warning', message: 'deleting Pods that declare no controller' });
  // Finished pods always go.
  assert.deepEqual(classifyPod(pod({}, {}, 'Succeeded'), opts(), yes), { delete: true, reason: 'Okay' });
  // Deleted long ago, with --skip-wait-for-delete-timeout: skipped.
  assert.equal(classifyPod(pod({ ...owned('ReplicaSet'), deletionTimestamp: '1970-01-01T00:00:00Z' }), opts({ skipWaitSeconds: 5, now: 60_000 }), yes).reason, 'Skip');
});

test('taint specs: parsing, errors, and the new list with its operation', () => {
  assert.deepEqual(parseTaints(['a=b:NoSchedule', 'c:NoExecute', 'd-', 'e:PreferNoSchedule-']), {
    add: [{ key: 'a', value: 'b', effect: 'NoSchedule' }, { key: 'c', effect: 'NoExecute' }],
    remove: [{ key: 'd' }, { key: 'e', effect: 'PreferNoSchedule' }],
  });
  // Without an effect the whole text is the key, which '=' makes invalid.
  assert.throws(() => parseTaints(['a=b']), /^Error: invalid taint spec: a=b, name part must consist of/);
  assert.throws(() => parseTaints(['a']), /^Error: invalid taint spec: a$/);
  assert.throws(() => parseTaints(['a:Never']), /invalid taint effect: Never, unsupported taint effect/);
  assert.throws(() => parseTaints(['a=b=c:NoSchedule']), /invalid taint spec: a=b=c:NoSchedule$/);
  assert.throws(() => parseTaints(['a:NoSchedule', 'a=x:NoSchedule']), /duplicated taints with the same key and effect/);
  assert.throws(() => parseTaints(['-bad:NoSchedule']), /invalid taint spec: -bad:NoSchedule, name part must consist of/);
  const old = [{ key: 'cp', effect: 'NoSchedule' }];
  assert.deepEqual(reorganizeTaints(old, false, [{ key: 'a', effect: 'NoExecute' }], []), { op: 'tainted', taints: [{ key: 'a', effect: 'NoExecute' }, ...old], errors: [] });
  assert.deepEqual(reorganizeTaints(old, false, [], [{ key: 'cp' }]), { op: 'untainted', taints: [], errors: [] });
  assert.deepEqual(reorganizeTaints(old, false, [], [{ key: 'x', effect: 'NoSchedule' }]).errors, ['taint "x:NoSchedule" not found']);
  assert.equal(reorganizeTaints(old, true, [{ key: 'cp', value: 'v', effect: 'NoSchedule' }], []).op, 'modified');
  assert.equal(taintString({ key: 'k', value: 'v', effect: 'NoSchedule' }), 'k=v:NoSchedule');
});

test('the eviction API: budgets allow, use up, and refuse with 429', () => {
  const c = testCluster();
  const labels = { app: 'web' };
  for (const n of ['a', 'b']) {
    c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: n, namespace: 'default', labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    c.status(c.api.get(c.api.resourceByGr('pods'), 'default', n), { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
  }
  const pdb = c.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: labels } } });
  c.status(pdb, { observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 });
  evictPod(c.api, 'default', 'a');
  const after = c.api.get(c.api.resourceByGr('poddisruptionbudgets.policy'), 'default', 'web');
  assert.equal(after.status.disruptionsAllowed, 0);
  assert.ok(after.status.disruptedPods.a);
  assert.equal(c.api.peek(c.api.resourceByGr('pods'), 'default', 'a'), undefined);
  assert.throws(
    () => evictPod(c.api, 'default', 'b'),
    (e: unknown) => isStatusError(e) && e.code === 429 && e.message === EVICTION_BLOCKED && e.status.details?.causes?.[0]?.message === 'The disruption budget web needs 1 healthy pods and has 2 currently',
  );
  // A pending pod disrupts nothing: it goes whatever the budget says.
  c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'new', namespace: 'default', labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  evictPod(c.api, 'default', 'new');
  assert.equal(c.api.peek(c.api.resourceByGr('pods'), 'default', 'new'), undefined);
});
