/**
 * The scheduler (minimal): filter nodes (unschedulable, taints, nodeSelector, node name affinity,
 * pod count), pick the least loaded, bind, and record Scheduled / FailedScheduling.
 */
import type { Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import { forGroupResource } from '../api/registry.js';
import { keyOf, splitKey } from '../controllers/util.js';
import { selectorMatches } from '../api/selectors.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const NODES = forGroupResource('nodes')!;

const needsScheduling = (p: KObject) => !p.spec?.nodeName && !p.metadata.deletionTimestamp && (p.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler';

function tolerates(pod: any, taint: any): boolean {
  return (pod.spec?.tolerations ?? []).some((t: any) => {
    const keyOk = t.operator === 'Exists' ? !t.key || t.key === taint.key : t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
    return keyOk && (!t.effect || t.effect === taint.effect);
  });
}

function nodeReady(n: KObject): boolean {
  return (n.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

function fitReason(pod: KObject, node: KObject, view: View): string | undefined {
  if (node.spec?.unschedulable && !tolerates(pod, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return 'node(s) were unschedulable';
  for (const t of node.spec?.taints ?? []) {
    if (t.effect === 'PreferNoSchedule') continue;
    if (!tolerates(pod, t)) return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
  }
  if (!nodeReady(node) && !tolerates(pod, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' })) return 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }';
  if (pod.spec?.nodeSelector && !selectorMatches({ matchLabels: pod.spec.nodeSelector }, node.metadata.labels)) return "node(s) didn't match Pod's node affinity/selector";
  const fields = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0];
  if (fields && fields.key === 'metadata.name' && !fields.values.includes(node.metadata.name)) return "node(s) didn't match Pod's node affinity/selector";
  const count = view.podsOnNode(node.metadata.name!).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length;
  if (count >= Number(node.status?.allocatable?.pods ?? 110)) return 'Too many pods';
  return undefined;
}

export const scheduler: Controller = {
  name: 'default-scheduler',
  watches: {
    pods: (c, view) => {
      if (c.type !== 'DELETED' && needsScheduling(c.obj)) return [keyOf(c.obj)];
      // A pod leaving frees room: retry the pending ones.
      if (c.type === 'DELETED' && c.obj.spec?.nodeName) return view.list(PODS).filter(needsScheduling).map(keyOf);
      return [];
    },
    nodes: (_c, view) => view.list(PODS).filter(needsScheduling).map(keyOf),
  },
  resync: (view) => view.list(PODS).filter(needsScheduling).map(keyOf),
  sync(key, view) {
    const [ns, name] = splitKey(key);
    const pod = view.get(PODS, ns, name);
    if (!pod || !needsScheduling(pod)) return [];
    const nodes = view.list(NODES);
    const reasons = new Map<string, number>();
    const fit: KObject[] = [];
    for (const n of nodes) {
      const r = fitReason(pod, n, view);
      if (r) reasons.set(r, (reasons.get(r) ?? 0) + 1);
      else fit.push(n);
    }
    if (!fit.length) {
      const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
      const message = `0/${nodes.length} nodes are available: ${parts.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`;
      const cond = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
      if (cond?.message === message) return [];
      const status = {
        ...pod.status,
        conditions: [{ lastProbeTime: null, lastTransitionTime: view.api.nowRfc3339(), message, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }],
      };
      return [
        { op: 'status', obj: { ...pod, status } },
        { op: 'event', event: { involved: pod, type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler', action: 'Scheduling' } },
      ];
    }
    fit.sort((a, b) => view.podsOnNode(a.metadata.name!).length - view.podsOnNode(b.metadata.name!).length || (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const node = fit[0].metadata.name!;
    return [
      { op: 'bind', namespace: ns!, name, node },
      { op: 'event', event: { involved: pod, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${ns}/${name} to ${node}`, component: 'default-scheduler', action: 'Binding' } },
    ];
  },
};
