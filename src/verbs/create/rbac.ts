import type { Ctx } from '../../cli/types.js';
import type { FlagSpec, Parsed } from '../../cli/flags.js';
import { UsageError } from '../../cli/flags.js';
import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, generatorErrors, nameArg, rawError, requireFlags } from './common.js';
import {
  VALID_NON_RESOURCE_VERBS,
  VALID_RESOURCE_VERBS,
  NoResourceMatch,
  dedupe,
  generateClusterRole,
  generateClusterRoleBinding,
  generateRole,
  generateRoleBinding,
  normalizeVerbs,
  parseResources,
  policyRules,
  validateResources,
  type BindingOptions,
  type ResourceMapper,
} from '../generators/rbac.js';
import { lookupResource } from '../../api/registry.js';
import { CliError } from '../../cli/errors.js';

/** The RESTMapper over the served resources. */
const mapper: ResourceMapper = (resource, group) => {
  const ri = lookupResource(group ? `${resource}.${group}` : resource);
  return ri ? { resource: ri.resource, group: ri.group } : undefined;
};

function roleFlags(clusterRole: boolean): FlagSpec[] {
  return [
    { name: 'verb', type: 'stringSlice', usage: 'Verb that applies to the resources contained in the rule' },
    ...(clusterRole ? [{ name: 'non-resource-url', type: 'stringSlice' as const, usage: 'A partial url that user should have access to.' }] : []),
    { name: 'resource', type: 'stringSlice', usage: 'Resource that the rule applies to' },
    { name: 'resource-name', type: 'stringArray', usage: 'Resource in the white list that the rule applies to, repeat this flag for multiple items' },
    ...(clusterRole ? [{ name: 'aggregation-rule', type: 'stringArray' as const, usage: 'An aggregation label selector for combining ClusterRoles.' }] : []),
  ];
}

/** cliflag.MapStringString for --aggregation-rule. */
function aggregationRule(ctx: Ctx, values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    for (let s of value.split(',')) {
      s = s.trim();
      if (!s) continue;
      const i = s.indexOf('=');
      if (i < 0) throw new UsageError(`invalid argument "${value}" for "--aggregation-rule" flag: malformed pair, expect string=string`, ctx.commandPath);
      out[s.slice(0, i).trim()] = s.slice(i + 1).trim();
    }
  }
  return out;
}

function runRole(clusterRole: boolean) {
  return async (ctx: Ctx, p: Parsed) => {
    const v = p.values;
    const agg = clusterRole ? aggregationRule(ctx, v['aggregation-rule'] as string[]) : {};
    const nonResourceURLs = clusterRole ? dedupe(v['non-resource-url'] as string[]) : [];
    const name = nameArg(ctx, p);
    const verbs = normalizeVerbs(v.verb as string[]);
    const resources = parseResources(v.resource as string[]);
    const resourceNames = dedupe(v['resource-name'] as string[]);
    const common = await completeCommon(ctx, p);
    const warn = () => {
      for (const verb of verbs) if (!VALID_RESOURCE_VERBS.includes(verb)) ctx.io.err(`Warning: '${verb}' is not a standard resource verb\n`);
    };
    const validate = () => {
      try {
        validateResources(resources, verbs, mapper);
      } catch (e) {
        if (e instanceof NoResourceMatch) throw rawError(ctx, e.message);
        throw e;
      }
    };
    if (!name) throw new CliError('name must be specified');
    let aggregation: Record<string, string> | undefined;
    if (clusterRole && Object.keys(agg).length) {
      if (nonResourceURLs.length || verbs.length || resources.length || resourceNames.length) {
        throw new CliError('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
      }
      aggregation = agg;
    } else if (clusterRole) {
      if (!verbs.length) throw new CliError('at least one verb must be specified');
      if (!resources.length && !nonResourceURLs.length) throw new CliError('one of resource or nonResourceURL must be specified');
      if (resources.length) {
        warn();
        generatorErrors(validate);
      }
      if (nonResourceURLs.length) {
        for (const verb of verbs) if (!VALID_NON_RESOURCE_VERBS.includes(verb)) throw new CliError(`invalid verb: '${verb}' for nonResourceURL`);
        for (const u of nonResourceURLs) {
          if (u === '*') continue;
          if (u === '' || !u.startsWith('/')) throw new CliError('nonResourceURL should start with /');
          if (u.slice(0, -1).includes('*')) throw new CliError("nonResourceURL only supports wildcard matches when '*' is at the end");
        }
      }
    } else {
      if (!verbs.length) throw new CliError('at least one verb must be specified');
      warn();
      if (!resources.length) throw new CliError('at least one resource must be specified');
      generatorErrors(validate);
    }
    await createGenerated(ctx, common, () => {
      if (!clusterRole) return generateRole(name, policyRules(verbs, resources, resourceNames, [], mapper), explicitNamespace(ctx));
      return generateClusterRole(name, aggregation ? undefined : policyRules(verbs, resources, resourceNames, nonResourceURLs, mapper), aggregation);
    });
  };
}

export const role = generatorVerb('role', roleFlags(false), runRole(false));
export const clusterrole = generatorVerb('clusterrole', roleFlags(true), runRole(true));

function bindingFlags(what: string, cluster: boolean): FlagSpec[] {
  return [
    { name: 'clusterrole', type: 'string', usage: `ClusterRole this ${cluster ? 'ClusterRoleBinding' : 'RoleBinding'} should reference` },
    ...(cluster ? [] : [{ name: 'role', type: 'string' as const, usage: 'Role this RoleBinding should reference' }]),
    { name: 'user', type: 'stringArray', usage: `Usernames to bind to the ${what}. The flag can be repeated to add multiple users.` },
    { name: 'group', type: 'stringArray', usage: `Groups to bind to the ${what}. The flag can be repeated to add multiple groups.` },
    {
      name: 'serviceaccount',
      type: 'stringArray',
      usage: `Service accounts to bind to the ${what}, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.`,
    },
  ];
}

function bindingOptions(ctx: Ctx, p: Parsed, name: string): BindingOptions {
  const v = p.values;
  return {
    name,
    role: (v.role as string | undefined) ?? '',
    clusterRole: v.clusterrole as string,
    users: v.user as string[],
    groups: v.group as string[],
    serviceAccounts: v.serviceaccount as string[],
    namespace: explicitNamespace(ctx),
  };
}

export const rolebinding = generatorVerb('rolebinding', bindingFlags('role', false), async (ctx, p) => {
  const name = nameArg(ctx, p);
  const common = await completeCommon(ctx, p);
  const o = bindingOptions(ctx, p, name);
  if (!name) throw new CliError('name must be specified');
  if (!o.clusterRole === !o.role) throw new CliError('exactly one of clusterrole or role must be specified');
  await createGenerated(ctx, { ...common, wrap: 'failed to create rolebinding: ' }, () => generateRoleBinding(o));
});

export const clusterrolebinding = generatorVerb('clusterrolebinding', bindingFlags('clusterrole', true), async (ctx, p) => {
  requireFlags(p, ['clusterrole']);
  const name = nameArg(ctx, p);
  const common = await completeCommon(ctx, p);
  const o = bindingOptions(ctx, p, name);
  await createGenerated(ctx, { ...common, wrap: 'failed to create clusterrolebinding: ' }, () => generateClusterRoleBinding(o));
});
