/** DaemonSets through the CLI: placement, tolerations, rolling updates, revisions, status. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

const json = (args: string[]) => JSON.parse(h.ok([...args, '-o', 'json']));
const apply = (yaml: string) => {
  const f = join(h.dir, `m${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, yaml);
  return h.ok(['apply', '-f', f]);
};
const ds = (name: string, extra = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${extra}      containers:
      - name: agent
        image: nginx
`;
const nodesOf = (app: string) =>
  json(['get', 'pods', '-l', `app=${app}`])
    .items.filter((p: { metadata: { deletionTimestamp?: string } }) => !p.metadata.deletionTimestamp)
    .map((p: { spec: { nodeName: string } }) => p.spec.nodeName)
    .sort();

test('a DaemonSet runs on the workers, not on the tainted control plane, unless it tolerates it', () => {
  apply(ds('agent'));
  assert.deepEqual(nodesOf('agent'), ['kubemu-m02', 'kubemu-m03']);
  apply(ds('everywhere', '      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n'));
  assert.deepEqual(nodesOf('everywhere'), ['kubemu', 'kubemu-m02', 'kubemu-m03']);
  const pod = json(['get', 'pods', '-l', 'app=agent']).items[0];
  assert.deepEqual(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields, [{ key: 'metadata.name', operator: 'In', values: [pod.spec.nodeName] }]);
  assert.ok(pod.spec.tolerations.some((t: { key: string; effect: string }) => t.key === 'node.kubernetes.io/unschedulable' && t.effect === 'NoSchedule'));
  const st = json(['get', 'ds', 'agent']).status;
  assert.deepEqual(st, { currentNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 0, numberReady: 2, observedGeneration: 1, updatedNumberScheduled: 2 });
  const hash = pod.metadata.labels['controller-revision-hash'];
  assert.equal(h.ok(['get', 'controllerrevisions', '-l', 'app=agent', '-o', 'name']), `controllerrevision.apps/agent-${hash}\n`);
});

test('a labelled node selector follows node labels', () => {
  apply(ds('gpu', '      nodeSelector:\n        accel: gpu\n'));
  assert.deepEqual(nodesOf('gpu'), []);
  h.ok(['label', 'node', 'kubemu-m03', 'accel=gpu']);
  assert.deepEqual(nodesOf('gpu'), ['kubemu-m03']);
  h.ok(['label', 'node', 'kubemu-m03', 'accel-']);
  assert.deepEqual(nodesOf('gpu'), []);
});

test('set image rolls the DaemonSet out node by node; a second ControllerRevision', () => {
  h.ok(['set', 'image', 'ds/agent', 'agent=nginx:1.27']);
  const pods = json(['get', 'pods', '-l', 'app=agent']).items;
  assert.deepEqual(pods.map((p: { spec: { containers: { image: string }[] } }) => p.spec.containers[0].image), ['nginx:1.27', 'nginx:1.27']);
  const revs = json(['get', 'controllerrevisions', '-l', 'app=agent']).items.map((r: { revision: number }) => r.revision).sort();
  assert.deepEqual(revs, [1, 2]);
  const msgs = json(['get', 'events', '--field-selector', 'involvedObject.name=agent']).items.map((e: { reason: string }) => e.reason);
  assert.equal(msgs.filter((r: string) => r === 'SuccessfulDelete').length, 2);
  assert.equal(msgs.filter((r: string) => r === 'SuccessfulCreate').length, 4);
});
