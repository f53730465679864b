/**
 * What the `kubectl set` subcommands share: the pod template of a workload, the selection of
 * objects (-f, TYPE NAME, -l, --all, --local), the two-way strategic merge patch of the typed
 * object, and printing the typed result with the subcommand's operation ("image updated").
 */
import type { Ctx } from '../../cli/types.js';
import type { FlagSpec, Parsed } from '../../cli/flags.js';
import type { KObject } from '../../api/types.js';
import type { ApiServer } from '../../api/server.js';
import { toTyped, goTypeFor } from '../../api/gotypes.js';
import { createTwoWayMergePatch, patchResource } from '../../api/patch.js';
import { isStatusError } from '../../api/errors.js';
import { AggregateError2, CliError } from '../../cli/errors.js';
import { refName, parseDryRun, dryRunSuffix, DRY_RUN_FLAG, type DryRun } from '../util/objects.js';
import { validateOutput } from '../util/write-output.js';
import { OUTPUT_FLAGS, SHOW_MANAGED_FIELDS_FLAG, fieldManagerFlag, printTyped } from '../create/common.js';
import { resolveTargets, targetSpec, type Target, type TargetSpec } from '../util/targets.js';
import { ObjectPrinter } from '../util/print-object.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const SET_FILE_FLAGS = (recursiveDefault = false): FlagSpec[] => [
  { name: 'filename', short: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
  {
    name: 'recursive',
    short: 'R',
    type: 'bool',
    default: recursiveDefault,
    usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
  },
];

export const SET_SELECTOR_FLAG: FlagSpec = {
  name: 'selector',
  short: 'l',
  type: 'string',
  usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
};

export const setCommonFlags = (): FlagSpec[] => [DRY_RUN_FLAG, fieldManagerFlag('kubectl-set'), ...OUTPUT_FLAGS, SHOW_MANAGED_FIELDS_FLAG];

/** Go's %T of a typed object: "*v1.Service". */
export const goTypeName = (o: KObject) => `*${o.apiVersion.split('/').pop()}.${o.kind}`;

/** polymorphichelpers.UpdatePodSpecForObject: the pod spec of a pod or a workload's template. */
export function podSpecOf(o: KObject): any {
  switch (o.kind) {
    case 'Pod':
      return (o.spec ??= {});
    case 'ReplicationController':
    case 'Deployment':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'Job': {
      const spec = (o.spec ??= {});
      const tmpl = (spec.template ??= {});
      return (tmpl.spec ??= {});
    }
    case 'CronJob': {
      const spec = (o.spec ??= {});
      const jt = (spec.jobTemplate ??= {});
      const js = (jt.spec ??= {});
      const tmpl = (js.template ??= {});
      return (tmpl.spec ??= {});
    }
    default:
      throw new Error(`the object is not a pod or does not have a pod template: ${goTypeName(o)}`);
  }
}

/** The set commands' container selector: "*", exact names, or simple wildcards. */
export function selectString(s: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return s === spec;
  let pos = 0;
  const parts = spec.split('*');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    const next = s.slice(pos).indexOf(part);
    if (next < pos || (i === 0 && pos !== 0) || (i === parts.length - 1 && s.length !== part.length + next)) return false;
    pos = next;
  }
  return true;
}

export interface SetSelection {
  spec: TargetSpec;
  local: boolean;
  dry: DryRun;
  output: string;
}

