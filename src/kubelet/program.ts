/**
 * What runs in a container, as a pure function of its inputs: the image's entrypoint and command
 * overridden by the pod's, a shell program run by the interpreter (shell.ts), a known server
 * (servers.ts) or a quiet long-running process. From a snapshot of the inputs taken when the
 * container started, the same run can be replayed at any time: for logs, for exec probes, for exec.
 *
 * The interface for `kubectl exec` and `kubectl run -i`: runProgram(argv, env, files, opts).
 */
import { imageInfo, type ShellFlavor } from './images.js';
import { serverFor, type Line } from './servers.js';
import { runProcess, type FsOp, type Output, type RunResult, type World } from './shell.js';
import type { Net } from './network.js';
import { expandRefs } from './env.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export type ProgramKind = 'shell' | 'server' | 'quiet';

/** A container's inputs at start: enough to replay what it does. */
export interface ProgramSnapshot {
  kind: ProgramKind;
  argv: string[];
  env: [string, string][];
  /** Files from configMap/secret/projected/downwardAPI mounts: absolute path → content. */
  files: [string, string][];
  /** Writable shared mounts (emptyDir...): mount path → volume name. */
  shared: { mountPath: string; volume: string }[];
  hostname: string;
  shell: ShellFlavor;
  image: string;
  podIP: string;
  /** The runtime could not start it (exec of a missing binary). */
  startError?: string;
  /** The container's memory limit in bytes (the OOM killer's line). */
  memLimit?: number;
}

/** Entrypoint wrappers that run their arguments when those are not the image's own command. */
const WRAPPERS = new Set(['/docker-entrypoint.sh', 'docker-entrypoint.sh', '/entrypoint.sh', 'entrypoint.sh', '/usr/local/bin/docker-entrypoint.sh', 'tini', '/tini', '/sbin/tini']);
const INTERPRETERS = new Set(['python', 'python3', 'python2', 'node', 'java', 'ruby', 'perl', 'php', 'go', 'npm', 'npx', 'yarn', 'gunicorn', 'uvicorn', 'flask', 'dotnet']);

/** The argv the runtime executes: command replaces ENTRYPOINT, args replace CMD ($(VAR) expanded). */
export function containerArgv(container: any, env: [string, string][]): string[] {
  const info = imageInfo(container.image ?? '');
  const vars = new Map(env);
  const command: string[] | undefined = container.command?.map((s: string) => expandRefs(s, vars));
  const args: string[] | undefined = container.args?.map((s: string) => expandRefs(s, vars));
  const entry = info.cmd.slice(0, info.ep);
  const defaultCmd = info.cmd.slice(info.ep);
  let argv: string[];
  if (command) argv = [...command, ...(args ?? [])];
  else argv = [...entry, ...(args ?? defaultCmd)];
  // docker-entrypoint.sh and friends exec their arguments (after setup when it is the server).
  while (argv.length > 1 && WRAPPERS.has(argv[0])) argv = argv.slice(1);
  if (argv.length === 1 && WRAPPERS.has(argv[0]) && defaultCmd.length) argv = defaultCmd;
  return argv;
}

/** Decides what kind of process a container runs. */
export function programKind(image: string, argv: string[]): { kind: ProgramKind; shell: ShellFlavor; startError?: string } {
  const info = imageInfo(image);
  const base = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
  const server = serverFor(image);
  if (server && server.binary.includes(base)) return { kind: 'server', shell: info.shell };
  if (!argv.length) return { kind: 'quiet', shell: info.shell };
  if (!info.known) {
    // Private images: a shell command runs in the interpreter; anything else is the app, running.
    if (['sh', 'bash', 'ash'].includes(base) || ['sleep', 'echo', 'printenv', 'env', 'cat', 'date', 'tail', 'true', 'false'].includes(base)) return { kind: 'shell', shell: 'busybox' };
    return { kind: 'quiet', shell: 'busybox' };
  }
  if (info.behaviour === 'quiet' && (info.cmd.includes(argv[0]) || base === (info.cmd[0] ?? '').slice((info.cmd[0] ?? '').lastIndexOf('/') + 1))) return { kind: 'quiet', shell: info.shell };
  if (INTERPRETERS.has(base) && info.shell !== 'none') {
    // An interpreter with a program to run is the app; alone (no terminal) it exits at once.
    return argv.length > 1 ? { kind: 'quiet', shell: info.shell } : { kind: 'shell', shell: info.shell };
  }
  if (info.shell === 'none') {
    return {
      kind: 'quiet',
      shell: 'none',
      startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
    };
  }
  return { kind: 'shell', shell: info.shell };
}

