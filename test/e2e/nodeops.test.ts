/**
 * Node operations end to end: the seed's cordon / uncordon / drain walkthrough with kubectl v1.32's
 * lines, taints, PodDisruptionBudgets, and nodes that fail (`kubemu node stop|start|add|delete`).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome, type Home } from '../helpers/cli.js';

const homes: Home[] = [];
after(() => homes.forEach((h) => h.cleanup()));
const home = () => {
  const h = makeHome();
  homes.push(h);
  return h;
};

/** NAME → NODE of the pods (or of -A's kube-system pods) from `get pods -o wide`. */
function podNodes(h: Home, args: string[] = []): Map<string, { status: string; node: string }> {
  const rows = h.ok(['get', 'pods', '-o', 'wide', '--no-headers', ...args]).trim().split('\n').filter(Boolean);
  return new Map(rows.map((r) => r.split(/\s+/)).map((c) => [c[0], { status: c[2], node: c[6] }]));
}

test("the seed's cordon, uncordon and drain walkthrough, with kubectl v1.32's lines", () => {
  const h = home();
  assert.equal(h.ok(['apply', '-f', 'fixtures/nginx.yaml']), 'deployment.apps/nginx created\n');
  assert.equal(h.ok(['cordon', 'kubemu-m02']), 'node/kubemu-m02 cordoned\n');
  assert.equal(h.ok(['cordon', 'kubemu-m02']), 'node/kubemu-m02 already cordoned\n');
  assert.match(h.ok(['get', 'node']), /\nkubemu-m02 +Ready,SchedulingDisabled +<none> /);
  // The unschedulable taint follows, from the node lifecycle controller.
  assert.equal(h.ok(['get', 'node', 'kubemu-m02', '-o', 'jsonpath={.spec.taints[*].key}']), 'node.kubernetes.io/unschedulable');
  const before = podNodes(h);
  h.ok(['scale', 'deployment', 'nginx', '--replicas=6']);
  for (const [name, p] of podNodes(h)) if (!before.has(name)) assert.equal(p.node, 'kubemu-m03', `${name} avoids the cordoned node`);
  assert.equal(h.ok(['uncordon', 'kubemu-m02']), 'node/kubemu-m02 uncordoned\n');
  assert.equal(h.ok(['uncordon', 'kubemu-m02']), 'node/kubemu-m02 already uncordoned\n');
  assert.match(h.ok(['get', 'node']), /\nkubemu-m02 +Ready +<none> /);
  assert.equal(h.ok(['get', 'node', 'kubemu-m02', '-o', 'jsonpath={.spec}']), '{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24"]}');

  const ds = h.ok(['get', 'pods', '-n', 'kube-system', '-o', 'custom-columns=N:.metadata.name,NODE:.spec.nodeName', '--no-headers', '--sort-by=.metadata.name'])
    .trim()
    .split('\n')
    .map((l) => l.split(/\s+/))
    .filter(([n, node]) => node === 'kubemu-m03' && /^(kindnet|kube-proxy)-/.test(n))
    .map(([n]) => `kube-system/${n}`);
  assert.equal(ds.length, 2);
  const refused = h.run(['drain', 'kubemu-m03']);
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, 'node/kubemu-m03 cordoned\n');
  const cause = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds.join(', ')}`;
  assert.equal(refused.stderr, `error: unable to drain node "kubemu-m03" due to error: ${cause}, continuing command...\nThere are pending nodes to be drained:\n kubemu-m03\n${cause}\n`);

  const onM03 = [...podNodes(h)].filter(([, p]) => p.node === 'kubemu-m03').map(([n]) => n);
  const drained = h.run(['drain', 'kubemu-m03', '--ignore-daemonsets']);
  assert.equal(drained.code, 0);
  assert.equal(drained.stderr, `Warning: ignoring DaemonSet-managed Pods: ${ds.join(', ')}\n`);
  const out = drained.stdout.split('\n');
  assert.equal(out[0], 'node/kubemu-m03 already cordoned');
  assert.deepEqual(out.slice(1, 1 + onM03.length).sort(), onM03.map((n) => `evicting pod default/${n}`).sort());
  assert.deepEqual(out.slice(1 + onM03.length, 1 + 2 * onM03.length).sort(), onM03.map((n) => `pod/${n} evicted`).sort());
  assert.equal(out.slice(1 + 2 * onM03.length).join('\n'), 'node/kubemu-m03 drained\n');

  assert.match(h.ok(['get', 'node']), /\nkubemu-m03 +Ready,SchedulingDisabled +<none> /);
  const after = podNodes(h);
  assert.equal(after.size, 6);
  for (const [name, p] of after) assert.deepEqual(p, { status: 'Running', node: 'kubemu-m02' }, name);
  // The DaemonSet pods stay on the drained node.
  const system = podNodes(h, ['-n', 'kube-system']);
  for (const d of ds) assert.equal(system.get(d.split('/')[1])?.node, 'kubemu-m03');
  // The events a learner sees.
  const events = h.ok(['get', 'events', '--field-selector', 'involvedObject.kind=Node', '-o', 'custom-columns=R:.reason,O:.involvedObject.name', '--no-headers']);
  assert.match(events, /NodeNotSchedulable +kubemu-m02/);
  assert.match(events, /NodeSchedulable +kubemu-m02/);
});

test('drain: pods without a controller, emptyDir, --force, --delete-emptydir-data, dry runs, usage errors', () => {
  const h = home();
  const f = join(h.dir, 'bare.yaml');
  writeFileSync(
    f,
    `apiVersion: v1
