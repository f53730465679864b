import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeHome } from '../helpers/cli.js';
import { KUBECTL } from '../helpers/fake-apiserver.js';
import { CORPUS } from '../helpers/yaml-corpus.js';

const h = makeHome();
const home = mkdtempSync(join(tmpdir(), 'kubemu-oracle-'));
after(() => {
  h.cleanup();
  rmSync(home, { recursive: true, force: true });
});

/** The real kubectl, offline: it reads (and fails on) the file before it needs a server. */
function oracle(args: string[]): { stderr: string; code: number } {
  const r = spawnSync(KUBECTL, args, { cwd: h.dir, env: { PATH: process.env.PATH ?? '', HOME: home }, encoding: 'utf8' });
  return { stderr: r.stderr, code: r.status ?? -1 };
}

test('the oracle: YAML and JSON read errors are byte-identical to kubectl v1.32', { skip: !KUBECTL || !existsSync(KUBECTL) }, () => {
  const extra: [string, string][] = [
    ['j1.json', '{"apiVersion": "v1", "kind": "Pod",}\n'],
    ['j2.json', '{"a": [1 2]}\n'],
    ['j3.json', '{"apiVersion": "v1"\n'],
    ['sep.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---foo\n'],
    ['scalar.yaml', 'hello\n'],
    ['nokind.yaml', 'metadata:\n  name: x\n'],
  ];
  const files: [string, string][] = [...CORPUS.map(([n, t]) => [n, t] as [string, string]), ...extra];
  for (const [name, text] of files) {
    writeFileSync(join(h.dir, name), text);
    const theirs = oracle(['apply', '-f', name]);
    const ours = h.run(['apply', '-f', name], { cwd: h.dir });
    assert.equal(ours.stderr, theirs.stderr, name);
    assert.equal(ours.code, theirs.code, name);
  }
  const off = oracle(['apply', '-f', 'nokind.yaml', '--validate=false']);
  assert.equal(h.run(['apply', '-f', 'nokind.yaml', '--validate=false'], { cwd: h.dir }).stderr, off.stderr);
});
