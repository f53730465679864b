import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from '../helpers/controlplane.js';
import { persistentVolumeController, volumeFits, defaultStorageClass, PROVISIONER } from '../../src/controllers/volumes.js';
import type { KObject } from '../../src/api/types.js';

const pvc = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});
const pv = (name: string, size: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: size }, hostPath: { path: `/data/${name}` }, persistentVolumeReclaimPolicy: 'Retain', ...spec },
});
type C = ReturnType<typeof testCluster>;
const get = (c: C, gr: string, ns: string | undefined, name: string) => c.api.get(c.api.resourceByGr(gr), ns, name);

test('fit: class, access modes, capacity, selector', () => {
  const claim = pvc('c', { storageClassName: '' });
  assert.equal(volumeFits(pv('a', '2Gi'), claim), true);
  assert.equal(volumeFits(pv('b', '500Mi'), claim), false);
  assert.equal(volumeFits(pv('c', '2Gi', { accessModes: ['ReadOnlyMany'] }), claim), false);
  assert.equal(volumeFits(pv('d', '2Gi', { storageClassName: 'fast' }), claim), false);
  assert.equal(volumeFits({ ...pv('e', '2Gi'), metadata: { name: 'e', labels: { tier: 'gold' } } }, pvc('s', { storageClassName: '', selector: { matchLabels: { tier: 'gold' } } })), true);
});

test('a claim without a class gets the default one and a provisioned volume pvc-<uid>, both Bound', () => {
  const c = testCluster();
  c.create(defaultStorageClass());
  const claim = c.create(pvc('data'));
  c.settle([persistentVolumeController]);
  const bound = get(c, 'persistentvolumeclaims', 'default', 'data');
  assert.equal(bound.spec.storageClassName, 'standard');
  assert.equal(bound.spec.volumeName, `pvc-${claim.metadata.uid}`);
  assert.deepEqual(bound.status, { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, phase: 'Bound' });
  assert.equal(bound.metadata.annotations!['volume.kubernetes.io/storage-provisioner'], PROVISIONER);
  const vol = get(c, 'persistentvolumes', undefined, `pvc-${claim.metadata.uid}`);
  assert.equal(vol.status.phase, 'Bound');
  assert.equal(vol.spec.claimRef.uid, claim.metadata.uid);
  assert.equal(vol.spec.persistentVolumeReclaimPolicy, 'Delete');
  assert.deepEqual(vol.spec.hostPath, { path: '/tmp/hostpath-provisioner/default/data', type: '' });
  const reasons = c.api.list(c.api.resourceByGr('events'), 'default').map((e) => e.reason).sort();
  assert.deepEqual(reasons, ['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
  // Deleting the claim releases the volume; reclaimPolicy Delete removes it.
  c.api.delete(c.api.resourceByGr('persistentvolumeclaims'), 'default', 'data');
  c.settle([persistentVolumeController]);
  assert.equal(c.api.peek(c.api.resourceByGr('persistentvolumes'), undefined, vol.metadata.name!), undefined);
});

test('static volumes: the smallest fitting one binds; Retain keeps it Released after the claim goes', () => {
  const c = testCluster();
  c.create(pv('big', '10Gi'));
  c.create(pv('small', '2Gi'));
  c.create(pvc('want', { storageClassName: '' }));
  c.settle([persistentVolumeController]);
  assert.equal(get(c, 'persistentvolumeclaims', 'default', 'want').spec.volumeName, 'small');
  assert.equal(get(c, 'persistentvolumes', undefined, 'small').status.phase, 'Bound');
  assert.equal(get(c, 'persistentvolumes', undefined, 'big').status.phase, 'Available');
  c.api.delete(c.api.resourceByGr('persistentvolumeclaims'), 'default', 'want');
  c.settle([persistentVolumeController]);
  assert.equal(get(c, 'persistentvolumes', undefined, 'small').status.phase, 'Released');
});

test('no class and no volume: FailedBinding, once', () => {
  const c = testCluster();
  c.create(pvc('lonely', { storageClassName: '' }));
  c.settle([persistentVolumeController]);
  const ev = c.api.list(c.api.resourceByGr('events'), 'default');
  assert.deepEqual(ev.map((e) => `${e.reason}: ${e.message}`), ['FailedBinding: no persistent volumes available for this claim and no storage class is set']);
});
