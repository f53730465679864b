/**
 * `kubemu node add|stop|start|delete`: nodes joining, failing, recovering and leaving, to see what a
 * failure's blast radius is. A stopped node's kubelet stops posting status: the node goes NotReady
 * after the 40 s grace period, gets the unreachable taints, and its pods are evicted after their
 * tolerationSeconds (300 s by default; `kubemu cluster advance 6m` gets there at once).
 */
import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { CliError } from '../../cli/errors.js';
import { forGroupResource } from '../../api/registry.js';
import { setNodeRunning, forgetNode } from '../../api/sim.js';

const NODES = forGroupResource('nodes')!;

function oneName(p: Parsed): string {
  if (p.args.length !== 1) throw new CliError('exactly one NODE is required');
  return p.args[0];
}

async function stopStart(ctx: Ctx, p: Parsed, running: boolean): Promise<void> {
  const name = oneName(p);
  const session = await ctx.cluster();
  const changed = await session.tx((api) => setNodeRunning(api, name, running), { write: true });
  ctx.io.out(`node/${name} ${changed ? '' : 'already '}${running ? 'started' : 'stopped'}\n`);
}

export const add: VerbModule = {
  use: 'node add [NAME] [options]',
  long: `Add a worker node to the current cluster. Without NAME it is named after the cluster (<cluster>-m04, ...).
 It registers, becomes Ready, and the DaemonSets start their pods on it.`,
  example: `  # Add a worker
  kubemu node add`,
  flags: [],
  async run(ctx, p) {
    if (p.args.length > 1) throw new CliError('at most one NAME may be given');
    const { joinNode } = await import('../../cluster/bootstrap.js');
    const session = await ctx.cluster();
    const node = await session.tx((api) => joinNode(api, p.args[0]), { write: true });
    ctx.io.out(`node/${node.metadata.name} added\n`);
  },
};

export const stop: VerbModule = {
  use: 'node stop NODE [options]',
  long: `Stop a node's kubelet, as if the machine had failed. The node goes NotReady after 40 s, gets the
 node.kubernetes.io/unreachable taints, and its pods are evicted after their tolerationSeconds.`,
  example: `  # Fail a worker, then let the eviction timeout pass
  kubemu node stop kubemu-m02
  kubemu cluster advance 6m`,
  flags: [],
  run: (ctx, p) => stopStart(ctx, p, false),
};

export const start: VerbModule = {
  use: 'node start NODE [options]',
  long: "Start a stopped node's kubelet again: the node returns to Ready and its taints are removed.",
  example: `  # Bring the worker back
  kubemu node start kubemu-m02`,
  flags: [],
  run: (ctx, p) => stopStart(ctx, p, true),
};

export const remove: VerbModule = {
  use: 'node delete NODE [options]',
  long: `Remove a node from the cluster, machine and Node object: its pods are left without a node and are
 garbage-collected; their controllers create replacements elsewhere.`,
  example: `  # Remove a worker
  kubemu node delete kubemu-m03`,
  flags: [],
  async run(ctx, p) {
    const name = oneName(p);
    const session = await ctx.cluster();
    await session.tx(
      (api) => {
        api.delete(NODES, undefined, name);
        forgetNode(api, name);
      },
      { write: true },
    );
    ctx.io.out(`node/${name} deleted\n`);
  },
};
