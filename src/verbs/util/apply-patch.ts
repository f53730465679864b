/**
 * The strategic merge patch kubectl apply sends for an object that exists (CreateThreeWayMergePatch):
 * what changed from the live object to the new configuration, and nulls for what the last applied
 * configuration had and the new one drops. The API server names this patch in its errors.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import { deepEqual } from '../../api/server.js';

/** Lists merged by a key (the types' patchMergeKey), by field name. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  conditions: 'type',
  topologySpreadConstraints: 'topologyKey',
  readinessGates: 'conditionType',
  resourceClaims: 'name',
  taints: 'key',
};

const isObj = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

function mergeKeyFor(field: string, items: any[]): string | undefined {
  if (field === 'ports') {
    const sample = items.find(isObj);
    if (!sample) return undefined;
    return 'containerPort' in sample ? 'containerPort' : 'port' in sample ? 'port' : undefined;
  }
  const k = MERGE_KEYS[field];
  return k && items.every((i) => isObj(i) && k in i) ? k : undefined;
}

function diffList(field: string, current: any[], modified: any[], original: any[] | undefined, out: Record<string, any>): void {
  const key = mergeKeyFor(field, [...modified, ...current]);
  if (!key) {
    out[field] = modified;
    return;
  }
  const items: any[] = [];
  for (const m of modified) {
    const c = current.find((x) => isObj(x) && x[key] === m[key]);
    if (!c) {
      items.push(m);
      continue;
    }
    const o = original?.find((x) => isObj(x) && x[key] === m[key]);
    const d = diffMaps(c, m, o);
    if (Object.keys(d).length) items.push({ ...d, [key]: m[key] });
  }
  for (const o of original ?? []) {
    if (isObj(o) && !modified.some((m) => m[key] === o[key]) && current.some((c) => isObj(c) && c[key] === o[key])) {
      items.push({ $patch: 'delete', [key]: o[key] });
    }
  }
  if (!items.length) return;
  out[`$setElementOrder/${field}`] = modified.map((m) => ({ [key]: m[key] }));
  out[field] = items;
}

function diffMaps(current: Record<string, any>, modified: Record<string, any>, original: Record<string, any> | undefined): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, m] of Object.entries(modified)) {
    const c = current[k];
    if (c === undefined) {
      out[k] = m;
      continue;
    }
    if (deepEqual(c, m)) continue;
    if (isObj(c) && isObj(m)) {
      const d = diffMaps(c, m, isObj(original?.[k]) ? original![k] : undefined);
      if (Object.keys(d).length) out[k] = d;
    } else if (Array.isArray(c) && Array.isArray(m)) {
      diffList(k, c, m, Array.isArray(original?.[k]) ? original![k] : undefined, out);
    } else {
      out[k] = m;
    }
  }
  for (const k of Object.keys(original ?? {})) {
    if (!(k in modified) && current[k] !== undefined) out[k] = null;
  }
  return out;
}

/** The patch kubectl apply computes from the last applied configuration, the new one and the live object. */
export function applyPatch(original: unknown, modified: unknown, current: unknown): Record<string, any> {
  if (!isObj(modified) || !isObj(current)) return {};
  return diffMaps(current, modified, isObj(original) ? original : undefined);
}
