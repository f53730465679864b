/**
 * `kubectl expose (-f FILENAME | TYPE NAME)`: a Service selecting the pods of a pod, service,
 * deployment, replica set or replication controller, with ports and protocols read from it.
 */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import { CliError, AggregateError2 } from '../cli/errors.js';
import { completeCommon, createGenerated, OUTPUT_FLAGS, SAVE_CONFIG_FLAG, SHOW_MANAGED_FIELDS_FLAG, DRY_RUN_FLAG, fieldManagerFlag } from './create/common.js';
import { generateExposeService, type ExposeOptions } from './generators/expose.js';
import { applyOverrides, OVERRIDE_FLAGS } from './util/override.js';
import { FILE_FLAGS } from './util/write-output.js';
import { NO_RESOURCES, resolveTargets, targetSpec } from './util/targets.js';
import { ObjectPrinter } from './util/print-object.js';

export const verb: VerbModule = {
  use: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  long: `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
  example: `  # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
  kubectl expose rc nginx --port=80 --target-port=8000
  
  # Create a service for a replication controller identified by type and name specified in "nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000
  kubectl expose -f nginx-controller.yaml --port=80 --target-port=8000
  
  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kubectl expose pod valid-pod --port=444 --name=frontend
  
  # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
  kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https
  
  # Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.
  kubectl expose rc streamer --port=4100 --protocol=UDP --name=video-stream
  
  # Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
  kubectl expose rs nginx --port=80 --target-port=8000
  
  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000`,
  flags: [
    { name: 'cluster-ip', type: 'string', usage: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
    DRY_RUN_FLAG,
    {
      name: 'external-ip',
      type: 'string',
      usage:
        'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.',
    },
    fieldManagerFlag('kubectl-expose'),
    ...FILE_FLAGS('identifying the resource to expose a service'),
    { name: 'labels', short: 'l', type: 'string', usage: 'Labels to apply to the service created by this call.' },
    { name: 'load-balancer-ip', type: 'string', usage: 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).' },
    { name: 'name', type: 'string', usage: 'The name for the newly created object.' },
    ...OUTPUT_FLAGS,
    ...OVERRIDE_FLAGS,
    { name: 'port', type: 'string', usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
    { name: 'protocol', type: 'string', usage: "The network protocol for the service to be created. Default is 'TCP'." },
    SAVE_CONFIG_FLAG,
    {
      name: 'selector',
      type: 'string',
      usage:
        'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)',
    },
    { name: 'session-affinity', type: 'string', usage: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
    SHOW_MANAGED_FIELDS_FLAG,
    { name: 'target-port', type: 'string', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
    { name: 'type', type: 'string', usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
  ],
  run,
};

const EXPOSABLE = new Set(['/ReplicationController', '/Service', '/Pod', 'apps/Deployment', 'apps/ReplicaSet']);

const groupOf = (o: KObject) => (o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '');
const makeLabels = (m: Record<string, string> | undefined) =>
  Object.entries(m ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** polymorphichelpers.MapBasedSelectorForObject. */
function selectorFor(o: KObject): string {
  switch (o.kind) {
    case 'ReplicationController':
      return makeLabels(o.spec?.selector);
    case 'Pod':
      if (!o.metadata.labels || !Object.keys(o.metadata.labels).length) throw new Error('the pod has no labels and cannot be exposed');
      return makeLabels(o.metadata.labels);
    case 'Service':
      if (!o.spec?.selector) throw new Error('the service has no pod selector set');
      return makeLabels(o.spec.selector);
    case 'Deployment':
    case 'ReplicaSet': {
      const what = o.kind === 'Deployment' ? 'deployment' : 'replicaset';
      const sel = o.spec?.selector;
      if (!sel || !sel.matchLabels || !Object.keys(sel.matchLabels).length) throw new Error(`invalid ${what}: no selectors, therefore cannot be exposed`);
      if (sel.matchExpressions?.length) {
        const exprs = sel.matchExpressions.map((e: { key: string; operator: string; values?: string[] }) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`);
        throw new Error(`couldn't convert expressions - "[${exprs.join(' ')}]" to map-based selector format`);
      }
      return makeLabels(sel.matchLabels);
    }
    default:
      throw new Error(`cannot extract pod selector from *v1.${o.kind}`);
  }
}

