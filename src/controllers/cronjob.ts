/**
 * The CronJob controller (pkg/controller/cronjob, v2): on the simulated clock, creates the Job
 * "<cronjob>-<scheduled time in minutes>" for each schedule (in spec.timeZone), honouring
 * concurrencyPolicy, startingDeadlineSeconds and suspend, tracks active Jobs, lastScheduleTime and
 * lastSuccessfulTime, and keeps the configured history of finished Jobs.
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { forGroupResource } from '../api/registry.js';
import { controllerRef, eventAction, keyOf, ownerRefTo, splitKey, timeMs, withStatus } from './util.js';
import { CronParseError, parseSchedule, rfc3339In, validTimeZone, type Schedule } from './cron.js';
import { jobFinished } from './job.js';
import { rfc3339 } from '../util/clock.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const JOBS = forGroupResource('jobs.batch')!;
const CRONJOBS = forGroupResource('cronjobs.batch')!;
const COMPONENT = 'cronjob-controller';
/** The controller wakes this long after a scheduled time (nextScheduleDelta). */
const NEXT_SCHEDULE_DELTA = 100;
/** Schedules further back than this before the settle's end are skipped when catching up. */
const CATCH_UP_WINDOW = 60 * 60 * 1000;

export const jobNameFor = (cj: KObject, scheduled: number) => `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;

/** time.RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700" (UTC). */
function rfc1123z(t: number): string {
  const d = new Date(t);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/**
 * mostRecentScheduleTime: the latest schedule in (earliest, now] and how many were missed, where
 * earliest is the last schedule (or creation), moved up to now - startingDeadlineSeconds.
 */
export function mostRecentSchedule(cj: KObject, now: number, sched: Schedule, skippedTo?: number): { earliest: number; recent?: number; missed: number } {
  let earliest = timeMs(cj.status?.lastScheduleTime) ?? timeMs(cj.metadata.creationTimestamp) ?? now;
  // Schedules the engine skipped while catching up over a long gap were not missed.
  if (skippedTo !== undefined && earliest < skippedTo - 1) earliest = skippedTo - 1;
  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds !== undefined && sds !== null && earliest < now - sds * 1000) earliest = now - sds * 1000;
  let t = sched.next(earliest);
  let recent: number | undefined;
  let missed = 0;
  while (t !== undefined && t <= now) {
    recent = t;
    missed++;
    t = sched.next(t);
    if (missed > 100_000) break;
  }
  return { earliest, recent, missed };
}

export function syncCronJob(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const cj = view.get(CRONJOBS, ns, name);
  if (!cj) {
    const skips = view.doc.engine.data.cronjobSkips as Record<string, number> | undefined;
    if (skips?.[key] === undefined) return [];
    return [
      {
        op: 'data',
        apply: (doc) => {
          const all = doc.engine.data.cronjobSkips as Record<string, number>;
          delete all[key];
          if (!Object.keys(all).length) delete doc.engine.data.cronjobSkips;
        },
      },
    ];
  }
  const now = view.now;
  const uid = cj.metadata.uid!;
  const events: Action[] = [];
  const ev = (type: 'Normal' | 'Warning', reason: string, message: string) => events.push(eventAction(cj, type, reason, message, COMPONENT));
  const status: any = structuredClone(cj.status ?? {});
  let active: any[] = status.active ?? [];

  // The Jobs it owns: finished ones leave the active list; successes set lastSuccessfulTime.
  const jobs = view.ownedBy(uid).filter((j) => j.kind === 'Job' && controllerRef(j)?.uid === uid);
  const children = new Set<string>();
  for (const j of jobs) {
    children.add(j.metadata.uid!);
    const inActive = active.some((a) => a.uid === j.metadata.uid);
    const fin = jobFinished(j);
    if (!inActive && !fin) {
      ev('Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
    } else if (inActive && fin) {
      active = active.filter((a) => a.uid !== j.metadata.uid);
      ev('Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${fin}`);
    } else if (fin === 'Complete') {
      const ct = timeMs(j.status?.completionTime);
      const last = timeMs(status.lastSuccessfulTime);
      if (ct !== undefined && (last === undefined || ct > last)) status.lastSuccessfulTime = j.status.completionTime;
    }
  }
  for (const a of [...active]) {
    if (children.has(a.uid)) continue;
    const j = view.get(JOBS, a.namespace, a.name);
    if (!j) {
      ev('Normal', 'MissingJob', `Active job went missing: ${a.name}`);
      active = active.filter((x) => x.uid !== a.uid);
    }
  }

  const finish = (wake?: { at?: number; skipTo?: number }): Action[] => {
    const requeueAt = wake?.at;
    if (active.length) status.active = active;
    else delete status.active;
    const out: Action[] = [];
    if (JSON.stringify(status) !== JSON.stringify(cj.status ?? {})) out.push({ op: 'status', obj: withStatus(cj, status) });
    out.push(...events);
    out.push(...cleanupHistory(cj, jobs, active));
    if (requeueAt !== undefined) out.push({ op: 'after', delayMs: Math.max(0, requeueAt - now), key });
    if (wake?.skipTo !== undefined) {
      const to = wake.skipTo;
      out.push({ op: 'data', apply: (doc) => ((doc.engine.data.cronjobSkips as Record<string, number>) ??= {})[key] = to });
    }
    return out;
  };

  if (cj.metadata.deletionTimestamp) return finish();
  const tz: string | undefined = cj.spec?.timeZone ?? undefined;
  if (tz !== undefined && !validTimeZone(tz)) {
    ev('Warning', 'UnknownTimeZone', `invalid timeZone: "${tz}": unknown time zone ${tz}`);
    return finish();
  }
  if (cj.spec?.suspend) return finish();
  let sched: Schedule;
  try {
    sched = parseSchedule(cj.spec?.schedule ?? '', tz);
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e;
    ev('Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule}" : ${e.message}`);
    return finish();
  }

  const skips = (view.doc.engine.data.cronjobSkips as Record<string, number> | undefined) ?? {};
  const { recent, missed } = mostRecentSchedule(cj, now, sched, skips[key]);
  if (missed > 100) ev('Warning', 'TooManyMissedTimes', `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
  const wake = (from: number) => nextWake(sched, from, view.until, cj);
  if (recent === undefined) return finish(wake(now));
  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds !== undefined && sds !== null && recent + sds * 1000 < now) {
    ev('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(recent)}`);
    return finish(wake(now));
  }
  const jobName = jobNameFor(cj, recent);
  if (active.some((a) => a.name === jobName) || timeMs(status.lastScheduleTime) === recent) return finish(wake(now));
  const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && active.length) {
    ev('Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return finish(wake(now));
  }
  const replaced: Action[] = [];
  if (policy === 'Replace') {
    for (const a of active) {
      if (!view.get(JOBS, a.namespace, a.name)) continue;
      replaced.push({ op: 'delete', ri: JOBS, namespace: a.namespace, name: a.name, options: { propagationPolicy: 'Background' }, onError: () => [] });
      ev('Normal', 'SuccessfulDelete', `Deleted job ${a.name}`);
    }
    active = [];
  }

  const tmpl = cj.spec?.jobTemplate ?? {};
  const job: KObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName,
      namespace: ns,
      annotations: { ...(tmpl.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339In(recent, tz) },
      ownerReferences: [ownerRefTo(cj)],
    },
    spec: structuredClone(tmpl.spec ?? {}),
  };
  if (tmpl.metadata?.labels && Object.keys(tmpl.metadata.labels).length) job.metadata.labels = { ...tmpl.metadata.labels };
  const requeue = wake(now);
  return [
    ...replaced,
    {
      op: 'create',
      obj: job,
      then: (created) => {
        active = [...active, { apiVersion: 'batch/v1', kind: 'Job', name: created.metadata.name, namespace: created.metadata.namespace, resourceVersion: created.metadata.resourceVersion, uid: created.metadata.uid }];
        status.lastScheduleTime = rfc3339(recent);
        ev('Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
        return finish(requeue);
      },
      onError: (err) => {
        if (err.reason !== 'AlreadyExists' && !/because it is being terminated/.test(err.message)) ev('Warning', 'FailedCreate', `Error creating job: ${err.message}`);
        return finish(requeue);
      },
    },
  ];
}

