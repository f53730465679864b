/**
 * `get -w` end to end: a watcher process follows changes made by other commands (every intermediate
 * state of the pod), with kubectl's watch layout, and exits quietly with status 0 on SIGINT.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers: [{name: web, image: nginx}]
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Watcher {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  stop: () => Promise<number | null>;
}

function watch(args: string[]): Watcher {
  const child = h.spawn(args);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    out: () => out,
    err: () => err,
    async stop() {
      child.kill('SIGINT');
      return exited;
    },
  };
}

function watcherCount(): number {
  const doc = JSON.parse(readFileSync(join(h.dir, 'clusters', 'kubemu.json'), 'utf8'));
  return Object.keys(doc.engine.watchers ?? {}).length;
}

async function until(what: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

test('get -w: the list, then one row per change with widths that only grow; SIGINT exits 0', async () => {
  h.ok(['get', 'pods']);
  const table = watch(['get', 'pods', '-w']);
  const events = watch(['get', 'pods', '-w', '--output-watch-events']);
  const names = watch(['get', 'pods', '--watch-only', '-o', 'name']);
  const json = watch(['get', 'pods', '-l', 'app=web', '--watch-only', '-o', 'json', '--output-watch-events']);
  await until(() => watcherCount() === 4);
  const file = join(h.dir, 'pod.yaml');
  writeFileSync(file, POD);
  h.ok(['apply', '-f', file]);
  h.ok(['delete', 'pod', 'web']);
  await until(() => table.out().split('\n').length > 6 && events.out().includes('DELETED') && names.out().split('\n').length > 6 && json.out().includes('"DELETED"'));
  const codes = await Promise.all([table.stop(), events.stop(), names.stop(), json.stop()]);
  assert.deepEqual(codes, [0, 0, 0, 0]);
  assert.equal(
    table.out(),
    `NAME   READY   STATUS    RESTARTS   AGE
web    0/1     Pending   0          0s
web    0/1     Pending   0          0s
web    1/1     Running   0          0s
web    1/1     Terminating   0          0s
web    0/1     Completed     0          0s
web    0/1     Completed     0          0s
`,
  );
  assert.equal(
    events.out(),
    `EVENT      NAME   READY   STATUS    RESTARTS   AGE
ADDED      web    0/1     Pending   0          0s
MODIFIED   web    0/1     Pending   0          0s
MODIFIED   web    1/1     Running   0          0s
MODIFIED   web    1/1     Terminating   0          0s
MODIFIED   web    0/1     Completed     0          0s
DELETED    web    0/1     Completed     0          0s
`,
  );
  assert.equal(names.out(), 'pod/web\n'.repeat(6));
  const lines = json.out().trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => JSON.parse(l).type),
    ['ADDED', 'MODIFIED', 'MODIFIED', 'MODIFIED', 'MODIFIED', 'DELETED'],
  );
  assert.match(lines[0], /^\{"type":"ADDED","object":\{"apiVersion":"v1","kind":"Pod","metadata":\{/);
  for (const w of [table, events, names, json]) assert.equal(w.err(), '');
  // The watchers are gone from the cluster's document, and so is their log.
  await until(() => watcherCount() === 0);
  const doc = JSON.parse(readFileSync(join(h.dir, 'clusters', 'kubemu.json'), 'utf8'));
  assert.equal(doc.engine.watchLog.length, 0);
});

test('get -w errors: several kinds, and flags that need a watch', () => {
  const r = h.run(['get', 'pods,svc', '-w']);
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'error: you may only specify a single resource type\n', 1]);
  const r2 = h.run(['get', 'pods', '--output-watch-events']);
  assert.deepEqual([r2.stderr, r2.code], ['error: --output-watch-events option can only be used with --watch or --watch-only\n', 1]);
});

test("get events -w while the seed's nginx-deployment is applied: the event chain in causal order", async () => {
  h.ok(['get', 'nodes']);
  const w = watch(['get', 'events', '-w', '--watch-only', '-o', 'custom-columns=REASON:.reason,OBJECT:.involvedObject.name']);
  await until(() => watcherCount() > 0);
  h.ok(['apply', '-f', 'fixtures/nginx-deployment.yaml']);
  await until(() => (w.out().match(/^Started /gm) ?? []).length >= 3);
  assert.equal(await w.stop(), 0);
  const reasons = w
    .out()
    .trim()
    .split('\n')
    .slice(1) // the custom-columns header
    .map((l) => l.split(/\s+/)[0]);
  const at = (r: string) => reasons.indexOf(r);
  const last = (r: string) => reasons.lastIndexOf(r);
  assert.equal(reasons[0], 'ScalingReplicaSet');
  assert.equal(reasons.filter((r) => r === 'SuccessfulCreate').length, 3);
  assert.equal(reasons.filter((r) => r === 'Scheduled').length, 3);
  assert.ok(last('SuccessfulCreate') < at('Scheduled') || at('SuccessfulCreate') < at('Scheduled'));
  assert.ok(at('Scheduled') < at('Pulling') && at('Pulling') < at('Pulled') && at('Pulled') < at('Created') && at('Created') < at('Started'), reasons.join(' '));
});
