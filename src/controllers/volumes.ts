/**
 * Persistent volumes: the persistentvolume-controller (a claim without a class gets the default
 * StorageClass; claims bind to a fitting Available volume, or wait for their class's provisioner;
 * a released volume is deleted or kept by its reclaim policy) and the cluster's simulated
 * provisioner for the default class, "k8s.io/minikube-hostpath", which creates a hostPath volume
 * "pvc-<claim uid>" for each claim.
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { forGroupResource } from '../api/registry.js';
import { parseQuantity } from '../util/quantity.js';
import { compileSelector, eventAction, forWrite, keyOf, nowTime, splitKey, withStatus } from './util.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PVS = forGroupResource('persistentvolumes')!;
const PVCS = forGroupResource('persistentvolumeclaims')!;
const SCS = forGroupResource('storageclasses.storage.k8s.io')!;
const COMPONENT = 'persistentvolume-controller';
export const PROVISIONER = 'k8s.io/minikube-hostpath';
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

/** The provisioner's identity in its events: "<provisioner>_<node>_<uid>", stable per cluster. */
function provisionerComponent(view: View): string {
  const name = view.doc.cluster.name;
  let h = 0x811c9dc5;
  for (const ch of `${name}/provisioner`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  const a = hex(h);
  const b = hex(Math.imul(h, 2654435761));
  const c = hex(Math.imul(h ^ 0x5bd1e995, 40503));
  const uuid = `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${c.slice(1, 4)}-${c}${a.slice(0, 4)}`;
  return `${PROVISIONER}_${name}_${uuid}`;
}

function bytes(q: string | undefined): number {
  if (!q) return 0;
  try {
    const p = parseQuantity(q);
    return p.value();
  } catch {
    return 0;
  }
}

/** The default StorageClass (the newest one annotated default, as the admission plugin picks). */
export function defaultClass(view: View): KObject | undefined {
  const defaults = view.list(SCS).filter((sc) => sc.metadata.annotations?.[DEFAULT_CLASS] === 'true');
  defaults.sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? 1 : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? -1 : a.metadata.name! < b.metadata.name! ? -1 : 1));
  return defaults[0];
}

const classOf = (o: KObject): string => o.spec?.storageClassName ?? '';

/** Whether an Available volume can serve a claim: class, access modes, size, selector, volume mode. */
export function volumeFits(pv: KObject, pvc: KObject): boolean {
  if (pv.spec?.claimRef && pv.spec.claimRef.uid && pv.spec.claimRef.uid !== pvc.metadata.uid) return false;
  if (pv.spec?.claimRef && (pv.spec.claimRef.name !== pvc.metadata.name || pv.spec.claimRef.namespace !== pvc.metadata.namespace)) return false;
  if (classOf(pv) !== classOf(pvc)) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return false;
  const modes: string[] = pv.spec?.accessModes ?? [];
  for (const m of pvc.spec?.accessModes ?? []) if (!modes.includes(m)) return false;
  if (bytes(pv.spec?.capacity?.storage) < bytes(pvc.spec?.resources?.requests?.storage)) return false;
  if (pvc.spec?.selector && !compileSelector(pvc.spec.selector)(pv.metadata.labels)) return false;
  return true;
}

function pvPhase(pv: KObject, phase: string, now: string): Action {
  return { op: 'status', obj: withStatus(pv, { ...(pv.status ?? {}), lastPhaseTransitionTime: now, phase }), onError: () => [] };
}

