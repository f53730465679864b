import type { KObject } from '../types.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The image's tag rule for imagePullPolicy: Always for ":latest" or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): string {
  if (!image) return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tagSep = image.indexOf(':', lastSlash + 1);
  if (tagSep < 0) return 'Always';
  return image.slice(tagSep + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

/** SetDefaults_Probe and its handlers (SetDefaults_HTTPGetAction). */
function defaultProbe(p: any): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  defaultHandler(p);
}

function defaultHandler(h: any): void {
  if (h?.httpGet) {
    if (!h.httpGet.path) h.httpGet.path = '/';
    h.httpGet.scheme ||= 'HTTP';
  }
}

function defaultFieldRef(fr: any): void {
  if (fr) fr.apiVersion ||= 'v1';
}

function defaultResourceFieldRef(rf: any): void {
  // resource.Quantity is not a pointer: an unset divisor is written as "0".
  if (rf && (rf.divisor === undefined || rf.divisor === null)) rf.divisor = '0';
}

function defaultContainer(c: any): void {
  if (!c) return;
  c.imagePullPolicy ||= defaultPullPolicy(c.image);
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ||= 'TCP';
  for (const e of c.env ?? []) {
    defaultFieldRef(e?.valueFrom?.fieldRef);
    defaultResourceFieldRef(e?.valueFrom?.resourceFieldRef);
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
}

/** SetDefaults_Volume and its sources. */
function defaultVolume(v: any): void {
  if (!v) return;
  const hasSource = Object.keys(v).some((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
  if (!hasSource) v.emptyDir = {};
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= 420;
    for (const it of v.downwardAPI.items ?? []) {
      defaultFieldRef(it.fieldRef);
      defaultResourceFieldRef(it.resourceFieldRef);
    }
  }
  if (v.projected) {
    v.projected.defaultMode ??= 420;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
      for (const it of s.downwardAPI?.items ?? []) {
        defaultFieldRef(it.fieldRef);
        defaultResourceFieldRef(it.resourceFieldRef);
      }
    }
  }
  if (v.hostPath) v.hostPath.type ??= '';
  if (v.iscsi) {
    v.iscsi.iscsiInterface ||= 'default';
  }
  if (v.rbd) {
    v.rbd.pool ||= 'rbd';
    v.rbd.user ||= 'admin';
    v.rbd.keyring ||= '/etc/ceph/keyring';
  }
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= 'ReadWrite';
    v.azureDisk.fsType ??= 'ext4';
    v.azureDisk.readOnly ??= false;
    v.azureDisk.kind ??= 'Shared';
  }
  if (v.ephemeral?.volumeClaimTemplate?.spec) v.ephemeral.volumeClaimTemplate.spec.volumeMode ??= 'Filesystem';
}

function defaultHostNetworkPorts(containers: any[] | undefined): void {
  for (const c of containers ?? []) for (const p of c?.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
}

/** SetDefaults_PodSpec (+ containers and volumes). */
export function defaultPodSpec(spec: any): void {
  if (!spec) return;
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** SetDefaults_Pod: what only a Pod (not a template) gets. */
export function defaultPod(pod: KObject): void {
  const spec = (pod.spec ??= {});
  defaultPodSpec(spec);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const r = c?.resources;
    if (r?.limits) {
      r.requests ??= {};
      for (const [k, v] of Object.entries(r.limits)) if (r.requests[k] === undefined) r.requests[k] = v;
    }
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    defaultHostNetworkPorts(spec.containers);
    defaultHostNetworkPorts(spec.initContainers);
  }
}

/** SetDefaults for a PodTemplateSpec embedded in a workload. */
export function defaultTemplate(template: any): void {
  if (!template) return;
  template.metadata ??= {};
  if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
  defaultPodSpec(template.spec);
}

/** The pod's QoS class from its containers' requests and limits (v1qos.GetPodQOS). */
export function qosClass(spec: any): string {
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let anySet = false;
  let guaranteed = true;
  const isZero = (v: unknown) => v === '0' || v === 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if ((req[r] !== undefined && !isZero(req[r])) || (lim[r] !== undefined && !isZero(lim[r]))) anySet = true;
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export type Pod = KObject;
