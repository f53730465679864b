import { generatorVerb } from './define.js';
import { completeCommon, createGenerated, nameArg } from './common.js';
import { generateNamespace } from '../generators/namespace.js';
import { CliError } from '../../cli/errors.js';

export const verb = generatorVerb('namespace', [], async (ctx, p) => {
  const name = nameArg(ctx, p);
  const common = await completeCommon(ctx, p);
  if (!name) throw new CliError('name must be specified');
  await createGenerated(ctx, common, () => generateNamespace(name));
});
