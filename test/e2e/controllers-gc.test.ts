/**
 * Garbage collection and namespace deletion through the CLI: cascade policies, and a namespace
 * that goes Terminating, is emptied, and disappears.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

const json = (args: string[]) => JSON.parse(h.ok([...args, '-o', 'json']));

test('delete deployment (background): its ReplicaSet and pods go too', () => {
  h.ok(['create', 'deployment', 'bg', '--image=nginx', '--replicas=2']);
  assert.equal(h.ok(['delete', 'deployment', 'bg']), 'deployment.apps "bg" deleted\n');
  assert.equal(json(['get', 'rs', '-l', 'app=bg']).items.length, 0);
  assert.equal(json(['get', 'pods', '-l', 'app=bg']).items.length, 0);
});

test('--cascade=orphan keeps the ReplicaSet, without its owner reference; a new Deployment adopts it', () => {
  h.ok(['create', 'deployment', 'orph', '--image=nginx', '--replicas=2']);
  const rsName = json(['get', 'rs', '-l', 'app=orph']).items[0].metadata.name;
  h.ok(['delete', 'deployment', 'orph', '--cascade=orphan']);
  const rs = json(['get', 'rs', rsName]);
  assert.equal(rs.metadata.ownerReferences, undefined);
  assert.equal(rs.status.readyReplicas, 2);
  const pods = json(['get', 'pods', '-l', 'app=orph']).items;
  assert.equal(pods.length, 2);
  for (const p of pods) assert.equal(p.metadata.ownerReferences[0].name, rsName);
  // The same Deployment again: the orphaned ReplicaSet is adopted, no new pods.
  h.ok(['create', 'deployment', 'orph', '--image=nginx', '--replicas=2']);
  assert.equal(json(['get', 'rs', rsName]).metadata.ownerReferences[0].kind, 'Deployment');
  assert.deepEqual(json(['get', 'pods', '-l', 'app=orph']).items.map((p: { metadata: { name: string } }) => p.metadata.name).sort(), pods.map((p: { metadata: { name: string } }) => p.metadata.name).sort());
});

test('--cascade=foreground removes the pods first, then the ReplicaSet', () => {
  h.ok(['create', 'deployment', 'fg', '--image=nginx', '--replicas=2']);
  h.ok(['delete', 'deployment', 'fg', '--cascade=foreground']);
  assert.equal(json(['get', 'rs', '-l', 'app=fg']).items.length, 0);
  assert.equal(json(['get', 'pods', '-l', 'app=fg']).items.length, 0);
});

test('deleting a namespace removes its content, then the namespace', () => {
  h.ok(['create', 'namespace', 'scratch']);
  assert.equal(h.ok(['get', 'sa', '-n', 'scratch', '-o', 'name']), 'serviceaccount/default\n');
  h.ok(['create', 'deployment', 'web', '--image=nginx', '-n', 'scratch']);
  h.ok(['create', 'configmap', 'cfg', '--from-literal=a=b', '-n', 'scratch']);
  assert.equal(h.ok(['delete', 'namespace', 'scratch']), 'namespace "scratch" deleted\n');
  const r = h.run(['get', 'namespace', 'scratch']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Error from server (NotFound): namespaces "scratch" not found\n');
  assert.equal(h.run(['get', 'all', '-n', 'scratch']).stderr, 'No resources found in scratch namespace.\n');
});

test('a namespace whose content keeps a finalizer stays Terminating with its conditions', () => {
  h.ok(['create', 'namespace', 'stuck']);
  h.ok(['create', 'configmap', 'held', '-n', 'stuck']);
  h.ok(['patch', 'configmap', 'held', '-n', 'stuck', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}']);
  h.ok(['delete', 'namespace', 'stuck', '--wait=false']);
  const ns = json(['get', 'namespace', 'stuck']);
  assert.equal(ns.status.phase, 'Terminating');
  const byType = Object.fromEntries(ns.status.conditions.map((c: { type: string; reason: string; message: string }) => [c.type, `${c.reason}: ${c.message}`]));
  assert.equal(byType.NamespaceContentRemaining, 'SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances');
  assert.equal(byType.NamespaceFinalizersRemaining, 'SomeFinalizersRemain: Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances');
  const create = h.run(['create', 'configmap', 'late', '-n', 'stuck']);
  assert.equal(create.code, 1);
  assert.match(create.stderr, /unable to create new content in namespace stuck because it is being terminated/);
  // Releasing the finalizer lets the namespace finish.
  h.ok(['patch', 'configmap', 'held', '-n', 'stuck', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
  assert.equal(h.run(['get', 'namespace', 'stuck']).code, 1);
});
