import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, T0 } from '../helpers/controlplane.js';
import { nodeLifecycleController, desiredTaints, tolerationSeconds, GRACE_MS, HEARTBEAT_MS } from '../../src/controllers/nodelifecycle.js';
import type { KObject } from '../../src/api/types.js';

const readyNode = (name: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec: {},
  status: {
    conditions: [
      { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: '2026-11-22T09:59:00Z', lastTransitionTime: '2026-11-22T09:00:00Z' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: '2026-11-22T09:59:00Z', lastTransitionTime: '2026-11-22T09:00:00Z' },
    ],
  },
});

function cluster() {
  const c = testCluster({ namespaces: ['default', 'kube-node-lease'] });
  const n = c.create(readyNode('w1'));
  c.api.updateStatus({ ...n, status: readyNode('w1').status });
  return c;
}

const node = (c: ReturnType<typeof testCluster>) => c.api.get(c.api.resourceByGr('nodes'), undefined, 'w1');
const stop = (c: ReturnType<typeof testCluster>, stopped: boolean, at = T0) => {
  c.api.doc.engine.data.nodes = { w1: { stopped, stoppedAt: at } };
  c.api.doc.engine.data.pending = true;
};

test('taints follow readiness and spec.unschedulable; NoExecute taints carry timeAdded', () => {
  const n = readyNode('x');
  assert.deepEqual(desiredTaints(n, 'T'), []);
  n.spec.unschedulable = true;
  n.spec.taints = [{ key: 'dedicated', value: 'a', effect: 'NoSchedule' }];
  assert.deepEqual(desiredTaints(n, 'T'), [{ key: 'dedicated', value: 'a', effect: 'NoSchedule' }, { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable' }]);
  n.status.conditions[1].status = 'Unknown';
  n.spec.unschedulable = false;
  assert.deepEqual(desiredTaints(n, 'T').slice(1), [
    { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', timeAdded: 'T' },
    { effect: 'NoSchedule', key: 'node.kubernetes.io/unreachable' },
  ]);
});

test('toleration time: the shortest matching tolerationSeconds; untolerated means now; no seconds means forever', () => {
  const taint = [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }];
  const pod = (tolerations: unknown[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { tolerations } }) as KObject;
  assert.equal(tolerationSeconds(pod([{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]), taint), 300);
  assert.equal(tolerationSeconds(pod([]), taint), undefined);
  assert.equal(tolerationSeconds(pod([{ operator: 'Exists' }]), taint), Infinity);
});

test('a stopped kubelet: Ready after the grace period, then Unknown with the unreachable taints and a NodeNotReady event', () => {
  const c = cluster();
  c.settle([nodeLifecycleController]);
  assert.equal(c.api.get(c.api.resourceByGr('leases.coordination.k8s.io'), 'kube-node-lease', 'w1').spec.holderIdentity, 'w1');
  stop(c, true);
  c.settle([nodeLifecycleController], T0 + GRACE_MS - 1);
  assert.equal(node(c).status.conditions[1].status, 'True');
  c.settle([nodeLifecycleController], T0 + GRACE_MS);
  const n = node(c);
  assert.deepEqual(
    n.status.conditions.map((x: { type: string; status: string; reason: string; message: string; lastHeartbeatTime: string }) => [x.type, x.status, x.reason, x.message, x.lastHeartbeatTime]),
    [
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2026-11-22T09:59:00Z'],
      ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2026-11-22T09:59:00Z'],
    ],
  );
  assert.deepEqual(n.spec.taints, [
    { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', timeAdded: '2026-11-22T10:00:40Z' },
    { effect: 'NoSchedule', key: 'node.kubernetes.io/unreachable' },
  ]);
  const ev = c.api.list(c.api.resourceByGr('events'), 'default').filter((e) => e.reason === 'NodeNotReady');
  assert.deepEqual(ev.map((e) => [e.message, e.source.component]), [['Node w1 status is now: NodeNotReady', 'node-controller']]);
});

test('pods on an unreachable node: marked not ready, evicted after their tolerationSeconds; the node comes back Ready', () => {
  const c = cluster();
  const mk = (name: string, tolerations: unknown[]) => {
    c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], tolerations } });
    c.api.bind('default', name, 'w1');
    const b = c.api.get(c.api.resourceByGr('pods'), 'default', name);
    c.status(b, { ...b.status, phase: 'Running', conditions: [...b.status.conditions, { type: 'Ready', status: 'True', lastTransitionTime: '2026-11-22T09:00:00Z', lastProbeTime: null }] });
  };
  mk('default-tol', []);
  mk('short', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }]);
  mk('forever', [{ operator: 'Exists' }]);
  c.settle([nodeLifecycleController]);
  stop(c, true);
  c.settle([nodeLifecycleController], T0 + GRACE_MS);
  const pod = (n: string) => c.api.get(c.api.resourceByGr('pods'), 'default', n);
  assert.equal(pod('forever').status.conditions.find((x: { type: string }) => x.type === 'Ready').status, 'False');
  c.settle([nodeLifecycleController], T0 + GRACE_MS + 10_000);
  assert.ok(pod('short').metadata.deletionTimestamp);
  assert.equal(pod('default-tol').metadata.deletionTimestamp, undefined);
  assert.deepEqual(pod('short').status.conditions.find((x: { type: string }) => x.type === 'DisruptionTarget').reason, 'DeletionByTaintManager');
  c.settle([nodeLifecycleController], T0 + GRACE_MS + 300_000);
  assert.ok(pod('default-tol').metadata.deletionTimestamp);
  assert.equal(pod('forever').metadata.deletionTimestamp, undefined);
  const msgs = c.api.list(c.api.resourceByGr('events'), 'default').filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.message).sort();
  assert.deepEqual(msgs, ['Marking for deletion Pod default/default-tol', 'Marking for deletion Pod default/short']);
  // Back: Ready again, taints gone, a NodeReady event from the kubelet.
  stop(c, false);
  c.settle([nodeLifecycleController], T0 + GRACE_MS + 301_000);
  const n = node(c);
  assert.equal(n.status.conditions.find((x: { type: string }) => x.type === 'Ready').status, 'True');
  assert.equal(n.spec.taints, undefined);
  const ready = c.api.list(c.api.resourceByGr('events'), 'default').filter((e) => e.reason === 'NodeReady');
  assert.deepEqual(ready.map((e) => [e.message, e.source.component, e.source.host]), [['Node w1 status is now: NodeReady', 'kubelet', 'w1']]);
});

