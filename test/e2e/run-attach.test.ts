/** run -i/-t/--attach: kubectl's attach and log paths, its messages, --rm, --quiet, exit codes. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

test('a pod seen running is attached: the TTY warning and the prompt line on stderr, its exit code', () => {
  const r = h.run(['run', 'att', '--image=busybox', '-it', '--rm', '--restart=Never', '--', 'sh', '-c', 'sleep 5; echo done; exit 3']);
  assert.equal(r.code, 3);
  assert.equal(r.stdout, 'done\r\npod "att" deleted\n');
  assert.equal(r.stderr, "Unable to use a TTY - input is not a terminal or the right kind of file\nIf you don't see a command prompt, try pressing enter.\npod default/att terminated (Error)\n");
  assert.equal(h.run(['get', 'pod', 'att']).code, 1);
});

test('--quiet drops the prompt line and the deletion line', () => {
  const r = h.run(['run', 'q', '--image=busybox', '-i', '--rm', '-q', '--restart=Never', '--', 'sh', '-c', 'sleep 2; echo quiet']);
  assert.deepEqual(r, { stdout: 'quiet\n', stderr: '', code: 0 });
});

test('--attach with restart Always: the first run of the process, no exit code, the pod stays', () => {
  const r = h.run(['run', 'always', '--image=busybox', '--attach', '--', 'sh', '-c', 'sleep 2; echo once; exit 1']);
  assert.deepEqual(r, { stdout: 'once\n', stderr: "If you don't see a command prompt, try pressing enter.\n", code: 0 });
  assert.match(h.ok(['get', 'pod', 'always', '-o', 'jsonpath={.spec.restartPolicy}']), /^Always$/);
});

test('--leave-stdin-open does not wait for the exit code', () => {
  const r = h.run(['run', 'open', '--image=busybox', '-i', '--leave-stdin-open', '--restart=Never', '--', 'sh', '-c', 'echo bye; exit 2']);
  assert.deepEqual(r, { stdout: 'bye\n', stderr: '', code: 0 });
  assert.equal(h.ok(['get', 'pod', 'open', '-o', 'jsonpath={.spec.containers[0].stdinOnce}']), '');
});

test('--expose with --rm: the Service is printed, then both are deleted, pod first', () => {
  const r = h.run(['run', 'exp', '--image=busybox', '--port=80', '--expose', '-i', '--rm', '--restart=Never', '--', 'echo', 'x']);
  assert.deepEqual(r, { stdout: 'service/exp created\nx\npod "exp" deleted\nservice "exp" deleted\n', stderr: '', code: 0 });
});

test('--cascade: kubectl parses it (booleans are deprecated) before anything is created', () => {
  const bad = h.run(['run', 'c1', '--image=busybox', '-i', '--cascade=sometimes', '--', 'true']);
  assert.deepEqual(bad, { stdout: '', stderr: 'error: invalid cascade value (sometimes). Must be "background", "foreground", or "orphan"\n', code: 1 });
  assert.equal(h.run(['get', 'pod', 'c1']).code, 1);
  const old = h.run(['run', 'c2', '--image=busybox', '-i', '--rm', '--cascade=false', '--restart=Never', '--', 'echo', 'y']);
  assert.deepEqual(old, { stdout: 'y\npod "c2" deleted\n', stderr: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n', code: 0 });
});

test('a container that keeps failing under OnFailure is never running and ready: kubectl times out, --rm still deletes', () => {
  const r = h.run(['run', 'fail', '--image=busybox', '-i', '--rm', '--restart=OnFailure', '--pod-running-timeout=30s', '--', 'sh', '-c', 'echo no; exit 1']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'pod "fail" deleted\n');
  assert.equal(r.stderr, 'error: timed out waiting for the condition\n');
});
