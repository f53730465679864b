/**
 * `kubectl run -i/-t/--attach [--rm]`: wait for the pod to run, show its container's output until the
 * process exits (the simulated container has no terminal: its output is its log), then return the
 * exit code as kubectl does for --restart=Never/OnFailure, and delete what run created with --rm.
 */
import type { Ctx } from '../../cli/types.js';
import type { KObject } from '../../api/types.js';
import { forGroupResource, lookupResource, kindPrefix } from '../../api/registry.js';
import { podLogs } from '../../api/pods.js';
import { CliError, ExitError } from '../../cli/errors.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;

export interface AttachOptions {
  restart: string;
  remove: boolean;
  tty: boolean;
  quiet: boolean;
  timeoutMs: number;
}

const ready = (p: KObject) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const finished = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export async function attachToPod(ctx: Ctx, created: KObject, objects: KObject[], o: AttachOptions): Promise<number> {
  const session = await ctx.cluster();
  const ns = created.metadata.namespace!;
  const name = created.metadata.name!;
  const container = created.spec.containers[0].name;
  const fixed = ctx.env.KUBEMU_NOW !== undefined;
  const start = await session.tx((api) => api.now);
  let result: { code: number; error?: Error } = { code: 0 };
  try {
    // Running and ready, or already finished.
    for (;;) {
      const { pod, now } = await session.tx((api) => ({ pod: api.peek(PODS, ns, name), now: api.now }));
      if (!pod) throw new CliError(`pods "${name}" not found`);
      if (finished(pod) || (pod.status?.phase === 'Running' && ready(pod))) break;
      if (now - start >= o.timeoutMs || !(await session.step(Math.min(1000, start + o.timeoutMs - now)))) throw new CliError('timed out waiting for the condition');
    }
    if (o.tty && !ctx.io.stdoutIsTTY && !o.quiet) ctx.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    if (o.tty && ctx.io.stdoutIsTTY && !o.quiet) ctx.io.err("If you don't see a command prompt, try pressing enter.\n");
    // What the container writes, until its process ends.
    let shown = 0;
    let quietSince = start;
    for (;;) {
      const { text, pod, now } = await session.tx((api) => {
        const pod = api.peek(PODS, ns, name);
        let text = '';
        try {
          if (pod) text = podLogs(api, ns, name, { container });
        } catch {
          /* not started yet */
        }
        return { text, pod, now: api.now };
      });
      const lines = text ? text.split('\n').slice(0, -1) : [];
      if (lines.length > shown) {
        ctx.io.out(lines.slice(shown).map((l) => l + '\n').join(''));
        shown = lines.length;
        quietSince = now;
      }
      ctx.io.flush?.();
      const st = pod?.status?.containerStatuses?.find((c: any) => c.name === container);
      if (!pod || finished(pod) || st?.state?.terminated || (st?.restartCount ?? 0) > 0) break;
      if (fixed && now - quietSince >= 60_000) break;
      if (!(await session.step(1000)) && fixed) break;
    }
    if (o.restart === 'Never' || o.restart === 'OnFailure') {
      let pod: KObject | undefined;
      for (;;) {
        const r = await session.tx((api) => ({ pod: api.peek(PODS, ns, name), now: api.now }));
        pod = r.pod;
        if (!pod) break;
        if (pod.status?.phase === 'Succeeded' || (o.restart === 'Never' && pod.status?.phase === 'Failed')) break;
        if (r.now - start >= o.timeoutMs || !(await session.step(1000))) throw new CliError('timed out waiting for the condition');
      }
      if (pod?.status?.phase === 'Failed') {
        const term = pod.status.containerStatuses?.[0]?.state?.terminated;
        if (!term || !term.exitCode) result = { code: 1, error: new CliError(`pod ${ns}/${name} failed with unknown exit code`) };
        else result = { code: term.exitCode, error: new Error(`pod ${ns}/${name} terminated (${term.reason ?? ''})\n${term.message ?? ''}`) };
      }
    }
  } finally {
    if (o.remove) {
      const lines = await session.tx(
        (api) =>
          objects.map((obj) => {
            const ri = lookupResource(obj.kind!.toLowerCase())!;
            try {
              api.delete(ri, obj.metadata.namespace, obj.metadata.name!);
              return `${kindPrefix(ri)} "${obj.metadata.name}" deleted\n`;
            } catch {
              return '';
            }
          }),
        { write: true },
      );
      ctx.io.out(lines.join(''));
    }
  }
  if (result.error) {
    if (result.error instanceof CliError) throw result.error;
    // kubectl prints a container's exit as the bare message and exits with its code.
    ctx.io.err(result.error.message.endsWith('\n') ? result.error.message : result.error.message + '\n');
    throw new ExitError(result.code);
  }
  return 0;
}
