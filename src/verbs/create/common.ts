/**
 * What kubectl's generator commands share (create <generator>, run, expose, autoscale): the NAME
 * argument, usage errors, required flags, --dry-run/--save-config/--validate/-o, creating the
 * object through the API and printing it as kubectl prints a typed object.
 */
import type { Ctx } from '../../cli/types.js';
import type { FlagSpec, Parsed } from '../../cli/flags.js';
import type { KObject } from '../../api/types.js';
import type { ApiServer } from '../../api/server.js';
import { forApiVersionKind, type ResourceInfo } from '../../api/registry.js';
import { isStatusError } from '../../api/errors.js';
import { toTyped } from '../../api/gotypes.js';
import { CliError, ExitError } from '../../cli/errors.js';
import { LAST_APPLIED, goJson, parseDryRun, refName, dryRunSuffix, DRY_RUN_FLAG, type DryRun } from '../util/objects.js';
import { validateOutput } from '../util/write-output.js';
import { VALIDATE_FLAG, parseValidate } from '../apply.js';
import type { FieldValidation } from '../../api/validation/index.js';
import { ObjectPrinter } from '../util/print-object.js';
import { Random } from '../../util/random.js';
import { GeneratorError } from '../generators/util.js';

export { DRY_RUN_FLAG };

export { OUTPUT_FLAGS } from '../util/print-object.js';
import { OUTPUT_FLAGS } from '../util/print-object.js';

export const SAVE_CONFIG_FLAG: FlagSpec = {
  name: 'save-config',
  type: 'bool',
  usage:
    'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
};

export const SHOW_MANAGED_FIELDS_FLAG: FlagSpec = {
  name: 'show-managed-fields',
  type: 'bool',
  usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
};

export const fieldManagerFlag = (def: string): FlagSpec => ({ name: 'field-manager', type: 'string', default: def, usage: 'Name of the manager used to track field ownership.' });

/** The flags every `create <generator>` command has. */
export function createSubFlags(): FlagSpec[] {
  return [...OUTPUT_FLAGS, SHOW_MANAGED_FIELDS_FLAG, SAVE_CONFIG_FLAG, VALIDATE_FLAG(), DRY_RUN_FLAG, fieldManagerFlag('kubectl-create')];
}

/** cmdutil.UsageErrorf: "error: <msg>\nSee 'kubectl <cmd> -h' for help and examples". */
export function usageError(ctx: Ctx, msg: string): CliError {
  return new CliError(`${msg}\nSee 'kubectl ${ctx.commandPath} -h' for help and examples`);
}

/** A message printed as is (kubectl prints some errors without "error: "), exit 1. */
export function rawError(ctx: Ctx, msg: string): ExitError {
  ctx.io.err(msg.endsWith('\n') ? msg : msg + '\n');
  return new ExitError(1);
}

/** cobra's required-flag check, which runs before the command. */
export function requireFlags(p: Parsed, names: string[]): void {
  const missing = names.filter((n) => !p.changed.has(n)).sort();
  if (missing.length) throw new CliError(`required flag(s) "${missing.join('", "')}" not set`);
}

/** create.NameFromCommandArgs: exactly one NAME before any "--". */
export function nameArg(ctx: Ctx, p: Parsed): string {
  const n = p.args.length - p.dashArgs.length;
  if (n !== 1) throw usageError(ctx, `exactly one NAME is required, got ${n}`);
  return p.args[0];
}

export interface CommonOptions {
  dry: DryRun;
  output: string;
  saveConfig: boolean;
  decode: boolean | FieldValidation;
}

/** The Complete step's common part: dry-run strategy, printer, validation directive. */
export async function completeCommon(ctx: Ctx, p: Parsed): Promise<CommonOptions> {
  const v = p.values;
  const dry = parseDryRun(v['dry-run'] as string);
  const output = v.output as string;
  await validateOutput(ctx, output);
  const decode = v.validate === undefined ? true : parseValidate(v.validate as string);
  return { dry, output, saveConfig: v['save-config'] === true, decode };
}

