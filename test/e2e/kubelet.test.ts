import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeHome, type Home } from '../helpers/cli.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const homes: Home[] = [];
after(() => homes.forEach((h) => h.cleanup()));
function home(opts: Parameters<typeof makeHome>[0] = {}): Home {
  const h = makeHome(opts);
  homes.push(h);
  return h;
}

const pod = (h: Home, name: string) => JSON.parse(h.ok(['get', 'pod', name, '-o', 'json']));
const messages = (h: Home, name: string) =>
  (JSON.parse(h.ok(['get', 'events', '--field-selector', `involvedObject.name=${name}`, '-o', 'json'])).items as any[])
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => `${e.type} ${e.reason}${e.count > 1 ? ` x${e.count}` : ''}: ${e.message}`);

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: sleeper}
spec:
  containers:
  - {name: bb, image: "busybox:1.36", command: ["sh", "-c", "echo started; sleep 3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: crashy}
spec:
  containers:
  - {name: bb, image: "busybox:1.36", command: ["sh", "-c", "echo oops; exit 1"]}
---
apiVersion: v1
kind: Pod
metadata: {name: badimage}
spec:
  containers:
  - {name: web, image: "nginx:1.91"}
---
apiVersion: v1
kind: Pod
metadata: {name: neverpull}
spec:
  containers:
  - {name: web, image: "httpd:2.4.62", imagePullPolicy: Never}
---
apiVersion: v1
kind: Pod
metadata: {name: cfgerr}
spec:
  containers:
  - name: bb
    image: "busybox:1.36"
    command: ["sleep", "3600"]
    env:
    - name: X
      valueFrom: {configMapKeyRef: {name: app-config, key: mode}}
---
apiVersion: v1
kind: Pod
metadata: {name: withinit}
spec:
  initContainers:
  - {name: wait, image: "busybox:1.36", command: ["sh", "-c", "sleep 5"]}
  containers:
  - {name: web, image: "nginx:1.27"}
---
apiVersion: v1
kind: Pod
metadata: {name: job}
spec:
  restartPolicy: Never
  containers:
  - {name: pi, image: "busybox:1.36", command: ["sh", "-c", "echo 3.14; sleep 2"]}
---
apiVersion: v1
kind: Pod
metadata: {name: failing}
spec:
  restartPolicy: Never
  containers:
  - {name: c, image: "busybox:1.36", command: ["sh", "-c", "exit 2"]}
`;

test('instant profile: each pod settles in the state and with the events a kubelet gives it', () => {
  const h = home();
  h.ok(['apply', '-f', '-'], { input: PODS });
  assert.equal(
    h.ok(['get', 'pods']),
    [
      'NAME        READY   STATUS                       RESTARTS     AGE',
      'badimage    0/1     ImagePullBackOff             0            0s',
      'cfgerr      0/1     CreateContainerConfigError   0            0s',
      'crashy      0/1     CrashLoopBackOff             1 (0s ago)   0s',
      'failing     0/1     Error                        0            0s',
      'job         1/1     Running                      0            0s',
      'neverpull   0/1     ErrImageNeverPull            0            0s',
      'sleeper     1/1     Running                      0            0s',
      'withinit    0/1     Init:0/1                     0            0s',
      '',
    ].join('\n'),
  );
  const bad = messages(h, 'badimage');
  const notFound = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.91": failed to resolve reference "docker.io/library/nginx:1.91": docker.io/library/nginx:1.91: not found';
  for (const m of ['Normal Pulling: Pulling image "nginx:1.91"', `Warning Failed: Failed to pull image "nginx:1.91": ${notFound}`, 'Warning Failed: Error: ErrImagePull', 'Normal BackOff: Back-off pulling image "nginx:1.91"', 'Warning Failed: Error: ImagePullBackOff']) {
    assert.ok(bad.includes(m), `${m}\nin\n${bad.join('\n')}`);
  }
  assert.deepEqual(pod(h, 'badimage').status.containerStatuses[0].state, { waiting: { message: `Back-off pulling image "nginx:1.91": ErrImagePull: ${notFound}`, reason: 'ImagePullBackOff' } });
  assert.ok(messages(h, 'neverpull').includes('Warning ErrImageNeverPull: Container image "httpd:2.4.62" is not present with pull policy of Never'));
  assert.ok(messages(h, 'cfgerr').includes('Warning Failed: Error: configmap "app-config" not found'));
  const crashy = pod(h, 'crashy');
  const cs = crashy.status.containerStatuses[0];
  assert.equal(cs.state.waiting.reason, 'CrashLoopBackOff');
  assert.equal(cs.state.waiting.message, `back-off 10s restarting failed container=bb pod=crashy_default(${crashy.metadata.uid})`);
  assert.deepEqual({ ...cs.lastState.terminated, containerID: 'x' }, { containerID: 'x', exitCode: 1, finishedAt: '2026-11-22T10:00:00Z', reason: 'Error', startedAt: '2026-11-22T10:00:00Z' });
  assert.ok(messages(h, 'crashy').includes(`Warning BackOff: Back-off restarting failed container bb in pod crashy_default(${crashy.metadata.uid})`));
  const started = messages(h, 'sleeper');
  // The reported pull time is drawn from the seeded random source: its value depends on everything drawn before.
  const pulled = started.map((m) => m.replace(/in (\d+(?:\.\d+)?s) \(\1 including waiting\)/, 'in Ns (Ns including waiting)'));
  assert.deepEqual(pulled.filter((m) => !m.startsWith('Normal Scheduled')).sort(), ['Normal Created: Created container bb', 'Normal Pulled: Successfully pulled image "busybox:1.36" in Ns (Ns including waiting). Image size: 2108144 bytes.', 'Normal Pulling: Pulling image "busybox:1.36"', 'Normal Started: Started container bb'].sort());
  // A configmap that appears later unblocks the container.
  h.ok(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config}\ndata: {mode: prod}\n' });
  assert.match(h.ok(['get', 'pod', 'cfgerr']), /cfgerr +1\/1 +Running/);
});

test('time passes: init containers finish, jobs complete, crash loops back off 10s, 20s, 40s...', () => {
  const h = home();
  h.ok(['apply', '-f', '-'], { input: PODS });
  h.ok(['cluster', 'advance', '6s']);
  const rows = h.ok(['get', 'pods', '--no-headers']).trim().split('\n').map((l) => l.split(/\s{2,}/));
  const status = Object.fromEntries(rows.map((r) => [r[0], `${r[1]} ${r[2]} ${r[3]}`]));
  assert.equal(status.withinit, '1/1 Running 0');
  assert.equal(status.job, '0/1 Completed 0');
  assert.equal(status.failing, '0/1 Error 0');
  assert.equal(pod(h, 'job').status.phase, 'Succeeded');
  assert.equal(pod(h, 'failing').status.phase, 'Failed');
  assert.deepEqual(pod(h, 'job').status.conditions.find((c: any) => c.type === 'Ready'), { lastProbeTime: null, lastTransitionTime: '2026-11-22T10:00:02Z', reason: 'PodCompleted', status: 'False', type: 'Ready' });
  // Restarts at 0s, 10s, 30s, 70s, 150s: at 3m the fifth restart was 30s ago.
  h.ok(['cluster', 'advance', '174s']);
  assert.match(h.ok(['get', 'pod', 'crashy']), /crashy +0\/1 +CrashLoopBackOff +5 \(30s ago\) +3m/);
  assert.match(pod(h, 'crashy').status.containerStatuses[0].state.waiting.message, /^back-off 2m40s restarting failed container=bb/);
  // Ten quiet minutes reset the back-off.
  assert.equal(h.run(['get', 'pod', 'sleeper']).code, 0);
});

test('pod IPs come from the node pod CIDR without collisions; hostNetwork pods get the node IP', () => {
  const h = home();
  const mk = (n: string, node: string, hostNetwork = false) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${n}}\nspec:\n  nodeName: ${node}\n  hostNetwork: ${hostNetwork}\n  containers:\n  - {name: c, image: "registry.k8s.io/pause:3.10"}\n`;
  h.ok(['apply', '-f', '-'], { input: [mk('a', 'kubemu-m02'), mk('b', 'kubemu-m02'), mk('c', 'kubemu-m03'), mk('h', 'kubemu-m03', true)].join('---\n') });
  const ip = (n: string) => pod(h, n).status.podIP;
  assert.deepEqual([ip('a'), ip('b'), ip('c'), ip('h')], ['10.244.1.2', '10.244.1.3', '10.244.2.2', '192.168.49.4']);
  h.ok(['delete', 'pod', 'a']);
  h.ok(['apply', '-f', '-'], { input: mk('d', 'kubemu-m02') });
  assert.equal(ip('d'), '10.244.1.4');
});

