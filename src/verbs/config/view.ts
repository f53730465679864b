import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { readConfig } from '../../cluster/home.js';
import { CliError } from '../../cli/errors.js';
import { kubeconfigOf } from './common.js';

export const verb: VerbModule = {
  use: 'config view [flags] [options]',
  long: `Display merged kubeconfig settings or a specified kubeconfig file.

 You can use --output jsonpath={...} to extract specific values using a jsonpath expression.`,
  example: `  # Show merged kubeconfig settings
  kubectl config view
  
  # Show merged kubeconfig settings, raw certificate data, and exposed secrets
  kubectl config view --raw`,
  flags: [
    { name: 'minify', type: 'bool', usage: 'Remove all information not used by current-context from the output' },
    { name: 'output', short: 'o', type: 'string', default: 'yaml', usage: 'Output format. One of: (json, yaml).' },
  ],
  async run(ctx: Ctx, p: Parsed) {
    const cfg = readConfig(ctx.home);
    const out = p.values.output as string;
    if (out !== 'yaml' && out !== 'json') throw new CliError(`unable to match a printer suitable for the output format "${out}", allowed formats are: json,yaml`);
    const doc = kubeconfigOf(cfg, p.values.minify ? cfg.currentContext : undefined);
    if (out === 'json') {
      const { printJson } = await import('../../printers/output.js');
      ctx.io.out(printJson(doc));
    } else {
      const { printYaml } = await import('../../printers/yaml.js');
      ctx.io.out(printYaml(doc));
    }
  },
};
