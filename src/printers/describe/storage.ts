/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types.js';
import { tabbed, type DescribeWriter } from './writer.js';
import { type DescribeClock, fmtTime, since, labelsMultiline, annotationsMultiline, podsMultiline, describeEvents, formatLabels, printBoolPtr, goList } from './common.js';
import { accessModes, describePVSource, printClaim } from './volumes.js';
import { quantityString } from '../../util/quantity.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

function nodeAffinity(w: DescribeWriter, affinity: any): void {
  w.write(0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.line('<none>');
    return;
  }
  w.line('');
  const terms: any[] = affinity.required.nodeSelectorTerms ?? [];
  w.write(1, 'Required Terms:\t');
  if (!terms.length) {
    w.line('<none>');
    return;
  }
  w.line('');
  terms.forEach((term, i) => {
    const reqs: any[] = term.matchExpressions ?? [];
    w.write(2, `Term ${i}:\t`);
    if (!reqs.length) {
      w.line('<none>');
      return;
    }
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(2, '\t');
      let expr = `${s(r.key)} ${s(r.operator).toLowerCase()}`;
      if (r.values?.length) expr += ` [${r.values.join(', ')}]`;
      w.write(0, `${expr}\n`);
    });
  });
}

export function describePersistentVolume(pv: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  const spec = pv.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${pv.metadata.name}\n`);
    labelsMultiline(w, 'Labels', pv.metadata.labels);
    annotationsMultiline(w, 'Annotations', pv.metadata.annotations);
    w.write(0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
    const beta = pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
    w.write(0, `StorageClass:\t${beta !== undefined ? beta : s(spec.storageClassName)}\n`);
    if (pv.metadata.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts ${since(c, pv.metadata.deletionTimestamp)})\n`);
    else w.write(0, `Status:\t${s(pv.status?.phase)}\n`);
    w.write(0, `Claim:\t${spec.claimRef ? `${s(spec.claimRef.namespace)}/${s(spec.claimRef.name)}` : ''}\n`);
    w.write(0, `Reclaim Policy:\t${s(spec.persistentVolumeReclaimPolicy)}\n`);
    w.write(0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
    if (spec.volumeMode !== undefined && spec.volumeMode !== null) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(0, `Capacity:\t${quantityString(spec.capacity?.storage)}\n`);
    nodeAffinity(w, spec.nodeAffinity);
    w.write(0, `Message:\t${s(pv.status?.message)}\n`);
    w.write(0, 'Source:\n');
    describePVSource(w, spec);
    if (events) describeEvents(w, events, c);
  });
}

export function describePersistentVolumeClaim(pvc: KObject, pods: KObject[], events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    const status = pvc.metadata.deletionTimestamp ? `Terminating (lasts ${since(c, pvc.metadata.deletionTimestamp)})` : s(pvc.status?.phase);
    printClaim(w, pvc, true, status);
    podsMultiline(w, 'Used By', pods);
    const conds: any[] = pvc.status?.conditions ?? [];
    if (conds.length) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const x of conds) w.write(1, `${s(x.type)} \t${s(x.status)} \t${fmtTime(c, x.lastProbeTime)} \t${fmtTime(c, x.lastTransitionTime)} \t${s(x.reason)} \t${s(x.message)}\n`);
    }
    if (events) describeEvents(w, events, c);
  });
}

export function describeStorageClass(sc: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    const ann = sc.metadata.annotations ?? {};
    const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    w.write(0, `Name:\t${sc.metadata.name}\n`);
    w.write(0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
    w.write(0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(0, `Provisioner:\t${s(sc.provisioner)}\n`);
    w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`);
    const opts: string[] = sc.mountOptions ?? [];
    if (!opts.length) w.write(0, 'MountOptions:\t<none>\n');
    else {
      w.write(0, 'MountOptions:\n');
      for (const o of opts) w.write(1, `${o}\n`);
    }
    if (sc.reclaimPolicy !== undefined && sc.reclaimPolicy !== null) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode !== undefined && sc.volumeBindingMode !== null) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (sc.allowedTopologies !== undefined && sc.allowedTopologies !== null) {
      const topo: any[] = sc.allowedTopologies;
      w.write(0, 'AllowedTopologies:\t');
      if (!topo.length) w.line('<none>');
      else {
        w.line('');
        topo.forEach((term, i) => {
          const reqs: any[] = term.matchLabelExpressions ?? [];
          w.write(1, `Term ${i}:\t`);
          if (!reqs.length) {
            w.line('<none>');
            return;
          }
          reqs.forEach((r, j) => {
            if (j !== 0) w.write(1, '\t');
            let expr = `${s(r.key)} in`;
            if (r.values?.length) expr += ` [${r.values.join(', ')}]`;
            w.write(0, `${expr}\n`);
          });
        });
      }
    }
    if (events) describeEvents(w, events, c);
  });
}