test('liveness probe failures restart the container with the kubelet\'s events', () => {
  const h = home();
  h.ok(['apply', '-f', '-'], {
    input: `apiVersion: v1
kind: Pod
metadata: {name: liveness-exec}
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    livenessProbe:
      exec: {command: ["cat", "/tmp/healthy"]}
      initialDelaySeconds: 5
      periodSeconds: 5
`,
  });
  h.ok(['cluster', 'advance', '39s']);
  assert.match(h.ok(['get', 'pod', 'liveness-exec']), /1\/1 +Running +0 /);
  assert.deepEqual(messages(h, 'liveness-exec').filter((m) => m.includes('probe')), ["Warning Unhealthy x2: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n"]);
  h.ok(['cluster', 'advance', '2s']);
  assert.ok(messages(h, 'liveness-exec').includes('Normal Killing: Container liveness failed liveness probe, will be restarted'));
  // sh ignores SIGTERM: killed at the end of the 30 s grace period, exit code 137, then restarted.
  h.ok(['cluster', 'advance', '30s']);
  const cs = pod(h, 'liveness-exec').status.containerStatuses[0];
  assert.equal(cs.restartCount, 1);
  assert.equal(cs.lastState.terminated.exitCode, 137);
  assert.equal(cs.lastState.terminated.finishedAt, '2026-11-22T10:01:10Z');
  assert.ok(cs.state.running);
});

