/** StatefulSets through the CLI: ordinal pods, claims, scaling, rolling updates, status. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

const json = (args: string[]) => JSON.parse(h.ok([...args, '-o', 'json']));
const names = (args: string[]) => json(args).items.filter((o: { metadata: { deletionTimestamp?: string } }) => !o.metadata.deletionTimestamp).map((o: { metadata: { name: string } }) => o.metadata.name).sort();

test('a StatefulSet: pods web-0..2, a claim per pod, revisions and status', () => {
  const f = join(h.dir, 'sts.yaml');
  writeFileSync(
    f,
    `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`,
  );
  assert.equal(h.ok(['apply', '-f', f]), 'statefulset.apps/web created\n');
  assert.deepEqual(names(['get', 'pods', '-l', 'app=nginx']), ['web-0', 'web-1', 'web-2']);
  assert.deepEqual(names(['get', 'pvc']), ['www-web-0', 'www-web-1', 'www-web-2']);
  const pod = json(['get', 'pod', 'web-1']);
  assert.equal(pod.spec.hostname, 'web-1');
  assert.equal(pod.spec.subdomain, 'nginx');
  assert.equal(pod.metadata.labels['statefulset.kubernetes.io/pod-name'], 'web-1');
  assert.equal(pod.metadata.labels['apps.kubernetes.io/pod-index'], '1');
  const st = json(['get', 'sts', 'web']).status;
  assert.equal(st.replicas, 3);
  assert.equal(st.readyReplicas, 3);
  assert.equal(st.currentRevision, pod.metadata.labels['controller-revision-hash']);
  assert.equal(st.updateRevision, st.currentRevision);
  const msgs = json(['get', 'events', '--field-selector', 'involvedObject.name=web']).items.map((e: { message: string }) => e.message);
  assert.ok(msgs.includes('create Pod web-0 in StatefulSet web successful'));
  assert.ok(msgs.includes('create Claim www-web-2 Pod web-2 in StatefulSet web success'));
});

test('scaling down removes the highest ordinals and keeps their claims', () => {
  h.ok(['scale', 'sts', 'web', '--replicas=1']);
  assert.deepEqual(names(['get', 'pods', '-l', 'app=nginx']), ['web-0']);
  assert.deepEqual(names(['get', 'pvc']), ['www-web-0', 'www-web-1', 'www-web-2']);
  h.ok(['scale', 'sts', 'web', '--replicas=2']);
  assert.deepEqual(names(['get', 'pods', '-l', 'app=nginx']), ['web-0', 'web-1']);
});

test('set image rolls every pod to the new revision', () => {
  h.ok(['set', 'image', 'sts/web', 'nginx=nginx:1.27']);
  const pods = json(['get', 'pods', '-l', 'app=nginx']).items;
  assert.deepEqual(pods.map((p: { spec: { containers: { image: string }[] } }) => p.spec.containers[0].image), ['nginx:1.27', 'nginx:1.27']);
  const st = json(['get', 'sts', 'web']).status;
  assert.equal(st.currentRevision, st.updateRevision);
  assert.equal(st.updatedReplicas, 2);
  assert.equal(json(['get', 'controllerrevisions']).items.length, 2);
});

test('deleting the StatefulSet deletes its pods but not its claims', () => {
  h.ok(['delete', 'sts', 'web']);
  assert.deepEqual(names(['get', 'pods', '-l', 'app=nginx']), []);
  assert.deepEqual(names(['get', 'pvc']), ['www-web-0', 'www-web-1', 'www-web-2']);
});
