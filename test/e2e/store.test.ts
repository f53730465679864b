import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { makeHome, BIN } from '../helpers/cli.js';

const h = makeHome({ now: null });
after(() => h.cleanup());
const stateFile = () => join(h.dir, 'clusters', 'kubemu.json');

function runAsync(args: string[], input = ''): Promise<number> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...h.env } });
    c.stdin.end(input);
    c.on('exit', (code) => resolve(code ?? -1));
  });
}

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;

test('50 parallel `create configmap`: every update lands', async () => {
  h.ok(['get', 'nodes']);
  const codes = await Promise.all(Array.from({ length: 50 }, (_, i) => runAsync(['create', 'configmap', `cm-${i}`, `--from-literal=k=${i}`])));
  assert.deepEqual(codes, Array(50).fill(0));
  const names = h.ok(['get', 'cm', '-o', 'name']).trim().split('\n');
  for (let i = 0; i < 50; i++) assert.ok(names.includes(`configmap/cm-${i}`), `cm-${i}`);
  assert.equal(h.ok(['get', 'cm', 'cm-7', '-o', 'jsonpath={.data.k}']), '7');
});

test('parallel read-modify-write of one object: no label is lost', async () => {
  const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => runAsync(['label', 'configmap', 'cm-0', `l${i}=v`])));
  assert.deepEqual(codes, Array(20).fill(0));
  const labels = JSON.parse(h.ok(['get', 'cm', 'cm-0', '-o', 'jsonpath={.metadata.labels}']));
  assert.equal(Object.keys(labels).length, 20);
});

test('a writer killed mid-write leaves a readable state, and the next command is not stalled', async () => {
  for (let round = 0; round < 5; round++) {
    const c = spawn(process.execPath, [BIN, 'create', '-f', '-'], { env: { ...process.env, ...h.env } });
    c.stdin.end(cm(`killed-${round}`));
    await new Promise((r) => setTimeout(r, 30 + round * 15));
    c.kill('SIGKILL');
    await new Promise((r) => c.on('exit', r));
    JSON.parse(readFileSync(stateFile(), 'utf8'));
    const t0 = Date.now();
    h.ok(['get', 'nodes']);
    assert.ok(Date.now() - t0 < 3000, 'a dead lock holder does not stall the next command');
  }
});

test('a corrupt state file gives a clear error and is left as it was', () => {
  const before = readFileSync(stateFile(), 'utf8');
  const corrupt = before.slice(0, before.length / 2);
  writeFileSync(stateFile(), corrupt);
  const r = h.run(['get', 'pods']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: the cluster state file is not valid JSON \(.*\): .*kubemu\.json\n/);
  assert.match(r.stderr, /kubemu cluster reset kubemu/);
  assert.equal(readFileSync(stateFile(), 'utf8'), corrupt);
  assert.equal(h.run(['apply', '-f', '-'], { input: cm('x') }).code, 1);
  assert.equal(readFileSync(stateFile(), 'utf8'), corrupt);
  assert.equal(h.ok(['cluster', 'reset']), 'Cluster "kubemu" reset.\n');
  assert.ok(existsSync(stateFile()));
  h.ok(['get', 'nodes']);
});

test('an empty lock file left by a writer killed while creating it does not stall commands', () => {
  const lock = stateFile() + '.lock';
  writeFileSync(lock, '');
  const old = new Date(Date.now() - 5000);
  utimesSync(lock, old, old);
  const t0 = Date.now();
  h.ok(['get', 'nodes']);
  assert.ok(Date.now() - t0 < 3000, 'taken over at once');
  assert.ok(!existsSync(lock), 'released after the command');
});
