/**
 * `kubemu describe` end to end: a simulated cluster is driven with kubemu commands, then every
 * describe is compared byte for byte with the real kubectl describing the same objects (dumped
 * with `kubemu get -o json`) through the fake API server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome, NOW } from '../helpers/cli.js';
import { startFakeApiServer, type FakeApiServer } from '../helpers/fake-apiserver.js';
import { kubectlAt } from '../helpers/describe-oracle.js';
import { RESOURCES } from '../../src/api/registry.js';
import type { KObject } from '../../src/api/types.js';

const h = makeHome();
const UTC = { env: { TZ: 'UTC' } };
let fake: FakeApiServer;
/** The cluster's simulated now (the fixed clock plus what `cluster advance` added). */
let now = Date.parse(NOW);

const LISTABLE = RESOURCES.filter((r) => r.verbs.includes('list'))
  .map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource))
  .join(',');

async function same(args: string[], home = h, at = now): Promise<string> {
  const objs: KObject[] = JSON.parse(home.ok(['get', LISTABLE, '-A', '-o', 'json'], UTC)).items;
  const mine = home.run(['describe', ...args], UTC);
  let theirs = await kubectlAt(fake, objs, at, ['describe', ...args]);
  // kubectl reads the machine's clock: on a loaded machine it may start a second late. Once more.
  if (theirs.stdout !== mine.stdout) theirs = await kubectlAt(fake, objs, at, ['describe', ...args]);
  if (mine.stdout !== theirs.stdout && process.env.DESCRIBE_DIFF) {
    const { writeFileSync: write } = await import('node:fs');
    write('/tmp/describe-cli.ours', mine.stdout);
    write('/tmp/describe-cli.theirs', theirs.stdout);
  }
  assert.equal(mine.stdout, theirs.stdout, `stdout of describe ${args.join(' ')}`);
  assert.equal(mine.stderr, theirs.stderr, `stderr of describe ${args.join(' ')}`);
  assert.equal(mine.code, theirs.code, `exit code of describe ${args.join(' ')}`);
  return mine.stdout;
}

before(async () => {
  fake = await startFakeApiServer([]);
  const extra = join(h.dir, 'extra.yaml');
  writeFileSync(
    extra,
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
stringData:
  password: s3cr3t
---
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  selector:
    app: nginx
  ports:
  - port: 80
    targetPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: envpod
  labels:
    app: envpod
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    env:
    - name: MODE
      valueFrom:
        configMapKeyRef:
          name: settings
          key: mode
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    envFrom:
    - secretRef:
        name: db
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
      limits:
        cpu: 200m
        memory: 128Mi
    volumeMounts:
    - name: cfg
      mountPath: /etc/cfg
  volumes:
  - name: cfg
    configMap:
      name: settings
  nodeSelector:
    kubernetes.io/os: linux
`,
  );
  h.ok(['apply', '-f', 'fixtures/nginx.yaml', '-f', extra], UTC);
  h.ok(['cluster', 'advance', '12m'], UTC);
  now += 12 * 60 * 1000;
});

after(async () => {
  await fake.close();
  h.cleanup();
});

test('describe pods in every namespace, and one pod by name', async () => {
  const out = await same(['pods', '-A']);
  assert.match(out, /^Name: +coredns-/m);
  await same(['pod', 'envpod']);
  await same(['pod/envpod', '--show-events=false']);
});

test('describe nodes: the node table, allocated resources, events', async () => {
  const out = await same(['nodes']);
  assert.match(out, /Non-terminated Pods: +\(\d+ in total\)/);
  await same(['node', 'kubemu-m02']);
});

test('describe deployments, replica sets, daemon sets', async () => {
  assert.match(await same(['deployment', 'nginx']), /NewReplicaSet: +nginx-\w+ \(3\/3 replicas created\)/);
  await same(['rs']);
  await same(['ds', '-n', 'kube-system']);
  await same(['deploy', '-A']);
});

test('describe services, config, accounts and namespaces', async () => {
  await same(['svc', '-A']);
  await same(['configmap', 'settings']);
  await same(['secret', 'db']);
  await same(['sa', '-A']);
  await same(['ns']);
  await same(['ns', 'kube-system']);
  await same(['events', '-n', 'kube-system', '-l', 'nosuch=x']);
});

test('name prefixes, selectors and errors behave as kubectl', async () => {
  const out = await same(['pods', 'nginx']);
  assert.equal(out.match(/^Name:/gm)?.length, 3);
  await same(['pods', '-l', 'app=nginx']);
  await same(['pods', 'nosuch']);
  await same(['pod/nosuch']);
  await same(['pods', 'envpod', 'nosuch']);
  await same(['nosuchtype']);
  await same([]);
  await same(['pods', 'envpod', '-A']);
  await same(['pods', 'envpod', '-l', 'a=b']);
  await same(['pods', '-l', 'nosuch=x']);
  await same(['pods', '-A', '-l', 'nosuch=x']);
  await same(['pod,svc', 'nginx']);
});

test('describe -f describes the objects a manifest names', async () => {
  await same(['-f', 'fixtures/nginx.yaml']);
  const r = h.run(['describe', '-f', 'fixtures/nginx.yaml', 'pods'], UTC);
  assert.equal(r.stderr, 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n');
  assert.equal(r.code, 1);
});

test('pods while their images pull, and while they terminate (realistic timings)', async () => {
  const r = makeHome({ profile: 'realistic' });
  try {
    const start = Date.parse(NOW);
    r.ok(['apply', '-f', 'fixtures/nginx.yaml'], UTC);
    assert.match(await same(['pods'], r, start), /Reason: +ContainerCreating/);
    r.ok(['cluster', 'advance', '45s'], UTC);
    const victim = r.ok(['get', 'pods', '-o', 'name'], UTC).split('\n')[0].replace('pod/', '');
    r.ok(['delete', 'pod', victim, '--wait=false'], UTC);
    assert.match(await same(['pods'], r, start + 45000), /Status: +Terminating \(lasts <invalid>\)\nTermination Grace Period: +30s/);
    await same(['deploy', 'nginx'], r, start + 45000);
    await same(['rs'], r, start + 45000);
  } finally {
    r.cleanup();
  }
});

test('describe is listed with its flags in help', () => {
  assert.match(h.ok(['--help']), /Troubleshooting and Debugging Commands:\n {2}describe {8}Show details of a specific resource or group of resources\n/);
  const help = h.ok(['describe', '--help']);
  assert.match(help, /--show-events=true:\n\tIf true, display events related to the described object\./);
  assert.match(help, /Usage:\n {2}kubectl describe \(-f FILENAME \| TYPE \[NAME_PREFIX \| -l label\] \| TYPE\/NAME\) \[options\]/);
});

