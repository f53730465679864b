/**
 * `kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) --max=N [--min=N] [--cpu-percent=N]`: an
 * autoscaling/v1 HorizontalPodAutoscaler for a scalable workload.
 */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import { apiVersionOf, groupResource } from '../api/registry.js';
import { AggregateError2, CliError } from '../cli/errors.js';
import { completeCommon, printTyped, requireFlags, resultLine, withTypedLastApplied, OUTPUT_FLAGS, SAVE_CONFIG_FLAG, SHOW_MANAGED_FIELDS_FLAG, DRY_RUN_FLAG, fieldManagerFlag } from './create/common.js';
import { FILE_FLAGS } from './util/write-output.js';
import { NO_RESOURCES, resolveTargets, targetSpec } from './util/targets.js';
import { generateHpa } from './generators/hpa.js';
import { hpaV1ToV2, hpaV2ToV1 } from './util/hpa-convert.js';

export const verb: VerbModule = {
  use: 'autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
  long: `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.`,
  example: `  # Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
  kubectl autoscale deployment foo --min=2 --max=10
  
  # Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%
  kubectl autoscale rc foo --max=5 --cpu-percent=80`,
  flags: [
    {
      name: 'cpu-percent',
      type: 'int',
      default: -1,
      usage: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.",
    },
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-autoscale'),
    ...FILE_FLAGS('identifying the resource to autoscale.'),
    { name: 'max', type: 'int', default: -1, usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.' },
    { name: 'min', type: 'int', default: -1, usage: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
    { name: 'name', type: 'string', usage: 'The name for the newly created object. If not specified, the name of the input resource will be used.' },
    ...OUTPUT_FLAGS,
    SAVE_CONFIG_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
  ],
  run,
};

const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'replicationcontrollers']);

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  requireFlags(p, ['max']);
  const v = p.values;
  const common = await completeCommon(ctx, p);
  const max = v.max as number;
  const min = v.min as number;
  if (max < 1) throw new CliError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new CliError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const files = v.filename as string[];
  if (!p.args.length && !files.length) throw new CliError(NO_RESOURCES);
  const spec = await targetSpec(ctx, p.args, files, v.recursive as boolean);
  if (spec.requests.length && !spec.requests.some((r) => r.names.length)) throw new CliError('resource(s) were provided, but no name was specified');
  const session = await ctx.cluster();
  const ns = ctx.namespace();
  const { out, errors } = await session.tx(
    (api) => {
      const out: { obj: KObject; line: string }[] = [];
      const errors: unknown[] = [];
      for (const t of resolveTargets(api, spec, ns)) {
        try {
          if (t.error) throw t.error;
          if (!SCALABLE.has(groupResource(t.ri))) {
            throw new CliError(`cannot autoscale a ${t.ri.kind}: could not find scale subresource for ${t.ri.group}/${t.ri.version}, Resource=${t.ri.resource} in discovery information`);
          }
          let hpa = generateHpa({
            name: v.name as string,
            target: { apiVersion: apiVersionOf(t.ri), kind: t.ri.kind, name: t.name },
            min,
            max,
            cpuPercent: v['cpu-percent'] as number,
          });
          if (common.dry === 'client') {
            out.push({ obj: hpa, line: resultLine(hpa, { dry: 'client', verb: 'created' }) });
            continue;
          }
          if (common.saveConfig) hpa = withTypedLastApplied(hpa);
          // The API server keeps HPAs as autoscaling/v2 and answers in the version asked for.
          const stored = api.create({ ...hpaV1ToV2(hpa), metadata: { ...hpa.metadata, namespace: ns } }, { dryRun: common.dry === 'server', decode: common.decode });
          const answer = hpaV2ToV1(stored);
          out.push({ obj: answer, line: resultLine(answer, { dry: common.dry, verb: 'autoscaled' }) });
        } catch (e) {
          errors.push(e);
        }
      }
      return { out, errors };
    },
    { write: common.dry !== 'client' },
  );
  // A printer per object (kubectl's ToPrinter in the loop): YAML documents are not separated.
  for (const o of out) await printTyped(ctx, common.output, o.obj, o.line);
  if (errors.length) throw new AggregateError2(errors);
  if (!out.length) throw new CliError('no objects passed to autoscale');
  return 0;
}
