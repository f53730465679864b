import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import { RESOURCES, apiVersionOf, type ResourceInfo } from '../api/registry.js';
import { CliError } from '../cli/errors.js';
import { TabWriter, GET_TABWRITER } from '../printers/tabwriter.js';

export const verb: VerbModule = {
  use: 'api-resources [flags] [options]',
  long: 'Print the supported API resources on the server.',
  example: `  # Print the supported API resources
  kubectl api-resources
  
  # Print the supported API resources with more information
  kubectl api-resources -o wide
  
  # Print the supported API resources sorted by a column
  kubectl api-resources --sort-by=name
  
  # Print the supported namespaced resources
  kubectl api-resources --namespaced=true
  
  # Print the supported non-namespaced resources
  kubectl api-resources --namespaced=false
  
  # Print the supported API resources with a specific APIGroup
  kubectl api-resources --api-group=rbac.authorization.k8s.io`,
  flags: [
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'categories', type: 'stringSlice', usage: 'Limit to resources that belong to the specified categories.' },
    { name: 'namespaced', type: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'verbs', type: 'stringSlice', usage: 'Limit to resources that support the specified verbs.' },
  ],
  run,
};

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const output = v.output as string;
  if (output && output !== 'wide' && output !== 'name') throw new CliError(`--output ${output} is not available`);
  const sortBy = v['sort-by'] as string;
  if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new CliError(`--sort-by accepts only name or kind`);
  let list: ResourceInfo[] = [...RESOURCES];
  if (p.changed.has('namespaced')) list = list.filter((r) => r.namespaced === v.namespaced);
  if (p.changed.has('api-group')) list = list.filter((r) => r.group === v['api-group']);
  const verbs = v.verbs as string[];
  if (verbs.length) list = list.filter((r) => verbs.every((x) => r.verbs.includes(x)));
  const cats = v.categories as string[];
  if (cats.length) list = list.filter((r) => cats.every((x) => r.categories.includes(x)));
  const key = (r: ResourceInfo) => (sortBy === 'name' ? r.resource : sortBy === 'kind' ? r.kind : r.group);
  list.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0;
  });
  if (output === 'name') {
    ctx.io.out(list.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource) + '\n').join(''));
    return 0;
  }
  const wide = output === 'wide';
  const rows = list.map((r) => {
    const row = [r.resource, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind];
    if (wide) row.push(`[${r.verbs.join(' ')}]`, r.categories.length ? `[${r.categories.join(' ')}]` : '');
    return row;
  });
  const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
  const lines = v['no-headers'] ? rows : [header, ...rows];
  ctx.io.out(new TabWriter(GET_TABWRITER).format(lines.map((r) => r.join('\t') + '\n').join('')));
  return 0;
}
