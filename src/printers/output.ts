/**
 * Object printers selected by -o: json, yaml, name (and, loaded on demand, jsonpath,
 * custom-columns, go-template).
 */
import type { KObject } from '../api/types.js';
import { kindPrefix, forApiVersionKind } from '../api/registry.js';

/** Go's encoding/json escapes these in strings. */
function goJsonEscape(s: string): string {
  return s.replace(/[<>&\u2028\u2029]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** kubectl's JSONPrinter: json.MarshalIndent with 4 spaces; keys sorted as for unstructured objects. */
export function printJson(obj: unknown, opts: { sort?: boolean } = { sort: true }): string {
  return goJsonEscape(JSON.stringify(opts.sort === false ? obj : sortKeys(obj), null, 4)) + '\n';
}

/** `-o name`: kind[.group]/name. */
export function printName(obj: KObject): string {
  const ri = forApiVersionKind(obj.apiVersion, obj.kind);
  const prefix = ri ? kindPrefix(ri) : obj.kind.toLowerCase();
  return `${prefix}/${obj.metadata.name}\n`;
}

/** The List wrapper kubectl prints for several objects. */
export function asList(items: KObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
