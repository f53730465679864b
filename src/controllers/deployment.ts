/**
 * The Deployment controller (pkg/controller/deployment): owns ReplicaSets named
 * "<deployment>-<pod-template-hash>", rolls out template changes (RollingUpdate within
 * maxSurge/maxUnavailable, or Recreate), scales proportionally, keeps revisions and history,
 * honours paused and progressDeadlineSeconds, and writes status with the Available and
 * Progressing conditions.
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { forGroupResource } from '../api/registry.js';
import {
  byCreation,
  compileSelector,
  computeHash,
  controllerRef,
  eventAction,
  forWrite,
  getCondition,
  keyOf,
  nowTime,
  ownerRefTo,
  splitKey,
  timeMs,
  withStatus,
} from './util.js';
import {
  HASH_LABEL,
  REVISION,
  activeReplicaSets,
  bySizeNewer,
  bySizeOlder,
  byRevision,
  calculateStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  desiredAnnotation,
  findActiveOrLatest,
  findNewReplicaSet,
  hasProgressDeadline,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  newRSNewReplicas,
  proportion,
  removeDeploymentCondition,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  setDeploymentCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  storedStatus,
  sumReplicas,
  sumStatus,
} from './deployment-util.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const RS = forGroupResource('replicasets.apps')!;
const DEPLOY = forGroupResource('deployments.apps')!;
const COMPONENT = 'deployment-controller';

/** One sync of one Deployment: the observed state, a working copy, and the actions decided so far. */
class DeploymentSync {
  readonly actions: Action[] = [];
  /** Working copy: annotations and status change as the sync goes, like the controller's `d`. */
  readonly d: KObject;
  readonly now: number;
  readonly nowStr: string;
  /** Set when the sync must end early (a new ReplicaSet is being created). */
  stop = false;

  constructor(
    readonly view: View,
    readonly stored: KObject,
  ) {
    this.d = structuredClone(stored);
    this.d.status ??= {};
    this.now = view.now;
    this.nowStr = nowTime(view.now);
  }

  event(reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    this.actions.push(eventAction(this.stored, type, reason, message, COMPONENT));
  }

  /** getReplicaSetsForDeployment: owned ReplicaSets that still match, plus adopted orphans. */
  claimReplicaSets(): KObject[] {
    const d = this.stored;
    const uid = d.metadata.uid!;
    const matches = compileSelector(d.spec?.selector);
    const out: KObject[] = [];
    const deleting = !!d.metadata.deletionTimestamp;
    for (const rs of this.view.ownedBy(uid)) {
      if (rs.kind !== 'ReplicaSet' || controllerRef(rs)?.uid !== uid) continue;
      if (matches(rs.metadata.labels)) out.push(rs);
      else if (!deleting && !rs.metadata.deletionTimestamp) {
        const rel = forWrite(rs);
        const refs = (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (refs.length) rel.metadata.ownerReferences = refs;
        else delete rel.metadata.ownerReferences;
        this.actions.push({ op: 'update', obj: rel, onError: () => [] });
      }
    }
    if (!deleting) {
      for (const rs of this.view.orphans(RS, d.metadata.namespace)) {
        if (rs.metadata.deletionTimestamp || !matches(rs.metadata.labels)) continue;
        const adopted = forWrite(rs);
        adopted.metadata.ownerReferences = [...(rs.metadata.ownerReferences ?? []), ownerRefTo(d)];
        this.actions.push({ op: 'update', obj: adopted, onError: () => [] });
        out.push(adopted);
      }
    }
    return out.map((rs) => structuredClone(rs));
  }

  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created if asked) and the old ones. */
  allReplicaSets(rsList: KObject[], create: boolean): { newRS: KObject | undefined; oldRSs: KObject[] } {
    const existing = findNewReplicaSet(this.d, rsList);
    const oldRSs = rsList.filter((rs) => rs !== existing);
    const newRS = this.newReplicaSet(existing, oldRSs, create);
    return { newRS, oldRSs };
  }

