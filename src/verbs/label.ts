/** `kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N`. */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import { AggregateError2, CliError } from '../cli/errors.js';
import { goQuote } from '../api/errors.js';
import { metaMapFlags, resourcesAndPairs, runMetaMap, validateMetaMap } from './util/metamap.js';

export const verb: VerbModule = {
  use: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  long: `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`,
  example: `  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kubectl label pods foo unhealthy=true
  
  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kubectl label --overwrite pods foo status=unhealthy
  
  # Update all pods in the namespace
  kubectl label pods --all status=unhealthy
  
  # Update a pod identified by the type and name in "pod.json"
  kubectl label -f pod.json status=unhealthy
  
  # Update pod 'foo' only if the resource is unchanged from version 1
  kubectl label pods foo status=unhealthy --resource-version=1
  
  # Update pod 'foo' by removing a label named 'bar' if it exists
  # Does not require the --overwrite flag
  kubectl label pods foo bar-`,
  flags: metaMapFlags('labels', 'kubectl-label'),
  run,
};

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** validation.IsValidLabelValue. */
function labelValueErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(v)) {
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return errs;
}

function parseLabels(spec: string[]): [Record<string, string>, string[]] {
  const labels: Record<string, string> = {};
  const remove: string[] = [];
  for (const s of spec) {
    if (s.includes('=')) {
      const parts = s.split('=');
      if (parts.length !== 2) throw new CliError(`invalid label spec: ${s}`);
      const errs = labelValueErrors(parts[1]);
      if (errs.length) throw new CliError(`invalid label value: ${goQuote(s)}: ${errs.join(';')}`);
      labels[parts[0]] = parts[1];
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else throw new CliError(`unknown label spec: ${s}`);
  }
  if (remove.some((r) => r in labels)) throw new CliError('can not both modify and remove a label in the same command');
  return [labels, remove];
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const [resources, pairs] = resourcesAndPairs(p.args, 'label');
  const [labels, remove] = parseLabels(pairs);
  await validateMetaMap(ctx, p, resources, Object.keys(labels).length > 0 || remove.length > 0, 'label');
  const overwrite = v.overwrite as boolean;
  return runMetaMap(ctx, p, resources, {
    what: 'labels',
    printServerObject: false,
    printerPerObject: true,
    notes: (obj: KObject) => remove.filter((r) => !(r in (obj.metadata.labels ?? {}))).map((r) => `label ${goQuote(r)} not found.\n`),
    update(obj: KObject) {
      const cur = obj.metadata.labels ?? {};
      if (!overwrite) {
        const errs = Object.entries(labels)
          .filter(([k, val]) => k in cur && cur[k] !== val)
          .map(([k]) => new CliError(`'${k}' already has a value (${cur[k]}), and --overwrite is false`));
        if (errs.length) throw new AggregateError2(errs);
      }
      const next = { ...cur, ...labels };
      for (const r of remove) delete next[r];
      obj.metadata.labels = next;
    },
    operation(before: string, after: string) {
      if (before === after) return 'not labeled';
      if (!overwrite && Buffer.byteLength(after) < Buffer.byteLength(before)) return 'unlabeled';
      return 'labeled';
    },
  });
}
