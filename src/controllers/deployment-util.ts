/**
 * The Deployment controller's arithmetic (pkg/controller/deployment/util): revisions, surge and
 * unavailability fenceposts, proportional scaling, status and conditions. Plain functions over
 * plain objects, so tests can check each rule alone.
 */
import type { KObject } from '../api/types.js';
import { byCreation, getCondition, omitEmpty, scaledValue, semanticEqual, timeMs } from './util.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const HASH_LABEL = 'pod-template-hash';
/** How long the revision-history annotation may grow (the controller's maxRevHistoryLengthInChars). */
export const MAX_REV_HISTORY_CHARS = 2000;

/** Annotations never copied from a Deployment to its ReplicaSets. */
const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

export const replicasOf = (o: KObject | undefined): number => (o ? (o.spec?.replicas ?? 1) : 0);

const isRolling = (d: KObject) => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

/** ResolveFenceposts: surge rounds up, unavailable rounds down, and both zero means unavailable 1. */
export function resolveFenceposts(maxSurge: any, maxUnavailable: any, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurge(d: KObject): number {
  if (!isRolling(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  return resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicasOf(d))[0];
}

export function maxUnavailable(d: KObject): number {
  const replicas = replicasOf(d);
  if (!isRolling(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const u = resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicas)[1];
  return Math.min(u, replicas);
}

export function revisionOf(o: KObject | undefined): number {
  const v = o?.metadata.annotations?.[REVISION];
  if (v === undefined || !/^\d+$/.test(v)) return 0;
  return Number(v);
}

export function maxRevision(rss: KObject[]): number {
  let m = 0;
  for (const rs of rss) m = Math.max(m, revisionOf(rs));
  return m;
}

/** Pod templates equal apart from the pod-template-hash label (EqualIgnoreHash). */
export function equalIgnoreHash(a: any, b: any): boolean {
  const strip = (t: any) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels[HASH_LABEL];
    return c;
  };
  return semanticEqual(strip(a), strip(b));
}

/** The oldest ReplicaSet whose template is the Deployment's (FindNewReplicaSet). */
export function findNewReplicaSet(d: KObject, rss: KObject[]): KObject | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export const sumReplicas = (rss: (KObject | undefined)[]) => rss.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
export const sumStatus = (rss: (KObject | undefined)[], f: string) => rss.reduce((n, rs) => n + (rs?.status?.[f] ?? 0), 0);
export const activeReplicaSets = (rss: (KObject | undefined)[]): KObject[] => rss.filter((rs): rs is KObject => !!rs && replicasOf(rs) > 0);

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: KObject, all: KObject[], newRS: KObject): number {
  const want = replicasOf(d);
  if (!isRolling(d)) return want;
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? 0, want, true);
  const current = sumReplicas(all);
  const maxTotal = want + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  const up = Math.min(maxTotal - current, want - replicasOf(newRS));
  return replicasOf(newRS) + up;
}

