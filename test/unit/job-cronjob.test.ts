import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, describeActions, T0 } from '../helpers/controlplane.js';
import { jobController, syncJob, formatIndexes, parseIndexes, podBackoffRemaining, ttlAfterFinishedController, TRACKING_FINALIZER } from '../../src/controllers/job.js';
import { cronJobController, syncCronJob, mostRecentSchedule, jobNameFor } from '../../src/controllers/cronjob.js';
import { parseSchedule, CronParseError, rfc3339In } from '../../src/controllers/cron.js';
import { garbageCollector } from '../../src/controllers/gc.js';
import type { KObject } from '../../src/api/types.js';

const job = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
});

type C = ReturnType<typeof testCluster>;
const podsOf = (c: C, name: string) => c.api.list(c.api.resourceByGr('pods'), 'default').filter((p) => p.metadata.ownerReferences?.[0]?.name === name);
const getJob = (c: C, name: string) => c.api.get(c.api.resourceByGr('jobs.batch'), 'default', name);
const finishPod = (c: C, p: KObject, phase: 'Succeeded' | 'Failed') => c.status(p, { ...(p.status ?? {}), phase });
const ctrls = [jobController];

test('a Job runs one pod with the tracking finalizer, counts its success, completes with SuccessCriteriaMet then Complete', () => {
  const c = testCluster();
  c.create(job('pi'));
  c.settle(ctrls);
  const [p] = podsOf(c, 'pi');
  assert.match(p.metadata.name!, /^pi-[a-z0-9]{5}$/);
  assert.deepEqual(p.metadata.finalizers, [TRACKING_FINALIZER]);
  assert.deepEqual(getJob(c, 'pi').status, { active: 1, ready: 0, startTime: '2026-11-22T10:00:00Z', terminating: 0, uncountedTerminatedPods: {} });
  finishPod(c, p, 'Succeeded');
  c.settle(ctrls);
  const st = getJob(c, 'pi').status;
  assert.deepEqual(st.conditions.map((x: { type: string; reason: string }) => `${x.type}/${x.reason}`), ['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached']);
  assert.equal(st.succeeded, 1);
  assert.equal(st.completionTime, '2026-11-22T10:00:00Z');
  assert.equal(st.active, undefined);
  // Counted: the finalizer is gone, the pod stays as Completed.
  assert.equal(podsOf(c, 'pi')[0].metadata.finalizers, undefined);
  const events = c.api.list(c.api.resourceByGr('events'), 'default').map((e) => `${e.reason}: ${e.message}`).sort();
  assert.deepEqual(events, ['Completed: Job completed', `SuccessfulCreate: Created pod: ${p.metadata.name}`]);
});

test('completions and parallelism: at most `parallelism` pods, never more than the completions left', () => {
  const c = testCluster();
  c.create(job('batch', { completions: 5, parallelism: 2 }));
  c.settle(ctrls);
  for (let round = 0; round < 5; round++) {
    const running = podsOf(c, 'batch').filter((p) => p.status?.phase === 'Pending');
    assert.ok(running.length <= 2);
    if (!running.length) break;
    finishPod(c, running[0], 'Succeeded');
    c.settle(ctrls);
  }
  for (const p of podsOf(c, 'batch').filter((x) => x.status?.phase === 'Pending')) finishPod(c, p, 'Succeeded');
  c.settle(ctrls);
  const st = getJob(c, 'batch').status;
  assert.equal(st.succeeded, 5);
  assert.equal(podsOf(c, 'batch').length, 5);
  assert.ok(st.conditions.some((x: { type: string }) => x.type === 'Complete'));
});

