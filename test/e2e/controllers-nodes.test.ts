/** Node lifecycle through the CLI: leases, heartbeats over simulated time, taints following spec.unschedulable. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

const json = (args: string[]) => JSON.parse(h.ok([...args, '-o', 'json']));

test('every node holds a Lease in kube-node-lease, owned by the node', () => {
  const leases = json(['get', 'leases', '-n', 'kube-node-lease']).items;
  assert.deepEqual(leases.map((l: { metadata: { name: string } }) => l.metadata.name), ['kubemu', 'kubemu-m02', 'kubemu-m03']);
  for (const l of leases) {
    assert.equal(l.spec.holderIdentity, l.metadata.name);
    assert.equal(l.spec.leaseDurationSeconds, 40);
    assert.match(l.spec.renewTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    assert.deepEqual(l.metadata.ownerReferences.map((r: { kind: string; name: string }) => `${r.kind}/${r.name}`), [`Node/${l.metadata.name}`]);
  }
});

test('setting spec.unschedulable taints the node; unsetting it removes the taint', () => {
  h.ok(['patch', 'node', 'kubemu-m02', '-p', '{"spec":{"unschedulable":true}}']);
  assert.deepEqual(json(['get', 'node', 'kubemu-m02']).spec.taints, [{ effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable' }]);
  const events = json(['get', 'events', '--field-selector', 'involvedObject.name=kubemu-m02']).items.map((e: { reason: string; message: string }) => `${e.reason}: ${e.message}`);
  assert.ok(events.includes('NodeNotSchedulable: Node kubemu-m02 status is now: NodeNotSchedulable'));
  h.ok(['patch', 'node', 'kubemu-m02', '-p', '{"spec":{"unschedulable":null}}']);
  assert.equal(json(['get', 'node', 'kubemu-m02']).spec.taints, undefined);
});

test('heartbeats move with the simulated clock', () => {
  h.ok(['cluster', 'advance', '6m']);
  const ready = json(['get', 'node', 'kubemu-m03']).status.conditions.find((c: { type: string }) => c.type === 'Ready');
  assert.equal(ready.status, 'True');
  assert.ok(Date.parse(ready.lastHeartbeatTime) >= Date.parse('2026-11-22T10:03:00Z'), ready.lastHeartbeatTime);
});