test('readiness probes gate Ready; a failing one keeps the pod out with Unhealthy events', () => {
  const h = home();
  h.ok(['apply', '-f', '-'], {
    input: `apiVersion: v1
kind: Pod
metadata: {name: ok}
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 5, periodSeconds: 5}
---
apiVersion: v1
kind: Pod
metadata: {name: notfound}
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 5}
`,
  });
  assert.match(h.ok(['get', 'pod', 'ok']), /ok +0\/1 +Running/);
  h.ok(['cluster', 'advance', '6s']);
  assert.match(h.ok(['get', 'pod', 'ok']), /ok +1\/1 +Running/);
  assert.match(h.ok(['get', 'pod', 'notfound']), /notfound +0\/1 +Running/);
  // The prober ticks every period from admission: the first probe at 5 s, nginx answers 404 for /healthz.
  assert.deepEqual(messages(h, 'notfound').filter((m) => m.includes('probe')), ['Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404']);
  h.ok(['cluster', 'advance', '20s']);
  assert.ok(messages(h, 'notfound').includes('Warning Unhealthy x5: Readiness probe failed: HTTP probe failed with statuscode: 404'));
});

test('realistic profile: ContainerCreating while the image pulls, then Running; graceful deletion takes what the process needs', () => {
  const h = home({ profile: 'realistic' });
  h.ok(['apply', '-f', '-'], {
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: web, image: "nginx:1.27"}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: sleeper}\nspec:\n  containers:\n  - {name: bb, image: "busybox:1.36", command: ["sleep", "3600"]}\n',
  });
  assert.match(h.ok(['get', 'pod', 'web']), /web +0\/1 +ContainerCreating +0 +0s/);
  const creating = pod(h, 'web').status;
  assert.equal(creating.phase, 'Pending');
  assert.deepEqual(creating.containerStatuses[0].state, { waiting: { reason: 'ContainerCreating' } });
  h.ok(['cluster', 'advance', '3s']);
  assert.match(h.ok(['get', 'pods']), /sleeper +1\/1 +Running[\s\S]*web +1\/1 +Running/);
  const pulled = messages(h, 'web').find((m) => m.includes('Successfully pulled'))!;
  assert.match(pulled, /^Normal Pulled: Successfully pulled image "nginx:1.27" in (\d\.\d+|\d)s \(\1s including waiting\)\. Image size: \d+ bytes\.$/);
  assert.equal(h.ok(['delete', 'pod', 'web']), 'pod "web" deleted\n');
  assert.equal(h.ok(['delete', 'pod', 'sleeper']), 'pod "sleeper" deleted\n');
  // nginx stops at once; sleep ignores SIGTERM and is killed after the 30 s grace period.
  const offset = JSON.parse(readFileSync(`${h.dir}/clusters/kubemu.json`, 'utf8')).cluster.offsetMs;
  assert.ok(offset >= 33_000 && offset < 35_000, String(offset));
});