test('failures: the replacement waits 10s, 20s, ...; past backoffLimit the Job fails (FailureTarget, then Failed)', () => {
  const c = testCluster();
  c.create(job('flaky', { backoffLimit: 2 }));
  c.settle(ctrls);
  let t = T0;
  for (let i = 0; i < 3; i++) {
    const [p] = podsOf(c, 'flaky').filter((x) => x.status?.phase === 'Pending');
    finishPod(c, p, 'Failed');
    c.settle(ctrls);
    if (i < 2) {
      // No replacement yet: it comes after the back-off.
      assert.equal(podsOf(c, 'flaky').filter((x) => x.status?.phase === 'Pending').length, 0);
      t += 10_000 * 2 ** i;
      c.settle(ctrls, t);
      assert.equal(podsOf(c, 'flaky').filter((x) => x.status?.phase === 'Pending').length, 1, `replacement ${i}`);
    }
  }
  const st = getJob(c, 'flaky').status;
  assert.equal(st.failed, 3);
  assert.deepEqual(
    st.conditions.map((x: { type: string; reason: string; message: string }) => [x.type, x.reason, x.message]),
    [
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ],
  );
  const warn = c.api.list(c.api.resourceByGr('events'), 'default').filter((e) => e.type === 'Warning');
  assert.deepEqual(warn.map((e) => `${e.reason}: ${e.message}`), ['BackoffLimitExceeded: Job has reached the specified backoff limit']);
});

test('the pod re-creation back-off doubles up to ten minutes', () => {
  assert.equal(podBackoffRemaining(undefined, T0), 0);
  assert.equal(podBackoffRemaining({ failures: 1, lastFailure: T0 }, T0 + 4000), 6000);
  assert.equal(podBackoffRemaining({ failures: 3, lastFailure: T0 }, T0), 40_000);
  assert.equal(podBackoffRemaining({ failures: 30, lastFailure: T0 }, T0), 600_000);
});

test('activeDeadlineSeconds: running pods are deleted and the Job fails with DeadlineExceeded', () => {
  const c = testCluster();
  c.create(job('slow', { activeDeadlineSeconds: 30 }));
  c.settle(ctrls);
  const timers = c.api.doc.engine.timers.filter((x) => x.owner === 'job-controller');
  assert.equal(timers[0].at, T0 + 30_000);
  c.settle(ctrls, T0 + 30_000);
  const st = getJob(c, 'slow').status;
  assert.deepEqual(st.conditions.map((x: { type: string; reason: string }) => `${x.type}/${x.reason}`), ['FailureTarget/DeadlineExceeded', 'Failed/DeadlineExceeded']);
  assert.equal(st.failed, 1);
  assert.equal(podsOf(c, 'slow').length, 0);
});

test('suspend deletes the pods and adds Suspended; resume resets startTime', () => {
  const c = testCluster();
  c.create(job('s', { suspend: true }));
  c.settle(ctrls);
  assert.equal(podsOf(c, 's').length, 0);
  let st = getJob(c, 's').status;
  assert.deepEqual(st.conditions.map((x: { type: string; status: string; reason: string }) => `${x.type}/${x.status}/${x.reason}`), ['Suspended/True/JobSuspended']);
  assert.equal(st.startTime, undefined);
  const j = structuredClone(getJob(c, 's'));
  j.spec.suspend = false;
  c.api.update(j);
  c.settle(ctrls, T0 + 5000);
  st = getJob(c, 's').status;
  assert.deepEqual(st.conditions.map((x: { type: string; status: string; reason: string; message: string }) => `${x.type}/${x.status}/${x.reason}/${x.message}`), ['Suspended/False/JobResumed/Job resumed']);
  assert.equal(podsOf(c, 's').length, 1);
});

