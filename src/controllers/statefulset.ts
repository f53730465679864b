/**
 * The StatefulSet controller (pkg/controller/statefulset): pods "<set>-<ordinal>" with a stable
 * identity (hostname, subdomain, pod-name and pod-index labels) and their claims
 * "<template>-<set>-<ordinal>" created first; OrderedReady creates and deletes one pod at a time
 * (each predecessor running and ready), Parallel all at once; RollingUpdate replaces pods from the
 * highest ordinal down to the partition, OnDelete waits; ControllerRevisions name the current and
 * update revisions; status counts replicas per revision.
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { forGroupResource } from '../api/registry.js';
import {
  availableAt,
  compileSelector,
  controllerRef,
  eventAction,
  forWrite,
  isPodAvailable,
  isPodReady,
  keyOf,
  ownerRefTo,
  podFromTemplate,
  splitKey,
  withStatus,
} from './util.js';
import { CONTROLLER_REVISIONS, pruneHistory, REVISION_HASH_LABEL, syncHistory, templateOf } from './revisions.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const PVCS = forGroupResource('persistentvolumeclaims')!;
const STS = forGroupResource('statefulsets.apps')!;
const COMPONENT = 'statefulset-controller';
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export const claimName = (template: string, set: string, ordinal: number) => `${template}-${set}-${ordinal}`;

/** The ordinal a pod's name gives it for this set, or undefined. */
export function ordinalOf(set: KObject, pod: KObject): number | undefined {
  const prefix = `${set.metadata.name}-`;
  const n = pod.metadata.name ?? '';
  if (!n.startsWith(prefix)) return undefined;
  const rest = n.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

const isTerminating = (p: KObject) => !!p.metadata.deletionTimestamp;
const isRunningAndReady = (p: KObject) => p.status?.phase === 'Running' && isPodReady(p);
const isFailed = (p: KObject) => p.status?.phase === 'Failed';
const isSucceeded = (p: KObject) => p.status?.phase === 'Succeeded';
const isHealthy = (p: KObject) => isRunningAndReady(p) && !isTerminating(p);
const podRevision = (p: KObject) => p.metadata.labels?.[REVISION_HASH_LABEL];

/** newStatefulSetPod: the pod for an ordinal from a template, with its identity and claims. */
export function statefulPod(set: KObject, template: any, revision: string, ordinal: number): KObject {
  const name = `${set.metadata.name}-${ordinal}`;
  const pod = podFromTemplate(template, set, { name });
  pod.metadata.generateName = `${set.metadata.name}-`;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_HASH_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
  pod.spec.hostname = name;
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
  const claims: any[] = set.spec?.volumeClaimTemplates ?? [];
  if (claims.length) {
    const vols = (pod.spec.volumes ?? []).filter((v: any) => !claims.some((c) => c.metadata?.name === v.name));
    for (const c of claims) vols.push({ name: c.metadata.name, persistentVolumeClaim: { claimName: claimName(c.metadata.name, set.metadata.name!, ordinal) } });
    pod.spec.volumes = vols;
  }
  return pod;
}

/** The claims a pod of this set needs. */
export function statefulClaims(set: KObject, ordinal: number): KObject[] {
  const out: KObject[] = [];
  const retention = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain';
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const labels = { ...(t.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) };
    const pvc: KObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: claimName(t.metadata.name, set.metadata.name!, ordinal), namespace: set.metadata.namespace, labels },
      spec: structuredClone(t.spec ?? {}),
    };
    if (t.metadata?.annotations) pvc.metadata.annotations = { ...t.metadata.annotations };
    if (retention === 'Delete') pvc.metadata.ownerReferences = [ownerRefTo(set)];
    out.push(pvc);
  }
  return out;
}

