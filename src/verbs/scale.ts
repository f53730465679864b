/** `kubectl scale --replicas=N (-f FILENAME | TYPE NAME | TYPE -l SELECTOR | TYPE --all)`. */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { ApiServer } from '../api/server.js';
import { groupResource } from '../api/registry.js';
import { AggregateError2, CliError } from '../cli/errors.js';
import { isStatusError } from '../api/errors.js';
import { refName, parseDryRun, dryRunSuffix, DRY_RUN_FLAG } from './util/objects.js';
import { FILE_FLAGS, validateOutput } from './util/write-output.js';
import { requireFlags, OUTPUT_FLAGS, SHOW_MANAGED_FIELDS_FLAG } from './create/common.js';
import { resolveTargets, targetSpec, checkSelection, type Target } from './util/targets.js';
import { printDone, type Done } from './util/print-object.js';
import { waitUntil } from './util/wait.js';

export const verb: VerbModule = {
  use: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
  example: `  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo
  
  # Scale a resource identified by type and name specified in "foo.yaml" to 3
  kubectl scale --replicas=3 -f foo.yaml
  
  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql
  
  # Scale multiple replication controllers
  kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3
  
  # Scale stateful set named 'web' to 3
  kubectl scale --replicas=3 statefulset/web`,
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
    DRY_RUN_FLAG,
    ...FILE_FLAGS('identifying the resource to set a new size'),
    ...OUTPUT_FLAGS,
    { name: 'replicas', type: 'int', usage: 'The new desired number of replicas. Required.' },
    { name: 'resource-version', type: 'string', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
    },
    SHOW_MANAGED_FIELDS_FLAG,
    {
      name: 'timeout',
      type: 'duration',
      default: '0s',
      usage: "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).",
    },
  ],
  run,
};

/** Resources with a scale subresource. */
const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'replicationcontrollers']);

function scaleOne(api: ApiServer, t: Target, replicas: number, current: number, rv: string, dryServer: boolean): void {
  const ri = t.ri;
  if (!SCALABLE.has(groupResource(ri))) {
    throw new CliError(`could not find scale subresource for ${ri.group}/${ri.version}, Resource=${ri.resource} in discovery information`);
  }
  const live = api.get(ri, t.ns, t.name);
  if (current !== -1 || rv) {
    const actual = live.spec?.replicas ?? 1;
    if (current !== -1 && actual !== current) throw new CliError(`Expected replicas to be ${current}, was ${actual}`);
    if (rv && live.metadata.resourceVersion !== rv) throw new CliError(`Expected resource version to be ${rv}, was ${live.metadata.resourceVersion}`);
  }
  const next = structuredClone(live);
  next.spec = { ...(next.spec ?? {}), replicas };
  api.update({ ...next, metadata: { ...next.metadata, resourceVersion: undefined } }, { dryRun: dryServer });
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  requireFlags(p, ['replicas']);
  const v = p.values;
  const dry = parseDryRun(v['dry-run'] as string);
  const output = v.output as string;
  await validateOutput(ctx, output);
  const replicas = v.replicas as number;
  const current = v['current-replicas'] as number;
  const rv = v['resource-version'] as string;
  if (replicas < 0) throw new CliError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (current < -1) throw new CliError('The --current-replicas must specify an integer of -1 or greater');
  const selector = v.selector as string;
  const all = v.all as boolean;
  const spec = await targetSpec(ctx, p.args, v.filename as string[], v.recursive as boolean, { selector, all });
  checkSelection(spec, { selectorGiven: !!selector, allGiven: all });
  if (spec.requests.length && !spec.requests.some((r) => r.names.length) && !selector && !all) throw new CliError('resource(s) were provided, but no name was specified');
  const session = await ctx.cluster();
  const { done, error, infoErrors, scaled } = await session.tx(
    (api) => {
      const targets = resolveTargets(api, spec, ctx.namespace());
      const infos = targets.filter((t) => !t.error);
      const infoErrors = targets.filter((t) => t.error).map((t) => t.error);
      const done: Done[] = [];
      const scaled: Target[] = [];
      if (rv && infos.length > 1) return { done, error: new CliError('cannot use --resource-version with multiple resources'), infoErrors: [], scaled };
      if (!infos.length) {
        const msg = infoErrors.length ? ` ${infoErrors.length === 1 ? errText(infoErrors[0]) : `[${infoErrors.map(errText).join(', ')}]`}` : '';
        return { done, error: new CliError(`no objects passed to scale${msg}`), infoErrors: [], scaled };
      }
      for (const t of infos) {
        const line = `${refName(t.ri, t.name)} scaled${dryRunSuffix(dry)}`;
        if (dry !== 'client') {
          try {
            scaleOne(api, t, replicas, current, rv, dry === 'server');
          } catch (e) {
            return { done, error: e, infoErrors, scaled };
          }
          scaled.push(t);
        }
        done.push({ obj: t.obj!, line });
      }
      return { done, error: undefined as unknown, infoErrors, scaled };
    },
    { write: true },
  );
  await printDone(ctx, output, done);
  if (error) throw error;
  const timeout = v.timeout as string;
  if (dry === 'none' && timeout !== '0s' && timeout !== '0') {
    for (const t of scaled) {
      const ok = await waitUntil(
        session,
        (api) => {
          const o = api.peek(t.ri, t.ns, t.name);
          if (!o) return true;
          if ((o.spec?.replicas ?? 1) !== replicas) return true;
          return o.status?.replicas === replicas || (replicas === 0 && !o.status?.replicas);
        },
        timeout,
      );
      if (!ok) throw new CliError(`timed out waiting for "${t.name}" to be synced`);
    }
  }
  if (infoErrors.length) throw new AggregateError2(infoErrors);
  return 0;
}

function errText(e: unknown): string {
  return isStatusError(e) ? e.status.message : (e as Error).message;
}

