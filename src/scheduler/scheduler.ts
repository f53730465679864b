/**
 * The default scheduler's control loop: pods without a node are scheduled one at a time (filter,
 * score, bind, a "Scheduled" event). A pod that fits nowhere gets a "FailedScheduling" event and the
 * PodScheduled=False condition, may preempt lower-priority pods, and waits in the unschedulable
 * queue until the cluster changes in a way that could help (a node added or changed, a pod
 * removed), with the scheduler's back-off (1 s doubling to 10 s) and the 5-minute flush.
 *
 * Keys: "ns/name" (a change asks for an attempt), "retry|ns/name" (back-off over),
 * "flush|ns/name|N" (five minutes in the unschedulable queue after attempt N).
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import type { ClusterDoc, RecordIndex } from '../api/state.js';
import { storedIndex } from '../store/buckets.js';
import { forGroupResource } from '../api/registry.js';
import { deepEqual } from '../api/server.js';
import { keyOf, splitKey } from '../controllers/util.js';
import { SchedulerCache, type PodFacts } from './cache.js';
import { fitErrorMessage, schedulePod, type Snapshot } from './plugins.js';
import { preempt } from './preemption.js';
import { imageSize } from '../kubelet/images.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const NODES = forGroupResource('nodes')!;
const NAMESPACES = forGroupResource('namespaces')!;

export const SCHEDULER_NAME = 'default-scheduler';

/** podInitialBackoffSeconds / podMaxBackoffSeconds / podMaxInUnschedulablePodsDuration. */
export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
export const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;

export const NO_NODES_MSG = 'no nodes available to schedule pods';

interface PendingPod {
  uid: string;
  attempts: number;
  lastFail: number;
  /** The plugins that rejected it (which cluster events may help). "*" means any node event. */
  plugins: string[];
  /** spec.priority: retried pods are queued highest priority first (PrioritySort). */
  priority?: number;
}

interface SchedulerData {
  pending: Record<string, PendingPod>;
}

function data(doc: ClusterDoc): SchedulerData {
  return (doc.engine.data.scheduler as SchedulerData | undefined) ?? { pending: {} };
}

function mutate(fn: (d: SchedulerData) => void): Action {
  return {
    op: 'data',
    apply: (doc) => {
      const d = ((doc.engine.data.scheduler as SchedulerData | undefined) ??= { pending: {} });
      fn(d);
    },
  };
}

