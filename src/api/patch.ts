/**
 * Patches as the API server and kubectl compute and apply them:
 *
 * - strategic merge patch (apimachinery's strategicpatch): lists of named things merge by their
 *   merge key, `$patch: replace|delete|merge`, `$retainKeys`, `$setElementOrder/<list>`,
 *   `$deleteFromPrimitiveList/<list>`, with the merge keys and strategies of the Go types
 *   (src/api/gotypes.ts); fields a type does not declare merge like JSON merge patch;
 * - the two-way and three-way strategic patches kubectl builds (set, edit, apply);
 * - JSON merge patch (RFC 7386) and its two-way diff;
 * - JSON patch (RFC 6902) with the server's error texts.
 */
import { StatusError } from './errors.js';
import { goTypeFor, lookupSlice, lookupStruct, type PatchMeta, type PatchSchema } from './gotypes.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

type Json = any;
type JMap = Record<string, Json>;

const DIRECTIVE = '$patch';
const DELETE = 'delete';
const REPLACE = 'replace';
const MERGE = 'merge';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

const isObj = (v: Json): v is JMap => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

/** A patch that cannot be applied. `badRequest` errors are the server's 400s, the rest its 500s. */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly kind: 'badRequest' | 'unprocessable' | 'internal' = 'internal',
  ) {
    super(message);
  }
}

const ERR_BAD_PRIMITIVE_LIST = () => new PatchError('invalid patch format of primitive list', 'badRequest');
const ERR_BAD_RETAIN_KEYS = () => new PatchError('invalid patch format of retainKeys', 'badRequest');
const ERR_BAD_SET_ORDER = () => new PatchError('invalid patch format of setElementOrder list', 'badRequest');
const ERR_NO_LIST_OF_LISTS = () => new PatchError('lists of lists are not supported', 'unprocessable');

/** Go's fmt %v of a decoded JSON value: map[a:1 b:x], [a b], <nil>. */
export function goSprint(v: Json): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (isObj(v)) {
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goSprint(v[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** The Go kind of a decoded JSON value, as reflect.TypeOf compares them. */
function kindOf(v: Json): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v;
}

const errNoMergeKey = (m: Json, k: string) => new PatchError(`map: ${goSprint(m)} does not contain declared merge key: ${k}`);
const errBadArgType = (expected: string, actual: Json) => new PatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
function goTypeName(v: Json): string {
  const k = kindOf(v);
  return k === 'map' ? 'map[string]interface {}' : k === 'slice' ? '[]interface {}' : k === 'nil' ? '<nil>' : k;
}

/** retainKeys plus the other strategy of a field's patchStrategy list. */
function retainKeysStrategy(meta: PatchMeta): [boolean, string] {
  const s = meta.strategies;
  if (s.length === 0) return [false, ''];
  if (s.length === 1) return s[0] === 'retainKeys' ? [true, ''] : [false, s[0]];
  if (s.length === 2) {
    if (s[0] === 'retainKeys') return [true, s[1]];
    if (s[1] === 'retainKeys') return [true, s[0]];
  }
  throw new PatchError(`unexpected patch strategy: [${s.join(' ')}]`);
}

function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw ERR_BAD_PRIMITIVE_LIST();
    if (prefix === SET_ELEMENT_ORDER) throw ERR_BAD_SET_ORDER();
  }
  return s.slice(i + 1);
}

// ---- applying a strategic merge patch ----------------------------------------------------------

interface MergeOptions {
  /** Apply $deleteFromPrimitiveList and $setElementOrder (server side) instead of carrying them. */
  mergeParallelList: boolean;
  /** Drop nulls that have nothing to delete. */
  ignoreUnmatchedNulls: boolean;
}

/** The schema for an object: its Go type from apiVersion/kind, or none. */
export function schemaOf(obj: Json): PatchSchema {
  return isObj(obj) ? goTypeFor(obj.apiVersion, obj.kind) : undefined;
}

/**
 * Applies a strategic merge patch to a document as the API server does. The schema defaults to the
 * document's type. Neither argument is modified. Throws PatchError.
 */
