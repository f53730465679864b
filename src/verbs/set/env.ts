/** `kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N`, --from=secret|configmap, --list. */
import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import type { KObject } from '../../api/types.js';
import { CliError } from '../../cli/errors.js';
import { goQuote } from '../../api/errors.js';
import { envVarNameErrors } from '../generators/util.js';
import { SET_TEXTS } from './texts.js';
import { SET_FILE_FLAGS, SET_SELECTOR_FLAG, checkBuilder, podSpecOf, resolveSet, runSet, selectString, setCommonFlags, setSelection } from './common.js';
import { resolveTargets, targetSpec } from '../util/targets.js';
import type { ApiServer } from '../../api/server.js';
import { forGroupResource } from '../../api/registry.js';
import { parseQuantity } from '../../util/quantity.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const verb: VerbModule = {
  use: 'set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  ...SET_TEXTS.env,
  flags: [
    { name: 'all', type: 'bool', usage: 'If true, select all resources in the namespace of the specified resource types' },
    { name: 'containers', short: 'c', type: 'string', default: '*', usage: 'The names of containers in the selected pod templates to change - may use wildcards' },
    { name: 'env', short: 'e', type: 'stringArray', usage: 'Specify a key-value pair for an environment variable to set into each container.' },
    ...SET_FILE_FLAGS(),
    { name: 'from', type: 'string', usage: 'The name of a resource from which to inject environment variables' },
    { name: 'keys', type: 'stringSlice', usage: 'Comma-separated list of keys to import from specified resource' },
    { name: 'list', type: 'bool', usage: 'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.' },
    { name: 'local', type: 'bool', usage: 'If true, set env will NOT contact api-server but run locally.' },
    { name: 'overwrite', type: 'bool', default: true, usage: 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.' },
    { name: 'prefix', type: 'string', usage: 'Prefix to append to variable names' },
    { name: 'resolve', type: 'bool', usage: 'If true, show secret or configmap references when listing variables' },
    SET_SELECTOR_FLAG,
    ...setCommonFlags(),
  ],
  run,
};

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: any;
}

const ENV_ARG = /^(.+)=(.*)$/s;

/** envutil.SplitEnvironmentFromResources. */
function splitEnv(args: string[]): [string[], string[]] | undefined {
  const resources: string[] = [];
  const env: string[] = [];
  let first = true;
  for (const s of args) {
    const isEnv = ENV_ARG.test(s) || s.endsWith('-');
    if (isEnv) {
      first = false;
      env.push(s);
    } else if (first) resources.push(s);
    else return undefined;
  }
  return [resources, env];
}

/** envutil.ParseEnv: KEY=VAL, KEY-, and "-" for KEY=VAL lines on stdin. */
async function parseEnv(ctx: Ctx, spec: string[]): Promise<[EnvVar[], string[]]> {
  const env: EnvVar[] = [];
  const exists = new Set<string>();
  const remove: string[] = [];
  for (const s of spec) {
    if (s === '-') {
      const text = await ctx.io.readStdin();
      for (let line of text.split('\n')) {
        const hash = line.indexOf('#');
        if (hash >= 0) line = line.slice(0, hash);
        if (line.includes('=')) {
          const i = line.indexOf('=');
          env.push({ name: line.slice(0, i), value: line.slice(i + 1) });
        }
      }
    } else if (s.includes('=')) {
      const i = s.indexOf('=');
      const name = s.slice(0, i);
      const errs = envVarNameErrors(name);
      if (errs.length) throw new CliError(`${goQuote(name)} is not a valid key name: ${errs.join(';')}`);
      exists.add(name);
      env.push({ name, value: s.slice(i + 1) });
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else throw new CliError(`unknown environment variable: ${s}`);
  }
  if (remove.some((r) => exists.has(r))) throw new CliError('can not both modify and remove the same environment variable in the same command');
  return [env, remove];
}

/** set's updateEnv: replace in place, drop removed, append new. */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((x) => x.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

function refString(from: any): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? from.resourceFieldRef.containerName + '/' : ''}${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  if (v.all && v.selector) throw new CliError('cannot set --all and --selector at the same time');
  const split = splitEnv(p.args);
  if (!split) throw new CliError(`all resources must be specified before environment changes: ${p.args.join(' ')}`);
  const [resources, envArgs] = split;
  const sel = await setSelection(ctx, p, resources);
  const list = v.list as boolean;
  if (sel.local && sel.dry === 'server') throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (!(v.filename as string[]).length && !resources.length) throw new CliError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (list && sel.output) throw new CliError('--list and --output may not be specified together');
  const keys = v.keys as string[];
  const from = v.from as string;
  if (keys.length && !from) throw new CliError('when specifying --keys, a configmap or secret must be provided with --from');
  let [env, remove] = await parseEnv(ctx, [...(v.env as string[]), ...envArgs]);
  const ns = ctx.namespace();
  const session = await ctx.cluster();
  if (from) {
    const fromSpec = await targetSpec(ctx, [from], [], false, { selector: v.selector as string, all: v.all as boolean, latest: true });
    const sources = await session.tx((api) => resolveTargets(api, fromSpec, ns));
    for (const s of sources) {
      if (s.error) throw s.error;
      const o = s.obj!;
      if (o.kind !== 'Secret' && o.kind !== 'ConfigMap') throw new CliError('unsupported resource specified in --from');
      const ref = o.kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef';
      for (const key of Object.keys(o.data ?? {}).sort()) {
        if (keys.length && !keys.includes(key)) continue;
        const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
        if (name !== key) ctx.io.err(`Warning: key ${key} transferred to ${name}\n`);
        env = [...env, { name, valueFrom: { [ref]: { name: o.metadata.name, key } } }];
      }
    }
  }
  const prefix = v.prefix as string;
  if (prefix) env = env.map((e) => ({ ...e, name: prefix + e.name }));
  checkBuilder(sel, p);
  const targets = await resolveSet(ctx, sel);
  const containerSel = v.containers as string;
  const overwrite = v.overwrite as boolean;
  let listing = '';
  const resolveErrors = new Map<string, string[]>();
  // --resolve reads the referenced secrets and config maps.
  const refs = list && v.resolve ? await session.tx((api) => ({ secrets: listByName(api, 'secrets', ns), configMaps: listByName(api, 'configmaps', ns) })) : undefined;
  const code = await runSet(ctx, { ...sel, dry: list ? 'client' : sel.dry, output: list ? 'list' : sel.output }, targets, {
    operation: 'env updated',
    failure: 'failed to patch env update to pod template: ',
    mutate(obj: KObject) {
      const spec = podSpecOf(obj);
      const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c: { name: string }) => selectString(c.name, containerSel));
      if (!containers.length) {
        ctx.io.err(`Warning: ${obj.kind}/${obj.metadata.name} does not have any containers matching ${goQuote(containerSel)}\n`);
        return !list;
      }
      for (const c of containers) {
        if (!overwrite) {
          for (const e of env) {
            const cur = (c.env ?? []).find((x: EnvVar) => x.name === e.name);
            if (cur && cur.value !== e.value) throw new Error(`'${cur.name}' already has a value (${cur.value ?? ''}), and --overwrite is false`);
          }
        }
        c.env = updateEnv(c.env ?? [], env, remove);
        if (!c.env.length) delete c.env;
        if (list) {
          listing += `# ${obj.kind} ${obj.metadata.name}, container ${c.name}\n`;
          for (const e of (c.env ?? []) as EnvVar[]) {
            if (!e.valueFrom) {
              listing += `${e.name}=${e.value ?? ''}\n`;
              continue;
            }
            if (!refs) {
              listing += `# ${e.name} from ${refString(e.valueFrom)}\n`;
              continue;
            }
            try {
              listing += `${e.name}=${resolveRef(e.valueFrom, obj, c, refs)}\n`;
            } catch (err) {
              listing += `# ${e.name} from ${refString(e.valueFrom)}\n`;
              const m = (err as Error).message;
              resolveErrors.set(m, [...(resolveErrors.get(m) ?? []), e.name]);
            }
          }
        }
      }
      return !list;
    },
  });
  if (list) {
    ctx.io.out(listing);
    const errs = [...resolveErrors].map(([m, vars]) => `error retrieving reference for ${vars.sort().join(', ')}: ${m}`).sort();
    for (const e of errs) ctx.io.err(e + '\n');
  }
  return code;
}

