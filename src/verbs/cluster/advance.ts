import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { CliError } from '../../cli/errors.js';
import { parseDuration } from '../util/wait.js';

export const verb: VerbModule = {
  use: 'cluster advance DURATION [options]',
  long: `Move the current cluster's clock forward by DURATION (e.g. 30s, 5m, 1h30m) and let the control plane
 catch up: image pulls finish, back-offs expire, CronJobs fire, evictions happen, all stamped with the
 simulated times at which they happened.`,
  example: `  # Let six minutes pass
  kubemu cluster advance 6m`,
  flags: [],
  async run(ctx: Ctx, p: Parsed) {
    if (p.args.length !== 1) throw new CliError('exactly one DURATION is required (e.g. 30s, 5m, 1h)');
    const d = p.args[0];
    if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(d)) throw new CliError(`invalid duration "${d}" (e.g. 30s, 5m, 1h30m)`);
    const ms = parseDuration(d);
    const session = await ctx.cluster();
    await session.advance(ms);
    ctx.io.out(`Cluster "${session.name}" advanced by ${d}.\n`);
  },
};