/**
 * When to look again: 100 ms after the next schedule. When the control plane is catching up over
 * a long gap (a user back after days), schedules long before the gap's end are skipped: only the
 * last hour, or the last few schedules if they are rarer, are run — what remains visible anyway.
 */
function nextWake(sched: Schedule, from: number, until: number, cj: KObject): { at?: number; skipTo?: number } {
  const next = sched.next(from);
  if (next === undefined) return {};
  if (until - next <= CATCH_UP_WINDOW) return { at: next + NEXT_SCHEDULE_DELTA };
  const keep = Math.max(cj.spec?.successfulJobsHistoryLimit ?? 3, cj.spec?.failedJobsHistoryLimit ?? 1, 1) + 1;
  // The last `keep` schedules up to the gap's end.
  const ring: number[] = [];
  let t: number | undefined = next;
  let steps = 0;
  while (t !== undefined && t <= until && steps++ < 600_000) {
    ring.push(t);
    if (ring.length > keep) ring.shift();
    t = sched.next(t);
  }
  const target = Math.max(next, Math.min(ring[0] ?? next, until - CATCH_UP_WINDOW));
  let land: number | undefined = next;
  while (land !== undefined && land < target) land = sched.next(land);
  if (land === undefined) return {};
  return land > next ? { at: land + NEXT_SCHEDULE_DELTA, skipTo: land } : { at: land + NEXT_SCHEDULE_DELTA };
}

