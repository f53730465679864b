/**
 * Jobs and CronJobs through the CLI. Pod outcomes are set through the status subresource, as the
 * kubelet would report them.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

const json = (args: string[]) => JSON.parse(h.ok([...args, '-o', 'json']));
const podsOf = (job: string) => json(['get', 'pods', '-l', `job-name=${job}`]).items;
const setPhase = (pod: string, phase: string) => h.ok(['patch', 'pod', pod, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { phase } })]);
const eventsOf = (name: string) =>
  json(['get', 'events', '--field-selector', `involvedObject.name=${name}`])
    .items.sort((a: { metadata: { resourceVersion: string } }, b: { metadata: { resourceVersion: string } }) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e: { reason: string; message: string }) => `${e.reason}: ${e.message}`);

test('a Job: a pod with the tracking finalizer, then Complete once it succeeds', () => {
  h.ok(['create', 'job', 'hello', '--image=busybox', '--', 'sleep', '3600']);
  const [pod] = podsOf('hello');
  assert.match(pod.metadata.name, /^hello-[a-z0-9]{5}$/);
  assert.deepEqual(pod.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
  const j = json(['get', 'job', 'hello']);
  assert.equal(pod.metadata.labels['batch.kubernetes.io/controller-uid'], j.metadata.uid);
  assert.equal(j.status.active, 1);
  setPhase(pod.metadata.name, 'Succeeded');
  const done = json(['get', 'job', 'hello']);
  assert.deepEqual(
    done.status.conditions.map((c: { type: string; status: string; reason: string; message: string }) => [c.type, c.status, c.reason, c.message]),
    [
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ],
  );
  assert.equal(done.status.succeeded, 1);
  assert.equal(done.status.completionTime, '2026-11-22T10:00:00Z');
  assert.deepEqual(eventsOf('hello'), [`SuccessfulCreate: Created pod: ${pod.metadata.name}`, 'Completed: Job completed']);
  assert.equal(podsOf('hello')[0].metadata.finalizers, undefined);
});

test('backoffLimit 0: one failure fails the Job', () => {
  h.ok(['create', 'job', 'boom', '--image=busybox', '--', 'sleep', '3600']);
  h.ok(['patch', 'job', 'boom', '--type=merge', '-p', '{"spec":{"backoffLimit":0}}']);
  setPhase(podsOf('boom')[0].metadata.name, 'Failed');
  const st = json(['get', 'job', 'boom']).status;
  assert.equal(st.failed, 1);
  assert.deepEqual(st.conditions.map((c: { type: string }) => c.type), ['FailureTarget', 'Failed']);
  assert.equal(eventsOf('boom').at(-1), 'BackoffLimitExceeded: Job has reached the specified backoff limit');
});

test('deleting a Job deletes its pods', () => {
  h.ok(['create', 'job', 'gone', '--image=busybox', '--', 'sleep', '100']);
  assert.equal(podsOf('gone').length, 1);
  h.ok(['delete', 'job', 'gone']);
  assert.equal(podsOf('gone').length, 0);
});

test('a CronJob creates its Job when the simulated clock reaches the schedule', () => {
  h.ok(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/1 * * * *', '--', 'sleep', '3600']);
  assert.equal(json(['get', 'jobs', '-l', 'x!=y']).items.filter((j: { metadata: { name: string } }) => j.metadata.name.startsWith('tick-')).length, 0);
  h.ok(['cluster', 'advance', '61s']);
  const jobs = json(['get', 'jobs']).items.filter((j: { metadata: { name: string } }) => j.metadata.name.startsWith('tick-'));
  assert.equal(jobs.length, 1);
  const scheduled = Date.parse('2026-11-22T10:01:00Z');
  assert.equal(jobs[0].metadata.name, `tick-${scheduled / 60_000}`);
  assert.equal(jobs[0].metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-11-22T10:01:00Z');
  assert.equal(jobs[0].metadata.ownerReferences[0].kind, 'CronJob');
  const cj = json(['get', 'cronjob', 'tick']);
  assert.equal(cj.status.lastScheduleTime, '2026-11-22T10:01:00Z');
  assert.equal(cj.status.active[0].name, jobs[0].metadata.name);
  assert.deepEqual(eventsOf('tick'), [`SuccessfulCreate: Created job ${jobs[0].metadata.name}`]);
});
