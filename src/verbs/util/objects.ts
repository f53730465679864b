import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/registry.js';
import { forApiVersionKind, kindPrefix } from '../../api/registry.js';
import { CliError } from '../../cli/errors.js';
import type { Manifest } from './manifests.js';

/**
 * The checks kubectl makes on an object read from a file before sending it: apiVersion and kind set,
 * a known resource, and a namespace that agrees with --namespace.
 */
export function mapManifest(m: Manifest, ns: string, nsExplicit: boolean): { ri: ResourceInfo; obj: KObject } {
  const o = m.obj;
  if (!o || typeof o !== 'object' || Array.isArray(o)) {
    throw new CliError(`error validating "${m.source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
  const missing: string[] = [];
  if (!o.apiVersion) missing.push('apiVersion not set');
  if (!o.kind) missing.push('kind not set');
  if (missing.length) {
    const what = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
    throw new CliError(`error validating "${m.source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
  const ri = forApiVersionKind(String(o.apiVersion), String(o.kind));
  if (!ri) {
    const name = o.metadata?.name ?? '';
    const objNs = o.metadata?.namespace ?? '';
    throw new CliError(
      `resource mapping not found for name: "${name}" namespace: "${objNs}" from "${m.source}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`,
    );
  }
  const obj = structuredClone(o);
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
  if (copy.metadata.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED];
    if (!Object.keys(copy.metadata.annotations).length) delete copy.metadata.annotations;
  }
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
