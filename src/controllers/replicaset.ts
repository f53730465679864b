/**
 * The ReplicaSet controller (pkg/controller/replicaset): claims the pods its selector matches
 * (adopting orphans, releasing those that stopped matching), creates or deletes pods to reach
 * spec.replicas — creations in slow-start batches, at most 500 per sync, with a per-key back-off
 * after failures — and writes status.
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import type { StatusError } from '../api/errors.js';
import { forGroupResource } from '../api/registry.js';
import {
  availableAt,
  backoffOf,
  clearBackoff,
  compileSelector,
  controllerRef,
  eventAction,
  forWrite,
  isPodActive,
  isPodAvailable,
  isPodReady,
  keyOf,
  mapMatches,
  omitEmpty,
  ownerRefTo,
  podFromTemplate,
  readyCondition,
  recordFailure,
  splitKey,
  timeMs,
  withStatus,
  getCondition,
  setCondition,
  nowTime,
} from './util.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const RS = forGroupResource('replicasets.apps')!;
const COMPONENT = 'replicaset-controller';

/** The most pods one sync creates or deletes (the controller's burstReplicas). */
export const BURST_REPLICAS = 500;

/** A pod create that reports back, for slow-start batches. */
export interface CreateSpec {
  obj: KObject;
  ok: (created: KObject) => Action[];
  fail: (err: StatusError) => Action[];
}

/**
 * controller.slowStartBatch: creates in batches of 1, 2, 4, ... and stops after a batch in which
 * something failed. `done` runs once, with the first error (if any) and how many were skipped.
 */
export function slowStart(specs: CreateSpec[], done: (err: StatusError | undefined, skipped: number) => Action[]): Action[] {
  let batch = 1;
  let pos = 0;
  const run = (): Action[] => {
    if (pos >= specs.length) return done(undefined, 0);
    const size = Math.min(batch, specs.length - pos);
    const slice = specs.slice(pos, pos + size);
    pos += size;
    batch *= 2;
    let left = size;
    let firstErr: StatusError | undefined;
    const finish = (): Action[] => {
      if (--left > 0) return [];
      if (firstErr) return done(firstErr, specs.length - pos);
      return run();
    };
    return slice.map(
      (s): Action => ({
        op: 'create',
        obj: s.obj,
        then: (created) => [...s.ok(created), ...finish()],
        onError: (err) => {
          firstErr ??= err;
          return [...s.fail(err), ...finish()];
        },
      }),
    );
  };
  return run();
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(p: KObject): number {
  const v = p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

function maxRestarts(p: KObject): number {
  let m = 0;
  for (const c of p.status?.containerStatuses ?? []) m = Math.max(m, c.restartCount ?? 0);
  return m;
}

/** log2 of the age in ns, as LogarithmicScaleDown compares times. */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * ActivePodsWithRanks.Less: true when a should be deleted before b. rank = how many related active
 * pods share the pod's node. Ties on times fall back to UIDs (LogarithmicScaleDown).
 */
export function deleteFirst(a: KObject, b: KObject, rankA: number, rankB: number, now: number): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return !na ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status?.phase] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return !ra ? -1 : 1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  const uidOrder = () => (a.metadata.uid! < b.metadata.uid! ? -1 : a.metadata.uid! > b.metadata.uid! ? 1 : 0);
  if (ra && rb) {
    const ta = timeMs(readyCondition(a)?.lastTransitionTime);
    const tb = timeMs(readyCondition(b)?.lastTransitionTime);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
      const d = logRank(ta, now) - logRank(tb, now);
      if (d === 0) return uidOrder();
      return d < 0 ? -1 : 1;
    }
  }
  const xa = maxRestarts(a);
  const xb = maxRestarts(b);
  if (xa !== xb) return xb - xa;
  const ta = timeMs(a.metadata.creationTimestamp);
  const tb = timeMs(b.metadata.creationTimestamp);
  if (ta !== tb) {
    if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
    const d = logRank(ta, now) - logRank(tb, now);
    if (d === 0) return uidOrder();
    return d < 0 ? -1 : 1;
  }
  return uidOrder();
}