function listByName(api: ApiServer, gr: string, ns: string): Map<string, KObject> {
  const ri = forGroupResource(gr)!;
  return new Map(api.list(ri, ns).map((o) => [o.metadata.name ?? '', o]));
}

/** envutil.GetEnvVarRefValue for the references kubemu resolves. */
function resolveRef(from: any, obj: KObject, c: any, refs: { secrets: Map<string, KObject>; configMaps: Map<string, KObject> }): string {
  if (from.secretKeyRef) {
    const { name, key } = from.secretKeyRef;
    const s = refs.secrets.get(name);
    if (!s) throw new Error(`secrets "${name}" not found`);
    if (s.data?.[key] === undefined) throw new Error(`key ${key} not found in secret ${name}`);
    return Buffer.from(s.data[key], 'base64').toString('utf8');
  }
  if (from.configMapKeyRef) {
    const { name, key } = from.configMapKeyRef;
    const cm = refs.configMaps.get(name);
    if (!cm) throw new Error(`configmaps "${name}" not found`);
    if (cm.data?.[key] === undefined) throw new Error(`key ${key} not found in config map ${name}`);
    return cm.data[key];
  }
  if (from.fieldRef) {
    const path: string = from.fieldRef.fieldPath;
    const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
    if (m) return (obj.metadata[m[1]] as Record<string, string> | undefined)?.[m[2]] ?? '';
    if (path === 'metadata.name') return obj.metadata.name ?? '';
    if (path === 'metadata.namespace') return obj.metadata.namespace ?? '';
    if (path === 'metadata.uid') return obj.metadata.uid ?? '';
    throw new Error(`unsupported fieldPath: ${path}`);
  }
  if (from.resourceFieldRef) {
    const res: string = from.resourceFieldRef.resource;
    const [kind, name] = res.split('.');
    if ((kind !== 'limits' && kind !== 'requests') || (name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage')) throw new Error(`Unsupported container resource : ${res}`);
    const q = c.resources?.[kind]?.[name];
    const value = q ? parseQuantity(String(q)) : { m: 0n, e: 0 };
    const divisor = parseQuantity(from.resourceFieldRef.divisor ? String(from.resourceFieldRef.divisor) : '1');
    // cpu in millicores, the rest in units; rounded up.
    const unit = name === 'cpu' ? -3 : 0;
    const scaled = (x: { m: bigint; e: number }) => (x.e - unit >= 0 ? x.m * 10n ** BigInt(x.e - unit) : x.m / 10n ** BigInt(unit - x.e));
    const a = scaled(value);
    const b = scaled(divisor);
    return String(b === 0n ? 0n : (a + b - 1n) / b);
  }
  throw new Error('invalid valueFrom');
}
