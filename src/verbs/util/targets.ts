/**
 * The objects a verb acts on, as kubectl's resource builder finds them: TYPE NAME..., TYPE/NAME,
 * TYPE -l SELECTOR, TYPE --all, and -f files (the file's object, or with `latest` the live one).
 * Parsing happens before the transaction; resolving inside it, against the API.
 */
import type { Ctx } from '../../cli/types.js';
import type { KObject } from '../../api/types.js';
import type { ApiServer } from '../../api/server.js';
import type { ResourceInfo } from '../../api/registry.js';
import { withSource } from '../../api/errors.js';
import { CliError } from '../../cli/errors.js';
import { parseResourceArgs, type ResourceRequest } from './resources.js';
import { readManifests, type Manifest } from './manifests.js';
import { mapManifest } from './objects.js';

export const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** One object found (or the error finding it), in the builder's order. */
export interface Target {
  ri: ResourceInfo;
  name: string;
  ns?: string;
  /** The object: a copy, free to modify. */
  obj?: KObject;
  error?: unknown;
  /** The file it came from (for "error when ... <file>"). */
  source?: string;
}

export interface TargetSpec {
  requests: ResourceRequest[];
  manifests: { ri: ResourceInfo; obj: KObject; source: string }[];
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
  /** Objects named in files are read from the server (builder.Latest()). */
  latest?: boolean;
}

/** Reads files and parses resource arguments (before any transaction). */
export async function targetSpec(ctx: Ctx, args: string[], files: string[], recursive: boolean, opts: Omit<TargetSpec, 'requests' | 'manifests'> = {}): Promise<TargetSpec> {
  let manifests: TargetSpec['manifests'] = [];
  if (files.length) {
    const ms: Manifest[] = await readManifests(ctx, files, recursive, ctx.commandPath.split(' ')[0]);
    manifests = ms.map((m) => ({ ...mapManifest(m, ctx.namespace(), ctx.namespaceExplicit()), source: m.source }));
  }
  const requests = parseResourceArgs(args);
  return { requests, manifests, ...opts };
}

/** The builder's objects, resolved against the API. NotFound and the like are per-target errors. */
export function resolveTargets(api: ApiServer, spec: TargetSpec, ns: string): Target[] {
  const out: Target[] = [];
  for (const m of spec.manifests) {
    const name = m.obj.metadata.name ?? '';
    const tns = m.ri.namespaced ? m.obj.metadata.namespace : undefined;
    if (!spec.latest) {
      out.push({ ri: m.ri, name, ns: tns, obj: structuredClone(m.obj), source: m.source });
      continue;
    }
    try {
      out.push({ ri: m.ri, name, ns: tns, obj: structuredClone(api.get(m.ri, tns, name)), source: m.source });
    } catch (e) {
      out.push({ ri: m.ri, name, ns: tns, error: withSource(e, 'retrieving current configuration of', undefined), source: m.source });
    }
  }
  for (const r of spec.requests) {
    const rns = r.ri.namespaced ? (spec.allNamespaces ? undefined : ns) : undefined;
    if (r.names.length) {
      for (const name of r.names) {
        try {
          out.push({ ri: r.ri, name, ns: rns, obj: structuredClone(api.get(r.ri, rns, name)) });
        } catch (e) {
          out.push({ ri: r.ri, name, ns: rns, error: e });
        }
      }
      continue;
    }
    const objs = api.list(r.ri, rns, { labelSelector: spec.selector || undefined, fieldSelector: spec.fieldSelector || undefined });
    for (const o of objs) out.push({ ri: r.ri, name: o.metadata.name ?? '', ns: r.ri.namespaced ? o.metadata.namespace : undefined, obj: structuredClone(o) });
  }
  return out;
}

/** The builder's argument checks shared by label, annotate, scale, set, patch. */
export function checkSelection(spec: TargetSpec, opts: { selectorGiven: boolean; allGiven: boolean; requireSomething?: boolean }): void {
  const named = spec.requests.some((r) => r.names.length);
  if (named && opts.selectorGiven) throw new CliError('name cannot be provided when a selector is specified');
  if (named && opts.allGiven) throw new CliError('name cannot be provided when --all is specified');
  if (opts.requireSomething !== false && !spec.requests.length && !spec.manifests.length) throw new CliError(NO_RESOURCES);
}
