/**
 * run, expose, label, annotate, set, patch and scale against the oracle: the real kubectl reads our
 * cluster's objects from the fake API server, and what it prints for client-side work (--dry-run=client,
 * --local, errors found before any write) must be what we print.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeHome } from '../helpers/cli.js';
import { startFakeApiServer, type FakeApiServer } from '../helpers/fake-apiserver.js';

const h = makeHome();
const dir = mkdtempSync(join(tmpdir(), 'kubemu-imp-'));
let fake: FakeApiServer;

before(async () => {
  h.ok(['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2', '--port=80']);
  h.ok(['create', 'deployment', 'multi', '--image=nginx', '--image=busybox']);
  h.ok(['run', 'pod1', '--image=nginx', '--port=8080', '--labels=app=a,tier=backend']);
  h.ok(['run', 'bare', '--image=nginx']);
  h.ok(['create', 'service', 'clusterip', 'svc', '--tcp=80:8080']);
  h.ok(['create', 'configmap', 'cfg', '--from-literal=color=blue', '--from-literal=my.key=x']);
  h.ok(['create', 'secret', 'generic', 'sec', '--from-literal=password=s3cret']);
  h.ok(['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *']);
  h.ok(['annotate', 'pod', 'pod1', 'note=hi']);
  h.ok(['create', 'rolebinding', 'rb', '--clusterrole=view', '--user=alice']);
  const objs = [];
  for (const t of ['deployments', 'pods', 'services', 'configmaps', 'secrets', 'cronjobs', 'rolebindings']) objs.push(...JSON.parse(h.ok(['get', t, '-o', 'json'])).items);
  fake = await startFakeApiServer(objs);
  h.ok(['get', 'deploy', 'web', '-o', 'yaml']);
  writeFileSync(join(dir, 'web.yaml'), h.ok(['get', 'deploy', 'web', '-o', 'yaml']));
  writeFileSync(join(dir, 'patch.yaml'), 'spec:\n  replicas: 5\n');
});
after(async () => {
  await fake.close();
  h.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function same(args: string[], opts: { yaml?: boolean } = {}) {
  const theirs = await fake.kubectl(args);
  const ours = h.run(args);
  assert.equal(ours.stderr, theirs.stderr, `stderr of ${args.join(' ')}`);
  assert.equal(ours.code, theirs.code, `exit code of ${args.join(' ')}`);
  if (opts.yaml) {
    // Structural until the go-yaml emitter lands; output that is not valid YAML (documents without a
    // separator) is compared as text with quoting ignored.
    const docs = (s: string) => {
      try {
        return s.split(/^---$/m).map((d) => parse(d));
      } catch {
        return s.replace(/"/g, '');
      }
    };
    assert.deepEqual(docs(ours.stdout), docs(theirs.stdout));
  } else assert.equal(ours.stdout, theirs.stdout, `stdout of ${args.join(' ')}`);
}

const CASES: [string[], { yaml?: boolean }?][] = [
  // run
  [['run', 'p', '--image=nginx', '--dry-run=client', '-o', 'json']],
  [['run', 'p', '--image=nginx', '--dry-run=client', '-o', 'yaml'], { yaml: true }],
  [['run', 'p', '--image=busybox', '--restart=Never', '--env=A=1', '--env=B=x=y', '--port=80', '--labels=app=p,tier=fe', '--annotations=a=b', '--image-pull-policy=IfNotPresent', '--privileged', '--dry-run=client', '-o', 'json', '--', 'sleep', '10']],
  [['run', 'p', '--image=busybox', '--command', '--dry-run=client', '-o', 'json', '-n', 'team-a', '--', 'sh', '-c', 'echo hi']],
  [['run', 'p', '--image=nginx', '--port=80', '--expose', '--dry-run=client', '-o', 'json']],
  [['run', 'p', '--image=nginx', '--port=80', '--expose', '--dry-run=client', '-o', 'yaml', '-l', 'app=p'], { yaml: true }],
  [['run', 'p', '--image=nginx', '--port=80', '--expose', '--dry-run=client']],
  [['run', 'p', '--image=nginx', '--overrides={"spec":{"hostNetwork":true,"nodeSelector":{"disk":"ssd"}}}', '--dry-run=client', '-o', 'json']],
  [['run', 'p', '--image=nginx', '--override-type=strategic', '--overrides={"spec":{"containers":[{"name":"p","tty":true}]}}', '--dry-run=client', '-o', 'json']],
  [['run', 'p', '--image=nginx', '--override-type=json', '--overrides=[{"op":"add","path":"/metadata/labels/x","value":"y"}]', '--dry-run=client', '-o', 'json']],
  [['run', 'p', '--image=nginx', '--overrides={bad', '--dry-run=client']],
  [['run', '--image=nginx']],
  [['run', 'p']],
  [['run', 'p', '--image=Bad_Image']],
  [['run', 'p', '--image=nginx', '--expose']],
  [['run', 'p', '--image=nginx', '--restart=Sometimes']],
  [['run', 'p', '--image=nginx', '--image-pull-policy=Maybe']],
  [['run', 'p', '--image=nginx', '--env=1BAD=x', '--dry-run=client']],
  [['run', 'p', '--image=nginx', '--labels=bad', '--dry-run=client']],
  [['run', 'p', '--image=nginx', '--annotations=novalue', '--dry-run=client']],
  // expose
  [['expose', 'deploy', 'web', '--dry-run=client', '-o', 'json']],
  [['expose', 'deployment/web', '--port=8080', '--target-port=80', '--name=web2', '--type=NodePort', '--dry-run=client', '-o', 'json']],
  [['expose', 'pod', 'pod1', '--dry-run=client', '-o', 'yaml'], { yaml: true }],
  [['expose', 'pod', 'pod1', '--protocol=UDP', '--dry-run=client']],
  [['expose', 'svc', 'svc', '--name=svc2', '--port=443', '--dry-run=client', '-o', 'json']],
  [['expose', 'pod', 'pod1', '--selector=a=b', '-l', 'x=y', '--port=1,2', '--external-ip=1.2.3.4', '--session-affinity=ClientIP', '--cluster-ip=None', '--dry-run=client', '-o', 'json']],
  [['expose', 'pod', 'pod1', '--type=LoadBalancer', '--load-balancer-ip=10.0.0.9', '--dry-run=client', '-o', 'json']],
  [['expose', 'deploy', 'multi', '--dry-run=client']],
  [['expose', 'pod', 'bare', '--dry-run=client']],
  [['expose', 'cm', 'cfg', '--dry-run=client']],
  [['expose', 'deploy', 'nope', '--dry-run=client']],
  [['expose', 'pod', 'pod1', '--session-affinity=x', '--dry-run=client']],
  [['expose']],
  // label and annotate
  [['label', 'pod', 'pod1', 'env=prod', '--dry-run=client', '-o', 'json']],
  [['label', 'pod', 'pod1', 'tier=frontend', '--dry-run=client']],
  [['label', 'pod', 'pod1', 'tier=frontend', '--overwrite', '--dry-run=client']],
  [['label', 'pod', 'pod1', 'tier=backend', '--dry-run=client']],
  [['label', 'pod', 'pod1', 'tier-', '--dry-run=client']],
  [['label', 'pod', 'pod1', 'tier-', '--overwrite', '--dry-run=client']],
  [['label', 'pods', '--all', 'x=y', '--dry-run=client']],
  [['label', 'pods', '--all', 'x=y', '--dry-run=client', '-o', 'yaml'], { yaml: true }],
  [['label', 'pods', '-l', 'app=a', 'x=y', '--dry-run=client', '-o', 'name']],
  // kubectl lists a map in random order: one label only
  [['label', 'pod', 'bare', '--list']],
  [['label', 'pod', 'pod1', 'nope', 'x=y', '--dry-run=client']],
  [['label', 'pod', 'pod1', 'x=y', 'pod2']],
  [['label', 'pod', 'pod1']],
  [['label', 'x=y']],
  [['label', 'pod', 'pod1', 'a=b', 'a-']],
  [['label', 'pod', 'pod1', 'a=b=c']],
  [['label', 'pod', 'pod1', 'a=@@']],
  [['label', 'pod', 'pod1', 'a=b', '--all', '-l', 'x=y']],
  [['label', 'pod', 'nope', 'a=b', '--dry-run=client']],
  [['label', 'pods', 'pod1', 'bare', 'a=b', '--resource-version=1', '--dry-run=client']],
  [['label', '-f', join(dir, 'web.yaml'), 'team=x', '--local', '-o', 'json']],
  [['annotate', 'pod', 'pod1', 'note=hello', '--dry-run=client']],
  [['annotate', 'pod', 'pod1', 'note=hello', '--overwrite', '--dry-run=client', '-o', 'json']],
  [['annotate', 'pod', 'pod1', 'note-', 'other=1', '--dry-run=client', '-o', 'yaml'], { yaml: true }],
  [['annotate', 'pod', 'pod1', '--list']],
  [['annotate', 'pod', 'pod1', 'novalue']],
  [['annotate', 'pod', 'pod1', 'a=1', 'a-']],
  [['annotate', 'pod', 'pod1']],
  // set
  [['set', 'image', 'deploy/web', 'nginx=nginx:1.26', '--dry-run=client', '-o', 'json']],
  [['set', 'image', 'deployment', 'multi', '*=alpine', '--dry-run=client', '-o', 'yaml'], { yaml: true }],
  [['set', 'image', 'deploy/web', 'nginx=nginx:1.25', '--dry-run=client']],
  [['set', 'image', 'deploy/web', 'nope=x', '--dry-run=client']],
  [['set', 'image', 'deploy/web']],
  [['set', 'image', 'cronjob/cj', 'cj=busybox:2', '--dry-run=client', '-o', 'json']],
  [['set', 'image', 'svc/svc', 'x=y', '--dry-run=client']],
  [['set', 'env', 'deploy/web', 'A=1', 'B=2', '--dry-run=client', '-o', 'json']],
  // kubectl walks the config map's keys in Go's random map order: one key at a time
  [['set', 'env', 'deploy/web', '--from=configmap/cfg', '--keys=my.key', '--prefix=CFG_', '--dry-run=client', '-o', 'json']],
  [['set', 'env', 'deploy/web', '--from=secret/sec', '--keys=password', '--dry-run=client', '-o', 'json']],
  [['set', 'env', 'deploy/web', '--list']],
  [['set', 'env', 'deploy/web', 'A=1', 'more']],
  [['set', 'env', 'deploy/web', '1A=b']],
  [['set', 'resources', 'deploy/web', '--limits=cpu=200m,memory=512Mi', '--requests=cpu=100m', '--dry-run=client', '-o', 'json']],
  [['set', 'resources', 'deploy/web', '-c', 'nope', '--limits=cpu=1', '--dry-run=client']],
  [['set', 'resources', 'deploy/web']],
  [['set', 'serviceaccount', 'deploy/web', 'robot', '--dry-run=client', '-o', 'json']],
  [['set', 'sa', 'pod/pod1', 'robot', '--dry-run=client']],
  [['set', 'selector', 'svc/svc', 'app=x,tier=y', '--dry-run=client', '-o', 'json']],
  [['set', 'selector', 'deploy/web', 'app=x', '--dry-run=client']],
  [['set', 'subject', 'rolebinding', 'rb', '--user=bob', '--group=devs', '--serviceaccount=team:bot', '--dry-run=client', '-o', 'json']],
  [['set', 'subject', 'rolebinding/rb', '--user=alice', '--dry-run=client']],
  [['set', 'subject', 'rolebinding/rb']],
  [['set', 'subject', 'deploy/web', '--user=x', '--dry-run=client']],
  [['set']],
  [['set', 'bogus']],
  // patch
  [['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":3}}', '--dry-run=client', '-o', 'json']],
  [['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":2}}', '--dry-run=client']],
  [['patch', 'deploy/web', '--type=merge', '-p', 'metadata: {labels: {x: y}}', '--dry-run=client', '-o', 'yaml'], { yaml: true }],
  [['patch', 'deploy/web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]', '--dry-run=client', '-o', 'json']],
  [['patch', 'deploy/web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:2"}]}}}}', '--dry-run=client', '-o', 'json']],
  [['patch', 'deploy/web', '-p', '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}', '--dry-run=client']],
  [['patch', 'deploy/web', '--patch-file', join(dir, 'patch.yaml'), '--dry-run=client', '-o', 'name']],
  [['patch', '--local', '-f', join(dir, 'web.yaml'), '-p', '{"spec":{"replicas":9}}', '-o', 'json']],
  [['patch', 'deploy/web']],
  [['patch', 'deploy/web', '-p', '{}', '--patch-file', 'x']],
  [['patch', 'deploy/web', '-p', '{}', '--type=bogus']],
  [['patch', 'deploy/web', '--patch-file', join(dir, 'nope.yaml')]],
  [['patch', 'deploy/nope', '-p', '{}', '--dry-run=client']],
  [['patch', 'deploy', '-p', '{}']],
  // scale: the client-side checks
  [['scale', 'deploy/web']],
  [['scale', 'deploy/web', '--replicas=-1']],
  [['scale', 'deploy/web', '--replicas=1', '--current-replicas=-2']],
  [['scale', 'deploy/web', '--replicas=3', '--dry-run=client']],
  [['scale', 'deploy/web', 'deploy/multi', '--replicas=3', '--dry-run=client', '-o', 'name']],
  [['scale', 'deploy', '--all', '--replicas=3', '--dry-run=client']],
  [['scale', 'deploy/nope', '--replicas=3', '--dry-run=client']],
  [['scale', 'deploy/web', 'deploy/multi', '--replicas=3', '--resource-version=5', '--dry-run=client']],
  // autoscale
  [['autoscale', 'deploy', 'web', '--max=5', '--dry-run=client', '-o', 'json']],
  [['autoscale', 'deploy/web', '--min=2', '--max=10', '--cpu-percent=70', '--name=hpa', '--dry-run=client', '-o', 'yaml'], { yaml: true }],
  [['autoscale', 'deploy/web', '--max=5', '--dry-run=client']],
  [['autoscale', 'deploy/web']],
  [['autoscale', 'deploy/web', '--max=0']],
  [['autoscale', 'deploy/web', '--max=2', '--min=3']],
  [['autoscale', 'pod/pod1', '--max=2', '--dry-run=client']],
];

for (const [args, opts] of CASES) {
  test(`kubectl ${args.join(' ')}`, async () => same(args, opts));
}
