/** `kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]`, evaluated against the cluster's RBAC objects. */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import { CliError, ExitError } from '../cli/errors.js';
import { OUTPUT_FLAGS, validateOutput, ObjectPrinter } from './util/print-object.js';
import { SHOW_MANAGED_FIELDS_FLAG } from './create/common.js';
import { TabWriter, GET_TABWRITER } from '../printers/tabwriter.js';
import { lookupResource } from '../api/registry.js';
import { allowed, impersonate, ADMIN, type Attributes } from '../api/rbac.js';

const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);

async function canI(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
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
  const as = (v.as as string) ?? '';
  const user = as ? impersonate(as, (v['as-group'] as string[]) ?? []) : (v['as-group'] as string[])?.length ? impersonate(ADMIN.name, v['as-group'] as string[]) : ADMIN;
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