test('heartbeats every 5 minutes, and only the last one over a long gap', () => {
  const c = cluster();
  c.settle([nodeLifecycleController]);
  c.settle([nodeLifecycleController], T0 + HEARTBEAT_MS);
  const hb = () => node(c).status.conditions[1].lastHeartbeatTime;
  assert.equal(hb(), '2026-11-22T10:05:00Z');
  const rv = c.api.doc.rv;
  const week = 7 * 24 * 3600_000;
  c.settle([nodeLifecycleController], T0 + week + 60_000);
  assert.equal(hb(), '2026-11-29T10:00:00Z');
  // Two posts (node + lease each), not two thousand.
  assert.ok(c.api.doc.rv - rv < 10, String(c.api.doc.rv - rv));
  assert.equal(c.api.get(c.api.resourceByGr('leases.coordination.k8s.io'), 'kube-node-lease', 'w1').spec.renewTime, '2026-11-29T10:00:00.000000Z');
});

test('cordon: spec.unschedulable adds the unschedulable taint and the kubelet event; uncordon removes it', () => {
  const c = cluster();
  c.settle([nodeLifecycleController]);
  c.api.update({ ...node(c), spec: { unschedulable: true } });
  c.settle([nodeLifecycleController]);
  assert.deepEqual(node(c).spec.taints, [{ effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable' }]);
  c.api.update({ ...node(c), spec: { ...node(c).spec, unschedulable: false } });
  c.settle([nodeLifecycleController]);
  assert.equal(node(c).spec.taints, undefined);
  const reasons = c.api.list(c.api.resourceByGr('events'), 'default').filter((e) => e.source.component === 'kubelet').map((e) => e.message).sort();
  assert.deepEqual(reasons, ['Node w1 status is now: NodeNotSchedulable', 'Node w1 status is now: NodeSchedulable']);
});

test('pods bound to a deleted node are removed by the pod GC after 40 s', () => {
  const c = cluster();
  c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  c.api.bind('default', 'p', 'w1');
  c.settle([nodeLifecycleController]);
  c.api.delete(c.api.resourceByGr('nodes'), undefined, 'w1');
  c.settle([nodeLifecycleController], T0 + 39_000);
  assert.ok(c.api.peek(c.api.resourceByGr('pods'), 'default', 'p'));
  c.settle([nodeLifecycleController], T0 + 40_000);
  assert.equal(c.api.peek(c.api.resourceByGr('pods'), 'default', 'p'), undefined);
});
