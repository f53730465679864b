import type { KObject } from '../../api/types.js';
import { generatorVerb } from './define.js';
import { nameArg, printTyped, OUTPUT_FLAGS } from './common.js';
import { CliError } from '../../cli/errors.js';
import { validateOutput } from '../util/write-output.js';
import { parseDuration } from '../util/wait.js';
import { forGroupResource } from '../../api/registry.js';
import { isStatusError, invalidError, invalid, notFoundError } from '../../api/errors.js';
import { rfc3339 } from '../../util/clock.js';

const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };
const ISSUER = 'https://kubernetes.default.svc.cluster.local';

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export const verb = generatorVerb(
  'token',
  [
    ...OUTPUT_FLAGS,
    {
      name: 'audience',
      type: 'stringArray',
      usage:
        'Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.',
    },
    {
      name: 'duration',
      type: 'duration',
      usage:
        'Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.',
    },
    { name: 'bound-object-kind', type: 'string', usage: 'Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided.' },
    { name: 'bound-object-name', type: 'string', usage: 'Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.' },
    { name: 'bound-object-uid', type: 'string', usage: 'UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.' },
  ],
  async (ctx, p) => {
    const v = p.values;
    const name = nameArg(ctx, p);
    const output = v.output as string;
    await validateOutput(ctx, output);
    const ns = ctx.namespace();
    const durationMs = parseDuration(v.duration as string);
    const audiences = v.audience as string[];
    const kind = v['bound-object-kind'] as string;
    const boundName = v['bound-object-name'] as string;
    const boundUid = v['bound-object-uid'] as string;
    if (!name) throw new CliError('service account name is required');
    if (durationMs < 0) throw new CliError('--duration must be greater than or equal to 0');
    if (durationMs % 1000 !== 0) throw new CliError('--duration cannot be expressed in units less than seconds');
    if (audiences.some((a) => !a)) throw new CliError('--audience must not be an empty string');
    if (!kind) {
      if (boundName) throw new CliError('--bound-object-name can only be set if --bound-object-kind is provided');
      if (boundUid) throw new CliError('--bound-object-uid can only be set if --bound-object-kind is provided');
    } else {
      if (!BOUND_KINDS[kind]) throw new CliError(`supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).sort().join(', ')}`);
      if (!boundName) throw new CliError('--bound-object-name is required if --bound-object-kind is provided');
    }
    const session = await ctx.cluster();
    let response: KObject;
    try {
      response = await session.tx((api) => {
        const saRi = forGroupResource('serviceaccounts')!;
        const sa = api.get(saRi, ns, name);
        const expirationSeconds = durationMs ? durationMs / 1000 : 3600;
        if (expirationSeconds < 600) {
          throw invalidError({ kind: 'TokenRequest', group: 'authentication.k8s.io' }, name, [invalid('spec.expirationSeconds', expirationSeconds, 'may not specify a duration less than 10 minutes')]);
        }
        let bound: Record<string, string> | undefined;
        if (kind) {
          const ri = forGroupResource(kind.toLowerCase() + 's')!;
          const obj = api.peek(ri, ri.namespaced ? ns : undefined, boundName);
          if (!obj) throw notFoundError(ri, boundName);
          bound = { kind, apiVersion: BOUND_KINDS[kind], name: boundName, uid: boundUid || obj.metadata.uid || '' };
        }
        const now = Math.floor(api.now / 1000);
        const aud = audiences.length ? audiences : [ISSUER];
        const claims: Record<string, unknown> = {
          aud,
          exp: now + expirationSeconds,
          iat: now,
          iss: ISSUER,
          jti: api.rng.uuid(),
          'kubernetes.io': {
            namespace: ns,
            ...(bound ? { [kind.toLowerCase()]: { name: boundName, uid: bound.uid } } : {}),
            serviceaccount: { name, uid: sa.metadata.uid },
          },
          nbf: now,
          sub: `system:serviceaccount:${ns}:${name}`,
        };
        const header = { alg: 'RS256', kid: b64url(Buffer.from(api.rng.hex(64), 'hex')).slice(0, 43) };
        const signature = b64url(Buffer.from(api.rng.hex(512), 'hex'));
        const token = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${signature}`;
        return {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          metadata: { name, namespace: ns, creationTimestamp: rfc3339(api.now) },
          spec: { audiences: aud, expirationSeconds, ...(bound ? { boundObjectRef: bound } : {}) },
          status: { token, expirationTimestamp: rfc3339((now + expirationSeconds) * 1000) },
        };
      });
    } catch (e) {
      if (isStatusError(e)) throw new CliError(`failed to create token: ${e.message}`);
      throw e;
    }
    if (output) return void (await printTyped(ctx, output, response, ''));
    const token = response.status.token as string;
    ctx.io.out(ctx.io.stdoutIsTTY ? token + '\n' : token);
  },
  { common: false },
);
