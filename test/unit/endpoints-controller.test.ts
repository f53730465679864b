import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, describeActions } from '../helpers/controlplane.js';
import { endpointsController, endpointSliceController, syncEndpoints, endpointSubsets, findPort, desiredSlices, MAX_PER_SLICE } from '../../src/controllers/endpoints.js';
import type { KObject } from '../../src/api/types.js';

const pod = (name: string, ip: string, ready: boolean, labels = { app: 'web' }, ports: unknown[] = [{ name: 'http', containerPort: 8080 }]): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels, uid: `uid-${name}` },
  spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx', ports }] },
  status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const svc = (spec: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec });

test('named target ports resolve against each pod; unknown names leave the pod out of that port', () => {
  const p = pod('a', '10.0.0.1', true);
  assert.equal(findPort(p, { port: 80, targetPort: 'http' }), 8080);
  assert.equal(findPort(p, { port: 80, targetPort: 9090 }), 9090);
  assert.equal(findPort(p, { port: 80 }), 80);
  assert.equal(findPort(p, { port: 80, targetPort: 'nope' }), undefined);
  assert.equal(findPort(p, { port: 80, targetPort: 'http', protocol: 'UDP' }), undefined);
});

test('subsets: ready pods in addresses, others in notReadyAddresses, sorted by IP; grouped by resolved ports', () => {
  const s = svc({ selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] });
  s.metadata.name = 'web';
  const pods = [pod('b', '10.0.0.2', true), pod('a', '10.0.0.10', true), pod('c', '10.0.0.3', false), pod('d', '10.0.0.4', true, { app: 'web' }, [{ name: 'http', containerPort: 9000 }])];
  const { subsets, truncated } = endpointSubsets(s, pods);
  assert.equal(truncated, false);
  assert.equal(subsets.length, 2);
  assert.deepEqual(subsets[0].addresses.map((a: { ip: string }) => a.ip), ['10.0.0.10', '10.0.0.2']);
  assert.deepEqual(subsets[0].notReadyAddresses.map((a: { ip: string }) => a.ip), ['10.0.0.3']);
  assert.deepEqual(subsets[0].ports, [{ name: 'web', port: 8080, protocol: 'TCP' }]);
  assert.deepEqual(subsets[1].ports, [{ name: 'web', port: 9000, protocol: 'TCP' }]);
  assert.deepEqual(subsets[0].addresses[0], { ip: '10.0.0.10', nodeName: 'n1', targetRef: { kind: 'Pod', name: 'a', namespace: 'default', uid: 'uid-a' } });
  // publishNotReadyAddresses: everyone is ready.
  const pub = endpointSubsets({ ...s, spec: { ...s.spec, publishNotReadyAddresses: true } }, pods);
  assert.equal(pub.subsets[0].notReadyAddresses, undefined);
});

test('a service without a selector (or ExternalName) is left alone', () => {
  const c = testCluster();
  c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
  c.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', namespace: 'default' }, subsets: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 80 }] }] });
  assert.deepEqual(syncEndpoints('default/ext', c.view), []);
  c.settle([endpointsController, endpointSliceController]);
  assert.deepEqual(c.api.get(c.api.resourceByGr('endpoints'), 'default', 'ext').subsets[0].addresses, [{ ip: '1.2.3.4' }]);
  assert.equal(c.api.list(c.api.resourceByGr('endpointslices.discovery.k8s.io'), 'default').length, 0);
});

test('Endpoints and a slice follow the pods; deleting the service deletes the Endpoints', () => {
  const c = testCluster();
  c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', labels: { tier: 'x' } }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
  c.settle([endpointsController, endpointSliceController]);
  let ep = c.api.get(c.api.resourceByGr('endpoints'), 'default', 'web');
  assert.equal(ep.subsets, undefined);
  assert.deepEqual(ep.metadata.labels, { tier: 'x' });
  const slices = () => c.api.list(c.api.resourceByGr('endpointslices.discovery.k8s.io'), 'default');
  assert.equal(slices().length, 1);
  assert.equal(slices()[0].endpoints, null);
  assert.equal(slices()[0].ports, null);
  assert.deepEqual(slices()[0].metadata.labels, { tier: 'x', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' });
  const p = c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  c.status(p, { phase: 'Running', podIP: '10.244.1.5', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-22T10:00:00Z' }] });
  c.settle([endpointsController, endpointSliceController]);
  ep = c.api.get(c.api.resourceByGr('endpoints'), 'default', 'web');
  assert.deepEqual(ep.subsets, [{ addresses: [{ ip: '10.244.1.5', targetRef: { kind: 'Pod', name: 'p1', namespace: 'default', uid: p.metadata.uid } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  assert.equal(ep.metadata.annotations!['endpoints.kubernetes.io/last-change-trigger-time'], '2026-11-22T10:00:00Z');
  assert.deepEqual(slices()[0].endpoints[0].conditions, { ready: true, serving: true, terminating: false });
  c.api.delete(c.api.resourceByGr('services'), 'default', 'web');
  assert.deepEqual(describeActions(syncEndpoints('default/web', c.view)), ['delete Endpoints web']);
});

test('slices hold at most 100 endpoints; Endpoints at most 1000 addresses, then over-capacity', () => {
  const s = svc({ selector: { app: 'web' }, ports: [{ port: 80 }] });
  const pods: KObject[] = [];
  for (let i = 0; i < 1001; i++) pods.push(pod(`p${i}`, `10.1.${Math.floor(i / 250)}.${i % 250}`, true));
  const slices = desiredSlices(s, pods, new Map());
  assert.equal(slices.length, 11);
  assert.equal(slices[0].endpoints!.length, MAX_PER_SLICE);
  const { subsets, truncated } = endpointSubsets(s, pods);
  assert.equal(truncated, true);
  assert.equal(subsets[0].addresses.length, 1000);
});