  private newReplicaSet(existing: KObject | undefined, oldRSs: KObject[], create: boolean): KObject | undefined {
    const d = this.d;
    const newRevision = String(maxRevision(oldRSs) + 1);
    if (existing) {
      const changed = setNewReplicaSetAnnotations(d, existing, newRevision, true);
      const minReady = d.spec?.minReadySeconds ?? 0;
      const minReadyChanged = (existing.spec.minReadySeconds ?? 0) !== minReady;
      if (changed || minReadyChanged) {
        if (minReady) existing.spec.minReadySeconds = minReady;
        else delete existing.spec.minReadySeconds;
        this.actions.push({ op: 'update', obj: forWrite(existing) });
        return existing;
      }
      this.setRevision(existing.metadata.annotations?.[REVISION] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status.conditions, 'Progressing')) {
        setDeploymentCondition(d.status, newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${existing.metadata.name}"`, this.nowStr));
      }
      return existing;
    }
    if (!create) return undefined;

    // A new ReplicaSet: "<deployment>-<hash>" with the hash in its labels, selector and template.
    const template = structuredClone(d.spec.template ?? {});
    const hash = computeHash(template, d.status.collisionCount);
    template.metadata ??= {};
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH_LABEL]: hash };
    const selector = structuredClone(d.spec.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
    const name = `${d.metadata.name}-${hash}`;
    const rs: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: d.metadata.namespace, labels: { ...template.metadata.labels }, ownerReferences: [ownerRefTo(this.stored)] },
      spec: { replicas: 0, selector, template },
    };
    if (d.spec.minReadySeconds) rs.spec.minReadySeconds = d.spec.minReadySeconds;
    const count = newRSNewReplicas(d, [...oldRSs, rs], rs);
    rs.spec.replicas = count;
    setNewReplicaSetAnnotations(d, rs, newRevision, false);

    const clash = this.view.get(RS, d.metadata.namespace, name);
    if (clash) {
      if (controllerRef(clash)?.uid === this.stored.metadata.uid && equalTemplate(clash, d)) return structuredClone(clash);
      // A hash collision: count it, and the next sync hashes differently.
      d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
      this.stop = true;
      return undefined;
    }
    this.stop = true;
    const after: Action[] = [];
    this.setRevision(newRevision);
    if (hasProgressDeadline(d)) {
      setDeploymentCondition(d.status, newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`, this.nowStr));
    }
    this.actions.push({
      op: 'create',
      obj: rs,
      then: (created) => {
        const out: Action[] = [];
        if (count > 0) out.push(eventAction(this.stored, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${count}`, COMPONENT));
        return [...out, ...after];
      },
      onError: (err) => {
        const msg = `Failed to create new replica set "${name}": ${err.message}`;
        const out: Action[] = [];
        if (/because it is being terminated/.test(err.message)) return out;
        if (hasProgressDeadline(this.stored)) {
          const st = structuredClone(this.stored.status ?? {});
          setDeploymentCondition(st, newCondition('Progressing', 'False', 'ReplicaSetCreateError', msg, this.nowStr));
          out.push({ op: 'status', obj: withStatus(this.stored, st) });
        }
        out.push(eventAction(this.stored, 'Warning', 'ReplicaSetCreateError', msg, COMPONENT));
        return out;
      },
    });
    // The Deployment's own writes happen only once the ReplicaSet exists.
    this.deferWrites = after;
    return undefined;
  }

  /** Where the Deployment's writes go: the action list, or after a pending ReplicaSet creation. */
  private deferWrites: Action[] | undefined;

  private setRevision(rev: string): void {
    const a = (this.d.metadata.annotations ??= {});
    if (a[REVISION] !== rev) a[REVISION] = rev;
  }

  /** scaleReplicaSetAndRecordEvent / scaleReplicaSet: resize (and re-annotate) one ReplicaSet. */
  scaleReplicaSet(rs: KObject, newScale: number, op?: 'up' | 'down'): boolean {
    const d = this.d;
    const oldScale = replicasOf(rs);
    const sizeChanged = oldScale !== newScale;
    const max = replicasOf(d) + maxSurge(d);
    if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max)) return false;
    rs.spec.replicas = newScale;
    setReplicasAnnotations(rs, replicasOf(d), max);
    if (sizeChanged) rs.metadata.generation = (rs.metadata.generation ?? 1) + 1;
    this.actions.push({ op: 'update', obj: forWrite(rs) });
    if (sizeChanged) {
      const how = op ?? (oldScale < newScale ? 'up' : 'down');
      this.event('ScalingReplicaSet', `Scaled ${how} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
      return true;
    }
    return false;
  }

  scaleAndRecord(rs: KObject, newScale: number): boolean {
    if (replicasOf(rs) === newScale) return false;
    return this.scaleReplicaSet(rs, newScale, replicasOf(rs) < newScale ? 'up' : 'down');
  }

  /** checkPausedConditions. */
  checkPaused(): void {
    const d = this.d;
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status.conditions, 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') return;
    const pausedCond = cond?.reason === 'DeploymentPaused';
    if (d.spec.paused && !pausedCond) {
      setDeploymentCondition(d.status, newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', this.nowStr));
    } else if (!d.spec.paused && pausedCond) {
      setDeploymentCondition(d.status, newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', this.nowStr));
    }
  }

  isScalingEvent(rsList: KObject[]): boolean {
    const { newRS, oldRSs } = this.allReplicaSets(rsList, false);
    if (this.stop) return false;
    for (const rs of activeReplicaSets([...oldRSs, newRS])) {
      const desired = desiredAnnotation(rs);
      if (desired !== undefined && desired !== replicasOf(this.d)) return true;
    }
    return false;
  }

  /** scale: proportional scaling of a Deployment with several active ReplicaSets. */
  scale(newRS: KObject | undefined, oldRSs: KObject[]): void {
    const d = this.d;
    const want = replicasOf(d);
    const only = findActiveOrLatest(newRS, oldRSs);
    if (only) {
      if (replicasOf(only) !== want) this.scaleAndRecord(only, want);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) this.scaleAndRecord(old, 0);
      return;
    }
    if ((d.spec.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    const all = activeReplicaSets([...oldRSs, newRS]);
    const current = sumReplicas(all);
    const allowed = want > 0 ? want + maxSurge(d) : 0;
    const toAdd = allowed - current;
    let op: 'up' | 'down' | undefined;
    if (toAdd > 0) {
      all.sort(bySizeNewer);
      op = 'up';
    } else if (toAdd < 0) {
      all.sort(bySizeOlder);
      op = 'down';
    }
    let added = 0;
    const sizes = new Map<KObject, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = proportion(rs, d, toAdd, added);
        sizes.set(rs, replicasOf(rs) + p);
        added += p;
      } else sizes.set(rs, replicasOf(rs));
    }
    all.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) sizes.set(rs, Math.max(0, sizes.get(rs)! + toAdd - added));
      this.scaleReplicaSet(rs, sizes.get(rs)!, op);
    });
  }

  /** cleanupDeployment: old ReplicaSets beyond revisionHistoryLimit, oldest revisions first. */
  cleanup(oldRSs: KObject[]): void {
    const limit = this.d.spec?.revisionHistoryLimit;
    if (limit === undefined || limit === null) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i];
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      this.actions.push({ op: 'delete', ri: RS, namespace: rs.metadata.namespace, name: rs.metadata.name!, onError: () => [] });
    }
  }

  /** syncDeploymentStatus (paused / scaling / deleting syncs): counts only. */
  syncStatus(all: KObject[], newRS: KObject | undefined): void {
    this.d.status = calculateStatus(all, newRS, this.d, this.nowStr);
  }

  /** syncRolloutStatus: counts plus the Progressing condition, and a requeue for the progress deadline. */
  syncRolloutStatus(all: KObject[], newRS: KObject | undefined): void {
    const d = this.d;
    const s = calculateStatus(all, newRS, d, this.nowStr);
    if (!hasProgressDeadline(d)) removeDeploymentCondition(s, 'Progressing');
    const cur = getCondition(d.status.conditions, 'Progressing');
    const complete = s.replicas === s.updatedReplicas && cur?.reason === 'NewReplicaSetAvailable';
    if (hasProgressDeadline(d) && !complete) {
      if (deploymentComplete(d, s)) {
        const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
        setDeploymentCondition(s, newCondition('Progressing', 'True', 'NewReplicaSetAvailable', msg, this.nowStr));
      } else if (deploymentProgressing(d, s)) {
        const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
        const c = newCondition('Progressing', 'True', 'ReplicaSetUpdated', msg, this.nowStr);
        if (cur) {
          if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
          removeDeploymentCondition(s, 'Progressing');
        }
        setDeploymentCondition(s, c);
      } else if (deploymentTimedOut(d, s, this.now)) {
        const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
        setDeploymentCondition(s, newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', msg, this.nowStr));
      }
    }
    const failure = replicaFailure(all, newRS);
    if (failure) setDeploymentCondition(s, failure);
    else removeDeploymentCondition(s, 'ReplicaFailure');
    this.d.status = s;
    this.requeueStuck(s);
  }

  /** requeueStuckDeployment: look again when the progress deadline would pass. */
  private requeueStuck(s: any): void {
    const d = this.d;
    const cur = getCondition(s.conditions, 'Progressing');
    if (!hasProgressDeadline(d) || !cur) return;
    if (deploymentComplete(d, s) || cur.reason === 'ProgressDeadlineExceeded') return;
    const from = timeMs(cur.lastUpdateTime) ?? this.now;
    const due = from + d.spec.progressDeadlineSeconds * 1000 + 1000;
    this.actions.push({ op: 'after', delayMs: Math.max(1000, due - this.now), key: keyOf(this.stored) });
  }

  /** The Deployment's writes: the revision annotation (a metadata update), then status. */
  writes(): Action[] {
    const out: Action[] = [];
    const st = this.stored;
    const rev = this.d.metadata.annotations?.[REVISION];
    if (rev !== undefined && st.metadata.annotations?.[REVISION] !== rev) {
      const upd = forWrite(st);
      upd.metadata.annotations = { ...(st.metadata.annotations ?? {}), [REVISION]: rev };
      out.push({ op: 'update', obj: upd });
    }
    const status = storedStatus(this.d.status);
    if (JSON.stringify(status) !== JSON.stringify(st.status ?? {})) out.push({ op: 'status', obj: withStatus(st, status) });
    return out;
  }

  /** Ends the sync: the Deployment's writes go last (or after the pending ReplicaSet creation). */
  finish(): Action[] {
    const w = this.writes();
    if (this.deferWrites) this.deferWrites.push(...w);
    else this.actions.push(...w);
    return this.actions;
  }
}

function equalTemplate(rs: KObject, d: KObject): boolean {
  return findNewReplicaSet(d, [rs]) !== undefined;
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure condition first, else any old one's. */
function replicaFailure(all: KObject[], newRS: KObject | undefined): any {
  const conv = (c: any) => ({ lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, message: c.message, reason: c.reason, status: c.status, type: c.type });
  for (const rs of newRS ? [newRS] : []) {
    const c = getCondition(rs.status?.conditions, 'ReplicaFailure');
    if (c) return conv(c);
  }
  for (const rs of all) {
    const c = getCondition(rs?.status?.conditions, 'ReplicaFailure');
    if (c) return conv(c);
  }
  return undefined;
}

/** rolloutRolling. */
function rolloutRolling(s: DeploymentSync, rsList: KObject[]): void {
  const { newRS, oldRSs } = s.allReplicaSets(rsList, true);
  if (s.stop || !newRS) return;
  const all = [...oldRSs, newRS];
  const d = s.d;
  // Scale up, if we can.
  if (replicasOf(newRS) !== replicasOf(d)) {
    const target = replicasOf(newRS) > replicasOf(d) ? replicasOf(d) : newRSNewReplicas(d, all, newRS);
    if (s.scaleAndRecord(newRS, target)) return s.syncRolloutStatus(all, newRS);
  }
  // Scale down, if we can.
  if (reconcileOldReplicaSets(s, all, activeReplicaSets(oldRSs), newRS)) return s.syncRolloutStatus(all, newRS);
  if (deploymentComplete(d, d.status)) s.cleanup(oldRSs);
  s.syncRolloutStatus(all, newRS);
}

function reconcileOldReplicaSets(s: DeploymentSync, all: KObject[], oldRSs: KObject[], newRS: KObject): boolean {
  const d = s.d;
  const oldPods = sumReplicas(oldRSs);
  if (oldPods === 0) return false;
  const allPods = sumReplicas(all);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // Unhealthy replicas first, otherwise they would block the rollout.
  let cleaned = 0;
  const sorted = [...oldRSs].sort(byCreation);
  for (const rs of sorted) {
    if (cleaned >= maxScaledDown) break;
    const avail = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === avail) continue;
    const down = Math.min(maxScaledDown - cleaned, replicasOf(rs) - avail);
    s.scaleAndRecord(rs, replicasOf(rs) - down);
    cleaned += down;
  }
  // Then as far as availability allows.
  const available = sumStatus([...sorted, newRS], 'availableReplicas');
  let scaledDown = 0;
  if (available > minAvailable) {
    const total = available - minAvailable;
    for (const rs of sorted) {
      if (scaledDown >= total) break;
      if (replicasOf(rs) === 0) continue;
      const down = Math.min(replicasOf(rs), total - scaledDown);
      s.scaleAndRecord(rs, replicasOf(rs) - down);
      scaledDown += down;
    }
  }
  return cleaned + scaledDown > 0;
}

/** rolloutRecreate: everything old down and gone, then the new ReplicaSet up. */
function rolloutRecreate(s: DeploymentSync, rsList: KObject[], view: View): void {
  let { newRS, oldRSs } = s.allReplicaSets(rsList, false);
  if (s.stop) return;
  let all = [...oldRSs, newRS].filter((x): x is KObject => !!x);
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) if (s.scaleAndRecord(rs, 0)) scaledDown = true;
  if (scaledDown) return s.syncRolloutStatus(all, newRS);
  if (oldPodsRunning(newRS, oldRSs, view)) return s.syncRolloutStatus(all, newRS);
  if (!newRS) {
    ({ newRS, oldRSs } = s.allReplicaSets(rsList, true));
    if (s.stop || !newRS) return;
    all = [...oldRSs, newRS];
  }
  s.scaleAndRecord(newRS, replicasOf(s.d));
  if (deploymentComplete(s.d, s.d.status)) s.cleanup(oldRSs);
  s.syncRolloutStatus(all, newRS);
}

function oldPodsRunning(newRS: KObject | undefined, oldRSs: KObject[], view: View): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  for (const rs of oldRSs) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    for (const p of view.ownedBy(rs.metadata.uid!)) {
      if (p.kind !== 'Pod' || controllerRef(p)?.uid !== rs.metadata.uid) continue;
      if (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}

/** syncDeployment. */
export function syncDeployment(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const stored = view.get(DEPLOY, ns, name);
  if (!stored) return [];
  const s = new DeploymentSync(view, stored);
  const d = s.d;
  const sel = d.spec?.selector;
  if (sel && !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) {
    s.event('SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', 'Warning');
    if ((d.status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      d.status.observedGeneration = d.metadata.generation;
    }
    return s.finish();
  }
  const rsList = s.claimReplicaSets();
  if (stored.metadata.deletionTimestamp) {
    const { newRS, oldRSs } = s.allReplicaSets(rsList, false);
    s.syncStatus([...oldRSs, newRS].filter((x): x is KObject => !!x), newRS);
    return s.finish();
  }
  s.checkPaused();
  const plainSync = () => {
    const { newRS, oldRSs } = s.allReplicaSets(rsList, false);
    if (s.stop) return;
    s.scale(newRS, oldRSs);
    if (d.spec.paused) s.cleanup(oldRSs);
    s.syncStatus([...oldRSs, newRS].filter((x): x is KObject => !!x), newRS);
  };
  if (d.spec.paused) {
    plainSync();
    return s.finish();
  }
  if (s.isScalingEvent(rsList.map((rs) => structuredClone(rs)))) {
    plainSync();
    return s.finish();
  }
  if (d.spec.strategy?.type === 'Recreate') rolloutRecreate(s, rsList, view);
  else rolloutRolling(s, rsList);
  return s.finish();
}

/** ReplicaSet changes go to their Deployment; an orphan's to every Deployment that selects it. */
function replicaSetToDeployments(c: Change, view: View): string[] {
  const keys = new Set<string>();
  for (const o of [c.obj, c.old]) {
    if (!o) continue;
    const ref = controllerRef(o);
    if (ref) {
      if (ref.kind === 'Deployment') keys.add(`${o.metadata.namespace}/${ref.name}`);
    } else if (o === c.obj && c.type !== 'DELETED') {
      for (const d of view.list(DEPLOY, o.metadata.namespace)) if (compileSelector(d.spec?.selector)(o.metadata.labels)) keys.add(keyOf(d));
    }
  }
  return [...keys];
}

/** A deleted pod matters to a Recreate Deployment waiting for the old pods to go. */
function podToDeployment(c: Change, view: View): string[] {
  if (c.type !== 'DELETED') return [];
  const ref = controllerRef(c.obj);
  if (!ref || ref.kind !== 'ReplicaSet') return [];
  const rs = view.get(RS, c.obj.metadata.namespace, ref.name);
  const dref = rs && controllerRef(rs);
  if (!dref || dref.kind !== 'Deployment') return [];
  const d = view.get(DEPLOY, c.obj.metadata.namespace, dref.name);
  return d?.spec?.strategy?.type === 'Recreate' ? [keyOf(d)] : [];
}

export const deploymentController: Controller = {
  name: COMPONENT,
  watches: { 'deployments.apps': (c) => [keyOf(c.obj)], 'replicasets.apps': replicaSetToDeployments, pods: podToDeployment },
  resync: (v) => v.list(DEPLOY).map(keyOf),
  sync: syncDeployment,
};
