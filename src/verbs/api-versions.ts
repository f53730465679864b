import type { Ctx, VerbModule } from '../cli/types.js';
import { allGroupVersions } from '../api/registry.js';

export const verb: VerbModule = {
  use: 'api-versions [options]',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  example: `  # Print the supported API versions
  kubectl api-versions`,
  flags: [],
  async run(ctx: Ctx) {
    ctx.io.out(allGroupVersions().map((g) => g + '\n').join(''));
  },
};