test('Indexed: one pod per index, named <job>-<index>-xxxxx, completedIndexes as ranges', () => {
  const c = testCluster();
  c.create(job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
  c.settle(ctrls);
  const pods = podsOf(c, 'idx');
  assert.deepEqual(pods.map((p) => p.metadata.annotations!['batch.kubernetes.io/job-completion-index']).sort(), ['0', '1', '2']);
  for (const p of pods) {
    const i = p.metadata.labels!['batch.kubernetes.io/job-completion-index'];
    assert.match(p.metadata.name!, new RegExp(`^idx-${i}-[a-z0-9]{5}$`));
    assert.equal(p.spec.hostname, `idx-${i}`);
    assert.equal(p.spec.containers[0].env[0].name, 'JOB_COMPLETION_INDEX');
  }
  for (const p of pods.filter((x) => x.metadata.labels!['batch.kubernetes.io/job-completion-index'] !== '1')) finishPod(c, p, 'Succeeded');
  c.settle(ctrls);
  assert.equal(getJob(c, 'idx').status.completedIndexes, '0,2');
  assert.equal(formatIndexes(new Set([0, 1, 2, 4, 6, 7])), '0-2,4,6,7');
  assert.deepEqual([...parseIndexes('0-2,4', 10)], [0, 1, 2, 4]);
});

test('ttlSecondsAfterFinished deletes the finished Job; its pods follow through the garbage collector', () => {
  const c = testCluster();
  c.create(job('short', { ttlSecondsAfterFinished: 60 }));
  const all = [jobController, ttlAfterFinishedController, garbageCollector];
  c.settle(all);
  finishPod(c, podsOf(c, 'short')[0], 'Succeeded');
  c.settle(all);
  c.settle(all, T0 + 59_000);
  assert.ok(getJob(c, 'short'));
  c.settle(all, T0 + 60_000);
  assert.equal(c.api.peek(c.api.resourceByGr('jobs.batch'), 'default', 'short'), undefined);
  assert.equal(podsOf(c, 'short').length, 0);
});

test('deleting a running job pod counts a failure; the replacement follows the 10 s back-off', () => {
  const c = testCluster();
  c.create(job('d'));
  c.settle(ctrls);
  const [p] = podsOf(c, 'd');
  c.api.bind('default', p.metadata.name!, 'n1');
  c.api.delete(c.api.resourceByGr('pods'), 'default', p.metadata.name!);
  const acts = describeActions(syncJob('default/d', c.view));
  assert.ok(acts.includes('after 10000 default/d'), acts.join('\n'));
  assert.ok(acts.includes(`update Pod ${p.metadata.name}`));
  c.settle(ctrls, T0 + 10_000);
  assert.equal(podsOf(c, 'd').filter((x) => !x.metadata.deletionTimestamp).length, 1);
  assert.equal(getJob(c, 'd').status.failed, 1);
});

// ---- cron -------------------------------------------------------------------------------------

test('cron: fields, ranges, steps, names, descriptors, time zones; robfig errors', () => {
  const t = Date.parse('2026-11-22T10:00:30Z'); // a Sunday
  const next = (s: string, tz?: string) => rfc3339In(parseSchedule(s, tz).next(t)!, tz);
  assert.equal(next('*/15 * * * *'), '2026-11-22T10:15:00Z');
  assert.equal(next('@hourly'), '2026-11-22T11:00:00Z');
  assert.equal(next('@daily'), '2026-11-23T00:00:00Z');
  assert.equal(next('@weekly'), '2026-11-29T00:00:00Z');
  assert.equal(next('@monthly'), '2026-12-01T00:00:00Z');
  assert.equal(next('@yearly'), '2027-01-01T00:00:00Z');
  assert.equal(next('0 9 * * MON-FRI', 'Asia/Seoul'), '2026-11-23T09:00:00+09:00');
  assert.equal(next('0 12 * JAN *'), '2027-01-01T12:00:00Z');
  assert.equal(next('5/20 10 * * *'), '2026-11-22T10:05:00Z');
  // Day of month and day of week both restricted: either matches.
  assert.equal(next('0 0 1 * 1'), '2026-11-23T00:00:00Z');
  assert.throws(() => parseSchedule('* * * *'), new CronParseError('expected exactly 5 fields, found 4: [* * * *]'));
  assert.throws(() => parseSchedule('61 * * * *'), new CronParseError('end of range (61) above maximum (59): 61'));
  assert.throws(() => parseSchedule('@fortnightly'), new CronParseError('unrecognized descriptor: @fortnightly'));
});

const cronjob = (name: string, schedule: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name, namespace: 'default' },
  spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...spec },
});

