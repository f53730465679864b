/**
 * Admission plugins that act on resource amounts: LimitRanger (defaults from a namespace's LimitRange,
 * then its min/max/ratio rules) and ResourceQuota (usage against each quota's hard limits). Their
 * refusals are Forbidden errors with the plugins' texts.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import type { ApiServer } from '../server.js';
import type { KObject } from '../types.js';
import { forbiddenError } from '../errors.js';
import { parseQuantity, formatQuantity, Quantity } from '../../util/quantity.js';
import { qosClass } from './podspec.js';

type ResourceList = Record<string, Quantity>;

const NANO = 1_000_000_000n;

function q(v: unknown): Quantity | undefined {
  if (v === undefined || v === null) return undefined;
  try {
    return parseQuantity(String(v));
  } catch {
    return undefined;
  }
}

const text = (x: Quantity) => formatQuantity(x);
const cmp = (a: Quantity, b: Quantity) => (a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0);

function toList(m: Record<string, unknown> | undefined): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(m ?? {})) {
    const x = q(v);
    if (x) out[k] = x;
  }
  return out;
}

/** utilerrors.NewAggregate(errs).Error(). */
const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

function limitRanges(api: ApiServer, ns: string): KObject[] {
  const b = api.doc.objects['limitranges'] ?? {};
  return Object.keys(b)
    .filter((k) => k.startsWith(`${ns}/`))
    .sort()
    .map((k) => b[k]);
}

// ---- LimitRanger ------------------------------------------------------------------------------------

/** The defaults a pod's containers take from LimitRanges of type Container, with the plugin's annotation. */
export function limitRangerMutatePod(pod: KObject, api: ApiServer): void {
  for (const lr of limitRanges(api, pod.metadata.namespace ?? 'default')) {
    const limits: Record<string, unknown> = {};
    const requests: Record<string, unknown> = {};
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      Object.assign(limits, item.default ?? {});
      Object.assign(requests, item.defaultRequest ?? {});
    }
    const notes: string[] = [];
    const merge = (c: any, prefix: string) => {
      c.resources ??= {};
      const setL: string[] = [];
      const setR: string[] = [];
      for (const [k, v] of Object.entries(limits)) {
        if (c.resources.limits?.[k] === undefined) {
          (c.resources.limits ??= {})[k] = v;
          setL.push(k);
        }
      }
      for (const [k, v] of Object.entries(requests)) {
        if (c.resources.requests?.[k] === undefined) {
          (c.resources.requests ??= {})[k] = v;
          setR.push(k);
        }
      }
      if (setR.length) notes.push(`${setR.sort().join(', ')} request for ${prefix} ${c.name}`);
      if (setL.length) notes.push(`${setL.sort().join(', ')} limit for ${prefix} ${c.name}`);
    };
    for (const c of pod.spec?.containers ?? []) merge(c, 'container');
    for (const c of pod.spec?.initContainers ?? []) merge(c, 'init container');
    if (notes.length) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

function minConstraint(type: string, name: string, enforced: Quantity, req: ResourceList, lim: ResourceList): string | undefined {
  const r = req[name];
  const l = lim[name];
  if (!r) return `minimum ${name} usage per ${type} is ${text(enforced)}.  No request is specified`;
  if (cmp(r, enforced) < 0) return `minimum ${name} usage per ${type} is ${text(enforced)}, but request is ${text(r)}`;
  if (l && cmp(l, enforced) < 0) return `minimum ${name} usage per ${type} is ${text(enforced)}, but limit is ${text(l)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, req: ResourceList, lim: ResourceList): string | undefined {
  const r = req[name];
  const l = lim[name];
  if (!l) return `maximum ${name} usage per ${type} is ${text(enforced)}.  No limit is specified`;
  if (cmp(l, enforced) > 0) return `maximum ${name} usage per ${type} is ${text(enforced)}, but limit is ${text(l)}`;
  if (r && cmp(r, enforced) > 0) return `maximum ${name} usage per ${type} is ${text(enforced)}, but request is ${text(r)}`;
  return undefined;
}

function maxRequestConstraint(type: string, name: string, enforced: Quantity, req: ResourceList): string | undefined {
  const r = req[name];
  if (!r) return `maximum ${name} usage per ${type} is ${text(enforced)}.  No request is specified`;
  if (cmp(r, enforced) > 0) return `maximum ${name} usage per ${type} is ${text(enforced)}, but request is ${text(r)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, req: ResourceList, lim: ResourceList): string | undefined {
  const r = req[name];
  const l = lim[name];
  if (!r || r.nanos === 0n) return `${name} max limit to request ratio per ${type} is ${text(enforced)}, but no request is specified or request is 0`;
  if (!l || l.nanos === 0n) return `${name} max limit to request ratio per ${type} is ${text(enforced)}, but no limit is specified or limit is 0`;
  const observed = Number(l.nanos) / Number(r.nanos);
  if (observed * Number(NANO) > Number(enforced.nanos)) return `${name} max limit to request ratio per ${type} is ${text(enforced)}, but provided ratio is ${observed.toFixed(6)}`;
  return undefined;
}

function sum(lists: ResourceList[]): ResourceList {
  const keys = new Set(lists.flatMap((l) => Object.keys(l)));
  const out: ResourceList = {};
  for (const k of keys) {
    if (!lists.every((l) => l[k])) continue;
    out[k] = Quantity.fromNanos(lists.reduce((a, l) => a + l[k].nanos, 0n), 'DecimalSI');
  }
  return out;
}

/** LimitRanger's validation of a pod or claim; throws Forbidden. */
export function limitRangerValidate(obj: KObject, resource: 'pods' | 'persistentvolumeclaims', api: ApiServer): void {
  const errs: string[] = [];
  for (const lr of limitRanges(api, obj.metadata.namespace ?? 'default')) {
    for (const item of lr.spec?.limits ?? []) {
      const min = toList(item.min);
      const max = toList(item.max);
      const ratio = toList(item.maxLimitRequestRatio);
      const each = (req: ResourceList, lim: ResourceList, type: string, maxFn: 'limit' | 'request') => {
        for (const k of Object.keys(min).sort()) {
          const e = minConstraint(type, k, min[k], req, lim);
          if (e) errs.push(e);
        }
        for (const k of Object.keys(max).sort()) {
          const e = maxFn === 'limit' ? maxConstraint(type, k, max[k], req, lim) : maxRequestConstraint(type, k, max[k], req);
          if (e) errs.push(e);
        }
        if (maxFn === 'limit') {
          for (const k of Object.keys(ratio).sort()) {
            const e = ratioConstraint(type, k, ratio[k], req, lim);
            if (e) errs.push(e);
          }
        }
      };
      if (resource === 'pods' && item.type === 'Container') {
        for (const c of obj.spec?.containers ?? []) each(toList(c.resources?.requests), toList(c.resources?.limits), 'Container', 'limit');
      }
      if (resource === 'pods' && item.type === 'Pod') {
        const cs = obj.spec?.containers ?? [];
        each(sum(cs.map((c: any) => toList(c.resources?.requests))), sum(cs.map((c: any) => toList(c.resources?.limits))), 'Pod', 'limit');
      }
      if (resource === 'persistentvolumeclaims' && item.type === 'PersistentVolumeClaim') {
        each(toList(obj.spec?.resources?.requests), {}, 'PersistentVolumeClaim', 'request');
      }
    }
  }
  if (errs.length) throw forbiddenError({ group: '', resource }, obj.metadata.name ?? '', aggregate(errs));
}

// ---- ResourceQuota ---------------------------------------------------------------------------------------

function add(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = out[k] ? Quantity.fromNanos(out[k].nanos + v.nanos, out[k].format) : v;
  return out;
}

const one = (): Quantity => (Quantity.fromNanos(NANO, 'DecimalSI'));
const isTerminal = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** A pod's requests: the sum over containers, at least the largest init container. */
function podResources(pod: KObject, field: 'requests' | 'limits'): ResourceList {
  let total: ResourceList = {};
  for (const c of pod.spec?.containers ?? []) total = add(total, toList(c.resources?.[field]));
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(toList(c.resources?.[field]))) if (!total[k] || cmp(v, total[k]) > 0) total[k] = v;
  }
  return total;
}

