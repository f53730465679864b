/**
 * The simulated kubelets. Each pod bound to a node goes through the kubelet's lifecycle, written as
 * stages in the manner of kwok: a selector on the observed state, a delay from the timing profile,
 * then the next state and the events the real kubelet records.
 *
 *   pod stages:       admit → mount volumes → sandbox (IP) → init containers → containers
 *                     delete: Killing → grace (as long as the process needs) → final status → remove
 *   container stages: image (present / pull / back-off) → create (config) → start → running
 *                     → probes → exit → restart with back-off (CrashLoopBackOff) or done
 *
 * The per-pod runtime state (what containerd would know) lives in doc.engine.data.kubelet; the pod
 * status is always derived from it (status.ts). Nothing starts on a node whose kubelet is down.
 */
import type { Action, Controller, EventSpec, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { deepEqual } from '../api/server.js';
import { forGroupResource } from '../api/registry.js';
import { keyOf, splitKey } from '../controllers/util.js';
import { imageInfo, imageSize, parseImage, pullResult, type ImagePolicy } from './images.js';
import { ConfigError, containerEnv, containerFiles, mountError, refsFor, type Reader } from './env.js';
import { containerArgv, programKind, replay, stopBehaviour, type ProgramSnapshot, type Sibling } from './program.js';
import { goDuration, inBackoffSince, mountRetryMs, nextBackoff, reportedPull, timing, type BackoffEntry, type Timing } from './timing.js';
import { nextChange, probeDefaults, runProbe, type ProbeKind } from './probes.js';
import { buildStatus } from './status.js';
import { clusterNet, podNetworkFiles } from './network.js';
import { podRequests, allocatable, value } from '../scheduler/resources.js';
import { matchesNodeSelectorAndAffinity, nodeView } from '../scheduler/plugins.js';
import { cacheFor as schedulerCache } from '../scheduler/scheduler.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const NODES = forGroupResource('nodes')!;
const SERVICES = forGroupResource('services')!;

export const KUBELET = 'kubelet';

/** How far ahead a program is run to find when it exits. */
const LOOKAHEAD_MS = 24 * 3_600_000;

// ---- runtime state ----------------------------------------------------------------------------------

export interface Instance {
  /** restartCount when it started. */
  n: number;
  start: number;
  id: string;
  /** Inputs of a shell program (servers and quiet processes are rebuilt from the pod). */
  snap?: ProgramSnapshot;
  /** When and how it exits by itself, if it does within the look-ahead. */
  exitAt?: number;
  exitCode?: number;
  exitReason?: string;
  /** The plan looked only this far: look again then. */
  recheckAt?: number;
  /** Asked to stop (deletion, failed liveness): when, and when/how it will be gone. */
  stopAt?: number;
  stopDone?: number;
  stopCode?: number;
  /** It ended: when, how. */
  end?: number;
  code?: number;
  reason?: string;
  message?: string;
  startError?: string;
}

export interface ProbeState {
  next: number;
  fails: number;
  succ: number;
}

export interface ContainerRt {
  name: string;
  init: boolean;
  sidecar: boolean;
  /** blocked: not its turn; new: image step due; pulling; create: start due; running; exited. */
  st: 'blocked' | 'new' | 'pulling' | 'create' | 'running' | 'exited';
  due?: number;
  reason?: string;
  message?: string;
  restarts: number;
  cur?: Instance;
  prev?: Instance;
  crash?: BackoffEntry;
  pullBo?: BackoffEntry & { err: string };
  pullStart?: number;
  /** The image was already on the node (policy Always re-checks it). */
  pullCached?: boolean;
  ready: boolean;
  started: boolean;
  /** An init container that completed. */
  done?: boolean;
  probes?: Partial<Record<ProbeKind, ProbeState>>;
  /** The image this runtime state was started with (a changed spec image restarts the container). */
  image: string;
}

export interface PodRt {
  uid: string;
  key: string;
  node: string;
  admitted: number;
  stage: 'mount' | 'sandbox' | 'run';
  due?: number;
  ip?: string;
  sandboxAt?: number;
  mount?: { attempt: number; next: number };
  cs: ContainerRt[];
  /** Deletion: when the kubelet started killing, when everything will be stopped. */
  killAt?: number;
  killDone?: number;
  /** Rejected at admission (OutOfcpu, NodeAffinity...). */
  rejected?: { reason: string; message: string };
}

export interface KubeletData {
  pods: Record<string, PodRt>;
  /** ns/name → uid of the runtime state. */
  byKey: Record<string, string>;
  /** node → host-local IPAM: the next host number to try, and IPs in use. */
  ipam: Record<string, { next: number; used: Record<string, string> }>;
}

export function kubeletData(doc: { engine: { data: Record<string, unknown> } }): KubeletData {
  const d = doc.engine.data.kubelet as KubeletData | undefined;
  if (d && d.pods && d.byKey) return d;
  return { pods: {}, byKey: {}, ipam: {} };
}

function writeData(fn: (d: KubeletData) => void): Action {
  return {
    op: 'data',
    apply: (doc) => {
      let d = doc.engine.data.kubelet as KubeletData | undefined;
      if (!d || !d.pods || !d.byKey) doc.engine.data.kubelet = d = { pods: {}, byKey: {}, ipam: {} };
      fn(d);
    },
  };
}

// ---- helpers -----------------------------------------------------------------------------------------

const isMirror = (pod: KObject) => pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;

/** Whether the node's kubelet is up: the node exists and posts Ready. */
export function kubeletUp(node: KObject | undefined, view?: View): boolean {
  if (!node) return false;
  // A node stopped with `kubemu node stop`: its kubelet does nothing until it is started again.
  if ((view?.doc.engine.data.nodes as Record<string, { stopped?: boolean }> | undefined)?.[node.metadata.name!]?.stopped) return false;
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  return ready?.status === 'True';
}

export function nodeIP(node: KObject | undefined): string {
  return node?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address ?? '';
}

function specOf(pod: KObject, c: ContainerRt): any {
  return (c.init ? pod.spec?.initContainers : pod.spec?.containers)?.find((x: any) => x.name === c.name);
}

function fieldPath(c: ContainerRt): string {
  return `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
}

/** The pod's sandbox IP from the node's pod CIDR, host-local style (sequential, no reuse while in use). */
function allocateIP(d: KubeletData, node: KObject, uid: string): string {
  const cidr: string = node.spec?.podCIDR ?? node.spec?.podCIDRs?.[0] ?? '10.244.0.0/24';
  const [base, bitsStr] = cidr.split('/');
  const bits = Number(bitsStr) || 24;
  const octets = base.split('.').map(Number);
  const baseNum = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - bits);
  const name = node.metadata.name!;
  const pool = (d.ipam[name] ??= { next: 2, used: {} });
  for (let tries = 0; tries < size; tries++) {
    let host = pool.next;
    if (host < 2 || host > size - 2) host = 2;
    pool.next = host + 1;
    const n = baseNum + host;
    const ip = [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    if (!pool.used[ip]) {
      pool.used[ip] = uid;
      return ip;
    }
  }
  return '';
}

function releaseIP(d: KubeletData, rt: PodRt): void {
  if (!rt.ip) return;
  const pool = d.ipam[rt.node];
  if (pool?.used[rt.ip] === rt.uid) delete pool.used[rt.ip];
}

function restartPolicy(pod: KObject): string {
  return pod.spec?.restartPolicy ?? 'Always';
}

function shouldRestart(pod: KObject, c: ContainerRt, code: number): boolean {
  if (c.sidecar) return true;
  if (c.init) return code !== 0 && restartPolicy(pod) !== 'Never';
  const p = restartPolicy(pod);
  return p === 'Always' || (p === 'OnFailure' && code !== 0);
}

// ---- the sync -------------------------------------------------------------------------------------------

interface Ctx {
  view: View;
  pod: KObject;
  node: KObject;
  rt: PodRt;
  d: KubeletData;
  now: number;
  t: Timing;
  events: EventSpec[];
  /** Images pulled onto the node during this sync. */
  pulled: string[];
  images: Set<string>;
  dirtyData: boolean;
}

function event(ctx: Ctx, type: 'Normal' | 'Warning', reason: string, message: string, c?: ContainerRt): void {
  ctx.events.push({ involved: ctx.pod, fieldPath: c ? fieldPath(c) : undefined, type, reason, message, component: KUBELET, host: ctx.rt.node });
}

function podRef(pod: KObject): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

/** The program a container runs, from the pod as it is now (for replays of servers and quiet processes). */
export function snapshotFor(view: Reader, pod: KObject, spec: any, podIP: string): ProgramSnapshot | { error: string } {
  const refs = refsFor(view, pod);
  const info = imageInfo(spec.image ?? '');
  let env: [string, string][];
  try {
    env = containerEnv(pod, spec, refs, info.env ?? []);
  } catch (e) {
    if (e instanceof ConfigError) return { error: e.message };
    throw e;
  }
  const argv = containerArgv(spec, env);
  const kind = programKind(spec.image ?? '', argv);
  const { files, shared } = containerFiles(pod, spec, refs);
  const dns = view.get(SERVICES, 'kube-system', 'kube-dns')?.spec?.clusterIP ?? '10.96.0.10';
  for (const [path, content] of podNetworkFiles(pod, podIP, dns)) if (!files.has(path)) files.set(path, content);
  return {
    kind: kind.kind,
    argv,
    env,
    files: [...files],
    shared,
    hostname: pod.spec?.hostNetwork ? (pod.spec?.nodeName ?? '') : (pod.spec?.hostname ?? pod.metadata.name ?? ''),
    shell: kind.shell,
    image: spec.image ?? '',
    podIP,
    startError: kind.startError,
    memLimit: spec.resources?.limits?.memory !== undefined ? value(spec.resources.limits.memory) : undefined,
  };
}

/** The instance's program inputs (stored for shell programs, rebuilt for the others). */
export function instanceSnap(view: Reader, pod: KObject, c: { name: string; init: boolean }, inst: Instance, podIP: string): ProgramSnapshot | undefined {
  if (inst.snap) return inst.snap;
  const spec = (c.init ? pod.spec?.initContainers : pod.spec?.containers)?.find((x: any) => x.name === c.name);
  if (!spec) return undefined;
  const s = snapshotFor(view, pod, spec, podIP);
  return 'error' in s ? undefined : s;
}

function siblingsOf(ctx: Ctx, self: ContainerRt): Sibling[] {
  const out: Sibling[] = [];
  for (const c of ctx.rt.cs) {
    if (c === self || !c.cur?.snap || !c.cur.snap.shared.length) continue;
    out.push({ snap: c.cur.snap, start: c.cur.start, end: c.cur.end });
  }
  return out;
}

// ---- container stages -----------------------------------------------------------------------------------

/** image: present, or pull (with back-off), or never. */
function stageImage(ctx: Ctx, c: ContainerRt): void {
  const spec = specOf(ctx.pod, c);
  const image: string = spec.image ?? '';
  const full = parseImage(image).full;
  const present = ctx.images.has(full) || isMirror(ctx.pod);
  const policy = spec.imagePullPolicy ?? 'IfNotPresent';
  c.image = image;
  if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
    if (present) {
      event(ctx, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, c);
      c.st = 'create';
      c.due = ctx.now;
      return;
    }
    const msg = `Container image "${image}" is not present with pull policy of Never`;
    event(ctx, 'Warning', 'ErrImageNeverPull', msg, c);
    event(ctx, 'Warning', 'Failed', 'Error: ErrImageNeverPull', c);
    c.reason = 'ErrImageNeverPull';
    c.message = msg;
    c.due = ctx.now + ctx.t.resync(ctx.view.rng);
    return;
  }
  if (c.pullBo && ctx.now - c.pullBo.last < c.pullBo.ms) {
    event(ctx, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, c);
    event(ctx, 'Warning', 'Failed', 'Error: ImagePullBackOff', c);
    c.reason = 'ImagePullBackOff';
    c.message = `Back-off pulling image "${image}": ErrImagePull: ${c.pullBo.err}`;
    c.due = Math.min(c.pullBo.last + c.pullBo.ms, ctx.now + ctx.t.resync(ctx.view.rng));
    return;
  }
  event(ctx, 'Normal', 'Pulling', `Pulling image "${image}"`, c);
  c.st = 'pulling';
  c.pullStart = ctx.now;
  // A cached image only has its manifest checked (policy Always): a fraction of a second.
  c.pullCached = present;
  c.due = ctx.now + (present ? (ctx.view.profile === 'instant' ? 0 : 150 + ctx.view.rng.int(450)) : ctx.t.pull(imageSize(image), ctx.view.rng));
}

function stagePulled(ctx: Ctx, c: ContainerRt): void {
  const image = c.image;
  const policy = ((ctx.view.doc.cluster as any).imagePolicy ?? 'allow') as ImagePolicy;
  const res = pullResult(image, policy);
  if (res.ok) {
    const size = imageSize(image);
    const actual = ctx.now - (c.pullStart ?? ctx.now);
    const took = goDuration(actual > 0 ? actual : c.pullCached ? 150 + ctx.view.rng.int(450) : reportedPull(size, ctx.view.rng, actual));
    event(ctx, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`, c);
    const full = parseImage(image).full;
    if (!ctx.images.has(full)) {
      ctx.images.add(full);
      ctx.pulled.push(full);
    }
    c.pullBo = undefined;
    c.st = 'create';
    c.due = ctx.now;
    return;
  }
  event(ctx, 'Warning', 'Failed', `Failed to pull image "${image}": ${res.error}`, c);
  event(ctx, 'Warning', 'Failed', 'Error: ErrImagePull', c);
  c.pullBo = { ...nextBackoff(c.pullBo, ctx.now, ctx.now), err: res.error };
  c.reason = 'ErrImagePull';
  c.message = res.error;
  c.st = 'new';
  c.due = ctx.now + ctx.t.pleg(ctx.view.rng);
}

