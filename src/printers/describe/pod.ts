/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types.js';
import { tabbed } from './writer.js';
import { type DescribeClock, fmtTime, since, labelsMultiline, annotationsMultiline, tolerationsMultiline, describeEvents } from './common.js';
import { describeContainers, describeResources, describeTopologySpread, envResolver, podQOS } from './containers.js';
import { describeVolumes } from './volumes.js';

/** "Kind/name" of the object's controller, or "". */
export function controllerOf(o: KObject): string {
  const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function describePod(pod: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const md = pod.metadata;
  return tabbed((w) => {
    w.write(0, `Name:\t${md.name}\n`);
    w.write(0, `Namespace:\t${md.namespace ?? ''}\n`);
    if (typeof spec.priority === 'number') w.write(0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(0, 'Node:\t<none>\n');
    else w.write(0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(0, `Start Time:\t${fmtTime(c, status.startTime)}\n`);
    labelsMultiline(w, 'Labels', md.labels);
    annotationsMultiline(w, 'Annotations', md.annotations);
    if (md.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(0, `Status:\tTerminating (lasts ${since(c, md.deletionTimestamp)})\n`);
      w.write(0, `Termination Grace Period:\t${md.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(0, `Message:\t${status.message}\n`);
    const sp = spec.securityContext?.seccompProfile;
    if (sp) {
      w.write(0, `SeccompProfile:\t${sp.type ?? ''}\n`);
      if (sp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
    }
    w.write(0, `IP:\t${status.podIP ?? ''}\n`);
    const ips: any[] = status.podIPs ?? [];
    if (!ips.length) w.write(0, 'IPs:\t<none>\n');
    else {
      w.write(0, 'IPs:\n');
      for (const ip of ips) w.write(1, `IP:\t${ip.ip ?? ''}\n`);
    }
    const ctl = controllerOf(pod);
    if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
    if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec.resources) {
      w.write(0, 'Resources:\n');
      describeResources(w, spec.resources, 1);
    }
    const resolve = envResolver(pod);
    if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, resolve, '', c);
    describeContainers(w, 'Containers', spec.containers, status.containerStatuses, resolve, '', c);
    if (spec.ephemeralContainers?.length) describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, resolve, '', c);
    const conditions: any[] = status.conditions ?? [];
    if (spec.readinessGates?.length) {
      w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates) {
        const cond = conditions.find((x) => x.type === g.conditionType);
        w.write(1, `${g.conditionType ?? ''} \t${cond ? cond.status : '<none>'} \n`);
      }
    }
    if (conditions.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\n');
      for (const x of conditions) w.write(1, `${x.type ?? ''} \t${x.status ?? ''} \n`);
    }
    describeVolumes(w, spec.volumes, '');
    w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
    labelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    tolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpread(w, spec.topologySpreadConstraints, '');
    if (events) describeEvents(w, events, c);
  });
}
