/** `kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N`. */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import { forGroupResource } from '../api/registry.js';
import { labelKeyErrors, labelValueErrors } from '../api/selectors.js';
import { AggregateError2, CliError } from '../cli/errors.js';
import { parseDryRun, dryRunSuffix, DRY_RUN_FLAG } from './util/objects.js';
import { resolveType } from './util/resources.js';
import { usageError, fieldManagerFlag, SHOW_MANAGED_FIELDS_FLAG } from './create/common.js';
import { VALIDATE_FLAG } from './apply.js';
import { OUTPUT_FLAGS, validateOutput, ObjectPrinter } from './util/print-object.js';

const NODES = forGroupResource('nodes')!;
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export interface Taint {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

/** Taint.ToString(): key[=value][:effect]. */
export const taintString = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
const matches = (a: Taint, b: Taint) => a.key === b.key && (a.effect ?? '') === (b.effect ?? '');

/** parseTaint: key[=value][:effect], with the API's key and value rules. */
export function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new CliError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new CliError(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = labelValueErrors(value);
      if (errs.length) throw new CliError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else throw new CliError(`invalid taint spec: ${st}`);
  const errs = labelKeyErrors(key);
  if (errs.length) throw new CliError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  const t: Taint = { key };
  if (value) t.value = value;
  if (effect) t.effect = effect;
  return t;
}

/** parseTaints: taints to add (with an effect, no key+effect twice) and to remove ("...-"). */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const seen = new Set<string>();
  for (const s of specs) {
    if (s.endsWith('-')) {
      const t = parseTaint(s.slice(0, -1));
      remove.push(t.effect ? { key: t.key, effect: t.effect } : { key: t.key });
      continue;
    }
    const t = parseTaint(s);
    if (!t.effect) throw new CliError(`invalid taint spec: ${s}`);
    if (seen.has(`${t.effect}\0${t.key}`)) throw new CliError(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
    seen.add(`${t.effect}\0${t.key}`);
    add.push(t);
  }
  return { add, remove };
}

/** reorganizeTaints: the new list (added first, then the old ones not replaced), the operation, and removal errors. */
export function reorganizeTaints(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { op: string; taints: Taint[]; errors: string[] } {
  let taints = [...add];
  for (const o of old) if (!taints.some((t) => matches(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => (r.effect ? !matches(r, t) : t.key !== r.key));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  const op = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { op, taints, errors };
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const dry = parseDryRun(v['dry-run'] as string);
  const output = v.output as string;
  await validateOutput(ctx, output);
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const s of p.args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) taintArgs.push(s);
    else if (taintArgs.length) throw new CliError(`all resources must be specified before taint changes: ${s}`);
    else resources.push(s);
  }
  if (!resources.length) throw new CliError('one or more resources must be specified as <resource> <name>');
  if (!taintArgs.length) throw new CliError('at least one taint update is required');
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(taintArgs);
  } catch (e) {
    throw usageError(ctx, (e as Error).message);
  }
  const { add, remove } = parsed;
  // Validate: only nodes; no taint both changed and removed; names, a selector or --all.
  const type = resources[0].toLowerCase();
  if (resolveType(type).kind !== 'Node') throw new CliError(`invalid resource type ${type}, only node types are supported`);
  const conflicts = remove.filter((r) => add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect))).map((r) => `${r.key}=${r.effect ?? ''}`);
  if (conflicts.length) throw new CliError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = v.all === true;
  const selector = (v.selector as string) ?? '';
  if (all && selector) throw new CliError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) throw new CliError("at least one resource name must be specified since 'all' parameter is not set");
  const overwrite = v.overwrite === true;
  const session = await ctx.cluster();
  const out = await session.tx(
    (api) => {
      const errors: unknown[] = [];
      const done: { obj: KObject; line: string }[] = [];
      const nodes: KObject[] = [];
      if (!all && !selector) {
        for (const name of resources.slice(1)) {
          try {
            nodes.push(structuredClone(api.get(NODES, undefined, name)));
          } catch (e) {
            errors.push(e);
          }
        }
      } else nodes.push(...api.list(NODES, undefined, { labelSelector: selector || undefined }).map((n) => structuredClone(n)));
      for (const node of nodes) {
        const old: Taint[] = node.spec?.taints ?? [];
        if (!overwrite) {
          const exists = add.filter((a) => old.some((o) => a.key === o.key && a.effect === o.effect)).map((a) => a.key);
          if (exists.length) {
            errors.push(new CliError(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`));
            continue;
          }
        }
        const r = reorganizeTaints(old, overwrite, add, remove);
        if (r.errors.length) {
          errors.push(new CliError(r.errors.length === 1 ? r.errors[0] : `[${r.errors.join(', ')}]`));
          continue;
        }
        const next = structuredClone(node);
        next.spec = { ...(next.spec ?? {}) };
        if (r.taints.length) next.spec.taints = r.taints;
        else delete next.spec.taints;
        let result = next;
        if (dry !== 'client') {
          try {
            result = api.update({ ...next, metadata: { ...next.metadata, resourceVersion: undefined } }, { dryRun: dry === 'server', manager: v['field-manager'] as string });
          } catch (e) {
            errors.push(e);
            continue;
          }
        }
        done.push({ obj: result, line: `node/${node.metadata.name} ${r.op}${dryRunSuffix(dry)}` });
      }
      return { errors, done };
    },
    { write: true },
  );
  const printer = new ObjectPrinter(ctx, output);
  for (const d of out.done) await printer.print(d.obj, d.line);
  if (out.errors.length) throw new AggregateError2(out.errors);
  return 0;
}

export const verb: VerbModule = {
  use: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  long: `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.`,
  example: `  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
  # If a taint with that key and effect already exists, its value is replaced as specified
  kubectl taint nodes foo dedicated=special-user:NoSchedule
  
  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
  kubectl taint nodes foo dedicated:NoSchedule-
  
  # Remove from node 'foo' all the taints with key 'dedicated'
  kubectl taint nodes foo dedicated-
  
  # Add a taint with key 'dedicated' on nodes having label myLabel=X
  kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule
  
  # Add to node 'foo' a taint with key 'bar' and no value
  kubectl taint nodes foo bar:NoSchedule`,
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all nodes in the cluster' },
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-taint'),
    ...OUTPUT_FLAGS,
    { name: 'overwrite', type: 'bool', usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    },
    SHOW_MANAGED_FIELDS_FLAG,
    // taint's help prints this text on one line (cmdutil.AddValidateFlags).
    { ...VALIDATE_FLAG(), usage: VALIDATE_FLAG().usage.replace(/\n\t\t/g, ' ') },
  ],
  run,
};
