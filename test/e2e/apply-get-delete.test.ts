import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome, FIXTURES } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

test('seed: label-pod.yaml created, unchanged, configured; --show-labels and -l', () => {
  assert.equal(h.ok(['apply', '-f', 'fixtures/label-pod.yaml']), 'pod/nginx-pod-a created\npod/nginx-pod-b created\n');
  assert.equal(
    h.ok(['get', 'pod', '--show-labels']),
    'NAME          READY   STATUS    RESTARTS   AGE   LABELS\nnginx-pod-a   1/1     Running   0          0s    app=photo-view,env=test\nnginx-pod-b   1/1     Running   0          0s    app=imagetrain,env=test\n',
  );
  const changed = join(h.dir, 'label-pod.yaml');
  writeFileSync(changed, readFileSync(join(FIXTURES, 'label-pod.yaml'), 'utf8').replace('app: imagetrain', 'app: predictoin'));
  assert.equal(h.ok(['apply', '-f', changed]), 'pod/nginx-pod-a unchanged\npod/nginx-pod-b configured\n');
  assert.equal(h.ok(['get', 'pod', '-l', 'app=photo-view,env=test']), 'NAME          READY   STATUS    RESTARTS   AGE\nnginx-pod-a   1/1     Running   0          0s\n');
  assert.match(h.ok(['get', 'pod', 'nginx-pod-b', '--show-labels']), /app=predictoin,env=test/);
});

test('seed: the webserver ReplicaSet creates 10 pods; delete -f removes it and its pods', () => {
  assert.equal(h.ok(['apply', '-f', 'fixtures/webserver.yaml']), 'replicaset.apps/webserver created\n');
  const pods = h.ok(['get', 'pods', '-l', 'app=webfront', '--no-headers']).trim().split('\n');
  assert.equal(pods.length, 10);
  for (const p of pods) assert.match(p, /^webserver-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1\/1\s+Running\s+0\s+0s$/);
  assert.equal(h.ok(['delete', '-f', 'fixtures/webserver.yaml']), 'replicaset.apps "webserver" deleted\n');
  const r = h.run(['get', 'pods', '-l', 'app=webfront']);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'No resources found in default namespace.\n');
});

test('seed: nginx-deployment makes a ReplicaSet named by its template hash, and 3 pods', () => {
  assert.equal(h.ok(['apply', '-f', 'fixtures/nginx-deployment.yaml']), 'deployment.apps/nginx-deployment created\n');
  const rs = h.ok(['get', 'rs', '-o', 'name']).trim();
  assert.match(rs, /^replicaset\.apps\/nginx-deployment-[456789bcdf]{9,10}$/);
  assert.equal(h.ok(['get', 'deploy', 'nginx-deployment', '--no-headers']), 'nginx-deployment   3/3   3     3     0s\n');
  assert.equal(h.ok(['apply', '-f', 'fixtures/nginx-deployment.yaml']), 'deployment.apps/nginx-deployment unchanged\n');
});

test('get several kinds: kind prefixes and one blank line between tables', () => {
  const out = h.ok(['get', 'deploy,rs']);
  const [deploy, rs] = out.split('\n\n');
  assert.equal(deploy, 'NAME                               READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/nginx-deployment   3/3     3            3           0s');
  assert.match(rs, /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nreplicaset\.apps\/nginx-deployment-/);
});

test('NotFound for some names: the rest print, the errors go to stderr, exit 1', () => {
  const r = h.run(['get', 'pod', 'nginx-pod-a', 'nosuch', 'other']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'NAME          READY   STATUS    RESTARTS   AGE\nnginx-pod-a   1/1     Running   0          0s\n');
  assert.equal(r.stderr, 'Error from server (NotFound): pods "nosuch" not found\nError from server (NotFound): pods "other" not found\n');
  assert.equal(h.run(['get', 'deploy', 'nosuch']).stderr, 'Error from server (NotFound): deployments.apps "nosuch" not found\n');
});

