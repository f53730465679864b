/**
 * Container probes (exec, httpGet, tcpSocket, grpc) evaluated against the simulated container at a
 * moment: the files its program has written, whether its server listens yet, what it answers. Also
 * when a probe's answer can next change, so the kubelet wakes only when it matters.
 */
import type { KObject } from '../api/types.js';
import { COMMANDS } from './shell.js';
import type { Net } from './network.js';
import { filesAt, httpStatus, listening, replay, runProgram, serverReadyAt, type ProgramSnapshot, type Sibling } from './program.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbeResult {
  ok: boolean;
  output: string;
}

/** Client tools of server images: they succeed once the server accepts connections. */
const SERVER_CLIENTS = new Set(['redis-cli', 'pg_isready', 'psql', 'mysqladmin', 'mysql', 'mongosh', 'mongo', 'curl', 'wget', 'nginx', 'httpd', 'apachectl', 'redis-server']);

function resolvePort(port: unknown, container: any): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return Number(port);
  const p = (container.ports ?? []).find((x: any) => x.name === port);
  return p?.containerPort;
}

export interface ProbeCtx {
  pod: KObject;
  container: any;
  snap: ProgramSnapshot;
  start: number;
  siblings: Sibling[];
  net?: Net;
}

/** One probe run at time `at`. */
export function runProbe(probe: any, ctx: ProbeCtx, at: number): ProbeResult {
  const { snap, start, container } = ctx;
  const ip = snap.podIP || ctx.pod.status?.podIP || '';
  if (probe.exec) {
    const argv: string[] = probe.exec.command ?? [];
    const base = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
    if (snap.kind === 'server' && SERVER_CLIENTS.has(base)) {
      const up = snap.kind === 'server' && (container.ports?.length ? container.ports.some((p: any) => listening(snap, start, p.containerPort, at)) : [80, 6379, 5432, 3306, 27017].some((p) => listening(snap, start, p, at)));
      return up ? { ok: true, output: '' } : { ok: false, output: base === 'pg_isready' ? '/var/run/postgresql:5432 - no response\n' : `${base}: connection refused\n` };
    }
    if (snap.kind === 'quiet' && !COMMANDS[base] && !['sh', 'bash', 'ash'].includes(base)) return { ok: true, output: '' };
    if (snap.shell === 'none') {
      return { ok: false, output: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown` };
    }
    const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
    const r = runProgram(argv, snap.env, filesAt(snap, start, at, ctx.siblings, ctx.net), { at, hostname: snap.hostname, shell: snap.shell, timeoutMs, image: snap.image });
    if (r.longRunning || r.durationMs > timeoutMs) return { ok: false, output: `command ${JSON.stringify(argv.join(' '))} timed out` };
    return { ok: r.exitCode === 0, output: r.stdout + r.stderr };
  }
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container) ?? 80;
    const host = probe.httpGet.host || ip;
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : '/' + path}`;
    if (!listening(snap, start, port, at)) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    const status = httpStatus(snap, path) ?? 200;
    if (status >= 200 && status < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container) ?? 0;
    const host = probe.tcpSocket.host || ip;
    if (listening(snap, start, port, at)) return { ok: true, output: '' };
    return { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    if (listening(snap, start, port, at)) return { ok: true, output: '' };
    return { ok: false, output: `timeout: failed to connect service "${ip}:${port}" within 1s: context deadline exceeded` };
  }
  return { ok: true, output: '' };
}

/**
 * The earliest time after `t` at which the probe's answer may differ: the next file change of the
 * program or its pod siblings, the server starting to listen, the program exiting. Infinity if never.
 */
export function nextChange(probe: any, ctx: ProbeCtx, t: number, horizon: number): number {
  const { snap, start } = ctx;
  if (probe.exec) {
    if (snap.kind !== 'shell' && !ctx.siblings.length) {
      if (snap.kind === 'server') return nextListen(snap, start, t);
      return Infinity;
    }
    let best = Infinity;
    const consider = (ops: { at: number }[]) => {
      for (const op of ops) if (op.at > t && op.at < best) best = op.at;
    };
    const scan = (r: { fs: { at: number }[]; reached: number; forever: boolean; exit?: unknown }) => {
      consider(r.fs);
      // Looked only so far: the answer may change after that.
      if (!r.exit && !r.forever && r.reached > t && r.reached < best) best = r.reached;
    };
    if (snap.kind === 'shell') scan(replay(snap, start, horizon, 0, ctx.siblings, 30_000));
    for (const s of ctx.siblings) if (s.snap.kind === 'shell' && s.snap.shared.length) scan(replay(s.snap, s.start, Math.min(horizon, s.end ?? Infinity), 0, [], 30_000));
    if (snap.kind === 'server') best = Math.min(best, nextListen(snap, start, t));
    return best;
  }
  if (probe.httpGet || probe.tcpSocket || probe.grpc) return nextListen(snap, start, t);
  return Infinity;
}

function nextListen(snap: ProgramSnapshot, start: number, t: number): number {
  const r = serverReadyAt(snap, start);
  return r > t ? r : Infinity;
}

export function probeDefaults(p: any) {
  return {
    initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, p.periodSeconds ?? 10) * 1000,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  };
}
