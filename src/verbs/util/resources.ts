import { category, lookupResource, type ResourceInfo } from '../../api/registry.js';
import { CliError } from '../../cli/errors.js';

/** One resource type and the names asked for (empty: all / by selector). */
export interface ResourceRequest {
  ri: ResourceInfo;
  names: string[];
}

export function resolveType(word: string): ResourceInfo {
  const ri = lookupResource(word);
  if (!ri) throw new CliError(`the server doesn't have a resource type "${word}"`);
  return ri;
}

/**
 * kubectl's resource builder argument forms: "TYPE", "TYPE NAME...", "TYPE1,TYPE2 [NAME...]",
 * "TYPE/NAME ...", and "all". Returns requests in the order given (names grouped by type).
 */
export function parseResourceArgs(args: string[]): ResourceRequest[] {
  if (!args.length) return [];
  const slashForm = args.filter((a) => a.includes('/'));
  if (slashForm.length) {
    if (slashForm.length !== args.length) {
      throw new CliError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name) throw new CliError(`arguments in resource/name form must have a single resource and name`);
      const ri = resolveType(type);
      const existing = out.find((r) => r.ri === ri);
      if (existing) existing.names.push(name);
      else out.push({ ri, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args;
  const out: ResourceRequest[] = [];
  for (const t of types.split(',')) {
    if (t === '') continue;
    const ris = t === 'all' ? category('all') : [resolveType(t)];
    for (const ri of ris) if (!out.some((r) => r.ri === ri)) out.push({ ri, names: [...names] });
  }
  return out;
}
