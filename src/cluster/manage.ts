/** Creating, listing and deleting simulated clusters (each one state file plus a context). */
import { existsSync, readdirSync, unlinkSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { clusterStore, bucketDir } from './cluster-store.js';
import type { ClusterDoc, Profile } from '../api/state.js';
import { clusterFile, readConfig } from './home.js';
import { updateConfig } from './config-update.js';
import type { Env } from '../cli/types.js';
import { CliError } from '../cli/errors.js';

export interface CreateOptions {
  nodes: number;
  profile: Profile;
  now: number;
  env: Env;
}

export async function createCluster(home: string, name: string, opts: CreateOptions, replace = false): Promise<ClusterDoc> {
  const path = clusterFile(home, name);
  if (!replace && existsSync(path)) throw new CliError(`cluster "${name}" already exists`);
  const { bootstrap } = await import('./bootstrap.js');
  const store = clusterStore(path, '', opts.env);
  const doc = bootstrap({ name, now: opts.now, env: opts.env, nodes: opts.nodes, profile: opts.profile });
  if (replace) store.replace(doc);
  else store.transaction(() => undefined, () => doc);
  updateConfig(home, (cfg) => {
    cfg.contexts[name] ??= { cluster: name };
    cfg.currentContext = name;
  });
  return doc;
}

export function listClusters(home: string): { name: string; nodes: number; profile: string; current: boolean }[] {
  const dir = join(home, 'clusters');
  if (!existsSync(dir)) return [];
  const cfg = readConfig(home);
  const current = cfg.contexts[cfg.currentContext]?.cluster;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && statSync(join(dir, f)).isFile())
    .map((f) => f.slice(0, -5))
    .sort()
    .map((name) => {
      const doc = clusterStore(clusterFile(home, name), '').transaction((tx) => tx.data);
      return { name, nodes: Object.keys(doc.objects['nodes'] ?? {}).length, profile: doc.cluster.profile, current: name === current };
    });
}

export function deleteCluster(home: string, name: string): void {
  const path = clusterFile(home, name);
  if (!existsSync(path)) throw new CliError(`cluster "${name}" not found`);
  unlinkSync(path);
  rmSync(bucketDir(path), { recursive: true, force: true });
  updateConfig(home, (cfg) => {
    for (const [ctxName, c] of Object.entries(cfg.contexts)) if (c.cluster === name) delete cfg.contexts[ctxName];
    if (!cfg.contexts[cfg.currentContext]) cfg.currentContext = Object.keys(cfg.contexts).sort()[0] ?? '';
  });
}

export function clusterOptions(home: string, name: string): { nodes: number; profile: Profile } | undefined {
  const path = clusterFile(home, name);
  if (!existsSync(path)) return undefined;
  const doc = clusterStore(path, `The file is left as it is. Delete it to start over: ${path}`).transaction((tx) => tx.data);
  return { nodes: Object.keys(doc.objects['nodes'] ?? {}).length, profile: doc.cluster.profile };
}
