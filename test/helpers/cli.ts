/**
 * End-to-end helpers: run bin/kubemu as a user would, in a throw-away KUBEMU_HOME, with a fixed
 * clock and seed so that output is byte-stable.
 */
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterStore } from '../../src/cluster/cluster-store.js';
import type { ClusterDoc } from '../../src/api/state.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'kubemu');
export const FIXTURES = join(ROOT, 'fixtures');
/** A fixed "now" for golden output: 2026-11-22T10:00:00Z. */
export const NOW = '2026-11-22T10:00:00Z';

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Home {
  dir: string;
  env: Record<string, string>;
  /** Runs `kubemu ...args` with this home. */
  run(args: string[], opts?: { input?: string; env?: Record<string, string>; cwd?: string }): RunResult;
  /** Runs and asserts exit code 0, returning stdout. */
  ok(args: string[], opts?: { input?: string; env?: Record<string, string> }): string;
  /** Starts kubemu in the background (for -w); returns the child. */
  spawn(args: string[], opts?: { env?: Record<string, string> }): ReturnType<typeof spawn>;
  /** The cluster's whole document as plain JSON (read through the store, split buckets included). */
  state(cluster?: string): ClusterDoc;
  cleanup(): void;
}

export interface HomeOptions {
  /** Fixed clock (default NOW); pass null for the real clock. */
  now?: string | null;
  seed?: string;
  profile?: 'instant' | 'realistic';
}

export function makeHome(opts: HomeOptions = {}): Home {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-test-'));
  const env: Record<string, string> = { KUBEMU_HOME: dir, KUBEMU_SEED: opts.seed ?? 'test', KUBEMU_PROFILE: opts.profile ?? 'instant' };
  const now = opts.now === undefined ? NOW : opts.now;
  if (now !== null) env.KUBEMU_NOW = now;
  // KUBEMU_SPLIT_BYTES passes through, so the suite can run with every bucket in a file of its own.
  const baseEnv = { PATH: process.env.PATH ?? '', HOME: dir, ...(process.env.KUBEMU_SPLIT_BYTES ? { KUBEMU_SPLIT_BYTES: process.env.KUBEMU_SPLIT_BYTES } : {}) };
  const home: Home = {
    dir,
    env,
    run(args, o = {}) {
      const r = spawnSync(process.execPath, [BIN, ...args], {
        env: { ...baseEnv, ...env, ...(o.env ?? {}) },
        input: o.input ?? '',
        cwd: o.cwd ?? ROOT,
        encoding: 'utf8',
      });
      return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
    },
    ok(args, o) {
      const r = home.run(args, o);
      if (r.code !== 0) throw new Error(`kubemu ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
      return r.stdout;
    },
    spawn(args, o = {}) {
      return spawn(process.execPath, [BIN, ...args], { env: { ...baseEnv, ...env, ...(o.env ?? {}) }, cwd: ROOT });
    },
    state(cluster = 'kubemu') {
      const doc = clusterStore(join(dir, 'clusters', `${cluster}.json`), '').transaction((tx) => JSON.stringify(tx.data));
      return JSON.parse(doc) as ClusterDoc;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return home;
}
