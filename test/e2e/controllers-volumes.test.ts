/** Storage through the CLI: the default StorageClass and its simulated provisioner. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

const json = (args: string[]) => JSON.parse(h.ok([...args, '-o', 'json']));

test('the default cluster has the default StorageClass "standard"', () => {
  const sc = json(['get', 'storageclass', 'standard']);
  assert.equal(sc.metadata.annotations['storageclass.kubernetes.io/is-default-class'], 'true');
  assert.equal(sc.provisioner, 'k8s.io/minikube-hostpath');
  assert.equal(sc.volumeBindingMode, 'Immediate');
});

test('a PersistentVolumeClaim binds to a provisioned volume', () => {
  h.ok(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } }) });
  const pvc = json(['get', 'pvc', 'data']);
  assert.equal(pvc.status.phase, 'Bound');
  assert.equal(pvc.spec.volumeName, `pvc-${pvc.metadata.uid}`);
  const pv = json(['get', 'pv', pvc.spec.volumeName]);
  assert.equal(pv.status.phase, 'Bound');
  assert.deepEqual(pv.spec.capacity, { storage: '2Gi' });
  const msgs = json(['get', 'events', '--field-selector', 'involvedObject.name=data']).items.map((e: { reason: string; message: string }) => `${e.reason}: ${e.message}`);
  assert.ok(msgs.includes(`ProvisioningSucceeded: Successfully provisioned volume ${pvc.spec.volumeName}`));
  h.ok(['delete', 'pvc', 'data']);
  assert.equal(h.run(['get', 'pv', pvc.spec.volumeName]).code, 1);
});
