/**
 * The API server's decoding step for requests from kubectl (field validation): each kind's validator was
 * compiled at build time (scripts/build-schemas.mjs) to a standalone module, imported here only by
 * commands that send objects. A valid object costs one validator call; an invalid one is decoded again
 * over the kind's schema to word the error as the API server does.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import type { KObject } from '../types.js';
import { badRequestError, invalidError, invalid, type StatusError } from '../errors.js';
import { decode, canonicalizeQuantities, type SchemaDoc } from './decode.js';
import { goPlusV } from './gofmt.js';

/** metav1.FieldValidation: what to do with unknown fields. Type errors always fail. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface DecodeRequest {
  mode: FieldValidation;
  /** Set when the object is the result of kubectl apply's patch: errors then name the patch. */
  patch?: unknown;
  /** The stored object an update replaces: fields it already has are not the request's to answer for. */
  current?: KObject;
}

export interface DecodeResult {
  /** The object as stored: unknown fields dropped, quantities canonical. */
  obj: KObject;
  warnings: string[];
  error?: StatusError;
}

interface KindModule {
  default: ((data: unknown) => boolean) & { errors?: unknown };
  quantityPaths: string[][];
  schemaJson: string;
}

const modules = new Map<string, KindModule>();
const schemas = new Map<string, SchemaDoc & { root: string }>();

/** "apps/v1/Deployment" */
export function gvkKey(apiVersion: unknown, kind: unknown): string {
  return `${String(apiVersion ?? '')}/${String(kind ?? '')}`;
}

const moduleName = (key: string) => key.replace(/[/.]/g, '_');

/**
 * Loads the validators for the kinds of these objects. Writing verbs call this before their
 * transaction, since decoding runs inside it and cannot wait for an import.
 */
export async function preloadDecoders(objs: Iterable<{ apiVersion?: unknown; kind?: unknown } | null | undefined>): Promise<void> {
  const keys = new Set<string>();
  for (const o of objs) if (o && typeof o === 'object' && o.apiVersion && o.kind) keys.add(gvkKey(o.apiVersion, o.kind));
  await Promise.all(
    [...keys].filter((k) => !modules.has(k) && /^[A-Za-z0-9./]+$/.test(k)).map(async (k) => {
      try {
        modules.set(k, (await import(`./generated/${moduleName(k)}.mjs`)) as KindModule);
      } catch {
        // Not a served kind: the API server rejects it before decoding.
      }
    }),
  );
}

/** Whether the kind's decoder is loaded. */
export function hasDecoder(apiVersion: unknown, kind: unknown): boolean {
  return modules.has(gvkKey(apiVersion, kind));
}

function schemaFor(key: string, mod: KindModule): SchemaDoc & { root: string } {
  let s = schemas.get(key);
  if (!s) {
    const parsed = JSON.parse(mod.schemaJson);
    s = { 'x-kinds': {}, definitions: parsed.definitions, root: parsed.root };
    schemas.set(key, s);
  }
  return s;
}

/**
 * Decodes a request's object as the API server does for kubectl (which asks for field validation).
 * Without a loaded decoder for the kind the object passes unchanged.
 */
export function decodeObject(obj: KObject, req: DecodeRequest): DecodeResult {
  const key = gvkKey(obj.apiVersion, obj.kind);
  const mod = modules.get(key);
  if (!mod) return { obj, warnings: [] };
  const slash = String(obj.apiVersion).lastIndexOf('/');
  const version = String(obj.apiVersion).slice(slash + 1);
  const kind = String(obj.kind);
  const fail = (text: string): DecodeResult => {
    if (req.patch !== undefined) {
      return { obj, warnings: [], error: invalidError({ kind: '', group: '' }, '', [invalid('patch', goPlusV(req.patch), text)]) };
    }
    return { obj, warnings: [], error: badRequestError(`${kind} in version "${version}" cannot be handled as a ${kind}: ${text}`) };
  };
  if (mod.default(obj)) {
    const copy = structuredClone(obj);
    const err = canonicalizeQuantities(copy, mod.quantityPaths);
    if (err) return fail(err);
    return { obj: copy, warnings: [] };
  }
  const schema = schemaFor(key, mod);
  const dialect = req.patch !== undefined ? 'unstructured' : 'json';
  const out = decode(schema, schema.root, obj, dialect);
  if (out.error) return fail(out.error);
  if (out.unknown.length && req.current) {
    // A stored object never has unknown fields in Kubernetes; here one may carry the control plane's own.
    const already = new Set(decode(schema, schema.root, req.current, dialect).unknown);
    out.unknown = out.unknown.filter((u) => !already.has(u));
  }
  if (out.unknown.length) {
    if (req.mode === 'Strict') return fail(`strict decoding error: ${out.unknown.join(', ')}`);
    if (req.mode === 'Warn') return { obj: out.value, warnings: out.unknown };
  }
  return { obj: out.value, warnings: [] };
}
