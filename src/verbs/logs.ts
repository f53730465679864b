/** `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]`, over the pods/log subresource. */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { ApiServer } from '../api/server.js';
import type { KObject } from '../api/types.js';
import { forGroupResource } from '../api/registry.js';
import { isStatusError } from '../api/errors.js';
import { podLogs, allContainers, type PodLogOptions } from '../api/pods.js';
import { CliError } from '../cli/errors.js';
import { usageError } from './create/common.js';
import { parseDuration } from './util/wait.js';
import { objectForArg, podsForObject, defaultContainer, findContainer } from './util/attachable.js';
import { parseRFC3339 } from '../util/rfc3339.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

interface Request {
  pod: KObject;
  container: string;
}

/** The log requests for an object (polymorphichelpers.logsForObject / allPodLogsForObject). */
export function requestsFor(api: ApiServer, obj: KObject, container: string, allContainers_: boolean, allPods: boolean, warn: (s: string) => void): Request[] {
  if (obj.kind === 'Pod') {
    if (allContainers_) return allContainers(obj).map((c: any) => ({ pod: obj, container: c.name }));
    // With --all-pods the defaulted container goes unsaid.
    const name = container || defaultContainer(obj, allPods ? () => undefined : warn, { forLogs: true });
    if (!findContainer(obj, name)) throw new CliError(`container ${name} is not valid for pod ${obj.metadata.name}`);
    return [{ pod: obj, container: name }];
  }
  const pods = podsForObject(api, obj, 'logging', 'cannot get the logs from');
  if (!pods.length) throw new CliError('timed out waiting for the condition');
  if (allPods) return pods.flatMap((p) => requestsFor(api, p, container, allContainers_, true, warn));
  if (pods.length > 1) warn(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
  return requestsFor(api, pods[0], container, allContainers_, false, warn);
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const selector = (v.selector as string) ?? '';
  let container = (v.container as string) ?? '';
  let resource = '';
  switch (p.args.length) {
    case 0:
      if (!selector) throw usageError(ctx, USAGE);
      break;
    case 1:
      resource = p.args[0];
      if (selector) throw usageError(ctx, 'only a selector (-l) or a POD name is allowed');
      break;
    case 2:
      resource = p.args[0];
      container = p.args[1];
      break;
    default:
      throw usageError(ctx, USAGE);
  }
  const allPods = v['all-pods'] === true;
  const prefix = v.prefix === true || allPods;
  const all = v['all-containers'] === true;
  // LogsOptions.ToLogOptions: --since-time is RFC 3339 (sent with second precision); --since rounds to the nearest second.
  const opts: PodLogOptions = { previous: v.previous === true, timestamps: v.timestamps === true };
  if (v['since-time']) opts.sinceTime = new Date(Math.floor(parseRFC3339(v['since-time'] as string) / 1000) * 1000).toISOString();
  const limitBytes = v['limit-bytes'] as number;
  if (limitBytes !== 0) opts.limitBytes = limitBytes;
  const sinceMs = parseDuration(v.since as string);
  if (sinceMs !== 0) opts.sinceSeconds = Math.sign(sinceMs) * Math.round(Math.abs(sinceMs) / 1000);
  const tail = v.tail as number;
  if (selector && tail === -1 && !p.changed.has('tail')) opts.tailLines = 10;
  else if (tail !== -1) opts.tailLines = tail;
  const ns = ctx.namespace();
  const session = await ctx.cluster();
  const warn = (s: string) => ctx.io.err(s);
  const requests = await session.tx((api) => {
    let objs: KObject[];
    if (selector) {
      objs = api.list(PODS, ns, { labelSelector: selector });
      if (!objs.length) ctx.io.err(`No resources found in ${ns} namespace.\n`);
    } else {
      try {
        objs = [objectForArg(api, resource, ns)];
      } catch (e) {
        if (isStatusError(e) && e.reason === 'NotFound') throw new CliError(`error from server (NotFound): ${e.message} in namespace ${JSON.stringify(ns)}`);
        throw e;
      }
    }
    // LogsOptions.Validate, once the objects are found.
    if (v['since-time'] && sinceMs !== 0) throw new CliError('at most one of `sinceTime` or `sinceSeconds` may be specified');
    if (all && container) throw new CliError(`--all-containers=true should not be specified with container name ${container}`);
    if (p.changed.has('container') && p.args.length === 2) throw new CliError('only one of -c or an inline [CONTAINER] arg is allowed');
    if (limitBytes < 0) throw new CliError('--limit-bytes must be greater than 0');
    if (opts.sinceSeconds !== undefined && opts.sinceSeconds < 0) throw new CliError('--since must be greater than 0');
    if (opts.tailLines !== undefined && opts.tailLines < -1) throw new CliError('--tail must be greater than or equal to -1');
    return objs.flatMap((o) => requestsFor(api, o, container, all, allPods, warn));
  });
  const follow = v.follow === true;
  const max = v['max-log-requests'] as number;
  if (follow && requests.length > 1 && requests.length > max) {
    throw new CliError(`you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
  }
  const write = (r: Request, text: string) => {
    if (!text) return;
    if (!prefix) return ctx.io.out(text);
    const pre = `[pod/${r.pod.metadata.name}/${r.container}] `;
    ctx.io.out(text.replace(/[^\n]*\n|[^\n]+$/g, (line) => pre + line));
  };
  /** Lines already written per request, for --follow. */
  const seen = new Map<Request, number>();
  for (const r of requests) {
    try {
      const text = await session.tx((api) => podLogs(api, r.pod.metadata.namespace!, r.pod.metadata.name!, { ...opts, container: r.container }));
      write(r, text);
      if (follow) seen.set(r, await session.tx((api) => lineCount(api, r, opts)));
    } catch (e) {
      if (v['ignore-errors'] !== true) throw e;
      ctx.io.out(`error: ${(e as Error).message}\n`);
    }
  }
  if (follow) await followLogs(ctx, requests, seen, opts, write);
  return 0;
}

/** How many lines the container's current log holds. */
function lineCount(api: ApiServer, r: Request, opts: PodLogOptions): number {
  const text = podLogs(api, r.pod.metadata.namespace!, r.pod.metadata.name!, { container: r.container, previous: opts.previous });
  return text ? text.split('\n').length - 1 : 0;
}

/**
 * -f: new lines as the simulated containers write them, until every followed container has
 * stopped (or, on a fixed clock, a minute of simulated time passes with nothing new).
 */
async function followLogs(ctx: Ctx, requests: Request[], seen: Map<Request, number>, opts: PodLogOptions, write: (r: Request, text: string) => void): Promise<void> {
  const session = await ctx.cluster();
  const fixed = ctx.env.KUBEMU_NOW !== undefined;
  let quietSince = await session.tx((api) => api.now);
  for (;;) {
    const { done, now, wrote } = await session.tx((api) => {
      let running = 0;
      let wrote = false;
      for (const r of requests) {
        const pod = api.peek(PODS, r.pod.metadata.namespace, r.pod.metadata.name!);
        if (!pod || pod.metadata.uid !== r.pod.metadata.uid) continue;
        let text = '';
        try {
          text = podLogs(api, pod.metadata.namespace!, pod.metadata.name!, { container: r.container, previous: opts.previous, timestamps: opts.timestamps });
        } catch {
          continue;
        }
        const lines = text ? text.split('\n').slice(0, -1) : [];
        const from = seen.get(r) ?? 0;
        if (lines.length > from) {
          write(r, lines.slice(from).map((l) => l + '\n').join(''));
          seen.set(r, lines.length);
          wrote = true;
        }
        const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((c: any) => c.name === r.container);
        if (!opts.previous && !st?.state?.terminated) running++;
      }
      return { done: running === 0, now: api.now, wrote };
    });
    ctx.io.flush?.();
    if (done) return;
    if (wrote) quietSince = now;
    if (fixed && now - quietSince >= 60_000) return;
    if (!(await session.step(1000)) && fixed) return;
  }
}

export const verb: VerbModule = {
  use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  long: `Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.`,
  example: `  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx
  
  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kubectl logs nginx --prefix
  
  # Return snapshot logs from pod nginx, limiting output to 500 bytes
  kubectl logs nginx --limit-bytes=500
  
  # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
  kubectl logs nginx --pod-running-timeout=20s
  
  # Return snapshot logs from pod nginx with multi containers
  kubectl logs nginx --all-containers=true
  
  # Return snapshot logs from all pods in the deployment nginx
  kubectl logs deployment/nginx --all-pods=true
  
  # Return snapshot logs from all containers in pods defined by label app=nginx
  kubectl logs -l app=nginx --all-containers=true
  
  # Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods
  kubectl logs -l app=nginx --max-log-requests=10
  
  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1
  
  # Begin streaming the logs from pod nginx, continuing even if errors occur
  kubectl logs nginx -f --ignore-errors=true
  
  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1
  
  # Begin streaming the logs from all containers in pods defined by label app=nginx
  kubectl logs -f -l app=nginx --all-containers=true
  
  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx
  
  # Show all logs from pod nginx written in the last hour
  kubectl logs --since=1h nginx
  
  # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
  kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true
  
  # Show logs from a kubelet with an expired serving certificate
  kubectl logs --insecure-skip-tls-verify-backend nginx
  
  # Return snapshot logs from first container of a job named hello
  kubectl logs job/hello
  
  # Return snapshot logs from container nginx-1 of a deployment named nginx
  kubectl logs deployment/nginx -c nginx-1`,
  flags: [
    { name: 'all-containers', type: 'bool', usage: 'Get all containers\' logs in the pod(s).' },
    { name: 'all-pods', type: 'bool', usage: 'Get logs from all pod(s). Sets prefix to true.' },
    { name: 'container', short: 'c', type: 'string', usage: 'Print the logs of this container' },
    { name: 'follow', short: 'f', type: 'bool', usage: 'Specify if the logs should be streamed.' },
    { name: 'ignore-errors', type: 'bool', usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
    {
      name: 'insecure-skip-tls-verify-backend',
      type: 'bool',
      usage: 'Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.',
    },
    { name: 'limit-bytes', type: 'int', default: 0, usage: 'Maximum bytes of logs to return. Defaults to no limit.' },
    { name: 'max-log-requests', type: 'int', default: 5, usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
    { name: 'pod-running-timeout', type: 'duration', default: '20s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'prefix', type: 'bool', usage: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'previous', short: 'p', type: 'bool', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    },
    { name: 'since', type: 'duration', default: '0s', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'since-time', type: 'string', usage: 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'tail', type: 'int', default: -1, usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { name: 'timestamps', type: 'bool', usage: 'Include timestamps on each line in the log output' },
  ],
  run,
};