export function strategicMergePatch(original: Json, patch: Json, schema: PatchSchema = schemaOf(original)): Json {
  if (!isObj(patch)) throw new PatchError('invalid JSON document', 'badRequest');
  return mergeMap(clone(isObj(original) ? original : {}), clone(patch), schema, { mergeParallelList: true, ignoreUnmatchedNulls: true });
}

function mergeMap(original: JMap | undefined, patch: JMap, schema: PatchSchema, opts: MergeOptions): JMap {
  if (DIRECTIVE in patch) {
    const d = patch[DIRECTIVE];
    if (d === REPLACE) {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (d === DELETE) return {};
    throw new PatchError(`unknown patch type: ${goSprint(d)} in map: ${goSprint(patch)}`);
  }
  original ??= {};
  applyRetainKeys(original, patch, opts);
  mergeSetElementOrder(original, patch, schema, opts);
  for (let [k, patchV] of Object.entries(patch)) {
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        original[k] = patchV;
        continue;
      }
      k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete original[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!(k in original)) {
      if (!isDeleteList) {
        if (opts.ignoreUnmatchedNulls) discardNulls(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) original[k] = v;
        else delete original[k];
      }
      continue;
    }
    if (kindOf(original[k]) !== kindOf(patchV) && !(typeof original[k] === 'number' && typeof patchV === 'number')) {
      if (!isDeleteList) {
        if (opts.ignoreUnmatchedNulls) discardNulls(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) original[k] = v;
        else delete original[k];
      }
      continue;
    }
    if (isObj(original[k])) {
      const [sub, meta] = lookupStruct(schema, k);
      const [, strategy] = retainKeysStrategy(meta);
      original[k] = strategy !== REPLACE ? mergeMap(original[k], patchV, sub, opts) : patchV;
    } else if (Array.isArray(original[k])) {
      const [sub, meta] = lookupSlice(schema, k);
      const [, strategy] = retainKeysStrategy(meta);
      original[k] = strategy === MERGE || isDeleteList ? mergeSlice(original[k], patchV, sub, meta.mergeKey, opts, isDeleteList) : patchV;
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) original[k] = v;
      else delete original[k];
    }
  }
  return original;
}

