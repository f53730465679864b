/**
 * Node lifecycle: what the kubelets post about their nodes (Leases in kube-node-lease, condition
 * heartbeats — coarsely, every 5 minutes of simulated time, skipping ahead over long idle gaps), the
 * node lifecycle controller (a node whose kubelet stopped — doc.engine.data.nodes[NAME].stopped,
 * set by the node operations — goes Unknown after the 40 s grace period, gets the unreachable taints,
 * its pods are marked not ready), the taint eviction controller (pods not tolerating a NoExecute
 * taint are deleted, at once or after their tolerationSeconds), taints that follow
 * spec.unschedulable, and the pod garbage collector for pods bound to deleted nodes.
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { forGroupResource } from '../api/registry.js';
import { forWrite, keyOf, nowTime, timeMs, tolerates, withStatus } from './util.js';
import { rfc3339Micro } from '../util/clock.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const NODES = forGroupResource('nodes')!;
const PODS = forGroupResource('pods')!;
const LEASES = forGroupResource('leases.coordination.k8s.io')!;
const EVENTS = forGroupResource('events')!;
export const NODE_LIFECYCLE = 'node-lifecycle-controller';
const LEASE_NS = 'kube-node-lease';
/** nodeMonitorGracePeriod: how long a silent node stays Ready. */
export const GRACE_MS = 40_000;
/** How often the kubelets' posts are written (nodeStatusReportFrequency). */
export const HEARTBEAT_MS = 5 * 60_000;
/** How long a pod bound to a deleted node waits before the pod GC removes it. */
const PODGC_QUARANTINE_MS = 40_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const STOPPED_MESSAGE = 'Kubelet stopped posting node status.';

/** What the node operations record about a node's kubelet. */
export interface NodeSimState {
  stopped?: boolean;
  stoppedAt?: number;
}

export function nodeSim(view: View, name: string): NodeSimState | undefined {
  return (view.doc.engine.data.nodes as Record<string, NodeSimState> | undefined)?.[name];
}

/** The conditions a healthy kubelet posts, with their reasons and messages. */
const HEALTHY: [string, string, string, string][] = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

const readyStatus = (n: KObject): string | undefined => (n.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.status;
const readyReason = (n: KObject): string | undefined => (n.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.reason;

const event = (involved: KObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, host?: string): Action => ({
  op: 'event',
  event: { involved, type, reason, message, component, host },
});

/** The node's taints as the lifecycle controller wants them, given its Ready status and spec.unschedulable. */
export function desiredTaints(node: KObject, now: string): any[] {
  const ready = readyStatus(node);
  const cur: any[] = node.spec?.taints ?? [];
  const managed = (t: any) => t.key === UNREACHABLE || t.key === NOT_READY || t.key === UNSCHEDULABLE;
  const out = cur.filter((t) => !managed(t));
  const keep = (key: string, effect: string) => cur.find((t) => t.key === key && t.effect === effect);
  const add = (key: string, effect: string, timed: boolean) => {
    const existing = keep(key, effect);
    if (existing) out.push(existing);
    else out.push(timed ? { effect, key, timeAdded: now } : { effect, key });
  };
  if (ready === 'Unknown') {
    add(UNREACHABLE, 'NoExecute', true);
    add(UNREACHABLE, 'NoSchedule', false);
  } else if (ready === 'False') {
    add(NOT_READY, 'NoExecute', true);
    add(NOT_READY, 'NoSchedule', false);
  }
  if (node.spec?.unschedulable) add(UNSCHEDULABLE, 'NoSchedule', false);
  return out;
}

/** getMinTolerationTime: undefined if some NoExecute taint is not tolerated, Infinity if tolerated forever. */
export function tolerationSeconds(pod: KObject, taints: any[]): number | undefined {
  let min = Infinity;
  for (const t of taints) {
    if (t.effect !== 'NoExecute') continue;
    const matching = (pod.spec?.tolerations ?? []).filter((x: any) => tolerates([x], t));
    if (!matching.length) return undefined;
    for (const x of matching) if (x.tolerationSeconds !== undefined && x.tolerationSeconds !== null) min = Math.min(min, Math.max(0, x.tolerationSeconds));
  }
  return min;
}

function lease(node: KObject, now: number): KObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: node.metadata.name, namespace: LEASE_NS, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid! }] },
    spec: { holderIdentity: node.metadata.name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(now) },
  };
}