/** The last-applied annotation as kubectl computes it for a typed object (compact Go JSON + "\n"). */
export function withTypedLastApplied(obj: KObject): KObject {
  const copy = structuredClone(obj);
  if (copy.metadata.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED];
    if (!Object.keys(copy.metadata.annotations).length) delete copy.metadata.annotations;
  }
  const text = goJson(JSON.stringify(toTyped(copy))) + '\n';
  const out = structuredClone(obj);
  out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [LAST_APPLIED]: text };
  return out;
}

/** A random source for names kubectl randomizes, when there is no cluster transaction (client dry run). */
export function clientRandom(ctx: Ctx): Random {
  return Random.fromSeed(`${ctx.env.KUBEMU_SEED ?? ''}/${ctx.clock.now()}`);
}

export function resourceOf(obj: KObject): ResourceInfo {
  const ri = forApiVersionKind(obj.apiVersion, obj.kind);
  if (!ri) throw new CliError(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  return ri;
}

/** Prints an object kubectl holds as a typed value: JSON in struct order, YAML, name, or the line. */
export async function printTyped(ctx: Ctx, output: string, obj: KObject, line: string, printer?: ObjectPrinter): Promise<void> {
  await (printer ?? new ObjectPrinter(ctx, output)).print(obj, line, { typed: true });
}

/** Turns a generator's error into kubectl's text. */
export function generatorErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof GeneratorError) throw new CliError(e.message);
    throw e;
  }
}

export interface CreateOptions extends CommonOptions {
  /** kubectl's prefix for API errors ("failed to create deployment: "); none: the API error itself. */
  wrap?: string;
  /** The verb in the printed line ("created"); dry runs always say "created". */
  verb?: string;
  /** Add the last-applied annotation in client dry runs too (create subcommands do; run and expose do not). */
  annotateClientDryRun?: boolean;
  /** Print the result (default); run prints its objects itself. */
  print?: boolean;
  /** The command's printer, when it prints several objects. */
  printer?: ObjectPrinter;
}

/**
 * Creates a generated object (or only prints it for --dry-run=client) and prints the result.
 * `build` gets a random source: the cluster's inside a transaction, a clock-seeded one otherwise.
 */
export async function createGenerated(ctx: Ctx, opts: CreateOptions, build: (rng: Random) => KObject, hook?: (api: ApiServer, obj: KObject) => void): Promise<KObject> {
  const annotate = (o: KObject) => (opts.saveConfig ? withTypedLastApplied(o) : o);
  if (opts.dry === 'client') {
    let obj = generatorErrors(() => build(clientRandom(ctx)));
    if (opts.annotateClientDryRun !== false) obj = annotate(obj);
    if (opts.print !== false) await printTyped(ctx, opts.output, obj, resultLine(obj, opts), opts.printer);
    return obj;
  }
  const ns = ctx.namespace();
  const session = await ctx.cluster();
  const created = await session.tx(
    (api) => {
      const obj = annotate(generatorErrors(() => build(api.rng)));
      const ri = resourceOf(obj);
      hook?.(api, obj);
      const toSend = toTyped(obj);
      if (ri.namespaced) toSend.metadata.namespace ||= ns;
      else delete toSend.metadata.namespace;
      try {
        return api.create(toSend, { decode: opts.decode, dryRun: opts.dry === 'server' });
      } catch (e) {
        if (opts.wrap && isStatusError(e)) throw new CliError(opts.wrap + e.message);
        throw e;
      }
    },
    { write: true },
  );
  if (opts.print !== false) await printTyped(ctx, opts.output, created, resultLine(created, opts), opts.printer);
  return created;
}

/** "deployment.apps/web created (dry run)". */
export function resultLine(obj: KObject, opts: Pick<CreateOptions, 'dry' | 'verb'>): string {
  const verb = opts.verb ?? 'created';
  return `${refName(resourceOf(obj), obj.metadata.name ?? '')} ${verb}${dryRunSuffix(opts.dry)}`;
}
