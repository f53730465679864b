/**
 * `kubectl run NAME --image=IMAGE`: a Pod from the run-pod/v1 generator (and with --expose a
 * ClusterIP Service for it). With -i/-t/--attach it waits for the pod and shows what its container
 * writes until it exits (the simulated process has no terminal to attach to: its output is the log),
 * returns the container's exit code for --restart=Never/OnFailure, and with --rm deletes the pod.
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
import { parseDuration } from './util/wait.js';
import type { Propagation } from '../api/server.js';

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
  
  # Start a busybox pod and keep it in the foreground, don't restart it if it exits
  kubectl run -i -t busybox --image=busybox --restart=Never
  
  # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
  kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>
  
  # Start the nginx pod using a different command and custom arguments
  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
  flags: [
    { name: 'annotations', type: 'stringArray', usage: 'Annotations to apply to the pod.' },
    // kubectl run registers the delete flags for --rm; it overrides all but --cascade (no wait, the
    // default grace period) and never reads -f/-k/-R, so those are accepted and change nothing.
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    { name: 'filename', short: 'f', type: 'stringSlice', usage: 'to use to replace the resource.' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'kustomize', short: 'k', type: 'string', usage: "Process a kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
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
    { name: 'attach', type: 'bool', usage: "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned." },
    { name: 'leave-stdin-open', type: 'bool', usage: 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'If true, suppress prompt messages.' },
    { name: 'rm', type: 'bool', usage: "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'." },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a TTY for the container in the pod.' },
    { name: 'restart', type: 'string', default: 'Always', usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].' },
    SAVE_CONFIG_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
  ],
  run,
};

/** DeleteFlags.ToOptions' parseCascadingFlag (booleans are deprecated spellings). */
function parseCascade(ctx: Ctx, value: string): Propagation {
  const bools: Record<string, boolean> = { '1': true, t: true, T: true, TRUE: true, true: true, True: true, '0': false, f: false, F: false, FALSE: false, false: false, False: false };
  if (value in bools) {
    const to = bools[value] ? 'background' : 'orphan';
    ctx.io.err(`warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${to}.\n`);
    return bools[value] ? 'Background' : 'Orphan';
  }
  const p = ({ orphan: 'Orphan', foreground: 'Foreground', background: 'Background' } as Record<string, Propagation>)[value];
  if (!p) throw new CliError(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
  return p;
}

/** The run-pod/v1 generator's stdin fields: -i keeps stdin open (once, unless --leave-stdin-open), -t adds a TTY. */
function withStdin(pod: KObject, stdin: boolean, tty: boolean, leaveOpen: boolean): KObject {
  if (!stdin && !tty) return pod;
  const c = pod.spec.containers[0];
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(c)) {
    out[k] = val;
    if (k === 'resources') {
      if (stdin) out.stdin = true;
      if (stdin && !leaveOpen) out.stdinOnce = true;
      if (tty) out.tty = true;
    }
  }
  return { ...pod, spec: { ...pod.spec, containers: [out] } };
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  requireFlags(p, ['image']);
  const v = p.values;
  const common = await completeCommon(ctx, p);
  const propagation = parseCascade(ctx, v.cascade as string);
  const interactive = v.stdin === true;
  const attach = p.changed.has('attach') ? v.attach === true : interactive;
  const beforeDash = p.args.length - p.dashArgs.length;
  if (p.args.length === 0 || (p.dashArgs.length && beforeDash === 0)) throw usageError(ctx, 'NAME is required for run');
  const image = v.image as string;
  if (!image) throw new CliError('--image is required');
  if (!isImageReference(image)) throw new CliError(`Invalid image name "${image}": invalid reference format`);
  if (v.tty === true && !interactive) throw usageError(ctx, '-i/--stdin is required for containers with -t/--tty=true');
  const port = v.port as string;
  if (v.expose && !port) throw usageError(ctx, '--port must be set when exposing a service');
  const restart = v.restart as string;
  if (restart && !['Always', 'OnFailure', 'Never'].includes(restart)) throw usageError(ctx, `invalid restart policy: ${restart}`);
  if (!attach && v.rm === true) throw usageError(ctx, '--rm should only be used for attached containers');
  if (attach && common.dry !== 'none') throw usageError(ctx, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
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
          withStdin(generatePod({
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
          }), interactive, v.tty === true, v['leave-stdin-open'] === true),
        ),
        v.overrides as string,
        v['override-type'] as string,
      ),
    ),
  );
  const errors: unknown[] = [];
  const printer = new ObjectPrinter(ctx, common.output);
  const created: KObject[] = [pod];
  // generateService prints the Service even when attaching.
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
      created.push(svc);
      await printTyped(ctx, common.output, svc, resultLine(svc, common), printer);
      if (common.output === 'yaml') ctx.io.out('---\n');
    } catch (e) {
      errors.push(e);
    }
  }
  if (attach) {
    const { attachToPod } = await import('./util/run-attach.js');
    return attachToPod(ctx, pod, created, {
      restart: restart || 'Always',
      remove: v.rm === true,
      stdin: interactive,
      tty: v.tty === true,
      quiet: v.quiet === true,
      leaveStdinOpen: v['leave-stdin-open'] === true,
      propagation,
      timeoutMs: parseDuration(v['pod-running-timeout'] as string) || 60_000,
    });
  }
  await printTyped(ctx, common.output, pod, resultLine(pod, common), printer);
  if (errors.length) throw new AggregateError2(errors);
  return 0;
}
