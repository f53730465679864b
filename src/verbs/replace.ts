/** `kubectl replace -f FILENAME [--force]`: PUT each object; --force deletes and re-creates. */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import type { Propagation } from '../api/server.js';
import { kindPrefix } from '../api/registry.js';
import { withSource } from '../api/errors.js';
import { AggregateError2, CliError } from '../cli/errors.js';
import { readManifests } from './util/manifests.js';
import { mapManifest, refName, withLastApplied, parseDryRun, dryRunSuffix, DRY_RUN_FLAG } from './util/objects.js';
import { validateOutput } from './util/write-output.js';
import { VALIDATE_FLAG, parseValidate } from './apply.js';
import { preloadDecoders } from '../api/validation/index.js';
import { OUTPUT_FLAGS, SAVE_CONFIG_FLAG, SHOW_MANAGED_FIELDS_FLAG, fieldManagerFlag } from './create/common.js';
import { ObjectPrinter } from './util/print-object.js';
import { waitUntil, parseDuration } from './util/wait.js';

export const verb: VerbModule = {
  use: 'replace -f FILENAME [options]',
  long: `Replace a resource by file name or stdin.

 JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by

        $ kubectl get TYPE NAME -o yaml`,
  example: `  # Replace a pod using the data in pod.json
  kubectl replace -f ./pod.json
  
  # Replace a pod based on the JSON passed into stdin
  cat pod.json | kubectl replace -f -
  
  # Update a single-container pod's image version (tag) to v4
  kubectl get pod mypod -o yaml | sed 's/\\(image: myimage\\):.*$/\\1:v4/' | kubectl replace -f -
  
  # Force replace, delete and then re-create the resource
  kubectl replace --force -f ./pod.json`,
  flags: [
    {
      name: 'cascade',
      type: 'string',
      default: 'background',
      noOptDefault: 'background',
      usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
    },
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-replace'),
    { name: 'filename', short: 'f', type: 'stringSlice', usage: 'The files that contain the configurations to replace.' },
    {
      name: 'force',
      type: 'bool',
      usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    },
    {
      name: 'grace-period',
      type: 'int',
      default: -1,
      usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
    },
    ...OUTPUT_FLAGS,
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
    SAVE_CONFIG_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    VALIDATE_FLAG(),
    { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run,
};

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const decode = parseValidate(v.validate as string);
  const dry = parseDryRun(v['dry-run'] as string);
  const output = v.output as string;
  await validateOutput(ctx, output);
  const cascade = v.cascade as string;
  const propagation = ({ background: 'Background', orphan: 'Orphan', foreground: 'Foreground', true: 'Background', false: 'Orphan' } as Record<string, Propagation>)[cascade];
  if (!propagation) throw new CliError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);
  let grace = v['grace-period'] as number;
  const files = v.filename as string[];
  if (!files.length) throw new CliError('must specify one of -f and -k');
  const force = v.force as boolean;
  if (grace >= 0 && !force) throw new CliError('--grace-period must have --force specified');
  if (parseDuration(v.timeout as string) !== 0 && !force) throw new CliError('--timeout must have --force specified');
  if (force && dry !== 'none') throw new CliError('--dry-run can not be used when --force is set');
  if (grace === 0) grace = 1;
  const manifests = await readManifests(ctx, files, v.recursive as boolean, 'replace');
  const ns = ctx.namespace();
  const nsExplicit = ctx.namespaceExplicit();
  const session = await ctx.cluster();
  const errors: unknown[] = [];
  const out: { obj: KObject; line: string }[] = [];
  const prepared = manifests.map((m) => {
    try {
      const mapped = mapManifest(m, ns, nsExplicit);
      return { ...mapped, obj: v['save-config'] ? withLastApplied(mapped.obj) : mapped.obj, source: m.source };
    } catch (e) {
      errors.push(e);
      return undefined;
    }
  });
  const items = prepared.filter((x): x is NonNullable<typeof x> => !!x);
  if (force) {
    // Delete what exists, wait for it to be gone, then create.
    const deleted = await session.tx(
      (api) => {
        const lines: string[] = [];
        for (const it of items) {
          const tns = it.ri.namespaced ? it.obj.metadata.namespace : undefined;
          if (!api.peek(it.ri, tns, it.obj.metadata.name ?? '')) continue;
          api.delete(it.ri, tns, it.obj.metadata.name ?? '', { propagationPolicy: propagation, gracePeriodSeconds: grace >= 0 ? grace : undefined });
          lines.push(`${kindPrefix(it.ri)} "${it.obj.metadata.name}" deleted\n`);
        }
        return lines;
      },
      { write: true },
    );
    for (const l of deleted) ctx.io.out(l);
    const timeout = (v.timeout as string) === '0s' ? '5m' : (v.timeout as string);
    const gone = await waitUntil(session, (api) => items.every((it) => !api.peek(it.ri, it.ri.namespaced ? it.obj.metadata.namespace : undefined, it.obj.metadata.name ?? '')), timeout);
    if (!gone) throw new CliError('timed out waiting for the condition');
  }
  await preloadDecoders(items.map((it) => it.obj));
  await session.tx(
    (api) => {
      for (const it of items) {
        const name = it.obj.metadata.name ?? '';
        try {
          if (force) {
            const created = api.create(it.obj, { decode });
            out.push({ obj: created, line: `${refName(it.ri, name)} replaced` });
            continue;
          }
          if (dry === 'client') {
            out.push({ obj: it.obj, line: `${refName(it.ri, name)} replaced${dryRunSuffix(dry)}` });
            continue;
          }
          const tns = it.ri.namespaced ? it.obj.metadata.namespace : undefined;
          const toSend = structuredClone(it.obj);
          // Replace with overwrite: no resourceVersion means "the current one".
          if (!toSend.metadata.resourceVersion) toSend.metadata.resourceVersion = api.get(it.ri, tns, name).metadata.resourceVersion;
          const updated = api.update(toSend, { decode, dryRun: dry === 'server' });
          out.push({ obj: updated, line: `${refName(it.ri, name)} replaced${dryRunSuffix(dry)}` });
        } catch (e) {
          errors.push(withSource(e, 'replacing', it.source));
        }
      }
    },
    { write: dry !== 'client' },
  );
  const printer = new ObjectPrinter(ctx, output);
  for (const o of out) await printer.print(o.obj, o.line);
  if (errors.length === 1) throw errors[0];
  if (errors.length) throw new AggregateError2(errors);
  return 0;
}
