import { generatorVerb } from './define.js';
import { completeCommon, createGenerated, nameArg } from './common.js';
import { generatePriorityClass } from '../generators/priorityclass.js';

export const verb = generatorVerb(
  'priorityclass',
  [
    { name: 'value', type: 'int', usage: 'the value of this priority class.' },
    { name: 'global-default', type: 'bool', usage: 'global-default specifies whether this PriorityClass should be considered as the default priority.' },
    { name: 'description', type: 'string', usage: 'description is an arbitrary string that usually provides guidelines on when this priority class should be used.' },
    { name: 'preemption-policy', type: 'string', default: 'PreemptLowerPriority', usage: 'preemption-policy is the policy for preempting pods with lower priority.' },
  ],
  async (ctx, p) => {
    const name = nameArg(ctx, p);
    const common = await completeCommon(ctx, p);
    const v = p.values;
    await createGenerated(ctx, { ...common, wrap: 'failed to create priorityclass: ' }, () =>
      generatePriorityClass({ name, value: v.value as number, globalDefault: v['global-default'] as boolean, description: v.description as string, preemptionPolicy: v['preemption-policy'] as string }),
    );
  },
);
