/**
 * Patches as the API server applies them: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and
 * strategic merge patch (lists of named things merge by their key), plus the three-way merge kubectl
 * apply computes from the last-applied configuration.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

type Json = any;

/** Merge keys of lists that strategic merge patch merges by key (from the types' patchMergeKey tags). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  ports: 'containerPort',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  finalizers: '',
  ownerReferences: 'uid',
  conditions: 'type',
  tolerations: '',
  resourceClaims: 'name',
  topologySpreadConstraints: 'topologyKey',
  readinessGates: 'conditionType',
  podIPs: 'ip',
  addresses: 'type',
  taints: 'key',
};

/** Service ports merge by port, container ports by containerPort. */
function mergeKey(path: string[], key: string, items: Json[]): string | undefined {
  if (key === 'ports') {
    const sample = items.find((x) => x && typeof x === 'object');
    if (sample && 'port' in sample && !('containerPort' in sample)) return 'port';
    return 'containerPort';
  }
  const k = MERGE_KEYS[key];
  if (k === undefined || k === '') return undefined;
  void path;
  return k;
}

const isObj = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return patch;
  const out: Record<string, Json> = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Strategic merge patch application, including $patch: delete/replace and $retainKeys-free forms. */
export function strategicMergePatch(target: Json, patch: Json, path: string[] = []): Json {
  if (!isObj(patch)) return patch;
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return rest;
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, Json> = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys' || k === '$patch') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const key = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[key])) out[key] = out[key].filter((x: Json) => !(v as Json[]).includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    if (Array.isArray(v)) {
      const mk = mergeKey(path, k, [...v, ...(Array.isArray(out[k]) ? out[k] : [])]);
      if (mk && Array.isArray(out[k])) {
        out[k] = mergeList(out[k], v, mk, [...path, k]);
        continue;
      }
      out[k] = v.filter((x) => !(isObj(x) && x.$patch === 'delete'));
      continue;
    }
    out[k] = strategicMergePatch(out[k], v, [...path, k]);
    if (out[k] === undefined) delete out[k];
  }
  return out;
}

function mergeList(current: Json[], patch: Json[], key: string, path: string[]): Json[] {
  const out = [...current];
  for (const item of patch) {
    if (!isObj(item)) continue;
    const idx = out.findIndex((x) => isObj(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMergePatch(out[idx], item, path);
    else out.push(strategicMergePatch({}, item, path));
  }
  return out;
}

/**
 * What kubectl apply's three-way strategic merge produces: fields of `modified` win over `current`,
 * fields that were in `original` (the last-applied configuration) but are gone from `modified` are
 * removed, and fields only the server or others set are kept.
 */
export function threeWayMerge(original: Json, modified: Json, current: Json, key = ''): Json {
  if (isObj(modified)) {
    const cur = isObj(current) ? current : {};
    const orig = isObj(original) ? original : {};
    const out: Record<string, Json> = { ...cur };
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    for (const [k, v] of Object.entries(modified)) {
      if (v === null) {
        delete out[k];
        continue;
      }
      out[k] = threeWayMerge(orig[k], v, cur[k], k);
    }
    return out;
  }
  if (Array.isArray(modified) && Array.isArray(current)) {
    const mk = mergeKey([], key, [...modified, ...current]);
    if (mk && modified.every(isObj)) {
      const origList: Json[] = Array.isArray(original) ? original : [];
      const out: Json[] = [];
      for (const m of modified) {
        const c = current.find((x: Json) => isObj(x) && x[mk] === m[mk]);
        const o = origList.find((x: Json) => isObj(x) && x[mk] === m[mk]);
        out.push(c ? threeWayMerge(o, m, c, key) : m);
      }
      // Items others added (not in original, not in modified) stay.
      for (const c of current) {
        if (!isObj(c)) continue;
        const inMod = modified.some((m: Json) => m[mk] === c[mk]);
        const inOrig = origList.some((o: Json) => isObj(o) && o[mk] === c[mk]);
        if (!inMod && !inOrig) out.push(c);
      }
      return out;
    }
  }
  return modified;
}

/** RFC 6902 JSON patch. Throws Error with the API server's wording on a failed operation. */
export function jsonPatch(target: Json, ops: Json[]): Json {
  let doc = structuredClone(target);
  const parse = (p: string) =>
    p === ''
      ? []
      : p
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const get = (d: Json, parts: string[]): Json => parts.reduce((o, k) => (o === undefined || o === null ? undefined : Array.isArray(o) ? o[k === '-' ? o.length : Number(k)] : o[k]), d);
  const set = (d: Json, parts: string[], v: Json, insert: boolean): Json => {
    if (!parts.length) return v;
    const parent = get(d, parts.slice(0, -1));
    const last = parts[parts.length - 1];
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (i > parent.length || i < 0 || Number.isNaN(i)) throw new Error(`add operation does not apply: doc is missing path: "/${parts.join('/')}": missing value`);
      if (insert) parent.splice(i, 0, v);
      else parent[i] = v;
    } else if (isObj(parent)) {
      parent[last] = v;
    } else throw new Error(`add operation does not apply: doc is missing path: "/${parts.join('/')}": missing value`);
    return d;
  };
  const remove = (d: Json, parts: string[]) => {
    const parent = get(d, parts.slice(0, -1));
    const last = parts[parts.length - 1];
    if (Array.isArray(parent)) {
      const i = Number(last);
      if (i >= parent.length) throw new Error(`remove operation does not apply: doc is missing path: "/${parts.join('/')}": missing value`);
      parent.splice(i, 1);
    } else if (isObj(parent) && last in parent) delete parent[last];
    else throw new Error(`remove operation does not apply: doc is missing path: "/${parts.join('/')}": missing value`);
  };
  for (const op of ops) {
    const parts = parse(op.path ?? '');
    switch (op.op) {
      case 'add':
        doc = set(doc, parts, structuredClone(op.value), true);
        break;
      case 'replace':
        if (get(doc, parts) === undefined) throw new Error(`replace operation does not apply: doc is missing key: /${parts.join('/')}: missing value`);
        doc = set(doc, parts, structuredClone(op.value), false);
        break;
      case 'remove':
        remove(doc, parts);
        break;
      case 'move': {
        const from = parse(op.from);
        const v = get(doc, from);
        remove(doc, from);
        doc = set(doc, parts, v, true);
        break;
      }
      case 'copy':
        doc = set(doc, parts, structuredClone(get(doc, parse(op.from))), true);
        break;
      case 'test':
        if (JSON.stringify(get(doc, parts)) !== JSON.stringify(op.value)) throw new Error(`testing value /${parts.join('/')} failed: test failed`);
        break;
      default:
        throw new Error(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
