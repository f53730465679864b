/** `kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [--type strategic|merge|json]`. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import type { ApiServer } from '../api/server.js';
import { AggregateError2, CliError } from '../cli/errors.js';
import { deepEqualJson, jsonPatch, mergePatch, strategicMergePatch, patchResource, PatchError, type PatchType } from '../api/patch.js';
import { goTypeFor } from '../api/gotypes.js';
import { refName, parseDryRun, DRY_RUN_FLAG } from './util/objects.js';
import { validateOutput } from './util/write-output.js';
import { OUTPUT_FLAGS, SHOW_MANAGED_FIELDS_FLAG, fieldManagerFlag } from './create/common.js';
import { resolveTargets, targetSpec, NO_RESOURCES, type Target } from './util/targets.js';
import { ObjectPrinter } from './util/print-object.js';
import { goErrno } from './generators/util.js';
import { goJsonSyntaxError } from './util/gojson.js';
import { badRequestError } from '../api/errors.js';
import { groupResource } from '../api/registry.js';

export const verb: VerbModule = {
  use: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  long: `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.`,
  example: `  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'
  
  # Partially update a node using a strategic merge patch, specifying the patch as YAML
  kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'
  
  # Partially update a node identified by the type and name specified in "node.json" using strategic merge patch
  kubectl patch -f node.json -p '{"spec":{"unschedulable":true}}'
  
  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'
  
  # Update a container's image using a JSON patch with positional arrays
  kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'
  
  # Update a deployment's replicas through the 'scale' subresource using a merge patch
  kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`,
  flags: [
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-patch'),
    { name: 'filename', short: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to update' },
    { name: 'local', type: 'bool', usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    ...OUTPUT_FLAGS,
    { name: 'patch', short: 'p', type: 'string', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', usage: 'A file containing a patch to be applied to the resource.' },
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
    SHOW_MANAGED_FIELDS_FLAG,
    { name: 'subresource', type: 'string', usage: 'If specified, patch will operate on the subresource of the requested object. This flag is beta and may change in the future.' },
    { name: 'type', type: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
  ],
  run,
};

/** The patch as kubectl sends it: text that looks like JSON as is, YAML converted to JSON. */
interface PatchBody {
  value?: unknown;
  /** The text did not parse as JSON (the patcher reports it its own way). */
  badJson?: string;
}

/** apimachinery's yaml.ToJSON: JSON-looking text passes unchanged; YAML is converted. */
async function toJson(text: string, shown: string): Promise<PatchBody> {
  if (/^\s*\{/.test(text)) {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { badJson: text };
    }
  }
  // go-yaml's own reader: its words and line numbers (a problem on the first line has none).
  const { goYamlUnmarshal, GoYamlError } = await import('./util/goyaml.js');
  try {
    return { value: goYamlUnmarshal(text) };
  } catch (e) {
    if (e instanceof GoYamlError) throw new CliError(`unable to parse ${JSON.stringify(shown)}: ${e.message}`);
    throw e;
  }
}

/** What a patcher says about a body that is not JSON. */
function badJsonError(type: PatchType, text: string, local: boolean): Error {
  if (type === 'json') return local ? new CliError(goJsonSyntaxError(text)) : badRequestError(goJsonSyntaxError(text));
  if (type === 'merge') return local ? new CliError('Invalid JSON Patch') : badRequestError('Invalid JSON Patch');
  return local ? new CliError('invalid JSON document') : badRequestError(goJsonSyntaxError(text));
}

/** Applies a patch locally (--local, --dry-run=client), with kubectl's own messages. */
function patchLocally(obj: KObject, type: PatchType, patch: unknown): KObject {
  try {
    if (type === 'json') {
      try {
        return jsonPatch(obj, patch);
      } catch (e) {
        const m = (e as Error).message;
        const i = m.indexOf('doc is missing key');
        if (i >= 0) throw new CliError(`Object to be patched is missing field (${m.slice(m.indexOf('key:') + 5)})`);
        throw e;
      }
    }
    if (type === 'merge') {
      const merged = mergePatch(obj, patch);
      if (merged === null || typeof merged !== 'object' || Array.isArray(merged)) {
        throw new CliError(`json: cannot unmarshal ${Array.isArray(merged) ? 'array' : merged === null ? 'null' : typeof merged === 'string' ? 'string' : typeof merged} into Go value of type unstructured.detector`);
      }
      return merged;
    }
    const schema = goTypeFor(obj.apiVersion, obj.kind);
    if (!schema) throw new CliError(`strategic merge patch is not supported for ${obj.apiVersion.includes('/') ? obj.apiVersion : '/' + obj.apiVersion}, Kind=${obj.kind} locally, try --type merge`);
    return strategicMergePatch(obj, patch, schema);
  } catch (e) {
    if (e instanceof PatchError) throw new CliError(e.message);
    throw e;
  }
}

