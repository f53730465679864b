/**
 * The split store through the CLI: with KUBEMU_SPLIT_BYTES=0 every bucket has a file of its own, as
 * pods and events do in a big cluster. Parallel writers, a writer killed mid-write, and reads that
 * use the stored labels must behave as with one document.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { makeHome, BIN } from '../helpers/cli.js';

const h = makeHome({ now: null });
after(() => h.cleanup());
const env = { ...h.env, KUBEMU_SPLIT_BYTES: '0' };
const run = (args: string[], input?: string) => h.run(args, { env: { KUBEMU_SPLIT_BYTES: '0' }, input });
const ok = (args: string[], input?: string) => {
  const r = run(args, input);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
};
const spawnKubemu = (args: string[]) => spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: h.dir, ...env } });

test('every bucket in its own file: objects, labels and selectors read as from one document', () => {
  ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=3']);
  const files = readdirSync(join(h.dir, 'clusters', 'kubemu.d'));
  assert.ok(files.some((f) => f.startsWith('objects.pods.')), files.join(' '));
  assert.ok(files.some((f) => f.startsWith('objects.events.')), files.join(' '));
  assert.equal(ok(['get', 'pods', '-l', 'app=web', '--no-headers', '-o', 'name']).trim().split('\n').length, 3);
  const all = ok(['get', 'pods', '-A', '--no-headers']).trim().split('\n').length;
  assert.equal(ok(['get', 'pods', '-l', 'app!=web', '-A', '--no-headers']).trim().split('\n').length, all - 3);
  ok(['label', 'pod', '-l', 'app=web', 'tier=front']);
  assert.equal(ok(['get', 'pods', '-l', 'tier=front', '--no-headers']).trim().split('\n').length, 3);
  ok(['scale', 'deployment', 'web', '--replicas=1']);
  assert.equal(ok(['get', 'pods', '-l', 'app=web', '--no-headers', '-o', 'name']).trim().split('\n').length, 1);
  assert.match(ok(['get', 'events']), /Scaled down replica set web-[a-z0-9]+ from 3 to 1/);
});

test('parallel writers on split buckets: every update lands', async () => {
  const codes = await Promise.all(
    Array.from({ length: 20 }, (_, i) => new Promise<number>((resolve) => spawnKubemu(['label', 'deployment', 'web', `l${i}=v`]).on('exit', (c) => resolve(c ?? -1)))),
  );
  assert.deepEqual(codes, Array(20).fill(0));
  const labels = JSON.parse(ok(['get', 'deployment', 'web', '-o', 'jsonpath={.metadata.labels}']));
  assert.equal(Object.keys(labels).length, 21);
});

test('a writer killed mid-write leaves the split state readable', async () => {
  for (let round = 0; round < 4; round++) {
    const c = spawnKubemu(['create', 'deployment', `k${round}`, '--image=nginx', '--replicas=2']);
    const exited = new Promise((r) => c.on('exit', r)); // it may finish before the kill
    await new Promise((r) => setTimeout(r, 40 + round * 20));
    c.kill('SIGKILL');
    await exited;
    ok(['get', 'pods', '-A']);
    ok(['get', 'events', '-A']);
  }
  ok(['create', 'deployment', 'after', '--image=nginx']);
  assert.match(ok(['get', 'deploy', 'after', '--no-headers']), /^after /);
});
