/**
 * `kubectl diff -f FILE`: what apply would change. The live objects and the result of a server-side
 * dry run of the apply are written as YAML to two temp directories and compared with `diff -u -N`
 * (or $KUBECTL_EXTERNAL_DIFF). Exit 0: no differences; 1: differences; >1: kubectl or diff failed.
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import { CliError, ExitError } from '../cli/errors.js';
import { readObjects } from './util/manifests.js';
import { preloadDecoders } from '../api/validation/index.js';
import { applyOne, parseValidate } from './apply.js';
import { FILE_FLAGS } from './util/write-output.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** What diff shows of an object: no managedFields; Secret values masked as kubectl's masker does. */
function shown(obj: KObject | undefined, other: KObject | undefined): KObject | undefined {
  if (!obj) return undefined;
  const o = structuredClone(obj);
  delete o.metadata.managedFields;
  if (o.kind === 'Secret' && o.data) {
    const theirs = other?.data ?? {};
    for (const k of Object.keys(o.data)) o.data[k] = theirs[k] !== undefined && theirs[k] !== o.data[k] ? '***** (before)' : '***';
  }
  return o;
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const files = (v.filename as string[]) ?? [];
  if (!files.length) throw new CliError('must specify one of -f and -k');
  const decode = parseValidate('strict');
  const { items, errors } = await readObjects(ctx, files, v.recursive as boolean, ctx.namespace(), ctx.namespaceExplicit(), decode !== 'Ignore');
  if (errors.length) throw errors[0];
  await preloadDecoders(items.map((i) => i.obj));
  const { printYaml } = await import('../printers/yaml.js');
  const session = await ctx.cluster();
  const pairs = await session.tx((api) =>
    items.map((it) => {
      const live = api.peek(it.ri, it.ri.namespaced ? it.obj.metadata.namespace : undefined, it.obj.metadata.name ?? '');
      const merged = structuredClone(applyOne(api, it.ri, it.obj, it.source, 'server', decode).obj);
      // A dry run changes nothing: the object keeps its resourceVersion.
      if (live?.metadata.resourceVersion && !merged.metadata.resourceVersion) merged.metadata.resourceVersion = live.metadata.resourceVersion;
      const name = [it.ri.group ? `${it.ri.group}.${it.ri.version}` : it.ri.version, it.ri.kind, ...(it.ri.namespaced ? [merged.metadata.namespace] : []), merged.metadata.name].join('.');
      return { name, live: shown(live, merged), merged: shown(merged, live) };
    }),
  );
  const liveDir = mkdtempSync(join(tmpdir(), 'LIVE-'));
  const mergedDir = mkdtempSync(join(tmpdir(), 'MERGED-'));
  try {
    for (const pr of pairs) {
      if (pr.live) writeFileSync(join(liveDir, pr.name), printYaml(pr.live));
      writeFileSync(join(mergedDir, pr.name), printYaml(pr.merged!));
    }
    const external = ctx.env.KUBECTL_EXTERNAL_DIFF?.trim();
    const [cmd, ...args] = external ? external.split(/\s+/) : ['diff', '-u', '-N'];
    const r = spawnSync(cmd, [...args, liveDir, mergedDir], { encoding: 'utf8', env: ctx.env as NodeJS.ProcessEnv });
    if (r.error) throw new CliError(`failed to run "${cmd}": ${r.error.message}`);
    ctx.io.out(r.stdout);
    if (r.stderr) ctx.io.err(r.stderr);
    if (r.status === 1) throw new ExitError(1);
    if (r.status !== 0) throw new ExitError(r.status ?? 2);
    return 0;
  } finally {
    rmSync(liveDir, { recursive: true, force: true });
    rmSync(mergedDir, { recursive: true, force: true });
  }
}

export const verb: VerbModule = {
  use: 'diff -f FILENAME [options]',
  long: "Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.\n\n The output is always YAML.\n\n KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use external commands with params too, example: KUBECTL_EXTERNAL_DIFF=\"colordiff -N -u\"\n\n By default, the \"diff\" command available in your path will be run with the \"-u\" (unified diff) and \"-N\" (treat absent files as empty) options.\n\n Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.\n\n Note: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention.",
  example: "  # Diff resources included in pod.json\n  kubectl diff -f pod.json\n  \n  # Diff file read from stdin\n  cat service.yaml | kubectl diff -f -",
  flags: [
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply', usage: 'Name of the manager used to track field ownership.' },
    ...FILE_FLAGS('contains the configuration to diff').map((f) => (f.name === 'filename' ? { ...f, usage: 'Filename, directory, or URL to files contains the configuration to diff' } : f)),
    { name: 'show-managed-fields', type: 'bool', usage: 'If true, include managed fields in the diff.' },
  ],
  run,
};
