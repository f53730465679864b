import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { readConfig } from '../../cluster/home.js';
import { CliError } from '../../cli/errors.js';
import { TabWriter, GET_TABWRITER } from '../../printers/tabwriter.js';

export const verb: VerbModule = {
  use: 'config get-contexts [(-o|--output=)name)] [options]',
  long: 'Display one or many contexts from the kubeconfig file.',
  example: `  # List all the contexts in your kubeconfig file
  kubectl config get-contexts
  
  # Describe one context in your kubeconfig file
  kubectl config get-contexts my-context`,
  flags: [
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (name).' },
  ],
  async run(ctx: Ctx, p: Parsed) {
    const cfg = readConfig(ctx.home);
    const out = p.values.output as string;
    if (out && out !== 'name') throw new CliError(`output must be one of '' or 'name': ${out}`);
    let names = Object.keys(cfg.contexts).sort();
    if (p.args.length) {
      const missing = p.args.filter((n) => !cfg.contexts[n]);
      names = p.args.filter((n) => cfg.contexts[n]);
      if (missing.length) throw new CliError(`context ${missing[0]} not found`);
    }
    if (out === 'name') {
      ctx.io.out(names.map((n) => n + '\n').join(''));
      return;
    }
    const rows = names.map((n) => [n === cfg.currentContext ? '*' : '', n, cfg.contexts[n].cluster, cfg.contexts[n].cluster, cfg.contexts[n].namespace ?? '']);
    const lines = p.values['no-headers'] ? rows : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ...rows];
    ctx.io.out(new TabWriter(GET_TABWRITER).format(lines.map((r) => r.join('\t') + '\n').join('')));
  },
};
