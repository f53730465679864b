/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types.js';
import { humanDuration } from '../duration.js';
import { tabbed, type DescribeWriter } from './writer.js';
import { type DescribeClock, fmtTime, timeOf, labelsMultiline, annotationsMultiline, describeEvents, selectorString, selectorOrError, formatLabelSelector, formatLabels, printBoolPtr, intOrString, num } from './common.js';
import { describePodTemplate } from './containers.js';
import { claimClass } from './volumes.js';
import { controllerOf } from './pod.js';
import { quantityString } from '../../util/quantity.js';

/** Pods of a controller by phase (getPodStatusForController). */
export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

const podsStatus = (p: PodCounts) => `${p.running} Running / ${p.waiting} Waiting / ${p.succeeded} Succeeded / ${p.failed} Failed`;

function conditionsTypeStatusReason(w: DescribeWriter, conditions: any[] | undefined): void {
  if (!conditions?.length) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conditions) w.write(1, `${c.type ?? ''} \t${c.status ?? ''}\t${c.reason ?? ''}\n`);
}

function replicaSetsByLabels(list: KObject[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${num(rs.status?.replicas)}/${num(rs.spec?.replicas)} replicas created)`).join(', ');
  return s || '<none>';
}

export function describeDeployment(d: KObject, oldRSs: KObject[], newRSs: KObject[], events: KObject[] | undefined, c: DescribeClock): string {
  const selector = selectorString(d.spec?.selector);
  return tabbed((w) => {
    w.write(0, `Name:\t${d.metadata.name}\n`);
    w.write(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
    w.write(0, `CreationTimestamp:\t${fmtTime(c, d.metadata.creationTimestamp)}\n`);
    labelsMultiline(w, 'Labels', d.metadata.labels);
    annotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(0, `Selector:\t${selector}\n`);
    const st = d.status ?? {};
    w.write(0, `Replicas:\t${num(d.spec?.replicas)} desired | ${num(st.updatedReplicas)} updated | ${num(st.replicas)} total | ${num(st.availableReplicas)} available | ${num(st.unavailableReplicas)} unavailable\n`);
    w.write(0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
    w.write(0, `MinReadySeconds:\t${num(d.spec?.minReadySeconds)}\n`);
    const ru = d.spec?.strategy?.rollingUpdate;
    if (ru) w.write(0, `RollingUpdateStrategy:\t${intOrStringPtr(ru.maxUnavailable)} max unavailable, ${intOrStringPtr(ru.maxSurge)} max surge\n`);
    describePodTemplate(w, d.spec?.template, c);
    conditionsTypeStatusReason(w, st.conditions);
    if (oldRSs.length || newRSs.length) {
      w.write(0, `OldReplicaSets:\t${replicaSetsByLabels(oldRSs)}\n`);
      w.write(0, `NewReplicaSet:\t${replicaSetsByLabels(newRSs)}\n`);
    }
    if (events) describeEvents(w, events, c);
  });
}

/** "%s" of a *IntOrString: "<nil>" when unset. */
const intOrStringPtr = (v: unknown) => (v === undefined || v === null ? '<nil>' : String(v));

export function describeReplicaSet(rs: KObject, pods: PodCounts | string, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${rs.metadata.name}\n`);
    w.write(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
    w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    labelsMultiline(w, 'Labels', rs.metadata.labels);
    annotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const ctl = controllerOf(rs);
    if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
    w.write(0, `Replicas:\t${num(rs.status?.replicas)} current / ${num(rs.spec?.replicas)} desired\n`);
    w.write(0, 'Pods Status:\t');
    if (typeof pods === 'string') w.write(0, `error in fetching pods: ${pods}\n`);
    else w.write(0, `${podsStatus(pods)}\n`);
    describePodTemplate(w, rs.spec?.template, c);
    conditionsTypeStatusReason(w, rs.status?.conditions);
    if (events) describeEvents(w, events, c);
  });
}

