/**
 * Minimal controllers that bring the default cluster up: Deployment → ReplicaSet → Pod, DaemonSet,
 * per-namespace defaults, and garbage collection. (Full Kubernetes semantics live in their own
 * modules as they are built.)
 */
import type { Controller, Action, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import { forGroupResource } from '../api/registry.js';
import { computeHash, controllerRef, isPodActive, isPodReady, keyOf, ownerKey, ownerRefTo, selfKey, splitKey } from './util.js';
import { selectorMatches } from '../api/selectors.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const R = (gr: string) => forGroupResource(gr)!;
const PODS = R('pods');
const RS = R('replicasets.apps');
const DEPLOY = R('deployments.apps');
const DS = R('daemonsets.apps');
const NODES = R('nodes');
const NS = R('namespaces');

function podFromTemplate(owner: KObject, template: any, extra: { generateName?: string; name?: string; nodeName?: string; labels?: Record<string, string> }): KObject {
  const t = structuredClone(template ?? {});
  const meta: any = { ...(t.metadata ?? {}) };
  delete meta.creationTimestamp;
  meta.namespace = owner.metadata.namespace;
  if (extra.generateName) meta.generateName = extra.generateName;
  if (extra.name) meta.name = extra.name;
  meta.labels = { ...(meta.labels ?? {}), ...(extra.labels ?? {}) };
  meta.ownerReferences = [ownerRefTo(owner)];
  const spec = t.spec ?? {};
  if (extra.nodeName) spec.nodeName = extra.nodeName;
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
}

function tolerates(pod: any, taint: any): boolean {
  return (pod.spec?.tolerations ?? []).some(
    (t: any) => (t.operator === 'Exists' && (!t.key || t.key === taint.key)) || (t.key === taint.key && (t.value ?? '') === (taint.value ?? '')) ? !t.effect || t.effect === taint.effect : false,
  );
}

export const daemonSetController: Controller = {
  name: 'daemonset-controller',
  watches: {
    'daemonsets.apps': selfKey,
    pods: ownerKey('DaemonSet'),
    nodes: (_c, view) => view.list(DS).map(keyOf),
  },
  resync: (v) => v.list(DS).map(keyOf),
  sync(key, view) {
    const [ns, name] = splitKey(key);
    const ds = view.get(DS, ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return [];
    const pods = view.ownedBy(ds.metadata.uid!).filter((p) => p.kind === 'Pod' && isPodActive(p));
    const actions: Action[] = [];
    const nodes = view.list(NODES).filter((n) => selectorMatches({ matchLabels: ds.spec.template.spec?.nodeSelector ?? {} }, n.metadata.labels));
    const tmpl = { spec: { tolerations: [...(ds.spec.template.spec?.tolerations ?? []), ...DS_TOLERATIONS] } };
    const eligible = nodes.filter((n) => (n.spec?.taints ?? []).filter((t: any) => t.effect !== 'PreferNoSchedule').every((t: any) => tolerates(tmpl, t)));
    for (const n of eligible) {
      if (pods.some((p) => p.spec?.nodeName === n.metadata.name || p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0] === n.metadata.name)) continue;
      const pod = podFromTemplate(ds, ds.spec.template, { generateName: `${name}-`, labels: { 'controller-revision-hash': computeHash(ds.spec.template).slice(0, 10), 'pod-template-generation': String(ds.metadata.generation ?? 1) } });
      pod.spec.affinity = {
        ...(pod.spec.affinity ?? {}),
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n.metadata.name] }] }] } },
      };
      pod.spec.tolerations = [...(pod.spec.tolerations ?? []), ...DS_TOLERATIONS.filter((t) => !(pod.spec.tolerations ?? []).some((x: any) => x.key === t.key && x.effect === t.effect))];
      actions.push({
        op: 'create',
        obj: pod,
        then: (created) => [{ op: 'event', event: { involved: ds, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${created.metadata.name}`, component: 'daemonset-controller' } }],
      });
    }
    const ready = pods.filter(isPodReady).length;
    const status = {
      currentNumberScheduled: pods.length,
      desiredNumberScheduled: eligible.length,
      numberAvailable: ready || undefined,
      numberMisscheduled: 0,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: pods.length || undefined,
    } as any;
    for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
    if (JSON.stringify(status) !== JSON.stringify(ds.status)) actions.push({ op: 'status', obj: { ...ds, status } });
    return actions;
  },
};

/** The tolerations the DaemonSet controller adds to its pods. */
export const DS_TOLERATIONS = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/pid-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
];

export const BASIC: Controller[] = [daemonSetController];
export type { View };
