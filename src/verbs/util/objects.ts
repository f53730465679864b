import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/registry.js';
import { forApiVersionKind, kindPrefix } from '../../api/registry.js';
import { CliError } from '../../cli/errors.js';
import type { Manifest } from './manifests.js';

/** A read error that stops the rest of its input (kubectl's "error validating" in the stream visitor). */
export class ReadStop extends CliError {}

const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';

/** What json.Unmarshal calls a JSON value's kind in its errors. */
const jsonKind = (v: unknown) => (typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'array' : 'object');

/**
 * The checks kubectl makes on an object read from a file before sending it: with validation, the
 * object's apiVersion and kind (ParamVerifyingSchema); without, the unstructured decoder's; then a
 * known resource, and a namespace that agrees with --namespace.
 */
export function mapManifest(m: Manifest, ns: string, nsExplicit: boolean, validate = true): { ri: ResourceInfo; obj: KObject } {
  const o = m.obj;
  const isObject = !!o && typeof o === 'object' && !Array.isArray(o);
  if (validate) {
    if (!isObject) throw new ReadStop(`error validating "${m.source}": error validating data: invalid object to validate; ${STOP_VALIDATE}`);
    const problems: string[] = [];
    if (o.apiVersion === undefined || o.apiVersion === null) problems.push('apiVersion not set');
    else if (typeof o.apiVersion !== 'string') problems.push("apiVersion isn't string type");
    if (o.kind === undefined || o.kind === null) problems.push('kind not set');
    else if (typeof o.kind !== 'string') problems.push("kind isn't string type");
    if (problems.length) {
      const what = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
      throw new ReadStop(`error validating "${m.source}": error validating data: ${what}; ${STOP_VALIDATE}`);
    }
  } else {
    if (!isObject) throw new CliError(`unable to decode "${m.source}": json: cannot unmarshal ${jsonKind(o)} into Go value of type unstructured.detector`);
    if (!o.kind) throw new CliError(`unable to decode "${m.source}": Object 'Kind' is missing in '${goJson(sortedJson(o))}'`);
  }
  const ri = o.apiVersion ? forApiVersionKind(String(o.apiVersion), String(o.kind)) : forApiVersionKind('v1', String(o.kind));
  if (!ri) {
    const name = o.metadata?.name ?? '';
    const objNs = o.metadata?.namespace ?? '';
    const why = o.apiVersion ? `no matches for kind "${o.kind}" in version "${o.apiVersion}"` : `no matches for kind "${o.kind}" in group ""`;
    throw new CliError(`resource mapping not found for name: "${name}" namespace: "${objNs}" from "${m.source}": ${why}\nensure CRDs are installed first`);
  }
  const obj = structuredClone(o);
  obj.apiVersion ||= 'v1';
  obj.metadata ??= {};
  if (ri.namespaced) {
    const objNs = obj.metadata.namespace;
    if (objNs && nsExplicit && objNs !== ns) {
      throw new CliError(`the namespace from the provided object "${objNs}" does not match the namespace "${ns}". You must pass '--namespace=${objNs}' to perform this operation.`);
    }
    obj.metadata.namespace = objNs || ns;
  } else if (obj.metadata.namespace !== undefined) {
    delete obj.metadata.namespace;
  }
  return { ri, obj };
}

/** "deployment.apps/web" */
export function refName(ri: ResourceInfo, name: string): string {
  return `${kindPrefix(ri)}/${name}`;
}

/** JSON with keys sorted at every level, as Go marshals map[string]interface{}. */
export function sortedJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object with its last-applied-configuration annotation set (as kubectl apply / create --save-config). */
export function withLastApplied(obj: KObject): KObject {
  const copy = structuredClone(obj);
  // kubectl's GetModifiedConfiguration sets the annotations (an empty map when there are none) before
  // serializing, so the recorded configuration always carries "annotations".
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}) };
  delete copy.metadata.annotations[LAST_APPLIED];
  const text = goJson(sortedJson(copy)) + '\n';
  const out = structuredClone(obj);
  out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [LAST_APPLIED]: text };
  return out;
}

/** Go's json escaping of <, > and &. */
export function goJson(s: string): string {
  return s.replace(/[<>&\u2028\u2029]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

export type DryRun = 'none' | 'client' | 'server';

export function parseDryRun(v: string): DryRun {
  if (v === '' || v === 'none' || v === 'false') return 'none';
  if (v === 'client' || v === 'true' || v === 'unchanged') return 'client';
  if (v === 'server') return 'server';
  throw new CliError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export const dryRunSuffix = (d: DryRun) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

export const DRY_RUN_FLAG = {
  name: 'dry-run',
  type: 'string' as const,
  default: 'none',
  noOptDefault: 'unchanged',
  usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};
