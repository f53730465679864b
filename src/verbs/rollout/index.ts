/**
 * `kubectl rollout status|history|undo|restart|pause|resume` for Deployments, DaemonSets and
 * StatefulSets, as kubectl's polymorphic helpers do them: status viewers over the object's status,
 * history from ReplicaSets (Deployments) or ControllerRevisions, rollback by copying a revision's
 * template back, restart through the restartedAt template annotation.
 */
import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed, FlagSpec } from '../../cli/flags.js';
import type { ApiServer } from '../../api/server.js';
import type { KObject } from '../../api/types.js';
import { forGroupResource, type ResourceInfo } from '../../api/registry.js';
import { isStatusError } from '../../api/errors.js';
import { AggregateError2, CliError, ExitError } from '../../cli/errors.js';
import { refName, parseDryRun, dryRunSuffix, DRY_RUN_FLAG, type DryRun } from '../util/objects.js';
import { FILE_FLAGS } from '../util/write-output.js';
import { OUTPUT_FLAGS, validateOutput, ObjectPrinter } from '../util/print-object.js';
import { SHOW_MANAGED_FIELDS_FLAG, fieldManagerFlag } from '../create/common.js';
import { targetSpec, resolveTargets, type Target } from '../util/targets.js';
import { parseDuration } from '../util/wait.js';
import { DescribeWriter } from '../../printers/describe/writer.js';
import { describePodTemplate } from '../../printers/describe/containers.js';
import { makeClock } from '../../printers/describe/common.js';
import { TabWriter, DESCRIBE_TABWRITER } from '../../printers/tabwriter.js';
import { rfc3339 } from '../../util/clock.js';
import * as H from './help.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const RS = forGroupResource('replicasets.apps')!;
const CR = forGroupResource('controllerrevisions.apps')!;
const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH = 'pod-template-hash';
const KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

