/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject, OwnerReference } from '../api/types.js';
import type { Change } from '../api/server.js';
import { fromLabelSelector, matchesLabels, type Requirement } from '../api/selectors.js';
import type { Action, EventSpec } from '../engine/types.js';
import { rfc3339 } from '../util/clock.js';

/** "ns/name" for an object. */
export const keyOf = (o: KObject): string => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!);

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

export function controllerRef(o: KObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

export function ownerRefTo(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** Maps a change of an owned object to its controller's key, if the controller is of `kind`. */
export function ownerKey(kind: string) {
  return (c: Change): string[] => {
    const keys: string[] = [];
    for (const o of [c.obj, c.old]) {
      const ref = o && controllerRef(o);
      if (ref && ref.kind === kind) keys.push(`${o!.metadata.namespace}/${ref.name}`);
    }
    return [...new Set(keys)];
  };
}

export const selfKey = (c: Change): string[] => [keyOf(c.obj)];

/** FNV-1a, 32 bits. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(s, 'utf8');
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character of the decimal hash mapped into the no-vowel alphabet. */
export function safeEncode(s: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (const ch of s) out += alphabet[ch.charCodeAt(0) % alphabet.length];
  return out;
}

/** JSON with sorted keys: a stable text for hashing. */
export function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The pod-template-hash of a template (controller.ComputeHash), with the optional collisionCount. */
export function computeHash(template: unknown, collisionCount?: number): string {
  let s = stableJson(template);
  if (collisionCount) s += `#${collisionCount}`;
  return safeEncode(String(fnv32a(s)));
}

export function isPodActive(p: KObject): boolean {
  return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

export function isPodReady(p: KObject): boolean {
  return (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

// ---- shared controller helpers -----------------------------------------------------------------


/** A compiled label selector: nil matches nothing, empty matches everything. */
export function compileSelector(sel: any): (labels: Record<string, string> | undefined) => boolean {
  const reqs: Requirement[] | null = fromLabelSelector(sel);
  if (reqs === null) return () => false;
  return (labels) => matchesLabels(reqs, labels);
}

/** A plain map selector (Service.spec.selector, nodeSelector): every pair must match. */
export function mapMatches(sel: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return true;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (l[k] !== v) return false;
  return true;
}

export function eventAction(involved: KObject, type: EventSpec['type'], reason: string, message: string, component: string): Action {
  return { op: 'event', event: { involved, type, reason, message, component } };
}

/** Milliseconds of an RFC 3339 time, or undefined. */
export function timeMs(s: unknown): number | undefined {
  if (typeof s !== 'string' || !s) return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : undefined;
}

export const nowTime = (now: number): string => rfc3339(now);

/** A copy without resourceVersion, for writes decided from what was observed in this sync. */
export function forWrite(o: KObject): KObject {
  const c = { ...o, metadata: { ...o.metadata } };
  delete c.metadata.resourceVersion;
  return c;
}

/** An object with a new status, for a status write. */
export function withStatus(o: KObject, status: any): KObject {
  return { ...forWrite(o), status };
}

/** Drops undefined, zero, empty-string and false members (Go's omitempty for these fields). */
export function omitEmpty<T extends Record<string, any>>(o: T, keep: string[] = []): T {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(o)) {
    if (keep.includes(k) && v !== undefined) out[k] = v;
    else if (v !== undefined && v !== null && v !== 0 && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  }
  return out as T;
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, "N%" scaled against total, rounded up or down.
 * An unreadable value counts as 0.
 */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return /^\d+$/.test(v) ? Number(v) : 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** The pod's Ready condition. */
export function readyCondition(p: KObject): any {
  return (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
}

/** podutil.IsPodAvailable: ready, and ready for more than minReadySeconds. */
export function isPodAvailable(p: KObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(p)) return false;
  if (!minReadySeconds) return true;
  const t = timeMs(readyCondition(p)?.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 < now;
}

/** When a ready pod becomes available (ms), for requeues; undefined if it is not ready. */
export function availableAt(p: KObject, minReadySeconds: number): number | undefined {
  if (!isPodReady(p)) return undefined;
  const t = timeMs(readyCondition(p)?.lastTransitionTime);
  return t === undefined ? undefined : t + minReadySeconds * 1000 + 1;
}

/**
 * controller.GetPodFromTemplate: a pod for a controller, named by generateName "<prefix>-" unless
 * a name is given, with the template's labels, annotations and finalizers and a controller ref.
 */
export function podFromTemplate(template: any, owner: KObject, opts: { name?: string; generateName?: string; labels?: Record<string, string> } = {}): KObject {
  const t = template ?? {};
  const meta: any = { namespace: owner.metadata.namespace };
  if (opts.name) meta.name = opts.name;
  else meta.generateName = opts.generateName ?? `${owner.metadata.name}-`;
  const labels = { ...(t.metadata?.labels ?? {}), ...(opts.labels ?? {}) };
  if (Object.keys(labels).length) meta.labels = labels;
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length) meta.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers?.length) meta.finalizers = [...t.metadata.finalizers];
  meta.ownerReferences = [ownerRefTo(owner)];
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: structuredClone(t.spec ?? {}) };
}

/** Compares objects the way apimachinery's semantic DeepEqual does for our JSON: empty and absent are equal. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return stableJson(pruneEmpty(a)) === stableJson(pruneEmpty(b));
}

function pruneEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(pruneEmpty) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = pruneEmpty(x);
      if (p !== undefined && p !== null) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/** A condition list with one condition set (replacing the same type), new ones appended. */
export function setCondition(conds: any[] | undefined, c: any): any[] {
  const list = (conds ?? []).filter((x) => x.type !== c.type);
  list.push(c);
  return list;
}

export function getCondition(conds: any[] | undefined, type: string): any {
  return (conds ?? []).find((c) => c.type === type);
}

/** Sorted by creationTimestamp, then name (controller.ReplicaSetsByCreationTimestamp and friends). */
export function byCreation(a: KObject, b: KObject): number {
  const ta = timeMs(a.metadata.creationTimestamp) ?? 0;
  const tb = timeMs(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

/** The owner reference without the controller flag: for adoption patches etc. */
export function isControlledBy(o: KObject, owner: KObject): boolean {
  return controllerRef(o)?.uid === owner.metadata.uid;
}

/** Exponential per-key failure back-off (the workqueue's rate limiter: 5 ms doubling up to 1000 s). */
export interface Backoff {
  failures: number;
  until: number;
  message?: string;
}

export function backoffOf(doc: { engine: { data: Record<string, unknown> } }, ctrl: string, key: string): Backoff | undefined {
  const all = doc.engine.data.backoff as Record<string, Record<string, Backoff>> | undefined;
  return all?.[ctrl]?.[key];
}

export function backoffDelay(failures: number): number {
  return Math.min(5 * 2 ** Math.max(0, failures - 1), 1000_000);
}

/** Records one more failure for a key; the returned actions store it and requeue the key when it expires. */
export function recordFailure(ctrl: string, key: string, now: number, message: string, prev: Backoff | undefined): Action[] {
  const failures = (prev?.failures ?? 0) + 1;
  const delay = backoffDelay(failures);
  return [
    {
      op: 'data',
      apply: (doc) => {
        const all = ((doc.engine.data.backoff as Record<string, Record<string, Backoff>>) ??= {});
        (all[ctrl] ??= {})[key] = { failures, until: now + delay, message };
      },
    },
    { op: 'after', delayMs: delay, key },
  ];
}

export function clearBackoff(ctrl: string, key: string): Action {
  return {
    op: 'data',
    apply: (doc) => {
      const all = doc.engine.data.backoff as Record<string, Record<string, Backoff>> | undefined;
      if (!all?.[ctrl]) return;
      delete all[ctrl][key];
      if (!Object.keys(all[ctrl]).length) delete all[ctrl];
      if (!Object.keys(all).length) delete doc.engine.data.backoff;
    },
  };
}

// ---- node predicates (what DaemonSets and the node lifecycle need) ------------------------------

/** v1helper.TolerationsTolerateTaint: a toleration matches the taint's key, value and effect. */
export function tolerates(tolerations: any[] | undefined, taint: any): boolean {
  return (tolerations ?? []).some((t: any) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function nodeRequirementMatches(req: any, value: string | undefined, present: boolean): boolean {
  const values: string[] = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return present && values.includes(value!);
    case 'NotIn':
      return !present || !values.includes(value!);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'Gt':
    case 'Lt': {
      if (!present || !/^-?\d+$/.test(value!) || values.length !== 1 || !/^-?\d+$/.test(values[0])) return false;
      return req.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
  }
  return false;
}

/** A NodeSelectorTerm: every expression (labels) and field (metadata.name) must match. */
export function nodeSelectorTermMatches(term: any, node: KObject): boolean {
  const exprs = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) if (!nodeRequirementMatches(r, labels[r.key], Object.prototype.hasOwnProperty.call(labels, r.key))) return false;
  for (const r of fields) if (r.key !== 'metadata.name' || !nodeRequirementMatches(r, node.metadata.name, true)) return false;
  return true;
}

/** nodeSelector and required node affinity (GetRequiredNodeAffinity(pod).Match(node)). */
export function podMatchesNode(podSpec: any, node: KObject): boolean {
  if (!mapMatches(podSpec?.nodeSelector, node.metadata.labels)) return false;
  const terms = podSpec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t: any) => nodeSelectorTermMatches(t, node))) return false;
  return true;
}
