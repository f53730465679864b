/** `kubectl set` without a subcommand: kubectl prints the group's help to stderr and fails. */
import type { VerbModule } from '../../cli/types.js';
import { ExitError } from '../../cli/errors.js';

const HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: VerbModule = {
  use: 'set SUBCOMMAND [options]',
  long: 'Configure application resources.\n\n These commands help you make changes to existing application resources.',
  flags: [],
  async run(ctx, p) {
    if (p.args.length) ctx.io.err(`error: unknown command "${p.args[0]}"\nSee 'kubectl set -h' for help and examples\n`);
    else ctx.io.err(HELP);
    throw new ExitError(1);
  },
};