/**
 * The prober's first tick for a container started at `start`: probe workers tick every period from
 * when the pod was admitted, and skip ticks before initialDelaySeconds (and before the start).
 */
function firstTick(origin: number, start: number, probe: any): number {
  const d = probeDefaults(probe);
  const earliest = start + d.initialDelayMs;
  const k = Math.max(1, Math.ceil((earliest - origin) / d.periodMs));
  let t = origin + k * d.periodMs;
  if (t <= start) t += d.periodMs * Math.ceil((start - t + 1) / d.periodMs);
  return t;
}

function initProbes(ctx: Ctx, c: ContainerRt, spec: any, start: number): void {
  c.probes = {};
  const origin = ctx.rt.admitted;
  const probed = !c.init || c.sidecar;
  if (spec.startupProbe && probed) c.probes.startup = { next: firstTick(origin, start, spec.startupProbe), fails: 0, succ: 0 };
  const gated = !!c.probes.startup;
  if (spec.livenessProbe && probed) c.probes.liveness = { next: gated ? Infinity : firstTick(origin, start, spec.livenessProbe), fails: 0, succ: 0 };
  if (spec.readinessProbe && probed) c.probes.readiness = { next: gated ? Infinity : firstTick(origin, start, spec.readinessProbe), fails: 0, succ: 0 };
  c.started = !gated;
  c.ready = c.started && !c.probes.readiness;
}

