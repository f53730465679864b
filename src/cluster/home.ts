import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFileSync, existsSync } from 'node:fs';
import type { Env } from '../cli/types.js';

/** kubectl's contexts, kept by kubemu: which clusters exist and which one commands talk to. */
export interface ContextEntry {
  cluster: string;
  namespace?: string;
}

export interface ConfigDoc {
  format: number;
  currentContext: string;
  contexts: Record<string, ContextEntry>;
}

export const DEFAULT_CLUSTER = 'kubemu';

export function homeDir(env: Env): string {
  return env.KUBEMU_HOME || join(env.HOME || homedir(), '.kubemu');
}

export function clusterFile(home: string, cluster: string): string {
  return join(home, 'clusters', `${cluster}.json`);
}

export function configFile(home: string): string {
  return join(home, 'config.json');
}

export function defaultConfig(): ConfigDoc {
  return { format: 1, currentContext: DEFAULT_CLUSTER, contexts: { [DEFAULT_CLUSTER]: { cluster: DEFAULT_CLUSTER } } };
}

export const CONFIG_HINT = 'Fix or remove the file to start over with the default context.';

/** The contexts as last written (a whole document thanks to atomic renames; no lock needed to read). */
export function readConfig(home: string): ConfigDoc {
  const path = configFile(home);
  if (!existsSync(path)) return defaultConfig();
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as ConfigDoc;
    if (typeof doc?.format !== 'number' || typeof doc.contexts !== 'object') throw new Error('not a kubemu config document');
    return doc;
  } catch (e) {
    throw new Error(`cannot read the kubemu config ${path}: ${(e as Error).message}\n${CONFIG_HINT}`);
  }
}