/** The usage an object adds to its namespace's quotas (the quota evaluators' Usage). */
function usage(gr: string, o: KObject): ResourceList {
  const u: ResourceList = {};
  const count = gr.includes('.') ? `count/${gr}` : `count/${gr}`;
  u[count] = one();
  switch (gr) {
    case 'pods': {
      u.pods = one();
      const req = podResources(o, 'requests');
      const lim = podResources(o, 'limits');
      for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
        if (req[r]) {
          u[`requests.${r}`] = req[r];
          u[r] = req[r];
        }
        if (lim[r]) u[`limits.${r}`] = lim[r];
      }
      for (const [k, v] of Object.entries(req)) if (k.startsWith('hugepages-')) u[`requests.${k}`] = v;
      break;
    }
    case 'services': {
      u.services = one();
      const type = o.spec?.type;
      if (type === 'NodePort' || type === 'LoadBalancer') {
        const ports = (o.spec?.ports ?? []).length;
        if (ports) u['services.nodeports'] = Quantity.fromNanos(BigInt(ports) * NANO, 'DecimalSI');
      }
      if (type === 'LoadBalancer') u['services.loadbalancers'] = one();
      break;
    }
    case 'configmaps':
    case 'secrets':
    case 'replicationcontrollers':
    case 'resourcequotas':
      u[gr] = one();
      break;
    case 'persistentvolumeclaims': {
      u.persistentvolumeclaims = one();
      const s = q(o.spec?.resources?.requests?.storage);
      if (s) u['requests.storage'] = s;
      const sc = o.spec?.storageClassName;
      if (sc) {
        u[`${sc}.storageclass.storage.k8s.io/persistentvolumeclaims`] = one();
        if (s) u[`${sc}.storageclass.storage.k8s.io/requests.storage`] = s;
      }
      break;
    }
    default:
      break;
  }
  return u;
}