// ---- replaying a container ------------------------------------------------------------------------

export interface Sibling {
  snap: ProgramSnapshot;
  start: number;
  end?: number;
}

function envMap(snap: ProgramSnapshot): Map<string, string> {
  return new Map(snap.env);
}

/** Files other containers of the pod write to shared volumes, as seen through this container's mounts. */
function sharedWorld(snap: ProgramSnapshot, siblings: Sibling[], own?: () => FsOp[], net?: Net): World {
  const files = new Map(snap.files);
  const runs = new Map<Sibling, RunResult>();
  const opsOf = (s: Sibling, until: number): FsOp[] => {
    let r = runs.get(s);
    if (!r || r.reached < until) {
      r = replay(s.snap, s.start, Math.min(until + 60_000, s.end ?? Infinity), 0, []);
      runs.set(s, r);
    }
    return r.fs;
  };
  /** For a path in one of this container's shared mounts: [volume, relative path]. */
  const inShared = (path: string): [string, string] | undefined => {
    for (const m of snap.shared) if (path === m.mountPath || path.startsWith(m.mountPath + '/')) return [m.volume, path.slice(m.mountPath.length)];
    return undefined;
  };
  const sharedOps = (vol: string, rel: string, until: number): FsOp[] => {
    const out: FsOp[] = [];
    for (const s of siblings) {
      for (const m of s.snap.shared) {
        if (m.volume !== vol) continue;
        for (const op of opsOf(s, until)) if (op.at <= until && op.path === m.mountPath + rel) out.push(op);
      }
    }
    if (own) {
      const mine = snap.shared.find((m) => m.volume === vol);
      if (mine) for (const op of own()) if (op.at <= until && op.path === mine.mountPath + rel) out.push(op);
    }
    return out.sort((a, b) => a.at - b.at);
  };
  const fold = (ops: FsOp[]): string | undefined => {
    let v: string | undefined;
    for (const op of ops) {
      if (op.kind === 'rm') v = undefined;
      else if (op.kind === 'write') v = op.data ?? '';
      else v = (v ?? '') + (op.data ?? '');
    }
    return v;
  };
  return {
    net,
    readFile(path, at) {
      if (files.has(path)) return files.get(path);
      const sh = inShared(path);
      if (sh) return fold(sharedOps(sh[0], sh[1], at));
      if (own) return fold(own().filter((op) => op.path === path && op.at <= at));
      return undefined;
    },
    listDir(path) {
      const prefix = path.replace(/\/+$/, '') + '/';
      const names = new Set<string>();
      for (const f of files.keys()) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]);
      return names.size ? [...names].sort() : undefined;
    },
    follow(path, from, to) {
      const sh = inShared(path);
      if (!sh) return [];
      const out: { at: number; text: string }[] = [];
      for (const op of sharedOps(sh[0], sh[1], to)) {
        if (op.at <= from || op.kind !== 'append' || !op.data) continue;
        const parts = op.data.split('\n');
        if (parts[parts.length - 1] === '') parts.pop();
        for (const t of parts) out.push({ at: op.at, text: t });
      }
      return out;
    },
  };
}

function serverCtx(snap: ProgramSnapshot, start: number) {
  return { start, podIP: snap.podIP, image: snap.image, env: envMap(snap) };
}