function applyRetainKeys(original: JMap, patch: JMap, opts: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    if (RETAIN_KEYS in original) {
      if (JSON.stringify(original[RETAIN_KEYS]) !== JSON.stringify(retain)) {
        throw new PatchError(`${goSprint(original[RETAIN_KEYS])} and ${goSprint(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else original[RETAIN_KEYS] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw ERR_BAD_RETAIN_KEYS();
  const keep = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw ERR_BAD_RETAIN_KEYS();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function mergeSetElementOrder(original: JMap, patch: JMap, schema: PatchSchema, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (key in original) {
        if (JSON.stringify(original[key]) !== JSON.stringify(order)) throw ERR_BAD_SET_ORDER();
      } else original[key] = order;
    }
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType('[]interface {}', order);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = originalKey in original;
    const foundPatch = originalKey in patch;
    const originalList = original[originalKey];
    const patchList = patch[originalKey];
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType('[]interface {}', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType('[]interface {}', patchList);
    const [sub, meta] = lookupSlice(schema, originalKey);
    const [, strategy] = retainKeysStrategy(meta);
    validatePatchWithSetOrderList(foundPatch ? patchList : [], order, meta.mergeKey);
    let merged: Json[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList)[0];
    else if (foundOriginal && foundPatch) merged = strategy === MERGE ? mergeSlice(originalList, patchList, sub, meta.mergeKey, opts, false) : patchList;
    else continue;
    const [patchItems, serverOnly] = meta.mergeKey ? partitionMaps(merged, order, meta.mergeKey) : partitionPrimitives(merged, order);
    const kind = sliceElementKind(foundOriginal ? originalList : [], foundPatch ? patchList : []);
    original[originalKey] = normalizeElementOrder(patchItems, serverOnly, order, foundOriginal ? originalList : [], meta.mergeKey, kind);
    delete patch[originalKey];
  }
}

function validatePatchWithSetOrderList(patchList: Json[], order: Json[], mergeKey: string): void {
  if (!order.length || !patchList.length) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < order.length) {
    if (isObj(nonDelete[p]) && DIRECTIVE in nonDelete[p]) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], order[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= order.length) {
    throw new PatchError(`The order in patch list:\n${goSprint(patchList)}\n doesn't match $setElementOrder list:\n${goSprint(order)}\n`);
  }
}

function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isObj(left)) throw errBadArgType('map[string]interface {}', left);
  if (!isObj(right)) throw errBadArgType('map[string]interface {}', right);
  if (!(mergeKey in left)) throw errNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/** Removes $patch'ed maps (and their keys/indexes); returns [value, keep]. */
function removeDirectives(v: Json): [Json, boolean] {
  if (v === null || v === undefined) return [v, true];
  if (isObj(v)) {
    if (DIRECTIVE in v) return [null, false];
    for (const k of Object.keys(v)) {
      const [nv, keep] = removeDirectives(v[k]);
      if (keep) v[k] = nv;
      else delete v[k];
    }
    return [v, true];
  }
  if (Array.isArray(v)) {
    const out: Json[] = [];
    for (const x of v) {
      const [nv, keep] = removeDirectives(x);
      if (keep) out.push(nv);
    }
    return [out, true];
  }
  return [v, true];
}

function discardNulls(v: Json): void {
  if (isObj(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  } else if (Array.isArray(v)) v.forEach(discardNulls);
}

function sliceElementKind(...lists: Json[][]): string {
  let prev: string | undefined;
  for (const l of lists) {
    for (const x of l) {
      let k = kindOf(x);
      if (k === 'int64' || k === 'float64') k = 'number';
      if (prev === undefined) {
        prev = k;
        if (k === 'slice') throw ERR_NO_LIST_OF_LISTS();
      } else if (prev !== k) throw new PatchError(`list element types are not identical: ${goSprint(lists)}`);
    }
  }
  if (prev === undefined) throw new PatchError('no elements in any of the given slices');
  return prev;
}

function mergeSlice(original: Json[], patch: Json[], schema: PatchSchema, mergeKey: string, opts: MergeOptions, isDeleteList: boolean): Json[] {
  if (!Array.isArray(patch)) throw errBadArgType('[]interface {}', patch);
  if (!original.length && !patch.length) return original;
  const kind = sliceElementKind(original, patch);
  let merged: Json[];
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new PatchError(`cannot merge lists without merge key for ${schema ? 'struct' : 'map'}`);
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, schema, opts);
  }
  const [patchItems, serverOnly] = mergeKey ? partitionMaps(merged, patch, mergeKey) : partitionPrimitives(merged, patch);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

function mergeSliceWithSpecialElements(original: Json[], patch: Json[], mergeKey: string): [Json[], Json[]] {
  const plain: Json[] = [];
  let replace = false;
  for (const v of patch) {
    if (!(DIRECTIVE in v)) {
      plain.push(v);
      continue;
    }
    const d = v[DIRECTIVE];
    if (d === DELETE) {
      if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
      original = original.filter((x) => !(isObj(x) && x[mergeKey] === v[mergeKey]));
    } else if (d === REPLACE) replace = true;
    else if (d === MERGE) throw new PatchError('merging lists cannot yet be specified in the patch');
    else throw new PatchError(`unknown patch type: ${goSprint(d)} in map: ${goSprint(v)}`);
  }
  return replace ? [plain, []] : [original, plain];
}

function mergeSliceWithoutSpecialElements(original: Json[], patch: Json[], mergeKey: string, schema: PatchSchema, opts: MergeOptions): Json[] {
  for (const v of patch) {
    if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
    const i = findByKey(original, mergeKey, v[mergeKey]);
    if (i >= 0) original[i] = mergeMap(original[i], v, schema, opts);
    else original.push(v);
  }
  return original;
}

function findByKey(list: Json[], key: string, value: Json): number {
  for (let i = 0; i < list.length; i++) {
    if (!isObj(list[i])) throw new PatchError(`value for key ${i} is not a map`);
    if (key in list[i] && list[i][key] === value) return i;
  }
  return -1;
}

function deleteFromSlice(current: Json[], toDelete: Json[]): Json[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

/** apimachinery's deduplicateScalars, including the order it leaves behind. */
function deduplicateScalars(s: Json[]): Json[] {
  s = [...s];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

function partitionPrimitives(list: Json[], by: Json[]): [Json[], Json[]] {
  const inPatch = new Set(by);
  return [list.filter((v) => inPatch.has(v)), list.filter((v) => !inPatch.has(v))];
}

function partitionMaps(list: Json[], by: Json[], mergeKey: string): [Json[], Json[]] {
  const patch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of list) {
    if (!isObj(v)) throw errBadArgType('map[string]interface {}', v);
    if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
    if (findByKey(by, mergeKey, v[mergeKey]) >= 0) patch.push(v);
    else serverOnly.push(v);
  }
  return [patch, serverOnly];
}

function indexIn(list: Json[], v: Json, mergeKey: string, kind: string): number {
  const get = kind === 'map' ? (x: Json) => (isObj(x) ? x[mergeKey] : undefined) : (x: Json) => x;
  const want = get(v);
  for (let i = 0; i < list.length; i++) if (get(list[i]) === want) return i;
  return -1;
}

function extractToDeleteItems(l: Json[]): [Json[], Json[]] {
  const keep: Json[] = [];
  const del: Json[] = [];
  for (const v of l) {
    if (!isObj(v)) throw errBadArgType('map[string]interface {}', v);
    if (v[DIRECTIVE] === DELETE) del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

/** Go's sort.SliceStable (insertion sort per block of 20, then merges), with kubectl's odd comparator. */
function stableSort<T>(a: T[], less: (x: T, y: T) => boolean): T[] {
  const data = [...a];
  const insertion = (lo: number, hi: number) => {
    for (let i = lo + 1; i < hi; i++) for (let j = i; j > lo && less(data[j], data[j - 1]); j--) [data[j], data[j - 1]] = [data[j - 1], data[j]];
  };
  const n = data.length;
  let block = 20;
  let lo = 0;
  let hi = block;
  while (hi <= n) {
    insertion(lo, hi);
    lo = hi;
    hi += block;
  }
  insertion(lo, n);
  while (block < n) {
    lo = 0;
    hi = 2 * block;
    while (hi <= n) {
      symMerge(data, lo, lo + block, hi, less);
      lo = hi;
      hi += 2 * block;
    }
    const m = lo + block;
    if (m < n) symMerge(data, lo, m, n, less);
    block *= 2;
  }
  return data;
}

function symMerge<T>(data: T[], a: number, m: number, b: number, less: (x: T, y: T) => boolean): void {
  if (m - a === 1) {
    let i = m;
    let j = b;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (less(data[h], data[a])) i = h + 1;
      else j = h;
    }
    for (let k = a; k < i - 1; k++) [data[k], data[k + 1]] = [data[k + 1], data[k]];
    return;
  }
  if (b - m === 1) {
    let i = a;
    let j = m;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (!less(data[m], data[h])) i = h + 1;
      else j = h;
    }
    for (let k = m; k > i; k--) [data[k], data[k - 1]] = [data[k - 1], data[k]];
    return;
  }
  const mid = (a + b) >>> 1;
  const n = mid + m;
  let start: number;
  let r: number;
  if (m > mid) {
    start = n - b;
    r = mid;
  } else {
    start = a;
    r = m;
  }
  const p = n - 1;
  while (start < r) {
    const c = (start + r) >>> 1;
    if (!less(data[p - c], data[c])) start = c + 1;
    else r = c;
  }
  const end = n - start;
  if (start < m && m < end) rotate(data, start, m, end);
  if (a < start && start < mid) symMerge(data, a, start, mid, less);
  if (mid < end && end < b) symMerge(data, mid, end, b, less);
}

function rotate<T>(data: T[], a: number, m: number, b: number): void {
  const part = data.slice(a, m);
  const rest = data.slice(m, b);
  data.splice(a, b - a, ...rest, ...part);
}

function normalizeSliceOrder(toSort: Json[], order: Json[], mergeKey: string, kind: string): Json[] {
  let toDelete: Json[] = [];
  if (kind === 'map') {
    for (const list of [toSort, order]) {
      for (const item of list) {
        if (!isObj(item)) throw errBadArgType('map[string]interface {}', item);
        if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
      }
    }
    [toSort, toDelete] = extractToDeleteItems(toSort);
  }
  const sorted = stableSort(toSort, (x, y) => {
    const ii = indexIn(order, x, mergeKey, kind);
    if (ii >= 0) {
      const ij = indexIn(order, y, mergeKey, kind);
      if (ij >= 0) return ii < ij;
    }
    return true;
  });
  return [...sorted, ...toDelete];
}

function normalizeElementOrder(patch: Json[], serverOnly: Json[], patchOrder: Json[], serverOrder: Json[], mergeKey: string, kind: string): Json[] {
  patch = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  serverOnly = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(serverOnly, patch, serverOrder, mergeKey, kind);
}

function mergeSortedSlice(left: Json[], right: Json[], serverOrder: Json[], mergeKey: string, kind: string): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  const size = left.length + right.length;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) out.push(right[j++]);
    else if (j >= right.length && i < left.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

// ---- computing strategic merge patches (kubectl's side) ----------------------------------------

interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

/** The strategic merge patch that turns original into modified (kubectl set, edit, annotate...). */
export function createTwoWayMergePatch(original: Json, modified: Json, schema: PatchSchema = schemaOf(modified)): JMap {
  return diffMaps(clone(original ?? {}), clone(modified ?? {}), schema, { setElementOrder: true });
}

/**
 * kubectl apply's patch: the changes from current to modified (without deletions) plus the
 * deletions from original (the last-applied configuration) to modified.
 */
export function createThreeWayMergePatch(original: Json, modified: Json, current: Json, schema: PatchSchema = schemaOf(modified)): JMap {
  const delta = diffMaps(clone(current ?? {}), clone(modified ?? {}), schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(clone(original ?? {}), clone(modified ?? {}), schema, { setElementOrder: true, ignoreChangesAndAdditions: true });
  return mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

/** What kubectl apply produces from the last-applied configuration, the new one and the live object. */
export function threeWayMerge(original: Json, modified: Json, current: Json): Json {
  const schema = schemaOf(modified) ?? schemaOf(current);
  return strategicMergePatch(current, createThreeWayMergePatch(original, modified, current, schema), schema);
}

function diffMaps(original: JMap, modified: JMap, schema: PatchSchema, opts: DiffOptions): JMap {
  const patch: JMap = {};
  const retainKeys: string[] = [];
  for (const [key, mv] of Object.entries(modified)) {
    if (opts.buildRetainKeysDirective && mv !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (typeof ov !== 'string' || typeof mv !== 'string') throw new PatchError(`invalid value for special key: ${DIRECTIVE}`);
      if (ov !== mv) patch[DIRECTIVE] = mv;
      continue;
    }
    if (kindOf(ov) !== kindOf(mv)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    if (isObj(ov)) diffMapField(key, ov, mv, patch, schema, opts);
    else if (Array.isArray(ov)) diffSliceField(key, ov, mv, patch, schema, opts);
    else if (!opts.ignoreChangesAndAdditions && !deepEqualJson(ov, mv)) patch[key] = mv;
  }
  if (!opts.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  if (retainKeys.length && (Object.keys(patch).length > 0 || Object.entries(original).some(([k, v]) => v !== null && !(k in modified)))) {
    patch[RETAIN_KEYS] = sortScalars(retainKeys);
  }
  return patch;
}

function diffMapField(key: string, ov: JMap, mv: JMap, patch: JMap, schema: PatchSchema, opts: DiffOptions): void {
  const [sub, meta] = lookupStruct(schema, key);
  const [retain, strategy] = retainKeysStrategy(meta);
  if (strategy === REPLACE) {
    if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
    return;
  }
  const p = diffMaps(ov, mv, sub, { ...opts, buildRetainKeysDirective: retain });
  if (Object.keys(p).length) patch[key] = p;
}

function diffSliceField(key: string, ov: Json[], mv: Json[], patch: JMap, schema: PatchSchema, opts: DiffOptions): void {
  const [sub, meta] = lookupSlice(schema, key);
  const [retain, strategy] = retainKeysStrategy(meta);
  if (strategy !== MERGE) {
    if (!opts.ignoreChangesAndAdditions && !deepEqualJson(ov, mv)) patch[key] = mv;
    return;
  }
  const [add, del, order] = diffLists(ov, mv, sub, meta.mergeKey, { ...opts, buildRetainKeysDirective: retain });
  if (add.length) patch[key] = add;
  if (del.length) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = del;
  if (order.length) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

function diffLists(original: Json[], modified: Json[], schema: PatchSchema, mergeKey: string, opts: DiffOptions): [Json[], Json[], Json[]] {
  if (!original.length) {
    if (!modified.length || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    let [patchList, deleteList] = diffListsOfMaps(original, modified, schema, mergeKey, opts);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    const orderSame = original.length === modified.length && modified.every((m, i) => mergeKeyValueEqual(original[i], m, mergeKey));
    patchList = [...patchList, ...deleteList];
    let order: Json[] = [];
    if (opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!opts.ignoreDeletions && patchList.length > 0))) {
      order = modified.map((v) => ({ [mergeKey]: v[mergeKey] }));
    }
    return [patchList, [], order];
  }
  const [add, del] = diffListsOfScalars(original, modified, opts);
  const patchList = normalizeSliceOrder(add, modified, mergeKey, kind);
  let order: Json[] = [];
  if (opts.setElementOrder && ((!opts.ignoreDeletions && del.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqualJson(original, modified)))) order = modified;
  return [patchList, del, order];
}

const goStr = (v: Json) => (v === null || v === undefined ? '<nil>' : isObj(v) || Array.isArray(v) ? goSprint(v) : String(v));

function sortScalars<T>(s: T[]): T[] {
  return [...s].sort((a, b) => {
    const x = goStr(a);
    const y = goStr(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function diffListsOfScalars(original: Json[], modified: Json[], opts: DiffOptions): [Json[], Json[]] {
  const o = sortScalars(original);
  const m = sortScalars(modified);
  let i = 0;
  let j = 0;
  const add: Json[] = [];
  const del: Json[] = [];
  for (;;) {
    const oin = i < o.length;
    const min = j < m.length;
    if (!oin && !min) break;
    const os = oin ? goStr(o[i]) : '';
    const ms = min ? goStr(m[j]) : '';
    if (oin && min && os === ms) {
      i++;
      j++;
    } else if (!oin || (oin && min && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) add.push(m[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) del.push(o[i]);
      i++;
    }
  }
  return [add, deduplicateScalars(del)];
}

function diffListsOfMaps(original: Json[], modified: Json[], schema: PatchSchema, mergeKey: string, opts: DiffOptions): [Json[], Json[]] {
  const patch: Json[] = [];
  const deletions: Json[] = [];
  const byKey = (l: Json[]) => {
    for (const x of l) {
      if (!isObj(x)) throw errBadArgType('map[string]interface {}', x);
      if (!(mergeKey in x)) throw errNoMergeKey(x, mergeKey);
    }
    return stableSortBy(l, (x) => goStr(x[mergeKey]));
  };
  const os = byKey(original);
  const ms = byKey(modified);
  let i = 0;
  let j = 0;
  for (;;) {
    const oin = i < os.length;
    const min = j < ms.length;
    if (!oin && !min) break;
    const ok = oin ? goStr(os[i][mergeKey]) : '';
    const mk = min ? goStr(ms[j][mergeKey]) : '';
    if (oin && min && ok === mk) {
      const p = diffMaps(os[i], ms[j], schema, opts);
      if (Object.keys(p).length) {
        p[mergeKey] = ms[j][mergeKey];
        patch.push(p);
      }
      i++;
      j++;
    } else if (!oin || (oin && min && ok > mk)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(ms[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: os[i][mergeKey], [DIRECTIVE]: DELETE });
      i++;
    }
  }
  return [patch, deletions];
}

function stableSortBy<T>(l: T[], key: (x: T) => string): T[] {
  return l
    .map((x, i) => [x, i] as const)
    .sort((a, b) => {
      const ka = key(a[0]);
      const kb = key(b[0]);
      return ka < kb ? -1 : ka > kb ? 1 : a[1] - b[1];
    })
    .map((p) => p[0]);
}

export function deepEqualJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => deepEqualJson(x, b[i]));
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => k in b && deepEqualJson(a[k], b[k]));
}

// ---- JSON merge patch (RFC 7386) --------------------------------------------------------------

/** Applies a JSON merge patch. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  const out: JMap = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The JSON merge patch that turns original into modified (kubectl label/annotate). */
export function createMergePatch(original: Json, modified: Json): JMap {
  const out: JMap = {};
  const o = isObj(original) ? original : {};
  const m = isObj(modified) ? modified : {};
  for (const k of Object.keys(o)) if (!(k in m)) out[k] = null;
  for (const [k, v] of Object.entries(m)) {
    if (!(k in o)) out[k] = clone(v);
    else if (isObj(o[k]) && isObj(v)) {
      const sub = createMergePatch(o[k], v);
      if (Object.keys(sub).length) out[k] = sub;
    } else if (!deepEqualJson(o[k], v)) out[k] = clone(v);
  }
  return out;
}

// ---- JSON patch (RFC 6902) --------------------------------------------------------------------

/** Applies an RFC 6902 JSON patch. Throws PatchError with json-patch's wording. */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', 'badRequest');
  let doc = clone(target);
  const parse = (p: string): string[] =>
    p === ''
      ? []
      : p
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const container = (d: Json, parts: string[]): Json => {
    let cur = d;
    for (const k of parts.slice(0, -1)) {
      if (Array.isArray(cur)) {
        const i = Number(k);
        if (!/^\d+$/.test(k) || i >= cur.length) return undefined;
        cur = cur[i];
      } else if (isObj(cur)) {
        if (!(k in cur)) return undefined;
        cur = cur[k];
      } else return undefined;
    }
    return cur;
  };
  const get = (d: Json, parts: string[]): Json => {
    if (!parts.length) return d;
    const c = container(d, parts);
    const last = parts[parts.length - 1];
    if (Array.isArray(c)) return /^\d+$/.test(last) ? c[Number(last)] : undefined;
    if (isObj(c)) return c[last];
    return undefined;
  };
  const missingPath = (op: string, path: string) => new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`, 'unprocessable');
  for (const op of ops) {
    const path: string = op.path ?? '';
    const parts = parse(path);
    const last = parts[parts.length - 1];
    switch (op.op) {
      case 'add': {
        if (!parts.length) {
          doc = clone(op.value);
          break;
        }
        const c = container(doc, parts);
        if (Array.isArray(c)) {
          const i = last === '-' ? c.length : Number(last);
          if (!/^\d+$|^-$/.test(last) || i > c.length) throw new PatchError(`add operation does not apply: doc is missing path: "${path}": invalid index`, 'unprocessable');
          c.splice(i, 0, clone(op.value));
        } else if (isObj(c)) c[last] = clone(op.value);
        else throw missingPath('add', path);
        break;
      }
      case 'remove': {
        const c = container(doc, parts);
        if (Array.isArray(c) && /^\d+$/.test(last) && Number(last) < c.length) c.splice(Number(last), 1);
        else if (isObj(c) && last in c) delete c[last];
        else throw missingPath('remove', path);
        break;
      }
      case 'replace': {
        // json-patch v4: a missing key of an object is simply set; a missing container or index fails.
        const c = container(doc, parts);
        if (!parts.length) doc = clone(op.value);
        else if (Array.isArray(c) && /^\d+$/.test(last) && Number(last) < c.length) c[Number(last)] = clone(op.value);
        else if (isObj(c)) c[last] = clone(op.value);
        else if (Array.isArray(c)) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`, 'unprocessable');
        else throw new PatchError(`replace operation does not apply: doc is missing path: ${path}: missing value`, 'unprocessable');
        break;
      }
      case 'move':
      case 'copy': {
        const from = parse(op.from ?? '');
        const v = get(doc, from);
        if (v === undefined) throw new PatchError(`${op.op} operation does not apply: doc is missing from path: ${op.from}: missing value`, 'unprocessable');
        if (op.op === 'move') {
          const c = container(doc, from);
          const fl = from[from.length - 1];
          if (Array.isArray(c)) c.splice(Number(fl), 1);
          else delete c[fl];
        }
        doc = jsonPatch(doc, [{ op: 'add', path, value: v }]);
        break;
      }
      case 'test': {
        const v = get(doc, parts);
        if (!deepEqualJson(v ?? null, op.value ?? null)) throw new PatchError(`testing value ${path} failed: test failed`, 'unprocessable');
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`, 'unprocessable');
    }
  }
  return doc;
}

/** The API server's response to a patch it could not apply. */
export function patchStatusError(e: PatchError): StatusError {
  if (e.kind === 'badRequest') {
    return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, reason: 'BadRequest', code: 400 });
  }
  if (e.kind === 'unprocessable') {
    return new StatusError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: { causes: [{ reason: 'UnexpectedServerResponse', message: e.message, field: '' }] },
      code: 422,
    });
  }
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, reason: '', code: 500 });
}

// ---- PATCH requests ---------------------------------------------------------------------------

export type PatchType = 'strategic' | 'merge' | 'json';

/**
 * A PATCH request as the API server handles it: the patch is applied to the live object, a
 * resourceVersion in the result is a precondition, and the result goes through update
 * (defaulting, validation, generation). Returns the live object before and the stored result.
 */
export function patchResource(
  api: import('./server.js').ApiServer,
  ri: import('./registry.js').ResourceInfo,
  ns: string | undefined,
  name: string,
  type: PatchType,
  patch: Json,
  opts: { dryRun?: boolean; manager?: string } = {},
): { before: Json; after: Json } {
  const live = api.get(ri, ns, name);
  let patched: Json;
  try {
    if (type === 'json') patched = jsonPatch(live, patch);
    else if (type === 'merge') {
      if (!isObj(patch)) throw new PatchError('invalid JSON document', 'badRequest');
      patched = mergePatch(live, patch);
    } else {
      const schema = goTypeFor(live.apiVersion, live.kind);
      if (!schema) throw new PatchError('strategic merge patch format is not supported', 'unprocessable');
      patched = strategicMergePatch(live, patch, schema);
    }
  } catch (e) {
    if (e instanceof PatchError) throw patchStatusError(e);
    throw e;
  }
  if (!isObj(patched)) throw patchStatusError(new PatchError('the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml', 'badRequest'));
  patched.metadata ??= {};
  const rv = patched.metadata.resourceVersion;
  if (typeof rv === 'string' && rv !== '' && rv !== live.metadata.resourceVersion) {
    throw new StatusError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Operation cannot be fulfilled on ${ri.group ? `${ri.resource}.${ri.group}` : ri.resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      reason: 'Conflict',
      details: { name, group: ri.group, kind: ri.resource },
      code: 409,
    });
  }
  // Empty label and annotation maps decode to nothing in the typed object.
  for (const k of ['labels', 'annotations']) if (isObj(patched.metadata[k]) && !Object.keys(patched.metadata[k]).length) delete patched.metadata[k];
  patched.metadata.resourceVersion = live.metadata.resourceVersion;
  patched.metadata.name = name;
  if (ns !== undefined) patched.metadata.namespace = ns;
  const after = api.update(patched as import("./types.js").KObject, { dryRun: opts.dryRun, manager: opts.manager });
  return { before: live, after };
}