/** getPodsToDelete: the `diff` pods to delete first, ranked against the related pods on the same node. */
export function podsToDelete(pods: KObject[], related: KObject[], diff: number, now: number): KObject[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? '', (onNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  const ranked = pods.map((p) => ({ p, r: onNode.get(p.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => deleteFirst(x.p, y.p, x.r, y.r, now));
  return ranked.slice(0, diff).map((x) => x.p);
}

/** The ReplicaSet status for the pods it has (calculateStatus), with the failure condition. */
export function replicaSetStatus(rs: KObject, pods: KObject[], now: number, failure: { reason: string; message: string } | undefined | null): any {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fully = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (mapMatches(templateLabels, p.metadata.labels)) fully++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
    }
  }
  let conditions = rs.status?.conditions;
  const cur = getCondition(conditions, 'ReplicaFailure');
  if (failure && !cur) {
    conditions = setCondition(conditions, { lastTransitionTime: nowTime(now), message: failure.message, reason: failure.reason, status: 'True', type: 'ReplicaFailure' });
  } else if (failure === undefined && cur) {
    conditions = conditions.filter((c: any) => c.type !== 'ReplicaFailure');
  }
  return omitEmpty(
    {
      availableReplicas: available,
      conditions,
      fullyLabeledReplicas: fully,
      observedGeneration: rs.metadata.generation,
      readyReplicas: ready,
      replicas: pods.length,
    },
    ['replicas'],
  );
}

/** Pods a pod change concerns: its controller, or (for an orphan) every ReplicaSet whose selector matches it. */
function podToReplicaSets(c: Change, view: View): string[] {
  const keys = new Set<string>();
  for (const o of [c.obj, c.old]) {
    if (!o) continue;
    const ref = controllerRef(o);
    if (ref) {
      if (ref.kind === 'ReplicaSet') keys.add(`${o.metadata.namespace}/${ref.name}`);
    } else if (o === c.obj && c.type !== 'DELETED' && !o.metadata.deletionTimestamp) {
      for (const rs of view.list(RS, o.metadata.namespace)) if (compileSelector(rs.spec?.selector)(o.metadata.labels)) keys.add(keyOf(rs));
    }
  }
  return [...keys];
}

/** The pods of every ReplicaSet that shares this one's controller (for the same-node rank). */
function relatedPods(rs: KObject, own: KObject[], view: View): KObject[] {
  const ref = controllerRef(rs);
  if (!ref) return own;
  const out: KObject[] = [];
  for (const sib of view.ownedBy(ref.uid)) {
    if (sib.kind !== 'ReplicaSet') continue;
    for (const p of view.ownedBy(sib.metadata.uid!)) if (p.kind === 'Pod' && controllerRef(p)?.uid === sib.metadata.uid) out.push(p);
  }
  return out;
}

export function syncReplicaSet(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const rs = view.get(RS, ns, name);
  const backoff = backoffOf(view.doc, COMPONENT, key);
  if (!rs) return backoff ? [clearBackoff(COMPONENT, key)] : [];
  const uid = rs.metadata.uid!;
  const matches = compileSelector(rs.spec?.selector);
  const deleting = !!rs.metadata.deletionTimestamp;
  const actions: Action[] = [];

  // Claim: keep what matches, release what stopped matching, adopt matching orphans.
  const claimed: KObject[] = [];
  for (const p of view.ownedBy(uid)) {
    if (p.kind !== 'Pod' || controllerRef(p)?.uid !== uid) continue;
    if (matches(p.metadata.labels)) claimed.push(p);
    else if (!deleting && !p.metadata.deletionTimestamp) {
      const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      const rel = forWrite(p);
      rel.metadata.ownerReferences = refs.length ? refs : undefined;
      if (!refs.length) delete rel.metadata.ownerReferences;
      actions.push({ op: 'update', obj: rel, onError: () => [] });
    }
  }
  if (!deleting) {
    for (const p of view.orphans(PODS, ns)) {
      if (p.metadata.deletionTimestamp || !matches(p.metadata.labels)) continue;
      const adopted = forWrite(p);
      adopted.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRefTo(rs)];
      actions.push({ op: 'update', obj: adopted, onError: () => [] });
      claimed.push(adopted);
    }
  }
  const active = claimed.filter(isPodActive);
  const want = rs.spec?.replicas ?? 1;
  const now = view.now;

  const finish = (failure: { reason: string; message: string } | undefined | null): Action[] => {
    const out: Action[] = [];
    const status = replicaSetStatus(rs, active, now, failure);
    if (JSON.stringify(status) !== JSON.stringify(rs.status ?? {})) out.push({ op: 'status', obj: withStatus(rs, status) });
    // Pods still within minReadySeconds: look again when the first becomes available.
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (minReady > 0) {
      let next = Infinity;
      for (const p of active) {
        if (isPodAvailable(p, minReady, now)) continue;
        const at = availableAt(p, minReady);
        if (at !== undefined && at < next) next = at;
      }
      if (next !== Infinity) out.push({ op: 'after', delayMs: Math.max(0, next - now), key });
    }
    return out;
  };

  if (deleting) return [...actions, ...finish(null)];

  const diff = active.length - want;
  if (diff < 0) {
    if (backoff && backoff.until > now) {
      // Still backing off after a failure: the failure condition stands.
      return [...actions, ...finish(null)];
    }
    const n = Math.min(-diff, BURST_REPLICAS);
    const specs: CreateSpec[] = [];
    for (let i = 0; i < n; i++) {
      specs.push({
        obj: podFromTemplate(rs.spec.template, rs),
        ok: (created) => [eventAction(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, COMPONENT)],
        fail: (err) => (terminatingNamespace(err) ? [] : [eventAction(rs, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, COMPONENT)]),
      });
    }
    actions.push(
      ...slowStart(specs, (err) => {
        if (!err) return [...(backoff ? [clearBackoff(COMPONENT, key)] : []), ...finish(undefined)];
        return [...recordFailure(COMPONENT, key, view.now, err.message, backoff), ...finish({ reason: 'FailedCreate', message: err.message })];
      }),
    );
    return actions;
  }
  if (diff > 0) {
    const n = Math.min(diff, BURST_REPLICAS);
    for (const p of podsToDelete(active, relatedPods(rs, active, view), n, now)) {
      actions.push({
        op: 'delete',
        ri: PODS,
        namespace: ns,
        name: p.metadata.name!,
        onError: (err) =>
          err.reason === 'NotFound' ? [] : [eventAction(rs, 'Warning', 'FailedDelete', `Error deleting: ${err.message}`, COMPONENT)],
      });
      actions.push(eventAction(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, COMPONENT));
    }
  }
  if (backoff) actions.push(clearBackoff(COMPONENT, key));
  actions.push(...finish(undefined));
  return actions;
}

function terminatingNamespace(err: StatusError): boolean {
  return /because it is being terminated/.test(err.message);
}

export const replicaSetController: Controller = {
  name: COMPONENT,
  watches: { 'replicasets.apps': (c) => [keyOf(c.obj)], pods: podToReplicaSets },
  resync: (v) => v.list(RS).map(keyOf),
  sync: syncReplicaSet,
};