/** Binds a claim and a volume: the volume's claimRef and Bound phase, the claim's volumeName, annotations and status. */
function bind(pvc: KObject, pv: KObject, byController: boolean, provisioner: string | undefined, now: string): Action[] {
  const out: Action[] = [];
  const boundPV = forWrite(pv);
  boundPV.spec = { ...pv.spec, claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: pvc.metadata.namespace, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid } };
  if (byController && !pv.spec?.claimRef) boundPV.metadata.annotations = { ...(pv.metadata.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' };
  out.push({ op: 'update', obj: boundPV, onError: () => [] });
  out.push({ op: 'status', obj: withStatus(boundPV, { lastPhaseTransitionTime: now, phase: 'Bound' }), onError: () => [] });
  const claim = forWrite(pvc);
  const ann: Record<string, string> = { ...(pvc.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes' };
  if (byController) ann['pv.kubernetes.io/bound-by-controller'] = 'yes';
  if (provisioner) {
    ann['volume.beta.kubernetes.io/storage-provisioner'] = provisioner;
    ann['volume.kubernetes.io/storage-provisioner'] = provisioner;
  }
  claim.metadata.annotations = ann;
  claim.spec = { ...pvc.spec, volumeName: pv.metadata.name };
  out.push({ op: 'update', obj: claim, onError: () => [] });
  out.push({
    op: 'status',
    obj: withStatus(claim, { accessModes: pv.spec?.accessModes, capacity: pv.spec?.capacity, phase: 'Bound' }),
    onError: () => [],
  });
  return out;
}

export function syncClaim(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const pvc = view.get(PVCS, ns, name);
  if (!pvc || pvc.metadata.deletionTimestamp) return [];
  const now = nowTime(view.now);
  if (pvc.spec?.volumeName) {
    const pv = view.get(PVS, undefined, pvc.spec.volumeName);
    if (pv && pv.spec?.claimRef?.uid === pvc.metadata.uid && pvc.status?.phase !== 'Bound') {
      return [{ op: 'status', obj: withStatus(pvc, { accessModes: pv.spec?.accessModes, capacity: pv.spec?.capacity, phase: 'Bound' }), onError: () => [] }];
    }
    if (!pv && pvc.status?.phase === 'Bound') {
      return [
        { op: 'status', obj: withStatus(pvc, { ...pvc.status, phase: 'Lost' }), onError: () => [] },
        eventAction(pvc, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!', COMPONENT),
      ];
    }
    if (!pv) return [];
    if (!pv.spec?.claimRef) return bind(pvc, pv, false, undefined, now);
    return [];
  }
  // No class at all: the default one, as the admission plugin (or the retroactive assignment) sets it.
  if (pvc.spec?.storageClassName === undefined || pvc.spec?.storageClassName === null) {
    const def = defaultClass(view);
    if (def) return [{ op: 'update', obj: { ...forWrite(pvc), spec: { ...pvc.spec, storageClassName: def.metadata.name } }, onError: () => [] }];
  }
  // A volume already bound to this claim (a provisioned one, or pre-bound by uid) completes the binding.
  const mine = view.list(PVS).find((pv) => pv.spec?.claimRef?.uid === pvc.metadata.uid && !pv.metadata.deletionTimestamp);
  if (mine) return bind(pvc, mine, true, pvc.metadata.annotations?.['volume.kubernetes.io/storage-provisioner'], now);
  // A fitting Available volume: the smallest.
  const candidates = view
    .list(PVS)
    .filter((pv) => (pv.status?.phase ?? 'Available') === 'Available' && !pv.metadata.deletionTimestamp && volumeFits(pv, pvc))
    .sort((a, b) => bytes(a.spec?.capacity?.storage) - bytes(b.spec?.capacity?.storage) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
  if (candidates.length) return bind(pvc, candidates[0], true, undefined, now);
  const className = classOf(pvc);
  if (!className) {
    return pvc.status?.phase === 'Pending' && hasEvent(view, pvc, 'FailedBinding')
      ? []
      : [eventAction(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', COMPONENT)];
  }
  const sc = view.get(SCS, undefined, className);
  if (!sc) return [eventAction(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`, COMPONENT)];
  if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
    return [eventAction(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', COMPONENT)];
  }
  const actions: Action[] = [];
  const ann = pvc.metadata.annotations ?? {};
  if (ann['volume.kubernetes.io/storage-provisioner'] !== sc.provisioner) {
    const upd = forWrite(pvc);
    upd.metadata.annotations = { ...ann, 'volume.beta.kubernetes.io/storage-provisioner': sc.provisioner, 'volume.kubernetes.io/storage-provisioner': sc.provisioner };
    actions.push({ op: 'update', obj: upd, onError: () => [] });
  }
  actions.push(
    eventAction(
      pvc,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that your external provisioner is running and correctly registered.`,
      COMPONENT,
    ),
  );
  if (sc.provisioner !== PROVISIONER) return actions;
  // The simulated provisioner.
  const comp = provisionerComponent(view);
  const pvName = `pvc-${pvc.metadata.uid}`;
  if (view.get(PVS, undefined, pvName)) return actions;
  actions.push(eventAction(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`, comp));
  const pv: KObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: pvName,
      annotations: { hostPathProvisionerIdentity: comp.split('_')[2], 'pv.kubernetes.io/provisioned-by': PROVISIONER },
    },
    spec: {
      accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
      capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '1Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace: ns, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid },
      hostPath: { path: `/tmp/hostpath-provisioner/${ns}/${name}`, type: '' },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: className,
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
    },
  };
  if (sc.mountOptions) pv.spec.mountOptions = sc.mountOptions;
  actions.push({
    op: 'create',
    obj: pv,
    then: (created) => [eventAction(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${created.metadata.name}`, comp)],
    onError: (err) => (err.reason === 'AlreadyExists' ? [] : [eventAction(pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${className}": ${err.message}`, comp)]),
  });
  return actions;
}

function hasEvent(view: View, o: KObject, reason: string): boolean {
  return view.list(forGroupResource('events')!, o.metadata.namespace).some((e) => e.reason === reason && e.involvedObject?.uid === o.metadata.uid);
}

export function syncVolume(name: string, view: View): Action[] {
  const pv = view.get(PVS, undefined, name);
  if (!pv || pv.metadata.deletionTimestamp) return [];
  const now = nowTime(view.now);
  const ref = pv.spec?.claimRef;
  if (!ref) return pv.status?.phase === 'Available' ? [] : [pvPhase(pv, 'Available', now)];
  const pvc = view.get(PVCS, ref.namespace, ref.name);
  if (!ref.uid) {
    // Pre-bound to a claim by name: the claim's sync binds it.
    return pvc ? [{ op: 'after', delayMs: 0, key: `claim/${keyOf(pvc)}` }] : pv.status?.phase === 'Available' ? [] : [pvPhase(pv, 'Available', now)];
  }
  if (pvc && pvc.metadata.uid === ref.uid) {
    if (pv.status?.phase !== 'Bound') return [pvPhase(pv, 'Bound', now)];
    return [];
  }
  // The claim is gone: Released, then reclaimed.
  const out: Action[] = [];
  if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') out.push(pvPhase(pv, 'Released', now));
  if ((pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain') === 'Delete') {
    if (pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'] === PROVISIONER) out.push({ op: 'delete', ri: PVS, name, onError: () => [] });
    else if (pv.status?.phase !== 'Failed') {
      out.push(pvPhase(pv, 'Failed', now));
      out.push(eventAction(pv, 'Warning', 'VolumeFailedDelete', `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`, COMPONENT));
    }
  }
  return out;
}

function claimKeys(c: Change): string[] {
  if (c.type === 'DELETED') {
    const v = c.obj.spec?.volumeName;
    return v ? [`volume/${v}`] : [];
  }
  return [`claim/${keyOf(c.obj)}`];
}

function volumeKeys(c: Change, view: View): string[] {
  if (c.type === 'DELETED') {
    const ref = c.obj.spec?.claimRef;
    return ref ? [`claim/${ref.namespace}/${ref.name}`] : [];
  }
  const keys = [`volume/${c.obj.metadata.name}`];
  // A new Available volume may serve a waiting claim.
  if ((c.obj.status?.phase ?? 'Available') === 'Available' || !c.obj.status?.phase) {
    for (const pvc of view.list(PVCS)) if (!pvc.spec?.volumeName && !pvc.metadata.deletionTimestamp) keys.push(`claim/${keyOf(pvc)}`);
  }
  return keys;
}

export const persistentVolumeController: Controller = {
  name: COMPONENT,
  watches: {
    persistentvolumeclaims: claimKeys,
    persistentvolumes: volumeKeys,
    'storageclasses.storage.k8s.io': (_c, view) => view.list(PVCS).filter((p) => !p.spec?.volumeName).map((p) => `claim/${keyOf(p)}`),
  },
  resync: (v) => [...v.list(PVCS).map((p) => `claim/${keyOf(p)}`), ...v.list(PVS).map((p) => `volume/${p.metadata.name}`)],
  sync(key, view) {
    if (key.startsWith('claim/')) return syncClaim(key.slice(6), view);
    if (key.startsWith('volume/')) return syncVolume(key.slice(7), view);
    return [];
  },
};

/** The default cluster's StorageClass. */
export function defaultStorageClass(): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { [DEFAULT_CLASS]: 'true' } },
    provisioner: PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
}
