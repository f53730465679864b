import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, nameArg } from './common.js';
import { generateDockerRegistrySecret, generateGenericSecret, generateTlsSecret } from '../generators/secret.js';
import { nodeFiles } from '../generators/util.js';
import { CliError } from '../../cli/errors.js';

const APPEND_HASH = { name: 'append-hash', type: 'bool' as const, usage: 'Append a hash of the secret to its name.' };

export const generic = generatorVerb(
  'secret-generic',
  [
    {
      name: 'from-file',
      type: 'stringSlice',
      usage:
        'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.',
    },
    { name: 'from-literal', type: 'stringArray', usage: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)' },
    { name: 'from-env-file', type: 'stringSlice', usage: 'Specify the path to a file to read lines of key=val pairs to create a secret.' },
    { name: 'type', type: 'string', usage: 'The type of secret to create' },
    APPEND_HASH,
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
    await createGenerated(ctx, { ...common, wrap: 'failed to create secret ' }, () =>
      generateGenericSecret(
        { name, type: v.type as string, fileSources, literalSources, envFileSources, appendHash: v['append-hash'] as boolean, namespace: explicitNamespace(ctx) },
        nodeFiles(ctx.cwd, ctx.env),
      ),
    );
  },
);

export const tls = generatorVerb(
  'secret-tls',
  [
    { name: 'cert', type: 'string', usage: 'Path to PEM encoded public key certificate.' },
    { name: 'key', type: 'string', usage: 'Path to private key associated with given certificate.' },
    APPEND_HASH,
  ],
  async (ctx, p) => {
    const name = nameArg(ctx, p);
    const common = await completeCommon(ctx, p);
    const v = p.values;
    if (!v.key || !v.cert) throw new CliError('key and cert must be specified');
    await createGenerated(ctx, { ...common, wrap: 'failed to create secret ' }, () =>
      generateTlsSecret({ name, cert: v.cert as string, key: v.key as string, appendHash: v['append-hash'] as boolean, namespace: explicitNamespace(ctx) }, nodeFiles(ctx.cwd, ctx.env)),
    );
  },
);

export const dockerRegistry = generatorVerb(
  'secret-docker-registry',
  [
    { name: 'docker-username', type: 'string', usage: 'Username for Docker registry authentication' },
    { name: 'docker-password', type: 'string', usage: 'Password for Docker registry authentication' },
    { name: 'docker-email', type: 'string', usage: 'Email for Docker registry' },
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/', usage: 'Server location for Docker registry' },
    APPEND_HASH,
    {
      name: 'from-file',
      type: 'stringSlice',
      usage:
        'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.',
    },
  ],
  async (ctx, p) => {
    const name = nameArg(ctx, p);
    const common = await completeCommon(ctx, p);
    const v = p.values;
    const fileSources = (v['from-file'] as string[]).map((f) => (f.includes('=') ? f : `.dockerconfigjson=${f}`));
    if (!name) throw new CliError('name must be specified');
    if (!fileSources.length && (!v['docker-username'] || !v['docker-password'] || !v['docker-server'])) {
      throw new CliError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
    }
    await createGenerated(ctx, { ...common, wrap: 'failed to create secret ' }, () =>
      generateDockerRegistrySecret(
        {
          name,
          username: v['docker-username'] as string,
          password: v['docker-password'] as string,
          email: v['docker-email'] as string,
          server: v['docker-server'] as string,
          fileSources,
          appendHash: v['append-hash'] as boolean,
          namespace: explicitNamespace(ctx),
        },
        nodeFiles(ctx.cwd, ctx.env),
      ),
    );
  },
);
