/**
 * The disruption controller (pkg/controller/disruption): a PodDisruptionBudget's status — how many
 * selected pods are healthy, how many must be, how many are expected (from the pods' controllers'
 * scale for maxUnavailable or a percentage), disruptions allowed and the DisruptionAllowed
 * condition — which the eviction API consults.
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { forGroupResource } from '../api/registry.js';
import { compileSelector, controllerRef, eventAction, isPodReady, keyOf, nowTime, scaledValue, splitKey, timeMs, withStatus } from './util.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PDBS = forGroupResource('poddisruptionbudgets.policy')!;
const PODS = forGroupResource('pods')!;
const COMPONENT = 'controllermanager';
/** How long an eviction's entry in disruptedPods counts before the pod must be gone. */
const DELETION_TIMEOUT_MS = 2 * 60_000;

/** The scale behind a pod: its Deployment (through the ReplicaSet), ReplicaSet, StatefulSet or ReplicationController. */
function controllerScale(view: View, pod: KObject): { uid: string; replicas: number } | undefined {
  const ref = controllerRef(pod);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace;
  const get = (gr: string, name: string) => view.get(forGroupResource(gr)!, ns, name);
  if (ref.kind === 'ReplicaSet') {
    const rs = get('replicasets.apps', ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const dref = controllerRef(rs);
    if (dref?.kind === 'Deployment') {
      const d = get('deployments.apps', dref.name);
      if (d && d.metadata.uid === dref.uid) return { uid: d.metadata.uid!, replicas: d.spec?.replicas ?? 1 };
    }
    return { uid: rs.metadata.uid!, replicas: rs.spec?.replicas ?? 1 };
  }
  if (ref.kind === 'StatefulSet') {
    const s = get('statefulsets.apps', ref.name);
    return s && s.metadata.uid === ref.uid ? { uid: s.metadata.uid!, replicas: s.spec?.replicas ?? 1 } : undefined;
  }
  if (ref.kind === 'ReplicationController') {
    const rc = view.get(forGroupResource('replicationcontrollers') ?? PODS, ns, ref.name);
    return rc && rc.metadata.uid === ref.uid ? { uid: rc.metadata.uid!, replicas: rc.spec?.replicas ?? 1 } : undefined;
  }
  return undefined;
}

export function syncDisruptionBudget(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const pdb = view.get(PDBS, ns, name);
  if (!pdb || pdb.metadata.deletionTimestamp) return [];
  const now = view.now;
  const actions: Action[] = [];
  const sel = pdb.spec?.selector;
  const matches = sel ? compileSelector(sel) : () => false;
  const pods = view.list(PODS, ns).filter((p) => matches(p.metadata.labels));
  const spec = pdb.spec ?? {};

  let expected = 0;
  let desired = 0;
  if (spec.minAvailable !== undefined && typeof spec.minAvailable === 'number') {
    expected = pods.length;
    desired = spec.minAvailable;
  } else if (spec.minAvailable !== undefined && /^\d+$/.test(String(spec.minAvailable))) {
    expected = pods.length;
    desired = Number(spec.minAvailable);
  } else {
    // maxUnavailable, or a percentage of minAvailable: the controllers' scale decides.
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const p of pods) {
      const s = controllerScale(view, p);
      if (s) scales.set(s.uid, s.replicas);
      else unmanaged.push(p.metadata.name!);
    }
    if (unmanaged.length && !view.list(forGroupResource('events')!, ns).some((e) => e.reason === 'UnmanagedPods' && e.involvedObject?.uid === pdb.metadata.uid)) {
      actions.push(
        eventAction(
          pdb,
          'Warning',
          'UnmanagedPods',
          `Pods selected by this PodDisruptionBudget (selector: ${formatSelector(sel)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
          COMPONENT,
        ),
      );
    }
    for (const r of scales.values()) expected += r;
    if (spec.maxUnavailable !== undefined) {
      desired = Math.max(0, expected - scaledValue(spec.maxUnavailable, expected, true));
    } else if (spec.minAvailable !== undefined) {
      desired = scaledValue(spec.minAvailable, expected, true);
    }
  }

  // Evictions in flight: pods already evicted do not count, until the deletion timeout.
  const disrupted: Record<string, string> = {};
  let recheck = Infinity;
  for (const [pod, at] of Object.entries((pdb.status?.disruptedPods ?? {}) as Record<string, string>)) {
    const p = pods.find((x) => x.metadata.name === pod);
    const t = timeMs(at) ?? now;
    if (!p || p.metadata.deletionTimestamp || t + DELETION_TIMEOUT_MS <= now) continue;
    disrupted[pod] = at;
    recheck = Math.min(recheck, t + DELETION_TIMEOUT_MS);
  }
  const healthy = pods.filter((p) => !p.metadata.deletionTimestamp && isPodReady(p) && !(p.metadata.name! in disrupted)).length;
  let allowed = healthy - desired;
  if (expected <= 0 || allowed <= 0) allowed = 0;

  const status: any = { currentHealthy: healthy, desiredHealthy: desired, disruptionsAllowed: allowed, expectedPods: expected };
  if (Object.keys(disrupted).length) status.disruptedPods = disrupted;
  if (pdb.metadata.generation) status.observedGeneration = pdb.metadata.generation;
  const want = allowed > 0 ? { reason: 'SufficientPods', status: 'True' } : { reason: 'InsufficientPods', status: 'False' };
  const cur = (pdb.status?.conditions ?? []).find((c: any) => c.type === 'DisruptionAllowed');
  const cond = {
    lastTransitionTime: cur && cur.status === want.status ? cur.lastTransitionTime : nowTime(now),
    message: '',
    observedGeneration: pdb.metadata.generation,
    reason: want.reason,
    status: want.status,
    type: 'DisruptionAllowed',
  };
  status.conditions = [...(pdb.status?.conditions ?? []).filter((c: any) => c.type !== 'DisruptionAllowed'), cond];
  const ordered: any = {};
  for (const k of ['conditions', 'currentHealthy', 'desiredHealthy', 'disruptedPods', 'disruptionsAllowed', 'expectedPods', 'observedGeneration']) if (status[k] !== undefined) ordered[k] = status[k];
  if (JSON.stringify(ordered) !== JSON.stringify(pdb.status ?? {})) actions.push({ op: 'status', obj: withStatus(pdb, ordered) });
  if (recheck !== Infinity) actions.push({ op: 'after', delayMs: recheck - now, key });
  return actions;
}

/** metav1.LabelSelector printed with %v, as the controller's message does. */
function formatSelector(sel: any): string {
  const ml = Object.keys(sel?.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels[k]},`)
    .join('');
  const me = (sel?.matchExpressions ?? []).map((e: any) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${ml}},MatchExpressions:[]LabelSelectorRequirement{${me}},}`;
}

function pdbsFor(ns: string | undefined, labels: Record<string, string> | undefined, view: View): string[] {
  const out: string[] = [];
  for (const pdb of view.list(PDBS, ns)) if (pdb.spec?.selector && compileSelector(pdb.spec.selector)(labels)) out.push(keyOf(pdb));
  return out;
}

function podToPdbs(c: Change, view: View): string[] {
  if (c.type === 'MODIFIED' && c.old) {
    const sig = (p: KObject) => JSON.stringify([p.metadata.labels, isPodReady(p), !!p.metadata.deletionTimestamp, controllerRef(p)?.uid]);
    if (sig(c.obj) === sig(c.old)) return [];
  }
  const keys = new Set(pdbsFor(c.obj.metadata.namespace, c.obj.metadata.labels, view));
  if (c.old) for (const k of pdbsFor(c.old.metadata.namespace, c.old.metadata.labels, view)) keys.add(k);
  return [...keys];
}

/** A workload's scale changed: the budgets of its namespace look again. */
const scaleToPdbs = (c: Change, view: View): string[] => {
  if (c.type === 'MODIFIED' && c.old && c.old.spec?.replicas === c.obj.spec?.replicas) return [];
  return view.list(PDBS, c.obj.metadata.namespace).map(keyOf);
};

export const disruptionController: Controller = {
  name: 'disruption-controller',
  watches: {
    'poddisruptionbudgets.policy': (c) => (c.type === 'DELETED' ? [] : [keyOf(c.obj)]),
    pods: podToPdbs,
    'deployments.apps': scaleToPdbs,
    'replicasets.apps': scaleToPdbs,
    'statefulsets.apps': scaleToPdbs,
  },
  resync: (v) => v.list(PDBS).map(keyOf),
  sync: syncDisruptionBudget,
};
