import type { Ctx, VerbModule } from '../../cli/types.js';
import { readConfig } from '../../cluster/home.js';
import { CliError } from '../../cli/errors.js';

export const verb: VerbModule = {
  use: 'config current-context [options]',
  long: 'Display the current-context.',
  example: `  # Display the current-context
  kubectl config current-context`,
  flags: [],
  async run(ctx: Ctx) {
    const cfg = readConfig(ctx.home);
    if (!cfg.currentContext) throw new CliError('current-context is not set');
    ctx.io.out(cfg.currentContext + '\n');
  },
};
