/**
 * The Deployment and ReplicaSet controllers through the CLI: names, rollouts, revisions, scaling,
 * adoption, and the events kubectl users see.
 */
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
/** Event messages about an object, oldest first. */
const events = (name: string, reason?: string) =>
  json(['get', 'events', '--field-selector', `involvedObject.name=${name}`])
    .items.sort((a: { metadata: { resourceVersion: string } }, b: { metadata: { resourceVersion: string } }) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .filter((e: { reason: string }) => !reason || e.reason === reason)
    .map((e: { message: string }) => e.message);

test('a Deployment owns "<name>-<hash>", whose pods are "<rs>-<5 chars>", with status and conditions', () => {
  h.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=3']);
  const rs = json(['get', 'rs', '-l', 'app=web']).items;
  assert.equal(rs.length, 1);
  const hash = rs[0].metadata.labels['pod-template-hash'];
  assert.equal(rs[0].metadata.name, `web-${hash}`);
  assert.equal(rs[0].metadata.ownerReferences[0].kind, 'Deployment');
  assert.deepEqual(rs[0].status, { availableReplicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1, readyReplicas: 3, replicas: 3 });
  const pods = h.ok(['get', 'pods', '-l', 'app=web', '--no-headers']).trim().split('\n');
  assert.equal(pods.length, 3);
  for (const p of pods) assert.match(p, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}\\s+1/1\\s+Running`));
  assert.equal(h.ok(['get', 'deploy', 'web', '--no-headers']).replace(/\s+/g, ' '), 'web 3/3 3 3 0s ');
  const d = json(['get', 'deploy', 'web']);
  assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '1');
  assert.deepEqual(
    d.status.conditions.map((c: { type: string; status: string; reason: string; message: string }) => [c.type, c.status, c.reason, c.message]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
    ],
  );
  assert.deepEqual(events('web'), [`Scaled up replica set web-${hash} from 0 to 3`]);
  assert.equal(events(`web-${hash}`, 'SuccessfulCreate').length, 3);
});

test('set image rolls out within maxSurge/maxUnavailable and keeps the old ReplicaSet at 0 as revision 1', () => {
  const oldRs = json(['get', 'rs', '-l', 'app=web']).items[0].metadata.name;
  h.ok(['set', 'image', 'deploy/web', 'nginx=nginx:1.27']);
  const rs = json(['get', 'rs', '-l', 'app=web']).items;
  assert.equal(rs.length, 2);
  const newRs = rs.find((r: { metadata: { name: string } }) => r.metadata.name !== oldRs);
  assert.equal(newRs.metadata.annotations['deployment.kubernetes.io/revision'], '2');
  assert.equal(newRs.spec.replicas, 3);
  assert.equal(rs.find((r: { metadata: { name: string } }) => r.metadata.name === oldRs).spec.replicas, 0);
  // 25%/25% of 3: surge 1, unavailable 0 — one pod at a time.
  assert.deepEqual(events('web', 'ScalingReplicaSet').slice(1), [
    `Scaled up replica set ${newRs.metadata.name} from 0 to 1`,
    `Scaled down replica set ${oldRs} from 3 to 2`,
    `Scaled up replica set ${newRs.metadata.name} from 1 to 2`,
    `Scaled down replica set ${oldRs} from 2 to 1`,
    `Scaled up replica set ${newRs.metadata.name} from 2 to 3`,
    `Scaled down replica set ${oldRs} from 1 to 0`,
  ]);
  assert.equal(json(['get', 'deploy', 'web']).metadata.annotations['deployment.kubernetes.io/revision'], '2');
  const pods = h.ok(['get', 'pods', '-l', 'app=web', '--no-headers']).trim().split('\n');
  assert.equal(pods.length, 3);
  for (const p of pods) assert.ok(p.startsWith(newRs.metadata.name), p);
});

test('a restartedAt template annotation rolls out a new ReplicaSet', () => {
  h.ok(['patch', 'deploy', 'web', '-p', '{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-22T10:00:00Z"}}}}}']);
  const rs = json(['get', 'rs', '-l', 'app=web']).items;
  assert.equal(rs.length, 3);
  assert.deepEqual(rs.map((r: { metadata: { annotations: Record<string, string> } }) => r.metadata.annotations['deployment.kubernetes.io/revision']).sort(), ['1', '2', '3']);
});

test('scaling: SuccessfulDelete for the removed pods, ScalingReplicaSet on the Deployment', () => {
  h.ok(['scale', 'deploy', 'web', '--replicas=1']);
  const rs = json(['get', 'rs', '-l', 'app=web']).items.find((r: { spec: { replicas: number } }) => r.spec.replicas > 0);
  assert.equal(rs.spec.replicas, 1);
  assert.equal(events(rs.metadata.name, 'SuccessfulDelete').length, 2);
  assert.match(events('web', 'ScalingReplicaSet').at(-1), new RegExp(`^Scaled down replica set ${rs.metadata.name} from 3 to 1$`));
  assert.equal(h.ok(['get', 'pods', '-l', 'app=web', '--no-headers']).trim().split('\n').length, 1);
});

test('a ReplicaSet adopts a matching bare pod and creates only the rest', () => {
  h.ok(['run', 'stray', '--image=nginx', '--labels=tier=frontend']);
  apply(`apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
spec:
  replicas: 3
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: php
        image: nginx
`);
  const pods = json(['get', 'pods', '-l', 'tier=frontend']).items;
  assert.equal(pods.length, 3);
  const stray = pods.find((p: { metadata: { name: string } }) => p.metadata.name === 'stray');
  assert.equal(stray.metadata.ownerReferences[0].name, 'frontend');
  assert.equal(events('frontend', 'SuccessfulCreate').length, 2);
  // Deleting one: the ReplicaSet replaces it.
  h.ok(['delete', 'pod', 'stray']);
  assert.equal(json(['get', 'pods', '-l', 'tier=frontend']).items.length, 3);
});

test('Recreate: the old pods go before the new ones come', () => {
  apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: rec
spec:
  replicas: 2
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: rec
  template:
    metadata:
      labels:
        app: rec
    spec:
      containers:
      - name: c
        image: nginx
`);
  h.ok(['set', 'image', 'deploy/rec', 'c=nginx:2']);
  const msgs = events('rec', 'ScalingReplicaSet');
  assert.equal(msgs.length, 3);
  assert.match(msgs[1], /^Scaled down replica set rec-[a-z0-9]+ from 2 to 0$/);
  assert.match(msgs[2], /^Scaled up replica set rec-[a-z0-9]+ from 0 to 2$/);
});
