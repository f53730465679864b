import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { CliError } from '../../cli/errors.js';
import { createCluster, clusterOptions } from '../../cluster/manage.js';
import { readConfig } from '../../cluster/home.js';
import { CLUSTER_FLAGS } from './create.js';

export const verb: VerbModule = {
  use: 'cluster reset [NAME] [--nodes=N] [--instant] [options]',
  long: 'Recreate a simulated cluster from scratch (the current one by default), keeping its node count and timing unless given. Also the way out of a state file that cannot be read.',
  example: `  # Start the current cluster over
  kubemu cluster reset`,
  flags: CLUSTER_FLAGS,
  async run(ctx: Ctx, p: Parsed) {
    if (p.args.length > 1) throw new CliError(`Unexpected args: [${p.args.slice(1).join(' ')}]`);
    const cfg = readConfig(ctx.home);
    const name = p.args[0] ?? cfg.contexts[cfg.currentContext]?.cluster ?? 'kubemu';
    let prev: ReturnType<typeof clusterOptions>;
    try {
      prev = clusterOptions(ctx.home, name);
    } catch {
      prev = undefined; // unreadable: reset is how to get out of that
    }
    const nodes = p.changed.has('nodes') ? (p.values.nodes as number) : (prev?.nodes ?? 3);
    const profile = p.changed.has('instant') ? (p.values.instant ? 'instant' : 'realistic') : (prev?.profile ?? 'realistic');
    await createCluster(ctx.home, name, { nodes, profile, now: ctx.clock.now(), env: ctx.env }, true);
    ctx.io.out(`Cluster "${name}" reset.\n`);
  },
};
