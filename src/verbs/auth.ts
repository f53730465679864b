/** `kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]`, evaluated against the cluster's RBAC objects. */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import { CliError, ExitError } from '../cli/errors.js';
import { OUTPUT_FLAGS, validateOutput, ObjectPrinter } from './util/print-object.js';
import { SHOW_MANAGED_FIELDS_FLAG } from './create/common.js';
import { TabWriter, GET_TABWRITER } from '../printers/tabwriter.js';
import { lookupResource } from '../api/registry.js';
import { allowed, impersonate, rulesReview, ADMIN, type Attributes, type RulesReviewStatus, type UserInfo } from '../api/rbac.js';

const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);

/** The user the command acts as: kubemu's admin, or who --as/--as-group say. */
function actingUser(v: Parsed['values']): UserInfo {
  const as = (v.as as string) ?? '';
  return as ? impersonate(as, (v['as-group'] as string[]) ?? []) : (v['as-group'] as string[])?.length ? impersonate(ADMIN.name, v['as-group'] as string[]) : ADMIN;
}

interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/** One rule per group, resource, verb and name (kubectl's rbac.BreakdownRule). */
function breakdown(r: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  const rule = (x: Partial<PolicyRule>): PolicyRule => ({ verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...x });
  for (const g of r.apiGroups)
    for (const res of r.resources)
      for (const verb of r.verbs) {
        if (r.resourceNames.length) for (const n of r.resourceNames) out.push(rule({ apiGroups: [g], resources: [res], verbs: [verb], resourceNames: [n] }));
        else out.push(rule({ apiGroups: [g], resources: [res], verbs: [verb] }));
      }
  for (const url of r.nonResourceURLs) for (const verb of r.verbs) out.push(rule({ nonResourceURLs: [url], verbs: [verb] }));
  return out;
}

/** Rules on one resource (and name) merged, their verbs in order of appearance (rbac.CompactRules). */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = r.resourceNames.length <= 1 && !r.nonResourceURLs.length && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames.length > 0, r.resourceNames[0] ?? '']);
    const seen = simple.get(key);
    if (!seen) simple.set(key, { ...r, verbs: [...r.verbs] });
    else for (const verb of r.verbs) if (!seen.verbs.includes(verb)) seen.verbs.push(verb);
  }
  return [...out, ...simple.values()];
}

/** Go's %v of a string slice. */
const goList = (xs: string[]) => `[${xs.join(' ')}]`;

/** The generated String() of a PolicyRule: what kubectl sorts the list by. */
const ruleString = (r: PolicyRule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** describe.CombineResourceGroup: "resource.group/subresource". */
function combineResourceGroup(resources: string[], groups: string[]): string {
  if (!resources.length) return '';
  const [res, sub] = resources[0].split(/\/(.*)/s, 2);
  let s = res;
  if (groups.length && groups[0] !== '') s += `.${groups[0]}`;
  if (sub !== undefined) s += `/${sub}`;
  return s;
}

/** `auth can-i --list`: the review's rules broken down, merged, sorted and printed as kubectl does. */
export function printRulesReview(status: RulesReviewStatus, noHeaders: boolean): string {
  const rules: PolicyRule[] = [];
  for (const r of status.resourceRules) rules.push({ verbs: r.verbs ?? [], apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames ?? [], nonResourceURLs: [] });
  for (const r of status.nonResourceRules) rules.push({ verbs: r.verbs ?? [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: r.nonResourceURLs ?? [] });
  const sorted = compact(rules.flatMap(breakdown))
    .map((r) => [ruleString(r), r] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, r]) => r);
  let text = noHeaders ? '' : 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n';
  for (const r of sorted) text += `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`;
  return new TabWriter(GET_TABWRITER).format(text);
}

async function canIList(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  if (p.args.length !== 0) throw new CliError('list option must be specified with no arguments');
  if (v.quiet === true || v['all-namespaces'] === true || ((v.subresource as string) ?? '') !== '') {
    throw new CliError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
  }
  const user = actingUser(v);
  const namespace = ctx.namespace();
  const session = await ctx.cluster();
  const status = await session.tx((api) => rulesReview(api, user, namespace));
  ctx.io.out(printRulesReview(status, v['no-headers'] === true));
  return 0;
}

