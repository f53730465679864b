import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { updateConfig } from '../../cluster/config-update.js';
import { CliError } from '../../cli/errors.js';

export const verb: VerbModule = {
  use: 'config use-context CONTEXT_NAME [options]',
  long: 'Set the current-context in a kubeconfig file.',
  example: `  # Use the context for the minikube cluster
  kubectl config use-context minikube`,
  flags: [],
  async run(ctx: Ctx, p: Parsed) {
    if (p.args.length !== 1) throw new CliError('Unexpected args: ' + JSON.stringify(p.args));
    const name = p.args[0];
    updateConfig(ctx.home, (cfg) => {
      if (!cfg.contexts[name]) throw new CliError(`no context exists with the name: "${name}"`);
      cfg.currentContext = name;
    });
    ctx.io.out(`Switched to context "${name}".\n`);
  },
};
