/**
 * Resource arithmetic for the scheduler and the kubelet: quantities as plain numbers (CPU in
 * millicores, everything else in units, rounded up as resource.Quantity's MilliValue/Value do),
 * and a pod's effective requests (resourcehelper.PodRequests, with init containers and sidecars).
 */
import type { KObject } from '../api/types.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))([eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$/;

/** A quantity's value in units × scale (1000 for milli-units), rounded up; undefined if unreadable. */
function scaled(q: unknown, scale: number): number | undefined {
  if (typeof q === 'number') return Math.ceil(q * scale - 1e-9);
  if (typeof q !== 'string') return undefined;
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  let mult: number;
  if (suffix in BINARY) mult = BINARY[suffix];
  else if (suffix in DECIMAL) mult = DECIMAL[suffix];
  else mult = 10 ** Number(suffix.slice(1));
  const v = n * mult * scale;
  // Round up (a quantity never loses a fraction of its smallest unit), tolerating float noise.
  const r = Math.round(v);
  return Math.abs(v - r) < 1e-6 * Math.max(1, Math.abs(v)) ? r : Math.ceil(v);
}

/** CPU in millicores ("100m" → 100, "1.5" → 1500). Unreadable or missing is 0. */
export function milliValue(q: unknown): number {
  return scaled(q, 1000) ?? 0;
}

/** A quantity in whole units (memory in bytes: "128Mi" → 134217728). Unreadable or missing is 0. */
export function value(q: unknown): number {
  return scaled(q, 1) ?? 0;
}

/** Whether a quantity string parses. */
export function isQuantity(q: unknown): boolean {
  return scaled(q, 1) !== undefined;
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