/** Replays a container from `start` up to `until`, keeping the last `maxLines` lines. */
export function replay(snap: ProgramSnapshot, start: number, until: number, maxLines: number, siblings: Sibling[] = [], maxSteps?: number, net?: Net): RunResult {
  if (snap.startError) return { lines: [], dropped: 0, forever: false, reached: start, fs: [], startError: snap.startError };
  if (snap.kind === 'server') {
    const server = serverFor(snap.image)!;
    const ctx = serverCtx(snap, start);
    const fatal = server.fatal?.(ctx);
    const lines = maxLines <= 0 ? [] : (fatal ? fatal.lines : server.startup(ctx)).filter((l) => l.at <= until);
    const keep = lines.slice(Math.max(0, lines.length - maxLines));
    if (fatal && start + fatal.after <= until) return { lines: keep, dropped: lines.length - keep.length, exit: { code: fatal.code, at: start + fatal.after }, forever: false, reached: start + fatal.after, fs: [] };
    return { lines: keep, dropped: lines.length - keep.length, forever: !fatal, reached: until, fs: [] };
  }
  if (snap.kind === 'quiet') return { lines: [], dropped: 0, forever: true, reached: until, fs: [] };
  const base = (snap.argv[0] ?? '').slice((snap.argv[0] ?? '').lastIndexOf('/') + 1);
  if (base === 'stress') return stress(snap, start, until, maxLines);
  // An interpreter or shell with nothing to run and no terminal reads EOF and exits.
  if (snap.argv.length === 1 && INTERPRETERS.has(base)) return { lines: [], dropped: 0, exit: { code: 0, at: start }, forever: false, reached: start, fs: [] };
  return runProcess(
    { argv: snap.argv, env: snap.env, hostname: snap.hostname, shell: snap.shell, start, world: sharedWorld(snap, siblings, undefined, net), seed: snap.hostname, image: snap.image },
    { until, maxLines, maxSteps },
  );
}

