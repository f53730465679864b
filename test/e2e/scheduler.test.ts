import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome, type Home } from '../helpers/cli.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const homes: Home[] = [];
after(() => homes.forEach((h) => h.cleanup()));
function home(opts: Parameters<typeof makeHome>[0] = {}): Home {
  const h = makeHome(opts);
  homes.push(h);
  return h;
}

function podYaml(name: string, extra = '', container = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: c
    image: nginx:1.27
${container}`;
}

const events = (h: Home, name: string) => JSON.parse(h.ok(['get', 'events', '--field-selector', `involvedObject.name=${name}`, '-o', 'json'])).items as any[];
const pod = (h: Home, name: string) => JSON.parse(h.ok(['get', 'pod', name, '-o', 'json']));

const BIG = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';

test('a pod that fits nowhere: FailedScheduling with the scheduler\'s exact message, PodScheduled=False, Pending', () => {
  const h = home();
  h.ok(['apply', '-f', '-'], { input: podYaml('big', '', '    resources:\n      requests:\n        cpu: "10"\n') });
  assert.equal(h.ok(['get', 'pod', 'big']), 'NAME   READY   STATUS    RESTARTS   AGE\nbig    0/1     Pending   0          0s\n');
  assert.equal(
    h.ok(['get', 'events', '--field-selector', 'involvedObject.name=big']),
    `LAST SEEN   TYPE      REASON             OBJECT    MESSAGE\n0s          Warning   FailedScheduling   pod/big   ${BIG}\n`,
  );
  const p = pod(h, 'big');
  assert.deepEqual(p.status.conditions, [{ lastProbeTime: null, lastTransitionTime: '2026-11-22T10:00:00Z', message: BIG, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }]);
  const [ev] = events(h, 'big');
  assert.equal(ev.reportingComponent, 'default-scheduler');
  assert.equal(ev.action, 'Scheduling');
  assert.equal(ev.eventTime, '2026-11-22T10:00:00.000000Z');
});

test('an unschedulable pod is retried when pods leave, not before; repeats aggregate into one event series', () => {
  const h = home();
  const hog = (n: string, node: string) => podYaml(n, `  nodeSelector:\n    kubernetes.io/hostname: ${node}\n`, '    resources:\n      requests:\n        cpu: "3"\n');
  h.ok(['apply', '-f', '-'], { input: [hog('hog1', 'kubemu-m02'), hog('hog2', 'kubemu-m03'), podYaml('big', '', '    resources:\n      requests:\n        cpu: "2"\n')].join('---\n') });
  assert.match(h.ok(['get', 'pod', 'big']), /big +0\/1 +Pending/);
  // Five minutes in the unschedulable queue: one more attempt, same message, the series grows.
  h.ok(['cluster', 'advance', '6m']);
  const evs = events(h, 'big').filter((e) => e.reason === 'FailedScheduling');
  assert.equal(evs.length, 1);
  assert.deepEqual(evs[0].series, { count: 2, lastObservedTime: '2026-11-22T10:05:00.000000Z' });
  h.ok(['delete', 'pod', 'hog1']);
  const p = pod(h, 'big');
  assert.equal(p.spec.nodeName, 'kubemu-m02');
  assert.equal(p.status.phase, 'Running');
  const scheduled = events(h, 'big').find((e) => e.reason === 'Scheduled');
  assert.equal(scheduled.message, 'Successfully assigned default/big to kubemu-m02');
  assert.equal(scheduled.action, 'Binding');
});

test('nodeSelector, tolerations and the control-plane taint', () => {
  const h = home();
  h.ok(['apply', '-f', '-'], {
    input: [
      podYaml('ssd', '  nodeSelector:\n    disk: ssd\n'),
      podYaml('cp', '  nodeSelector:\n    node-role.kubernetes.io/control-plane: ""\n  tolerations:\n  - key: node-role.kubernetes.io/control-plane\n    operator: Exists\n    effect: NoSchedule\n'),
    ].join('---\n'),
  });
  assert.equal(
    events(h, 'ssd')[0].message,
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
  assert.equal(pod(h, 'cp').spec.nodeName, 'kubemu');
});

test('a higher-priority pod preempts a lower-priority one and takes its place', () => {
  const h = home();
  const hog = (n: string, node: string) => podYaml(n, `  nodeSelector:\n    kubernetes.io/hostname: ${node}\n`, '    resources:\n      requests:\n        cpu: "3"\n');
  h.ok(['apply', '-f', '-'], { input: [hog('hog1', 'kubemu-m02'), hog('hog2', 'kubemu-m03')].join('---\n') });
  h.ok(['apply', '-f', '-'], {
    input: `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 1000\n---\n${podYaml('vip', '  priorityClassName: high\n', '    resources:\n      requests:\n        cpu: "2"\n')}`,
  });
  const vip = pod(h, 'vip');
  const victims = ['hog1', 'hog2'].filter((n) => h.run(['get', 'pod', n]).code !== 0);
  assert.equal(victims.length, 1);
  assert.equal(vip.status.nominatedNodeName, victims[0] === 'hog1' ? 'kubemu-m02' : 'kubemu-m03');
  assert.equal(vip.spec.nodeName, vip.status.nominatedNodeName);
  assert.equal(vip.status.phase, 'Running');
  const msgs = events(h, victims[0]).map((e) => `${e.reason}: ${e.message}`);
  assert.ok(msgs.includes(`Preempted: Preempted by pod ${vip.metadata.uid} on node ${vip.spec.nodeName}`), msgs.join('\n'));
  assert.ok(msgs.includes('Killing: Stopping container c'));
});

test("a Deployment's replicas spread over the workers", () => {
  const h = home();
  h.ok(['apply', '-f', '-'], {
    input: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 6\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n',
  });
  const nodes = JSON.parse(h.ok(['get', 'pods', '-l', 'app=web', '-o', 'json'])).items.map((p: any) => p.spec.nodeName).sort();
  assert.deepEqual(nodes, ['kubemu-m02', 'kubemu-m02', 'kubemu-m02', 'kubemu-m03', 'kubemu-m03', 'kubemu-m03']);
});
