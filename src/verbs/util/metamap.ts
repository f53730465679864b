/**
 * What `kubectl label` and `kubectl annotate` share: KEY=VAL / KEY- arguments after the resources,
 * -l/--all/-A/--field-selector/-f/--local selection, --overwrite, --list, --resource-version, and a
 * JSON merge patch of the metadata map sent to the server.
 */
import type { Ctx } from '../../cli/types.js';
import type { FlagSpec, Parsed } from '../../cli/flags.js';
import type { KObject } from '../../api/types.js';
import type { ApiServer } from '../../api/server.js';
import { patchResource, createMergePatch } from '../../api/patch.js';
import { AggregateError2, CliError } from '../../cli/errors.js';
import { refName, parseDryRun, dryRunSuffix, sortedJson, goJson, DRY_RUN_FLAG, type DryRun } from './objects.js';
import { FILE_FLAGS, validateOutput } from './write-output.js';
import { OUTPUT_FLAGS, SHOW_MANAGED_FIELDS_FLAG, fieldManagerFlag } from '../create/common.js';
import { resolveTargets, targetSpec, type Target, type TargetSpec } from './targets.js';
import { ObjectPrinter } from './print-object.js';

export function metaMapFlags(what: 'labels' | 'annotations', manager: string): FlagSpec[] {
  const one = what === 'labels' ? 'label' : 'annotation';
  return [
    { name: 'all', type: 'bool', usage: `Select all resources, in the namespace of the specified resource types${what === 'annotations' ? '.' : ''}` },
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If true, check the specified action in all namespaces.' },
    DRY_RUN_FLAG,
    fieldManagerFlag(manager),
    {
      name: 'field-selector',
      type: 'string',
      usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    },
    ...FILE_FLAGS(`identifying the resource to update the ${what === 'labels' ? 'labels' : 'annotation'}`),
    { name: 'list', type: 'bool', usage: `If true, display the ${what} for a given resource.` },
    { name: 'local', type: 'bool', usage: `If true, ${one} will NOT contact api-server but run locally.` },
    ...OUTPUT_FLAGS,
    { name: 'overwrite', type: 'bool', usage: `If true, allow ${what} to be overwritten, otherwise reject ${one} updates that overwrite existing ${what}.` },
    {
      name: 'resource-version',
      type: 'string',
      usage: `If non-empty, the ${what} update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.`,
    },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
    },
    SHOW_MANAGED_FIELDS_FLAG,
  ];
}

/** cmdutil.GetResourcesAndPairs: resources first, then KEY=VAL / KEY- pairs. */
export function resourcesAndPairs(args: string[], pairType: string): [string[], string[]] {
  const resources: string[] = [];
  const pairs: string[] = [];
  let found = false;
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (nonResource) {
      found = true;
      pairs.push(s);
    } else if (!found) resources.push(s);
    else throw new CliError(`all resources must be specified before ${pairType} changes: ${s}`);
  }
  return [resources, pairs];
}

export interface MetaMapOptions {
  what: 'labels' | 'annotations';
  /** Applies the changes to an object's map (throws on a refused overwrite). */
  update(obj: KObject): void;
  /** Lines to print before the result of a real update (label's "label "x" not found."). */
  notes?(obj: KObject): string[];
  /** The printed operation for an object, from its JSON before and after. */
  operation(before: string, after: string): string;
  /** Print the server's answer (annotate) rather than the local object (label). */
  printServerObject: boolean;
  /** A new printer per object (label), so that YAML documents are not separated; annotate keeps one. */
  printerPerObject: boolean;
}

/** Whether the builder's arguments name exactly one object (IntoSingleItemImplied). */
function singleItemImplied(spec: TargetSpec, files: string[]): boolean {
  if (spec.requests.length === 1 && spec.requests[0].names.length === 1 && !spec.manifests.length) return true;
  return !spec.requests.length && files.length === 1 && spec.manifests.length === 1;
}

const json = (o: KObject) => goJson(sortedJson(o));

