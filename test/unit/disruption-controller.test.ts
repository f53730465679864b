import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, podTemplate } from '../helpers/controlplane.js';
import { disruptionController } from '../../src/controllers/disruption.js';
import { replicaSetController } from '../../src/controllers/replicaset.js';
import { deploymentController } from '../../src/controllers/deployment.js';

function cluster() {
  const c = testCluster();
  c.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) } });
  c.settle([deploymentController, replicaSetController]);
  for (const p of c.api.list(c.api.resourceByGr('pods'), 'default')) c.status(p, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-22T10:00:00Z' }] });
  return c;
}
const pdb = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });
const status = (c: ReturnType<typeof testCluster>, name: string) => c.api.get(c.api.resourceByGr('poddisruptionbudgets.policy'), 'default', name).status;

test('minAvailable: expected is the selected pods; allowed = healthy - desired', () => {
  const c = cluster();
  c.create(pdb('min', { minAvailable: 2 }));
  c.settle([disruptionController]);
  const s = status(c, 'min');
  assert.deepEqual([s.currentHealthy, s.desiredHealthy, s.expectedPods, s.disruptionsAllowed], [3, 2, 3, 1]);
  assert.deepEqual([s.conditions[0].type, s.conditions[0].status, s.conditions[0].reason, s.conditions[0].message], ['DisruptionAllowed', 'True', 'SufficientPods', '']);
});

test('maxUnavailable: the Deployment scale is expected; percentages round up', () => {
  const c = cluster();
  c.create(pdb('max', { maxUnavailable: '50%' }));
  c.settle([disruptionController]);
  const s = status(c, 'max');
  assert.deepEqual([s.desiredHealthy, s.expectedPods, s.disruptionsAllowed], [1, 3, 2]);
});

test('an unready pod leaves no room: InsufficientPods', () => {
  const c = cluster();
  c.create(pdb('tight', { minAvailable: 3 }));
  const [p] = c.api.list(c.api.resourceByGr('pods'), 'default');
  c.status(p, { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] });
  c.settle([disruptionController]);
  const s = status(c, 'tight');
  assert.deepEqual([s.currentHealthy, s.disruptionsAllowed, s.conditions[0].reason, s.conditions[0].status], [2, 0, 'InsufficientPods', 'False']);
});