test('unknown resource type', () => {
  const r = h.run(['get', 'foo']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: the server doesn\'t have a resource type "foo"\n');
});

test('-o yaml of one object, List of several, -o name', () => {
  const one = h.ok(['get', 'pod', 'nginx-pod-a', '-o', 'yaml']);
  assert.match(one, /^apiVersion: v1\nkind: Pod\nmetadata:\n/);
  const list = h.ok(['get', 'pods', '-l', 'env=test', '-o', 'yaml']);
  assert.match(list, /^apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n/);
  assert.match(list, /\nkind: List\nmetadata:\n  resourceVersion: ""\n$/);
  assert.equal(h.ok(['get', 'pods', '-l', 'env=test', '-o', 'name']), 'pod/nginx-pod-a\npod/nginx-pod-b\n');
});

test('server defaults on stored objects', () => {
  const pod = JSON.parse(h.ok(['get', 'pod', 'nginx-pod-a', '-o', 'json']));
  assert.equal(pod.spec.containers[0].imagePullPolicy, 'Always');
  assert.equal(pod.spec.dnsPolicy, 'ClusterFirst');
  assert.equal(pod.spec.serviceAccountName, 'default');
  assert.match(pod.spec.volumes[0].name, /^kube-api-access-[a-z0-9]{5}$/);
  assert.deepEqual(
    pod.spec.tolerations.map((t: { key: string }) => t.key),
    ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'],
  );
  const d = JSON.parse(h.ok(['get', 'deploy', 'nginx-deployment', '-o', 'json']));
  assert.deepEqual(d.spec.strategy, { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' });
  assert.equal(d.spec.revisionHistoryLimit, 10);
  assert.equal(d.spec.progressDeadlineSeconds, 600);
  assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
  assert.match(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], /^\{"apiVersion":"apps\/v1","kind":"Deployment"/);
});

test('delete by name, by label, --all; the Deployment takes its ReplicaSets and pods along', () => {
  assert.equal(h.ok(['delete', 'pod', 'nginx-pod-a']), 'pod "nginx-pod-a" deleted\n');
  assert.equal(h.ok(['delete', 'pods', '-l', 'env=test']), 'pod "nginx-pod-b" deleted\n');
  assert.equal(h.ok(['delete', 'pods', '-l', 'env=test']), 'No resources found\n');
  assert.equal(h.ok(['delete', 'deployment', 'nginx-deployment']), 'deployment.apps "nginx-deployment" deleted\n');
  assert.equal(h.run(['get', 'rs,pods']).stderr, 'No resources found in default namespace.\n');
  const r = h.run(['delete', 'pod']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: resource(s) were provided, but no name was specified\n');
  assert.equal(h.run(['delete', 'pod', 'gone']).stderr, 'Error from server (NotFound): pods "gone" not found\n');
});

test('apply: a bad document is reported, the others still apply', () => {
  const f = join(h.dir, 'mixed.yaml');
  writeFileSync(
    f,
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\ndata:\n  a: "1"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n---\nmetadata:\n  name: x\n',
  );
  const r = h.run(['apply', '-f', f]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'configmap/good created\n');
  // kubectl reads every object (collecting read errors) before applying those it could read.
  assert.match(r.stderr, /^error validating ".*mixed\.yaml": error validating data: \[apiVersion not set, kind not set\]; if you choose to ignore these errors, turn validation off with --validate=false\n/);
  assert.match(r.stderr, /\nError from server \(Invalid\): error when creating ".*mixed\.yaml": ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain.*\n$/);
});

test('apply: missing file, YAML syntax error', () => {
  assert.equal(h.run(['apply', '-f', 'nope.yaml']).stderr, 'error: the path "nope.yaml" does not exist\n');
  const f = join(h.dir, 'bad.yaml');
  writeFileSync(f, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   foo: 1\n');
  const r = h.run(['apply', '-f', f]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `error: error parsing ${f}: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n`);
});
