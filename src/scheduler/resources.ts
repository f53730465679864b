/**
 * Resource arithmetic for the scheduler and the kubelet: quantities as plain numbers (CPU in
 * millicores, everything else in units, rounded up as resource.Quantity's MilliValue/Value do),
 * and a pod's effective requests (resourcehelper.PodRequests, with init containers and sidecars).
 */
import type { KObject } from '../api/types.js';
import { Quantity } from '../util/quantity.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Parsed quantities by text: the scheduler reads the same few values for every pod and node. */
const parsed = new Map<string, Quantity | null>();

/** A quantity's value in units × 10^-scaleExp, rounded up as Value()/MilliValue() are; undefined if unreadable. */
function scaled(q: unknown, scaleExp: 0 | -3): number | undefined {
  if (typeof q !== 'string' && typeof q !== 'number') return undefined;
  const key = typeof q === 'number' ? `#${q}` : q;
  let p = parsed.get(key);
  if (p === undefined) {
    p = Quantity.parse(q) ?? null;
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(key, p);
  }
  return p ? Number(p.scaledValue(scaleExp)) : undefined;
}

/** CPU in millicores ("100m" → 100, "1.5" → 1500). Unreadable or missing is 0. */
export function milliValue(q: unknown): number {
  return scaled(q, -3) ?? 0;
}

/** A quantity in whole units (memory in bytes: "128Mi" → 134217728). Unreadable or missing is 0. */
export function value(q: unknown): number {
  return scaled(q, 0) ?? 0;
}

/** Whether a quantity string parses. */
export function isQuantity(q: unknown): boolean {
  return scaled(q, 0) !== undefined;
}

/** A resource list in numbers: cpu in millicores, the rest in units. */
export type Res = Record<string, number>;

export function toRes(list: Record<string, unknown> | undefined): Res {
  const out: Res = {};
  for (const [k, v] of Object.entries(list ?? {})) out[k] = k === 'cpu' ? milliValue(v) : value(v);
  return out;
}

function addInto(a: Res, b: Res): void {
  for (const [k, v] of Object.entries(b)) a[k] = (a[k] ?? 0) + v;
}

function maxInto(a: Res, b: Res): void {
  for (const [k, v] of Object.entries(b)) if ((a[k] ?? 0) < v) a[k] = v;
}

/** Defaults the scheduler scores with when a container asks for nothing (schedutil.DefaultMilliCPURequest...). */
export const DEFAULT_MILLI_CPU = 100;
export const DEFAULT_MEMORY = 200 * 1024 * 1024;

function containerRequests(c: any, nonZero: boolean): Res {
  const r = toRes(c?.resources?.requests);
  if (nonZero) {
    if (!('cpu' in r)) r.cpu = DEFAULT_MILLI_CPU;
    if (!('memory' in r)) r.memory = DEFAULT_MEMORY;
  }
  return r;
}

/**
 * What a pod asks of a node: the sum over its containers and sidecars, or the largest init step if
 * larger (each init container runs next to the sidecars started before it), plus overhead.
 * With nonZero, containers that ask for no cpu/memory count as 100m / 200Mi (for scoring).
 */
const cache = [new WeakMap<KObject, Res>(), new WeakMap<KObject, Res>()];

export function podRequests(pod: KObject, nonZero = false): Res {
  const m = cache[nonZero ? 1 : 0];
  let r = m.get(pod);
  if (!r) m.set(pod, (r = computeRequests(pod, nonZero)));
  return { ...r };
}

function computeRequests(pod: KObject, nonZero: boolean): Res {
  const spec = pod.spec ?? {};
  const reqs: Res = {};
  for (const c of spec.containers ?? []) addInto(reqs, containerRequests(c, nonZero));
  const sidecars: Res = {};
  const initMax: Res = {};
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, r);
      addInto(sidecars, r);
      maxInto(initMax, sidecars);
    } else {
      const step = { ...r };
      addInto(step, sidecars);
      maxInto(initMax, step);
    }
  }
  maxInto(reqs, initMax);
  if (spec.overhead) addInto(reqs, toRes(spec.overhead));
  return reqs;
}

/** A node's allocatable resources as numbers (pods defaults to 110 like the kubelet's maxPods). */
export function allocatable(node: KObject): Res {
  const a = toRes(node.status?.allocatable ?? node.status?.capacity);
  a.pods ??= 110;
  return a;
}
