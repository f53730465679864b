import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeHome, BIN } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

test('unknown command: kubectl text, suggestions, exit 1', () => {
  const r = h.run(['gett']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n');
});

test('unknown flag: error and usage hint on stderr, exit 1', () => {
  const r = h.run(['get', 'pods', '--x']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "error: unknown flag: --x\nSee 'kubectl get --help' for usage.\n");
  const s = h.run(['get', '-q']);
  assert.equal(s.stderr, "error: unknown shorthand flag: 'q' in -q\nSee 'kubectl get --help' for usage.\n");
  const t = h.run(['-n']);
  assert.equal(t.stderr, "error: flag needs an argument: 'n' in -n\nSee 'kubectl --help' for usage.\n");
});

test('unknown subcommand of a group', () => {
  const r = h.run(['config', 'foo']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "error: unknown command \"foo\"\nSee 'kubectl config -h' for help and examples\n");
});

test('root help lists the commands under kubectl headings', () => {
  const out = h.ok(['--help']);
  assert.match(out, /^kubectl controls the Kubernetes cluster manager\.\n/);
  assert.match(out, /\n  get {13}Display one or many resources\n/);
  assert.match(out, /Usage:\n  kubectl \[flags\] \[options\]\n/);
  assert.equal(h.ok([]), out, 'no arguments prints the same help');
});

test('verb help: options in kubectl layout', () => {
  const out = h.ok(['get', '-h']);
  assert.match(out, /^Display one or many resources\.\n/);
  assert.match(out, /\n    -A, --all-namespaces=false:\n\tIf present, list the requested object/);
  assert.match(out, /\nUsage:\n  kubectl get /);
});

test('get without a type', () => {
  const r = h.run(['get']);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
  );
});

test('works from any directory and through a symlink named kubectl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-link-'));
  const link = join(dir, 'kubectl');
  symlinkSync(BIN, link);
  const r = spawnSync(link, ['get', 'nodes', '-o', 'name'], { cwd: dir, env: { ...process.env, ...h.env }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, h.ok(['get', 'nodes', '-o', 'name']));
  assert.equal(r.stdout, 'node/kubemu\nnode/kubemu-m02\nnode/kubemu-m03\n');
});

test('version --client', () => {
  assert.equal(h.ok(['version', '--client']), 'Client Version: v1.32.5\nKustomize Version: v5.5.0\n');
});