/** kube-controller-manager's leader-election Lease, held by the instance on the control-plane node. */
function leaderLease(view: View, node: KObject, now: number): KObject {
  const micro = rfc3339Micro(now);
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'kube-controller-manager', namespace: 'kube-system' },
    spec: { acquireTime: micro, holderIdentity: `${node.metadata.name}_${view.rng.uuid()}`, leaseDurationSeconds: 15, leaseTransitions: 0, renewTime: micro },
  };
}

const isControlPlane = (n: KObject) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;

function renewLeader(view: View, now: number): Action[] {
  const l = view.get(LEASES, 'kube-system', 'kube-controller-manager');
  if (!l) return [];
  return [{ op: 'update', obj: { ...forWrite(l), spec: { ...l.spec, renewTime: rfc3339Micro(now) } }, onError: () => [] }];
}

function hasHeartbeatTimer(view: View): boolean {
  return view.doc.engine.timers.some((t) => t.owner === NODE_LIFECYCLE && t.key === 'heartbeat');
}

/** The kubelets' periodic posts: condition heartbeats and lease renewals for every running node. */
function heartbeat(view: View): Action[] {
  const now = view.now;
  const t = nowTime(now);
  const actions: Action[] = [];
  for (const node of view.list(NODES)) {
    const name = node.metadata.name!;
    if (nodeSim(view, name)?.stopped) {
      actions.push({ op: 'after', delayMs: 0, key: `node/${name}` });
      continue;
    }
    if (readyStatus(node) === 'True') {
      const conds = (node.status?.conditions ?? []).map((c: any) => (HEALTHY.some(([type]) => type === c.type) ? { ...c, lastHeartbeatTime: t } : c));
      actions.push({ op: 'status', obj: withStatus(node, { ...node.status, conditions: conds }), onError: () => [] });
    } else actions.push({ op: 'after', delayMs: 0, key: `node/${name}` });
    const l = view.get(LEASES, LEASE_NS, name);
    if (l) actions.push({ op: 'update', obj: { ...forWrite(l), spec: { ...l.spec, renewTime: rfc3339Micro(now) } }, onError: () => [] });
    else actions.push({ op: 'create', obj: lease(node, now), onError: () => [] });
  }
  actions.push(...renewLeader(view, now));
  // The next post; over a long gap, only the last one before the gap's end matters.
  const gap = view.until - now;
  const next = gap > HEARTBEAT_MS ? Math.floor(gap / HEARTBEAT_MS) * HEARTBEAT_MS : HEARTBEAT_MS;
  actions.push({ op: 'after', delayMs: next, key: 'heartbeat' });
  return actions;
}

