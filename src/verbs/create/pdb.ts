import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, generatorErrors, nameArg } from './common.js';
import { generatePdb, validatePdb, type PdbOptions } from '../generators/pdb.js';

export const verb = generatorVerb(
  'poddisruptionbudget',
  [
    { name: 'min-available', type: 'string', usage: 'The minimum number or percentage of available pods this budget requires.' },
    { name: 'max-unavailable', type: 'string', usage: 'The maximum number or percentage of unavailable pods this budget requires.' },
    { name: 'selector', type: 'string', usage: 'A label selector to use for this budget. Only equality-based selector requirements are supported.' },
  ],
  async (ctx, p) => {
    const name = nameArg(ctx, p);
    const common = await completeCommon(ctx, p);
    const v = p.values;
    const o: PdbOptions = { name, minAvailable: v['min-available'] as string, maxUnavailable: v['max-unavailable'] as string, selector: v.selector as string, namespace: explicitNamespace(ctx) };
    generatorErrors(() => validatePdb(o));
    await createGenerated(ctx, { ...common, wrap: 'failed to create poddisruptionbudgets: ' }, () => generatePdb(o));
  },
);
