/**
 * The Job controller (pkg/controller/job) and the TTL-after-finished controller. Pods carry the
 * batch.kubernetes.io/job-tracking finalizer until the controller has counted them. A Job runs up
 * to `parallelism` pods until `completions` succeed (or, without completions, until one does),
 * re-creates failed pods after an exponential back-off, fails past backoffLimit or
 * activeDeadlineSeconds (FailureTarget, then Failed once its pods are gone), completes with
 * SuccessCriteriaMet then Complete, and can be suspended and resumed. Indexed Jobs give each pod a
 * completion index.
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { forGroupResource } from '../api/registry.js';
import {
  backoffOf,
  clearBackoff,
  compileSelector,
  controllerRef,
  eventAction,
  forWrite,
  getCondition,
  isPodReady,
  keyOf,
  nowTime,
  ownerRefTo,
  podFromTemplate,
  recordFailure,
  splitKey,
  timeMs,
  withStatus,
} from './util.js';
import { BURST_REPLICAS, deleteFirst, slowStart, type CreateSpec } from './replicaset.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const JOBS = forGroupResource('jobs.batch')!;
const COMPONENT = 'job-controller';
export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
const INDEX_KEY = 'batch.kubernetes.io/job-completion-index';
/** The pod re-creation back-off after failures: 10 s doubling, at most 10 min. */
const POD_FAILURE_BACKOFF = 10_000;
const MAX_POD_FAILURE_BACKOFF = 600_000;

const hasFinalizer = (p: KObject) => (p.metadata.finalizers ?? []).includes(TRACKING_FINALIZER);
const terminal = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** isPodFailed: Failed, or deleted before it succeeded (TerminatingOrFailed replacement). */
function isPodFailed(p: KObject, job: KObject): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (job.spec?.podReplacementPolicy === 'Failed') return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

export function conditionTrue(job: KObject, type: string): any {
  const c = getCondition(job.status?.conditions, type);
  return c?.status === 'True' ? c : undefined;
}

export function jobFinished(job: KObject): 'Complete' | 'Failed' | undefined {
  if (conditionTrue(job, 'Complete')) return 'Complete';
  if (conditionTrue(job, 'Failed')) return 'Failed';
  return undefined;
}

/** ensureJobConditionStatus: adds or updates a condition; the transition time moves only with the status. */
export function ensureCondition(conds: any[], type: string, status: string, reason: string, message: string, now: string): { conditions: any[]; changed: boolean } {
  const out = conds.map((c) => ({ ...c }));
  const cur = out.find((c) => c.type === type);
  if (!cur) {
    if (status === 'False') return { conditions: out, changed: false };
    out.push({ lastProbeTime: now, lastTransitionTime: now, message, reason, status, type });
    return { conditions: out, changed: true };
  }
  if (cur.status !== status) {
    Object.assign(cur, { lastProbeTime: now, lastTransitionTime: now, message, reason, status });
    return { conditions: out, changed: true };
  }
  if (cur.reason !== reason || cur.message !== message) {
    Object.assign(cur, { lastProbeTime: now, message, reason });
    return { conditions: out, changed: true };
  }
  return { conditions: out, changed: false };
}

// ---- completed indexes ("1,3-5,7") ----------------------------------------------------------------

export function parseIndexes(s: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) if (i >= 0 && i < completions) out.add(i);
  }
  return out;
}

