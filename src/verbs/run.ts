/**
 * `kubectl run NAME --image=IMAGE`: a Pod from the run-pod/v1 generator (and with --expose a
 * ClusterIP Service for it). Attaching (-i, -t, --rm) is not offered.
 */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import { CliError, AggregateError2 } from '../cli/errors.js';
import { completeCommon, createGenerated, generatorErrors, printTyped, requireFlags, resultLine, usageError, OUTPUT_FLAGS, SAVE_CONFIG_FLAG, SHOW_MANAGED_FIELDS_FLAG, DRY_RUN_FLAG, fieldManagerFlag } from './create/common.js';
import { generatePod, isImageReference } from './generators/pod.js';
import { generateExposeService } from './generators/expose.js';
import { applyOverrides, OVERRIDE_FLAGS } from './util/override.js';
import { ObjectPrinter } from './util/print-object.js';

export const verb: VerbModule = {
  use: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  long: 'Create and run a particular image in a pod.',
  example: `  # Start a nginx pod
  kubectl run nginx --image=nginx
  
  # Start a hazelcast pod and let the container expose port 5701
  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701
  
  # Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"
  
  # Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"
  
  # Dry run; print the corresponding API objects without creating them
  kubectl run nginx --image=nginx --dry-run=client
  
  # Start a nginx pod, but overload the spec with a partial set of values parsed from JSON
  kubectl run nginx --image=nginx --overrides='{ "apiVersion": "v1", "spec": { ... } }'
  
  # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
  kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>
  
  # Start the nginx pod using a different command and custom arguments
  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
  flags: [
    { name: 'annotations', type: 'stringArray', usage: 'Annotations to apply to the pod.' },
    { name: 'command', type: 'bool', usage: "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default." },
    DRY_RUN_FLAG,
    { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
    { name: 'expose', type: 'bool', usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.' },
    fieldManagerFlag('kubectl-run'),
    { name: 'image', type: 'string', usage: 'The image for the container to run.' },
    { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' },
    { name: 'labels', short: 'l', type: 'string', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    ...OUTPUT_FLAGS,
    ...OVERRIDE_FLAGS,
    { name: 'port', type: 'string', usage: 'The port that this container exposes.' },
    { name: 'privileged', type: 'bool', usage: 'If true, run the container in privileged mode.' },
    { name: 'restart', type: 'string', default: 'Always', usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].' },
    SAVE_CONFIG_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
  ],
  run,
};

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  requireFlags(p, ['image']);
  const v = p.values;
  const common = await completeCommon(ctx, p);
  const beforeDash = p.args.length - p.dashArgs.length;
  if (p.args.length === 0 || (p.dashArgs.length && beforeDash === 0)) throw usageError(ctx, 'NAME is required for run');
  const image = v.image as string;
  if (!image) throw new CliError('--image is required');
  if (!isImageReference(image)) throw new CliError(`Invalid image name "${image}": invalid reference format`);
  const port = v.port as string;
  if (v.expose && !port) throw usageError(ctx, '--port must be set when exposing a service');
  const restart = v.restart as string;
  if (restart && !['Always', 'OnFailure', 'Never'].includes(restart)) throw usageError(ctx, `invalid restart policy: ${restart}`);
  const pullPolicy = v['image-pull-policy'] as string;
  if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) throw usageError(ctx, `invalid image pull policy: ${pullPolicy}`);
  const name = p.args[0];
  const labels = v.labels as string;
  const ns = ctx.namespaceExplicit() ? ctx.namespace() : undefined;
  const withNs = (o: KObject) => (common.dry === 'client' && ns ? { ...o, metadata: { ...o.metadata, namespace: ns } } : o);
  const pod = await createGenerated(ctx, { ...common, annotateClientDryRun: false, print: false }, () =>
    withNs(
      applyOverrides(
        generatorErrors(() =>
          generatePod({
            name,
            image,
            labels,
            annotations: v.annotations as string[],
            env: v.env as string[],
            port,
            restart: restart || 'Always',
            imagePullPolicy: pullPolicy,
            args: p.args.slice(1),
            command: v.command as boolean,
            privileged: v.privileged as boolean,
          }),
        ),
        v.overrides as string,
        v['override-type'] as string,
      ),
    ),
  );
  const errors: unknown[] = [];
  const printer = new ObjectPrinter(ctx, common.output);
  if (v.expose) {
    try {
      const svc = await createGenerated(ctx, { ...common, annotateClientDryRun: false, print: false }, () =>
        withNs(
          generateExposeService({
            name,
            defaultName: name,
            selector: labels || `run=${name}`,
            labels,
            port,
            ports: '',
            protocol: '',
            protocols: '',
            targetPort: '',
            externalIP: '',
            type: '',
            loadBalancerIP: '',
            sessionAffinity: '',
            clusterIP: '',
          }),
        ),
      );
      await printTyped(ctx, common.output, svc, resultLine(svc, common), printer);
      if (common.output === 'yaml') ctx.io.out('---\n');
    } catch (e) {
      errors.push(e);
    }
  }
  await printTyped(ctx, common.output, pod, resultLine(pod, common), printer);
  if (errors.length) throw new AggregateError2(errors);
  return 0;
}
