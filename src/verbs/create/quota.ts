import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, nameArg } from './common.js';
import { generateQuota } from '../generators/quota.js';
import { CliError } from '../../cli/errors.js';

export const verb = generatorVerb(
  'quota',
  [
    { name: 'hard', type: 'string', usage: 'A comma-delimited set of resource=quantity pairs that define a hard limit.' },
    { name: 'scopes', type: 'string', usage: 'A comma-delimited set of quota scopes that must all match each object tracked by the quota.' },
  ],
  async (ctx, p) => {
    const name = nameArg(ctx, p);
    const common = await completeCommon(ctx, p);
    if (!name) throw new CliError('name must be specified');
    await createGenerated(ctx, { ...common, wrap: 'failed to create quota: ' }, () =>
      generateQuota({ name, hard: p.values.hard as string, scopes: p.values.scopes as string, namespace: explicitNamespace(ctx) }),
    );
  },
);