const SELECTOR_FLAG: FlagSpec = {
  name: 'selector',
  short: 'l',
  type: 'string',
  usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
};
const FILES = FILE_FLAGS('identifying the resource to get from a server').map((f) =>
  f.name === 'filename' ? { ...f, usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' } : f,
);

/** The objects named by args, -f and -l (the builder with Latest()). */
async function targets(ctx: Ctx, p: Parsed): Promise<{ api: (fn: (api: ApiServer, ts: Target[]) => unknown) => Promise<unknown> }> {
  const v = p.values;
  const files = (v.filename as string[]) ?? [];
  if (!p.args.length && !files.length) throw new CliError('required resource not specified');
  const spec = await targetSpec(ctx, p.args, files, v.recursive as boolean, { selector: (v.selector as string) || undefined, latest: true });
  const session = await ctx.cluster();
  return { api: (fn) => session.tx((api) => fn(api, resolveTargets(api, spec, ctx.namespace())), { write: true }) };
}

const ownedBy = (api: ApiServer, ri: ResourceInfo, owner: KObject) =>
  api.list(ri, owner.metadata.namespace).filter((o) => (o.metadata.ownerReferences ?? []).some((r: any) => r.controller && r.uid === owner.metadata.uid));

// ---- status ---------------------------------------------------------------------------------------

/** The status viewers: the line to print, and whether the rollout is done. Throws kubectl's errors. */
export function rolloutStatus(obj: KObject, revision: number): [string, boolean] {
  const s = obj.status ?? {};
  const gen = obj.metadata.generation ?? 0;
  const name = obj.metadata.name;
  if (obj.kind === 'Deployment') {
    if (revision > 0) {
      const rev = Number(obj.metadata.annotations?.[REVISION] ?? 0);
      if (revision !== rev) throw new CliError(`desired revision (${revision}) is different from the running revision (${rev})`);
    }
    if (gen <= (s.observedGeneration ?? 0)) {
      const cond = (s.conditions ?? []).find((c: any) => c.type === 'Progressing');
      if (cond?.reason === 'ProgressDeadlineExceeded') throw new CliError(`deployment "${name}" exceeded its progress deadline`);
      const want = obj.spec?.replicas ?? 1;
      const updated = s.updatedReplicas ?? 0;
      if (updated < want) return [`Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, false];
      if ((s.replicas ?? 0) > updated) return [`Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...\n`, false];
      if ((s.availableReplicas ?? 0) < updated) return [`Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, false];
      return [`deployment "${name}" successfully rolled out\n`, true];
    }
    return ['Waiting for deployment spec update to be observed...\n', false];
  }
  if (obj.kind === 'DaemonSet') {
    if ((obj.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new CliError('rollout status is only available for RollingUpdate strategy type');
    if (gen <= (s.observedGeneration ?? 0)) {
      const desired = s.desiredNumberScheduled ?? 0;
      if ((s.updatedNumberScheduled ?? 0) < desired) return [`Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, false];
      if ((s.numberAvailable ?? 0) < desired) return [`Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, false];
      return [`daemon set "${name}" successfully rolled out\n`, true];
    }
    return ['Waiting for daemon set spec update to be observed...\n', false];
  }
  // StatefulSet
  const strategy = obj.spec?.updateStrategy ?? {};
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new CliError('rollout status is only available for RollingUpdate strategy type');
  if (!s.observedGeneration || gen > s.observedGeneration) return ['Waiting for statefulset spec update to be observed...\n', false];
  const replicas = obj.spec?.replicas ?? 1;
  if ((s.readyReplicas ?? 0) < replicas) return [`Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...\n`, false];
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (partition !== undefined && (s.updatedReplicas ?? 0) < replicas - partition) {
      return [`Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`, false];
    }
    return [`partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...\n`, true];
  }
  if (s.updateRevision !== s.currentRevision) return [`waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...\n`, false];
  return [`statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...\n`, true];
}

const groupKind = (ri: ResourceInfo) => (ri.group ? `${ri.kind}.${ri.group}` : ri.kind);

async function runStatus(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const revision = v.revision as number;
  const watch = v.watch !== false;
  const timeoutMs = parseDuration(v.timeout as string);
  const t = await targets(ctx, p);
  if (revision < 0) throw new CliError(`revision must be a positive integer: ${revision}`);
  const session = await ctx.cluster();
  const found = (await t.api((_api, ts) => ts)) as Target[];
  if (!found.length) {
    ctx.io.err(`No resources found in ${ctx.namespace()} namespace.\n`);
    return 0;
  }
  for (const target of found) {
    if (target.error) throw target.error;
    if (!KINDS.has(target.ri.kind)) throw new CliError(`no status viewer has been implemented for ${groupKind(target.ri)}`);
    const start = await session.tx((api) => api.now);
    let lastRv = '';
    for (;;) {
      const r = await session.tx((api) => {
        const live = api.peek(target.ri, target.ns, target.name);
        return { live, now: api.now, timers: api.doc.engine.timers.length };
      });
      if (!r.live) throw new CliError('object has been deleted');
      if (r.live.metadata.resourceVersion !== lastRv) {
        lastRv = r.live.metadata.resourceVersion!;
        const [line, done] = rolloutStatus(r.live, revision);
        ctx.io.out(line);
        ctx.io.flush?.();
        if (done || !watch) break;
      }
      const left = timeoutMs > 0 ? start + timeoutMs - r.now : Infinity;
      if (left <= 0) throw new CliError('timed out waiting for the condition');
      // Nothing will ever change on a frozen clock with nothing scheduled: kubectl would wait forever.
      if (!(await session.step(Math.min(left, 1000)))) throw new CliError('timed out waiting for the condition');
    }
  }
  return 0;
}

// ---- history ----------------------------------------------------------------------------------------

interface Revision {
  revision: number;
  template: any;
  changeCause?: string;
  obj: KObject;
}

/** The owner's revisions: its ReplicaSets (Deployment) or ControllerRevisions (DaemonSet, StatefulSet). */
function revisions(api: ApiServer, owner: KObject): Revision[] {
  if (owner.kind === 'Deployment') {
    return ownedBy(api, RS, owner)
      .filter((rs) => /^\d+$/.test(rs.metadata.annotations?.[REVISION] ?? ''))
      .map((rs) => ({ revision: Number(rs.metadata.annotations![REVISION]), template: structuredClone(rs.spec?.template ?? {}), changeCause: rs.metadata.annotations?.[CHANGE_CAUSE], obj: rs }));
  }
  return ownedBy(api, CR, owner).map((cr) => {
    const t = structuredClone(cr.data?.spec?.template ?? {});
    delete t.$patch;
    return { revision: cr.revision ?? 0, template: t, changeCause: cr.metadata.annotations?.[CHANGE_CAUSE], obj: cr };
  });
}

/** printTemplate: the pod template as describe writes it, without alignment (raw tabs). */
function templateText(template: any, now: number): string {
  const w = new DescribeWriter();
  describePodTemplate(w, template, makeClock(now));
  return w.raw();
}

function historyTable(revs: Revision[]): string {
  const byRev = new Map<number, Revision>();
  for (const r of revs) byRev.set(r.revision, r);
  if (!byRev.size) return 'No rollout history found.';
  const rows = [...byRev.keys()].sort((a, b) => a - b).map((n) => `${n}\t${byRev.get(n)!.changeCause || '<none>'}\n`);
  return new TabWriter(DESCRIBE_TABWRITER).format(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`);
}

async function runHistory(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const output = v.output as string;
  await validateOutput(ctx, output);
  const revision = v.revision as number;
  const t = await targets(ctx, p);
  const out = (await t.api((api, ts) =>
    ts.map((target) => {
      if (target.error) return { error: target.error };
      if (!KINDS.has(target.ri.kind)) return { error: new CliError(`no history viewer has been implemented for ${groupKind(target.ri)}`) };
      return { target, revs: revisions(api, target.obj!), now: api.now };
    }),
  )) as { error?: unknown; target?: Target; revs?: Revision[]; now?: number }[];
  const errors: unknown[] = [];
  for (const r of out) {
    if (r.error) {
      errors.push(r.error);
      continue;
    }
    const { target, revs, now } = r as Required<typeof r>;
    if (output) {
      const printer = new ObjectPrinter(ctx, output);
      const chosen = revision > 0 ? revs.filter((x) => x.revision === revision) : [...revs].sort((a, b) => a.revision - b.revision);
      for (const x of chosen) await printer.print(x.obj, '');
      continue;
    }
    let text: string;
    if (revision > 0) {
      const x = revs.find((y) => y.revision === revision);
      if (!x) {
        errors.push(new CliError(target.ri.kind === 'Deployment' ? 'unable to find the specified revision' : `unable to find the specified revision`));
        continue;
      }
      text = templateText(x.template, now);
    } else text = historyTable(revs);
    ctx.io.out(`${refName(target.ri, target.name)} ${revision > 0 ? `with revision #${revision}` : ''}\n${text}\n`);
  }
  if (errors.length) throw new AggregateError2(errors);
  return 0;
}

/** What a verb did to one object: the object and its line, or the error. */
interface Outcome {
  error?: unknown;
  obj?: KObject;
  line?: string;
}

/** Prints each object done (in the -o format or its line), then fails with the errors, in kubectl's way. */
async function printOutcomes(ctx: Ctx, output: string, out: Outcome[]): Promise<number> {
  const printer = new ObjectPrinter(ctx, output);
  const errors: unknown[] = [];
  for (const r of out) {
    if (r.error) errors.push(r.error);
    else await printer.print(r.obj!, r.line!);
  }
  if (errors.length) throw new AggregateError2(errors);
  return 0;
}

// ---- undo -------------------------------------------------------------------------------------------

const SKIP_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** Templates equal apart from the pod-template-hash label. */
function sameTemplate(a: any, b: any): boolean {
  const strip = (t: any) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels[HASH];
    return JSON.stringify(sortDeep(c));
  };
  return strip(a) === strip(b);
}

function sortDeep(v: any): any {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep(v[k])]));
  return v;
}

/** Rolls the object back; returns the operation kubectl prints ("rolled back", "skipped rollback (...)"). */
function rollback(api: ApiServer, target: Target, toRevision: number, dry: DryRun): { op: string; obj: KObject } {
  const obj = target.obj!;
  const revs = revisions(api, obj);
  if (toRevision < 0) throw new CliError(`unable to find specified revision ${toRevision} in history`);
  if (obj.kind === 'Deployment' && obj.spec?.paused) throw new CliError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  let chosen: Revision | undefined;
  if (toRevision > 0) {
    chosen = revs.find((r) => r.revision === toRevision);
    if (!chosen) throw new CliError(`unable to find specified revision ${toRevision} in history`);
  } else {
    const sorted = [...revs].sort((a, b) => b.revision - a.revision);
    chosen = sorted[1];
    if (!chosen) throw new CliError(obj.kind === 'Deployment' ? `no rollout history found for deployment "${obj.metadata.name}"` : 'no last revision to roll back to');
  }
  if (dry === 'client') return { op: templateText(chosen.template, api.now), obj };
  if (sameTemplate(chosen.template, obj.spec?.template)) return { op: `skipped rollback (current template already matches revision ${toRevision})`, obj };
  const next = structuredClone(obj);
  const template = structuredClone(chosen.template);
  if (template.metadata?.labels) delete template.metadata.labels[HASH];
  next.spec.template = template;
  if (obj.kind === 'Deployment') {
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) if (SKIP_ANNOTATIONS.has(k)) annotations[k] = v as string;
    for (const [k, v] of Object.entries(chosen.obj.metadata.annotations ?? {})) if (!SKIP_ANNOTATIONS.has(k)) annotations[k] = v as string;
    next.metadata.annotations = annotations;
  }
  delete next.metadata.resourceVersion;
  const updated = api.update(next, { dryRun: dry === 'server', manager: 'kubectl-rollout' });
  return { op: 'rolled back', obj: updated };
}

async function runUndo(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const output = v.output as string;
  await validateOutput(ctx, output);
  const dry = parseDryRun(v['dry-run'] as string);
  const to = v['to-revision'] as number;
  const t = await targets(ctx, p);
  const out = (await t.api((api, ts) =>
    ts.map((target) => {
      if (target.error) return { error: target.error };
      if (!KINDS.has(target.ri.kind)) return { error: new CliError(`no rollbacker has been implemented for "${groupKind(target.ri)}"`) };
      try {
        const r = rollback(api, target, to, dry);
        return { obj: r.obj, line: `${refName(target.ri, target.name)} ${r.op}${dryRunSuffix(dry)}` };
      } catch (e) {
        return { error: e };
      }
    }),
  )) as Outcome[];
  return printOutcomes(ctx, output, out);
}

// ---- restart, pause, resume ---------------------------------------------------------------------------

type Mutation = (obj: KObject, now: number) => KObject | string;

const restart: Mutation = (obj, now) => {
  if (!KINDS.has(obj.kind!)) return 'restarting is not supported';
  if (obj.kind === 'Deployment' && obj.spec?.paused) return "can't restart paused deployment (run rollout resume first)";
  const next = structuredClone(obj);
  next.spec.template.metadata ??= {};
  next.spec.template.metadata.annotations = { ...(next.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(now) };
  return next;
};
const setPaused =
  (paused: boolean): Mutation =>
  (obj) => {
    if (obj.kind !== 'Deployment') return paused ? 'pausing is not supported' : 'resuming is not supported';
    if (!!obj.spec?.paused === paused) return paused ? 'is already paused' : 'is not paused';
    const next = structuredClone(obj);
    if (paused) next.spec.paused = true;
    else delete next.spec.paused;
    return next;
  };

function patchVerb(mutate: Mutation, done: string): (ctx: Ctx, p: Parsed) => Promise<number> {
  return async (ctx, p) => {
    const v = p.values;
    const output = v.output as string;
    await validateOutput(ctx, output);
    const dry = parseDryRun((v['dry-run'] as string) ?? 'none');
    const t = await targets(ctx, p);
    const out = (await t.api((api, ts) => {
      if (!ts.length) return 'none';
      return ts.map((target) => {
        if (target.error) return { error: target.error };
        const next = mutate(target.obj!, api.now);
        const res = target.ri.group ? `${target.ri.resource}.${target.ri.group}` : target.ri.resource;
        if (typeof next === 'string') return { error: new CliError(`error: ${res} ${JSON.stringify(target.name)} ${next}`) };
        if (JSON.stringify(next) === JSON.stringify(target.obj)) {
          return { error: new CliError(`failed to create patch for ${target.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`) };
        }
        if (dry === 'client') return { obj: next, line: `${refName(target.ri, target.name)} ${done}${dryRunSuffix(dry)}` };
        try {
          delete next.metadata.resourceVersion;
          const updated = api.update(next, { dryRun: dry === 'server', manager: (v['field-manager'] as string) ?? 'kubectl-rollout' });
          return { obj: updated, line: `${refName(target.ri, target.name)} ${done}${dryRunSuffix(dry)}` };
        } catch (e) {
          return { error: isStatusError(e) ? new CliError(`failed to patch: ${e.message}`) : e };
        }
      });
    })) as 'none' | Outcome[];
    if (out === 'none') {
      ctx.io.err(`No resources found in ${ctx.namespace()} namespace.\n`);
      return 0;
    }
    return printOutcomes(ctx, output, out);
  };
}

// ---- the commands ---------------------------------------------------------------------------------------

const PRINTING = [...OUTPUT_FLAGS, SHOW_MANAGED_FIELDS_FLAG];

export const status: VerbModule = {
  use: 'rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  long: H.STATUS_LONG,
  example: H.STATUS_EXAMPLE,
  flags: [
    ...FILES,
    { name: 'revision', type: 'int', default: 0, usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
    SELECTOR_FLAG,
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    { name: 'watch', short: 'w', type: 'bool', default: true, usage: "Watch the status of the rollout until it's done." },
  ],
  run: runStatus,
};

export const history: VerbModule = {
  use: 'rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  long: H.HISTORY_LONG,
  example: H.HISTORY_EXAMPLE,
  flags: [...FILES, ...PRINTING, { name: 'revision', type: 'int', default: 0, usage: 'See the details, including podTemplate of the revision specified' }, SELECTOR_FLAG],
  run: runHistory,
};

export const undo: VerbModule = {
  use: 'rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  long: H.UNDO_LONG,
  example: H.UNDO_EXAMPLE,
  flags: [DRY_RUN_FLAG, ...FILES, ...PRINTING, SELECTOR_FLAG, { name: 'to-revision', type: 'int', default: 0, usage: 'The revision to rollback to. Default to 0 (last revision).' }],
  run: runUndo,
};

const mutatingFlags = (): FlagSpec[] => [fieldManagerFlag('kubectl-rollout'), ...FILES, ...PRINTING, SELECTOR_FLAG];

export const restartVerb: VerbModule = {
  use: 'rollout restart RESOURCE [options]',
  long: H.RESTART_LONG,
  example: H.RESTART_EXAMPLE,
  flags: mutatingFlags(),
  run: patchVerb(restart, 'restarted'),
};

export const pause: VerbModule = {
  use: 'rollout pause RESOURCE [options]',
  long: H.PAUSE_LONG,
  example: H.PAUSE_EXAMPLE,
  flags: mutatingFlags(),
  run: patchVerb(setPaused(true), 'paused'),
};

export const resume: VerbModule = {
  use: 'rollout resume RESOURCE [options]',
  long: H.RESUME_LONG,
  example: H.RESUME_EXAMPLE,
  flags: mutatingFlags(),
  run: patchVerb(setPaused(false), 'resumed'),
};

const GROUP_HELP = `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** `kubectl rollout` without a subcommand: the group's help on stderr, exit 1. */
export const group: VerbModule = {
  use: 'rollout SUBCOMMAND [options]',
  long: GROUP_HELP.split('\n\nExamples:\n')[0],
  example: GROUP_HELP.split('\n\nExamples:\n')[1].split('\n\nAvailable Commands:\n')[0],
  flags: [],
  async run(ctx, p) {
    if (p.args.length) ctx.io.err(`error: unknown command "${p.args[0]}"\nSee 'kubectl rollout -h' for help and examples\n`);
    else ctx.io.err(GROUP_HELP);
    throw new ExitError(1);
  },
};