/** create + start: config, Created, Started (or the runtime's start error). */
function stageStart(ctx: Ctx, c: ContainerRt): void {
  const spec = specOf(ctx.pod, c);
  const snap = snapshotFor(ctx.view, ctx.pod, spec, ctx.rt.ip ?? '');
  if ('error' in snap) {
    event(ctx, 'Warning', 'Failed', `Error: ${snap.error}`, c);
    c.reason = 'CreateContainerConfigError';
    c.message = snap.error;
    c.st = 'new';
    c.due = ctx.now + ctx.t.resync(ctx.view.rng);
    return;
  }
  const id = `containerd://${ctx.view.rng.hex(64)}`;
  event(ctx, 'Normal', 'Created', `Created container ${c.name}`, c);
  if (snap.startError) {
    event(ctx, 'Warning', 'Failed', `Error: ${snap.startError}`, c);
    c.cur = { n: c.restarts, start: 0, id, end: ctx.now, code: 128, reason: 'StartError', message: snap.startError, startError: snap.startError };
    c.st = 'exited';
    c.ready = false;
    c.started = false;
    c.reason = c.message = undefined;
    c.due = ctx.now + ctx.t.pleg(ctx.view.rng);
    return;
  }
  event(ctx, 'Normal', 'Started', `Started container ${c.name}`, c);
  const inst: Instance = { n: c.restarts, start: ctx.now, id };
  if (snap.kind === 'shell') inst.snap = snap;
  c.cur = inst;
  planExit(ctx, c, snap);
  c.st = 'running';
  c.reason = c.message = undefined;
  initProbes(ctx, c, spec, ctx.now);
  c.due = runningDue(c);
}