/** The monitor for one node: health, taints, pods marked not ready, evictions. */
export function syncNode(name: string, view: View): Action[] {
  const node = view.get(NODES, undefined, name);
  const now = view.now;
  const t = nowTime(now);
  const actions: Action[] = [];
  if (!hasHeartbeatTimer(view)) actions.push({ op: 'after', delayMs: HEARTBEAT_MS, key: 'heartbeat' });
  if (!node) {
    // Pods still bound to a deleted node: the pod GC removes them after a quarantine.
    if (view.podsOnNode(name).length) actions.push({ op: 'after', delayMs: PODGC_QUARANTINE_MS, key: `gc/${name}` });
    return actions;
  }
  const sim = nodeSim(view, name);
  const stopped = !!sim?.stopped;
  const ready = readyStatus(node);
  let status = node.status ?? {};
  let statusChanged = false;

  if (!view.get(LEASES, LEASE_NS, name) && !stopped) actions.push({ op: 'create', obj: lease(node, now), onError: () => [] });
  if (isControlPlane(node) && !stopped && !view.get(LEASES, 'kube-system', 'kube-controller-manager')) {
    actions.push({ op: 'create', obj: leaderLease(view, node, now), onError: () => [] });
  }
  if (!hasRegisteredEvent(view, node)) actions.push(event(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, 'node-controller'));

  if (stopped) {
    const silentSince = sim?.stoppedAt ?? now;
    const deadline = silentSince + GRACE_MS;
    if (now < deadline) {
      actions.push({ op: 'after', delayMs: deadline - now, key: `node/${name}` });
    } else if (ready !== 'Unknown') {
      // tryUpdateNodeHealth: every condition the kubelet posts becomes Unknown.
      const conds = (status.conditions ?? []).map((c: any) =>
        HEALTHY.some(([type]) => type === c.type) ? { ...c, lastTransitionTime: t, message: STOPPED_MESSAGE, reason: 'NodeStatusUnknown', status: 'Unknown' } : c,
      );
      status = { ...status, conditions: conds };
      statusChanged = true;
      if (ready === 'True') {
        actions.push(event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, 'node-controller'));
        for (const p of view.podsOnNode(name)) actions.push(...markPodNotReady(p, t));
      }
    }
  } else if (ready === undefined || (ready === 'Unknown' && readyReason(node) === 'NodeStatusUnknown')) {
    // The kubelet is back (from a stop this controller marked): it posts a healthy status.
    const conds = HEALTHY.map(([type, s, reason, message]) => {
      const old = (status.conditions ?? []).find((c: any) => c.type === type);
      return { lastHeartbeatTime: t, lastTransitionTime: old?.status === s ? old.lastTransitionTime : t, message, reason, status: s, type };
    });
    const others = (status.conditions ?? []).filter((c: any) => !HEALTHY.some(([type]) => type === c.type));
    status = { ...status, conditions: [...others, ...conds] };
    statusChanged = true;
    if (ready === 'Unknown') actions.push(event(node, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, 'kubelet', name));
    const l = view.get(LEASES, LEASE_NS, name);
    if (l) actions.push({ op: 'update', obj: { ...forWrite(l), spec: { ...l.spec, renewTime: rfc3339Micro(now) } }, onError: () => [] });
  }
  if (statusChanged) actions.push({ op: 'status', obj: withStatus(node, status) });

  // Taints follow readiness and spec.unschedulable.
  const view2 = statusChanged ? { ...node, status } : node;
  const taints = desiredTaints(view2, t);
  const before = node.spec?.taints ?? [];
  if (JSON.stringify(taints) !== JSON.stringify(before)) {
    const upd = forWrite(node);
    upd.spec = { ...(node.spec ?? {}) };
    if (taints.length) upd.spec.taints = taints;
    else delete upd.spec.taints;
    actions.push({ op: 'update', obj: upd, onError: () => [] });
    const had = before.some((x: any) => x.key === UNSCHEDULABLE);
    const has = taints.some((x: any) => x.key === UNSCHEDULABLE);
    if (!stopped && had !== has) {
      const reason = has ? 'NodeNotSchedulable' : 'NodeSchedulable';
      actions.push(event(node, 'Normal', reason, `Node ${name} status is now: ${reason}`, 'kubelet', name));
    }
  }

  // Taint eviction: pods that do not tolerate the NoExecute taints go, now or after tolerationSeconds.
  const noExec = taints.filter((x: any) => x.effect === 'NoExecute');
  if (noExec.length) {
    const added = Math.min(...noExec.map((x: any) => timeMs(x.timeAdded) ?? now));
    let next = Infinity;
    for (const p of view.podsOnNode(name)) {
      if (p.metadata.deletionTimestamp) continue;
      const secs = tolerationSeconds(p, noExec);
      if (secs === Infinity) continue;
      const at = secs === undefined ? now : added + secs * 1000;
      if (at <= now) actions.push(...evict(p));
      else next = Math.min(next, at);
    }
    if (next !== Infinity) actions.push({ op: 'after', delayMs: next - now, key: `node/${name}` });
  }
  return actions;
}

