/**
 * Object printers selected by -o: json, yaml, name (and, loaded on demand, jsonpath,
 * custom-columns, go-template).
 */
import type { KObject } from '../api/types.js';

/** Go's encoding/json escapes these in strings (HTML-safe escaping, and the JS line separators). */
function goJsonEscape(s: string): string {
  return s.replace(/[<>&\u2028\u2029]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Go's string order (bytes of UTF-8, i.e. code points), which differs from JS's for astral characters. */
function goStringCompare(a: string, b: string): number {
  if (a === b) return 0;
  const ascii = /^[\x00-\ud7ff]*$/;
  if (ascii.test(a) && ascii.test(b)) return a < b ? -1 : 1;
  const ai = Array.from(a, (c) => c.codePointAt(0)!);
  const bi = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < ai.length && i < bi.length; i++) if (ai[i] !== bi[i]) return ai[i] - bi[i];
  return ai.length - bi.length;
}

function marshal(v: unknown, sort: boolean, indent: string): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return goJsonEscape(JSON.stringify(v));
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'object':
      break;
    default:
      return 'null';
  }
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return '[\n' + v.map((x) => inner + marshal(x, sort, inner)).join(',\n') + '\n' + indent + ']';
  }
  const o = v as Record<string, unknown>;
  let keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (!keys.length) return '{}';
  if (sort) keys = keys.sort(goStringCompare);
  return '{\n' + keys.map((k) => `${inner}${goJsonEscape(JSON.stringify(k))}: ${marshal(o[k], sort, inner)}`).join(',\n') + '\n' + indent + '}';
}

/**
 * kubectl's JSONPrinter: json.MarshalIndent with 4 spaces and a final newline. Keys are sorted as Go
 * sorts map keys (objects read from the server are maps); `sort: false` keeps the object's own key
 * order, for typed objects printed in Go struct field order (JS objects always list integer-like keys
 * first, so maps with such keys should be printed sorted).
 */
export function printJson(obj: unknown, opts: { sort?: boolean } = { sort: true }): string {
  return marshal(obj, opts.sort !== false, '') + '\n';
}

/** `-o name`: kind[.group]/name, the group taken from the object's apiVersion (kubectl's NamePrinter). */
export function printName(obj: KObject): string {
  const av = obj.apiVersion ?? '';
  const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
  const kind = (obj.kind ?? '').toLowerCase();
  const name = obj.metadata?.name || '<unknown>';
  return `${group ? `${kind}.${group}` : kind}/${name}\n`;
}

/** The List wrapper kubectl prints for several objects. */
export function asList(items: KObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
