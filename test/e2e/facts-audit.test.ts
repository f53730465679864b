/**
 * Facts of kubectl-facts.md marked [obs] that no other test pinned down (see docs/FACTS-AUDIT.md):
 * each asserted byte for byte, against the real kubectl where the behaviour is client-side.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { makeHome } from '../helpers/cli.js';
import { KUBECTL } from '../helpers/fake-apiserver.js';

const h = makeHome();
after(() => h.cleanup());

/** The real kubectl, offline (client-side generators need no server). */
function kubectl(args: string[]): { stdout: string; stderr: string; code: number } {
  const r = spawnSync(KUBECTL, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: h.dir, KUBECONFIG: '/dev/null' } });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

test('client-side generators do not validate names (as kubectl: deployment.apps/My_App)', () => {
  const args = ['create', 'deployment', 'My_App', '--image=nginx', '--dry-run=client', '-o', 'name'];
  const theirs = kubectl(args);
  assert.deepEqual(theirs, { stdout: 'deployment.apps/My_App\n', stderr: '', code: 0 });
  assert.deepEqual(h.run(args), theirs);
});

test('jsonpath has no functions: {len(.items)} fails as in kubectl, with its debugging output', () => {
  const args = ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={len(.items)}'];
  const theirs = kubectl(args);
  assert.match(theirs.stderr, /^error: error executing jsonpath "\{len\(\.items\)\}": Error executing template: unrecognized identifier len\(\./);
  assert.deepEqual(h.run(args), theirs);
});

test('several missing names: one NotFound line each, exit 1', () => {
  const r = h.run(['get', 'pods', 'a', 'b']);
  assert.deepEqual(r, { stdout: '', stderr: 'Error from server (NotFound): pods "a" not found\nError from server (NotFound): pods "b" not found\n', code: 1 });
});

test('delete --grace-period=0 --force: the warning on stderr, "force deleted" on stdout', () => {
  h.ok(['run', 'p', '--image=nginx']);
  const r = h.run(['delete', 'pod', 'p', '--grace-period=0', '--force']);
  assert.deepEqual(r, {
    stdout: 'pod "p" force deleted\n',
    stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    code: 0,
  });
});

test('rollout status of a DaemonSet that is not RollingUpdate is refused', () => {
  h.ok(['patch', 'ds', 'kube-proxy', '-n', 'kube-system', '-p', '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}']);
  const r = h.run(['rollout', 'status', 'ds/kube-proxy', '-n', 'kube-system']);
  assert.deepEqual(r, { stdout: '', stderr: 'error: rollout status is only available for RollingUpdate strategy type\n', code: 1 });
});

test('describe node without a lease: "Failed to get lease" with the NotFound text', () => {
  // A stopped kubelet does not renew (or recreate) its lease.
  h.ok(['node', 'stop', 'kubemu-m03']);
  h.ok(['delete', 'lease', 'kubemu-m03', '-n', 'kube-node-lease']);
  const out = h.ok(['describe', 'node', 'kubemu-m03']);
  assert.match(out, /\nLease:              Failed to get lease: leases\.coordination\.k8s\.io "kubemu-m03" not found\n/);
});

test('a field selector on an unsupported field: the server BadRequest text, exit 1', () => {
  const r = h.run(['get', 'pods', '--field-selector', 'spec.foo=bar']);
  assert.deepEqual(r, {
    stdout: '',
    stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo\n',
    code: 1,
  });
});
