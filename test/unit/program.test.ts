import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProcess, strftime, type RunResult } from '../../src/kubelet/shell.js';
import { containerArgv, programKind, replay, runProgram, stopBehaviour, type ProgramSnapshot } from '../../src/kubelet/program.js';
import { imageDigest, imageName, imageSize, parseImage, pullResult } from '../../src/kubelet/images.js';
import { goDuration, inBackoffSince, nextBackoff } from '../../src/kubelet/timing.js';
import { containerEnv, expandRefs, type Refs } from '../../src/kubelet/env.js';
import { logTimestamp } from '../../src/kubelet/logs.js';

const T0 = Date.parse('2026-11-22T10:00:00Z');

function sh(script: string, untilS = 3600, opts: { shell?: 'busybox' | 'dash'; files?: Record<string, string>; maxLines?: number } = {}): RunResult {
  return runProcess(
    { argv: ['sh', '-c', script], env: [['PATH', '/bin'], ['GREETING', 'hello']], hostname: 'web-0', shell: opts.shell ?? 'busybox', start: T0, world: { readFile: (p) => opts.files?.[p] } },
    { until: T0 + untilS * 1000, maxLines: opts.maxLines ?? 100 },
  );
}

const out = (r: RunResult) => r.lines.map((l) => `${(l.at - T0) / 1000} ${l.text}`);

test('sequences, && and ||, exit codes, variables and sleeps in simulated time', () => {
  const r = sh('echo $GREETING; sleep 2 && echo two || echo never; false || echo recovered; exit 3');
  assert.deepEqual(out(r), ['0 hello', '2 two', '2 recovered']);
  assert.deepEqual(r.exit, { code: 3, at: T0 + 2000 });
  assert.equal(r.forever, false);
});

test('while loops with counters, for over seq, if/case, arithmetic and parameter defaults', () => {
  const r = sh('i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo "n=$i"; sleep 1; done; for x in $(seq 1 2); do echo x$x; done; case $GREETING in h*) echo h;; esac; if [ -z "$NOPE" ]; then echo ${NOPE:-dflt}; fi');
  assert.deepEqual(out(r), ['0 n=1', '1 n=2', '2 n=3', '3 x1', '3 x2', '3 h', '3 dflt']);
  assert.equal(r.exit?.code, 0);
});

test('endless loops run forever and are fast-forwarded: the latest lines, dated by the clock', () => {
  const r = sh('while true; do echo "$(date +%T) tick"; sleep 10; done', 30 * 86400, { maxLines: 2 });
  assert.equal(r.forever, true);
  assert.equal(r.exit, undefined);
  assert.deepEqual(out(r), ['2591990 09:59:50 tick', '2592000 10:00:00 tick']);
  assert.ok(r.dropped > 250_000);
  assert.equal(sh('sleep infinity').forever, true);
  assert.equal(sh('tail -f /dev/null').forever, true);
});

test('files: mounts are readable, writes and removals are timed, errors read like busybox or dash', () => {
  const r = sh('cat /etc/cfg/app.conf; touch /tmp/ok; sleep 30; rm -f /tmp/ok; cat /nope', 60, { files: { '/etc/cfg/app.conf': 'mode=prod\n' } });
  assert.deepEqual(out(r), ['0 mode=prod', "30 cat: can't open '/nope': No such file or directory"]);
  assert.deepEqual(r.fs.map((f) => [(f.at - T0) / 1000, f.kind, f.path]), [[0, 'write', '/tmp/ok'], [30, 'rm', '/tmp/ok']]);
  assert.deepEqual(out(sh('nosuch', 1)), ['0 sh: nosuch: not found']);
  assert.equal(sh('nosuch', 1).exit?.code, 127);
  assert.deepEqual(out(sh('nosuch', 1, { shell: 'dash' })), ['0 sh: 1: nosuch: not found']);
  assert.deepEqual(out(sh('echo "a\\tb"', 1, { shell: 'dash' })), ['0 a\tb']);
});

test('pipes and utilities: env, printenv, hostname, grep, wc, head, tr, date', () => {
  assert.deepEqual(out(sh('env | grep GREETING; printenv GREETING; hostname; printf "%s-%d\\n" a 7; echo abc | tr a-z A-Z; seq 5 | wc -l; seq 10 | head -n 2')), ['0 GREETING=hello', '0 hello', '0 web-0', '0 a-7', '0 ABC', '0 5', '0 1', '0 2']);
  assert.equal(strftime('%a %b %e %H:%M:%S %Z %Y', T0), 'Sun Nov 22 10:00:00 UTC 2026');
  assert.equal(strftime('%Y-%m-%dT%H:%M:%S', T0), '2026-11-22T10:00:00');
});

