import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, nameArg, requireFlags } from './common.js';
import { generateCronJob } from '../generators/cronjob.js';

export const verb = generatorVerb(
  'cronjob',
  [
    { name: 'image', type: 'string', usage: 'Image name to run.' },
    { name: 'schedule', type: 'string', usage: 'A schedule in the Cron format the job should be run with.' },
    { name: 'restart', type: 'string', usage: "job's restart policy. supported values: OnFailure, Never" },
  ],
  async (ctx, p) => {
    requireFlags(p, ['image', 'schedule']);
    const name = nameArg(ctx, p);
    const command = p.args.slice(1);
    const common = await completeCommon(ctx, p);
    const v = p.values;
    await createGenerated(ctx, { ...common, wrap: 'failed to create cronjob: ' }, () =>
      generateCronJob({ name, image: v.image as string, schedule: v.schedule as string, restart: (v.restart as string) || 'OnFailure', command, namespace: explicitNamespace(ctx) }),
    );
  },
);
