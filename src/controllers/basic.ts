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

export const replicaSetController: Controller = {
  name: 'replicaset-controller',
  watches: { 'replicasets.apps': selfKey, pods: ownerKey('ReplicaSet') },
  resync: (v) => v.list(RS).map(keyOf),
  sync(key, view) {
    const [ns, name] = splitKey(key);
    const rs = view.get(RS, ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return [];
    const pods = view.ownedBy(rs.metadata.uid!).filter((p) => p.kind === 'Pod' && isPodActive(p));
    const want = rs.spec.replicas ?? 1;
    const actions: Action[] = [];
    if (pods.length < want) {
      for (let i = pods.length; i < want; i++) {
        const pod = podFromTemplate(rs, rs.spec.template, { generateName: `${name}-` });
        actions.push({
          op: 'create',
          obj: pod,
          then: (created) => [{ op: 'event', event: { involved: rs, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${created.metadata.name}`, component: 'replicaset-controller' } }],
          onError: (err) => [{ op: 'event', event: { involved: rs, type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${err.message}`, component: 'replicaset-controller' } }],
        });
      }
    } else if (pods.length > want) {
      const victims = [...pods].sort((a, b) => rankForDeletion(a) - rankForDeletion(b)).slice(0, pods.length - want);
      for (const p of victims) {
        actions.push({ op: 'delete', ri: PODS, namespace: ns, name: p.metadata.name! });
        actions.push({ op: 'event', event: { involved: rs, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}`, component: 'replicaset-controller' } });
      }
    }
    const ready = pods.filter(isPodReady).length;
    const status = { ...rs.status, replicas: pods.length, fullyLabeledReplicas: pods.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata.generation };
    if (!ready) {
      delete status.readyReplicas;
      delete status.availableReplicas;
    }
    if (!pods.length) delete status.fullyLabeledReplicas;
    if (JSON.stringify(status) !== JSON.stringify(rs.status)) actions.push({ op: 'status', obj: { ...rs, status } });
    return actions;
  },
};

/** Unscheduled < scheduled, pending < running, not ready < ready: the first are deleted first. */
function rankForDeletion(p: KObject): number {
  if (!p.spec?.nodeName) return 0;
  if (p.status?.phase === 'Pending') return 1;
  if (!isPodReady(p)) return 2;
  return 3;
}

export const deploymentController: Controller = {
  name: 'deployment-controller',
  watches: { 'deployments.apps': selfKey, 'replicasets.apps': ownerKey('Deployment') },
  resync: (v) => v.list(DEPLOY).map(keyOf),
  sync(key, view) {
    const [ns, name] = splitKey(key);
    const d = view.get(DEPLOY, ns, name);
    if (!d || d.metadata.deletionTimestamp) return [];
    const hash = computeHash(d.spec.template);
    const owned = view.ownedBy(d.metadata.uid!).filter((o) => o.kind === 'ReplicaSet');
    const want = d.spec.replicas ?? 1;
    const actions: Action[] = [];
    let newRs = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const revision = String(Math.max(0, ...owned.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0))) + (newRs ? 0 : 1));
    if (!newRs) {
      const rsName = `${name}-${hash}`;
      const labels = { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
      const template = structuredClone(d.spec.template);
      template.metadata = { ...(template.metadata ?? {}), labels };
      newRs = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: ns,
          labels,
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(want),
            'deployment.kubernetes.io/max-replicas': String(want + Math.ceil(want / 4)),
            'deployment.kubernetes.io/revision': revision,
          },
          ownerReferences: [ownerRefTo(d)],
        },
        spec: {
          replicas: want,
          selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash } },
          template,
        },
      };
      actions.push({ op: 'create', obj: newRs });
      actions.push({ op: 'event', event: { involved: d, type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${rsName} from 0 to ${want}`, component: 'deployment-controller' } });
    } else if (newRs.spec.replicas !== want) {
      const from = newRs.spec.replicas;
      actions.push({ op: 'update', obj: { ...newRs, spec: { ...newRs.spec, replicas: want } } });
      actions.push({
        op: 'event',
        event: { involved: d, type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${want > from ? 'up' : 'down'} replica set ${newRs.metadata.name} from ${from} to ${want}`, component: 'deployment-controller' },
      });
    }
    for (const old of owned) {
      if (old === newRs || (old.spec.replicas ?? 0) === 0) continue;
      actions.push({ op: 'update', obj: { ...old, spec: { ...old.spec, replicas: 0 } } });
      actions.push({ op: 'event', event: { involved: d, type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled down replica set ${old.metadata.name} from ${old.spec.replicas} to 0`, component: 'deployment-controller' } });
    }
    if (d.metadata.annotations?.['deployment.kubernetes.io/revision'] !== revision) {
      actions.push({ op: 'update', obj: { ...d, metadata: { ...d.metadata, annotations: { ...(d.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': revision } } } });
      return actions;
    }
    const rsStatus = newRs.status ?? {};
    const ready = rsStatus.readyReplicas ?? 0;
    const total = owned.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
    const now = view.api.nowRfc3339();
    const available = ready >= want;
    const prev = d.status?.conditions ?? [];
    const cond = (type: string, status: string, reason: string, message: string) => {
      const old = prev.find((c: any) => c.type === type);
      const same = old && old.status === status && old.reason === reason;
      return { lastTransitionTime: same ? old.lastTransitionTime : now, lastUpdateTime: same ? old.lastUpdateTime : now, message, reason, status, type };
    };
    const status: any = {
      availableReplicas: ready || undefined,
      conditions: [
        available
          ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
          : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
        ready >= want
          ? cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRs.metadata.name}" has successfully progressed.`)
          : cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${newRs.metadata.name}" is progressing.`),
      ],
      observedGeneration: d.metadata.generation,
      readyReplicas: ready || undefined,
      replicas: total || undefined,
      unavailableReplicas: want - ready > 0 ? want - ready : undefined,
      updatedReplicas: rsStatus.replicas || undefined,
    };
    for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
    if (JSON.stringify(status) !== JSON.stringify(d.status)) actions.push({ op: 'status', obj: { ...d, status } });
    return actions;
  },
};

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

/** The ServiceAccount controller and root-ca publisher: "default" SA and kube-root-ca.crt per namespace. */
export const namespaceDefaultsController: Controller = {
  name: 'serviceaccount-controller',
  watches: { namespaces: selfKey, serviceaccounts: (c) => (c.type === 'DELETED' ? [c.obj.metadata.namespace!] : []), configmaps: (c) => (c.type === 'DELETED' ? [c.obj.metadata.namespace!] : []) },
  resync: (v) => v.list(NS).map(keyOf),
  sync(key, view) {
    const ns = view.get(NS, undefined, key);
    if (!ns || ns.metadata.deletionTimestamp) return [];
    const actions: Action[] = [];
    if (!view.get(R('serviceaccounts'), key, 'default')) {
      actions.push({ op: 'create', obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: key } } });
    }
    if (!view.get(R('configmaps'), key, 'kube-root-ca.crt')) {
      actions.push({
        op: 'create',
        obj: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'kube-root-ca.crt', namespace: key, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
          data: { 'ca.crt': ROOT_CA },
        },
      });
    }
    return actions;
  },
};

export const ROOT_CA = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIKubemuEmulatorCAwDQYJKoZIhvcNAQELBQAwFTETMBEG\nA1UEAxMKa3ViZXJuZXRlczAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBa\nMBUxEzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAw\n-----END CERTIFICATE-----\n';

/** Garbage collector (background propagation): dependents of a deleted owner are deleted. */
export const garbageCollector: Controller = {
  name: 'garbage-collector',
  watches: {
    'deployments.apps': (c) => (c.type === 'DELETED' ? [c.obj.metadata.uid!] : []),
    'replicasets.apps': (c) => (c.type === 'DELETED' ? [c.obj.metadata.uid!] : []),
    'daemonsets.apps': (c) => (c.type === 'DELETED' ? [c.obj.metadata.uid!] : []),
    nodes: (c) => (c.type === 'DELETED' ? [c.obj.metadata.uid!] : []),
  },
  sync(uid, view) {
    const actions: Action[] = [];
    for (const dep of view.ownedBy(uid)) {
      if (dep.metadata.deletionTimestamp) continue;
      const ref = controllerRef(dep) ?? dep.metadata.ownerReferences?.[0];
      if (!ref || ref.uid !== uid) continue;
      const ri = view.api.resourceFor(dep);
      actions.push({ op: 'delete', ri, namespace: dep.metadata.namespace, name: dep.metadata.name!, options: { propagationPolicy: 'Background' } });
    }
    return actions;
  },
};

export const BASIC: Controller[] = [namespaceDefaultsController, deploymentController, replicaSetController, daemonSetController, garbageCollector];
export type { View };
