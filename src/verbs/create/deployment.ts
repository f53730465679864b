import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, nameArg, requireFlags } from './common.js';
import { generateDeployment } from '../generators/deployment.js';
import { CliError } from '../../cli/errors.js';

export const verb = generatorVerb(
  'deployment',
  [
    { name: 'image', type: 'stringSlice', usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
    { name: 'replicas', short: 'r', type: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
  ],
  async (ctx, p) => {
    requireFlags(p, ['image']);
    const name = nameArg(ctx, p);
    const command = p.args.slice(1);
    const common = await completeCommon(ctx, p);
    const images = p.values.image as string[];
    if (images.length > 1 && command.length) throw new CliError('cannot specify multiple --image options and command');
    await createGenerated(ctx, { ...common, wrap: 'failed to create deployment: ' }, (rng) =>
      generateDeployment({
        name,
        images,
        port: p.values.port as number,
        replicas: p.values.replicas as number,
        command,
        namespace: explicitNamespace(ctx),
        random5: () => rng.string(5),
      }),
    );
  },
);
