import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, nameArg } from './common.js';
import { generateServiceAccount } from '../generators/serviceaccount.js';
import { CliError } from '../../cli/errors.js';

export const verb = generatorVerb('serviceaccount', [], async (ctx, p) => {
  const name = nameArg(ctx, p);
  const common = await completeCommon(ctx, p);
  if (!name) throw new CliError('name must be specified');
  await createGenerated(ctx, { ...common, wrap: 'failed to create serviceaccount: ' }, () => generateServiceAccount(name, explicitNamespace(ctx)));
});
