/**
 * The Go layout of the Kubernetes API types (from src/api/gotypes-data.ts, generated from k8s.io/api):
 *
 * - `toTyped` gives an object the shape encoding/json gives a typed Go value: fields in struct order,
 *   zero values for fields without omitempty (`creationTimestamp: null`, `strategy: {}`), unknown
 *   fields dropped, map keys sorted. kubectl prints its own generated objects this way.
 * - `patchSchema` is the strategic merge patch metadata (patchStrategy, patchMergeKey) per field.
 */
import { GO_TYPES, type GoField } from './gotypes-data.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** "apps/v1" + "Deployment" → "apps/v1.Deployment"; undefined for kinds we have no layout for. */
export function goTypeFor(apiVersion: string | undefined, kind: string | undefined): string | undefined {
  if (!apiVersion || !kind) return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg = group === '' ? 'core' : group.split('.')[0];
  const id = `${pkg}/${version}.${kind}`;
  return GO_TYPES[id] ? id : undefined;
}

const isObj = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Field {
  name: string;
  type: string;
  omitempty: boolean;
  strategies: string[];
  mergeKey: string;
}

const cache = new Map<string, Field[]>();

/** The struct's fields with inline (embedded) structs flattened, in Go's order. */
export function structFields(id: string): Field[] {
  let fs = cache.get(id);
  if (fs) return fs;
  fs = [];
  for (const f of GO_TYPES[id] ?? []) {
    if (f[0] === '') {
      fs.push(...structFields(f[1]));
      continue;
    }
    fs.push(parseField(f));
  }
  cache.set(id, fs);
  return fs;
}

function parseField(f: GoField): Field {
  const flags = (f[2] ?? '').split(' ');
  const s = flags.find((x) => x.startsWith('s='));
  const k = flags.find((x) => x.startsWith('k='));
  return { name: f[0], type: f[1], omitempty: flags.includes('o'), strategies: s ? s.slice(2).split(',') : [], mergeKey: k ? k.slice(2) : '' };
}

/** Whether Go's omitempty drops this value (false, 0, "", nil, empty slice or map; never a struct). */
function isEmptyValue(type: string, v: unknown): boolean {
  if (v === undefined || v === null) return !isStructType(type);
  if (isStructType(type)) return false;
  if (type.startsWith('*')) return false;
  if (Array.isArray(v)) return v.length === 0;
  if (type.startsWith('map[')) return isObj(v) && Object.keys(v).length === 0;
  if (type === 'string' || type === 'bytes' || type === 'Quantity') return v === '';
  if (type === 'number') return v === 0;
  if (type === 'bool') return v === false;
  return false;
}

const isStructType = (t: string) => t === 'Time' || t === 'IntOrString' || t === 'Quantity' || !!GO_TYPES[t];

/** The JSON encoding of v as a Go value of the given type. */
export function encode(type: string, v: any): any {
  if (type.startsWith('*')) {
    if (v === undefined || v === null) return null;
    return encode(type.slice(1), v);
  }
  if (type.startsWith('[]')) {
    if (v === undefined || v === null || !Array.isArray(v)) return null;
    const elem = type.slice(2);
    return v.map((x) => encode(elem, x));
  }
  if (type.startsWith('map[')) {
    if (!isObj(v)) return null;
    const elem = type.slice(4, -1);
    const out: Record<string, any> = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = encode(elem, v[k]);
    return out;
  }
  switch (type) {
    case 'string':
      return v === undefined || v === null ? '' : v;
    case 'bytes':
      return v === undefined ? null : v;
    case 'number':
      return v === undefined || v === null ? 0 : v;
    case 'bool':
      return v === undefined || v === null ? false : v;
    case 'Time':
      return v === undefined || v === '' ? null : v;
    case 'IntOrString':
      return v === undefined || v === null ? 0 : v;
    case 'Quantity':
      return v === undefined || v === null ? '0' : String(v);
    case 'Raw':
      return v === undefined ? null : v;
  }
  const out: Record<string, any> = {};
  const src = isObj(v) ? v : {};
  for (const f of structFields(type)) {
    const x = src[f.name];
    if (f.omitempty && isEmptyValue(f.type, x)) continue;
    out[f.name] = encode(f.type, x);
  }
  return out;
}

/**
 * An object as kubectl prints a typed value of its kind (json.Marshal of the Go struct). Objects of
 * kinds we have no layout for are returned unchanged.
 */
export function toTyped<T>(obj: T, type?: string): T {
  const t = type ?? goTypeFor((obj as any)?.apiVersion, (obj as any)?.kind);
  if (!t) return obj;
  return encode(t, obj);
}

// ---- strategic merge patch metadata ------------------------------------------------------------

/** What strategic merge patch knows about a field: its value's schema and its patch metadata. */
export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

/**
 * A position in a Go type, for strategic merge patch. `undefined` is "no schema": maps merge, lists
 * are replaced (as for a field the struct does not declare).
 */
export type PatchSchema = string | undefined;

/** Strips pointers. */
const deref = (t: string): string => (t.startsWith('*') ? deref(t.slice(1)) : t);

/** The schema and metadata of a map-valued or struct-valued field. */
export function lookupStruct(schema: PatchSchema, key: string): [PatchSchema, PatchMeta] {
  if (!schema) return [undefined, { strategies: [], mergeKey: '' }];
  const t = deref(schema);
  if (t.startsWith('map[')) return [deref(t.slice(4, -1)), { strategies: [], mergeKey: '' }];
  const f = GO_TYPES[t] ? structFields(t).find((x) => x.name === key) : undefined;
  if (!f) return [undefined, { strategies: [], mergeKey: '' }];
  return [deref(f.type), { strategies: f.strategies, mergeKey: f.mergeKey }];
}

/** The element schema and metadata of a list-valued field. */
export function lookupSlice(schema: PatchSchema, key: string): [PatchSchema, PatchMeta] {
  const [t, meta] = lookupStruct(schema, key);
  if (!t) return [undefined, meta];
  const elem = t.startsWith('[]') ? deref(t.slice(2)) : t;
  return [elem, meta];
}