export function needsScheduling(p: KObject): boolean {
  return !p.spec?.nodeName && !p.metadata.deletionTimestamp && (p.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

const isTerminal = (p: KObject | undefined) => p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed';

// ---- the cache, kept per cluster document ------------------------------------------------------

const caches = new WeakMap<ClusterDoc, SchedulerCache>();

/** The scheduler's per-node accounting for this cluster document (built once, kept up to date by changes). */
export function cacheFor(view: View): SchedulerCache {
  let c = caches.get(view.doc);
  if (!c) {
    const pods = (view.doc.objects['pods'] ?? {}) as Record<string, KObject>;
    const facts = (k: string) => {
      const s = storedIndex(pods, k);
      return s ? ((JSON.parse(s) as RecordIndex).s as PodFacts | undefined) : undefined;
    };
    c = SchedulerCache.build(Object.keys(pods).sort(), (k) => pods[k], facts);
    caches.set(view.doc, c);
  }
  return c;
}

function snapshot(view: View): Snapshot {
  const nodes = view.list(NODES);
  nodes.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
  return {
    nodes,
    cache: cacheFor(view),
    namespaceLabels: (ns) => view.get(NAMESPACES, undefined, ns)?.metadata.labels,
    imagesOn: (n) => view.doc.engine.images[n],
    imageSize,
  };
}

/** The control-plane node's name, for the scheduler's reportingInstance. */
function schedulerHost(view: View): string | undefined {
  const nodes = view.list(NODES);
  const cp = nodes.find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) ?? nodes[0];
  return cp?.metadata.name;
}

// ---- which changes move unschedulable pods back to the active queue ------------------------------

function pendingWith(view: View, plugins: readonly string[] | undefined): string[] {
  const hits: [string, PendingPod][] = [];
  for (const [k, p] of Object.entries(data(view.doc).pending)) {
    if (!plugins || p.plugins.includes('*') || p.plugins.some((x) => plugins.includes(x))) hits.push([k, p]);
  }
  // PrioritySort: higher priority first, then the one that failed first.
  hits.sort((a, b) => (b[1].priority ?? 0) - (a[1].priority ?? 0) || a[1].lastFail - b[1].lastFail);
  return hits.map(([k]) => k);
}

const FREED = ['NodeResourcesFit', 'NodePorts', 'InterPodAffinity', 'PodTopologySpread'];
const ADDED = ['InterPodAffinity', 'PodTopologySpread'];

function onPodChange(c: Change, view: View): string[] {
  const obj = c.obj;
  const old = c.old;
  const key = keyOf(obj);
  const ns = obj.metadata.namespace;
  const stored = view.get(PODS, ns, obj.metadata.name!);
  caches.get(view.doc)?.sync(key, stored);
  const out: string[] = [];
  const pending = data(view.doc).pending;
  if (c.type !== 'DELETED' && needsScheduling(obj)) {
    if (c.type === 'ADDED' || !old || !deepEqual(old.spec, obj.spec) || !deepEqual(old.metadata.labels, obj.metadata.labels)) out.push(key);
  } else if (pending[key]) {
    out.push(key);
  }
  if (!Object.keys(pending).length) return out;
  if (obj.spec?.nodeName) {
    const freed = c.type === 'DELETED' || (isTerminal(obj) && !isTerminal(old));
    const added = c.type === 'ADDED' || (old && !old.spec?.nodeName);
    const relabeled = old && !deepEqual(old.metadata.labels, obj.metadata.labels);
    if (freed) out.push(...pendingWith(view, FREED));
    else if (added || relabeled) out.push(...pendingWith(view, ADDED));
  }
  return out;
}

function readyStatus(n: KObject | undefined): string | undefined {
  return (n?.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.status;
}

function onNodeChange(c: Change, view: View): string[] {
  const pending = data(view.doc).pending;
  if (!Object.keys(pending).length || c.type === 'DELETED') return [];
  if (c.type === 'ADDED' || !c.old) return pendingWith(view, undefined);
  const a = c.old;
  const b = c.obj;
  const plugins: string[] = [];
  if (!!a.spec?.unschedulable !== !!b.spec?.unschedulable) plugins.push('NodeUnschedulable');
  if (!deepEqual(a.spec?.taints, b.spec?.taints) || readyStatus(a) !== readyStatus(b)) plugins.push('TaintToleration');
  if (!deepEqual(a.metadata.labels, b.metadata.labels)) plugins.push('NodeAffinity', 'InterPodAffinity', 'PodTopologySpread');
  if (!deepEqual(a.status?.allocatable, b.status?.allocatable)) plugins.push('NodeResourcesFit');
  return plugins.length ? pendingWith(view, plugins) : [];
}

// ---- the loop --------------------------------------------------------------------------------------

function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

function podScheduledCondition(pod: KObject, status: string, reason: string, message: string, now: string) {
  const old = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
  return {
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
    message,
    reason,
    status,
    type: 'PodScheduled',
  };
}

function withCondition(pod: KObject, cond: any): any[] {
  const conds: any[] = [...(pod.status?.conditions ?? [])];
  const i = conds.findIndex((c) => c.type === cond.type);
  if (i >= 0) conds[i] = cond;
  else conds.push(cond);
  return conds;
}

function parseKey(key: string): { kind: 'move' | 'retry' | 'flush'; podKey: string; attempt?: number } {
  if (key.startsWith('retry|')) return { kind: 'retry', podKey: key.slice(6) };
  if (key.startsWith('flush|')) {
    const rest = key.slice(6);
    const i = rest.lastIndexOf('|');
    return { kind: 'flush', podKey: rest.slice(0, i), attempt: Number(rest.slice(i + 1)) };
  }
  return { kind: 'move', podKey: key };
}

function attempt(pod: KObject, podKey: string, prev: PendingPod | undefined, view: View): Action[] {
  const [ns, name] = splitKey(podKey);
  const snap = snapshot(view);
  const res = schedulePod(pod, podKey, snap, view.rng);
  const host = schedulerHost(view);
  if ('node' in res) {
    const actions: Action[] = [
      { op: 'bind', namespace: ns!, name, node: res.node },
      {
        op: 'event',
        event: { involved: pod, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${ns}/${name} to ${res.node}`, component: SCHEDULER_NAME, action: 'Binding', host },
      },
    ];
    if (data(view.doc).pending[podKey]) actions.push(mutate((d) => delete d.pending[podKey]));
    return actions;
  }
  const actions: Action[] = [];
  let message: string;
  let plugins: string[];
  let nominate: string | undefined;
  if ('noNodes' in res) {
    message = NO_NODES_MSG;
    plugins = ['*'];
  } else {
    const fe = res.fitError;
    plugins = [...new Set([...fe.statuses.values()].map((s) => s.plugin))];
    const pre = fe.preFilterMsg ? { message: '' } : preempt(pod, snap, fe);
    message = fitErrorMessage(fe, pre.message);
    if ('nominated' in pre && pre.nominated) {
      nominate = pre.nominated.node;
      const cond = {
        lastProbeTime: null,
        lastTransitionTime: view.api.nowRfc3339(),
        message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
        reason: 'PreemptionByScheduler',
        status: 'True',
        type: 'DisruptionTarget',
      };
      for (const v of pre.nominated.victims) {
        const victim = v.pod;
        actions.push({ op: 'status', obj: { ...victim, status: { ...victim.status, conditions: withCondition(victim, cond) } }, onError: () => [] });
        actions.push({ op: 'delete', ri: PODS, namespace: victim.metadata.namespace, name: victim.metadata.name!, onError: () => [] });
        actions.push({
          op: 'event',
          event: { involved: victim, type: 'Normal', reason: 'Preempted', message: `Preempted by pod ${pod.metadata.uid} on node ${nominate}`, component: SCHEDULER_NAME, action: 'Preempting', host },
        });
      }
    }
  }
  const now = view.api.nowRfc3339();
  const status = { ...pod.status, conditions: withCondition(pod, podScheduledCondition(pod, 'False', 'Unschedulable', message, now)) };
  if (nominate) status.nominatedNodeName = nominate;
  if (!deepEqual(status, pod.status)) actions.push({ op: 'status', obj: { ...pod, status } });
  actions.push({ op: 'event', event: { involved: pod, type: 'Warning', reason: 'FailedScheduling', message, component: SCHEDULER_NAME, action: 'Scheduling', host } });
  const attempts = (prev?.attempts ?? 0) + 1;
  const uid = pod.metadata.uid!;
  const at = view.now;
  const priority = pod.spec?.priority ?? 0;
  actions.push(mutate((d) => (d.pending[podKey] = { uid, attempts, lastFail: at, plugins, priority })));
  actions.push({ op: 'after', delayMs: UNSCHEDULABLE_FLUSH_MS, key: `flush|${podKey}|${attempts}` });
  return actions;
}

export const scheduler: Controller = {
  name: SCHEDULER_NAME,
  watches: {
    pods: onPodChange,
    nodes: onNodeChange,
  },
  resync: (view) => view.list(PODS).filter(needsScheduling).map(keyOf),
  sync(key, view) {
    const { kind, podKey, attempt: n } = parseKey(key);
    const [ns, name] = splitKey(podKey);
    const pod = view.get(PODS, ns, name);
    let prev: PendingPod | undefined = data(view.doc).pending[podKey];
    if (!pod || !needsScheduling(pod)) return prev ? [mutate((d) => delete d.pending[podKey])] : [];
    // A pod recreated under the same name starts afresh.
    if (prev && prev.uid !== pod.metadata.uid) prev = undefined;
    if (pod.spec?.schedulingGates?.length) {
      const msg = 'Scheduling is blocked due to non-empty scheduling gates';
      const cond = podScheduledCondition(pod, 'False', 'SchedulingGated', msg, view.api.nowRfc3339());
      const status = { ...pod.status, conditions: withCondition(pod, cond) };
      return deepEqual(status, pod.status) ? [] : [{ op: 'status', obj: { ...pod, status } }];
    }
    if (kind === 'flush' && (!prev || prev.attempts !== n)) return [];
    if (prev && view.profile !== 'instant') {
      const due = prev.lastFail + backoffMs(prev.attempts);
      if (view.now < due) return [{ op: 'after', delayMs: due - view.now, key: `retry|${podKey}` }];
    }
    return attempt(pod, podKey, prev, view);
  },
};
