/**
 * Container logs, for `kubectl logs`: replayed from the container's program and start time, so
 * they are always complete and cost nothing to keep. The kubelet keeps the current and previous
 * instance of each container (what `--previous` reads); lines are capped as log rotation would.
 *
 *   readLogs(doc, pod, container, { previous, tail, sinceSeconds, sinceTime, timestamps, limitBytes })
 *
 * Errors carry the kubelet's / API server's message (all are BadRequest for kubectl).
 */
import type { KObject } from '../api/types.js';
import type { ClusterDoc } from '../api/state.js';
import type { ResourceInfo } from '../api/registry.js';
import { groupResource } from '../api/registry.js';
import type { Reader } from './env.js';
import { instanceSnap, kubeletData, type ContainerRt, type Instance, type PodRt } from './kubelet.js';
import { replay, serverReadyAt, stopBehaviour, type Sibling } from './program.js';
import { serverFor } from './servers.js';
import { clusterNet } from './network.js';
import type { Output } from './shell.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface LogOptions {
  previous?: boolean;
  tail?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
  /** Simulated now (defaults to when the cluster last settled). */
  now?: number;
}

export class LogError extends Error {
  readonly reason = 'BadRequest';
}

/** The most lines a container's log holds (what log rotation would leave). */
export const MAX_LOG_LINES = 50_000;

/** Object reads straight from the document (for callers outside the engine). */
export function docReader(doc: ClusterDoc): Reader {
  return {
    get: (ri: ResourceInfo, ns: string | undefined, name: string) => doc.objects[groupResource(ri)]?.[ri.namespaced ? `${ns ?? ''}/${name}` : name],
    list: (ri: ResourceInfo, ns?: string) => {
      const all = Object.values(doc.objects[groupResource(ri)] ?? {});
      return ns === undefined || !ri.namespaced ? all : all.filter((o) => o.metadata.namespace === ns);
    },
  };
}

/** RFC3339Nano as Go prints it (trailing zeros trimmed), with a deterministic sub-millisecond part. */
export function logTimestamp(ms: number, seq: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  const nanos = String(Math.floor(ms % 1000) * 1_000_000 + ((seq * 7919 + 104729) % 1_000_000)).padStart(9, '0').replace(/0+$/, '');
  return `${iso.slice(0, 19)}${nanos ? '.' + nanos : ''}Z`;
}

function runtimeFor(doc: ClusterDoc, pod: KObject): PodRt | undefined {
  const d = kubeletData(doc);
  const rt = d.pods[pod.metadata.uid!];
  return rt;
}

function siblings(rt: PodRt, self: ContainerRt): Sibling[] {
  return rt.cs.filter((c) => c !== self && c.cur?.snap?.shared.length).map((c) => ({ snap: c.cur!.snap!, start: c.cur!.start, end: c.cur!.end }));
}

