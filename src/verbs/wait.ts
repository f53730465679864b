/**
 * `kubectl wait --for=condition=X|delete|create|jsonpath='{...}'=V`: waits for each object in turn,
 * letting the simulated cluster move (on a fixed clock, simulated time passes instead of real time),
 * printing `<kind>/<name> condition met`, or kubectl's timeout error.
 */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { ApiServer } from '../api/server.js';
import type { KObject } from '../api/types.js';
import { isStatusError } from '../api/errors.js';
import { CliError } from '../cli/errors.js';
import { FILE_FLAGS } from './util/write-output.js';
import { OUTPUT_FLAGS, validateOutput, ObjectPrinter } from './util/print-object.js';
import { SHOW_MANAGED_FIELDS_FLAG } from './create/common.js';
import { targetSpec, resolveTargets, checkSelection, NO_RESOURCES } from './util/targets.js';
import { parseDuration } from './util/wait.js';
import { refName } from './util/objects.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

type Check = (obj: KObject | undefined, original: KObject) => boolean;

/** JSONPath waits: `{.status.phase}=Running`, or any value with no `=`. */
async function jsonPathCheck(input: string): Promise<Check> {
  // splitJSONPathInput: '=' separates, '==' stays inside the expression.
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  parts.push(cur);
  if (parts.length < 1 || parts.length > 2) throw new CliError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  const { JSONPath, relaxedJsonPath } = await import('../printers/jsonpath.js');
  const expr = relaxedJsonPath(parts[0]);
  const value = parts.length === 2 ? parts[1].replace(/^['"]+|['"]+$/g, '') : undefined;
  if (parts.length === 2 && !value) throw new CliError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  if (!expr) throw new CliError('jsonpath expression cannot be empty');
  const jp = new JSONPath();
  jp.allowMissingKeys = true;
  jp.parse(expr);
  return (obj) => {
    if (!obj) return false;
    const results = jp.findResults(obj as any);
    if (results.length !== 1) return false;
    const r = results[0];
    if (!r.length) return false;
    if (r.length > 1) throw new CliError('given jsonpath expression matches more than one value');
    if (value === undefined) return true;
    const v = r[0];
    if (v !== null && typeof v === 'object') throw new CliError('jsonpath leads to a nested object or list which is not supported');
    return String(v) === value;
  };
}

/** condition=Name[=value]: the status condition's status, compared case-insensitively, current with the generation. */
function conditionCheck(spec: string): Check {
  let name = spec;
  let want = 'true';
  const eq = spec.indexOf('=');
  if (eq !== -1) {
    want = spec.slice(eq + 1);
    name = spec.slice(0, eq);
  }
  return (obj) => {
    if (!obj) return false;
    for (const c of obj.status?.conditions ?? []) {
      if (typeof c?.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase() || typeof c.status !== 'string') continue;
      const gen = obj.metadata.generation;
      if (gen !== undefined) {
        const observed = c.observedGeneration ?? obj.status?.observedGeneration;
        if (observed !== undefined && observed < gen) return false;
      }
      return c.status.toLowerCase() === want.toLowerCase();
    }
    return false;
  };
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const output = v.output as string;
  await validateOutput(ctx, output);
  const forCond = (v.for as string) ?? '';
  const lower = forCond.toLowerCase();
  let check: Check;
  const isDelete = lower === 'delete';
  const isCreate = lower === 'create';
  if (isDelete) check = (obj, original) => !obj || obj.metadata.uid !== original.metadata.uid;
  else if (isCreate) check = (obj) => !!obj;
  else if (forCond.startsWith('condition=')) check = conditionCheck(forCond.slice('condition='.length));
  else if (forCond.startsWith('jsonpath=')) check = await jsonPathCheck(forCond.slice('jsonpath='.length));
  else throw new CliError(`unrecognized condition: ${JSON.stringify(forCond)}`);
  let timeoutMs = parseDuration(v.timeout as string);
  if (timeoutMs < 0) timeoutMs = 168 * 3_600_000;
  const files = (v.filename as string[]) ?? [];
  const spec = await targetSpec(ctx, p.args, files, v.recursive as boolean, {
    selector: (v.selector as string) || undefined,
    fieldSelector: (v['field-selector'] as string) || undefined,
    all: v.all === true,
    allNamespaces: v['all-namespaces'] === true,
    latest: true,
  });
  if (!spec.requests.length && !spec.manifests.length) throw new CliError(NO_RESOURCES);
  checkSelection(spec, { selectorGiven: !!v.selector, allGiven: v.all === true });
  if (spec.requests.some((r) => !r.names.length) && !v.selector && !v.all && !v['field-selector']) {
    throw new CliError('resource(s) were provided, but no name was specified');
  }
  const session = await ctx.cluster();
  const start = await session.tx((api) => api.now);
  const deadline = start + timeoutMs;
  const find = (api: ApiServer) => resolveTargets(api, spec, ctx.namespace());

  if (isCreate) {
    // Poll until every named object exists.
    for (;;) {
      const { missing, now } = await session.tx((api) => ({ missing: find(api).some((t) => t.error && isStatusError(t.error) && t.error.reason === 'NotFound'), now: api.now }));
      if (!missing) break;
      if (now >= deadline || !(await session.step(Math.min(500, deadline - now)))) throw new CliError('timed out waiting for the condition');
    }
  }
  const found = await session.tx(find);
  const printer = new ObjectPrinter(ctx, output);
  let visited = 0;
  for (const t of found) {
    if (t.error) {
      if (isDelete && isStatusError(t.error) && t.error.reason === 'NotFound') continue;
      throw t.error;
    }
    visited++;
    const original = t.obj!;
    const what = `${t.ri.resource}/${t.name}`;
    const live = (api: ApiServer) => api.peek(t.ri, t.ns, t.name);
    if (timeoutMs === 0) {
      const obj = await session.tx(live);
      if (!obj && !isDelete) throw (await session.tx((api) => api.get(t.ri, t.ns, t.name)) as never);
      if (!check(obj, original)) throw new CliError(`condition not met for ${what}`);
      await printer.print(obj ?? original, `${refName(t.ri, t.name)} condition met`);
      continue;
    }
    for (;;) {
      const { obj, now } = await session.tx((api) => ({ obj: live(api), now: api.now }));
      if (!obj && !isDelete && !isCreate) throw new CliError(`${t.ri.group ? `${t.ri.resource}.${t.ri.group}` : t.ri.resource} "${t.name}" not found`);
      if (check(obj, original)) {
        await printer.print(obj ?? original, `${refName(t.ri, t.name)} condition met`);
        break;
      }
      if (now >= deadline) throw new CliError(`timed out waiting for the condition on ${what}`);
      // On a frozen clock with nothing scheduled, nothing will change: the timeout is all that is left.
      if (!(await session.step(Math.min(1000, deadline - now)))) {
        await session.advance(deadline - now);
        throw new CliError(`timed out waiting for the condition on ${what}`);
      }
    }
  }
  if (!visited && !isDelete) throw new CliError('no matching resources found');
  return 0;
}

export const verb: VerbModule = {
  use: "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  long: `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.`,
  example: "  # Wait for the pod \"busybox1\" to contain the status condition of type \"Ready\"\n  kubectl wait --for=condition=Ready pod/busybox1\n  \n  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)\n  kubectl wait --for=condition=Ready=false pod/busybox1\n  \n  # Wait for the pod \"busybox1\" to contain the status phase to be \"Running\"\n  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1\n  \n  # Wait for pod \"busybox1\" to be Ready\n  kubectl wait --for='jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True' pod/busybox1\n  \n  # Wait for the service \"loadbalancer\" to have ingress\n  kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer\n  \n  # Wait for the secret \"busybox1\" to be created, with a timeout of 30s\n  kubectl create secret generic busybox1\n  kubectl wait --for=create secret/busybox1 --timeout=30s\n  \n  # Wait for the pod \"busybox1\" to be deleted, with a timeout of 60s, after having issued the \"delete\" command\n  kubectl delete pod/busybox1\n  kubectl wait --for=delete pod/busybox1 --timeout=60s",
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
    },
    {
      name: 'field-selector',
      type: 'string',
      usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    },
    { name: 'filename', short: 'f', type: 'stringSlice', usage: 'identifying the resource.' },
    {
      name: 'for',
      type: 'string',
      usage:
        "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.",
    },
    ...OUTPUT_FLAGS,
    { ...FILE_FLAGS('')[1], default: true },
    { name: 'selector', short: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)" },
    SHOW_MANAGED_FIELDS_FLAG,
    { name: 'timeout', type: 'duration', default: '30s', usage: "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week." },
  ],
  run,
};

