import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import { withSource } from '../api/errors.js';
import { AggregateError2, CliError, ExitError } from '../cli/errors.js';
import { readObjects } from './util/manifests.js';
import { refName, withLastApplied, parseDryRun, dryRunSuffix, DRY_RUN_FLAG } from './util/objects.js';
import { FILE_FLAGS, OUTPUT_FLAGS, printResults, validateOutput, type Result } from './util/write-output.js';
import { VALIDATE_FLAG, parseValidate, takeWarnings } from './apply.js';
import { preloadDecoders } from '../api/validation/index.js';

export const verb: VerbModule = {
  use: 'create -f FILENAME [options]',
  long: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.`,
  example: `  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json
  
  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -`,
  flags: [
    ...FILE_FLAGS('to use to create the resource'),
    DRY_RUN_FLAG,
    ...OUTPUT_FLAGS,
    { name: 'save-config', type: 'bool', usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
    VALIDATE_FLAG(),
  ],
  run,
};

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const files = v.filename as string[];
  if (p.args.length) {
    ctx.io.err(`error: Unexpected args: [${p.args.join(' ')}]\nSee 'kubectl create -h' for help and examples\n`);
    throw new ExitError(1);
  }
  if (!files.length) throw new CliError('must specify one of -f and -k');
  const dry = parseDryRun(v['dry-run'] as string);
  const decode = parseValidate(v.validate as string);
  await validateOutput(ctx, v.output as string);
  const ns = ctx.namespace();
  const nsExplicit = ctx.namespaceExplicit();
  // kubectl create sends each object as it reads it: read errors and create errors interleave.
  const { items, order } = await readObjects(ctx, files, v.recursive as boolean, ns, nsExplicit, decode !== 'Ignore');
  let results: Result[] = [];
  const errors: unknown[] = [];
  if (!items.length) errors.push(...order.map((o) => ('error' in o ? o.error : undefined)));
  else {
    await preloadDecoders(items.map((i) => i.obj));
    const session = await ctx.cluster();
    const out = await session.tx(
      (api) => {
        const results: Result[] = [];
        const errors: unknown[] = [];
        for (const entry of order) {
          if ('error' in entry) {
            errors.push(entry.error);
            continue;
          }
          const it = entry.item;
          const toSend = v['save-config'] ? withLastApplied(it.obj) : it.obj;
          const mark = api.warnings.length;
          try {
            const created = dry === 'client' ? toSend : api.create(toSend, { decode, dryRun: dry === 'server' });
            results.push({ ri: it.ri, obj: created, line: `${refName(it.ri, created.metadata.name ?? '')} created${dryRunSuffix(dry)}`, warnings: takeWarnings(api, mark) });
          } catch (e) {
            errors.push(withSource(e, 'creating', it.source));
          }
        }
        return { results, errors };
      },
      { write: true },
    );
    results = out.results;
    errors.push(...out.errors);
  }
  await printResults(ctx, v.output as string, results);
  if (errors.length) throw new AggregateError2(errors);
  if (!results.length) throw new CliError('no objects passed to create');
  return 0;
}
