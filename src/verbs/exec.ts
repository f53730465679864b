/** `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] -- COMMAND [args...]`: one-shot commands through the simulated container. */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import { podExec, StreamError } from '../api/pods.js';
import { CliError, ExitError } from '../cli/errors.js';
import { usageError } from './create/common.js';
import { attachableObject, podsForObject, defaultContainer } from './util/attachable.js';

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const atDash = p.argsLenAtDash ?? -1;
  const resource = p.args.length && atDash !== 0 ? p.args[0] : '';
  let command: string[] = [];
  if (atDash > -1) command = p.args.slice(atDash);
  else if (p.args.length > 1) throw usageError(ctx, 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  if (!resource) throw new CliError('pod, type/name or --filename must be specified');
  if (!command.length) throw new CliError('you must specify at least one command for the container');
  const quiet = v.quiet === true;
  if (v.tty === true && !ctx.io.stdoutIsTTY && !quiet) ctx.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const stdin = v.stdin === true ? await ctx.io.readStdin() : undefined;
  const session = await ctx.cluster();
  const res = await session.tx(
    (api) => {
      const obj = attachableObject(api, resource, ctx.namespace());
      const pod = podsForObject(api, obj)[0];
      if (!pod) throw new CliError('timed out waiting for the condition');
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') throw new CliError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
      const container = (v.container as string) || defaultContainer(pod, (s) => ctx.io.err(s), quiet);
      try {
        return podExec(api, pod.metadata.namespace!, pod.metadata.name!, { container, command, stdin });
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
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only print output from the remote session' },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Stdin is a TTY' },
  ],
  run,
};