export function describeDaemonSet(ds: KObject, pods: PodCounts, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    const st = ds.status ?? {};
    w.write(0, `Name:\t${ds.metadata.name}\n`);
    w.write(0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
    w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
    labelsMultiline(w, 'Labels', ds.metadata.labels);
    annotationsMultiline(w, 'Annotations', ds.metadata.annotations);
    w.write(0, `Desired Number of Nodes Scheduled: ${num(st.desiredNumberScheduled)}\n`);
    w.write(0, `Current Number of Nodes Scheduled: ${num(st.currentNumberScheduled)}\n`);
    w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(st.updatedNumberScheduled)}\n`);
    w.write(0, `Number of Nodes Scheduled with Available Pods: ${num(st.numberAvailable)}\n`);
    w.write(0, `Number of Nodes Misscheduled: ${num(st.numberMisscheduled)}\n`);
    w.write(0, `Pods Status:\t${podsStatus(pods)}\n`);
    describePodTemplate(w, ds.spec?.template, c);
    if (events) describeEvents(w, events, c);
  });
}

export function describeStatefulSet(ss: KObject, pods: PodCounts, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    const spec = ss.spec ?? {};
    w.write(0, `Name:\t${ss.metadata.name}\n`);
    w.write(0, `Namespace:\t${ss.metadata.namespace ?? ''}\n`);
    w.write(0, `CreationTimestamp:\t${fmtTime(c, ss.metadata.creationTimestamp)}\n`);
    w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
    labelsMultiline(w, 'Labels', ss.metadata.labels);
    annotationsMultiline(w, 'Annotations', ss.metadata.annotations);
    w.write(0, `Replicas:\t${num(spec.replicas)} desired | ${num(ss.status?.replicas)} total\n`);
    w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
    }
    w.write(0, `Pods Status:\t${podsStatus(pods)}\n`);
    describePodTemplate(w, spec.template, c);
    const templates: any[] = spec.volumeClaimTemplates ?? [];
    if (!templates.length) w.write(0, 'Volume Claims:\t<none>\n');
    else {
      w.write(0, 'Volume Claims:\n');
      for (const pvc of templates) {
        w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
        w.write(1, `StorageClass:\t${claimClass(pvc)}\n`);
        labelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
        labelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
        const cap = pvc.spec?.resources?.requests?.storage;
        w.write(1, `Capacity:\t${cap === undefined ? '<default>' : quantityString(cap)}\n`);
        w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
      }
    }
    if (events) describeEvents(w, events, c);
  });
}

function capIndexes(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  for (; ix < indexes.length; ix++) if (indexes[ix] === ',') break;
  if (ix >= indexes.length) return indexes;
  return indexes.slice(0, ix + 1) + '...';
}

export function describeJob(job: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    const spec = job.spec ?? {};
    const st = job.status ?? {};
    w.write(0, `Name:\t${job.metadata.name}\n`);
    w.write(0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
    w.write(0, `Selector:\t${selectorOrError(spec.selector)}\n`);
    labelsMultiline(w, 'Labels', job.metadata.labels);
    annotationsMultiline(w, 'Annotations', job.metadata.annotations);
    const ctl = controllerOf(job);
    if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
    if (isSet(spec.parallelism)) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(0, `Completions:\t${isSet(spec.completions) ? spec.completions : '<unset>'}\n`);
    if (isSet(spec.completionMode)) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
    if (isSet(spec.suspend)) w.write(0, `Suspend:\t${spec.suspend ? 'true' : 'false'}\n`);
    if (isSet(spec.backoffLimit)) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (isSet(spec.ttlSecondsAfterFinished)) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (st.startTime) w.write(0, `Start Time:\t${fmtTime(c, st.startTime)}\n`);
    if (st.completionTime) w.write(0, `Completed At:\t${fmtTime(c, st.completionTime)}\n`);
    if (st.startTime && st.completionTime) w.write(0, `Duration:\t${humanDuration((timeOf(st.completionTime) ?? 0) - (timeOf(st.startTime) ?? 0))}\n`);
    if (isSet(spec.activeDeadlineSeconds)) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    if (!isSet(st.ready)) w.write(0, `Pods Statuses:\t${num(st.active)} Active / ${num(st.succeeded)} Succeeded / ${num(st.failed)} Failed\n`);
    else w.write(0, `Pods Statuses:\t${num(st.active)} Active (${st.ready} Ready) / ${num(st.succeeded)} Succeeded / ${num(st.failed)} Failed\n`);
    if (spec.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${capIndexes(st.completedIndexes, 50)}\n`);
    describePodTemplate(w, spec.template, c);
    if (events) describeEvents(w, events, c);
  });
}

const isSet = (v: unknown) => v !== undefined && v !== null;

export function describeCronJob(cj: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    const spec = cj.spec ?? {};
    w.write(0, `Name:\t${cj.metadata.name}\n`);
    w.write(0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
    labelsMultiline(w, 'Labels', cj.metadata.labels);
    annotationsMultiline(w, 'Annotations', cj.metadata.annotations);
    w.write(0, `Schedule:\t${spec.schedule ?? ''}\n`);
    w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
    w.write(0, `Successful Job History Limit:\t${isSet(spec.successfulJobsHistoryLimit) ? spec.successfulJobsHistoryLimit : '<unset>'}\n`);
    w.write(0, `Failed Job History Limit:\t${isSet(spec.failedJobsHistoryLimit) ? spec.failedJobsHistoryLimit : '<unset>'}\n`);
    w.write(0, `Starting Deadline Seconds:\t${isSet(spec.startingDeadlineSeconds) ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
    const jt = spec.jobTemplate?.spec ?? {};
    w.write(0, `Selector:\t${jt.selector ? selectorOrError(jt.selector) : '<unset>'}\n`);
    w.write(0, `Parallelism:\t${isSet(jt.parallelism) ? jt.parallelism : '<unset>'}\n`);
    w.write(0, `Completions:\t${isSet(jt.completions) ? jt.completions : '<unset>'}\n`);
    if (isSet(jt.activeDeadlineSeconds)) w.write(0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
    describePodTemplate(w, jt.template, c);
    const last = cj.status?.lastScheduleTime;
    w.write(0, `Last Schedule Time:\t${last ? fmtTime(c, last) : '<unset>'}\n`);
    const active: any[] = cj.status?.active ?? [];
    w.write(0, 'Active Jobs:\t');
    if (!active.length) w.line('<none>');
    else {
      active.forEach((j, i) => {
        if (i !== 0) w.write(0, ', ');
        w.write(0, j.name ?? '');
      });
      w.line('');
    }
    if (events) describeEvents(w, events, c);
  });
}