export function syncStatefulSet(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const set = view.get(STS, ns, name);
  if (!set) return [];
  const uid = set.metadata.uid!;
  const now = view.now;
  const actions: Action[] = [];
  const matches = compileSelector(set.spec?.selector);
  const deleting = !!set.metadata.deletionTimestamp;
  const ev = (type: 'Normal' | 'Warning', reason: string, message: string) => actions.push(eventAction(set, type, reason, message, COMPONENT));

  // Claim pods: owned ones that match and belong by name; adopt matching orphans.
  const pods: KObject[] = [];
  for (const p of view.ownedBy(uid)) {
    if (p.kind !== 'Pod' || controllerRef(p)?.uid !== uid) continue;
    if (matches(p.metadata.labels) && ordinalOf(set, p) !== undefined) pods.push(p);
    else if (!deleting && !isTerminating(p)) {
      const rel = forWrite(p);
      const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (refs.length) rel.metadata.ownerReferences = refs;
      else delete rel.metadata.ownerReferences;
      actions.push({ op: 'update', obj: rel, onError: () => [] });
    }
  }
  if (!deleting) {
    for (const p of view.orphans(PODS, ns)) {
      if (isTerminating(p) || !matches(p.metadata.labels) || ordinalOf(set, p) === undefined) continue;
      const adopted = forWrite(p);
      adopted.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRefTo(set)];
      actions.push({ op: 'update', obj: adopted, onError: () => [] });
      pods.push(adopted);
    }
  }

  const history = syncHistory(set, view);
  if (history.collision) {
    return [...actions, { op: 'status', obj: withStatus(set, { ...(set.status ?? {}), collisionCount: (set.status?.collisionCount ?? 0) + 1 }) }];
  }
  actions.push(...history.actions);
  const updateRevision = history.name;
  const currentCR = set.status?.currentRevision ? history.all.find((cr) => cr.metadata.name === set.status.currentRevision) : undefined;
  const currentRevision = currentCR ? currentCR.metadata.name! : updateRevision;
  const currentTemplate = currentCR ? templateOf(currentCR) : set.spec.template;
  const minReady = set.spec?.minReadySeconds ?? 0;
  const replicas: number = set.spec?.replicas ?? 1;
  const start: number = set.spec?.ordinals?.start ?? 0;
  const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const partition: number = rolling ? (set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0) : 0;
  const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';

  // computeReplicaStatus over what exists.
  const status: any = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  let nextAvailable = Infinity;
  for (const p of pods) {
    status.replicas++;
    if (isRunningAndReady(p)) {
      status.readyReplicas++;
      if (isPodAvailable(p, minReady, now)) status.availableReplicas++;
      else nextAvailable = Math.min(nextAvailable, availableAt(p, minReady) ?? Infinity);
    }
    if (!isTerminating(p)) {
      if (podRevision(p) === currentRevision) status.currentReplicas++;
      if (podRevision(p) === updateRevision) status.updatedReplicas++;
    }
  }

  const finish = (): Action[] => {
    const st: any = {};
    if (status.availableReplicas !== undefined) st.availableReplicas = status.availableReplicas;
    st.collisionCount = set.status?.collisionCount ?? 0;
    let cur = currentRevision;
    let curReplicas = status.currentReplicas;
    if (rolling && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
      cur = updateRevision;
      curReplicas = status.updatedReplicas;
    }
    if (set.status?.conditions) st.conditions = set.status.conditions;
    if (curReplicas) st.currentReplicas = curReplicas;
    st.currentRevision = cur;
    if (set.metadata.generation) st.observedGeneration = set.metadata.generation;
    if (status.readyReplicas) st.readyReplicas = status.readyReplicas;
    st.replicas = status.replicas;
    st.updateRevision = updateRevision;
    if (status.updatedReplicas) st.updatedReplicas = status.updatedReplicas;
    const out = [...actions];
    const live = new Set(pods.filter((p) => !isTerminating(p)).map((p) => podRevision(p) ?? ''));
    out.push(...pruneHistory(set, history, live, new Set([cur, updateRevision])));
    if (JSON.stringify(st) !== JSON.stringify(set.status ?? {})) out.push({ op: 'status', obj: withStatus(set, st) });
    if (nextAvailable !== Infinity) out.push({ op: 'after', delayMs: Math.max(0, nextAvailable - now), key });
    return out;
  };
  if (deleting) return finish();

  const byOrdinal = new Map<number, KObject>();
  const condemned: KObject[] = [];
  for (const p of pods) {
    const o = ordinalOf(set, p)!;
    if (o >= start && o < start + replicas) byOrdinal.set(o, p);
    else condemned.push(p);
  }
  condemned.sort((a, b) => ordinalOf(set, a)! - ordinalOf(set, b)!);

  /** The template and revision a (re)created pod of this ordinal gets. */
  const versioned = (o: number): KObject => {
    const useCurrent = rolling && o < partition && currentCR !== undefined;
    return statefulPod(set, useCurrent ? currentTemplate : set.spec.template, useCurrent ? currentRevision : updateRevision, o);
  };
  const createPod = (pod: KObject, o: number) => {
    for (const pvc of statefulClaims(set, o)) {
      if (view.get(PVCS, ns, pvc.metadata.name!)) continue;
      actions.push({
        op: 'create',
        obj: pvc,
        then: () => [eventAction(set, 'Normal', 'SuccessfulCreate', `create Claim ${pvc.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${name} success`, COMPONENT)],
        onError: (err) => [eventAction(set, 'Warning', 'FailedCreate', `create Claim ${pvc.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${name} failed error: ${err.message}`, COMPONENT)],
      });
    }
    actions.push({
      op: 'create',
      obj: pod,
      then: () => [eventAction(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${name} successful`, COMPONENT)],
      onError: (err) =>
        /because it is being terminated/.test(err.message) ? [] : [eventAction(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${name} failed error: ${err.message}`, COMPONENT)],
    });
    status.replicas++;
    if (podRevision(pod) === currentRevision) status.currentReplicas++;
    if (podRevision(pod) === updateRevision) status.updatedReplicas++;
  };
  const deletePod = (p: KObject) => {
    actions.push({
      op: 'delete',
      ri: PODS,
      namespace: ns,
      name: p.metadata.name!,
      onError: (err) => (err.reason === 'NotFound' ? [] : [eventAction(set, 'Warning', 'FailedDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} failed error: ${err.message}`, COMPONENT)]),
    });
    ev('Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`);
  };

  // First pass: every ordinal in range exists, running and ready, in order (OrderedReady) or at once.
  for (let o = start; o < start + replicas; o++) {
    let p = byOrdinal.get(o);
    if (p && (isFailed(p) || isSucceeded(p)) && !isTerminating(p)) {
      ev('Warning', 'RecreatingFailedPod', `StatefulSet ${ns}/${name} is recreating failed Pod ${p.metadata.name}`);
      deletePod(p);
      if (podRevision(p) === currentRevision) status.currentReplicas--;
      if (podRevision(p) === updateRevision) status.updatedReplicas--;
      // The replacement comes once the failed pod is gone.
      if (monotonic) return finish();
      continue;
    }
    if (!p) {
      p = versioned(o);
      createPod(p, o);
      if (monotonic) return finish();
      continue;
    }
    if (isTerminating(p) && monotonic) return finish();
    if (!isRunningAndReady(p) && monotonic) return finish();
    if (!isPodAvailable(p, minReady, now) && monotonic) return finish();
    // Identity and storage: a pod that lost its labels gets them back.
    const want = statefulPod(set, set.spec.template, podRevision(p) ?? updateRevision, o);
    const labels = p.metadata.labels ?? {};
    if (labels[POD_NAME_LABEL] !== want.metadata.labels![POD_NAME_LABEL] || labels[POD_INDEX_LABEL] !== want.metadata.labels![POD_INDEX_LABEL]) {
      const upd = forWrite(p);
      upd.metadata.labels = { ...labels, [POD_NAME_LABEL]: want.metadata.labels![POD_NAME_LABEL], [POD_INDEX_LABEL]: want.metadata.labels![POD_INDEX_LABEL] };
      actions.push({ op: 'update', obj: upd, onError: () => [] });
    }
  }

  // Scale down: the highest ordinal first.
  const unhealthy = [...byOrdinal.values()].filter((p) => !isHealthy(p));
  for (let i = condemned.length - 1; i >= 0; i--) {
    const p = condemned[i];
    if (isTerminating(p)) {
      if (monotonic) return finish();
      continue;
    }
    if (monotonic && (unhealthy.length > 0 || (!isRunningAndReady(p) && p !== condemned.find((x) => !isHealthy(x))))) return finish();
    deletePod(p);
    if (podRevision(p) === currentRevision) status.currentReplicas--;
    if (podRevision(p) === updateRevision) status.updatedReplicas--;
    if (monotonic) return finish();
  }

  if (!rolling) return finish();
  // Rolling update: the highest ordinal not at the update revision, down to the partition.
  for (let o = start + replicas - 1; o >= start + partition; o--) {
    const p = byOrdinal.get(o);
    if (!p) continue;
    if (podRevision(p) !== updateRevision && !isTerminating(p)) {
      deletePod(p);
      status.currentReplicas--;
      return finish();
    }
    if (!isHealthy(p)) return finish();
  }
  return finish();
}

function podToStatefulSets(c: Change, view: View): string[] {
  const keys = new Set<string>();
  for (const o of [c.obj, c.old]) {
    if (!o) continue;
    const ref = controllerRef(o);
    if (ref) {
      if (ref.kind === 'StatefulSet') keys.add(`${o.metadata.namespace}/${ref.name}`);
    } else if (o === c.obj && c.type !== 'DELETED' && !o.metadata.deletionTimestamp) {
      for (const s of view.list(STS, o.metadata.namespace)) if (compileSelector(s.spec?.selector)(o.metadata.labels)) keys.add(keyOf(s));
    }
  }
  return [...keys];
}

export const statefulSetController: Controller = {
  name: COMPONENT,
  watches: {
    'statefulsets.apps': (c) => (c.type === 'DELETED' ? [] : [keyOf(c.obj)]),
    pods: podToStatefulSets,
    'controllerrevisions.apps': (c) => {
      const ref = controllerRef(c.obj);
      return ref?.kind === 'StatefulSet' ? [`${c.obj.metadata.namespace}/${ref.name}`] : [];
    },
  },
  resync: (v) => v.list(STS).map(keyOf),
  sync: syncStatefulSet,
};

export { CONTROLLER_REVISIONS };
