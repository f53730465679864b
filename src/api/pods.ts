/**
 * The pods/log and pods/exec subresources: the API server's own checks (the pod exists, the
 * container is one of the pod's, the pod is on a node), then the node's answer, which the simulated
 * kubelet gives (src/kubelet/logs.ts, src/kubelet/exec.ts). Errors are the API server's
 * StatusErrors; a stream the kubelet refuses to open is a StreamError with the kubelet's text.
 *
 *   podLogs(api, ns, name, { container, previous, tailLines, sinceSeconds, sinceTime, timestamps, limitBytes })
 *   podExec(api, ns, name, { container, command, stdin }) → { stdout, stderr, exitCode }
 */
import type { ApiServer } from './server.js';
import type { KObject } from './types.js';
import { lookupResource, type ResourceInfo } from './registry.js';
import { badRequestError } from './errors.js';
import { readLogs, LogError } from '../kubelet/logs.js';
import { execInContainer, ExecError, type ExecResult } from '../kubelet/exec.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const PODS: ResourceInfo = lookupResource('pods')!;

/** corev1.PodLogOptions, as the API server receives them. */
export interface PodLogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

export interface PodExecOptions {
  container?: string;
  command: string[];
  /** All of the client's standard input, when it sends one. */
  stdin?: string;
}

/** The node refused to open a stream (kubectl prints it as a plain error). */
export class StreamError extends Error {}

function containerNames(list: any[] | undefined): string[] {
  return (list ?? []).map((c) => c.name);
}

/** The pod's containers of every kind, in the order the API server visits them. */
export function allContainers(pod: KObject): any[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
}

/** The API server's choice of container for a log request (LogLocation). */
function logContainer(pod: KObject, container: string | undefined): string {
  const name = pod.metadata.name ?? '';
  if (!container) {
    const cs = containerNames(pod.spec?.containers);
    if (cs.length === 1) return cs[0];
    if (cs.length === 0) throw badRequestError(`a container name must be specified for pod ${name}`);
    let msg = `a container name must be specified for pod ${name}, choose one of: [${cs.join(' ')}]`;
    const init = containerNames(pod.spec?.initContainers);
    if (init.length) msg += ` or one of the init containers: [${init.join(' ')}]`;
    const eph = containerNames(pod.spec?.ephemeralContainers);
    if (eph.length) msg += ` or one of the ephemeral containers: [${eph.join(' ')}]`;
    throw badRequestError(msg);
  }
  if (!allContainers(pod).some((c) => c.name === container)) throw badRequestError(`container ${container} is not valid for pod ${name}`);
  return container;
}

/** The API server's choice of container for exec and attach (streamLocation's validateContainer). */
function streamContainer(pod: KObject, container: string | undefined): string {
  const name = pod.metadata.name ?? '';
  if (!container) {
    const cs = containerNames(pod.spec?.containers);
    if (cs.length === 1) return cs[0];
    if (cs.length === 0) throw badRequestError(`a container name must be specified for pod ${name}`);
    throw badRequestError(`a container name must be specified for pod ${name}, choose one of: [${containerNames(allContainers(pod)).join(' ')}]`);
  }
  if (!allContainers(pod).some((c) => c.name === container)) throw badRequestError(`container ${container} is not valid for pod ${name}`);
  return container;
}

/**
 * What a container with a terminal writes passes through the terminal's line discipline, which
 * ends every line with "\r\n"; its log records exactly that.
 */
function throughTerminal(pod: KObject, container: string, text: string): string {
  const spec = allContainers(pod).find((c) => c.name === container);
  return spec?.tty ? text.replace(/\r?\n/g, '\r\n') : text;
}

/** GET pods/NAME/log: the container's log as the kubelet returns it (empty while unscheduled). */
export function podLogs(api: ApiServer, ns: string, name: string, opts: PodLogOptions = {}): string {
  const pod = api.get(PODS, ns, name);
  const container = logContainer(pod, opts.container);
  if (!pod.spec?.nodeName) return '';
  let text: string;
  try {
    text = readLogs(api.doc, pod, container, {
      previous: opts.previous,
      tail: opts.tailLines,
      sinceSeconds: opts.sinceSeconds,
      sinceTime: opts.sinceTime,
      timestamps: opts.timestamps,
      now: api.now,
    });
  } catch (e) {
    if (e instanceof LogError) throw badRequestError(e.message);
    throw e;
  }
  text = throughTerminal(pod, container, text);
  if (opts.limitBytes !== undefined && opts.limitBytes > 0) text = Buffer.from(text).subarray(0, opts.limitBytes).toString();
  return text;
}

/** POST pods/NAME/exec: runs a command in a running container and returns what it wrote. */
export function podExec(api: ApiServer, ns: string, name: string, opts: PodExecOptions): ExecResult {
  const pod = api.get(PODS, ns, name);
  const container = streamContainer(pod, opts.container);
  if (!pod.spec?.nodeName) throw badRequestError(`pod ${name} does not have a host assigned`);
  try {
    return execInContainer(api.doc, pod, container, opts.command, { stdin: opts.stdin, now: api.now });
  } catch (e) {
    if (e instanceof ExecError) throw new StreamError(e.message);
    throw e;
  }
}
