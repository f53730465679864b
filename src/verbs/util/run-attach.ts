/**
 * `kubectl run -i/-t/--attach [--rm]`: wait for the pod to run and be ready (or to have finished),
 * show its container's output until the process exits, then wait for the exit code as kubectl does
 * for --restart=Never/OnFailure, and delete what run created with --rm.
 *
 * kubectl attaches to a pod it sees running and ready (saying "If you don't see a command prompt,
 * try pressing enter."), and streams the logs of a pod that finished first. The simulated process has
 * no terminal to attach to: in both cases what it writes is its log.
 */
import type { Ctx } from '../../cli/types.js';
import type { KObject } from '../../api/types.js';
import { forGroupResource, lookupResource, kindPrefix, type ResourceInfo } from '../../api/registry.js';
import { podLogs } from '../../api/pods.js';
import { notFoundError, type StatusError } from '../../api/errors.js';
import type { Propagation } from '../../api/server.js';
import { CliError, ExitError } from '../../cli/errors.js';
import { defaultContainer, findContainer } from './attachable.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;

export interface AttachOptions {
  restart: string;
  remove: boolean;
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
  leaveStdinOpen: boolean;
  timeoutMs: number;
  /** The deletion propagation for --rm (from --cascade). */
  propagation: Propagation;
}

const ready = (p: KObject) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const finished = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** What kubectl's watch condition returns when the pod is deleted: a NotFound for an unnamed pod. */
const podGone = (): StatusError => notFoundError({ group: '', resource: 'pods' }, '');

export async function attachToPod(ctx: Ctx, created: KObject, objects: KObject[], o: AttachOptions): Promise<number> {
  const session = await ctx.cluster();
  const ns = created.metadata.namespace!;
  const name = created.metadata.name!;
  const fixed = ctx.env.KUBEMU_NOW !== undefined;
  const start = await session.tx((api) => api.now);
  let result: { code: number; error?: Error } = { code: 0 };
  try {
    // waitForPod(podRunningAndReady): running and ready, or already finished.
    let pod: KObject;
    for (;;) {
      const r = await session.tx((api) => ({ pod: api.peek(PODS, ns, name), now: api.now }));
      if (!r.pod) throw podGone();
      pod = r.pod;
      if (finished(pod) || (pod.status?.phase === 'Running' && ready(pod))) break;
      if (r.now - start >= o.timeoutMs || !(await session.step(Math.min(1000, start + o.timeoutMs - r.now)))) throw new CliError('timed out waiting for the condition');
    }
    const warn = (s: string) => ctx.io.err(s);
    const container = defaultContainer(pod, warn, { quiet: o.quiet });
    const attached = !finished(pod);
    let rawTTY = false;
    if (attached) {
      // AttachOptions.Run: the TTY follows the container's; SetupTTY needs -i and a terminal.
      let tty = o.tty;
      const spec = findContainer(pod, container);
      if (tty && !spec?.tty) {
        tty = false;
        if (!o.quiet) warn(`error: Unable to use a TTY - container ${container} did not allocate one\n`);
      } else if (!tty && spec?.tty) tty = true;
      if (!o.stdin) tty = false;
      else if (tty && !ctx.io.stdinIsTTY) {
        tty = false;
        if (!o.quiet) warn('Unable to use a TTY - input is not a terminal or the right kind of file\n');
      }
      rawTTY = tty;
      if (!o.quiet) warn("If you don't see a command prompt, try pressing enter.\n");
    }
    // What the container writes, until its process ends.
    let shown = 0;
    let quietSince = start;
    const restarts = (p: KObject | undefined) => p?.status?.containerStatuses?.find((c: any) => c.name === container)?.restartCount ?? 0;
    const firstRestarts = restarts(pod);
    for (;;) {
      const { text, pod: now_, now } = await session.tx((api) => {
        const p = api.peek(PODS, ns, name);
        let text = '';
        try {
          // A container that restarted since: the rest of what the instance followed wrote.
          if (p) text = podLogs(api, ns, name, { container, previous: restarts(p) > firstRestarts });
        } catch {
          /* not started yet */
        }
        return { text, pod: p, now: api.now };
      });
      const lines = text ? text.split('\n').slice(0, -1) : [];
      if (lines.length > shown) {
        ctx.io.out(lines.slice(shown).map((l) => l + '\n').join(''));
        shown = lines.length;
        quietSince = now;
      }
      ctx.io.flush?.();
      const st = now_?.status?.containerStatuses?.find((c: any) => c.name === container);
      if (!now_ || !attached || finished(now_) || st?.state?.terminated || restarts(now_) > firstRestarts) break;
      if (fixed && now - quietSince >= 60_000) break;
      if (!(await session.step(1000)) && fixed) break;
    }
    if (attached && !o.quiet && o.stdin && rawTTY && pod.spec?.restartPolicy === 'Always') {
      ctx.io.out(`Session ended, resume using 'kubectl attach ${name} -c ${container} -i -t' command when the pod is running\n`);
    }
    if (!o.leaveStdinOpen && (o.restart === 'Never' || o.restart === 'OnFailure')) {
      // waitForPod(podCompleted) for Never, waitForPod(podSucceeded) for OnFailure.
      let last: KObject;
      for (;;) {
        const r = await session.tx((api) => ({ pod: api.peek(PODS, ns, name), now: api.now }));
        if (!r.pod) throw podGone();
        last = r.pod;
        if (last.status?.phase === 'Succeeded' || (o.restart === 'Never' && last.status?.phase === 'Failed')) break;
        if (r.now - start >= o.timeoutMs || !(await session.step(1000))) throw new CliError('timed out waiting for the condition');
      }
      if (last.status?.phase === 'Failed') {
        const term = last.status.containerStatuses?.[0]?.state?.terminated;
        if (!term || !term.exitCode) result = { code: 1, error: new CliError(`pod ${ns}/${name} failed with unknown exit code`) };
        else result = { code: term.exitCode, error: new Error(`pod ${ns}/${name} terminated (${term.reason ?? ''})\n${term.message ?? ''}`) };
      }
    }
  } finally {
    if (o.remove) await removeCreated(ctx, objects, o);
  }
  if (result.error) {
    if (result.error instanceof CliError) throw result.error;
    // A container's exit: kubectl prints the bare message and exits with its code.
    ctx.io.err(result.error.message.endsWith('\n') ? result.error.message : result.error.message + '\n');
    throw new ExitError(result.code);
  }
  return 0;
}

/** removeCreatedObjects: delete what run created, in creation order, ignoring what is already gone. */
async function removeCreated(ctx: Ctx, objects: KObject[], o: AttachOptions): Promise<void> {
  const session = await ctx.cluster();
  const lines = await session.tx(
    (api) =>
      objects.map((obj) => {
        const ri: ResourceInfo = lookupResource(obj.kind!.toLowerCase())!;
        if (!api.peek(ri, obj.metadata.namespace, obj.metadata.name!)) return 'No resources found\n';
        api.delete(ri, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: o.propagation });
        return o.quiet ? '' : `${kindPrefix(ri)} "${obj.metadata.name}" deleted\n`;
      }),
    { write: true },
  );
  ctx.io.out(lines.join(''));
}