/** Runs label or annotate once the pairs are parsed and validated. */
export async function runMetaMap(ctx: Ctx, p: Parsed, resources: string[], o: MetaMapOptions): Promise<number> {
  const v = p.values;
  const dry: DryRun = parseDryRun(v['dry-run'] as string);
  const output = v.output as string;
  const local = v.local as boolean;
  const list = v.list as boolean;
  const rv = v['resource-version'] as string;
  const files = v.filename as string[];
  const spec = await targetSpec(ctx, local ? [] : resources, files, v.recursive as boolean, {
    selector: v.selector as string,
    fieldSelector: v['field-selector'] as string,
    all: v.all as boolean,
    allNamespaces: v['all-namespaces'] as boolean,
    latest: !local,
  });
  const named = spec.requests.some((r) => r.names.length);
  if (named && v.selector) throw new CliError('name cannot be provided when a selector is specified');
  if (spec.requests.length && !named && !v.selector && !v.all && !v['field-selector']) throw new CliError('resource(s) were provided, but no name was specified');
  const one = singleItemImplied(spec, files);
  if (!one && rv) throw new CliError('--resource-version may only be used with a single resource');
  interface Result {
    text: string;
    obj?: KObject;
    line?: string;
  }
  const process = (t: Target, api?: ApiServer): Result => {
    if (t.error) throw t.error;
    const obj = t.obj!;
    if (rv) delete obj.metadata.resourceVersion;
    const before = json(obj);
    let out = obj;
    let text = '';
    if (dry === 'client' || local || list || !api) {
      o.update(obj);
      if (rv) obj.metadata.resourceVersion = rv;
    } else {
      for (const n of o.notes?.(obj) ?? []) text += n;
      const old = structuredClone(obj);
      o.update(obj);
      if (rv) obj.metadata.resourceVersion = rv;
      out = patchResource(api, t.ri, t.ns, t.name, 'merge', createMergePatch(old, obj), { dryRun: dry === 'server' }).after;
    }
    const after = json(obj);
    if (list) {
      const map = ((o.printServerObject ? out : obj).metadata[o.what] ?? {}) as Record<string, string>;
      const indent = one ? '' : ' ';
      if (!one) text += `Listing ${o.what} for ${t.ri.kind}.${t.ri.group}/${t.name}:\n`;
      for (const k of Object.keys(map).sort()) text += `${indent}${k}=${map[k]}\n`;
      return { text };
    }
    return { text, obj: o.printServerObject ? out : obj, line: `${refName(t.ri, t.name)} ${o.operation(before, after)}${dryRunSuffix(dry)}` };
  };
  const results: Result[] = [];
  const errors: unknown[] = [];
  const collect = (t: Target, api?: ApiServer) => {
    try {
      results.push(process(t, api));
    } catch (e) {
      errors.push(e);
    }
  };
  if (local) {
    for (const m of spec.manifests) collect({ ri: m.ri, name: m.obj.metadata.name ?? '', obj: structuredClone(m.obj) });
  } else {
    const session = await ctx.cluster();
    await session.tx(
      (api) => {
        for (const t of resolveTargets(api, spec, ctx.namespace())) collect(t, api);
      },
      { write: dry !== 'client' && !list },
    );
  }
  const printer = new ObjectPrinter(ctx, output);
  for (const r of results) {
    if (r.text) ctx.io.out(r.text);
    if (r.obj) await (o.printerPerObject ? new ObjectPrinter(ctx, output) : printer).print(r.obj, r.line!);
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length) throw new AggregateError2(errors);
  return 0;
}

/** The common Complete/Validate checks (in kubectl's order, after the pairs are parsed). */
export async function validateMetaMap(ctx: Ctx, p: Parsed, resources: string[], hasUpdates: boolean, what: 'label' | 'annotation'): Promise<void> {
  const v = p.values;
  const files = v.filename as string[];
  const ex = what === 'label' ? 'pod.yaml' : 'rsrc.yaml';
  const exJson = what === 'label' ? 'pod.json' : 'rsrc.json';
  if (v.list && v.output) throw new CliError('--list and --output may not be specified together');
  await validateOutput(ctx, v.output as string);
  if (v.all && v.selector) throw new CliError('cannot set --all and --selector at the same time');
  if (v.all && v['field-selector']) throw new CliError('cannot set --all and --field-selector at the same time');
  if (v.local) {
    if (parseDryRun(v['dry-run'] as string) === 'server') throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length) throw new CliError(`can only use local files by -f ${ex} or --filename=${exJson} when --local=true is set`);
    if (!files.length) throw new CliError(`one or more files must be specified as -f ${ex} or --filename=${exJson}`);
  } else if (!resources.length && !files.length) {
    throw new CliError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (!hasUpdates && !v.list) throw new CliError(`at least one ${what} update is required`);
}