async function canI(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  if (v.list === true) return canIList(ctx, p);
  const warn = (s: string) => ctx.io.err(`Warning: ${s}`);
  if (p.args.length !== 2) throw new CliError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  const verb = p.args[0];
  const target = p.args[1];
  const subresource = (v.subresource as string) ?? '';
  const namespace = v['all-namespaces'] === true ? '' : ctx.namespace();
  let a: Attributes;
  if (target.startsWith('/')) {
    if (subresource) throw new CliError('--subresource can not be used with NonResourceURL');
    a = { verb, namespace, path: target };
    if (!NON_RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb\n`);
  } else {
    const [type, name] = target.split(/\/(.*)/s, 2);
    const ri = type === '*' ? undefined : lookupResource(type);
    if (!ri && type !== '*') warn(`the server doesn't have a resource type '${type}'\n`);
    a = { verb, namespace, group: ri?.group ?? '', resource: ri?.resource ?? type.toLowerCase(), subresource: subresource || undefined, name: name || undefined };
    if (ri && !ri.namespaced && namespace) warn(ri.group ? `resource '${ri.resource}' is not namespace scoped in group '${ri.group}'\n` : `resource '${ri.resource}' is not namespace scoped\n`);
    if (!RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb\n`);
  }
  if (v['no-headers'] === true) throw new CliError('--no-headers cannot be set without --list specified');
  const user = actingUser(v);
  const session = await ctx.cluster();
  const yes = await session.tx((api) => allowed(api, user, a));
  if (v.quiet !== true) ctx.io.out(yes ? 'yes\n' : 'no\n');
  if (!yes) throw new ExitError(1);
  return 0;
}

export const canIVerb: VerbModule = {
  use: 'auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
  long: "Check whether an action is allowed.\n\n VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with \"/\". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.",
  example: "  # Check to see if I can create pods in any namespace\n  kubectl auth can-i create pods --all-namespaces\n  \n  # Check to see if I can list deployments in my current namespace\n  kubectl auth can-i list deployments.apps\n  \n  # Check to see if service account \"foo\" of namespace \"dev\" can list pods in the namespace \"prod\"\n  # You must be allowed to use impersonation for the global option \"--as\"\n  kubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod\n  \n  # Check to see if I can do everything in my current namespace (\"*\" means all)\n  kubectl auth can-i '*' '*'\n  \n  # Check to see if I can get the job named \"bar\" in namespace \"foo\"\n  kubectl auth can-i list jobs.batch/bar -n foo\n  \n  # Check to see if I can read pod logs\n  kubectl auth can-i get pods --subresource=log\n  \n  # Check to see if I can access the URL /logs/\n  kubectl auth can-i get /logs/\n  \n  # Check to see if I can approve certificates.k8s.io\n  kubectl auth can-i approve certificates.k8s.io\n  \n  # List all allowed actions in namespace \"foo\"\n  kubectl auth can-i --list --namespace=foo",
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If true, check the specified action in all namespaces.' },
    { name: 'as', type: 'string', usage: 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.', hidden: true },
    { name: 'as-group', type: 'stringArray', usage: 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.', hidden: true },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'If true, suppress output and just return the exit code.' },
    { name: 'subresource', type: 'string', usage: 'SubResource such as pod/log or deployment/scale' },
    { name: 'list', type: 'bool', usage: 'If true, prints all allowed actions.' },
    { name: 'no-headers', type: 'bool', usage: 'If true, prints allowed actions without headers' },
  ],
  run: canI,
};

/** `kubectl auth whoami`: the user kubemu's kubeconfig acts as (a SelfSubjectReview). */
export const whoamiVerb: VerbModule = {
  use: 'auth whoami [options]',
  long: "Experimental: Check who you are and your attributes (groups, extra).\n\n        This command is helpful to get yourself aware of the current user attributes,\n        especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider,\n        is enabled in the Kubernetes cluster.",
  example: "  # Get your subject attributes\n  kubectl auth whoami\n  \n  # Get your subject attributes in JSON format\n  kubectl auth whoami -o json",
  flags: [...OUTPUT_FLAGS, SHOW_MANAGED_FIELDS_FLAG],
  async run(ctx, p) {
    const output = p.values.output as string;
    await validateOutput(ctx, output);
    const review = {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: { creationTimestamp: null },
      status: { userInfo: { groups: ADMIN.groups, username: ADMIN.name } },
    };
    if (output) return void (await new ObjectPrinter(ctx, output).print(review as never, ''));
    ctx.io.out(new TabWriter(GET_TABWRITER).format(`ATTRIBUTE\tVALUE\nUsername\t${ADMIN.name}\nGroups\t[${ADMIN.groups.join(' ')}]\n`));
  },
};
