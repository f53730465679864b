/**
 * Pod update rules (ValidatePodUpdate): only images, activeDeadlineSeconds, added tolerations and a
 * terminationGracePeriodSeconds fix may change. The forbidden-change message ends with a diff of the
 * spec in go-cmp's style; go-cmp randomizes its spacing on purpose, so this is its shape, not its bytes.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import { invalid, required, forbidden } from '../errors.js';
import { type Errs, deepEqualLoose, inclusiveRangeError } from './primitives.js';

const UPDATABLE =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** Fields of the internal core.PodSpec, in declaration order, with the JSON fields they hold. */
const POD_SPEC_FIELDS: [string, string[]][] = [
  ['Volumes', ['volumes']],
  ['InitContainers', ['initContainers']],
  ['Containers', ['containers']],
  ['EphemeralContainers', ['ephemeralContainers']],
  ['RestartPolicy', ['restartPolicy']],
  ['TerminationGracePeriodSeconds', ['terminationGracePeriodSeconds']],
  ['ActiveDeadlineSeconds', ['activeDeadlineSeconds']],
  ['DNSPolicy', ['dnsPolicy']],
  ['NodeSelector', ['nodeSelector']],
  ['ServiceAccountName', ['serviceAccountName']],
  ['AutomountServiceAccountToken', ['automountServiceAccountToken']],
  ['NodeName', ['nodeName']],
  ['SecurityContext', ['securityContext', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'hostUsers']],
  ['ImagePullSecrets', ['imagePullSecrets']],
  ['Hostname', ['hostname']],
  ['Subdomain', ['subdomain']],
  ['SetHostnameAsFQDN', ['setHostnameAsFQDN']],
  ['Affinity', ['affinity']],
  ['SchedulerName', ['schedulerName']],
  ['Tolerations', ['tolerations']],
  ['HostAliases', ['hostAliases']],
  ['PriorityClassName', ['priorityClassName']],
  ['Priority', ['priority']],
  ['PreemptionPolicy', ['preemptionPolicy']],
  ['DNSConfig', ['dnsConfig']],
  ['ReadinessGates', ['readinessGates']],
  ['RuntimeClassName', ['runtimeClassName']],
  ['Overhead', ['overhead']],
  ['EnableServiceLinks', ['enableServiceLinks']],
  ['TopologySpreadConstraints', ['topologySpreadConstraints']],
  ['OS', ['os']],
  ['SchedulingGates', ['schedulingGates']],
  ['ResourceClaims', ['resourceClaims']],
  ['Resources', ['resources']],
];

const goField = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);

/** A value as go-cmp prints it inside a diff: nested type names elided. */
function cmpValue(v: any): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map(cmpValue).join(', ')}}`;
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  return `{${keys.map((k) => `${goField(k)}: ${cmpValue(v[k])}`).join(', ')}}`;
}

function fieldValue(spec: any, keys: string[]): any {
  if (keys.length === 1) return spec?.[keys[0]];
  const out: Record<string, unknown> = { ...(spec?.[keys[0]] ?? {}) };
  for (const k of keys.slice(1)) if (spec?.[k] !== undefined) out[k] = spec[k];
  return Object.keys(out).length ? out : undefined;
}

/** cmp.Diff(old, new) of two pod specs, field by field. */
export function podSpecDiff(oldSpec: any, newSpec: any): string {
  const lines = ['  core.PodSpec{'];
  let same = 0;
  const flush = () => {
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const [name, keys] of POD_SPEC_FIELDS) {
    const a = fieldValue(oldSpec, keys);
    const b = fieldValue(newSpec, keys);
    if (deepEqualLoose(a, b)) {
      same++;
      continue;
    }
    flush();
    lines.push(`- \t${name}: ${cmpValue(a)},`);
    lines.push(`+ \t${name}: ${cmpValue(b)},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n') + '\n';
}

function onlyAddedTolerations(newT: any[] | undefined, oldT: any[] | undefined): boolean {
  for (const o of oldT ?? []) {
    const found = (newT ?? []).some((n) => deepEqualLoose({ ...o, tolerationSeconds: undefined }, { ...n, tolerationSeconds: undefined }));
    if (!found) return false;
  }
  return true;
}

/** The update-specific part of ValidatePodUpdate (the caller adds metadata and spec validation). */
export function validatePodUpdateRules(pod: any, old: any): Errs {
  const errs: Errs = [];
  const ns = pod.spec ?? {};
  const os = old.spec ?? {};
  for (const k of ['containers', 'initContainers']) {
    const nc: any[] = ns[k] ?? [];
    const oc: any[] = os[k] ?? [];
    if (nc.length !== oc.length) {
      errs.push(forbidden(`spec.${k}`, 'pod updates may not add or remove containers'));
      return errs;
    }
    nc.forEach((c, i) => {
      if (!c?.image) errs.push(required(`spec.${k}[${i}].image`, ''));
      else if (c.image.trim() !== c.image) errs.push(invalid(`spec.${k}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
    });
  }
  if (typeof ns.activeDeadlineSeconds === 'number') {
    const v = ns.activeDeadlineSeconds;
    if (v < 0 || v > 2147483647) return [...errs, invalid('spec.activeDeadlineSeconds', v, inclusiveRangeError(0, 2147483647))];
    if (typeof os.activeDeadlineSeconds === 'number' && os.activeDeadlineSeconds < v) {
      return [...errs, invalid('spec.activeDeadlineSeconds', v, 'must be less than or equal to previous value')];
    }
  } else if (typeof os.activeDeadlineSeconds === 'number') {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  if (!onlyAddedTolerations(ns.tolerations, os.tolerations)) errs.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
  if (deepEqualLoose(ns, os)) return errs;
  const munged = structuredClone(ns);
  (munged.containers ?? []).forEach((c: any, i: number) => (c.image = os.containers?.[i]?.image));
  (munged.initContainers ?? []).forEach((c: any, i: number) => (c.image = os.initContainers?.[i]?.image));
  munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  munged.schedulingGates = os.schedulingGates;
  munged.tolerations = os.tolerations;
  if (typeof os.terminationGracePeriodSeconds === 'number' && os.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  }
  if ((os.schedulingGates ?? []).length) {
    munged.nodeSelector = os.nodeSelector;
    if (munged.affinity) munged.affinity = { ...munged.affinity, nodeAffinity: os.affinity?.nodeAffinity };
  }
  if (!deepEqualLoose(munged, os)) {
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE}\n${podSpecDiff(os, munged)}`));
  }
  return errs;
}
