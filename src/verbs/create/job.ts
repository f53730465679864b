import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, nameArg } from './common.js';
import { generateJob, generateJobFromCronJob } from '../generators/job.js';
import { CliError } from '../../cli/errors.js';
import { parseResourceArgs } from '../util/resources.js';
import type { KObject } from '../../api/types.js';

export const verb = generatorVerb(
  'job',
  [
    { name: 'image', type: 'string', usage: 'Image name to run.' },
    { name: 'from', type: 'string', usage: 'The name of the resource to create a Job from (only cronjob is supported).' },
  ],
  async (ctx, p) => {
    const name = nameArg(ctx, p);
    const command = p.args.slice(1);
    const common = await completeCommon(ctx, p);
    const image = p.values.image as string;
    const from = p.values.from as string;
    if ((!image && !from) || (image && from)) throw new CliError('either --image or --from must be specified');
    if (command.length && from) throw new CliError('cannot specify --from and command');
    const ns = explicitNamespace(ctx);
    if (image) {
      await createGenerated(ctx, { ...common, wrap: 'failed to create job: ' }, () => generateJob({ name, image, command, namespace: ns }));
      return;
    }
    // --from: read the CronJob first (the builder's lookup), then generate from it.
    const [req] = parseResourceArgs([from]);
    const session = await ctx.cluster();
    const source = await session.tx((api) => {
      const objs: KObject[] = req.names.length ? req.names.map((n) => api.get(req.ri, ctx.namespace(), n)) : api.list(req.ri, ctx.namespace());
      if (objs.length !== 1) throw new CliError('from must be an existing cronjob');
      return structuredClone(objs[0]);
    });
    if (source.kind !== 'CronJob') throw new CliError(`unknown object type *${source.apiVersion.split('/').pop()}.${source.kind}`);
    await createGenerated(ctx, { ...common, wrap: 'failed to create job: ' }, () => generateJobFromCronJob(name, source, ns));
  },
);