export function desiredAnnotation(rs: KObject): number | undefined {
  const v = rs.metadata.annotations?.[DESIRED_REPLICAS];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

function maxReplicasAnnotation(rs: KObject): number | undefined {
  const v = rs.metadata.annotations?.[MAX_REPLICAS];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** Sets desired-replicas and max-replicas; true if either changed. */
export function setReplicasAnnotations(rs: KObject, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS] !== String(desired)) {
    a[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS] !== String(max)) {
    a[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KObject, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

/** SetNewReplicaSetAnnotations: copies the Deployment's annotations, bumps the revision, keeps history. */
export function setNewReplicaSetAnnotations(d: KObject, rs: KObject, newRevision: string, exists: boolean): boolean {
  let changed = false;
  const a = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_COPY.has(k) || a[k] === v) continue;
    a[k] = v as string;
    changed = true;
  }
  const oldRevision = a[REVISION];
  const had = oldRevision !== undefined;
  let oldInt = 0;
  if (had) {
    if (!/^\d+$/.test(oldRevision)) return changed;
    oldInt = Number(oldRevision);
  }
  const newInt = Number(newRevision);
  if (oldInt < newInt) {
    a[REVISION] = newRevision;
    changed = true;
  }
  if (had && oldInt < newInt) {
    const hist = a[REVISION_HISTORY] ?? '';
    let olds = hist.split(',');
    if (olds[0].length === 0) a[REVISION_HISTORY] = oldRevision;
    else {
      let total = hist.length + oldRevision.length + 1;
      let start = 0;
      while (total > MAX_REV_HISTORY_CHARS && start < olds.length) {
        total -= olds[start].length + 1;
        start++;
      }
      if (total <= MAX_REV_HISTORY_CHARS) {
        olds = [...olds.slice(start), oldRevision];
        a[REVISION_HISTORY] = olds.join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest if none is active. */
export function findActiveOrLatest(newRS: KObject | undefined, oldRSs: KObject[]): KObject | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const sorted = [...oldRSs].sort(byCreation).reverse();
  const active = activeReplicaSets([...sorted, newRS]);
  if (active.length === 0) return newRS ?? sorted[0];
  if (active.length === 1) return active[0];
  return undefined;
}

export function isSaturated(d: KObject, rs: KObject | undefined): boolean {
  if (!rs) return false;
  const desired = desiredAnnotation(rs);
  return desired === replicasOf(d) && replicasOf(rs) === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/** GetProportion: this ReplicaSet's share of replicas to add (or remove) in a proportional scale. */
export function proportion(rs: KObject, d: KObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: KObject, d: KObject): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const dMax = replicasOf(d) + maxSurge(d);
  let before = maxReplicasAnnotation(rs);
  if (!before) before = d.status?.replicas ?? 0;
  if (!before) return 0;
  const size = (replicasOf(rs) * dMax) / before;
  return roundHalfAway(size) - replicasOf(rs);
}

/** Go's math.Round (half away from zero), as integer.RoundToInt32 uses. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Larger first; equal sizes newer first (ReplicaSetsBySizeNewer). */
export function bySizeNewer(a: KObject, b: KObject): number {
  if (replicasOf(a) !== replicasOf(b)) return replicasOf(b) - replicasOf(a);
  return byCreation(b, a);
}

/** Larger first; equal sizes older first (ReplicaSetsBySizeOlder). */
export function bySizeOlder(a: KObject, b: KObject): number {
  if (replicasOf(a) !== replicasOf(b)) return replicasOf(b) - replicasOf(a);
  return byCreation(a, b);
}

export function byRevision(a: KObject, b: KObject): number {
  const d = revisionOf(a) - revisionOf(b);
  return d !== 0 ? d : byCreation(a, b);
}

export const hasProgressDeadline = (d: KObject) => d.spec?.progressDeadlineSeconds !== undefined && d.spec?.progressDeadlineSeconds !== null && d.spec.progressDeadlineSeconds !== 2147483647;

export function newCondition(type: string, status: string, reason: string, message: string, now: string): any {
  return { lastTransitionTime: now, lastUpdateTime: now, message, reason, status, type };
}

/** SetDeploymentCondition: no change for the same status and reason; the transition time kept for the same status. */
export function setDeploymentCondition(status: any, c: any): void {
  const cur = getCondition(status.conditions, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x: any) => x.type !== c.type), c];
}

export function removeDeploymentCondition(status: any, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((x: any) => x.type !== type);
  if (!status.conditions.length) delete status.conditions;
}

/** calculateStatus: counts from the ReplicaSets and the Available condition. */
export function calculateStatus(all: KObject[], newRS: KObject | undefined, d: KObject, now: string): any {
  const available = sumStatus(all, 'availableReplicas');
  const total = sumReplicas(all);
  const unavailable = Math.max(0, total - available);
  const status: any = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(all, 'replicas'),
    updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    collisionCount: d.status?.collisionCount,
  };
  if (d.status?.conditions) status.conditions = d.status.conditions.map((c: any) => ({ ...c }));
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** The status as stored: Go's omitempty for the counters. */
export function storedStatus(s: any): any {
  const out = omitEmpty({
    availableReplicas: s.availableReplicas,
    collisionCount: s.collisionCount,
    conditions: s.conditions,
    observedGeneration: s.observedGeneration,
    readyReplicas: s.readyReplicas,
    replicas: s.replicas,
    unavailableReplicas: s.unavailableReplicas,
    updatedReplicas: s.updatedReplicas,
  });
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}

export function deploymentComplete(d: KObject, s: any): boolean {
  const want = replicasOf(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

export function deploymentProgressing(d: KObject, s: any): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

export function deploymentTimedOut(d: KObject, s: any, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s.conditions, 'Progressing');
  if (!c) return false;
  if (c.reason === 'NewReplicaSetAvailable') return false;
  if (c.reason === 'ProgressDeadlineExceeded') return true;
  const from = timeMs(c.lastUpdateTime) ?? 0;
  return from + d.spec.progressDeadlineSeconds * 1000 < now;
}
