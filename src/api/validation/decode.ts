/**
 * Decoding a request body into the kind's Go types, as the API server does, over the JSON Schemas in
 * schemas/kubernetes.json: the first type error (encoding/json's text, with the Go struct and field
 * path), unknown fields (strict decoding errors with their full path), and the decoded object itself
 * (unknown fields dropped, quantities canonical).
 *
 * Two dialects: "json" for a created or replaced object (sigs.k8s.io/json), "unstructured" for the result
 * of a patch (runtime.DefaultUnstructuredConverter), whose errors read differently.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import { QuantityError, canonicalQuantity, goNumberText } from '../../util/quantity.js';

export interface Schema {
  type?: string[];
  'x-go-type'?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: false | Schema;
  items?: Schema;
  $ref?: string;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

export interface SchemaDoc {
  'x-kinds': Record<string, string>;
  definitions: Record<string, Schema>;
}

export interface DecodeOutput {
  /** The decoded value: unknown fields dropped, quantities canonical. */
  value: any;
  /** A fatal decoding error (type mismatch, bad quantity...), as the decoder words it. */
  error?: string;
  /** Unknown fields, as strict decoding errors ("unknown field \"spec.replica\""). */
  unknown: string[];
}

type Dialect = 'json' | 'unstructured';

class Abort extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

interface Ctx {
  dialect: Dialect;
  doc: SchemaDoc;
  /** encoding/json's error context: the struct being decoded and the JSON field names so far. */
  struct: string;
  fields: string[];
  /** The strict decoder's path: "spec.containers[0].image". */
  path: string;
  saved?: string;
  unknown: string[];
}

function resolve(doc: SchemaDoc, s: Schema): Schema {
  while (s.$ref) s = doc.definitions[s.$ref.slice('#/definitions/'.length)];
  return s;
}

/** The Go type a schema stands for: "int32", "v1.PodSpec", "[]v1.Container", "map[string]string". */
export function goType(doc: SchemaDoc, s: Schema): string {
  const r = resolve(doc, s);
  if (r['x-go-type']) return r['x-go-type'];
  if (r.items) return '[]' + goType(doc, r.items);
  if (r.additionalProperties) return 'map[string]' + goType(doc, r.additionalProperties);
  return 'interface {}';
}

/** encoding/json's name for the kind of a JSON value. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** reflect.Kind of a value in unstructured form. */
function goKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'slice';
  return 'map';
}

function typeError(ctx: Ctx, value: string, type: string): string {
  if (ctx.struct || ctx.fields.length) {
    return `json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.fields.join('.')} of type ${type}`;
  }
  return `json: cannot unmarshal ${value} into Go value of type ${type}`;
}

/** encoding/json keeps the first type error and goes on decoding. */
function save(ctx: Ctx, text: string): void {
  ctx.saved ??= text;
}

const INT_RANGE: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [-9223372036854775808, 9223372036854775807],
};

/** base64.StdEncoding.Decode's error for s (Go's CorruptInputError offsets), or undefined when it decodes. */
export function base64Error(s: string): string | undefined {
  const isSymbol = (c: string) => /[A-Za-z0-9+/]/.test(c);
  const nl = (c: string | undefined) => c === '\r' || c === '\n';
  const bad = (at: number) => `illegal base64 data at input byte ${at}`;
  const n = s.length;
  let quantum = 0;
  for (let i = 0; i < n; i++) {
    const c = s[i];
    if (nl(c)) continue;
    if (c !== '=') {
      if (!isSymbol(c)) return bad(i);
      quantum = (quantum + 1) % 4;
      continue;
    }
    if (quantum < 2) return bad(i);
    let j = i + 1;
    if (quantum === 2) {
      while (j < n && nl(s[j])) j++;
      if (j >= n) return bad(n);
      if (s[j] !== '=') return bad(j - 1);
      j++;
    }
    while (j < n && nl(s[j])) j++;
    return j < n ? bad(j) : undefined;
  }
  return quantum ? bad(n - quantum) : undefined;
}

