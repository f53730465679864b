/**
 * `kubectl explain TYPE[.field.path]`: the field structure of a kind, in kubectl v1.32's plaintext
 * layout, from our schemas (schemas/kubernetes.json, generated from the v1.32 API types). We carry no
 * descriptions, so they print as kubectl prints a schema without them.
 */
import { readFileSync } from 'node:fs';
import type { VerbModule } from '../cli/types.js';
import { CliError } from '../cli/errors.js';
import { lookupResource } from '../api/registry.js';
import { usageError } from './create/common.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

interface Doc {
  'x-kinds': Record<string, string>;
  definitions: Record<string, any>;
}

let doc: Doc | undefined;
function schemas(): Doc {
  return (doc ??= JSON.parse(readFileSync(new URL('../../schemas/kubernetes.json', import.meta.url), 'utf8')));
}

const refName = (ref: string) => ref.replace('#/definitions/', '');
const resolve = (s: any): any => (s?.$ref ? schemas().definitions[refName(s.$ref)] : s);

/** The template's typeGuess, from our schema's Go types. */
function typeGuess(s: any): string {
  if (s.items) return `[]${typeGuess(s.items)}`;
  if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map[string]${typeGuess(s.additionalProperties)}`;
  const go: string = (s.$ref ? resolve(s)?.['x-go-type'] : s['x-go-type']) ?? '';
  if (go === 'resource.Quantity') return 'Quantity';
  if (go === 'intstr.IntOrString') return 'IntOrString';
  if (go === 'v1.Time' || go === 'v1.MicroTime') return 'string';
  if (s.$ref) {
    const r = resolve(s);
    const types = [r?.type].flat().filter((t: string) => t && t !== 'null');
    if (!types.length || types[0] === 'object') return go.split('.').pop() || 'Object';
    return types[0];
  }
  const types = [s.type].flat().filter((t: string) => t && t !== 'null');
  if (/^u?int(8|16|32|64)?$/.test(go)) return 'integer';
  if (go === 'bool') return 'boolean';
  if (go === 'string' || go.startsWith('[]byte')) return 'string';
  if (go.startsWith('float')) return 'number';
  if (!types.length || types[0] === 'object') return 'Object';
  return types[0];
}

const wrapIndent = (text: string, indent: number) => `${' '.repeat(indent)}${text}\n`;

function fieldList(s: any, level: number, recursive: boolean, seen: Set<string>): string {
  const ref = s.$ref ? refName(s.$ref) : '';
  if (ref && seen.has(ref)) return '';
  const next = new Set(seen);
  if (ref) next.add(ref);
  const r = resolve(s) ?? {};
  let out = '';
  const props = r.properties ?? {};
  for (const name of Object.keys(props).sort()) {
    const indent = level * 2;
    out += `${' '.repeat(indent)}${name}\t<${typeGuess(props[name])}>\n`;
    if (!recursive) out += wrapIndent('<no description>', indent + 2) + '\n';
    else out += fieldList(props[name], level + 1, recursive, next);
  }
  if (r.items) out += fieldList(r.items, level, recursive, next);
  if (r.additionalProperties && typeof r.additionalProperties === 'object') out += fieldList(r.additionalProperties, level, recursive, next);
  return out;
}

function output(s: any, path: string[], recursive: boolean): string | undefined {
  const r = resolve(s) ?? {};
  if (!path.length) {
    const fields = fieldList(s, 1, recursive, new Set());
    return `DESCRIPTION:\n${wrapIndent('<empty>', 4)}${fields ? `FIELDS:\n${fields}` : ''}`;
  }
  const props = r.properties ?? {};
  if (props[path[0]]) {
    const sub = props[path[0]];
    const head = path.length === 1 ? `FIELD: ${path[0]} <${typeGuess(sub)}>\n\n` : '';
    const rest = output(sub, path.slice(1), recursive);
    return rest === undefined ? undefined : head + rest;
  }
  if (r.items) return output(r.items, path, recursive);
  if (r.additionalProperties && typeof r.additionalProperties === 'object') return output(r.additionalProperties, path, recursive);
  return undefined;
}

export const verb: VerbModule = {
  use: 'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
  long: "Describe fields and structure of various resources.\n\n This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n        <type>.<fieldName>[.<fieldName>]\n        \n Information about each field is retrieved from the server in OpenAPI format.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.",
  example: "  # Get the documentation of the resource and its fields\n  kubectl explain pods\n  \n  # Get all the fields in the resource\n  kubectl explain pods --recursive\n  \n  # Get the explanation for deployment in supported api versions\n  kubectl explain deployments --api-version=apps/v1\n  \n  # Get the documentation of a specific field of a resource\n  kubectl explain pods.spec.containers\n  \n  # Get the documentation of resources in different format\n  kubectl explain deployment --output=plaintext-openapiv2",
  flags: [
    { name: 'api-version', type: 'string', usage: 'Use given api-version (group/version) of the resource.' },
    { name: 'output', short: 'o', type: 'string', default: 'plaintext', usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).' },
    { name: 'recursive', type: 'bool', usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.' },
  ],
  async run(ctx, p) {
    if (p.args.length === 0) throw usageError(ctx, 'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
    if (p.args.length > 1) throw usageError(ctx, `We accept only this format: explain RESOURCE\n`);
    const out = p.values.output as string;
    if (out !== 'plaintext') throw new CliError(out === 'plaintext-openapiv2' ? 'kubemu explains from its own schemas: only --output=plaintext is available' : `unsupported output format: ${out}`);
    const [type, ...path] = p.args[0].split('.');
    // "deployments.apps.spec": the group may follow the resource name.
    let ri;
    let fields = path;
    for (let i = path.length; i > 0 && !ri; i--) {
      ri = lookupResource([type, ...path.slice(0, i)].join('.'));
      if (ri) fields = path.slice(i);
    }
    if (!ri) {
      ri = lookupResource(type);
      fields = path;
    }
    if (!ri) throw new CliError(`the server doesn't have a resource type "${type}"`);
    const apiVersion = (p.values['api-version'] as string) || (ri.group ? `${ri.group}/${ri.version}` : ri.version);
    const cls = schemas()['x-kinds'][`${apiVersion}/${ri.kind}`];
    if (!cls) throw new CliError(`couldn't find resource for "${apiVersion}, Kind=${ri.kind}"`);
    const body = output({ $ref: `#/definitions/${cls}` }, fields, p.values.recursive === true);
    if (body === undefined) throw new CliError(`field "${fields[fields.length - 1]}" does not exist`);
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    ctx.io.out(`${group ? `GROUP:      ${group}\n` : ''}KIND:       ${ri.kind}\nVERSION:    ${version}\n\n${body}\n`);
  },
};
