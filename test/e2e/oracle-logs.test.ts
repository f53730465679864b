/**
 * The oracle for logs: the real kubectl against the fake API server holding kubemu's objects, with
 * pods/log answered from kubemu's own logs. What is compared is kubectl's client side: which pod and
 * container it picks, what it says on stderr, prefixes, its errors and exit codes.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome } from '../helpers/cli.js';
import { startFakeApiServer, type FakeApiServer } from '../helpers/fake-apiserver.js';
import type { KObject } from '../../src/api/types.js';

const h = makeHome();
let fake: FakeApiServer;
/** "pod/container" → the container's whole log, as kubemu returns it. */
const logs = new Map<string, string>();

before(async () => {
  h.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
  const f = join(h.dir, 'pods.yaml');
  writeFileSync(
    f,
    `apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  restartPolicy: Never
  containers:
  - {name: a, image: busybox, command: [sh, -c, 'echo from-a; echo a2']}
  - {name: b, image: busybox, command: [sh, -c, 'echo from-b']}
---
apiVersion: v1
kind: Pod
metadata:
  name: annotated
  annotations: {kubectl.kubernetes.io/default-container: b}
spec:
  restartPolicy: Never
  initContainers:
  - {name: init, image: busybox, command: [sh, -c, 'echo init-done']}
  containers:
  - {name: a, image: busybox, command: [sh, -c, 'echo from-a']}
  - {name: b, image: busybox, command: [sh, -c, 'echo from-b']}
---
apiVersion: v1
kind: Pod
metadata:
  name: wrongdefault
  annotations: {kubectl.kubernetes.io/default-container: nope}
spec:
  restartPolicy: Never
  containers:
  - {name: a, image: busybox, command: [sh, -c, 'echo from-a']}
  - {name: b, image: busybox, command: [sh, -c, 'echo from-b']}
---
apiVersion: v1
kind: Service
metadata: {name: bare}
spec:
  ports: [{port: 80}]
`,
  );
  h.ok(['apply', '-f', f]);
  h.ok(['create', 'configmap', 'cfg', '--from-literal=a=b']);
  h.ok(['cluster', 'advance', '30s']);
  const objs: KObject[] = [];
  for (const type of ['pods', 'deployments', 'replicasets', 'configmaps', 'services']) {
    const items = JSON.parse(h.ok(['get', type, '-o', 'json'])).items as KObject[];
    objs.push(...items);
  }
  for (const o of objs) {
    if (o.kind !== 'Pod') continue;
    for (const c of [...(o.spec.initContainers ?? []), ...o.spec.containers]) logs.set(`${o.metadata.name}/${c.name}`, h.ok(['logs', o.metadata.name!, '-c', c.name]));
  }
  fake = await startFakeApiServer(objs, {
    handle(_req, res, url) {
      const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname);
      if (!m) return false;
      const text = logs.get(`${m[2]}/${url.searchParams.get('container')}`);
      if (text === undefined) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'BadRequest', code: 400, message: 'no such container' }));
        return true;
      }
      const tail = url.searchParams.get('tailLines');
      const lines = text.split('\n').slice(0, -1);
      const shown = tail === null ? lines : Number(tail) === 0 ? [] : lines.slice(-Number(tail));
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(shown.map((l) => l + '\n').join(''));
      return true;
    },
  });
});

after(async () => {
  await fake?.close();
  h.cleanup();
});

/** Sorted lines: kubectl visits several log requests in Go map order, which is random. */
const unordered = (s: string) => s.split('\n').sort().join('\n');

const cases: [string[], { unordered?: boolean }?][] = [
  [['logs', 'two']],
  [['logs', 'two', 'b']],
  [['logs', 'two', '-c', 'b', '--tail=1']],
  [['logs', 'two', '-c', 'zz']],
  [['logs', 'two', 'a', '-c', 'b']],
  [['logs', 'two', '--all-containers', '-c', 'a']],
  [['logs', 'two', '--all-containers', '--prefix'], { unordered: true }],
  [['logs', 'annotated']],
  [['logs', 'annotated', '--all-containers', '--prefix'], { unordered: true }],
  [['logs', 'wrongdefault']],
  [['logs', 'pod/two', '--prefix']],
  [['logs', 'deploy/web', '--tail=2']],
  [['logs', 'deployment/web', '--all-pods', '--tail=1'], { unordered: true }],
  [['logs', '-l', 'app=web', '--prefix', '--tail=3'], { unordered: true }],
  [['logs', '-l', 'app=nomatch']],
  [['logs', '-l', 'app=web', 'x']],
  [['logs']],
  [['logs', 'a', 'b', 'c']],
  [['logs', 'nosuch']],
  [['logs', 'deploy/nosuch']],
  [['logs', 'cm/cfg']],
  [['logs', 'svc/bare']],
  [['logs', 'two', '--since-time=bogus']],
  [['logs', 'two', '--since-time=2026-02-30T10:00:00Z']],
  [['logs', 'two', '--since-time=2026-11-22T10:00:00+0900']],
  [['logs', 'two', '--since=1h', '--since-time=2026-11-22T10:00:00Z']],
  [['logs', 'two', '--limit-bytes=-1']],
  [['logs', 'two', '--tail=-2']],
  [['logs', 'two', '--since=-1s']],
  [['logs', 'two', '-f', '--all-containers', '--max-log-requests=1']],
];

for (const [args, o] of cases) {
  test(`kubectl ${args.join(' ')}`, async () => {
    const ours = h.run(args);
    const theirs = await fake.kubectl(args);
    const norm = o?.unordered ? unordered : (s: string) => s;
    assert.deepEqual({ stdout: norm(ours.stdout), stderr: ours.stderr, code: ours.code }, { stdout: norm(theirs.stdout), stderr: theirs.stderr, code: theirs.code });
  });
}