/** stress(1): memory and cpu hogs; past the memory limit the OOM killer ends it. */
function stress(snap: ProgramSnapshot, start: number, until: number, maxLines: number): RunResult {
  const a = snap.argv.slice(1);
  const opt = (...names: string[]) => {
    const i = a.findIndex((x) => names.includes(x));
    return i >= 0 ? a[i + 1] : undefined;
  };
  const bytes = (s: string | undefined) => {
    const m = /^(\d+)([bkmgBKMG]?)$/.exec(s ?? '');
    if (!m) return 256 * 1024 * 1024;
    return Number(m[1]) * ({ '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2].toLowerCase()];
  };
  const vm = Number(opt('--vm', '-m') ?? 0);
  const cpu = Number(opt('--cpu', '-c') ?? 0);
  const io = Number(opt('--io', '-i') ?? 0);
  const hdd = Number(opt('--hdd', '-d') ?? 0);
  const lines: Output[] = [{ at: start + 5, stream: 'stdout', text: `stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd` }];
  const keep = maxLines > 0 ? lines.filter((l) => l.at <= until) : [];
  if (vm > 0 && snap.memLimit !== undefined && vm * bytes(opt('--vm-bytes')) > snap.memLimit) {
    const at = start + 800;
    if (at <= until) return { lines: keep, dropped: 0, exit: { code: 137, at, reason: 'OOMKilled' }, forever: false, reached: at, fs: [] };
    return { lines: keep, dropped: 0, forever: false, reached: until, fs: [] };
  }
  const t = /^(\d+)([smhd]?)$/.exec(opt('--timeout', '-t') ?? '');
  if (t) {
    const secs = Number(t[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[t[2]];
    const at = start + secs * 1000;
    if (at <= until) {
      if (maxLines > 0) keep.push({ at, stream: 'stdout', text: `stress: info: [1] successful run completed in ${secs}s` });
      return { lines: keep, dropped: 0, exit: { code: 0, at }, forever: false, reached: at, fs: [] };
    }
    return { lines: keep, dropped: 0, forever: false, reached: until, fs: [] };
  }
  return { lines: keep, dropped: 0, forever: true, reached: until, fs: [] };
}

/** How a running container reacts to the stop signal at `at`: how long until it exits, its code, what it prints. */
export function stopBehaviour(snap: ProgramSnapshot, start: number, at: number, graceMs: number): { ms: number; code: number; lines: Line[] } {
  if (snap.kind === 'server') {
    const s = serverFor(snap.image)!;
    const r = s.stop(serverCtx(snap, start), at);
    return { ...r, ms: Math.min(r.ms, graceMs) };
  }
  if (snap.kind === 'quiet') {
    // pause, control-plane binaries and apps handle SIGTERM.
    return { ms: Math.min(100, graceMs), code: snap.image.includes('pause') ? 0 : 2, lines: [] };
  }
  const run = replay(snap, start, at, 0);
  if (run.onTerm) return { ms: Math.min(50, graceMs), code: run.onTerm.code, lines: run.onTerm.output.map((text) => ({ at: at + 10, stream: 'stdout' as const, text })) };
  // A shell or sleep as PID 1 has no SIGTERM handler: the signal is ignored, SIGKILL comes at the end of the grace period.
  return { ms: graceMs, code: 137, lines: [] };
}

/** The container's own files at a time (its writes, its mounts, shared volumes), for exec probes and exec. */
export function filesAt(snap: ProgramSnapshot, start: number, at: number, siblings: Sibling[] = [], net?: Net): World {
  let ops: FsOp[] | undefined;
  const own = () => (ops ??= snap.kind === 'shell' ? replay(snap, start, at, 0, siblings, undefined, net).fs : []);
  return sharedWorld(snap, siblings, own, net);
}

/** Whether a server in the container accepts connections on a port at a time. */
export function listening(snap: ProgramSnapshot, start: number, port: number, at: number): boolean {
  if (snap.kind === 'quiet') return !snap.startError;
  if (snap.kind !== 'server') return false;
  const s = serverFor(snap.image)!;
  const ctx = serverCtx(snap, start);
  if (s.fatal?.(ctx)) return false;
  return s.ports.includes(port) && at >= start + s.readyAfter(ctx);
}

/** When a server starts accepting connections (Infinity if it never does). */
export function serverReadyAt(snap: ProgramSnapshot, start: number): number {
  if (snap.kind !== 'server') return Infinity;
  const s = serverFor(snap.image)!;
  const ctx = serverCtx(snap, start);
  return s.fatal?.(ctx) ? Infinity : start + s.readyAfter(ctx);
}

/** The HTTP status a server answers for a path (undefined when it does not speak HTTP there). */
export function httpStatus(snap: ProgramSnapshot, path: string): number | undefined {
  if (snap.kind === 'quiet') return 200;
  if (snap.kind !== 'server') return undefined;
  return serverFor(snap.image)?.http?.(path);
}

/** Runs a command in a container's context (exec probes, kubectl exec): output and exit code. */
export function runProgram(
  argv: string[],
  env: [string, string][],
  files: World,
  opts: { at: number; hostname: string; shell: ShellFlavor; stdin?: string; timeoutMs?: number; image?: string },
): { stdout: string; stderr: string; output: Output[]; exitCode: number; durationMs: number; longRunning: boolean } {
  const until = opts.at + (opts.timeoutMs ?? 3_600_000);
  const r = runProcess({ argv, env, hostname: opts.hostname, shell: opts.shell, start: opts.at, world: files, stdin: opts.stdin, seed: opts.hostname, image: opts.image }, { until, maxLines: 100_000 });
  const stdout = r.lines.filter((l) => l.stream === 'stdout').map((l) => l.text + '\n').join('');
  const stderr = r.lines.filter((l) => l.stream === 'stderr').map((l) => l.text + '\n').join('');
  if (r.startError) return { stdout: '', stderr: r.startError, output: [], exitCode: 126, durationMs: 0, longRunning: false };
  return { stdout, stderr, output: r.lines, exitCode: r.exit?.code ?? 0, durationMs: (r.exit?.at ?? r.reached) - opts.at, longRunning: !r.exit };
}
