import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, nameArg } from './common.js';
import { generateConfigMap } from '../generators/configmap.js';
import { nodeFiles } from '../generators/util.js';
import { CliError } from '../../cli/errors.js';

export const verb = generatorVerb(
  'configmap',
  [
    {
      name: 'from-file',
      type: 'stringSlice',
      usage:
        'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.',
    },
    { name: 'from-literal', type: 'stringArray', usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' },
    { name: 'from-env-file', type: 'stringSlice', usage: 'Specify the path to a file to read lines of key=val pairs to create a configmap.' },
    { name: 'append-hash', type: 'bool', usage: 'Append a hash of the configmap to its name.' },
  ],
  async (ctx, p) => {
    const name = nameArg(ctx, p);
    const common = await completeCommon(ctx, p);
    const v = p.values;
    const fileSources = v['from-file'] as string[];
    const literalSources = v['from-literal'] as string[];
    const envFileSources = v['from-env-file'] as string[];
    if (!name) throw new CliError('name must be specified');
    if (envFileSources.length && (fileSources.length || literalSources.length)) throw new CliError('from-env-file cannot be combined with from-file or from-literal');
    await createGenerated(ctx, { ...common, wrap: 'failed to create configmap: ' }, () =>
      generateConfigMap({ name, fileSources, literalSources, envFileSources, appendHash: v['append-hash'] as boolean, namespace: explicitNamespace(ctx) }, nodeFiles(ctx.cwd, ctx.env)),
    );
  },
);