interface PortInfo {
  port: number;
  protocol?: string;
}

function podPorts(spec: KObject['spec']): PortInfo[] {
  const out: PortInfo[] = [];
  for (const c of spec?.containers ?? []) for (const p of c.ports ?? []) out.push({ port: p.containerPort, protocol: p.protocol });
  return out;
}

function portsOf(o: KObject): PortInfo[] {
  if (o.kind === 'Pod') return podPorts(o.spec);
  if (o.kind === 'Service') return (o.spec?.ports ?? []).map((p: { port: number; protocol?: string }) => ({ port: p.port, protocol: p.protocol }));
  return podPorts(o.spec?.template?.spec);
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const common = await completeCommon(ctx, p);
  const files = v.filename as string[];
  if (!p.args.length && !files.length) throw new CliError(NO_RESOURCES);
  const spec = await targetSpec(ctx, p.args, files, v.recursive as boolean);
  const session = await ctx.cluster();
  const targets = await session.tx((api) => resolveTargets(api, spec, ctx.namespace()));
  const state = {
    selector: v.selector as string,
    port: v.port as string,
    ports: '',
    protocols: '',
    labels: v.labels as string,
  };
  const errors: unknown[] = [];
  const printer = new ObjectPrinter(ctx, common.output);
  const ns = ctx.namespaceExplicit() ? ctx.namespace() : undefined;
  for (const t of targets) {
    try {
      if (t.error) throw t.error;
      const o = t.obj!;
      if (!EXPOSABLE.has(`${groupOf(o)}/${o.kind}`)) throw new CliError(`cannot expose a ${groupOf(o) ? `${o.kind}.${groupOf(o)}` : o.kind}`);
      const defaultName = (o.metadata.name ?? '').slice(0, 63);
      if (!state.selector) {
        try {
          state.selector = selectorFor(o);
        } catch (e) {
          throw new CliError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
        }
      }
      const headless = v['cluster-ip'] === 'None';
      const ports = portsOf(o);
      if (!state.port) {
        const uniq = [...new Set(ports.map((x) => String(x.port)))];
        if (uniq.length === 0 && !headless) throw new CliError("couldn't find port via --port flag or introspection");
        if (uniq.length === 1) state.port = uniq[0];
        else if (uniq.length > 1) state.ports = uniq.join(',');
      }
      const protocols = ports.map((x) => `${x.port}/${x.protocol || 'TCP'}`).join(',');
      if (protocols) state.protocols = protocols;
      if (!state.labels) state.labels = makeLabels(o.metadata.labels);
      const opts: ExposeOptions = {
        name: v.name as string,
        defaultName,
        selector: state.selector,
        labels: state.labels,
        port: state.port,
        ports: state.ports,
        protocol: v.protocol as string,
        protocols: state.protocols,
        targetPort: v['target-port'] as string,
        externalIP: v['external-ip'] as string,
        type: v.type as string,
        loadBalancerIP: v['load-balancer-ip'] as string,
        sessionAffinity: v['session-affinity'] as string,
        clusterIP: v['cluster-ip'] as string,
      };
      await createGenerated(ctx, { ...common, verb: 'exposed', annotateClientDryRun: false, printer }, () => {
        const svc = applyOverrides(generateExposeService(opts), v.overrides as string, v['override-type'] as string);
        if (common.dry === 'client' && ns) svc.metadata.namespace = ns;
        return svc;
      });
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length) throw new AggregateError2(errors);
  return 0;
}
