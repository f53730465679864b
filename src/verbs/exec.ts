/** `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] -- COMMAND [args...]`: one-shot commands through the simulated container. */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { podExec, StreamError } from '../api/pods.js';
import { CliError, ExitError } from '../cli/errors.js';
import { usageError } from './create/common.js';
import { objectForArg, podsForObject, defaultContainer } from './util/attachable.js';
import { readObjects } from './util/manifests.js';

/** The object -f names: the builder implies a single item only for one plain file holding one object. */
async function objectFromFiles(ctx: Ctx, files: string[]): Promise<KObject> {
  const { items, errors } = await readObjects(ctx, files, false, ctx.namespace(), ctx.namespaceExplicit());
  if (errors.length) throw errors[0];
  const single = files.length === 1 && files[0] !== '-' && !isDir(ctx, files[0]);
  if (!single || items.length !== 1) throw new CliError('cannot exec into multiple objects at a time');
  return items[0].obj;
}

function isDir(ctx: Ctx, f: string): boolean {
  try {
    return statSync(resolve(ctx.cwd, f)).isDirectory();
  } catch {
    return false;
  }
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const files = (v.filename as string[]) ?? [];
  const atDash = p.argsLenAtDash ?? -1;
  // ExecOptions.Complete
  const resource = p.args.length && atDash !== 0 ? p.args[0] : '';
  let command: string[] = [];
  if (atDash > -1) command = p.args.slice(atDash);
  else if (p.args.length > 1 || (p.args.length > 0 && files.length)) throw usageError(ctx, 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  // ExecOptions.Validate
  if (!resource && !files.length) throw new CliError('pod, type/name or --filename must be specified');
  if (!command.length) throw new CliError('you must specify at least one command for the container');
  const quiet = v.quiet === true;
  if (files.length && resource) throw new CliError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const fromFile = files.length ? await objectFromFiles(ctx, files) : undefined;
  const stdin = v.stdin === true ? await ctx.io.readStdin() : undefined;
  const session = await ctx.cluster();
  const res = await session.tx(
    (api) => {
      const obj = fromFile ?? objectForArg(api, resource, ctx.namespace());
      const pod = podsForObject(api, obj, 'active', 'cannot attach to')[0];
      if (!pod) throw new CliError('timed out waiting for the condition');
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') throw new CliError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
      const container = (v.container as string) || defaultContainer(pod, (s) => ctx.io.err(s), { quiet });
      // StreamOptions.SetupTTY: a TTY needs -i and a terminal on standard input.
      if (v.stdin === true && v.tty === true && !ctx.io.stdinIsTTY && !quiet) ctx.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
      try {
        return podExec(api, pod.metadata.namespace ?? ctx.namespace(), pod.metadata.name!, { container, command, stdin });
      } catch (e) {
        if (e instanceof StreamError) throw new CliError(e.message);
        throw e;
      }
    },
    { write: true },
  );
  if (res.stdout) ctx.io.out(res.stdout);
  if (res.stderr) ctx.io.err(res.stderr);
  if (res.exitCode !== 0) {
    ctx.io.err(`command terminated with exit code ${res.exitCode}\n`);
    throw new ExitError(res.exitCode);
  }
  return 0;
}

export const verb: VerbModule = {
  use: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  long: 'Execute a command in a container.',
  example: `  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date
  
  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date
  
  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl exec mypod -c ruby-container -i -t -- bash -il
  
  # List contents of /usr from the first container of pod mypod and sort by modification time
  # If the command you want to execute in the pod has any flags in common (e.g. -i),
  # you must use two dashes (--) to separate your command's flags/arguments
  # Also note, do not surround your command and its flags/arguments with quotes
  # unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
  kubectl exec mypod -i -t -- ls -t /usr
  
  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubectl exec deploy/mydeployment -- date
  
  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default
  kubectl exec svc/myservice -- date`,
  flags: [
    {
      name: 'container',
      short: 'c',
      type: 'string',
      usage:
        'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
    },
    { name: 'filename', short: 'f', type: 'stringSlice', usage: 'to use to exec into the resource' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only print output from the remote session' },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Stdin is a TTY' },
  ],
  run,
};
