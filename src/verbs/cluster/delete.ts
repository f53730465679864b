import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { CliError } from '../../cli/errors.js';
import { deleteCluster } from '../../cluster/manage.js';

export const verb: VerbModule = {
  use: 'cluster delete NAME [options]',
  long: 'Delete a simulated cluster: its state file and its context.',
  example: `  # Delete the cluster "dev"
  kubemu cluster delete dev`,
  flags: [],
  async run(ctx: Ctx, p: Parsed) {
    if (p.args.length !== 1) throw new CliError('exactly one cluster name is required');
    deleteCluster(ctx.home, p.args[0]);
    ctx.io.out(`Cluster "${p.args[0]}" deleted.\n`);
  },
};