test('exec form: one utility as PID 1, or the runtime error for a missing binary', () => {
  const sleep = runProcess({ argv: ['sleep', '3600'], env: [], hostname: 'h', shell: 'busybox', start: T0 }, { until: T0 + 7200_000, maxLines: 10 });
  assert.deepEqual(sleep.exit, { code: 0, at: T0 + 3600_000 });
  const missing = runProcess({ argv: ['myapp'], env: [], hostname: 'h', shell: 'busybox', start: T0 }, { until: T0 + 1000, maxLines: 10 });
  assert.equal(missing.startError, 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "myapp": executable file not found in $PATH: unknown');
});

test('runProgram: the exec/run -i interface', () => {
  const r = runProgram(['sh', '-c', 'cat /data/x; echo err >&2; exit 4'], [], { readFile: (p) => (p === '/data/x' ? 'content\n' : undefined) }, { at: T0, hostname: 'p', shell: 'busybox' });
  assert.equal(r.stdout, 'content\n');
  assert.equal(r.stderr, 'err\n');
  assert.equal(r.exitCode, 4);
  assert.equal(r.longRunning, false);
  assert.equal(runProgram(['sleep', 'infinity'], [], { readFile: () => undefined }, { at: T0, hostname: 'p', shell: 'busybox', timeoutMs: 5000 }).longRunning, true);
});

test('what a container runs: command replaces ENTRYPOINT, args replace CMD, $(VAR) expands', () => {
  assert.deepEqual(containerArgv({ image: 'busybox', args: ['sleep', '10'] }, []), ['sleep', '10']);
  assert.deepEqual(containerArgv({ image: 'nginx' }, []), ['nginx', '-g', 'daemon off;']);
  assert.deepEqual(containerArgv({ image: 'nginx', args: ['sleep', '5'] }, []), ['sleep', '5']);
  assert.deepEqual(containerArgv({ image: 'registry.k8s.io/coredns/coredns:v1.11.3', args: ['-conf', '/etc/coredns/Corefile'] }, []), ['/coredns', '-conf', '/etc/coredns/Corefile']);
  assert.deepEqual(containerArgv({ image: 'busybox', command: ['echo', '$(NAME)', '$$(NAME)'] }, [['NAME', 'x']]), ['echo', 'x', '$(NAME)']);
  assert.equal(programKind('nginx', ['nginx', '-g', 'daemon off;']).kind, 'server');
  assert.equal(programKind('busybox', ['sh']).kind, 'shell');
  assert.equal(programKind('registry.k8s.io/pause:3.10', ['/pause']).kind, 'quiet');
  assert.equal(programKind('example.com/team/app:1.0', ['/app/server']).kind, 'quiet');
  assert.match(programKind('registry.k8s.io/etcd:3.5.16-0', ['sh', '-c', 'echo']).startError ?? '', /exec: "sh": executable file not found/);
  assert.equal(expandRefs('a-$(X)-$(Y)', new Map([['X', '1']])), 'a-1-$(Y)');
});

function snap(p: Partial<ProgramSnapshot>): ProgramSnapshot {
  return { kind: 'shell', argv: [], env: [], files: [], shared: [], hostname: 'h', shell: 'busybox', image: 'busybox', podIP: '10.244.1.2', ...p };
}

test('servers: startup lines, refusing to start without their settings, stopping on SIGTERM; shells ignore it', () => {
  const nginx = replay(snap({ kind: 'server', image: 'nginx:1.27.3', argv: ['nginx'] }), T0, T0 + 5000, 100);
  assert.equal(nginx.forever, true);
  assert.ok(nginx.lines.some((l) => l.text.endsWith('[notice] 1#1: nginx/1.27.3')));
  const pg = replay(snap({ kind: 'server', image: 'postgres:16', argv: ['postgres'] }), T0, T0 + 5000, 100);
  assert.equal(pg.exit?.code, 1);
  assert.equal(pg.lines[0].text, 'Error: Database is uninitialized and superuser password is not specified.');
  assert.equal(replay(snap({ kind: 'server', image: 'postgres:16', argv: ['postgres'], env: [['POSTGRES_PASSWORD', 'x']] }), T0, T0 + 5000, 100).forever, true);
  assert.deepEqual(stopBehaviour(snap({ kind: 'server', image: 'nginx', argv: ['nginx'] }), T0, T0 + 1000, 30_000).code, 0);
  assert.ok(stopBehaviour(snap({ kind: 'server', image: 'nginx', argv: ['nginx'] }), T0, T0 + 1000, 30_000).ms < 1000);
  assert.deepEqual(stopBehaviour(snap({ argv: ['sh', '-c', 'sleep 3600'] }), T0, T0 + 1000, 30_000), { ms: 30_000, code: 137, lines: [] });
  assert.equal(stopBehaviour(snap({ argv: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'] }), T0, T0 + 1000, 30_000).ms, 50);
});

test('images: references, real tags, sizes, digests, and containerd errors', () => {
  assert.equal(parseImage('nginx').full, 'docker.io/library/nginx:latest');
  assert.equal(parseImage('bitnami/redis:7.2').full, 'docker.io/bitnami/redis:7.2');
  assert.equal(parseImage('registry.k8s.io/pause:3.10').full, 'registry.k8s.io/pause:3.10');
  assert.equal(parseImage('localhost:5000/app').full, 'localhost:5000/app:latest');
  assert.equal(imageName('nginx:1.27'), 'docker.io/library/nginx:1.27');
  for (const ok of ['nginx', 'nginx:1.27', 'nginx:1.27.3', 'nginx:1.14.2', 'nginx:1.7.9', 'nginx:alpine', 'nginx:1.25-alpine', 'busybox:1.28', 'busybox:1.36.1', 'alpine:3.20', 'redis:7', 'redis:7.2-alpine', 'postgres:16.4', 'postgres:9.6.24', 'mysql:8.0.36', 'mongo:7.0', 'node:20-alpine', 'python:3.12-slim', 'ubuntu:22.04', 'ubuntu:jammy', 'debian:bookworm-slim', 'httpd:2.4', 'registry.k8s.io/pause:3.10', 'registry.k8s.io/kube-proxy:v1.32.5']) {
    assert.deepEqual(pullResult(ok, 'known-only'), { ok: true }, ok);
  }
  for (const bad of ['nginx:1.91', 'nginx:lates', 'busybox:1.99', 'alpine:3.99', 'redis:9', 'postgres:16.99', 'ubuntu:99.04', 'python:4.0']) {
    assert.equal(pullResult(bad, 'allow').ok, false, bad);
  }
  assert.deepEqual(pullResult('nginx:1.91', 'allow'), {
    ok: false,
    error: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.91": failed to resolve reference "docker.io/library/nginx:1.91": docker.io/library/nginx:1.91: not found',
  });
  assert.deepEqual(pullResult('ghcr.io/acme/private:1.0', 'allow'), { ok: true });
  assert.match((pullResult('ngnix', 'known-only') as { error: string }).error, /pull access denied, repository does not exist or may require authorization/);
  assert.equal(imageSize('nginx'), 72_099_410);
  assert.equal(imageSize('nginx:1.27'), imageSize('nginx:1.27'));
  assert.match(imageDigest('nginx:1.27'), /^sha256:[0-9a-f]{64}$/);
});

test('durations and back-off as the kubelet formats and computes them', () => {
  assert.deepEqual([845, 1000, 2345, 10_000, 80_000, 300_000].map(goDuration), ['845ms', '1s', '2.345s', '10s', '1m20s', '5m0s']);
  let b = nextBackoff(undefined, T0, T0);
  assert.equal(b.ms, 10_000);
  b = nextBackoff(b, T0 + 1000, T0 + 1000);
  assert.equal(b.ms, 20_000);
  for (let i = 0; i < 10; i++) b = nextBackoff(b, b.last, b.last);
  assert.equal(b.ms, 300_000);
  assert.equal(inBackoffSince(b, b.last + 1000, b.last + 2000), true);
  assert.equal(inBackoffSince(b, b.last + 11 * 60_000, b.last + 11 * 60_000 + 1), false, 'reset after 10 minutes');
  assert.equal(logTimestamp(T0 + 5, 0), '2026-11-22T10:00:00.005104729Z');
});

test('environment: image env, HOSTNAME, envFrom and env with references, service links; missing references fail', () => {
  const refs: Refs = {
    configMap: (n) => (n === 'cfg' ? { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { MODE: 'prod', 'bad-key!': 'x' } } : undefined),
    secret: (n) => (n === 'sec' ? { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, data: { PASSWORD: Buffer.from('s3cret').toString('base64') } } : undefined),
    services: () => [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } }],
    node: () => undefined,
  };
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels: { app: 'x' } }, spec: { nodeName: 'n1' } };
  const env = containerEnv(pod, { envFrom: [{ configMapRef: { name: 'cfg' } }], env: [{ name: 'URL', value: 'http://$(MODE):$(KUBERNETES_SERVICE_PORT)' }, { name: 'PW', valueFrom: { secretKeyRef: { name: 'sec', key: 'PASSWORD' } } }, { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }] }, refs, [['PATH', '/bin']]);
  const m = new Map(env);
  assert.deepEqual(env.slice(0, 2), [['PATH', '/bin'], ['HOSTNAME', 'p']]);
  assert.equal(m.get('MODE'), 'prod');
  assert.equal(m.get('bad-key!'), undefined);
  assert.equal(m.get('URL'), 'http://prod:443');
  assert.equal(m.get('PW'), 's3cret');
  assert.equal(m.get('NODE'), 'n1');
  assert.equal(m.get('APP'), 'x');
  assert.equal(m.get('KUBERNETES_PORT_443_TCP_ADDR'), '10.96.0.1');
  assert.equal(env[env.length - 1][0], 'HOME');
  assert.throws(() => containerEnv(pod, { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] }, refs), /^Error: configmap "nope" not found$/);
  assert.throws(() => containerEnv(pod, { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }] }, refs), /couldn't find key k in ConfigMap default\/cfg/);
  assert.throws(() => containerEnv(pod, { envFrom: [{ secretRef: { name: 'nope' } }] }, refs), /secret "nope" not found/);
  assert.doesNotThrow(() => containerEnv(pod, { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k', optional: true } } }] }, refs));
});
