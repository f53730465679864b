/** logs and exec through the CLI: container output from the simulated kubelet, kubectl's errors. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

test('logs: a pod, a deployment, a selector with --prefix, --tail, previous instances, errors', () => {
  h.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
  const pods = h.ok(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].metadata.name}']).split(' ');
  const log = h.ok(['logs', pods[0]]);
  assert.match(log, /^\/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty, will attempt to perform configuration\n/);
  assert.equal(h.ok(['logs', pods[0], '--tail=2']), log.split('\n').slice(-3).join('\n'));
  const viaDeploy = h.run(['logs', 'deploy/web', '--tail=1']);
  assert.match(viaDeploy.stderr, /^Found 2 pods, using pod\/web-\S+\n$/);
  assert.equal(viaDeploy.stdout.split('\n').length, 2);
  const prefixed = h.ok(['logs', '-l', 'app=web', '--prefix']);
  // A selector shows the last 10 lines of each pod.
  assert.equal(prefixed.trim().split('\n').length, 20);
  for (const line of prefixed.trim().split('\n')) assert.match(line, /^\[pod\/web-\S+\/nginx\] /);

  h.ok(['run', 'crash', '--image=busybox', '--', 'sh', '-c', 'echo boom; exit 1']);
  h.ok(['cluster', 'advance', '2m']);
  assert.match(h.ok(['get', 'pod', 'crash']), /crash +0\/1 +CrashLoopBackOff +\d+ \(\d+s ago\)/);
  assert.equal(h.ok(['logs', 'crash']), 'boom\n');
  assert.equal(h.ok(['logs', 'crash', '--previous']), 'boom\n');

  h.ok(['run', 'pend', '--image=nginx:9.99']);
  const waiting = h.run(['logs', 'pend']);
  assert.equal(waiting.code, 1);
  assert.match(waiting.stderr, /^Error from server \(BadRequest\): container "pend" in pod "pend" is waiting to start: (image can't be pulled|trying and failing to pull image)\n$/);
  assert.equal(h.run(['logs', 'nosuch']).stderr, 'error: error from server (NotFound): pods "nosuch" not found in namespace "default"\n');
  assert.equal(h.run(['logs']).stderr, "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
  assert.equal(h.run(['logs', 'crash', '-c', 'x', '--all-containers']).stderr, 'error: --all-containers=true should not be specified with container name x\n');
});

test('logs of a pod with two containers default to the first, and say so', () => {
  const f = join(h.dir, 'two.yaml');
  writeFileSync(f, `apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  restartPolicy: Never
  containers:
  - {name: a, image: busybox, command: [sh, -c, 'echo from-a']}
  - {name: b, image: busybox, command: [sh, -c, 'echo from-b']}
`);
  h.ok(['apply', '-f', f]);
  h.ok(['cluster', 'advance', '5s']);
  const r = h.run(['logs', 'two']);
  assert.equal(r.stdout, 'from-a\n');
  assert.equal(r.stderr, 'Defaulted container "a" out of: a, b\n');
  assert.equal(h.ok(['logs', 'two', '-c', 'b']), 'from-b\n');
  assert.equal(h.ok(['logs', 'two', 'b']), 'from-b\n');
  const both = h.ok(['logs', 'two', '--all-containers', '--prefix']);
  assert.equal(both, '[pod/two/a] from-a\n[pod/two/b] from-b\n');
  assert.equal(h.run(['logs', 'two', '-c', 'zz']).stderr, 'error: container zz is not valid for pod two\n');
  assert.equal(h.run(['exec', 'two', '--', 'true']).stderr, 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
});

test('exec: output, exit codes, stdin, errors', () => {
  const pod = h.ok(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}']);
  assert.equal(h.ok(['exec', pod, '--', 'cat', '/etc/hostname']), `${pod}\n`);
  assert.equal(h.ok(['exec', 'deploy/web', '--', 'echo', 'hi']), 'hi\n');
  const failed = h.run(['exec', pod, '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
  assert.equal(failed.code, 3);
  assert.equal(failed.stdout, 'out\n');
  assert.equal(failed.stderr, 'err\ncommand terminated with exit code 3\n');
  assert.equal(h.ok(['exec', '-i', pod, '--', 'cat'], { input: 'piped\n' }), 'piped\n');
  assert.equal(h.run(['exec', pod, 'ls']).stderr, "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
  assert.equal(h.run(['exec', pod]).stderr, 'error: you must specify at least one command for the container\n');
  assert.equal(h.run(['exec', 'nosuch', '--', 'ls']).stderr, 'Error from server (NotFound): pods "nosuch" not found\n');
  assert.equal(h.run(['exec', 'pend', '--', 'ls']).stderr, 'error: unable to upgrade connection: container not found ("pend")\n');
});

test('port-forward, attach, proxy and cp say what the emulator does not do, exit 1', () => {
  for (const [args, what] of [
    [['port-forward', 'pod/x', '8080:80'], 'port-forward'],
    [['attach', 'x'], 'attach'],
    [['proxy'], 'proxy'],
    [['cp', 'a', 'x:/b'], 'cp'],
  ] as const) {
    const r = h.run([...args]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^error: kubemu does not emulate ${what}: `));
  }
  assert.equal(h.run(['cp', 'a']).stderr, 'error: source and destination are required\n');
  assert.equal(h.run(['proxy', '--bogus']).stderr, "error: unknown flag: --bogus\nSee 'kubectl proxy --help' for usage.\n");
});

test('run -i/-t --rm: the container output, its exit code, the pod deleted', () => {
  const ok = h.run(['run', 'tmp', '--image=busybox', '--rm', '-it', '--restart=Never', '--', 'sh', '-c', 'echo hi; echo there']);
  assert.equal(ok.code, 0);
  // The container has a terminal (-t): its lines end in CRLF.
  assert.equal(ok.stdout, 'hi\r\nthere\r\npod "tmp" deleted\n');
  // The pod finished before kubectl saw it running: it streams the logs, no attach, no prompt.
  assert.equal(ok.stderr, '');
  const bad = h.run(['run', 'tmp2', '--image=busybox', '--rm', '-i', '--restart=Never', '--', 'sh', '-c', 'echo bad; exit 4']);
  assert.equal(bad.code, 4);
  assert.equal(bad.stdout, 'bad\npod "tmp2" deleted\n');
  assert.equal(bad.stderr, 'pod default/tmp2 terminated (Error)\n');
  assert.equal(h.run(['get', 'pod', 'tmp']).code, 1);
  h.ok(['expose', 'deploy/web', '--port=80']);
  assert.match(h.ok(['run', 'curl', '--image=busybox', '--rm', '-i', '--restart=Never', '--', 'wget', '-qO-', 'http://web']), /<title>Welcome to nginx!<\/title>/);
  // Kept without --rm, with the stdin fields -i sets.
  assert.equal(h.ok(['run', 'kept', '--image=busybox', '-i', '--restart=Never', '--', 'echo', 'kept']), 'kept\n');
  assert.equal(h.ok(['get', 'pod', 'kept', '-o', 'jsonpath={.spec.containers[0].stdin} {.spec.containers[0].stdinOnce} {.status.phase}']), 'true true Succeeded');
  assert.equal(h.run(['run', 'x', '--image=busybox', '--rm']).stderr, "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n");
  assert.equal(h.run(['run', 'y', '--image=busybox', '-t']).stderr, "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n");
  assert.equal(h.run(['run', 'z', '--image=busybox', '-i', '--dry-run=client']).stderr, "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n");
});

test("a Job running echo hello completes and its logs say hello (issue 3's done-when)", () => {
  h.ok(['create', 'job', 'hello', '--image=busybox', '--', 'echo', 'hello']);
  h.ok(['wait', '--for=condition=Complete', 'job/hello', '--timeout=60s']);
  assert.equal(h.ok(['logs', 'job/hello']), 'hello\n');
  assert.match(h.ok(['get', 'pods', '-l', 'job-name=hello']), /hello-\w+ +0\/1 +Completed +0 /);
});
