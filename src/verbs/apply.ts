import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import type { ApiServer } from '../api/server.js';
import { deepEqual } from '../api/server.js';
import { groupResource } from '../api/registry.js';
import { withSource } from '../api/errors.js';
import { AggregateError2, CliError } from '../cli/errors.js';
import { readObjects } from './util/manifests.js';
import { preloadDecoders, type FieldValidation } from '../api/validation/index.js';
import type { ResourceInfo } from '../api/registry.js';
import { applyPatch } from './util/apply-patch.js';
import { sortedJson, goJson } from './util/objects.js';
import { refName, withLastApplied, LAST_APPLIED, parseDryRun, dryRunSuffix, DRY_RUN_FLAG, type DryRun } from './util/objects.js';
import { threeWayMerge } from '../api/patch.js';
import { FILE_FLAGS, OUTPUT_FLAGS, printResults, validateOutput, type Result } from './util/write-output.js';

export const verb: VerbModule = {
  use: 'apply (-f FILENAME | -k DIRECTORY) [options]',
  long: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.`,
  example: `  # Apply the configuration in pod.json to a pod
  kubectl apply -f ./pod.json
  
  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -
  
  # Apply the configuration from all files that end with '.json'
  kubectl apply -f '*.json'`,
  flags: [...FILE_FLAGS('that contains the configuration to apply'), DRY_RUN_FLAG, ...OUTPUT_FLAGS, VALIDATE_FLAG()],
  run,
};

export function VALIDATE_FLAG() {
  return {
    name: 'validate',
    type: 'string' as const,
    default: 'strict',
    noOptDefault: 'strict',
    usage: `Must be one of: strict (or true), warn, ignore (or false).
		"true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not.
		"warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise.
		"false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.`,
  };
}

const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** kubectl's GetValidationDirective: a Go boolean, or strict / warn / ignore. */
export function parseValidate(v: string): FieldValidation {
  if (GO_TRUE.includes(v) || v === 'strict') return 'Strict';
  if (GO_FALSE.includes(v) || v === 'ignore') return 'Ignore';
  if (v === 'warn') return 'Warn';
  throw new CliError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** The server's warnings for one request, as kubectl prints them (its warning writer prints each text once per command). */
export function takeWarnings(api: ApiServer, from: number): string[] {
  const seen = new Set(api.warnings.slice(0, from));
  const out: string[] = [];
  for (const w of api.warnings.slice(from)) {
    if (seen.has(w)) continue;
    seen.add(w);
    out.push(`Warning: ${w}\n`);
  }
  return out;
}

/** Info.String() of kubectl's resource builder: the mapping, then name and namespace. */
export function infoString(ri: ResourceInfo, name: string, ns: string | undefined): string {
  return `Resource: "${ri.group}/${ri.version}, Resource=${ri.resource}", GroupVersionKind: "${ri.group}/${ri.version}, Kind=${ri.kind}"\nName: "${name}", Namespace: "${ri.namespaced ? (ns ?? '') : ''}"`;
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const files = v.filename as string[];
  if (!files.length) throw new CliError('must specify one of -f and -k');
  const dry = parseDryRun(v['dry-run'] as string);
  const decode = parseValidate(v.validate as string);
  await validateOutput(ctx, v.output as string);
  const ns = ctx.namespace();
  const nsExplicit = ctx.namespaceExplicit();
  // kubectl reads (and checks) every object first, then applies those it could read.
  const { items, errors: readErrors } = await readObjects(ctx, files, v.recursive as boolean, ns, nsExplicit, decode !== 'Ignore');
  if (!items.length && !readErrors.length) throw new CliError('no objects passed to apply');
  let results: Result[] = [];
  const errors: unknown[] = [...readErrors];
  if (items.length) {
    await preloadDecoders(items.map((i) => i.obj));
    const session = await ctx.cluster();
    const out = await session.tx(
      (api) => {
        const results: Result[] = [];
        const errors: unknown[] = [];
        for (const it of items) {
          try {
            results.push(applyOne(api, it.ri, it.obj, it.source, dry, decode));
          } catch (e) {
            errors.push(e);
          }
        }
        return { results, errors };
      },
      { write: true },
    );
    results = out.results;
    errors.push(...out.errors);
  }
  await printResults(ctx, v.output as string, results, { list: true });
  if (errors.length) throw new AggregateError2(errors);
  return 0;
}

export function applyOne(api: ApiServer, ri: ResourceInfo, obj: KObject, source: string, dry: DryRun, decode: FieldValidation): Result {
  const name = obj.metadata.name ?? '';
  const modified = withLastApplied(obj);
  const current = api.peek(ri, obj.metadata.namespace, name);
  if (!current) {
    if (!name && !obj.metadata.generateName) {
      throw new CliError(`error when retrieving current configuration of:\n${infoString(ri, '', obj.metadata.namespace)}\nfrom server for: "${source}": resource name may not be empty`);
    }
    const mark = api.warnings.length;
    try {
      const created = dry === 'client' ? modified : api.create(modified, { decode, dryRun: dry === 'server' });
      return { ri, obj: created, line: `${refName(ri, created.metadata.name!)} created${dryRunSuffix(dry)}`, warnings: takeWarnings(api, mark) };
    } catch (e) {
      throw withSource(e, 'creating', source);
    }
  }
  const warnings: string[] = [];
  const lastApplied = current.metadata.annotations?.[LAST_APPLIED];
  if (!lastApplied) {
    warnings.push(
      `Warning: resource ${groupResource(ri)}/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  let original: KObject | undefined;
  try {
    original = lastApplied ? JSON.parse(lastApplied) : undefined;
  } catch {
    original = undefined;
  }
  const merged = threeWayMerge(original, modified, current) as KObject;
  if (deepEqual(merged, current)) return { ri, obj: current, line: `${refName(ri, name)} unchanged${dryRunSuffix(dry)}`, warnings };
  const patch = applyPatch(original, modified, current);
  const mark = api.warnings.length;
  try {
    const updated = dry === 'client' ? merged : api.update({ ...merged, metadata: { ...merged.metadata, resourceVersion: undefined } }, { decode, patch, dryRun: dry === 'server' });
    warnings.push(...takeWarnings(api, mark));
    return { ri, obj: updated, line: `${refName(ri, name)} configured${dryRunSuffix(dry)}`, warnings };
  } catch (e) {
    const patched = withSource(e, 'patching', source);
    throw withSource(patched, `applying patch:\n${goJson(sortedJson(patch))}\nto:\n${infoString(ri, name, obj.metadata.namespace)}\nfor:`, source);
  }
}
