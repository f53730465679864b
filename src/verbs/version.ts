import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import { CliError } from '../cli/errors.js';
import { CLIENT_VERSION, KUSTOMIZE_VERSION, SERVER_VERSION } from '../cluster/version.js';

export const verb: VerbModule = {
  use: 'version [flags] [options]',
  long: 'Print the client and server version information for the current context.',
  example: `  # Print the client and server versions for the current context
  kubectl version`,
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  run,
};

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const output = p.values.output as string;
  if (output && output !== 'yaml' && output !== 'json') throw new CliError("--output must be 'yaml' or 'json'");
  const client = p.values.client as boolean;
  if (!client) {
    // Touch the cluster, as kubectl asks the server (and creates the default cluster on first use).
    const session = await ctx.cluster();
    await session.tx(() => undefined);
  }
  const info: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
  if (!client) info.serverVersion = SERVER_VERSION;
  if (output === 'json') {
    ctx.io.out(JSON.stringify(info, null, 2) + '\n');
  } else if (output === 'yaml') {
    const { printYaml } = await import('../printers/yaml.js');
    ctx.io.out(printYaml(info) + '\n');
  } else {
    let s = `Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
    if (!client) s += `Server Version: ${SERVER_VERSION.gitVersion}\n`;
    ctx.io.out(s);
  }
  return 0;
}