/** Parses -f/-l/--all/--local and the resource arguments. */
export async function setSelection(ctx: Ctx, p: Parsed, resources: string[]): Promise<SetSelection> {
  const v = p.values;
  const dry = parseDryRun(v['dry-run'] as string);
  const output = v.output as string;
  await validateOutput(ctx, output);
  const local = (v.local as boolean | undefined) ?? false;
  if (local && resources.length) throw new CliError('error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'');
  const spec = await targetSpec(ctx, local ? [] : resources, (v.filename as string[] | undefined) ?? [], (v.recursive as boolean | undefined) ?? false, {
    selector: v.selector as string | undefined,
    all: v.all as boolean | undefined,
    latest: !local,
  });
  return { spec, local, dry, output };
}

/** Checks the builder makes before any request. */
export function checkBuilder(sel: SetSelection, p: Parsed): void {
  const v = p.values;
  const named = sel.spec.requests.some((r) => r.names.length);
  if (named && v.selector) throw new CliError('name cannot be provided when a selector is specified');
  if (named && v.all) throw new CliError('name cannot be provided when --all is specified');
  if (sel.spec.requests.length && !named && !v.selector && !v.all) throw new CliError('resource(s) were provided, but no name was specified');
  if (!sel.local && !sel.spec.requests.length && !sel.spec.manifests.length) {
    throw new CliError(`You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
  }
}

export interface SetRun {
  /** The printed operation: "image updated". */
  operation: string;
  /** Mutates the typed object; returns false when nothing applies (no patch at all). Throws for "error: <ObjectName> <err>". */
  mutate(obj: KObject, t: Target): boolean;
  /** Prefix of server errors: "failed to patch image update to pod template: ". */
  failure: string;
  /** Skip objects whose patch is empty (most set commands); serviceaccount sends even those. */
  skipEmpty?: boolean;
  /** Errors the mutation collected (printed after the objects). */
  extraErrors?: () => unknown[];
  /** Mutation errors name the object ("error: deployments/web ..."); set selector's do not. */
  bareMutateErrors?: boolean;
}

/**
 * The builder's Infos(): the objects to change (from the server, or the files with --local). Any
 * error (NotFound...) stops the command before a change, as kubectl's Complete does.
 */
export async function resolveSet(ctx: Ctx, sel: SetSelection): Promise<Target[]> {
  const targets = sel.local
    ? sel.spec.manifests.map((m) => ({ ri: m.ri, name: m.obj.metadata.name ?? '', ns: m.obj.metadata.namespace, obj: structuredClone(m.obj) }) as Target)
    : await (await ctx.cluster()).tx((api) => resolveTargets(api, sel.spec, ctx.namespace()));
  const errs = targets.filter((t) => t.error).map((t) => t.error);
  if (errs.length === 1) throw errs[0];
  if (errs.length) throw new AggregateError2(errs);
  return targets;
}

/** Aggregated validation errors, as utilerrors.NewAggregate prints them. */
export function throwAll(msgs: string[]): void {
  if (msgs.length === 1) throw new CliError(msgs[0]);
  if (msgs.length) throw new AggregateError2(msgs.map((m) => new CliError(m)));
}

/** Patches each object with a strategic two-way patch of its typed form and prints the results. */
export async function runSet(ctx: Ctx, sel: SetSelection, targets: Target[], r: SetRun): Promise<number> {
  const out: { obj: KObject; line: string }[] = [];
  const errors: unknown[] = [];
  const pending: { t: Target; obj: KObject; patch: Record<string, unknown>; line: string }[] = [];
  for (const t of targets) {
    const before = toTyped(t.obj!);
    const obj = structuredClone(before);
    let changed: boolean;
    try {
      changed = r.mutate(obj, t);
    } catch (e) {
      errors.push(r.bareMutateErrors ? e : new CliError(`error: ${t.ri.resource}/${t.name} ${(e as Error).message}\n`));
      continue;
    }
    if (!changed) continue;
    const patch = createTwoWayMergePatch(before, toTyped(obj), goTypeFor(obj.apiVersion, obj.kind));
    if (r.skipEmpty !== false && !Object.keys(patch).length) continue;
    const line = `${refName(t.ri, t.name)} ${r.operation}${dryRunSuffix(sel.dry)}`;
    if (sel.local || sel.dry === 'client') out.push({ obj, line });
    else pending.push({ t, obj, patch, line });
  }
  if (pending.length) {
    const session = await ctx.cluster();
    await session.tx(
      (api: ApiServer) => {
        for (const { t, patch, line } of pending) {
          try {
            out.push({ obj: patchResource(api, t.ri, t.ns, t.name, 'strategic', patch, { dryRun: sel.dry === 'server' }).after, line });
          } catch (e) {
            errors.push(new CliError(r.failure + (isStatusError(e) ? e.status.message : (e as Error).message)));
          }
        }
      },
      { write: true },
    );
  }
  const printer = new ObjectPrinter(ctx, sel.output);
  for (const o of out) await printTyped(ctx, sel.output, o.obj, o.line, printer);
  const all = [...(r.extraErrors?.() ?? []), ...errors];
  if (all.length === 1) throw all[0];
  if (all.length) throw new AggregateError2(all);
  return 0;
}
