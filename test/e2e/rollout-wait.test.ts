/** rollout status|history|undo|restart|pause|resume and wait, through the CLI on a fixed clock. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { makeHome, type Home } from '../helpers/cli.js';

const homes: Home[] = [];
after(() => homes.forEach((h) => h.cleanup()));
const home = (profile: 'instant' | 'realistic' = 'instant') => {
  const h = makeHome({ profile });
  homes.push(h);
  return h;
};

test('rollout status follows a Deployment to the end, one line per change', () => {
  const h = home('realistic');
  h.ok(['create', 'deployment', 'nginx', '--image=nginx:1.15', '--replicas=3']);
  const out = h.ok(['rollout', 'status', 'deployment/nginx']);
  const lines = out.trim().split('\n');
  assert.match(lines[0], /^Waiting for deployment "nginx" rollout to finish: (0 out of 3 new replicas have been updated|\d of 3 updated replicas are available)\.\.\.$/);
  assert.equal(lines.at(-1), 'deployment "nginx" successfully rolled out');
  h.ok(['set', 'image', 'deploy/nginx', 'nginx=nginx:1.16']);
  const second = h.ok(['rollout', 'status', 'deploy', 'nginx']);
  assert.match(second, /old replicas are pending termination\.\.\.\n/);
  assert.match(second, /deployment "nginx" successfully rolled out\n$/);
  assert.equal(h.ok(['rollout', 'status', 'deploy/nginx', '--watch=false']), 'deployment "nginx" successfully rolled out\n');
  // A tag that does not exist never finishes: the timeout ends the watch.
  h.ok(['set', 'image', 'deploy/nginx', 'nginx=nginx:1.91']);
  const stuck = h.run(['rollout', 'status', 'deploy/nginx', '--timeout=20s']);
  assert.equal(stuck.code, 1);
  assert.equal(stuck.stderr, 'error: timed out waiting for the condition\n');
  assert.match(stuck.stdout, /^Waiting for deployment "nginx" rollout to finish: 1 out of 3 new replicas have been updated\.\.\.\n/);
});

test('rollout history, undo, pause, resume, restart', () => {
  const h = home();
  h.ok(['create', 'deployment', 'web', '--image=nginx:1.15']);
  h.ok(['set', 'image', 'deploy/web', 'nginx=nginx:1.16']);
  assert.equal(h.ok(['rollout', 'history', 'deployment/web']), 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  const rev1 = h.ok(['rollout', 'history', 'deployment/web', '--revision=1']);
  assert.match(rev1, /^deployment\.apps\/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=\w+\n  Containers:\n   nginx:\n    Image:\tnginx:1\.15\n/);
  assert.equal(h.run(['rollout', 'history', 'deployment/web', '--revision=7']).stderr, 'error: unable to find the specified revision\n');
  assert.equal(h.ok(['rollout', 'undo', 'deployment/web']), 'deployment.apps/web rolled back\n');
  assert.equal(h.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), 'nginx:1.15');
  assert.equal(h.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '3');
  assert.equal(h.ok(['rollout', 'undo', 'deployment/web', '--to-revision=3']), 'deployment.apps/web skipped rollback (current template already matches revision 3)\n');
  assert.equal(h.run(['rollout', 'undo', 'deployment/web', '--to-revision=9']).stderr, 'error: unable to find specified revision 9 in history\n');
  assert.equal(h.ok(['rollout', 'pause', 'deployment/web']), 'deployment.apps/web paused\n');
  assert.equal(h.run(['rollout', 'pause', 'deployment/web']).stderr, 'error: deployments.apps "web" is already paused\n');
  assert.equal(h.run(['rollout', 'restart', 'deployment/web']).stderr, 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n');
  assert.equal(h.run(['rollout', 'undo', 'deployment/web']).stderr, "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
  assert.equal(h.ok(['rollout', 'resume', 'deployment/web']), 'deployment.apps/web resumed\n');
  assert.equal(h.run(['rollout', 'resume', 'deployment/web']).stderr, 'error: deployments.apps "web" is not paused\n');
  assert.equal(h.ok(['rollout', 'restart', 'deployment/web']), 'deployment.apps/web restarted\n');
  assert.equal(h.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}']), '2026-11-22T10:00:00Z');
  // The same second (a fixed clock): the patch would be empty.
  assert.equal(h.run(['rollout', 'restart', 'deployment/web']).stderr, 'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n');
  assert.equal(h.run(['rollout', 'pause', 'daemonset/kube-proxy', '-n', 'kube-system']).stderr, 'error: daemonsets.apps "kube-proxy" pausing is not supported\n');
  assert.equal(h.ok(['rollout', 'status', 'daemonset/kube-proxy', '-n', 'kube-system']), 'daemon set "kube-proxy" successfully rolled out\n');
  assert.equal(h.run(['rollout', 'status']).stderr, 'error: required resource not specified\n');
  assert.equal(h.run(['rollout', 'status', 'pod/x']).stderr, 'Error from server (NotFound): pods "x" not found\n');
  const group = h.run(['rollout']);
  assert.equal(group.code, 1);
  assert.match(group.stderr, /^Manage the rollout of one or many resources\./);
});

test('wait: conditions, jsonpath, delete, create, timeouts', () => {
  const h = home('realistic');
  h.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
  assert.equal(h.ok(['wait', '--for=condition=Available', 'deployment/web']), 'deployment.apps/web condition met\n');
  const ready = h.ok(['wait', '--for=condition=Ready', 'pod', '-l', 'app=web']);
  assert.match(ready, /^pod\/web-\S+ condition met\npod\/web-\S+ condition met\n$/);
  assert.equal(h.ok(['wait', '--for=jsonpath={.status.readyReplicas}=2', 'deploy/web']), 'deployment.apps/web condition met\n');
  assert.equal(h.ok(['wait', '--for=jsonpath={.status.phase}=Running', 'pods', '--all', '-o', 'name']).split('\n').length, 3);
  h.ok(['run', 'bad', '--image=nginx:9.99']);
  const timeout = h.run(['wait', '--for=condition=Ready', 'pod/bad', '--timeout=10s']);
  assert.equal(timeout.code, 1);
  assert.equal(timeout.stderr, 'error: timed out waiting for the condition on pods/bad\n');
  assert.equal(h.run(['wait', '--for=condition=Ready', 'pod/bad', '--timeout=0']).stderr, 'error: condition not met for pods/bad\n');
  h.ok(['delete', 'pod', 'bad', '--wait=false']);
  assert.equal(h.run(['wait', '--for=delete', 'pod/bad']).code, 0);
  assert.equal(h.run(['wait', '--for=condition=Ready', 'pod/nosuch']).stderr, 'Error from server (NotFound): pods "nosuch" not found\n');
  assert.equal(h.run(['wait', 'pods', '--for=condition=Ready']).stderr, 'error: resource(s) were provided, but no name was specified\n');
  assert.equal(h.run(['wait', '--for=foo', 'pod/x']).stderr, 'error: unrecognized condition: "foo"\n');
  assert.equal(h.run(['wait', '--for=create', 'cm/later', '--timeout=3s']).stderr, 'error: timed out waiting for the condition\n');
});

test('cluster-info: the control plane and the cluster services, uncoloured when piped', () => {
  const h = home();
  assert.equal(
    h.ok(['cluster-info']),
    "Kubernetes control plane is running at https://192.168.49.2:6443\nCoreDNS is running at https://192.168.49.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
  );
});

test('explain: kinds and field paths with their types, --recursive, errors', () => {
  const h = home();
  const pod = h.ok(['explain', 'pod']);
  assert.match(pod, /^KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    <empty>\nFIELDS:\n  apiVersion\t<string>\n    <no description>\n\n/);
  assert.match(pod, /\n  spec\t<PodSpec>\n/);
  const strategy = h.ok(['explain', 'deployments.apps.spec.strategy']);
  assert.match(strategy, /^GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: strategy <DeploymentStrategy>\n\n/);
  assert.match(strategy, /\n  rollingUpdate\t<RollingUpdateDeployment>\n/);
  assert.equal(
    h.ok(['explain', 'pod.spec.containers.resources', '--recursive']).split('FIELDS:\n')[1],
    '  claims\t<[]ResourceClaim>\n    name\t<string>\n    request\t<string>\n  limits\t<map[string]Quantity>\n  requests\t<map[string]Quantity>\n\n',
  );
  assert.match(h.ok(['explain', 'deploy.spec.strategy.rollingUpdate']), /maxSurge\t<IntOrString>/);
  assert.equal(h.run(['explain', 'pod.spec.foo']).stderr, 'error: field "foo" does not exist\n');
  assert.equal(h.run(['explain', 'foo']).stderr, 'error: the server doesn\'t have a resource type "foo"\n');
});

test('auth can-i: the admin may do anything; others get what RBAC bindings give them', () => {
  const h = home();
  assert.equal(h.ok(['auth', 'can-i', 'create', 'pods']), 'yes\n');
  assert.equal(h.ok(['auth', 'can-i', '*', '*', '-A']), 'yes\n');
  assert.match(h.ok(['get', 'clusterroles']), /\ncluster-admin +\S+\n/);
  h.ok(['create', 'sa', 'bot']);
  const denied = h.run(['auth', 'can-i', 'list', 'pods', '--as=system:serviceaccount:default:bot']);
  assert.deepEqual([denied.stdout, denied.code], ['no\n', 1]);
  h.ok(['create', 'role', 'reader', '--verb=get,list', '--resource=pods']);
  h.ok(['create', 'rolebinding', 'bot-reader', '--role=reader', '--serviceaccount=default:bot']);
  assert.equal(h.ok(['auth', 'can-i', 'list', 'pods', '--as=system:serviceaccount:default:bot']), 'yes\n');
  assert.equal(h.run(['auth', 'can-i', 'list', 'pods', '--as=system:serviceaccount:default:bot', '-n', 'kube-system']).stdout, 'no\n');
  assert.equal(h.run(['auth', 'can-i', 'delete', 'pods', '--as=system:serviceaccount:default:bot', '-q']).stdout, '');
  h.ok(['create', 'clusterrolebinding', 'jane-view', '--clusterrole=view', '--user=jane']);
  assert.equal(h.ok(['auth', 'can-i', 'list', 'deployments.apps', '--as=jane', '-n', 'kube-system']), 'yes\n');
  assert.equal(h.run(['auth', 'can-i', 'delete', 'deployments', '--as=jane']).code, 1);
  assert.equal(h.ok(['auth', 'can-i', 'get', '/healthz', '--as=jane']), 'yes\n');
  const nodes = h.run(['auth', 'can-i', 'list', 'nodes', '--as=jane']);
  assert.deepEqual([nodes.stdout, nodes.stderr], ['no\n', "Warning: resource 'nodes' is not namespace scoped\n"]);
  assert.equal(h.run(['auth', 'can-i', 'get']).stderr, "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
});

test('top pod|node: simulated usage in kubectl top layout, sorting, sums, errors', () => {
  const h = home();
  h.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=3']);
  const pods = h.ok(['top', 'pods']).split('\n');
  assert.equal(pods[0], 'NAME                   CPU(cores)   MEMORY(bytes)   ');
  assert.equal(pods.length, 5);
  for (const l of pods.slice(1, 4)) assert.match(l, /^web-\S+ +\d+m +\d+Mi +$/);
  // The same clock and seed give the same numbers.
  assert.equal(h.ok(['top', 'pods']), pods.join('\n'));
  const byCpu = h.ok(['top', 'pods', '-A', '--sort-by=cpu', '--no-headers']).trim().split('\n').map((l) => Number(l.split(/\s+/)[2].replace('m', '')));
  assert.deepEqual(byCpu, [...byCpu].sort((a, b) => b - a));
  const sum = h.ok(['top', 'pod', '--containers', '-n', 'kube-system', '-l', 'k8s-app=kube-dns', '--sum']).split('\n');
  assert.match(sum[0], /^POD +NAME +CPU\(cores\) +MEMORY\(bytes\) +$/);
  assert.match(sum[3], /^ +________ +________ +$/);
  const nodes = h.ok(['top', 'nodes']).split('\n');
  assert.equal(nodes[0], 'NAME         CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
  assert.match(nodes[1], /^kubemu +\d+m +\d+% +\d+Mi +\d+% +$/);
  assert.equal(h.run(['top', 'pod', 'nosuch']).stderr, 'Error from server (NotFound): pods "nosuch" not found\n');
  assert.equal(h.run(['top', 'pod', '--sort-by=foo']).stderr, 'error: --sort-by accepts only cpu or memory\n');
  assert.equal(h.run(['top', 'pod', '-n', 'kube-public']).stderr, 'No resources found in kube-public namespace.\n');
});

test('diff -f: exit 1 with a unified diff of live and merged, 0 when nothing would change, nothing applied', () => {
  const h = home();
  const created = h.run(['diff', '-f', 'fixtures/nginx.yaml']);
  assert.equal(created.code, 1);
  assert.match(created.stdout, /^diff -u -N \/tmp\/LIVE-\w+\/apps\.v1\.Deployment\.default\.nginx \/tmp\/MERGED-\w+\/apps\.v1\.Deployment\.default\.nginx\n/);
  assert.match(created.stdout, /\n\+kind: Deployment\n/);
  assert.equal(h.run(['get', 'deploy', 'nginx']).code, 1);
  h.ok(['apply', '-f', 'fixtures/nginx.yaml']);
  assert.deepEqual(h.run(['diff', '-f', 'fixtures/nginx.yaml']), { stdout: '', stderr: '', code: 0 });
  const f = `${h.dir}/n5.yaml`;
  writeFileSync(f, readFileSync('fixtures/nginx.yaml', 'utf8').replace('replicas: 3', 'replicas: 5'));
  const changed = h.run(['diff', '-f', f]);
  assert.equal(changed.code, 1);
  assert.match(changed.stdout, /\n-  generation: 1\n\+  generation: 2\n/);
  assert.match(changed.stdout, /\n-  replicas: 3\n\+  replicas: 5\n/);
  assert.doesNotMatch(changed.stdout, /resourceVersion/);
  assert.equal(h.ok(['get', 'deploy', 'nginx', '-o', 'jsonpath={.spec.replicas}']), '3');
});

test('completion scripts and __complete: commands, resource types, live names, flags, flag values', () => {
  const h = home();
  h.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
  const top = h.run(['__complete', '']);
  assert.match(top.stdout, /^annotate\tUpdate the annotations on a resource\n/);
  assert.match(top.stdout, /\n:4\n$/);
  assert.equal(top.stderr, 'Completion ended with directive: ShellCompDirectiveNoFileComp\n');
  assert.equal(h.ok(['__complete', 'get', 'po']), 'poddisruptionbudgets\npods\n:4\n');
  assert.match(h.ok(['__complete', 'logs', '']), /^web-\S+\nweb-\S+\n:4\n$/);
  assert.equal(h.ok(['__complete', 'get', 'pods', '-n', 'kube-system', 'etcd']), 'etcd-kubemu\n:4\n');
  assert.equal(h.ok(['__complete', 'drain', 'kubemu-m']), 'kubemu-m02\nkubemu-m03\n:4\n');
  assert.equal(h.ok(['__complete', '-n', 'kube-']), 'kube-node-lease\nkube-public\nkube-system\n:4\n');
  assert.match(h.ok(['__complete', 'get', 'pods', '--show-l']), /^--show-labels\t/);
  assert.match(h.ok(['completion', 'bash']), /complete -o default -F __kubemu_complete_kubectl kubectl\n$/);
  assert.match(h.ok(['completion', 'zsh']), /^#compdef kubemu\n/);
  assert.equal(h.run(['completion']).stderr, "error: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n");
  assert.equal(h.run(['completion', 'foo']).stderr, 'error: Unsupported shell type "foo".\nSee \'kubectl completion -h\' for help and examples\n');
});

test('auth whoami: the kubeconfig user, as a table or a SelfSubjectReview', () => {
  const h = home();
  assert.equal(h.ok(['auth', 'whoami']), 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n');
  assert.equal(h.ok(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']), 'kubernetes-admin');
});