/** Steps a plan of the program may take per look: more time is looked at later, when it comes. */
const PLAN_STEPS = 30_000;

/** Finds when the program exits (within the look-ahead), or when to look again. */
function planExit(ctx: Ctx, c: ContainerRt, snap: ProgramSnapshot): void {
  const inst = c.cur!;
  const run = replay(snap, inst.start, Math.max(ctx.now, inst.start) + LOOKAHEAD_MS, 0, siblingsOf(ctx, c), PLAN_STEPS, clusterNet(ctx.view, ctx.pod));
  inst.recheckAt = undefined;
  if (run.exit) {
    inst.exitAt = run.exit.at;
    inst.exitCode = run.exit.code;
    if (run.exit.reason) inst.exitReason = run.exit.reason;
  } else if (!run.forever && run.reached < Math.max(ctx.now, inst.start) + LOOKAHEAD_MS) {
    inst.recheckAt = Math.max(run.reached, ctx.now + 1);
  }
}

/** The container's process ended (by itself, or stopped). */
function terminate(ctx: Ctx, c: ContainerRt, at: number, code: number): void {
  const inst = c.cur!;
  inst.end = at;
  inst.code = code;
  inst.reason = inst.stopAt === undefined && inst.exitReason ? inst.exitReason : code === 0 ? 'Completed' : 'Error';
  c.st = 'exited';
  c.ready = false;
  c.started = false;
  c.probes = undefined;
  if (c.init && !c.sidecar && code === 0) c.done = true;
  c.due = at + ctx.t.pleg(ctx.view.rng);
}