kind: Pod
metadata: {name: bare}
spec:
  nodeName: kubemu-m02
  containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: scratch}
spec:
  nodeName: kubemu-m02
  containers: [{name: c, image: nginx}]
  volumes: [{name: tmp, emptyDir: {}}]
`,
  );
  h.ok(['apply', '-f', f]);
  const r = h.run(['drain', 'kubemu-m02', '--ignore-daemonsets']);
  assert.equal(r.code, 1);
  // kubectl's order of the causes is Go's map order (random); ours is the pods' order.
  const unmanaged = 'cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare';
  const local = 'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch';
  assert.equal(
    r.stderr,
    `error: unable to drain node "kubemu-m02" due to error: [${unmanaged}, ${local}], continuing command...\nThere are pending nodes to be drained:\n kubemu-m02\n${unmanaged}\n${local}\n`,
  );
  const dry = h.run(['drain', 'kubemu-m02', '--ignore-daemonsets', '--force', '--delete-emptydir-data', '--dry-run=client']);
  assert.equal(dry.code, 0);
  assert.equal(dry.stdout, 'node/kubemu-m02 already cordoned (dry run)\nevicting pod default/bare (dry run)\nevicting pod default/scratch (dry run)\nnode/kubemu-m02 drained (dry run)\n');
  // The last filter that lets a pod go names its warning: scratch's emptyDir warning is replaced by the unmanaged one.
  assert.match(dry.stderr, /^Warning: deleting Pods that declare no controller: default\/bare, default\/scratch; ignoring DaemonSet-managed Pods: kube-system\/\S+, kube-system\/\S+\n$/);
  assert.equal(h.ok(['get', 'pods', '--no-headers', '-o', 'custom-columns=N:.metadata.name']), 'bare\nscratch\n');
  const forced = h.run(['drain', 'kubemu-m02', '--ignore-daemonsets', '--force', '--delete-emptydir-data', '--disable-eviction']);
  assert.equal(forced.code, 0);
  assert.equal(forced.stdout, 'node/kubemu-m02 already cordoned\npod/bare deleted\npod/scratch deleted\nnode/kubemu-m02 drained\n');
  assert.equal(h.run(['get', 'pods']).stderr, 'No resources found in default namespace.\n');

  const usage = h.run(['drain']);
  assert.equal(usage.stderr, "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
  assert.equal(h.run(['cordon', 'x', '-l', 'a=b']).stderr, "error: cannot specify both a node name and a --selector option\nSee 'kubectl cordon -h' for help and examples\n");
  assert.equal(h.run(['cordon', 'nosuch']).stderr, 'Error from server (NotFound): nodes "nosuch" not found\n');
  assert.equal(h.ok(['uncordon', '-l', 'kubernetes.io/os=linux']), 'node/kubemu already uncordoned\nnode/kubemu-m02 uncordoned\nnode/kubemu-m03 already uncordoned\n');
});

test('drain respects a PodDisruptionBudget: kubectl retries every 5s until --timeout', () => {
  const h = home();
  h.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
  h.ok(['create', 'pdb', 'web', '--selector=app=web', '--min-available=2']);
  const nodes = [...podNodes(h).values()].map((p) => p.node);
  const node = nodes[0];
  const r = h.run(['drain', node, '--ignore-daemonsets', '--timeout=12s']);
  assert.equal(r.code, 1);
  const retry = /error when evicting pods\/"web-[a-z0-9]+-[a-z0-9]+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n/g;
  assert.ok((r.stderr.match(retry) ?? []).length >= 2, r.stderr);
  assert.match(r.stderr, /error: unable to drain node "kubemu-m0\d" due to error: error when evicting pods\/"web-\S+" -n "default": global timeout reached: 12s, continuing command\.\.\./);
  assert.match(r.stderr, /There are pending pods in node "kubemu-m0\d" when an error occurred: error when evicting pods\/"web-\S+" -n "default": global timeout reached: 12s\npod\/web-\S+\n/);
  // The aggregate of one node's one error is unwrapped once, then printed as a list: no "error: ".
  assert.match(r.stderr, / kubemu-m0\d\nerror when evicting pods\/"web-\S+" -n "default": global timeout reached: 12s\n$/);
  // Nothing was evicted.
  assert.equal(podNodes(h).size, 2);
  // With room in the budget the eviction goes through and uses it up.
  h.ok(['scale', 'deployment', 'web', '--replicas=3']);
  const ok = h.run(['drain', node, '--ignore-daemonsets', '--timeout=60s']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /node\/kubemu-m0\d drained\n$/);
});

test('taint: add, overwrite, remove, errors; the scheduler and the taint manager honour them', () => {
  const h = home();
  assert.equal(h.ok(['taint', 'nodes', 'kubemu-m02', 'dedicated=special:NoSchedule']), 'node/kubemu-m02 tainted\n');
  assert.equal(h.ok(['get', 'node', 'kubemu-m02', '-o', 'jsonpath={.spec.taints}']), '[{"effect":"NoSchedule","key":"dedicated","value":"special"}]');
  const again = h.run(['taint', 'nodes', 'kubemu-m02', 'dedicated=other:NoSchedule']);
  assert.equal(again.stderr, 'error: node kubemu-m02 already has dedicated taint(s) with same effect(s) and --overwrite is false\n');
  assert.equal(again.code, 1);
  assert.equal(h.ok(['taint', 'node', 'kubemu-m02', 'dedicated=other:NoSchedule', '--overwrite']), 'node/kubemu-m02 modified\n');
  h.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=4']);
  for (const [name, p] of podNodes(h)) assert.equal(p.node, 'kubemu-m03', name);
  assert.equal(h.ok(['taint', 'node', 'kubemu-m02', 'dedicated-']), 'node/kubemu-m02 untainted\n');
  assert.equal(h.run(['taint', 'node', 'kubemu-m02', 'dedicated:NoSchedule-']).stderr, 'error: taint "dedicated:NoSchedule" not found\n');
  assert.equal(h.run(['taint', 'node', 'kubemu-m02', 'a=b:Sometimes']).stderr, "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
  assert.equal(h.run(['taint', 'pods', 'x', 'a=b:NoSchedule']).stderr, 'error: invalid resource type pods, only node types are supported\n');
  assert.equal(h.run(['taint', 'node', 'a=b:NoSchedule']).stderr, "error: at least one resource name must be specified since 'all' parameter is not set\n");
  assert.equal(h.run(['taint', 'node', 'kubemu-m02']).stderr, 'error: at least one taint update is required\n');
  // NoExecute evicts what does not tolerate it.
  assert.equal(h.ok(['taint', 'node', 'kubemu-m03', 'maint=now:NoExecute']), 'node/kubemu-m03 tainted\n');
  const pods = podNodes(h);
  for (const [name, p] of pods) if (p.status === 'Running') assert.equal(p.node, 'kubemu-m02', name);
  // Removing a taint a node does not have is an error for that node; the others are changed.
  const partly = h.run(['taint', 'node', '--all', 'maint-', 'x=y:PreferNoSchedule']);
  assert.equal(partly.stdout, 'node/kubemu-m03 modified\n');
  assert.equal(partly.stderr, 'taint "maint" not found\ntaint "maint" not found\n');
  assert.equal(h.ok(['taint', 'node', '--all', 'z=1:PreferNoSchedule']), 'node/kubemu tainted\nnode/kubemu-m02 tainted\nnode/kubemu-m03 tainted\n');
  assert.equal(h.ok(['get', 'node', 'kubemu', '-o', 'jsonpath={.spec.taints[*].key}']), 'z node-role.kubernetes.io/control-plane');
});

test('a stopped node goes NotReady, is tainted, and its pods come back elsewhere after the eviction timeout', () => {
  const h = home();
  h.ok(['apply', '-f', 'fixtures/nginx.yaml']);
  const victim = [...podNodes(h).values()][0].node;
  const other = victim === 'kubemu-m02' ? 'kubemu-m03' : 'kubemu-m02';
  assert.equal(h.ok(['node', 'stop', victim]), `node/${victim} stopped\n`);
  assert.equal(h.ok(['node', 'stop', victim]), `node/${victim} already stopped\n`);
  h.ok(['cluster', 'advance', '1m']);
  assert.match(h.ok(['get', 'nodes']), new RegExp(`\\n${victim} +NotReady `));
  assert.equal(h.ok(['get', 'node', victim, '-o', 'jsonpath={.spec.taints[*].key}']), 'node.kubernetes.io/unreachable node.kubernetes.io/unreachable');
  h.ok(['cluster', 'advance', '6m']);
  const pods = podNodes(h);
  const running = [...pods.values()].filter((p) => p.status === 'Running');
  assert.equal(running.length, 3);
  for (const p of running) assert.equal(p.node, other);
  // The old ones stay Terminating: their kubelet cannot confirm.
  for (const p of pods.values()) if (p.node === victim) assert.equal(p.status, 'Terminating');
  assert.equal(h.ok(['node', 'start', victim]), `node/${victim} started\n`);
  assert.match(h.ok(['get', 'nodes']), new RegExp(`\\n${victim} +Ready `));
  assert.equal(h.ok(['get', 'node', victim, '-o', 'jsonpath={.spec.taints}']), '');
  assert.equal(podNodes(h).size, 3);
  assert.equal(h.ok(['node', 'add']), 'node/kubemu-m04 added\n');
  assert.match(h.ok(['get', 'pods', '-n', 'kube-system', '-o', 'wide']), /kube-proxy-\S+ +1\/1 +Running .* kubemu-m04 /);
  assert.equal(h.ok(['node', 'delete', 'kubemu-m04']), 'node/kubemu-m04 deleted\n');
  assert.equal(h.run(['node', 'stop', 'nosuch']).stderr, 'Error from server (NotFound): nodes "nosuch" not found\n');
});
