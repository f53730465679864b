import type { Ctx, VerbModule } from '../../cli/types.js';
import { listClusters } from '../../cluster/manage.js';
import { TabWriter, GET_TABWRITER } from '../../printers/tabwriter.js';

export const verb: VerbModule = {
  use: 'cluster list [options]',
  long: 'List the simulated clusters.',
  example: `  # List the clusters
  kubemu cluster list`,
  flags: [],
  async run(ctx: Ctx) {
    const list = listClusters(ctx.home);
    if (!list.length) {
      ctx.io.err('No clusters found\n');
      return;
    }
    const rows = [['CURRENT', 'NAME', 'NODES', 'TIMING'], ...list.map((c) => [c.current ? '*' : '', c.name, String(c.nodes), c.profile])];
    ctx.io.out(new TabWriter(GET_TABWRITER).format(rows.map((r) => r.join('\t') + '\n').join('')));
  },
};
