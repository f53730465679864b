/**
 * The imperative verbs against the simulated cluster: what they change, how the control plane
 * reacts (pods, replica sets, events), and kubectl's messages for server-side outcomes.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

const json = (args: string[]) => JSON.parse(h.ok([...args, '-o', 'json']));

test('create deployment: created, typed -o json, pods run, AlreadyExists wrapped, server dry run persists nothing', () => {
  assert.equal(h.ok(['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2', '--port=80']), 'deployment.apps/web created\n');
  const pods = h.ok(['get', 'pods', '-l', 'app=web', '--no-headers']).trim().split('\n');
  assert.equal(pods.length, 2);
  for (const p of pods) assert.match(p, /^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running/);
  const again = h.run(['create', 'deployment', 'web', '--image=nginx']);
  assert.equal(again.code, 1);
  assert.equal(again.stderr, 'error: failed to create deployment: deployments.apps "web" already exists\n');
  assert.equal(h.ok(['create', 'deployment', 'other', '--image=nginx', '--dry-run=server']), 'deployment.apps/other created (server dry run)\n');
  assert.equal(h.run(['get', 'deploy', 'other']).code, 1);
  // The server's answer, printed in Go struct order: kind and apiVersion first, then metadata.
  const out = h.ok(['create', 'deployment', 'typed', '--image=nginx', '-o', 'json']);
  assert.match(out, /^\{\n {4}"kind": "Deployment",\n {4}"apiVersion": "apps\/v1",\n {4}"metadata": \{\n {8}"name": "typed",\n {8}"namespace": "default",\n {8}"uid": /);
  const events = h.ok(['get', 'events', '--field-selector', 'involvedObject.name=web']);
  assert.match(events, /ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-[a-z0-9]+ from 0 to 2/);
});

test('create --save-config writes the last-applied annotation kubectl writes; apply then sees it', () => {
  h.ok(['create', 'configmap', 'saved', '--from-literal=a=1', '--save-config']);
  const cm = json(['get', 'cm', 'saved']);
  assert.equal(
    cm.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'],
    '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"saved","creationTimestamp":null},"data":{"a":"1"}}\n',
  );
  writeFileSync(join(h.dir, 'saved.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: saved\ndata:\n  a: "2"\n');
  const r = h.run(['apply', '-f', join(h.dir, 'saved.yaml')]);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'configmap/saved configured\n');
});

test('create namespace, quota, secret, service, job, cronjob, role and binding land in the cluster', () => {
  h.ok(['create', 'namespace', 'team']);
  assert.equal(json(['get', 'ns', 'team']).status.phase, 'Active');
  assert.equal(h.ok(['create', 'quota', 'q', '--hard=cpu=1,pods=3', '-n', 'team']), 'resourcequota/q created\n');
  assert.equal(h.ok(['create', 'secret', 'generic', 'pw', '--from-literal=password=s3cret']), 'secret/pw created\n');
  const sec = json(['get', 'secret', 'pw']);
  assert.equal(sec.type, 'Opaque');
  assert.equal(Buffer.from(sec.data.password, 'base64').toString(), 's3cret');
  assert.equal(h.ok(['create', 'service', 'nodeport', 'np', '--tcp=80:8080']), 'service/np created\n');
  const svc = json(['get', 'svc', 'np']);
  assert.equal(svc.spec.type, 'NodePort');
  assert.ok(svc.spec.ports[0].nodePort >= 30000 && svc.spec.ports[0].nodePort <= 32767);
  assert.match(svc.spec.clusterIP, /^10\./);
  const bad = h.run(['create', 'service', 'clusterip', 'Bad_Name', '--tcp=80']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^error: failed to create ClusterIP service: Service "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a DNS-1035 label/);
  assert.equal(h.ok(['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi']), 'job.batch/once created\n');
  assert.equal(json(['get', 'job', 'once']).spec.template.spec.restartPolicy, 'Never');
  assert.equal(h.ok(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *']), 'cronjob.batch/tick created\n');
  assert.equal(h.ok(['create', 'job', 'manual', '--from=cronjob/tick']), 'job.batch/manual created\n');
  const manual = json(['get', 'job', 'manual']);
  assert.equal(manual.metadata.annotations['cronjob.kubernetes.io/instantiate'], 'manual');
  assert.equal(manual.metadata.ownerReferences[0].kind, 'CronJob');
  assert.equal(manual.metadata.ownerReferences[0].name, 'tick');
  const nofrom = h.run(['create', 'job', 'x', '--from=cronjob/nope']);
  assert.equal(nofrom.stderr, 'Error from server (NotFound): cronjobs.batch "nope" not found\n');
  assert.equal(h.ok(['create', 'role', 'reader', '--verb=get,list', '--resource=pods']), 'role.rbac.authorization.k8s.io/reader created\n');
  assert.equal(h.ok(['create', 'rolebinding', 'rb', '--role=reader', '--user=alice']), 'rolebinding.rbac.authorization.k8s.io/rb created\n');
  assert.equal(h.ok(['create', 'sa', 'bot']), 'serviceaccount/bot created\n');
  const token = h.ok(['create', 'token', 'bot']);
  assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  assert.equal(claims.sub, 'system:serviceaccount:default:bot');
  assert.equal(h.run(['create', 'token', 'nobody']).stderr, 'error: failed to create token: serviceaccounts "nobody" not found\n');
  assert.match(h.run(['create', 'token', 'bot', '--duration=5m']).stderr, /^error: failed to create token: TokenRequest.authentication.k8s.io "bot" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n$/);
});

test('run: the pod runs; --expose creates its service first; AlreadyExists is the API error', () => {
  assert.equal(h.ok(['run', 'web1', '--image=nginx', '--port=80', '--expose']), 'service/web1 created\npod/web1 created\n');
  assert.match(h.ok(['get', 'pod', 'web1', '--no-headers']), /^web1\s+1\/1\s+Running\s+0/);
  const svc = json(['get', 'svc', 'web1']);
  assert.deepEqual(svc.spec.selector, { run: 'web1' });
  assert.deepEqual(svc.spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  const again = h.run(['run', 'web1', '--image=nginx']);
  assert.equal(again.code, 1);
  assert.equal(again.stderr, 'Error from server (AlreadyExists): pods "web1" already exists\n');
});

test('expose: a service selecting the deployment, "exposed"; twice is AlreadyExists', () => {
  assert.equal(h.ok(['expose', 'deployment', 'web', '--port=8080', '--target-port=80']), 'service/web exposed\n');
  const svc = json(['get', 'svc', 'web']);
  assert.deepEqual(svc.spec.selector, { app: 'web' });
  assert.deepEqual(svc.spec.ports, [{ port: 8080, protocol: 'TCP', targetPort: 80 }]);
  assert.equal(h.run(['expose', 'deployment', 'web']).stderr, 'Error from server (AlreadyExists): services "web" already exists\n');
  assert.equal(h.run(['expose', 'ds', 'kube-proxy', '-n', 'kube-system']).stderr, 'error: cannot expose a DaemonSet.apps\n');
});

test('scale: replicas change, the controller reacts; preconditions; missing objects', () => {
  assert.equal(h.ok(['scale', 'deployment', 'web', '--replicas=4']), 'deployment.apps/web scaled\n');
  assert.equal(h.ok(['get', 'pods', '-l', 'app=web', '--no-headers']).trim().split('\n').length, 4);
  assert.match(h.ok(['get', 'events', '--field-selector', 'involvedObject.name=web']), /Scaled up replica set web-[a-z0-9]+ from 2 to 4/);
  const pre = h.run(['scale', 'deployment', 'web', '--replicas=1', '--current-replicas=3']);
  assert.equal(pre.code, 1);
  assert.equal(pre.stderr, 'error: Expected replicas to be 3, was 4\n');
  assert.equal(json(['get', 'deploy', 'web']).spec.replicas, 4);
  assert.equal(h.run(['scale', 'deployment', 'nosuch', '--replicas=1']).stderr, 'error: no objects passed to scale deployments.apps "nosuch" not found\n');
  const partly = h.run(['scale', 'deployment', 'web', 'nosuch', '--replicas=2']);
  assert.equal(partly.stdout, 'deployment.apps/web scaled\n');
  assert.equal(partly.stderr, 'Error from server (NotFound): deployments.apps "nosuch" not found\n');
  assert.equal(partly.code, 1);
  assert.equal(h.ok(['scale', 'deployment', 'web', '--replicas=3', '--dry-run=server']), 'deployment.apps/web scaled (server dry run)\n');
  assert.equal(json(['get', 'deploy', 'web']).spec.replicas, 2);
  assert.equal(h.run(['scale', 'pod', 'web1', '--replicas=2']).stderr, 'error: could not find scale subresource for /v1, Resource=pods in discovery information\n');
});

test('autoscale: an autoscaling/v1 answer, an HPA in the cluster', () => {
  const out = JSON.parse(h.ok(['autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=60', '-o', 'json']));
  assert.equal(out.apiVersion, 'autoscaling/v1');
  assert.deepEqual(out.spec, { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60 });
  const hpa = json(['get', 'hpa', 'web']);
  assert.equal(hpa.spec.metrics[0].resource.target.averageUtilization, 60);
  assert.equal(h.run(['autoscale', 'deployment', 'web', '--max=3']).stderr, 'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n');
});

test('label and annotate change the object; --overwrite; removal; the server keeps no empty map', () => {
  assert.equal(h.ok(['label', 'pod', 'web1', 'tier=frontend']), 'pod/web1 labeled\n');
  assert.deepEqual(json(['get', 'pod', 'web1']).metadata.labels, { run: 'web1', tier: 'frontend' });
  const clash = h.run(['label', 'pod', 'web1', 'tier=backend']);
  assert.equal(clash.stderr, "error: 'tier' already has a value (frontend), and --overwrite is false\n");
  assert.equal(h.ok(['label', 'pod', 'web1', 'tier=backend', '--overwrite']), 'pod/web1 labeled\n');
  assert.equal(h.ok(['label', 'pod', 'web1', 'tier=backend', '--overwrite']), 'pod/web1 not labeled\n');
  assert.equal(h.ok(['label', 'pod', 'web1', 'tier-', 'gone-']), 'label "gone" not found.\npod/web1 unlabeled\n');
  assert.equal(h.ok(['label', 'pod', 'web1', 'run-']), 'pod/web1 unlabeled\n');
  assert.equal(json(['get', 'pod', 'web1']).metadata.labels, undefined);
  assert.equal(h.ok(['annotate', 'pod', 'web1', 'note=hi']), 'pod/web1 annotated\n');
  assert.equal(h.run(['annotate', 'pod', 'web1', 'note=ho']).stderr, "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n");
  assert.equal(h.ok(['annotate', 'pod', 'web1', 'note=ho', '--overwrite']), 'pod/web1 annotated\n');
  assert.equal(json(['get', 'pod', 'web1']).metadata.annotations.note, 'ho');
  const rv = json(['get', 'pod', 'web1']).metadata.resourceVersion;
  const stale = h.run(['label', 'pod', 'web1', 'x=y', `--resource-version=${Number(rv) - 1}`]);
  assert.equal(stale.stderr, 'Error from server (Conflict): Operation cannot be fulfilled on pods "web1": the object has been modified; please apply your changes to the latest version and try again\n');
  assert.equal(h.ok(['label', 'pod', 'web1', 'x=y', `--resource-version=${rv}`]), 'pod/web1 labeled\n');
});

test('set image rolls the deployment out; set env, resources and serviceaccount patch the template', () => {
  const generation = json(['get', 'deploy', 'web']).metadata.generation;
  assert.equal(h.ok(['set', 'image', 'deployment/web', 'nginx=nginx:1.26']), 'deployment.apps/web image updated\n');
  const d = json(['get', 'deploy', 'web']);
  assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.26');
  assert.equal(d.metadata.generation, generation + 1);
  assert.equal(h.ok(['get', 'rs', '-l', 'app=web', '--no-headers']).trim().split('\n').length, 2);
  assert.equal(h.ok(['set', 'image', 'deployment/web', 'nginx=nginx:1.26']), '');
  assert.equal(h.run(['set', 'image', 'deployment/web', 'nope=x']).stderr, 'error: unable to find container named "nope"\n');
  assert.equal(h.ok(['set', 'env', 'deployment/web', 'MODE=prod']), 'deployment.apps/web env updated\n');
  assert.equal(h.ok(['set', 'env', 'deployment/web', '--list']), '# Deployment web, container nginx\nMODE=prod\n');
  assert.equal(h.ok(['set', 'resources', 'deployment/web', '--requests=cpu=100m,memory=64Mi']), 'deployment.apps/web resource requirements updated\n');
  assert.deepEqual(json(['get', 'deploy', 'web']).spec.template.spec.containers[0].resources, { requests: { cpu: '100m', memory: '64Mi' } });
  assert.equal(h.ok(['set', 'serviceaccount', 'deployment/web', 'bot']), 'deployment.apps/web serviceaccount updated\n');
  assert.equal(json(['get', 'deploy', 'web']).spec.template.spec.serviceAccountName, 'bot');
  assert.equal(h.run(['set', 'image', 'deployment/nope', 'a=b']).stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
});

test('patch: strategic, merge and JSON patches; no change; server errors', () => {
  assert.equal(h.ok(['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":3}}']), 'deployment.apps/web patched\n');
  assert.equal(h.ok(['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":3}}']), 'deployment.apps/web patched (no change)\n');
  assert.equal(h.ok(['get', 'pods', '-l', 'app=web', '--no-headers']).trim().split('\n').length, 3);
  h.ok(['patch', 'deployment', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"team":"blue"}}}']);
  assert.equal(json(['get', 'deploy', 'web']).metadata.labels.team, 'blue');
  h.ok(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"remove","path":"/metadata/labels/team"}]']);
  assert.equal(json(['get', 'deploy', 'web']).metadata.labels.team, undefined);
  const noKey = h.run(['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}']);
  assert.equal(noKey.stderr, 'Error from server: map: map[image:x] does not contain declared merge key: name\n');
  const invalid = h.run(['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":-1}}']);
  assert.equal(invalid.stderr, 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  const missing = h.run(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"remove","path":"/spec/nope"}]']);
  assert.equal(missing.stderr, 'The request is invalid: : remove operation does not apply: doc is missing path: "/spec/nope": missing value\n');
  assert.equal(json(['get', 'deploy', 'web']).spec.replicas, 3);
});

test('replace: from the live object; a stale resourceVersion conflicts; --force re-creates', () => {
  const live = h.ok(['get', 'configmap', 'saved', '-o', 'yaml']);
  const file = join(h.dir, 'cm.yaml');
  writeFileSync(file, live.replace('a: "2"', 'a: "3"'));
  assert.equal(h.ok(['replace', '-f', file]), 'configmap/saved replaced\n');
  assert.equal(json(['get', 'cm', 'saved']).data.a, '3');
  const again = h.run(['replace', '-f', file]);
  assert.equal(
    again.stderr,
    `Error from server (Conflict): error when replacing "${file}": Operation cannot be fulfilled on configmaps "saved": the object has been modified; please apply your changes to the latest version and try again\n`,
  );
  const uid = json(['get', 'cm', 'saved']).metadata.uid;
  assert.equal(h.ok(['replace', '--force', '-f', file]), 'configmap "saved" deleted\nconfigmap/saved replaced\n');
  assert.notEqual(json(['get', 'cm', 'saved']).metadata.uid, uid);
  assert.equal(h.run(['replace', '--grace-period=1', '-f', file]).stderr, 'error: --grace-period must have --force specified\n');
});

test('edit: saved changes are patched; no change cancels; an invalid edit reopens the file with the errors', () => {
  const editor = join(h.dir, 'editor.sh');
  writeFileSync(editor, '#!/bin/sh\nsed -i "s/a: \\"3\\"/a: \\"4\\"/" "$1"\n');
  chmodSync(editor, 0o755);
  assert.equal(h.ok(['edit', 'cm', 'saved'], { env: { KUBE_EDITOR: editor } }), 'configmap/saved edited\n');
  assert.equal(json(['get', 'cm', 'saved']).data.a, '4');
  const cancelled = h.run(['edit', 'cm', 'saved'], { env: { KUBE_EDITOR: 'true' } });
  assert.equal(cancelled.stdout, '');
  assert.equal(cancelled.stderr, 'Edit cancelled, no changes made.\n');
  assert.equal(cancelled.code, 0);
  const second = join(h.dir, 'second.yaml');
  writeFileSync(
    editor,
    `#!/bin/sh\nif grep -q "was not valid" "$1"; then cp "$1" ${second}; sed -i "s/replicas: -1/replicas: 2/" "$1"; else sed -i "s/replicas: 3/replicas: -1/" "$1"; fi\n`,
  );
  const r = h.run(['edit', 'deployment', 'web'], { env: { KUBE_EDITOR: editor } });
  assert.equal(r.stdout, 'deployment.apps/web edited\n');
  assert.equal(r.stderr, 'error: deployments.apps "web" is invalid\n');
  assert.equal(r.code, 0);
  const reopened = readFileSync(second, 'utf8');
  assert.ok(
    reopened.startsWith(`# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
# deployments.apps "web" was not valid:
# * spec.replicas: Invalid value: -1: must be greater than or equal to 0
#
apiVersion: apps/v1
kind: Deployment
`),
    reopened,
  );
  assert.equal(json(['get', 'deploy', 'web']).spec.replicas, 2);
  const bad = h.run(['edit', 'deployment', 'web'], { env: { KUBE_EDITOR: 'no-such-editor-xyz' } });
  assert.equal(bad.stderr, 'error: unable to launch the editor "no-such-editor-xyz"\n');
  assert.equal(bad.code, 1);
});
