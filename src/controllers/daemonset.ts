/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node (nodeSelector, node
 * affinity, taints against the template's tolerations plus those every daemon pod gets), created
 * unscheduled with a node-name affinity for the scheduler to honour; follows nodes coming, going
 * and changing; rolls template changes out node by node (RollingUpdate with maxUnavailable or
 * maxSurge; OnDelete waits for the user), with ControllerRevisions; writes the status counts.
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { forGroupResource } from '../api/registry.js';
import {
  backoffOf,
  byCreation,
  clearBackoff,
  compileSelector,
  controllerRef,
  eventAction,
  forWrite,
  isPodAvailable,
  isPodReady,
  keyOf,
  omitEmpty,
  ownerRefTo,
  podFromTemplate,
  podMatchesNode,
  recordFailure,
  scaledValue,
  splitKey,
  tolerates,
  withStatus,
  availableAt,
} from './util.js';
import { slowStart, type CreateSpec } from './replicaset.js';
import { pruneHistory, REVISION_HASH_LABEL, syncHistory } from './revisions.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const NODES = forGroupResource('nodes')!;
const DS = forGroupResource('daemonsets.apps')!;
const COMPONENT = 'daemonset-controller';
const BURST = 250;
const GENERATION_LABEL = 'pod-template-generation';
const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** The tolerations the controller adds to every daemon pod (AddOrUpdateDaemonPodTolerations). */
export function daemonTolerations(hostNetwork: boolean): any[] {
  const t = [
    { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
    { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
    { effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists' },
    { effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', operator: 'Exists' },
    { effect: 'NoSchedule', key: 'node.kubernetes.io/pid-pressure', operator: 'Exists' },
    { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
  ];
  if (hostNetwork) t.push({ effect: 'NoSchedule', key: 'node.kubernetes.io/network-unavailable', operator: 'Exists' });
  return t;
}

/** The template's tolerations with the daemon ones added (an existing key+effect is replaced). */
export function withDaemonTolerations(spec: any): any[] {
  const out = [...(spec?.tolerations ?? [])];
  for (const t of daemonTolerations(!!spec?.hostNetwork)) {
    const i = out.findIndex((x: any) => x.key === t.key && x.effect === t.effect);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

/** NodeShouldRunDaemonPod: [should run a new pod, may keep running one]. */
export function shouldRunOn(ds: KObject, node: KObject): [boolean, boolean] {
  const spec = ds.spec?.template?.spec ?? {};
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return [false, false];
  if (!podMatchesNode(spec, node)) return [false, false];
  const tol = withDaemonTolerations(spec);
  const taints: any[] = node.spec?.taints ?? [];
  const fitsAll = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute').every((t) => tolerates(tol, t));
  const fitsNoExecute = taints.filter((t) => t.effect === 'NoExecute').every((t) => tolerates(tol, t));
  return [fitsAll, fitsNoExecute];
}

/** The node a daemon pod is for: its nodeName, or the metadata.name its node affinity asks for. */
export function targetNode(p: KObject): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  for (const term of p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity. */
export function nodeNameAffinity(affinity: any, node: string): any {
  const req = { key: 'metadata.name', operator: 'In', values: [node] };
  const sel = { nodeSelectorTerms: [{ matchFields: [req] }] };
  const a = structuredClone(affinity ?? {});
  if (!a.nodeAffinity) a.nodeAffinity = {};
  const cur = a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (!cur) {
    a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = sel;
    return a;
  }
  const terms = (cur.nodeSelectorTerms ?? []).filter((t: any) => t.matchExpressions?.length).map((t: any) => ({ matchExpressions: t.matchExpressions, matchFields: [req] }));
  a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: terms.length ? terms : sel.nodeSelectorTerms };
  return a;
}

/** The template generation: the API server's deprecated annotation, else the object's generation. */
function templateGeneration(ds: KObject): string | undefined {
  const v = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (v !== undefined && /^\d+$/.test(v)) return v;
  return ds.metadata.generation !== undefined ? String(ds.metadata.generation) : undefined;
}

/** IsPodUpdated: the pod carries the current revision hash (or template generation). */
function isUpdated(p: KObject, hash: string, gen: string | undefined): boolean {
  return p.metadata.labels?.[REVISION_HASH_LABEL] === hash || (gen !== undefined && p.metadata.labels?.[GENERATION_LABEL] === gen);
}

function daemonPod(ds: KObject, node: string, hash: string, gen: string | undefined): KObject {
  const labels: Record<string, string> = { [REVISION_HASH_LABEL]: hash };
  if (gen !== undefined) labels[GENERATION_LABEL] = gen;
  const pod = podFromTemplate(ds.spec.template, ds, { labels });
  pod.spec.tolerations = withDaemonTolerations(ds.spec.template?.spec);
  pod.spec.affinity = nodeNameAffinity(pod.spec.affinity, node);
  return pod;
}

/** Oldest first, and among equals a running one first (podByCreationTimestampAndPhase). */
function byAgeAndPhase(a: KObject, b: KObject): number {
  const c = byCreation(a, b);
  if (c !== 0) return c;
  const ra = a.status?.phase === 'Running' ? 0 : 1;
  const rb = b.status?.phase === 'Running' ? 0 : 1;
  return ra - rb;
}

export function syncDaemonSet(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const ds = view.get(DS, ns, name);
  if (!ds) return backoffOf(view.doc, COMPONENT, key) ? [clearBackoff(COMPONENT, key)] : [];
  const uid = ds.metadata.uid!;
  const now = view.now;
  const actions: Action[] = [];
  const matches = compileSelector(ds.spec?.selector);
  const deleting = !!ds.metadata.deletionTimestamp;

  // Claim pods.
  const pods: KObject[] = [];
  for (const p of view.ownedBy(uid)) {
    if (p.kind !== 'Pod' || controllerRef(p)?.uid !== uid) continue;
    if (matches(p.metadata.labels)) pods.push(p);
    else if (!deleting && !p.metadata.deletionTimestamp) {
      const rel = forWrite(p);
      const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (refs.length) rel.metadata.ownerReferences = refs;
      else delete rel.metadata.ownerReferences;
      actions.push({ op: 'update', obj: rel, onError: () => [] });
    }
  }
  if (!deleting) {
    for (const p of view.orphans(PODS, ns)) {
      if (p.metadata.deletionTimestamp || !matches(p.metadata.labels)) continue;
      const adopted = forWrite(p);
      adopted.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRefTo(ds)];
      actions.push({ op: 'update', obj: adopted, onError: () => [] });
      pods.push(adopted);
    }
  }
  const byNode = new Map<string, KObject[]>();
  for (const p of pods) {
    const n = targetNode(p);
    if (n === undefined) continue;
    let l = byNode.get(n);
    if (!l) byNode.set(n, (l = []));
    l.push(p);
  }
  const nodes = view.list(NODES).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  const nodeByName = new Map(nodes.map((n) => [n.metadata.name!, n]));

  const history = syncHistory(ds, view);
  if (history.collision) {
    const st = { ...(ds.status ?? {}), collisionCount: (ds.status?.collisionCount ?? 0) + 1 };
    return [...actions, { op: 'status', obj: withStatus(ds, st) }];
  }
  actions.push(...history.actions);
  const hash = history.hash;
  const gen = templateGeneration(ds);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const rolling = (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const surge = rolling && scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxSurge ?? 0, 1, true) > 0;

  const status = daemonSetStatus(ds, nodes, byNode, hash, gen, now);

  if (deleting) return [...actions, ...statusAction(ds, status)];

  // manage: which nodes need a pod, which pods must go.
  let requeueAt = Infinity;
  const create: string[] = [];
  const del = new Set<string>();
  const events: Action[] = [];
  for (const node of nodes) {
    const [run, keep] = shouldRunOn(ds, node);
    const onNode = byNode.get(node.metadata.name!) ?? [];
    const exists = onNode.length > 0;
    if (run && !exists) create.push(node.metadata.name!);
    else if (keep) {
      const running: KObject[] = [];
      for (const p of onNode) {
        if (p.metadata.deletionTimestamp) continue;
        if (p.status?.phase === 'Failed') {
          // failedPodsBackoff: a node that keeps failing the pod is retried after 1 s, 2 s, ... up to 15 min.
          const bkey = `${key}|${node.metadata.name}`;
          const b = failedPodBackoff(view, bkey);
          if (b && b.until > now) {
            requeueAt = Math.min(requeueAt, b.until);
            continue;
          }
          events.push(recordFailedPod(bkey, now, b));
          events.push(eventAction(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to kill it`, COMPONENT));
          del.add(p.metadata.name!);
        } else running.push(p);
      }
      if (!surge) {
        if (running.length > 1) for (const p of [...running].sort(byAgeAndPhase).slice(1)) del.add(p.metadata.name!);
      } else if (running.length === 0 && run) create.push(node.metadata.name!);
      else if (running.length > 1) {
        // Surging: keep the newest updated pod, and an old one only while the new one is not ready.
        const sorted = [...running].sort(byAgeAndPhase);
        const newest = sorted.filter((p) => isUpdated(p, hash, gen));
        const olds = sorted.filter((p) => !isUpdated(p, hash, gen));
        const keepNew = newest[0];
        const keepOld = keepNew && !isPodReady(keepNew) ? olds.find(isPodReady) : undefined;
        for (const p of sorted) if (p !== keepNew && p !== keepOld && (keepNew || p !== olds[0])) del.add(p.metadata.name!);
      }
    } else if (exists) {
      for (const p of onNode) if (!p.metadata.deletionTimestamp) del.add(p.metadata.name!);
    }
  }
  // Pods bound to nodes that no longer exist go too.
  for (const [n, ps] of byNode) if (!nodeByName.has(n)) for (const p of ps) if (!p.metadata.deletionTimestamp) del.add(p.metadata.name!);

  // Rolling update, when nothing else is being fixed.
  if (rolling && !create.length && !del.size) {
    const r = rollingUpdate(ds, nodes, byNode, hash, gen, now, surge);
    for (const p of r.delete) del.add(p);
    create.push(...r.create);
  }
  if (minReady > 0) {
    for (const p of pods) {
      if (!isPodReady(p) || isPodAvailable(p, minReady, now)) continue;
      const at = availableAt(p, minReady);
      if (at !== undefined) requeueAt = Math.min(requeueAt, at);
    }
  }

  for (const p of pods) {
    if (!del.has(p.metadata.name!)) continue;
    actions.push({ op: 'delete', ri: PODS, namespace: ns, name: p.metadata.name!, onError: () => [] });
    actions.push(eventAction(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, COMPONENT));
  }
  actions.push(...events);
  const backoff = backoffOf(view.doc, COMPONENT, key);
  if (create.length && !(backoff && backoff.until > now)) {
    const specs: CreateSpec[] = create.slice(0, BURST).map((n) => ({
      obj: daemonPod(ds, n, hash, gen),
      ok: (created) => [eventAction(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, COMPONENT)],
      fail: (err) => (/because it is being terminated/.test(err.message) ? [] : [eventAction(ds, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, COMPONENT)]),
    }));
    actions.push(...slowStart(specs, (err) => (err ? recordFailure(COMPONENT, key, view.now, err.message, backoff) : backoff ? [clearBackoff(COMPONENT, key)] : [])));
  }
  const live = new Set(pods.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.labels?.[REVISION_HASH_LABEL] ?? ''));
  actions.push(...pruneHistory(ds, history, live));
  actions.push(...statusAction(ds, status));
  if (requeueAt !== Infinity) actions.push({ op: 'after', delayMs: Math.max(0, requeueAt - now), key });
  return actions;
}

interface FailedPodBackoff {
  delay: number;
  until: number;
}

function failedPodBackoff(view: View, key: string): FailedPodBackoff | undefined {
  return (view.doc.engine.data.daemonFailedPods as Record<string, FailedPodBackoff> | undefined)?.[key];
}

function recordFailedPod(key: string, now: number, prev: FailedPodBackoff | undefined): Action {
  const delay = prev ? Math.min(prev.delay * 2, 15 * 60_000) : 1000;
  return {
    op: 'data',
    apply: (doc) => {
      const all = ((doc.engine.data.daemonFailedPods as Record<string, FailedPodBackoff>) ??= {});
      all[key] = { delay, until: now + delay };
    },
  };
}

function statusAction(ds: KObject, status: any): Action[] {
  return JSON.stringify(status) !== JSON.stringify(ds.status ?? {}) ? [{ op: 'status', obj: withStatus(ds, status) }] : [];
}

/** updateDaemonSetStatus: per node, the oldest daemon pod decides. */
export function daemonSetStatus(ds: KObject, nodes: KObject[], byNode: Map<string, KObject[]>, hash: string, gen: string | undefined, now: number): any {
  let desired = 0;
  let current = 0;
  let mis = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  for (const node of nodes) {
    const [run] = shouldRunOn(ds, node);
    const onNode = byNode.get(node.metadata.name!) ?? [];
    if (run) {
      desired++;
      if (!onNode.length) continue;
      current++;
      const pod = [...onNode].sort(byAgeAndPhase)[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (isUpdated(pod, hash, gen)) updated++;
    } else if (onNode.length) mis++;
  }
  const out: any = {
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberMisscheduled: mis,
    numberReady: ready,
    ...omitEmpty({ numberAvailable: available, numberUnavailable: desired - available, observedGeneration: ds.metadata.generation, updatedNumberScheduled: updated }),
  };
  if (ds.status?.collisionCount !== undefined) out.collisionCount = ds.status.collisionCount;
  if (ds.status?.conditions) out.conditions = ds.status.conditions;
  return sortKeys(out);
}

function sortKeys(o: any): any {
  const out: any = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

/** rollingUpdate: old pods replaced within maxUnavailable, or new pods surged within maxSurge. */
export function rollingUpdate(ds: KObject, nodes: KObject[], byNode: Map<string, KObject[]>, hash: string, gen: string | undefined, now: number, surge: boolean): { delete: string[]; create: string[] } {
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const desired = nodes.filter((n) => shouldRunOn(ds, n)[0]).length;
  const ru = ds.spec?.updateStrategy?.rollingUpdate ?? {};
  let maxSurge = scaledValue(ru.maxSurge ?? 0, desired, true);
  let maxUnavailable = scaledValue(ru.maxUnavailable ?? (maxSurge ? 0 : 1), desired, true);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  if (!surge) maxSurge = 0;
  const avail = (p: KObject) => isPodAvailable(p, minReady, now);
  const del: string[] = [];
  const create: string[] = [];
  const names = [...byNode.keys()].sort();
  const split = (pods: KObject[]): { newPod?: KObject; oldPod?: KObject; ok: boolean } => {
    let newPod: KObject | undefined;
    let oldPod: KObject | undefined;
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) continue;
      if (isUpdated(p, hash, gen)) {
        if (newPod) return { ok: false };
        newPod = p;
      } else {
        if (oldPod) return { ok: false };
        oldPod = p;
      }
    }
    return { newPod, oldPod, ok: true };
  };
  if (maxSurge === 0) {
    let unavailable = 0;
    const allowed: string[] = [];
    const candidates: string[] = [];
    for (const n of names) {
      const { newPod, oldPod, ok } = split(byNode.get(n)!);
      if (!ok) {
        unavailable++;
        continue;
      }
      if ((!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
      else if (newPod) {
        if (!avail(newPod)) unavailable++;
      } else if (oldPod) {
        if (!avail(oldPod)) allowed.push(oldPod.metadata.name!);
        else if (unavailable < maxUnavailable) candidates.push(oldPod.metadata.name!);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    del.push(...allowed, ...candidates.slice(0, remaining));
    return { delete: del, create };
  }
  let numSurge = 0;
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  const nodeByName = new Map(nodes.map((n) => [n.metadata.name!, n]));
  for (const n of names) {
    const { newPod, oldPod, ok } = split(byNode.get(n)!);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (!oldPod) continue;
    const node = nodeByName.get(n);
    if (!newPod) {
      const run = node ? shouldRunOn(ds, node)[0] : false;
      if (!avail(oldPod)) {
        if (!run) del.push(oldPod.metadata.name!);
        else allowedNew.push(n);
      } else if (run && numSurge < maxSurge) candidateNew.push(n);
    } else if (!avail(newPod)) numSurge++;
    else del.push(oldPod.metadata.name!);
  }
  const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidateNew.length);
  create.push(...allowedNew, ...candidateNew.slice(0, remaining));
  return { delete: del, create };
}

function podToDaemonSets(c: Change, view: View): string[] {
  const keys = new Set<string>();
  for (const o of [c.obj, c.old]) {
    if (!o) continue;
    const ref = controllerRef(o);
    if (ref) {
      if (ref.kind === 'DaemonSet') keys.add(`${o.metadata.namespace}/${ref.name}`);
    } else if (o === c.obj && c.type !== 'DELETED' && !o.metadata.deletionTimestamp) {
      for (const ds of view.list(DS, o.metadata.namespace)) if (compileSelector(ds.spec?.selector)(o.metadata.labels)) keys.add(keyOf(ds));
    }
  }
  return [...keys];
}

/** A node change matters when it can change where daemon pods run. */
function nodeToDaemonSets(c: Change, view: View): string[] {
  if (c.type === 'MODIFIED' && c.old) {
    const a = c.obj;
    const b = c.old;
    const same =
      JSON.stringify(a.metadata.labels ?? {}) === JSON.stringify(b.metadata.labels ?? {}) &&
      JSON.stringify(a.spec?.taints ?? []) === JSON.stringify(b.spec?.taints ?? []) &&
      !!a.spec?.unschedulable === !!b.spec?.unschedulable;
    if (same) return [];
  }
  return view.list(DS).map(keyOf);
}

export const daemonSetController: Controller = {
  name: COMPONENT,
  watches: {
    'daemonsets.apps': (c) => (c.type === 'DELETED' ? [] : [keyOf(c.obj)]),
    pods: podToDaemonSets,
    nodes: nodeToDaemonSets,
    'controllerrevisions.apps': (c) => {
      const ref = controllerRef(c.obj);
      return ref?.kind === 'DaemonSet' ? [`${c.obj.metadata.namespace}/${ref.name}`] : [];
    },
  },
  resync: (v) => v.list(DS).map(keyOf),
  sync: syncDaemonSet,
};