/** The autoscaling/v1 Scale view of a workload. */
function scaleOf(o: KObject): KObject {
  const sel = o.spec?.selector?.matchLabels ?? o.spec?.selector ?? {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: o.spec?.replicas ?? 1 },
    status: {
      replicas: o.status?.replicas ?? 0,
      selector: Object.entries(sel as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  };
}

const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'replicationcontrollers']);

function patchSubresource(api: ApiServer, t: Target, sub: string, type: PatchType, patch: unknown, dryRun: boolean): { before: KObject; after: KObject } {
  const live = api.get(t.ri, t.ns, t.name);
  if (sub === 'status') {
    const next = patchLocallyServer(live, type, patch);
    const after = api.updateStatus({ ...next, metadata: { ...next.metadata, resourceVersion: undefined } }, { dryRun });
    return { before: live, after };
  }
  if (!SCALABLE.has(groupResource(t.ri))) throw new CliError(`the server could not find the requested resource`);
  const before = scaleOf(live);
  const next = patchLocallyServer(before, type, patch);
  const obj = structuredClone(live);
  obj.spec = { ...(obj.spec ?? {}), replicas: next.spec?.replicas };
  const updated = api.update({ ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } }, { dryRun });
  return { before, after: scaleOf(updated) };
}

function patchLocallyServer(obj: KObject, type: PatchType, patch: unknown): KObject {
  try {
    if (type === 'json') return jsonPatch(obj, patch);
    if (type === 'merge') return mergePatch(obj, patch);
    return strategicMergePatch(obj, patch, goTypeFor(obj.apiVersion, obj.kind));
  } catch (e) {
    if (e instanceof PatchError) throw new CliError(e.message);
    throw e;
  }
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const dry = parseDryRun(v['dry-run'] as string);
  const output = v.output as string;
  await validateOutput(ctx, output);
  const patchText = v.patch as string;
  const patchFile = v['patch-file'] as string;
  const local = v.local as boolean;
  const type = (v.type as string).toLowerCase();
  if (patchText && patchFile) throw new CliError('cannot specify --patch and --patch-file together');
  if (!patchText && !patchFile) throw new CliError('must specify --patch or --patch-file containing the contents of the patch');
  if (local && p.args.length) throw new CliError('cannot specify --local and server resources');
  if (local && dry === 'server') throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (v.type && !['json', 'merge', 'strategic'].includes(type)) throw new CliError(`--type must be one of [json merge strategic], not ${JSON.stringify(v.type)}`);
  const sub = v.subresource as string;
  if (sub && sub !== 'status' && sub !== 'scale') throw new CliError(`invalid subresource value: "${sub}". Must be one of [status scale]`);
  let text = patchText;
  if (patchFile) {
    try {
      text = readFileSync(resolve(ctx.cwd, patchFile), 'utf8');
    } catch (e) {
      throw new CliError(`unable to read patch file: open ${patchFile}: ${goErrno(e)}`);
    }
  }
  const body = await toJson(text, patchText);
  const patch = body.value;
  const files = v.filename as string[];
  if (!p.args.length && !files.length) throw new CliError(NO_RESOURCES);
  const spec = await targetSpec(ctx, p.args, files, v.recursive as boolean);
  if (spec.requests.length && !spec.requests.some((r) => r.names.length)) throw new CliError('resource(s) were provided, but no name was specified');
  const out: { obj: KObject; line: string }[] = [];
  const errors: unknown[] = [];
  const each = (targets: Target[], api?: ApiServer) => {
    for (const t of targets) {
      try {
        if (t.error) throw t.error;
        if (body.badJson !== undefined) throw badJsonError(type as PatchType, body.badJson, local || dry === 'client');
        // kubectl patch sets the printer's operation after the dry-run suffix is added, so it never shows.
        const line = (did: boolean) => `${refName(t.ri, t.name)} ${did ? 'patched' : 'patched (no change)'}`;
        if (!local && dry !== 'client' && api) {
          const { before, after } = sub
            ? patchSubresource(api, t, sub, type as PatchType, patch, dry === 'server')
            : patchResource(api, t.ri, t.ns, t.name, type as PatchType, patch, { dryRun: dry === 'server' });
          out.push({ obj: after, line: line(!deepEqualJson(sub ? before : t.obj, after)) });
          continue;
        }
        const target = patchLocally(t.obj!, type as PatchType, patch);
        out.push({ obj: target, line: line(!deepEqualJson(t.obj, target)) });
      } catch (e) {
        errors.push(e);
      }
    }
  };
  if (local) each(spec.manifests.map((m) => ({ ri: m.ri, name: m.obj.metadata.name ?? '', obj: structuredClone(m.obj) })));
  else {
    const session = await ctx.cluster();
    await session.tx((api) => each(resolveTargets(api, spec, ctx.namespace()), api), { write: dry !== 'client' });
  }
  // kubectl patch makes a printer per object: YAML documents are not separated.
  for (const o of out) await new ObjectPrinter(ctx, output).print(o.obj, o.line);
  if (errors.length === 1) throw errors[0];
  if (errors.length) throw new AggregateError2(errors);
  if (!out.length) throw new CliError('no objects passed to patch');
  return 0;
}
