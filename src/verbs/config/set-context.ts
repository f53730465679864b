import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { updateConfig } from '../../cluster/config-update.js';
import { CliError } from '../../cli/errors.js';

export const verb: VerbModule = {
  use: 'config set-context [NAME | --current] [--cluster=cluster_nickname] [--namespace=namespace] [options]',
  long: `Set a context entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values for those fields.`,
  example: `  # Set the user field on the gce context entry without touching other values
  kubectl config set-context gce --user=cluster-admin`,
  flags: [
    { name: 'cluster', type: 'string', usage: 'cluster for the context entry in kubeconfig' },
    { name: 'current', type: 'bool', usage: 'Modify the current context' },
  ],
  async run(ctx: Ctx, p: Parsed) {
    const current = p.values.current as boolean;
    if (current && p.args.length) throw new CliError('you cannot specify both a context name and --current');
    if (!current && p.args.length !== 1) throw new CliError('Unexpected args: ' + JSON.stringify(p.args));
    const ns = ctx.global.values.namespace as string;
    const nsGiven = ctx.global.changed.has('namespace');
    const msg = updateConfig(ctx.home, (cfg) => {
      const name = current ? cfg.currentContext : p.args[0];
      if (current && !cfg.contexts[name]) throw new CliError('no current context is set');
      const exists = !!cfg.contexts[name];
      const entry = cfg.contexts[name] ?? { cluster: (p.values.cluster as string) || name };
      if (p.changed.has('cluster')) entry.cluster = p.values.cluster as string;
      if (nsGiven) {
        if (ns) entry.namespace = ns;
        else delete entry.namespace;
      }
      cfg.contexts[name] = entry;
      return `Context "${name}" ${exists ? 'modified' : 'created'}.\n`;
    });
    ctx.io.out(msg);
  },
};