function decodeValue(v: any, schema: Schema, ctx: Ctx): any {
  if (v === null || v === undefined) return v;
  const s = resolve(ctx.doc, schema);
  const t = s['x-go-type'];
  if (t === 'resource.Quantity') return decodeQuantity(v, ctx);
  if (t === 'intstr.IntOrString') return decodeIntOrString(v, ctx);
  if (t === 'v1.Time' || t === 'v1.MicroTime') {
    if (typeof v !== 'string') {
      if (ctx.dialect === 'json') throw new Abort(typeError(ctx, jsonKind(v), 'string'));
      throw new Abort(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
    }
    return v;
  }
  if (t === 'runtime.RawExtension' || t === 'interface {}') return v;
  if (s.properties) return decodeStruct(v, s, ctx);
  if (s.items) return decodeSlice(v, s, ctx);
  if (s.additionalProperties) return decodeMap(v, s, ctx);
  return decodeScalar(v, t ?? 'interface {}', ctx);
}

function decodeQuantity(v: any, ctx: Ctx): any {
  let text: string;
  if (typeof v === 'string') text = v;
  else if (typeof v === 'number') text = goNumberText(v);
  else if (ctx.dialect === 'json') throw new Abort("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  else text = JSON.stringify(v);
  try {
    return canonicalQuantity(text);
  } catch (e) {
    if (e instanceof QuantityError) throw new Abort(e.message);
    throw e;
  }
}

function decodeIntOrString(v: any, ctx: Ctx): any {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return v;
  const value = typeof v === 'number' ? `number ${goNumberText(v)}` : jsonKind(v);
  if (ctx.dialect === 'json') throw new Abort(typeError(ctx, value, 'int32'));
  throw new Abort(`json: cannot unmarshal ${value} into Go value of type int32`);
}

function decodeScalar(v: any, t: string, ctx: Ctx): any {
  if (ctx.dialect === 'json') {
    switch (t) {
      case 'int32':
      case 'int64': {
        if (typeof v !== 'number') return save(ctx, typeError(ctx, jsonKind(v), t)), undefined;
        const [lo, hi] = INT_RANGE[t];
        if (!Number.isInteger(v) || v < lo || v > hi) return save(ctx, typeError(ctx, `number ${goNumberText(v)}`, t)), undefined;
        return v;
      }
      case 'float64':
        if (typeof v !== 'number') return save(ctx, typeError(ctx, jsonKind(v), t)), undefined;
        return v;
      case 'string':
        if (typeof v !== 'string') return save(ctx, typeError(ctx, jsonKind(v), t)), undefined;
        return v;
      case 'bool':
        if (typeof v !== 'boolean') return save(ctx, typeError(ctx, jsonKind(v), t)), undefined;
        return v;
      case '[]uint8': {
        if (typeof v !== 'string') return save(ctx, typeError(ctx, jsonKind(v), t)), undefined;
        const err = base64Error(v);
        if (err) return save(ctx, err), undefined;
        return v;
      }
      default:
        return v;
    }
  }
  // Unstructured conversion: numbers are int64 or float64; conversions follow reflect's rules.
  const k = goKind(v);
  switch (t) {
    case 'int32':
    case 'int64':
      if (k === 'int64') return v;
      if (k === 'float64') throw new Abort(`cannot convert float64 to ${t}`);
      throw new Abort(`unrecognized type: ${t}`);
    case 'float64':
      if (k === 'int64' || k === 'float64') return v;
      throw new Abort(`unrecognized type: ${t}`);
    case 'string':
      if (k === 'string') return v;
      if (k === 'int64') throw new Abort('cannot convert int64 to string');
      throw new Abort('unrecognized type: string');
    case 'bool':
      if (k === 'bool') return v;
      throw new Abort('unrecognized type: bool');
    case '[]uint8': {
      if (k !== 'string') throw new Abort(`cannot restore slice from ${k}`);
      const err = base64Error(v);
      if (err) throw new Abort(`error decoding from json: ${err}`);
      return v;
    }
    default:
      return v;
  }
}

function withField<T>(ctx: Ctx, struct: string, field: string, fn: () => T): T {
  const saved = { struct: ctx.struct, fields: ctx.fields, path: ctx.path };
  ctx.struct = struct;
  ctx.fields = [...ctx.fields, field];
  ctx.path = ctx.path ? `${ctx.path}.${field}` : field;
  try {
    return fn();
  } finally {
    Object.assign(ctx, saved);
  }
}

function decodeStruct(v: any, s: Schema, ctx: Ctx): any {
  const t = s['x-go-type'] ?? '';
  if (typeof v !== 'object' || Array.isArray(v)) {
    if (ctx.dialect === 'json') return save(ctx, typeError(ctx, jsonKind(v), t)), undefined;
    throw new Abort(`cannot restore struct from: ${goKind(v)}`);
  }
  const struct = t.slice(t.indexOf('.') + 1);
  const out: Record<string, any> = {};
  // kubectl sends JSON with sorted keys; the decoder meets fields in that order.
  for (const key of Object.keys(v).sort()) {
    const ps = s.properties![key];
    if (!ps) {
      ctx.unknown.push(`unknown field "${ctx.path ? ctx.path + '.' : ''}${key}"`);
      continue;
    }
    const val = withField(ctx, struct, key, () => decodeValue(v[key], ps, ctx));
    if (val !== undefined) out[key] = val;
  }
  return out;
}

function decodeSlice(v: any, s: Schema, ctx: Ctx): any {
  if (!Array.isArray(v)) {
    if (ctx.dialect === 'json') return save(ctx, typeError(ctx, jsonKind(v), goType(ctx.doc, s))), undefined;
    throw new Abort(`cannot restore slice from ${goKind(v)}`);
  }
  const base = ctx.path;
  const out: any[] = [];
  v.forEach((item, i) => {
    ctx.path = `${base}[${i}]`;
    const val = decodeValue(item, s.items!, ctx);
    out.push(val === undefined ? zeroOf(s.items!, ctx) : val);
  });
  ctx.path = base;
  return out;
}

function zeroOf(s: Schema, ctx: Ctx): any {
  const r = resolve(ctx.doc, s);
  if (r.properties) return {};
  return null;
}

function decodeMap(v: any, s: Schema, ctx: Ctx): any {
  if (typeof v !== 'object' || Array.isArray(v)) {
    if (ctx.dialect === 'json') return save(ctx, typeError(ctx, jsonKind(v), goType(ctx.doc, s))), undefined;
    throw new Abort(`cannot restore map from ${goKind(v)}`);
  }
  const out: Record<string, any> = {};
  const base = ctx.path;
  for (const key of Object.keys(v).sort()) {
    ctx.path = base ? `${base}.${key}` : key;
    const val = decodeValue(v[key], s.additionalProperties as Schema, ctx);
    if (val !== undefined) out[key] = val;
  }
  ctx.path = base;
  return out;
}

/**
 * Decodes obj as the kind whose schema is `root` (a definitions key). The JSON dialect reports the
 * first type error (kept while decoding goes on) unless a custom decoder aborted first; unknown fields
 * are listed in the order met. The unstructured dialect stops at the first error and sorts unknown fields.
 */
export function decode(doc: SchemaDoc, root: string, obj: unknown, dialect: Dialect): DecodeOutput {
  const ctx: Ctx = { dialect, doc, struct: '', fields: [], path: '', unknown: [] };
  try {
    const value = decodeValue(obj, { $ref: `#/definitions/${root}` }, ctx);
    if (ctx.saved) return { value, error: ctx.saved, unknown: [] };
    const unknown = dialect === 'unstructured' ? [...ctx.unknown].sort() : ctx.unknown;
    return { value, unknown };
  } catch (e) {
    if (e instanceof Abort) return { value: undefined, error: e.text, unknown: [] };
    throw e;
  }
}

/** Walks the quantity fields a kind has (paths computed at build time) and canonicalizes them. */
export function canonicalizeQuantities(obj: any, paths: readonly (readonly string[])[]): string | undefined {
  try {
    for (const p of paths) visit(obj, p, 0);
  } catch (e) {
    if (e instanceof QuantityError) return e.message;
    throw e;
  }
  return undefined;
}

function visit(node: any, path: readonly string[], i: number): void {
  if (node === null || typeof node !== 'object') return;
  const seg = path[i];
  const last = i === path.length - 1;
  const each = (container: any, key: string | number) => {
    if (last) {
      const v = container[key];
      if (typeof v === 'string' || typeof v === 'number') container[key] = canonicalQuantity(v);
    } else visit(container[key], path, i + 1);
  };
  if (seg === '[]') {
    if (Array.isArray(node)) node.forEach((_, k) => each(node, k));
  } else if (seg === '{}') {
    if (!Array.isArray(node)) for (const k of Object.keys(node)) each(node, k);
  } else if (!Array.isArray(node) && seg in node) each(node, seg);
}