/** Which container instance a logs request reads (the kubelet's validateContainerLogStatus). */
function pickInstance(pod: KObject, name: string, c: ContainerRt | undefined, previous: boolean): Instance | undefined {
  const statuses: any[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const podName = pod.metadata.name;
  const cs = statuses.find((s) => s.name === name);
  if (!cs || !c) throw new LogError(`container "${name}" in pod "${podName}" is waiting to start: ContainerCreating`);
  const byId = (id: string | undefined) => (id ? [c.cur, c.prev].find((i) => i?.id === id) : undefined);
  const last = cs.lastState?.terminated;
  const st = cs.state ?? {};
  if (previous) {
    if (!last?.containerID) throw new LogError(`previous terminated container "${name}" in pod "${podName}" not found`);
    return byId(last.containerID);
  }
  if (st.running) return byId(cs.containerID);
  if (st.terminated) {
    if (st.terminated.containerID) return byId(st.terminated.containerID);
    if (last?.containerID) return byId(last.containerID);
    throw new LogError(`container "${name}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw new LogError(`container "${name}" in pod "${podName}" is terminated`);
    return byId(last.containerID);
  }
  if (st.waiting) {
    const reason = st.waiting.reason;
    if (reason === 'ErrImagePull') throw new LogError(`container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
    if (reason === 'ImagePullBackOff') throw new LogError(`container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    throw new LogError(`container "${name}" in pod "${podName}" is waiting to start: ${reason}`);
  }
  throw new LogError(`container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
}

/** The log lines of one container instance up to `now`. */
export function instanceLines(reader: Reader, pod: KObject, rt: PodRt, c: ContainerRt, inst: Instance, now: number, maxLines = MAX_LOG_LINES, instant = false): Output[] {
  if (inst.startError) return [];
  const snap = instanceSnap(reader, pod, c, inst, rt.ip ?? '');
  if (!snap) return [];
  // On the instant profile a server is up at once: what it writes until it is ready is already there.
  const horizon = instant && snap.kind === 'server' ? Math.max(now, serverReadyAt(snap, inst.start)) : now;
  const end = Math.min(horizon, inst.end ?? Infinity);
  const run = replay(snap, inst.start, end, maxLines, siblings(rt, c), undefined, clusterNet(reader, pod));
  const lines = [...run.lines];
  if (inst.stopAt !== undefined && inst.stopAt <= end && inst.end !== undefined) {
    const grace = (inst.stopDone ?? inst.stopAt) - inst.stopAt;
    for (const l of stopBehaviour(snap, inst.start, inst.stopAt, Math.max(grace, 1)).lines) if (l.at <= end) lines.push(l);
  }
  lines.push(...probeRequests(pod, rt, c, inst, snap, end, maxLines));
  lines.sort((a, b) => a.at - b.at);
  return lines.length > maxLines ? lines.slice(lines.length - maxLines) : lines;
}

/** Access-log lines a server writes for the kubelet's HTTP probes (the prober ticks from admission). */
function probeRequests(pod: KObject, rt: PodRt, c: ContainerRt, inst: Instance, snap: ReturnType<typeof instanceSnap>, end: number, maxLines: number): Output[] {
  if (!snap || snap.kind !== 'server') return [];
  const server = serverFor(snap.image);
  if (!server?.accessLog || !server.http) return [];
  const spec = (c.init ? pod.spec?.initContainers : pod.spec?.containers)?.find((x: any) => x.name === c.name);
  const out: Output[] = [];
  const ctx = { start: inst.start, podIP: snap.podIP, image: snap.image, env: new Map(snap.env) };
  const from = (snap.podIP || '10.244.0.2').replace(/\.\d+$/, '.1');
  const ready = serverReadyAt(snap, inst.start);
  for (const kind of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
    const probe = spec?.[kind];
    if (!probe?.httpGet) continue;
    const port = typeof probe.httpGet.port === 'number' ? probe.httpGet.port : (spec.ports ?? []).find((p: any) => p.name === probe.httpGet.port)?.containerPort ?? Number(probe.httpGet.port);
    if (!server.ports.includes(port)) continue;
    const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
    const earliest = Math.max(inst.start + (probe.initialDelaySeconds ?? 0) * 1000, ready);
    let t = rt.admitted + Math.max(1, Math.ceil((earliest - rt.admitted) / period)) * period;
    const n = Math.floor((end - t) / period) + 1;
    if (n > maxLines) t += (n - maxLines) * period;
    const path = probe.httpGet.path ?? '/';
    for (; t <= end; t += period) out.push(server.accessLog(ctx, t, path, server.http(path), from));
  }
  return out;
}

/** `kubectl logs POD -c CONTAINER`: the text the kubelet would return. */
export function readLogs(doc: ClusterDoc, pod: KObject, container: string, opts: LogOptions = {}): string {
  const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].find((c: any) => c.name === container);
  if (!spec) throw new LogError(`container ${container} is not valid for pod ${pod.metadata.name}`);
  if (!pod.spec?.nodeName) return '';
  const rt = runtimeFor(doc, pod);
  const c = rt?.cs.find((x) => x.name === container);
  const inst = pickInstance(pod, container, c, !!opts.previous);
  if (!inst || !rt || !c) return '';
  const now = opts.now ?? doc.cluster.settledAt;
  const tail = opts.tail !== undefined && opts.tail >= 0 ? opts.tail : undefined;
  let lines = instanceLines(docReader(doc), pod, rt, c, inst, now, tail ?? MAX_LOG_LINES, doc.cluster.profile === 'instant');
  let since: number | undefined;
  if (opts.sinceSeconds !== undefined) since = now - opts.sinceSeconds * 1000;
  if (opts.sinceTime) since = Date.parse(opts.sinceTime);
  if (since !== undefined) lines = lines.filter((l) => l.at >= since!);
  if (tail !== undefined) lines = tail === 0 ? [] : lines.slice(-tail);
  let out = lines.map((l, i) => (opts.timestamps ? `${logTimestamp(l.at, i + inst.n * 1000)} ` : '') + l.text + '\n').join('');
  if (opts.limitBytes !== undefined && opts.limitBytes >= 0) out = Buffer.from(out).subarray(0, opts.limitBytes).toString();
  return out;
}