export function formatIndexes(set: Set<number>): string {
  const xs = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    if (j === i) parts.push(String(xs[i]));
    else if (j === i + 1) parts.push(`${xs[i]},${xs[j]}`);
    else parts.push(`${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function podIndex(p: KObject): number | undefined {
  const v = p.metadata.annotations?.[INDEX_KEY] ?? p.metadata.labels?.[INDEX_KEY];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

// ---- per-Job bookkeeping: failures since the last success, for the re-creation back-off ----------

interface JobRecord {
  failures: number;
  lastFailure: number;
}

function recordOf(view: View, uid: string): JobRecord | undefined {
  return (view.doc.engine.data.jobs as Record<string, JobRecord> | undefined)?.[uid];
}

function writeRecord(uid: string, rec: JobRecord | undefined): Action {
  return {
    op: 'data',
    apply: (doc) => {
      const all = ((doc.engine.data.jobs as Record<string, JobRecord>) ??= {});
      if (rec) all[uid] = rec;
      else delete all[uid];
      if (!Object.keys(all).length) delete doc.engine.data.jobs;
    },
  };
}

/** How long the next pod creation must wait after failures. */
export function podBackoffRemaining(rec: JobRecord | undefined, now: number): number {
  if (!rec || rec.failures === 0) return 0;
  const d = Math.min(POD_FAILURE_BACKOFF * 2 ** (rec.failures - 1), MAX_POD_FAILURE_BACKOFF);
  const elapsed = now - rec.lastFailure;
  return d <= elapsed ? 0 : d - elapsed;
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count as failures. */
function pastBackoffLimitOnFailure(job: KObject, pods: KObject[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let n = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) n += cs.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? n > 0 : n >= limit;
}

function jobPod(job: KObject, index: number | undefined): KObject {
  const name = job.metadata.name!;
  const pod = podFromTemplate(job.spec.template, job, { generateName: index === undefined ? `${name}-` : `${name}-${index}-` });
  pod.metadata.finalizers = [...(pod.metadata.finalizers ?? []), TRACKING_FINALIZER];
  if (index !== undefined) {
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [INDEX_KEY]: String(index) };
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [INDEX_KEY]: String(index) };
    pod.spec.hostname = `${name}-${index}`;
    const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${INDEX_KEY}']` } } };
    for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
      if (!(c.env ?? []).some((e: any) => e.name === 'JOB_COMPLETION_INDEX')) c.env = [...(c.env ?? []), env];
    }
  }
  return pod;
}