/** After an exit: restart now, wait in CrashLoopBackOff, or stay terminated. */
function stageExited(ctx: Ctx, c: ContainerRt): void {
  const inst = c.cur!;
  const terminal = podTerminalPhase(ctx) !== undefined;
  if (terminal || !shouldRestart(ctx.pod, c, inst.code ?? 0)) {
    c.due = undefined;
    return;
  }
  if (inBackoffSince(c.crash, inst.end!, ctx.now)) {
    const left = inst.end! + c.crash!.ms;
    event(ctx, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef(ctx.pod)}`, c);
    c.reason = 'CrashLoopBackOff';
    c.message = `back-off ${goDuration(c.crash!.ms)} restarting failed container=${c.name} pod=${podRef(ctx.pod)}`;
    c.due = Math.min(left, ctx.now + ctx.t.resync(ctx.view.rng));
    return;
  }
  c.crash = nextBackoff(c.crash, inst.end!, ctx.now);
  c.prev = inst;
  c.cur = undefined;
  c.restarts++;
  c.st = 'new';
  c.due = ctx.now;
}

/** Probes due up to now; may start a restart (liveness, startup). */
function stageProbes(ctx: Ctx, c: ContainerRt): void {
  const inst = c.cur!;
  const spec = specOf(ctx.pod, c);
  if (!c.probes || inst.stopAt !== undefined) return;
  const snap = instanceSnap(ctx.view, ctx.pod, c, inst, ctx.rt.ip ?? '');
  if (!snap) return;
  const pctx = { pod: ctx.pod, container: spec, snap, start: inst.start, siblings: siblingsOf(ctx, c), net: clusterNet(ctx.view, ctx.pod) };
  const order: ProbeKind[] = ['startup', 'liveness', 'readiness'];
  for (let guard = 0; guard < 10_000; guard++) {
    // The earliest due probe.
    let kind: ProbeKind | undefined;
    for (const k of order) {
      const p = c.probes[k];
      if (p && p.next <= ctx.now && (!kind || p.next < c.probes[kind]!.next)) kind = k;
    }
    if (!kind) return;
    const ps = c.probes[kind]!;
    const probe = spec[`${kind}Probe`];
    const def = probeDefaults(probe);
    const t = ps.next;
    if (inst.exitAt !== undefined && t >= inst.exitAt) return;
    const r = runProbe(probe, pctx, t);
    const label = kind[0].toUpperCase() + kind.slice(1);
    if (r.ok) {
      ps.fails = 0;
      ps.succ++;
      if (kind === 'startup' && ps.succ >= def.successThreshold) {
        c.started = true;
        delete c.probes.startup;
        const l = spec.livenessProbe && c.probes.liveness;
        if (l) l.next = firstTick(ctx.rt.admitted, t, spec.livenessProbe);
        const rd = spec.readinessProbe && c.probes.readiness;
        if (rd) rd.next = firstTick(ctx.rt.admitted, t, spec.readinessProbe);
        if (!spec.readinessProbe) c.ready = true;
        continue;
      }
      if (kind === 'readiness' && ps.succ >= def.successThreshold) c.ready = true;
      // Stable and passing: sleep until the answer may change.
      const stable = kind !== 'readiness' || c.ready;
      if (stable) {
        const change = nextChange(probe, pctx, t, Math.max(ctx.now, t) + LOOKAHEAD_MS);
        ps.next = change === Infinity ? Infinity : t + Math.max(1, Math.ceil((change - t) / def.periodMs)) * def.periodMs;
      } else ps.next = t + def.periodMs;
      continue;
    }
    ps.succ = 0;
    ps.fails++;
    ctx.now = Math.max(ctx.now, t);
    event(ctx, 'Warning', 'Unhealthy', `${label} probe failed: ${r.output}`, c);
    ps.next = t + def.periodMs;
    if (kind === 'readiness') {
      if (ps.fails >= def.failureThreshold) c.ready = false;
      continue;
    }
    if (ps.fails >= def.failureThreshold) {
      event(ctx, 'Normal', 'Killing', `Container ${c.name} failed ${kind} probe, will be restarted`, c);
      const graceS = probe.terminationGracePeriodSeconds ?? ctx.pod.spec?.terminationGracePeriodSeconds ?? 30;
      const stop = stopBehaviour(snap, inst.start, t, graceS * 1000);
      inst.stopAt = t;
      inst.stopDone = t + stop.ms;
      inst.stopCode = stop.code;
      c.ready = false;
      c.due = inst.stopDone;
      return;
    }
  }
}

/** The earliest moment a running container needs attention (exit, stop, a probe tick). */
function runningDue(c: ContainerRt): number | undefined {
  const inst = c.cur!;
  let due = inst.stopDone ?? inst.exitAt ?? inst.recheckAt ?? Infinity;
  if (inst.stopAt === undefined) for (const p of Object.values(c.probes ?? {})) if (p) due = Math.min(due, p.next);
  return due === Infinity ? undefined : due;
}

function stageRunning(ctx: Ctx, c: ContainerRt): void {
  const inst = c.cur!;
  if (inst.stopDone !== undefined && inst.stopDone <= ctx.now) {
    terminate(ctx, c, inst.stopDone, inst.stopCode ?? 137);
    return;
  }
  if (inst.exitAt !== undefined && inst.exitAt <= ctx.now) {
    // Probes due before the exit run first.
    stageProbes(ctx, c);
    if (inst.stopDone !== undefined && inst.stopDone < inst.exitAt) return;
    terminate(ctx, c, inst.exitAt, inst.exitCode ?? 0);
    return;
  }
  if (inst.recheckAt !== undefined && inst.recheckAt <= ctx.now && inst.exitAt === undefined) {
    const snap = instanceSnap(ctx.view, ctx.pod, c, inst, ctx.rt.ip ?? '');
    if (snap) planExit(ctx, c, snap);
  }
  stageProbes(ctx, c);
  c.due = runningDue(c);
  // The spec's image changed (a bare pod edited): stop and start again with the new image.
  const spec = specOf(ctx.pod, c);
  if (spec && spec.image !== c.image && inst.stopAt === undefined) {
    event(ctx, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`, c);
    const snap = instanceSnap(ctx.view, ctx.pod, c, inst, ctx.rt.ip ?? '');
    const stop = snap ? stopBehaviour(snap, inst.start, ctx.now, (ctx.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000) : { ms: 0, code: 137 };
    inst.stopAt = ctx.now;
    inst.stopDone = ctx.now + (ctx.view.profile === 'instant' ? 0 : stop.ms);
    inst.stopCode = stop.code;
    c.due = inst.stopDone;
  }
}

/** The pod's phase if it is done for good (Succeeded/Failed), from its containers. */
function podTerminalPhase(ctx: Ctx): 'Succeeded' | 'Failed' | undefined {
  const rt = ctx.rt;
  if (rt.rejected) return 'Failed';
  const policy = restartPolicy(ctx.pod);
  for (const c of rt.cs) {
    if (c.init && !c.sidecar && c.st === 'exited' && c.cur?.code !== 0 && policy === 'Never') return 'Failed';
  }
  if (policy === 'Always') return undefined;
  const main = rt.cs.filter((c) => !c.init);
  if (!main.length || main.some((c) => c.st !== 'exited' || shouldRestart(ctx.pod, c, c.cur?.code ?? 0))) return undefined;
  return main.every((c) => c.cur?.code === 0) ? 'Succeeded' : 'Failed';
}

/** Which containers may proceed: init containers one by one (sidecars once started), then all the others. */
function unblock(ctx: Ctx): void {
  const rt = ctx.rt;
  for (const c of rt.cs) {
    if (!c.init) continue;
    if (c.done || (c.sidecar && c.started && c.st === 'running') || (c.sidecar && c.restarts > 0)) continue;
    if (c.st === 'blocked') {
      c.st = 'new';
      c.due = ctx.now;
    }
    return;
  }
  // Main containers start in order; each waits for the one before it to get past its image pull.
  for (const c of rt.cs) {
    if (c.init) continue;
    if (c.st === 'blocked') {
      c.st = 'new';
      c.due = ctx.now;
      return;
    }
    if (c.st === 'new' && c.restarts === 0 && !c.reason) return;
    if (c.st === 'pulling' && c.restarts === 0) return;
  }
}

