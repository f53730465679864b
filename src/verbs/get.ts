import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/registry.js';
import { CliError, ExitError } from '../cli/errors.js';
import { isStatusError } from '../api/errors.js';
import { parseResourceArgs, type ResourceRequest } from './util/resources.js';
import { tableText, type TableOptions } from '../printers/table/print.js';
import { TabWriter, GET_TABWRITER } from '../printers/tabwriter.js';
import { printJson, printName, asList } from '../printers/output.js';

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

const OUTPUTS = ['json', 'name', 'wide', 'yaml'];

interface Found {
  ri: ResourceInfo;
  objs: KObject[];
}

export const verb: VerbModule = {
  use: 'get [(-o|--output=)json|yaml|name|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  long: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # List all pods in ps output format
  kubectl get pods
  
  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide
  
  # List deployments in JSON output format, in the "v1" version of the "apps" API group
  kubectl get deployments.v1.apps -o json
  
  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7
  
  # List all replication controllers and services together in ps output format
  kubectl get rc,services`,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'ignore-not-found', type: 'bool', usage: 'If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with commands that query for collections of resources has no effect when no resources are found.' },
    { name: 'label-columns', short: 'L', type: 'stringSlice', usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
    { name: 'no-headers', type: 'bool', usage: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, wide).' },
    { name: 'selector', short: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column (default hide labels column)' },
  ],
  run,
};

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const output = v.output as string;
  if (output && !OUTPUTS.includes(output)) {
    throw new CliError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUTS.join(',')}`);
  }
  if (!p.args.length) {
    ctx.io.err(NO_TYPE);
    throw new ExitError(1);
  }
  const requests = parseResourceArgs(p.args);
  const selector = v.selector as string;
  const fieldSelector = v['field-selector'] as string;
  if (selector && requests.some((r) => r.names.length)) throw new CliError('name cannot be provided when a selector is specified');
  const allNs = v['all-namespaces'] as boolean;
  const ns = ctx.namespace();
  const errors: unknown[] = [];
  const session = await ctx.cluster();
  const { found, now } = await session.tx((api) => {
    const found: Found[] = [];
    for (const r of requests) found.push({ ri: r.ri, objs: fetch(api, r, allNs ? undefined : ns, selector, fieldSelector, v['ignore-not-found'] as boolean, errors) });
    return { found, now: api.now };
  });
  // A bad selector fails the whole request before anything prints.
  const fatal = errors.find((e) => isStatusError(e) && e.reason === 'BadRequest');
  if (fatal) throw fatal;
  const singleItem = requests.length === 1 && requests[0].names.length === 1;
  const yaml = v.output === 'yaml' ? (await import('../printers/yaml.js')).printYaml : undefined;
  print(ctx, p, found, { allNs, ns, now, singleItem, yaml });
  for (const e of errors) {
    const { checkErr } = await import('../cli/errors.js');
    ctx.io.err(checkErr(e, 'get')[0]);
  }
  return errors.length ? 1 : 0;
}

function fetch(
  api: import('../api/server.js').ApiServer,
  r: ResourceRequest,
  ns: string | undefined,
  selector: string,
  fieldSelector: string,
  ignoreNotFound: boolean,
  errors: unknown[],
): KObject[] {
  const nsFor = r.ri.namespaced ? ns : undefined;
  if (r.names.length) {
    const out: KObject[] = [];
    for (const n of r.names) {
      try {
        out.push(api.get(r.ri, nsFor ?? (r.ri.namespaced ? 'default' : undefined), n));
      } catch (e) {
        if (ignoreNotFound && isStatusError(e) && e.reason === 'NotFound') continue;
        errors.push(e);
      }
    }
    return out;
  }
  try {
    if (fieldSelector) {
      try {
        api.checkFieldSelector(r.ri, fieldSelector);
      } catch (e) {
        if (isStatusError(e)) {
          const gvr = `${r.ri.group ? `${r.ri.group}/` : '/'}${r.ri.version}, Resource=${r.ri.resource}`;
          e.status.message = `Unable to find "${gvr}" that match label selector "${selector}", field selector "${fieldSelector}": ${e.status.message}`;
        }
        throw e;
      }
    }
    return api.list(r.ri, nsFor, { labelSelector: selector, fieldSelector });
  } catch (e) {
    errors.push(e);
    return [];
  }
}

function print(ctx: Ctx, p: Parsed, found: Found[], o: { allNs: boolean; ns: string; now: number; singleItem: boolean; yaml?: (o: unknown) => string }): void {
  const v = p.values;
  const output = v.output as string;
  const all = found.flatMap((f) => f.objs);
  if (output === 'json' || output === 'yaml') {
    const payload = o.singleItem && all.length === 1 ? all[0] : asList(all);
    if (o.singleItem && all.length === 0) return;
    if (output === 'json') ctx.io.out(printJson(payload));
    else ctx.io.out(o.yaml!(payload));
    return;
  }
  if (output === 'name') {
    ctx.io.out(all.map(printName).join(''));
    return;
  }
  const nonEmpty = found.filter((f) => f.objs.length);
  if (!nonEmpty.length) {
    if (o.singleItem) return;
    const clusterScoped = found.every((f) => !f.ri.namespaced);
    ctx.io.err(o.allNs || clusterScoped ? 'No resources found\n' : `No resources found in ${o.ns} namespace.\n`);
    return;
  }
  const withKind = (v['show-kind'] as boolean) || found.length > 1 || new Set(found.map((f) => f.ri)).size > 1;
  const opts: TableOptions = {
    wide: output === 'wide',
    noHeaders: v['no-headers'] as boolean,
    withNamespace: o.allNs,
    showLabels: v['show-labels'] as boolean,
    labelColumns: v['label-columns'] as string[],
    withKind,
    now: o.now,
  };
  const blocks = nonEmpty.map((f) => new TabWriter(GET_TABWRITER).format(tableText(f.ri, f.objs, opts)));
  ctx.io.out(blocks.join('\n'));
}