/** Whether a quota's scopes select this object (pods only have scopes). */
function inScope(quota: KObject, gr: string, o: KObject): boolean {
  const scopes: string[] = [...(quota.spec?.scopes ?? []), ...(quota.spec?.scopeSelector?.matchExpressions ?? []).map((e: any) => e.scopeName)];
  if (!scopes.length) return true;
  if (gr !== 'pods') return false;
  for (const s of scopes) {
    const terminating = typeof o.spec?.activeDeadlineSeconds === 'number';
    const bestEffort = qosClass(o.spec) === 'BestEffort';
    if (s === 'Terminating' && !terminating) return false;
    if (s === 'NotTerminating' && terminating) return false;
    if (s === 'BestEffort' && !bestEffort) return false;
    if (s === 'NotBestEffort' && bestEffort) return false;
    if (s === 'PriorityClass') {
      const expr = (quota.spec?.scopeSelector?.matchExpressions ?? []).find((e: any) => e.scopeName === 'PriorityClass');
      const pc = o.spec?.priorityClassName ?? '';
      if (expr?.operator === 'In' && !(expr.values ?? []).includes(pc)) return false;
      if (expr?.operator === 'NotIn' && (expr.values ?? []).includes(pc)) return false;
      if (expr?.operator === 'Exists' && !pc) return false;
      if (expr?.operator === 'DoesNotExist' && pc) return false;
    }
  }
  return true;
}

const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** The pod evaluator's constraint: quota on cpu or memory requires every container to state them. */
function podConstraints(required: string[], pod: KObject): string | undefined {
  const missing = new Map<string, Set<string>>();
  const need = required.filter((r) => VALIDATION_SET.includes(r));
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const r of need) {
      const [field, name] = r.startsWith('limits.') ? ['limits', r.slice(7)] : ['requests', r.replace(/^requests\./, '')];
      if (c.resources?.[field]?.[name] === undefined) {
        if (!missing.has(r)) missing.set(r, new Set());
        missing.get(r)!.add(c.name);
      }
    }
  }
  if (!missing.size) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

const pretty = (l: ResourceList) =>
  Object.keys(l)
    .sort()
    .map((k) => `${k}=${text(l[k])}`)
    .join(',');

function mask(l: ResourceList, keys: string[]): ResourceList {
  const out: ResourceList = {};
  for (const k of keys) if (l[k]) out[k] = l[k];
  return out;
}

/** ResourceQuota admission for a create of gr in the object's namespace; throws Forbidden. */
export function quotaAdmit(obj: KObject, gr: string, api: ApiServer): void {
  const ns = obj.metadata.namespace;
  if (!ns) return;
  const b = api.doc.objects['resourcequotas'] ?? {};
  const quotas = Object.keys(b)
    .filter((k) => k.startsWith(`${ns}/`))
    .sort()
    .map((k) => b[k]);
  if (!quotas.length) return;
  const delta = usage(gr, obj);
  const resource = gr.split('.')[0];
  const group = gr.includes('.') ? gr.slice(gr.indexOf('.') + 1) : '';
  for (const rq of quotas) {
    if (!inScope(rq, gr, obj)) continue;
    const hard = toList(rq.spec?.hard);
    const hardKeys = Object.keys(hard);
    if (gr === 'pods') {
      const e = podConstraints(hardKeys, obj);
      if (e) throw forbiddenError({ group, resource }, obj.metadata.name ?? '', `failed quota: ${rq.metadata.name}: ${e}`);
    }
    const requested = mask(delta, hardKeys);
    for (const k of Object.keys(requested)) if (requested[k].nanos === 0n) delete requested[k];
    if (!Object.keys(requested).length) continue;
    // Usage as the quota controller counts it: every live object in the namespace.
    let used: ResourceList = {};
    for (const k of hardKeys) used[k] = Quantity.fromNanos(0n, 'DecimalSI');
    for (const o of Object.values(api.doc.objects[gr] ?? {})) {
      if (o.metadata.namespace !== ns || (gr === 'pods' && isTerminal(o)) || !inScope(rq, gr, o)) continue;
      const u = mask(usage(gr, o), hardKeys);
      for (const [k, v] of Object.entries(u)) used[k] = used[k].nanos === 0n ? v : Quantity.fromNanos(used[k].nanos + v.nanos, used[k].format);
    }
    used = mask(used, hardKeys);
    const exceeded = Object.keys(requested).filter((k) => used[k].nanos + requested[k].nanos > hard[k].nanos);
    if (exceeded.length) {
      throw forbiddenError(
        { group, resource },
        obj.metadata.name ?? '',
        `exceeded quota: ${rq.metadata.name}, requested: ${pretty(mask(requested, exceeded))}, used: ${pretty(mask(used, exceeded))}, limited: ${pretty(mask(hard, exceeded))}`,
      );
    }
  }
}
