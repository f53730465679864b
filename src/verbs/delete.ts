import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/registry.js';
import type { Propagation } from '../api/server.js';
import { kindPrefix } from '../api/registry.js';
import { isStatusError, withSource } from '../api/errors.js';
import { AggregateError2, CliError } from '../cli/errors.js';
import { parseResourceArgs } from './util/resources.js';
import { readManifests } from './util/manifests.js';
import { mapManifest, parseDryRun, dryRunSuffix, DRY_RUN_FLAG } from './util/objects.js';
import { FILE_FLAGS } from './util/write-output.js';
import { waitUntil } from './util/wait.js';

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export const verb: VerbModule = {
  use: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag.`,
  example: `  # Delete a pod using the type and name specified in pod.json
  kubectl delete -f ./pod.json
  
  # Delete pods and services with same names "baz" and "foo"
  kubectl delete pod,service baz foo
  
  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel
  
  # Delete a pod with minimal delay
  kubectl delete pod foo --now
  
  # Force delete a pod on a dead node
  kubectl delete pod foo --force
  
  # Delete all pods
  kubectl delete pods --all`,
  flags: [
    { name: 'all', type: 'bool', usage: 'Delete all resources, in the namespace of the specified resource types.' },
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    DRY_RUN_FLAG,
    { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    ...FILE_FLAGS('containing the resource to delete'),
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'ignore-not-found', type: 'bool', usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    { name: 'now', type: 'bool', usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    { name: 'selector', short: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run,
};

interface Target {
  ri: ResourceInfo;
  ns: string | undefined;
  name: string;
  source?: string;
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const files = v.filename as string[];
  const selector = v.selector as string;
  const all = v.all as boolean;
  const allNs = v['all-namespaces'] as boolean;
  const force = v.force as boolean;
  let grace = v['grace-period'] as number;
  if (v.now) {
    if (grace >= 0) throw new CliError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const cascade = v.cascade as string;
  const propagation: Propagation = { background: 'Background', orphan: 'Orphan', foreground: 'Foreground', true: 'Background', false: 'Orphan' }[cascade] as Propagation;
  if (!propagation) throw new CliError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);
  const dry = parseDryRun(v['dry-run'] as string);
  const output = v.output as string;
  if (output && output !== 'name') throw new CliError(`unexpected -o output mode: ${output}. We only support '-o name'`);
  const ns = ctx.namespace();
  const nsExplicit = ctx.namespaceExplicit();

  let targets: Target[] | undefined;
  let requests: ReturnType<typeof parseResourceArgs> = [];
  if (files.length) {
    if (p.args.length) throw new CliError('Unexpected args: ' + `[${p.args.join(' ')}]`);
    const manifests = await readManifests(ctx, files, v.recursive as boolean, 'delete');
    targets = manifests.map((m) => {
      const { ri, obj } = mapManifest(m, ns, nsExplicit);
      return { ri, ns: obj.metadata.namespace, name: obj.metadata.name ?? '', source: m.source };
    });
  } else {
    if (!p.args.length) throw new CliError(NO_RESOURCES);
    requests = parseResourceArgs(p.args);
    const named = requests.some((r) => r.names.length);
    if (named && (selector || all)) throw new CliError(selector ? 'name cannot be provided when a selector is specified' : 'name cannot be provided when --all is specified');
    if (!named && !selector && !all && !v['field-selector']) throw new CliError('resource(s) were provided, but no name was specified');
  }
  if (grace === 0 && force) {
    ctx.io.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  const session = await ctx.cluster();
  const { lines, errors, deleted } = await session.tx(
    (api) => {
      const errors: unknown[] = [];
      const lines: string[] = [];
      const deleted: { ri: ResourceInfo; ns?: string; name: string; uid: string }[] = [];
      let list = targets;
      if (!list) {
        list = [];
        for (const r of requests) {
          const rns = r.ri.namespaced ? (allNs ? undefined : ns) : undefined;
          if (r.names.length) for (const n of r.names) list.push({ ri: r.ri, ns: r.ri.namespaced ? ns : undefined, name: n });
          else {
            try {
              for (const o of api.list(r.ri, rns, { labelSelector: selector, fieldSelector: v['field-selector'] as string })) {
                list.push({ ri: r.ri, ns: o.metadata.namespace, name: o.metadata.name! });
              }
            } catch (e) {
              errors.push(e);
            }
          }
        }
      }
      for (const t of list) {
        try {
          const before: KObject = api.get(t.ri, t.ns, t.name);
          api.delete(t.ri, t.ns, t.name, { gracePeriodSeconds: grace >= 0 ? grace : undefined, propagationPolicy: propagation, dryRun: dry !== 'none' });
          const what = output === 'name' ? `${kindPrefix(t.ri)}/${t.name}` : `${kindPrefix(t.ri)} "${t.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}`;
          lines.push(what + dryRunSuffix(dry));
          if (dry === 'none') deleted.push({ ri: t.ri, ns: t.ns, name: t.name, uid: before.metadata.uid! });
        } catch (e) {
          if (isStatusError(e) && e.reason === 'NotFound' && (v['ignore-not-found'] || all)) continue;
          errors.push(withSource(e, 'deleting', t.source));
        }
      }
      return { lines, errors, deleted };
    },
    { write: true },
  );
  for (const l of lines) ctx.io.out(l + '\n');
  if (!lines.length && !errors.length && !targets) ctx.io.out('No resources found\n');
  if (v.wait && deleted.length && !(force && grace === 0)) {
    await waitUntil(session, (api) => deleted.every((d) => api.peek(d.ri, d.ns, d.name)?.metadata.uid !== d.uid), v.timeout as string);
  }
  if (errors.length) throw new AggregateError2(errors);
  return 0;
}