/** cleanupFinishedJobs: beyond the history limits, the oldest finished Jobs go. */
function cleanupHistory(cj: KObject, jobs: KObject[], active: any[]): Action[] {
  const out: Action[] = [];
  const activeNames = new Set(active.map((a) => a.name));
  const byStart = (a: KObject, b: KObject) => {
    const ta = timeMs(a.status?.startTime);
    const tb = timeMs(b.status?.startTime);
    if (ta === undefined && tb === undefined) return 0;
    if (ta === undefined) return 1;
    if (tb === undefined) return -1;
    return ta - tb;
  };
  for (const [kind, limit] of [
    ['Complete', cj.spec?.successfulJobsHistoryLimit],
    ['Failed', cj.spec?.failedJobsHistoryLimit],
  ] as const) {
    if (limit === undefined || limit === null) continue;
    const done = jobs.filter((j) => jobFinished(j) === kind && !j.metadata.deletionTimestamp && !activeNames.has(j.metadata.name!)).sort(byStart);
    for (let i = 0; i < done.length - limit; i++) {
      const j = done[i];
      out.push({ op: 'delete', ri: JOBS, namespace: j.metadata.namespace, name: j.metadata.name!, options: { propagationPolicy: 'Background' }, onError: () => [] });
      out.push(eventAction(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, COMPONENT));
    }
  }
  return out;
}

function jobToCronJob(c: Change): string[] {
  const keys: string[] = [];
  for (const o of [c.obj, c.old]) {
    const ref = o && controllerRef(o);
    if (ref?.kind === 'CronJob') keys.push(`${o!.metadata.namespace}/${ref.name}`);
  }
  return [...new Set(keys)];
}

export const cronJobController: Controller = {
  name: COMPONENT,
  watches: { 'cronjobs.batch': (c) => [keyOf(c.obj)], 'jobs.batch': jobToCronJob },
  resync: (v) => v.list(CRONJOBS).map(keyOf),
  sync: syncCronJob,
};