test('a CronJob creates "<name>-<minutes>" at each schedule on the simulated clock', () => {
  const c = testCluster();
  c.create(cronjob('tick', '*/5 * * * *'));
  c.settle([cronJobController]);
  assert.equal(c.api.list(c.api.resourceByGr('jobs.batch'), 'default').length, 0);
  c.settle([cronJobController], T0 + 5 * 60_000 + 100);
  const jobs = c.api.list(c.api.resourceByGr('jobs.batch'), 'default');
  const scheduled = T0 + 5 * 60_000;
  assert.deepEqual(jobs.map((j) => j.metadata.name), [`tick-${scheduled / 60_000}`]);
  assert.equal(jobs[0].metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-11-22T10:05:00Z');
  const cj = c.api.get(c.api.resourceByGr('cronjobs.batch'), 'default', 'tick');
  assert.equal(cj.status.lastScheduleTime, '2026-11-22T10:05:00Z');
  assert.equal(cj.status.active[0].name, jobs[0].metadata.name);
  assert.equal(jobNameFor(cj, scheduled), jobs[0].metadata.name);
});

test('concurrencyPolicy Forbid skips while a Job runs; Replace deletes it; completions are seen and history trimmed', () => {
  const c = testCluster();
  c.create(cronjob('f', '* * * * *', { concurrencyPolicy: 'Forbid' }));
  c.settle([cronJobController], T0 + 2 * 60_000 + 100);
  assert.equal(c.api.list(c.api.resourceByGr('jobs.batch'), 'default').length, 1);
  const ev = c.api.list(c.api.resourceByGr('events'), 'default').map((e) => e.reason);
  assert.ok(ev.includes('JobAlreadyActive'));

  const r = testCluster();
  r.create(cronjob('r', '* * * * *', { concurrencyPolicy: 'Replace' }));
  r.settle([cronJobController, garbageCollector], T0 + 2 * 60_000 + 100);
  const names = r.api.list(r.api.resourceByGr('jobs.batch'), 'default').map((j) => j.metadata.name);
  assert.deepEqual(names, [`r-${(T0 + 2 * 60_000) / 60_000}`]);
});

test('finished Jobs: SawCompletedJob, lastSuccessfulTime, and successfulJobsHistoryLimit', () => {
  const c = testCluster();
  c.create(cronjob('h', '* * * * *', { successfulJobsHistoryLimit: 1 }));
  const all = [cronJobController, jobController];
  for (let m = 1; m <= 3; m++) {
    c.settle(all, T0 + m * 60_000 + 100);
    for (const p of c.api.list(c.api.resourceByGr('pods'), 'default')) if (p.status?.phase === 'Pending') c.status(p, { ...p.status, phase: 'Succeeded' });
    c.settle(all, T0 + m * 60_000 + 200);
  }
  const jobs = c.api.list(c.api.resourceByGr('jobs.batch'), 'default').filter((j) => !j.metadata.deletionTimestamp);
  assert.equal(jobs.length, 1);
  const cj = c.api.get(c.api.resourceByGr('cronjobs.batch'), 'default', 'h');
  assert.equal(cj.status.active, undefined);
  assert.equal(cj.status.lastSuccessfulTime, '2026-11-22T10:03:00Z');
  const msgs = c.api.list(c.api.resourceByGr('events'), 'default').filter((e) => e.involvedObject.kind === 'CronJob').map((e) => e.message);
  assert.ok(msgs.some((m) => /^Saw completed job: h-\d+, condition: Complete$/.test(m)));
  assert.ok(msgs.some((m) => /^Deleted job h-\d+$/.test(m)));
});

test('startingDeadlineSeconds: a schedule missed by more than the deadline is not run', () => {
  const cj = cronjob('late', '0 * * * *', { startingDeadlineSeconds: 10 });
  cj.metadata.creationTimestamp = '2026-11-22T09:00:00Z';
  const sched = parseSchedule('0 * * * *');
  const r = mostRecentSchedule(cj, T0 + 30_000, sched);
  // The 10:00 schedule is within (now - 10 s, now]? No: 10:00:00 < 10:00:20, so nothing to run.
  assert.equal(r.recent, undefined);
  const c = testCluster();
  c.create(cronjob('late2', '0 * * * *', { startingDeadlineSeconds: 10 }));
  assert.deepEqual(describeActions(syncCronJob('default/late2', c.view)).filter((x) => x.startsWith('create')), []);
});

test('catching up after a long gap runs only the recent schedules', () => {
  const c = testCluster();
  c.create(cronjob('busy', '* * * * *'));
  const all = [cronJobController, jobController];
  c.settle(all);
  const week = 7 * 24 * 3600_000;
  c.settle(all, T0 + week + 100);
  const created = c.api.list(c.api.resourceByGr('events'), 'default').filter((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.kind === 'CronJob').length;
  assert.ok(created >= 60 && created <= 63, String(created));
  const cj = c.api.get(c.api.resourceByGr('cronjobs.batch'), 'default', 'busy');
  assert.equal(cj.status.lastScheduleTime, new Date(T0 + week).toISOString().replace('.000Z', 'Z'));
  assert.ok(!c.api.list(c.api.resourceByGr('events'), 'default').some((e) => e.reason === 'TooManyMissedTimes'));
});