function removeFinalizer(p: KObject): Action {
  const upd = forWrite(p);
  const rest = (p.metadata.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
  if (rest.length) upd.metadata.finalizers = rest;
  else delete upd.metadata.finalizers;
  return { op: 'update', obj: upd, onError: () => [] };
}

function deletePod(job: KObject, p: KObject): Action[] {
  return [
    { op: 'delete', ri: PODS, namespace: p.metadata.namespace, name: p.metadata.name!, onError: () => [] },
    eventAction(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, COMPONENT),
  ];
}

export function syncJob(key: string, view: View): Action[] {
  if (key.startsWith('pod/')) return syncTrackedPod(key.slice(4), view);
  const [ns, name] = splitKey(key);
  const job = view.get(JOBS, ns, name);
  if (!job) return backoffOf(view.doc, COMPONENT, key) ? [clearBackoff(COMPONENT, key)] : [];
  const uid = job.metadata.uid!;
  const now = view.now;
  const nowStr = nowTime(now);
  const actions: Action[] = [];

  // Claim the pods: owned ones, and orphans the selector matches.
  const pods: KObject[] = [];
  for (const p of view.ownedBy(uid)) if (p.kind === 'Pod' && controllerRef(p)?.uid === uid) pods.push(p);
  const finished = jobFinished(job);
  if (!finished && !job.metadata.deletionTimestamp) {
    const matches = compileSelector(job.spec?.selector);
    for (const p of view.orphans(PODS, ns)) {
      if (p.metadata.deletionTimestamp || !matches(p.metadata.labels)) continue;
      const adopted = forWrite(p);
      adopted.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRefTo(job)];
      actions.push({ op: 'update', obj: adopted, onError: () => [] });
      pods.push(adopted);
    }
  }
  if (finished || job.metadata.deletionTimestamp) {
    // Nothing more to run: let go of any pod still held.
    for (const p of pods) if (hasFinalizer(p)) actions.push(removeFinalizer(p));
    if (recordOf(view, uid)) actions.push(writeRecord(uid, undefined));
    return actions;
  }

  const spec = job.spec ?? {};
  const st = job.status ?? {};
  const indexed = spec.completionMode === 'Indexed';
  const completions: number | undefined = spec.completions ?? undefined;
  const parallelism: number = spec.parallelism ?? 1;
  const backoffLimit: number = spec.backoffLimit ?? 6;
  const suspended = spec.suspend === true;
  let conditions: any[] = (st.conditions ?? []).map((c: any) => ({ ...c }));
  const events: Action[] = [];

  const uncountedSucceeded = pods.filter((p) => hasFinalizer(p) && p.status?.phase === 'Succeeded');
  const uncountedFailed = pods.filter((p) => hasFinalizer(p) && p.status?.phase !== 'Succeeded' && isPodFailed(p, job));
  let succeededIdx = indexed ? parseIndexes(st.completedIndexes, completions ?? 0) : undefined;
  if (succeededIdx) for (const p of uncountedSucceeded) {
    const i = podIndex(p);
    if (i !== undefined && i < (completions ?? 0)) succeededIdx.add(i);
  }
  let succeeded = indexed ? succeededIdx!.size : (st.succeeded ?? 0) + uncountedSucceeded.length;
  let failed = (st.failed ?? 0) + uncountedFailed.length;
  let active = pods.filter((p) => !terminal(p) && !p.metadata.deletionTimestamp);
  let terminating = pods.filter((p) => !!p.metadata.deletionTimestamp && !terminal(p)).length;
  const toRelease = new Set<KObject>([...uncountedSucceeded, ...uncountedFailed]);

  // Failures since the last success, for the re-creation back-off.
  let rec = recordOf(view, uid);
  const recBefore = JSON.stringify(rec);
  if (uncountedSucceeded.length) rec = undefined;
  if (uncountedFailed.length) rec = { failures: (rec?.failures ?? 0) + uncountedFailed.length, lastFailure: now };

  let startTime: string | undefined = st.startTime;
  if (!startTime && !suspended) startTime = nowStr;

  // What finishes the Job, if anything.
  let finishing: { type: string; reason: string; message: string } | undefined;
  const ft = conditionTrue(job, 'FailureTarget');
  const scm = conditionTrue(job, 'SuccessCriteriaMet');
  if (ft) finishing = { type: 'FailureTarget', reason: ft.reason, message: ft.message };
  else if (scm) finishing = { type: 'SuccessCriteriaMet', reason: scm.reason, message: scm.message };
  else {
    const newFailure = failed > (st.failed ?? 0);
    const exceeds = newFailure && active.length !== parallelism && failed > backoffLimit;
    const deadline = spec.activeDeadlineSeconds;
    const started = timeMs(startTime);
    if (exceeds || pastBackoffLimitOnFailure(job, pods)) {
      finishing = { type: 'FailureTarget', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    } else if (deadline !== undefined && deadline !== null && !suspended && started !== undefined && now - started >= deadline * 1000) {
      finishing = { type: 'FailureTarget', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
    } else if (deadline !== undefined && deadline !== null && !suspended && started !== undefined) {
      actions.push({ op: 'after', delayMs: Math.max(0, started + deadline * 1000 - now), key });
    }
  }

  if (finishing?.type === 'FailureTarget') {
    // Failing: every pod still running is deleted, and counts as failed.
    for (const p of active) {
      actions.push(...deletePod(job, p));
      if (hasFinalizer(p) && !toRelease.has(p)) {
        toRelease.add(p);
        failed++;
      }
    }
    terminating += active.length;
    active = [];
    conditions = ensureCondition(conditions, 'FailureTarget', 'True', finishing.reason, finishing.message, nowStr).conditions;
  } else if (finishing?.type === 'SuccessCriteriaMet') {
    for (const p of active) actions.push(...deletePod(job, p));
    terminating += active.length;
    active = [];
  } else {
    // manageJob.
    if (suspended) {
      for (const p of active) actions.push(...deletePod(job, p));
      terminating += active.length;
      active = [];
      const r = ensureCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', nowStr);
      conditions = r.conditions;
      if (r.changed) events.push(eventAction(job, 'Normal', 'Suspended', 'Job suspended', COMPONENT));
    } else {
      if (conditionTrue(job, 'Suspended')) {
        conditions = ensureCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', nowStr).conditions;
        startTime = nowStr;
        events.push(eventAction(job, 'Normal', 'Resumed', 'Job resumed', COMPONENT));
      }
      let wantActive: number;
      if (completions === undefined) wantActive = succeeded > 0 ? active.length : parallelism;
      else wantActive = Math.max(0, Math.min(parallelism, completions - succeeded));
      if (active.length > wantActive) {
        const ranked = [...active].sort((a, b) => deleteFirst(a, b, 0, 0, now));
        const victims = ranked.slice(0, active.length - wantActive);
        for (const p of victims) actions.push(...deletePod(job, p));
        active = active.filter((p) => !victims.includes(p));
        terminating += victims.length;
      } else if (active.length < wantActive) {
        const remaining = podBackoffRemaining(rec, now);
        const backoff = backoffOf(view.doc, COMPONENT, key);
        if (remaining > 0) {
          actions.push({ op: 'after', delayMs: remaining, key });
        } else if (!(backoff && backoff.until > now)) {
          let indexes: (number | undefined)[];
          const n = Math.min(wantActive - active.length, BURST_REPLICAS);
          if (indexed) {
            const busy = new Set(active.map(podIndex));
            indexes = [];
            for (let i = 0; i < (completions ?? 0) && indexes.length < n; i++) if (!succeededIdx!.has(i) && !busy.has(i)) indexes.push(i);
          } else indexes = new Array(n).fill(undefined);
          const specs: CreateSpec[] = indexes.map((i) => ({
            obj: jobPod(job, i),
            ok: (created) => [eventAction(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, COMPONENT)],
            fail: (err) => (/because it is being terminated/.test(err.message) ? [] : [eventAction(job, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, COMPONENT)]),
          }));
          actions.push(
            ...slowStart(specs, (err) => (err ? recordFailure(COMPONENT, key, view.now, err.message, backoff) : backoff ? [clearBackoff(COMPONENT, key)] : [])),
          );
          // Counted as active at once, as the controller does.
          active = [...active, ...specs.map((s) => s.obj)];
        }
      }
      const complete = completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= completions && active.length === 0;
      if (complete) {
        finishing = { type: 'SuccessCriteriaMet', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
        conditions = ensureCondition(conditions, 'SuccessCriteriaMet', 'True', finishing.reason, finishing.message, nowStr).conditions;
      }
    }
  }

  // Counted pods let go; the terminal condition once nothing is left terminating.
  for (const p of toRelease) actions.push(removeFinalizer(p));
  let completionTime: string | undefined = st.completionTime;
  if (finishing && terminating === 0) {
    const terminalType = finishing.type === 'FailureTarget' ? 'Failed' : 'Complete';
    conditions = ensureCondition(conditions, terminalType, 'True', finishing.reason, finishing.message, nowStr).conditions;
    if (terminalType === 'Complete') {
      completionTime = nowStr;
      events.push(eventAction(job, 'Normal', 'Completed', 'Job completed', COMPONENT));
    } else events.push(eventAction(job, 'Warning', finishing.reason, finishing.message, COMPONENT));
  }
  if (succeededIdx) succeeded = succeededIdx.size;

  const status: any = {};
  if (active.length) status.active = active.length;
  if (indexed && succeededIdx!.size) status.completedIndexes = formatIndexes(succeededIdx!);
  if (completionTime) status.completionTime = completionTime;
  if (conditions.length) status.conditions = conditions;
  if (failed) status.failed = failed;
  status.ready = active.filter(isPodReady).length;
  if (startTime) status.startTime = startTime;
  if (succeeded) status.succeeded = succeeded;
  status.terminating = terminating;
  status.uncountedTerminatedPods = {};
  if (JSON.stringify(status) !== JSON.stringify(sortKeys(st))) actions.push({ op: 'status', obj: withStatus(job, status) });
  actions.push(...events);
  if (JSON.stringify(rec) !== recBefore) actions.push(writeRecord(uid, rec));
  return actions;
}

function sortKeys(o: any): any {
  const out: any = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

/** A pod still holding the tracking finalizer whose Job is gone: let it go. */
function syncTrackedPod(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const pod = view.get(PODS, ns, name);
  if (!pod || !hasFinalizer(pod)) return [];
  const ref = controllerRef(pod);
  const job = ref && ref.kind === 'Job' ? view.get(JOBS, ns, ref.name) : undefined;
  if (job && job.metadata.uid === ref!.uid) return [];
  return [removeFinalizer(pod)];
}

function podToJob(c: Change, view: View): string[] {
  const keys: string[] = [];
  for (const o of [c.obj, c.old]) {
    if (!o) continue;
    const ref = controllerRef(o);
    if (ref?.kind === 'Job') {
      const k = `${o.metadata.namespace}/${ref.name}`;
      if (!keys.includes(k)) keys.push(k);
    }
  }
  const o = c.obj;
  if (c.type !== 'DELETED' && hasFinalizer(o)) {
    const ref = controllerRef(o);
    const job = ref?.kind === 'Job' ? view.get(JOBS, o.metadata.namespace, ref.name) : undefined;
    if (!ref || !job || job.metadata.uid !== ref.uid) keys.push(`pod/${keyOf(o)}`);
  }
  if (c.type !== 'DELETED' && !controllerRef(o) && o.metadata.labels?.['batch.kubernetes.io/job-name']) {
    keys.push(`${o.metadata.namespace}/${o.metadata.labels['batch.kubernetes.io/job-name']}`);
  }
  return keys;
}

export const jobController: Controller = {
  name: COMPONENT,
  watches: { 'jobs.batch': (c) => (c.type === 'DELETED' ? [] : [keyOf(c.obj)]), pods: podToJob },
  resync: (v) => v.list(JOBS).map(keyOf),
  sync: syncJob,
};

/** When a finished Job's time to live runs out (ms), if it has one. */
export function jobExpiry(job: KObject): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null) return undefined;
  const fin = jobFinished(job);
  if (!fin) return undefined;
  const at = timeMs(conditionTrue(job, fin)?.lastTransitionTime);
  return at === undefined ? undefined : at + ttl * 1000;
}

/** The TTL-after-finished controller: finished Jobs are deleted (background) ttlSecondsAfterFinished later. */
export const ttlAfterFinishedController: Controller = {
  name: 'ttl-after-finished-controller',
  watches: { 'jobs.batch': (c) => (c.type !== 'DELETED' && !c.obj.metadata.deletionTimestamp && jobExpiry(c.obj) !== undefined ? [keyOf(c.obj)] : []) },
  resync: (v) => v.list(JOBS).filter((j) => jobExpiry(j) !== undefined).map(keyOf),
  sync(key, view) {
    const [ns, name] = splitKey(key);
    const job = view.get(JOBS, ns, name);
    if (!job || job.metadata.deletionTimestamp) return [];
    const at = jobExpiry(job);
    if (at === undefined) return [];
    if (view.now < at) return [{ op: 'after', delayMs: at - view.now, key }];
    return [{ op: 'delete', ri: JOBS, namespace: ns, name, options: { propagationPolicy: 'Background', uid: job.metadata.uid }, onError: () => [] }];
  },
};