/** Stops sidecars once the main containers are done for good (Job pods). */
function stopSidecars(ctx: Ctx): void {
  if (podTerminalPhase(ctx) === undefined) return;
  for (const c of ctx.rt.cs) {
    if (!c.sidecar || c.st !== 'running' || c.cur?.stopAt !== undefined) continue;
    event(ctx, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
    const inst = c.cur!;
    const snap = instanceSnap(ctx.view, ctx.pod, c, inst, ctx.rt.ip ?? '');
    const stop = snap ? stopBehaviour(snap, inst.start, ctx.now, (ctx.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000) : { ms: 0, code: 0 };
    inst.stopAt = ctx.now;
    inst.stopDone = ctx.now + (ctx.view.profile === 'instant' ? 0 : stop.ms);
    inst.stopCode = stop.code;
    c.due = inst.stopDone;
  }
}

// ---- the stages, as data ----------------------------------------------------------------------------
//
// Like kwok's Stage objects: which state a stage applies to (selector), when it fires (the `due`
// time the previous stage set from the timing profile: sandbox, pull, PLEG, retry and back-off
// delays), and what it does (next state and the kubelet's events).

interface PodStage {
  name: string;
  selector: (rt: PodRt) => boolean;
  next: (ctx: Ctx) => boolean;
}

interface ContainerStage {
  name: string;
  selector: (c: ContainerRt) => boolean;
  next: (ctx: Ctx, c: ContainerRt) => void;
}

/** Pod stages, before any container runs. */
export const POD_STAGES: readonly PodStage[] = [
  {
    name: 'volume-mount',
    selector: (rt) => rt.stage === 'mount',
    next(ctx) {
      const rt = ctx.rt;
      if (rt.mount && rt.mount.next > ctx.now) return false;
      const err = mountError(ctx.pod, refsFor(ctx.view, ctx.pod));
      if (err) {
        const attempt = (rt.mount?.attempt ?? 0) + 1;
        event(ctx, 'Warning', 'FailedMount', err.message);
        rt.mount = { attempt, next: ctx.now + mountRetryMs(attempt) };
        rt.due = rt.mount.next;
        return false;
      }
      rt.mount = undefined;
      rt.stage = 'sandbox';
      rt.due = ctx.now + ctx.t.sandbox(ctx.view.rng);
      return true;
    },
  },
  {
    name: 'pod-sandbox',
    selector: (rt) => rt.stage === 'sandbox',
    next(ctx) {
      const rt = ctx.rt;
      if ((rt.due ?? ctx.now) > ctx.now) return false;
      rt.ip = ctx.pod.spec?.hostNetwork ? nodeIP(ctx.node) : allocateIP(ctx.d, ctx.node, rt.uid);
      ctx.dirtyData = true;
      rt.sandboxAt = ctx.now;
      rt.stage = 'run';
      rt.due = undefined;
      unblock(ctx);
      return true;
    },
  },
];

/** Container stages, each container on its own clock. */
export const CONTAINER_STAGES: readonly ContainerStage[] = [
  { name: 'image', selector: (c) => c.st === 'new', next: stageImage },
  { name: 'image-pulled', selector: (c) => c.st === 'pulling', next: stagePulled },
  { name: 'container-start', selector: (c) => c.st === 'create', next: stageStart },
  { name: 'container-running', selector: (c) => c.st === 'running', next: stageRunning },
  { name: 'container-exited', selector: (c) => c.st === 'exited', next: stageExited },
];

/** One pass over the stages that are due at `ctx.now`; true if anything moved. */
function step(ctx: Ctx): boolean {
  const rt = ctx.rt;
  if (rt.rejected) return false;
  const podStage = POD_STAGES.find((s) => s.selector(rt));
  if (podStage) return podStage.next(ctx);
  const before = JSON.stringify(rt.cs);
  for (const c of rt.cs) {
    if (c.due === undefined || c.due > ctx.now) continue;
    const sig = JSON.stringify(c);
    const stage = CONTAINER_STAGES.find((s) => s.selector(c));
    if (stage) stage.next(ctx, c);
    else c.due = undefined;
    // A stage with nothing to do must not be asked again at the same moment.
    if (JSON.stringify(c) === sig && c.due !== undefined && c.due <= ctx.now) c.due = undefined;
  }
  unblock(ctx);
  stopSidecars(ctx);
  return JSON.stringify(rt.cs) !== before;
}

function nextDue(rt: PodRt): number | undefined {
  let due = rt.due ?? Infinity;
  for (const c of rt.cs) if (c.due !== undefined) due = Math.min(due, c.due);
  return due === Infinity ? undefined : due;
}

// ---- admission ----------------------------------------------------------------------------------------

/** The kubelet's admission: resources against the node's allocatable, and the node selector. */
function admit(view: View, pod: KObject, node: KObject): { reason: string; message: string } | undefined {
  if (!matchesNodeSelectorAndAffinity(pod, nodeView(node))) return { reason: 'NodeAffinity', message: "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" };
  const alloc = allocatable(node);
  const want = podRequests(pod);
  // What the node's other pods ask for: the scheduler's per-node accounting (bound, not terminal).
  const info = schedulerCache(view).nodes.get(node.metadata.name!);
  const used: Record<string, number> = { ...(info?.req ?? {}) };
  let count = info?.pods.size ?? 0;
  const self = info?.pods.get(keyOf(pod));
  if (self) {
    count--;
    for (const [k, v] of Object.entries(self.req)) used[k] = (used[k] ?? 0) - v;
  }
  if (count + 1 > (alloc.pods ?? 110)) return { reason: 'OutOfpods', message: `Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: ${count}, capacity: ${alloc.pods}` };
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const w = want[r] ?? 0;
    if (w > 0 && w > (alloc[r] ?? 0) - (used[r] ?? 0)) {
      return { reason: `OutOf${r}`, message: `Pod was rejected: Node didn't have enough resource: ${r}, requested: ${w}, used: ${used[r] ?? 0}, capacity: ${alloc[r] ?? 0}` };
    }
  }
  return undefined;
}

function newRt(pod: KObject, node: string, now: number): PodRt {
  const cs: ContainerRt[] = [];
  for (const c of pod.spec?.initContainers ?? []) cs.push({ name: c.name, init: true, sidecar: c.restartPolicy === 'Always', st: 'blocked', restarts: 0, ready: false, started: false, image: c.image });
  for (const c of pod.spec?.containers ?? []) cs.push({ name: c.name, init: false, sidecar: false, st: 'blocked', restarts: 0, ready: false, started: false, image: c.image });
  return { uid: pod.metadata.uid!, key: keyOf(pod), node, admitted: now, stage: 'mount', cs };
}

// ---- deletion -------------------------------------------------------------------------------------------

function deleteFlow(view: View, pod: KObject, node: KObject | undefined, rtIn: PodRt | undefined): Action[] {
  const key = keyOf(pod);
  const [ns, name] = splitKey(key);
  const uid = pod.metadata.uid!;
  const now = view.now;
  const remove: Action[] = [{ op: 'remove', ri: PODS, namespace: ns, name }];
  if (isMirror(pod)) {
    // The kubelet deletes a mirror pod at once and recreates it: the static pod keeps running.
    const mirror = structuredClone(pod);
    for (const k of ['uid', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'creationTimestamp', 'generation', 'managedFields']) delete mirror.metadata[k];
    delete mirror.status;
    return [
      ...remove,
      writeData((d) => {
        const rt = d.pods[uid];
        if (rt) releaseIP(d, rt);
        delete d.pods[uid];
        delete d.byKey[key];
      }),
      { op: 'create', obj: mirror, onError: () => [] },
    ];
  }
  if (!rtIn || !kubeletUp(node, view)) {
    // Never started here; or the kubelet is down and cannot confirm (the pod stays Terminating).
    if (!rtIn && kubeletUp(node, view)) return remove;
    if (!rtIn && !node) return remove;
    return [];
  }
  const rt = structuredClone(rtIn);
  const ctx: Ctx = { view, pod, node: node!, rt, d: kubeletData(view.doc), now, t: timing(view.profile), events: [], pulled: [], images: new Set(view.doc.engine.images[rt.node] ?? []), dirtyData: false };
  const actions: Action[] = [];
  if (rt.killAt === undefined) {
    rt.killAt = now;
    const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    let done = now;
    for (const c of rt.cs) {
      if (c.st === 'running' && c.cur) {
        event(ctx, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
        const snap = instanceSnap(view, pod, c, c.cur, rt.ip ?? '');
        const stop = snap ? stopBehaviour(snap, c.cur.start, now, graceMs) : { ms: Math.min(100, graceMs), code: 137 };
        const ms = view.profile === 'instant' ? 0 : stop.ms;
        c.cur.stopAt = now;
        c.cur.stopDone = now + ms;
        c.cur.stopCode = stop.code;
        done = Math.max(done, now + ms);
      }
    }
    rt.killDone = done;
  } else if (now < rt.killDone!) {
    // A second delete with a shorter grace period (--grace-period, --now, --force) cuts the wait.
    const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    const limit = view.profile === 'instant' ? now : Math.max(now, Date.parse(pod.metadata.deletionTimestamp!) || now + graceMs);
    if (limit < rt.killDone!) {
      for (const c of rt.cs) if (c.cur?.stopDone !== undefined && c.cur.stopDone > limit) c.cur.stopDone = limit;
      rt.killDone = limit;
    }
  }
  if (now < rt.killDone!) {
    actions.push(...ctx.events.map((e) => ({ op: 'event', event: e }) as Action));
    actions.push(writeData((d) => (d.pods[uid] = rt)));
    actions.push({ op: 'after', delayMs: rt.killDone! - now, key });
    return actions;
  }
  // Everything has stopped: the final status, then the kubelet confirms the deletion.
  for (const c of rt.cs) {
    if (c.st === 'running' && c.cur) terminate(ctx, c, c.cur.stopDone ?? now, c.cur.stopCode ?? 137);
    c.due = undefined;
  }
  const status = buildStatus(view, pod, rt, ctx.node, true);
  actions.push(...ctx.events.map((e) => ({ op: 'event', event: e }) as Action));
  if (!deepEqual(status, pod.status)) actions.push({ op: 'status', obj: { ...pod, status }, onError: () => [] });
  actions.push(...remove);
  actions.push(
    writeData((d) => {
      releaseIP(d, rt);
      delete d.pods[uid];
      if (d.byKey[key] === uid) delete d.byKey[key];
    }),
  );
  return actions;
}

// ---- the controller -------------------------------------------------------------------------------------

function cleanup(view: View, key: string): Action[] {
  const d = kubeletData(view.doc);
  const uid = d.byKey[key];
  if (!uid) return [];
  return [
    writeData((dd) => {
      const rt = dd.pods[uid];
      if (rt) releaseIP(dd, rt);
      delete dd.pods[uid];
      if (dd.byKey[key] === uid) delete dd.byKey[key];
    }),
  ];
}

function syncPod(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const pod = view.get(PODS, ns, name);
  const d = kubeletData(view.doc);
  if (!pod) return cleanup(view, key);
  if (!pod.spec?.nodeName) return [];
  const uid = pod.metadata.uid!;
  const actions: Action[] = [];
  if (d.byKey[key] && d.byKey[key] !== uid) actions.push(...cleanup(view, key));
  const node = view.get(NODES, undefined, pod.spec.nodeName);
  const existing = d.pods[uid];
  if (pod.metadata.deletionTimestamp) return [...actions, ...deleteFlow(view, pod, node, existing)];
  if (!kubeletUp(node, view)) return actions;
  const terminalNow = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  if (!existing && terminalNow) return actions;
  const now = view.now;
  const rt = existing ? structuredClone(existing) : newRt(pod, node!.metadata.name!, now);
  const pool0 = d.ipam[rt.node];
  const ctx: Ctx = { view, pod, node: node!, rt, d: { pods: d.pods, byKey: d.byKey, ipam: pool0 ? { [rt.node]: structuredClone(pool0) } : {} }, now, t: timing(view.profile), events: [], pulled: [], images: new Set(view.doc.engine.images[rt.node] ?? []), dirtyData: false };
  if (!existing) {
    const rej = admit(view, pod, node!);
    if (rej) {
      rt.rejected = rej;
      ctx.events.push({ involved: pod, type: 'Warning', reason: rej.reason, message: rej.message.replace(/^Pod was rejected: /, ''), component: KUBELET, host: rt.node });
    }
  }
  if (view.profile === 'instant') {
    // Nothing on an instant node waits for its retry period: a ConfigMap or Secret that just
    // appeared is picked up at once (the realistic kubelet waits for its next retry).
    for (const c of rt.cs) if (c.reason === 'CreateContainerConfigError' && c.st === 'new') c.due = now;
    if (rt.stage === 'mount' && rt.mount) rt.mount.next = now;
  }
  for (let guard = 0; guard < 200; guard++) if (!step(ctx)) break;
  const status = buildStatus(view, pod, rt, node!, false);
  actions.push(...ctx.events.map((e) => ({ op: 'event', event: e }) as Action));
  // A conflicting write requeues the pod (the engine's default for Conflict).
  if (!deepEqual(status, pod.status)) actions.push({ op: 'status', obj: { ...pod, status } });
  const pool = ctx.dirtyData ? ctx.d.ipam[rt.node] : undefined;
  const pulled = ctx.pulled;
  const done = status.phase === 'Succeeded' || status.phase === 'Failed';
  actions.push(
    writeData((dd) => {
      dd.pods[uid] = rt;
      dd.byKey[key] = uid;
      if (pool) dd.ipam[rt.node] = pool;
      // The sandbox of a finished pod is gone: its IP may be handed out again (the status keeps it).
      if (done) releaseIP(dd, rt);
    }),
  );
  if (pulled.length) {
    actions.push({
      op: 'data',
      apply: (doc) => {
        const list = (doc.engine.images[rt.node] ??= []);
        for (const img of pulled) if (!list.includes(img)) list.push(img);
      },
    });
  }
  const due = nextDue(rt);
  if (due !== undefined && status.phase !== 'Succeeded' && status.phase !== 'Failed') actions.push({ op: 'after', delayMs: Math.max(0, due - now), key });
  else if (due !== undefined && rt.cs.some((c) => c.sidecar && c.st === 'running')) actions.push({ op: 'after', delayMs: Math.max(0, due - now), key });
  return actions;
}

function podChanged(c: Change): boolean {
  if (c.type !== 'MODIFIED' || !c.old) return true;
  const a = c.old;
  const b = c.obj;
  return (
    a.spec?.nodeName !== b.spec?.nodeName ||
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp ||
    a.metadata.deletionGracePeriodSeconds !== b.metadata.deletionGracePeriodSeconds ||
    !deepEqual(a.spec, b.spec) ||
    !deepEqual(a.metadata.labels, b.metadata.labels) ||
    !deepEqual(a.metadata.annotations, b.metadata.annotations)
  );
}

/** Pods in a namespace waiting on a ConfigMap or Secret (config error, failed mount). */
function waitingOnConfig(c: Change, view: View): string[] {
  if (c.type === 'DELETED') return [];
  const d = kubeletData(view.doc);
  const out: string[] = [];
  for (const p of view.list(PODS, c.obj.metadata.namespace)) {
    const uid = d.byKey[keyOf(p)];
    const rt = uid ? d.pods[uid] : undefined;
    if (!rt) continue;
    if (rt.stage === 'mount' || rt.cs.some((x) => x.reason === 'CreateContainerConfigError')) out.push(keyOf(p));
  }
  return out;
}

export const kubelet: Controller = {
  name: KUBELET,
  watches: {
    pods: (c) => (c.obj.spec?.nodeName && podChanged(c) ? [keyOf(c.obj)] : []),
    nodes: (c, view) => {
      if (c.type === 'DELETED') return [];
      if (c.old && kubeletUp(c.old) === kubeletUp(c.obj)) return [];
      return view.podsOnNode(c.obj.metadata.name!).map(keyOf);
    },
    configmaps: waitingOnConfig,
    secrets: waitingOnConfig,
  },
  resync: (view) => view.list(PODS).filter((p) => p.spec?.nodeName).map(keyOf),
  sync: syncPod,
};
