/**
 * Validation of workloads: Deployment, ReplicaSet, DaemonSet, StatefulSet (pkg/apis/apps/validation)
 * and Job, CronJob (pkg/apis/batch/validation), with their update rules.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import { invalid, required, forbidden, notSupported } from '../errors.js';
import {
  type Errs,
  nonNegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateLabelSelector,
  validateLabels,
  validateAnnotations,
  labelSelectorValue,
  stringMapValue,
  selectorMatches,
  selectorInvalid,
  selectorEmpty,
  nameIsDNSSubdomain,
  nameIsDNSLabel,
  isValidPercent,
  immutable,
  deepEqualLoose,
  IS_NEGATIVE,
} from './primitives.js';
import { validatePodTemplateSpec } from './pod.js';
import { GoLiteral } from './gofmt.js';

// ---- IntOrString helpers ---------------------------------------------------------------------------

/** %#v of an intstr.IntOrString. */
export function intOrStringValue(v: unknown): GoLiteral {
  if (typeof v === 'string') return new GoLiteral(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`);
  return new GoLiteral(`intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`);
}

function positiveIntOrPercent(v: unknown, path: string): Errs {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, intOrStringValue(v), m));
  if (typeof v === 'number') return v < 0 ? [invalid(path, v, IS_NEGATIVE)] : [];
  return [];
}

function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return parseInt(v.slice(0, -1), 10);
}

function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseInt(v, 10) || 0;
  return 0;
}

function notMoreThan100(v: unknown, path: string): Errs {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [invalid(path, intOrStringValue(v), 'must not be greater than 100%')] : [];
}

// ---- shared template checks -------------------------------------------------------------------------

/** ValidatePodTemplateSpecForReplicaSet: selector matches labels, pod spec, restartPolicy Always. */
function templateForReplicaSet(spec: any, path: string, kind: string): Errs {
  const errs: Errs = [];
  const t = spec.template;
  if (!t) return [required(path, '')];
  const labels = t.metadata?.labels;
  const sel = spec.selector;
  // A nil selector matches nothing; an empty one matches everything.
  if (!selectorEmpty(sel) && !selectorMatches(sel, labels)) {
    errs.push(invalid(`${path}.metadata.labels`, stringMapValue(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t, path));
  const rp = t.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, rp, ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined && t.spec?.activeDeadlineSeconds !== null) {
    errs.push(forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

function selectorChecks(sel: any, path: string, what: string): Errs {
  if (!sel) return [required(path, '')];
  const errs = validateLabelSelector(sel, path);
  if (selectorEmpty(sel)) errs.push(invalid(path, labelSelectorValue(sel), `empty selector is invalid for ${what}`));
  return errs;
}

// ---- Deployment -----------------------------------------------------------------------------------

function deploymentStrategy(s: any, path: string): Errs {
  const errs: Errs = [];
  const type = s?.type ?? '';
  if (type === 'Recreate') {
    if (s.rollingUpdate) errs.push(forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    const ru = s.rollingUpdate;
    if (!ru) errs.push(required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil'));
    else {
      errs.push(...positiveIntOrPercent(ru.maxUnavailable, `${path}.rollingUpdate.maxUnavailable`));
      errs.push(...positiveIntOrPercent(ru.maxSurge, `${path}.rollingUpdate.maxSurge`));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid(`${path}.rollingUpdate.maxUnavailable`, intOrStringValue(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...notMoreThan100(ru.maxUnavailable, `${path}.rollingUpdate.maxUnavailable`));
    }
  } else {
    const ru = s?.rollingUpdate ? '&apps.RollingUpdateDeployment{...}' : '(*apps.RollingUpdateDeployment)(nil)';
    errs.push(notSupported(path, new GoLiteral(`apps.DeploymentStrategy{Type:${JSON.stringify(type)}, RollingUpdate:${ru}}`), ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

function deploymentSpec(spec: any, path: string): Errs {
  const s = spec ?? {};
  const errs: Errs = [];
  errs.push(...nonNegative(`${path}.replicas`, s.replicas));
  errs.push(...selectorChecks(s.selector, `${path}.selector`, 'deployment'));
  if (s.selector && selectorInvalid(s.selector)) errs.push(invalid(`${path}.selector`, labelSelectorValue(s.selector), 'invalid label selector'));
  else errs.push(...templateForReplicaSet(s, `${path}.template`, 'ReplicaSet'));
  errs.push(...deploymentStrategy(s.strategy, `${path}.strategy`));
  errs.push(...nonNegative(`${path}.minReadySeconds`, s.minReadySeconds));
  errs.push(...nonNegative(`${path}.revisionHistoryLimit`, s.revisionHistoryLimit));
  if (typeof s.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(`${path}.progressDeadlineSeconds`, s.progressDeadlineSeconds));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) errs.push(invalid(`${path}.progressDeadlineSeconds`, s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateDeployment(o: any): Errs {
  return [...validateObjectMeta(o.metadata, true, nameIsDNSSubdomain), ...deploymentSpec(o.spec, 'spec')];
}

export function validateDeploymentUpdate(o: any, old: any): Errs {
  return [
    ...validateObjectMetaUpdate(o.metadata, old.metadata),
    ...deploymentSpec(o.spec, 'spec'),
    ...immutable('spec.selector', o.spec?.selector, old.spec?.selector, labelSelectorValue(o.spec?.selector)),
  ];
}

// ---- ReplicaSet -----------------------------------------------------------------------------------

function replicaSetSpec(spec: any, path: string): Errs {
  const s = spec ?? {};
  const errs: Errs = [];
  errs.push(...nonNegative(`${path}.replicas`, s.replicas));
  errs.push(...nonNegative(`${path}.minReadySeconds`, s.minReadySeconds));
  errs.push(...selectorChecks(s.selector, `${path}.selector`, 'deployment'));
  if (s.selector && selectorInvalid(s.selector)) errs.push(invalid(`${path}.selector`, labelSelectorValue(s.selector), 'invalid label selector'));
  else errs.push(...templateForReplicaSet(s, `${path}.template`, 'ReplicaSet'));
  return errs;
}

export function validateReplicaSet(o: any): Errs {
  return [...validateObjectMeta(o.metadata, true, nameIsDNSSubdomain), ...replicaSetSpec(o.spec, 'spec')];
}

export function validateReplicaSetUpdate(o: any, old: any): Errs {
  return [
    ...validateObjectMetaUpdate(o.metadata, old.metadata),
    ...replicaSetSpec(o.spec, 'spec'),
    ...immutable('spec.selector', o.spec?.selector, old.spec?.selector, labelSelectorValue(o.spec?.selector)),
  ];
}

// ---- DaemonSet ------------------------------------------------------------------------------------

function daemonSetSpec(spec: any, path: string): Errs {
  const s = spec ?? {};
  const errs = validateLabelSelector(s.selector, `${path}.selector`);
  const labels = s.template?.metadata?.labels;
  if (!(s.selector && selectorInvalid(s.selector)) && !selectorEmpty(s.selector) && !selectorMatches(s.selector, labels)) {
    errs.push(invalid(`${path}.template.metadata.labels`, stringMapValue(labels), '`selector` does not match template `labels`'));
  }
  if (s.selector && selectorEmpty(s.selector)) errs.push(invalid(`${path}.selector`, labelSelectorValue(s.selector), 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(s.template ?? {}, `${path}.template`));
  const rp = s.template?.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp, ['Always']));
  if (s.template?.spec?.activeDeadlineSeconds !== undefined && s.template?.spec?.activeDeadlineSeconds !== null) {
    errs.push(forbidden(`${path}.template.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...nonNegative(`${path}.minReadySeconds`, s.minReadySeconds));
  const us = s.updateStrategy ?? {};
  const up = `${path}.updateStrategy`;
  if (us.type === 'RollingUpdate') {
    const ru = us.rollingUpdate;
    if (!ru) errs.push(required(`${up}.rollingUpdate`, ''));
    else {
      const rp2 = `${up}.rollingUpdate`;
      errs.push(...positiveIntOrPercent(ru.maxUnavailable, `${rp2}.maxUnavailable`));
      errs.push(...positiveIntOrPercent(ru.maxSurge, `${rp2}.maxSurge`));
      errs.push(...notMoreThan100(ru.maxUnavailable, `${rp2}.maxUnavailable`));
      errs.push(...notMoreThan100(ru.maxSurge, `${rp2}.maxSurge`));
      const hasU = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasS = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasU && hasS) errs.push(invalid(`${rp2}.maxSurge`, intOrStringValue(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      else if (!hasU && !hasS) errs.push(required(`${rp2}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
    }
  } else if (us.type !== 'OnDelete') {
    const ru = us.rollingUpdate ? '&apps.RollingUpdateDaemonSet{...}' : '(*apps.RollingUpdateDaemonSet)(nil)';
    errs.push(notSupported(up, new GoLiteral(`apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(us.type ?? '')}, RollingUpdate:${ru}}`), ['RollingUpdate', 'OnDelete']));
  }
  errs.push(...nonNegative(`${path}.revisionHistoryLimit`, s.revisionHistoryLimit));
  return errs;
}

export function validateDaemonSet(o: any): Errs {
  return [...validateObjectMeta(o.metadata, true, nameIsDNSSubdomain), ...daemonSetSpec(o.spec, 'spec')];
}

export function validateDaemonSetUpdate(o: any, old: any): Errs {
  return [
    ...validateObjectMetaUpdate(o.metadata, old.metadata),
    ...daemonSetSpec(o.spec, 'spec'),
    ...immutable('spec.selector', o.spec?.selector, old.spec?.selector, labelSelectorValue(o.spec?.selector)),
  ];
}

// ---- StatefulSet ----------------------------------------------------------------------------------

function statefulSetSpec(spec: any, path: string): Errs {
  const s = spec ?? {};
  const errs: Errs = [];
  const pmp = s.podManagementPolicy ?? '';
  if (pmp === '') errs.push(required(`${path}.podManagementPolicy`, ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid(`${path}.podManagementPolicy`, pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = s.updateStrategy ?? {};
  const ut = us.type ?? '';
  if (ut === '') errs.push(required(`${path}.updateStrategy`, ''));
  else if (ut === 'OnDelete') {
    if (us.rollingUpdate) errs.push(invalid(`${path}.updateStrategy.rollingUpdate`, new GoLiteral('apps.RollingUpdateStatefulSetStrategy{...}'), "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (ut === 'RollingUpdate') {
    const ru = us.rollingUpdate;
    if (ru) {
      const rp = `${path}.updateStrategy.rollingUpdate`;
      errs.push(...nonNegative(`${rp}.partition`, ru.partition));
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
        errs.push(...positiveIntOrPercent(ru.maxUnavailable, `${rp}.maxUnavailable`));
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalid(`${rp}.maxUnavailable`, intOrStringValue(ru.maxUnavailable), 'cannot be 0'));
        errs.push(...notMoreThan100(ru.maxUnavailable, `${rp}.maxUnavailable`));
      }
    }
  } else {
    errs.push(invalid(`${path}.updateStrategy`, new GoLiteral(`apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(ut)}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const rpol = s.persistentVolumeClaimRetentionPolicy;
  if (rpol) {
    for (const k of ['whenDeleted', 'whenScaled']) {
      if (!['Retain', 'Delete'].includes(rpol[k])) errs.push(notSupported(`${path}.persistentVolumeClaimRetentionPolicy.${k}`, rpol[k] ?? '', ['Retain', 'Delete']));
    }
  }
  errs.push(...nonNegative(`${path}.replicas`, s.replicas));
  errs.push(...nonNegative(`${path}.minReadySeconds`, s.minReadySeconds));
  if (s.ordinals) errs.push(...nonNegative(`${path}.ordinals.start`, s.ordinals.start));
  errs.push(...selectorChecks(s.selector, `${path}.selector`, 'statefulset'));
  if (s.selector && selectorInvalid(s.selector)) errs.push(invalid(`${path}.selector`, labelSelectorValue(s.selector), ''));
  else {
    const t = s.template ?? {};
    const labels = t.metadata?.labels;
    if (!selectorEmpty(s.selector) && !selectorMatches(s.selector, labels)) {
      errs.push(invalid(`${path}.template.metadata.labels`, stringMapValue(labels), '`selector` does not match template `labels`'));
    }
    errs.push(...validateLabels(labels, `${path}.template.labels`));
    errs.push(...validateAnnotations(t.metadata?.annotations, `${path}.template.annotations`));
  }
  const rp = s.template?.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp, ['Always']));
  if (s.template?.spec?.activeDeadlineSeconds !== undefined && s.template?.spec?.activeDeadlineSeconds !== null) {
    errs.push(forbidden(`${path}.template.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

export function validateStatefulSet(o: any): Errs {
  return [...validateObjectMeta(o.metadata, true, nameIsDNSLabel), ...statefulSetSpec(o.spec, 'spec')];
}

export function validateStatefulSetUpdate(o: any, old: any): Errs {
  const errs = [...validateObjectMetaUpdate(o.metadata, old.metadata), ...statefulSetSpec(o.spec, 'spec')];
  const strip = (s: any) => {
    const c = { ...(s ?? {}) };
    for (const k of ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy']) delete c[k];
    return c;
  };
  if (!deepEqualLoose(strip(o.spec), strip(old.spec))) {
    errs.push(
      forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

// ---- Job ------------------------------------------------------------------------------------------

function jobSpecCommon(spec: any, path: string): Errs {
  const s = spec ?? {};
  const errs: Errs = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) errs.push(...nonNegative(`${path}.${f}`, s[f]));
  const cm = s.completionMode;
  if (cm !== undefined && cm !== null) {
    if (cm !== 'NonIndexed' && cm !== 'Indexed') errs.push(notSupported(`${path}.completionMode`, cm, ['NonIndexed', 'Indexed']));
    if (cm === 'Indexed' && (s.completions === undefined || s.completions === null)) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
  }
  const prp = s.podReplacementPolicy;
  if (prp !== undefined && prp !== null && !['TerminatingOrFailed', 'Failed'].includes(prp)) {
    errs.push(notSupported(`${path}.podReplacementPolicy`, prp, ['Failed', 'TerminatingOrFailed']));
  }
  errs.push(...validatePodTemplateSpec(s.template ?? {}, `${path}.template`));
  const rp = s.template?.spec?.restartPolicy ?? '';
  if (rp === 'Always' || rp === '') errs.push(required(`${path}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  else if (s.podFailurePolicy && rp !== 'Never') errs.push(invalid(`${path}.template.spec.restartPolicy`, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

function jobSpec(spec: any, path: string): Errs {
  const s = spec ?? {};
  const errs = jobSpecCommon(s, path);
  if (!s.selector) errs.push(required(`${path}.selector`, ''));
  else errs.push(...validateLabelSelector(s.selector, `${path}.selector`));
  if (!(s.selector && selectorInvalid(s.selector)) && !selectorEmpty(s.selector) && !selectorMatches(s.selector, s.template?.metadata?.labels)) {
    errs.push(invalid(`${path}.template.metadata.labels`, stringMapValue(s.template?.metadata?.labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

/** validateGeneratedSelector: without manualSelector, the selector is the Job's own. */
function generatedSelector(o: any): Errs {
  const s = o.spec ?? {};
  if (s.manualSelector === true) return [];
  const errs: Errs = [];
  if (!s.template?.metadata?.labels) errs.push(required('spec.template.metadata.labels', ''));
  const uid = o.metadata?.uid ?? '';
  const want = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  if (s.selector && !deepEqualLoose(s.selector, want)) errs.push(invalid('spec.selector', labelSelectorValue(s.selector), '`selector` not auto-generated'));
  return errs;
}

export function validateJob(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  errs.push(...generatedSelector(o));
  errs.push(...jobSpec(o.spec, 'spec'));
  const s = o.spec ?? {};
  if (s.completionMode === 'Indexed' && typeof s.completions === 'number' && s.completions > 0) {
    const host = `${o.metadata?.name}-${s.completions - 1}`;
    if (nameIsDNSLabel(host, false).length) errs.push(invalid('metadata.name', o.metadata?.name ?? '', `will not able to create pod with invalid DNS label: ${host}`));
  }
  return errs;
}

export function validateJobUpdate(o: any, old: any): Errs {
  const errs = [...validateObjectMetaUpdate(o.metadata, old.metadata), ...jobSpec(o.spec, 'spec')];
  const s = o.spec ?? {};
  const os = old.spec ?? {};
  errs.push(...immutable('spec.completions', s.completions, os.completions));
  errs.push(...immutable('spec.selector', s.selector, os.selector, labelSelectorValue(s.selector)));
  if (!deepEqualLoose(s.template, os.template)) errs.push(invalid('spec.template', new GoLiteral('core.PodTemplateSpec{...}'), 'field is immutable'));
  errs.push(...immutable('spec.completionMode', s.completionMode, os.completionMode));
  errs.push(...immutable('spec.podFailurePolicy', s.podFailurePolicy, os.podFailurePolicy, new GoLiteral('&batch.PodFailurePolicy{...}')));
  return errs;
}

// ---- CronJob --------------------------------------------------------------------------------------

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };
const CRON_FIELDS: Bounds[] = [{ min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, MONTHS, DOW];

function atoi(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new Error(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 9223372036854775807) throw new Error(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function cronRange(expr: string, b: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowHigh = rangeAndStep[0].split('-');
  const single = lowHigh.length === 1;
  let start: number;
  let end: number;
  const named = (e: string) => b.names?.[e.toLowerCase()] ?? atoi(e);
  if (lowHigh[0] === '*' || lowHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    start = named(lowHigh[0]);
    if (lowHigh.length === 1) end = start;
    else if (lowHigh.length === 2) end = named(lowHigh[1]);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = atoi(rangeAndStep[1]);
    if (single) end = b.max;
  } else if (rangeAndStep.length > 2) throw new Error(`too many slashes: ${expr}`);
  if (start < b.min) throw new Error(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new Error(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
}

/** robfig/cron's ParseStandard error for a schedule, or undefined. */
export function cronError(spec: string): string | undefined {
  try {
    if (!spec.length) return 'empty spec string';
    let s = spec;
    if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
      const i = s.indexOf(' ');
      s = s.slice(i + 1).trim();
    }
    if (s.startsWith('@')) {
      if (['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(s)) return undefined;
      if (s.startsWith('@every ')) {
        const d = s.slice(7);
        if (!/^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/.test(d) || d === '') return `failed to parse duration ${s}: time: invalid duration ${JSON.stringify(d)}`;
        return undefined;
      }
      return `unrecognized descriptor: ${s}`;
    }
    const fields = s.split(/\s+/).filter(Boolean);
    if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
    fields.forEach((f, i) => {
      for (const e of f.split(',').filter((x) => x !== '')) cronRange(e, CRON_FIELDS[i]);
    });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function jobTemplateSpec(t: any, path: string): Errs {
  const errs = jobSpecCommon(t?.spec, `${path}.spec`);
  if (t?.spec?.selector) errs.push(invalid(`${path}.spec.selector`, labelSelectorValue(t.spec.selector), '`selector` will be auto-generated'));
  if (t?.spec?.manualSelector === true) errs.push(notSupported(`${path}.spec.manualSelector`, true, ['nil', 'false']));
  return errs;
}

function cronJobSpec(spec: any, oldSpec: any, path: string): Errs {
  const s = spec ?? {};
  const errs: Errs = [];
  if (!s.schedule) errs.push(required(`${path}.schedule`, ''));
  else {
    const e = cronError(s.schedule);
    if (e) errs.push(invalid(`${path}.schedule`, s.schedule, e));
    const allowTZ = String(oldSpec?.schedule ?? '').includes('TZ');
    if (allowTZ && s.schedule.includes('TZ') && s.timeZone) errs.push(invalid(`${path}.schedule`, s.schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    else if (!allowTZ && s.schedule.includes('TZ')) errs.push(invalid(`${path}.schedule`, s.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  errs.push(...nonNegative(`${path}.startingDeadlineSeconds`, s.startingDeadlineSeconds));
  const cp = s.concurrencyPolicy ?? '';
  if (cp === '') errs.push(required(`${path}.concurrencyPolicy`, ''));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported(`${path}.concurrencyPolicy`, cp, ['Allow', 'Forbid', 'Replace']));
  errs.push(...jobTemplateSpec(s.jobTemplate, `${path}.jobTemplate`));
  errs.push(...nonNegative(`${path}.successfulJobsHistoryLimit`, s.successfulJobsHistoryLimit));
  errs.push(...nonNegative(`${path}.failedJobsHistoryLimit`, s.failedJobsHistoryLimit));
  return errs;
}

export function validateCronJob(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  errs.push(...cronJobSpec(o.spec, undefined, 'spec'));
  const name = o.metadata?.name ?? '';
  if (name.length > 52) errs.push(invalid('metadata.name', name, 'must be no more than 52 characters'));
  return errs;
}

export function validateCronJobUpdate(o: any, old: any): Errs {
  return [...validateObjectMetaUpdate(o.metadata, old.metadata), ...cronJobSpec(o.spec, old.spec, 'spec')];
}
