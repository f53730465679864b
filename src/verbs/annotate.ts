/** `kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N`. */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import { CliError } from '../cli/errors.js';
import { metaMapFlags, resourcesAndPairs, runMetaMap, validateMetaMap } from './util/metamap.js';

export const verb: VerbModule = {
  use: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  long: `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  # If the same annotation is set multiple times, only the last value will be applied
  kubectl annotate pods foo description='my frontend'
  
  # Update a pod identified by type and name in "pod.json"
  kubectl annotate -f pod.json description='my frontend'
  
  # Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
  kubectl annotate --overwrite pods foo description='my frontend running nginx'
  
  # Update all pods in the namespace
  kubectl annotate pods --all description='my frontend running nginx'
  
  # Update pod 'foo' only if the resource is unchanged from version 1
  kubectl annotate pods foo description='my frontend running nginx' --resource-version=1
  
  # Update pod 'foo' by removing an annotation named 'description' if it exists
  # Does not require the --overwrite flag
  kubectl annotate pods foo description-`,
  flags: metaMapFlags('annotations', 'kubectl-annotate'),
  run,
};

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** cmdutil.ParsePairs with removal ("KEY-"). */
function parsePairs(args: string[]): [Record<string, string>, string[]] {
  const add: Record<string, string> = {};
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const a of args) {
    if (a.includes('=') && a[0] !== '=') {
      const i = a.indexOf('=');
      add[a.slice(0, i)] = a.slice(i + 1);
    } else if (a.endsWith('-') && a !== '-') remove.push(a.slice(0, -1));
    else invalid.push(a);
  }
  if (invalid.length) throw new CliError(`invalid annotation format: ${invalid.join(', ')}`);
  return [add, remove];
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const [resources, pairs] = resourcesAndPairs(p.args, 'annotation');
  const [add, remove] = parsePairs(pairs);
  await validateMetaMap(ctx, p, resources, Object.keys(add).length > 0 || remove.length > 0, 'annotation');
  const both = remove.filter((r) => r in add);
  if (both.length) throw new CliError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  const overwrite = v.overwrite as boolean;
  return runMetaMap(ctx, p, resources, {
    what: 'annotations',
    printServerObject: true,
    printerPerObject: false,
    update(obj: KObject) {
      const cur = obj.metadata.annotations ?? {};
      if (!overwrite) {
        const clash = Object.entries(add)
          .filter(([k, val]) => k !== CHANGE_CAUSE && k in cur && cur[k] !== val)
          .map(([k]) => `'${k}' already has a value (${cur[k]})`);
        if (clash.length) throw new CliError(`--overwrite is false but found the following declared annotation(s): ${clash.join('; ')}`);
      }
      const next = { ...cur, ...add };
      for (const r of remove) delete next[r];
      obj.metadata.annotations = next;
    },
    operation: () => 'annotated',
  });
}
