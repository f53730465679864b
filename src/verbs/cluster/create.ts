import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { CliError } from '../../cli/errors.js';
import { createCluster } from '../../cluster/manage.js';
import { nodeNames } from '../../cluster/names.js';

export const CLUSTER_FLAGS = [
  { name: 'nodes', type: 'int' as const, default: 3, usage: 'Number of nodes: one control plane (tainted NoSchedule) and the rest workers.' },
  { name: 'instant', type: 'bool' as const, usage: 'Use the instant timing profile: image pulls, container starts and terminations take no simulated time (for CI).' },
];

export const verb: VerbModule = {
  use: 'cluster create [NAME] [--nodes=3] [--instant] [options]',
  long: `Create a simulated cluster and switch the current context to it.

 The cluster is a kubeadm-like one: a control-plane node NAME (tainted node-role.kubernetes.io/control-plane:NoSchedule)
 and workers NAME-m02, NAME-m03, ..., with the kube-system pods of a kubeadm cluster. NAME defaults to "kubemu".`,
  example: `  # A three-node cluster named "dev" with realistic timings
  kubemu cluster create dev
  
  # A five-node cluster where everything happens at once (for CI)
  kubemu cluster create ci --nodes=5 --instant`,
  flags: CLUSTER_FLAGS,
  async run(ctx: Ctx, p: Parsed) {
    if (p.args.length > 1) throw new CliError(`Unexpected args: [${p.args.slice(1).join(' ')}]`);
    const name = p.args[0] ?? 'kubemu';
    const nodes = p.values.nodes as number;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 40) throw new CliError(`invalid cluster name "${name}": use lower case letters, digits and '-' (at most 40 characters)`);
    if (nodes < 1 || nodes > 1000) throw new CliError(`--nodes must be between 1 and 1000`);
    const profile = p.values.instant ? 'instant' : 'realistic';
    await createCluster(ctx.home, name, { nodes, profile, now: ctx.clock.now(), env: ctx.env });
    ctx.io.out(`Cluster "${name}" created (${nodes} node${nodes === 1 ? '' : 's'}: ${nodeNames(name, nodes).join(', ')}; ${profile} timing).\nSwitched to context "${name}".\n`);
  },
};