function markPodNotReady(p: KObject, t: string): Action[] {
  const conds = p.status?.conditions ?? [];
  const ready = conds.find((c: any) => c.type === 'Ready');
  if (!ready || ready.status === 'False') return [];
  const next = conds.map((c: any) => (c.type === 'Ready' ? { ...c, lastTransitionTime: t, status: 'False' } : c));
  return [
    { op: 'status', obj: withStatus(p, { ...p.status, conditions: next }), onError: () => [] },
    event(p, 'Warning', 'NodeNotReady', 'Node is not ready', 'node-controller'),
  ];
}

/** The taint eviction controller's deletion: a DisruptionTarget condition, then a graceful delete. */
function evict(p: KObject): Action[] {
  const conds = (p.status?.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget');
  conds.push({ lastProbeTime: null, lastTransitionTime: null, message: 'Taint manager: deleting due to NoExecute taint', reason: 'DeletionByTaintManager', status: 'True', type: 'DisruptionTarget' });
  return [
    event(p, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`, 'taint-eviction-controller'),
    { op: 'status', obj: withStatus(p, { ...p.status, conditions: conds }), onError: () => [] },
    { op: 'delete', ri: PODS, namespace: p.metadata.namespace, name: p.metadata.name!, onError: () => [] },
  ];
}

function hasRegisteredEvent(view: View, node: KObject): boolean {
  for (const e of view.list(EVENTS, 'default')) if (e.reason === 'RegisteredNode' && e.involvedObject?.uid === node.metadata.uid) return true;
  return false;
}

/** The pod GC for a node that stays deleted: its pods are failed and removed at once. */
function podGC(name: string, view: View): Action[] {
  if (view.get(NODES, undefined, name)) return [];
  const actions: Action[] = [];
  for (const p of view.podsOnNode(name)) {
    const conds = (p.status?.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget');
    conds.push({ lastProbeTime: null, lastTransitionTime: nowTime(view.now), message: 'PodGC: node no longer exists', reason: 'DeletionByPodGC', status: 'True', type: 'DisruptionTarget' });
    const terminal = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
    actions.push({ op: 'status', obj: withStatus(p, { ...p.status, conditions: conds, phase: terminal ? p.status.phase : 'Failed' }), onError: () => [] });
    actions.push({ op: 'delete', ri: PODS, namespace: p.metadata.namespace, name: p.metadata.name!, options: { gracePeriodSeconds: 0 }, onError: () => [] });
  }
  return actions;
}

/** Node changes that matter: added, deleted, readiness, taints, unschedulable. */
function nodeKeys(c: Change): string[] {
  if (c.type === 'MODIFIED' && c.old) {
    const sig = (n: KObject) => JSON.stringify([readyStatus(n), n.spec?.taints ?? [], !!n.spec?.unschedulable]);
    if (sig(c.obj) === sig(c.old)) return [];
  }
  return [`node/${c.obj.metadata.name}`];
}

/** A pod placed on a node with NoExecute taints is checked against them. */
function podKeys(c: Change, view: View): string[] {
  if (c.type === 'DELETED' || c.obj.metadata.deletionTimestamp) return [];
  const n = c.obj.spec?.nodeName;
  if (!n || c.old?.spec?.nodeName === n && JSON.stringify(c.old?.spec?.tolerations) === JSON.stringify(c.obj.spec?.tolerations)) return [];
  const node = view.get(NODES, undefined, n);
  if (!node) return [`node/${n}`];
  return (node.spec?.taints ?? []).some((x: any) => x.effect === 'NoExecute') ? [`node/${n}`] : [];
}

export const nodeLifecycleController: Controller = {
  name: NODE_LIFECYCLE,
  watches: { nodes: nodeKeys, pods: podKeys },
  resync: (v) => v.list(NODES).map((n) => `node/${keyOf(n)}`),
  sync(key, view) {
    if (key === 'heartbeat') return heartbeat(view);
    if (key.startsWith('gc/')) return podGC(key.slice(3), view);
    if (key.startsWith('node/')) return syncNode(key.slice(5), view);
    return [];
  },
};
