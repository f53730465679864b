/**
 * kubectl describe. As in kubectl, the describe work is client-side: for each object the verb
 * fetches the object and whatever its describer looks at (its events, owned ReplicaSets, a node's
 * pods and lease...), all inside one transaction, then the pure formatters in
 * src/printers/describe turn each into text.
 */
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import type { ApiServer } from '../api/server.js';
import type { ResourceInfo } from '../api/registry.js';
import { lookupResource } from '../api/registry.js';
import { isStatusError, notFoundError } from '../api/errors.js';
import { AggregateError2, CliError } from '../cli/errors.js';
import { parseResourceArgs, type ResourceRequest } from './util/resources.js';
import { readManifests } from './util/manifests.js';
import { mapManifest } from './util/objects.js';
import { FILE_FLAGS } from './util/write-output.js';
import {
  describe,
  describerFor,
  makeClock,
  ingressServiceNames,
  WITHOUT_EVENTS,
  type DescribeInput,
  type PodCounts,
  type BackendService,
  type LeaseResult,
  type DescribeClock,
} from '../printers/describe/index.js';
import { selectorString } from '../printers/describe/common.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const verb: VerbModule = {
  use: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX
        
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal
  
  # Describe a pod
  kubectl describe pods/nginx
  
  # Describe a pod identified by type and name in "pod.json"
  kubectl describe -f pod.json
  
  # Describe all pods
  kubectl describe pods
  
  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel
  
  # Describe all pods managed by the 'frontend' replication controller
  # (rc-created pods get the name of the rc as a prefix in the pod name)
  kubectl describe pods frontend`,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    ...FILE_FLAGS('containing the resource to describe').map((f) => (f.name === 'filename' ? { ...f, usage: 'Filename, directory, or URL to files containing the resource to describe' } : f)),
    { name: 'selector', short: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
  ],
  run,
};

export interface Target {
  ri: ResourceInfo;
  ns: string | undefined;
  name: string;
}

const NO_TYPE = 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n';

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const files = v.filename as string[];
  const selector = v.selector as string;
  const allNs = v['all-namespaces'] as boolean;
  const showEvents = v['show-events'] as boolean;
  const ns = ctx.namespace();
  if (!p.args.length && !files.length) throw new CliError(NO_TYPE);

  let fileTargets: Target[] | undefined;
  let requests: ResourceRequest[] = [];
  if (files.length) {
    if (p.args.length) throw new CliError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    const manifests = await readManifests(ctx, files, v.recursive as boolean, 'describe');
    fileTargets = manifests.map((m) => {
      const { ri, obj } = mapManifest(m, ns, ctx.namespaceExplicit() && !allNs);
      return { ri, ns: obj.metadata.namespace, name: obj.metadata.name ?? '' };
    });
  } else {
    requests = parseResourceArgs(p.args);
    const named = requests.some((r) => r.names.length);
    if (named && selector) throw new CliError('name cannot be provided when a selector is specified');
    if (named && allNs) throw new CliError('a resource cannot be retrieved by name across all namespaces');
  }
  // kubectl falls back to name-prefix matching for "describe TYPE NAME" (exactly two arguments).
  const prefixArgs = !files.length && p.args.length === 2 ? p.args : undefined;

  const session = await ctx.cluster();
  const result = await session.tx((api) => collect(api, { fileTargets, requests, selector, allNs, ns, prefixArgs, showEvents }));

  const out = render(result, makeClock(result.now), ns, allNs);
  ctx.io.out(out.stdout);
  ctx.io.err(out.stderr);
  if (out.error) throw out.error;
  return 0;
}

/** The text kubectl prints for what was collected, and the error it ends with. */
export function render(result: Collected, clock: DescribeClock, ns: string, allNs: boolean): { stdout: string; stderr: string; error?: unknown } {
  if (result.prefix) return { stdout: result.inputs.map((input) => describe(input, clock) + '\n').join(''), stderr: '', error: result.error };
  const stdout = result.inputs.map((input, i) => (i ? '\n\n' : '') + describe(input, clock)).join('');
  const stderr = !result.inputs.length && !result.errors.length ? (allNs ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`) : '';
  return { stdout, stderr, error: result.errors.length ? new AggregateError2(result.errors) : undefined };
}

/** What to describe: the parsed arguments of one describe command. */
export interface DescribeQuery {
  /** Objects named by -f. */
  fileTargets?: Target[];
  requests: ResourceRequest[];
  selector: string;
  allNs: boolean;
  ns: string;
  /** The two arguments of "describe TYPE NAME", for kubectl's name-prefix fallback. */
  prefixArgs?: string[];
  showEvents: boolean;
}

export type Collected = { prefix: true; inputs: DescribeInput[]; error?: unknown; now: number } | { prefix: false; inputs: DescribeInput[]; errors: unknown[]; now: number };

/** Finds the objects and gathers what their describers need (runs inside the transaction). */
export function collect(api: ApiServer, q: DescribeQuery): Collected {
  const { fileTargets, requests, selector, allNs, ns, prefixArgs, showEvents } = q;
  const errors: unknown[] = [];
  const targets: Target[] = fileTargets ? [...fileTargets] : [];
  if (!fileTargets) {
    for (const r of requests) {
      const rns = r.ri.namespaced ? ns : undefined;
      if (r.names.length) {
        for (const name of r.names) {
          if (api.peek(r.ri, rns, name)) targets.push({ ri: r.ri, ns: rns, name });
          else errors.push(notFoundError(r.ri, name));
        }
        continue;
      }
      try {
        for (const o of api.list(r.ri, r.ri.namespaced && !allNs ? ns : undefined, { labelSelector: selector })) targets.push({ ri: r.ri, ns: o.metadata.namespace, name: o.metadata.name! });
      } catch (e) {
        errors.push(e);
      }
    }
  }
  if (prefixArgs && errors.length === 1 && isStatusError(errors[0]) && errors[0].reason === 'NotFound') {
    return { prefix: true, ...matchPrefix(api, prefixArgs, ns, errors[0], showEvents) };
  }
  const inputs: DescribeInput[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    const obj = api.peek(t.ri, t.ns, t.name);
    if (!obj) {
      const e = notFoundError(t.ri, t.name);
      const msg = (e as Error).message;
      if (!seen.has(msg)) errors.push(e);
      seen.add(msg);
      continue;
    }
    inputs.push(gather(api, t.ri, obj, showEvents));
  }
  return { prefix: false, inputs, errors, now: api.now };
}

/** DescribeMatchingResources: every object of the one type whose name starts with the prefix. */
function matchPrefix(api: ApiServer, args: string[], ns: string, original: unknown, showEvents: boolean): { inputs: DescribeInput[]; error?: unknown; now: number } {
  const [typeArg, prefix] = args;
  const now = api.now;
  let reqs: ResourceRequest[];
  try {
    reqs = parseResourceArgs([typeArg]);
  } catch (e) {
    return { inputs: [], error: e, now };
  }
  if (reqs.length !== 1) return { inputs: [], error: new CliError('you may only specify a single resource type'), now };
  const r = reqs[0];
  const rns = r.ri.namespaced ? ns : undefined;
  let objs: KObject[];
  if (r.names.length) {
    const o = api.peek(r.ri, rns, r.names[0]);
    if (!o) return { inputs: [], error: notFoundError(r.ri, r.names[0]), now };
    objs = [o];
  } else {
    objs = api.list(r.ri, rns);
  }
  const inputs = objs.filter((o) => (o.metadata.name ?? '').startsWith(prefix)).map((o) => gather(api, r.ri, o, showEvents));
  return { inputs, error: inputs.length ? undefined : original, now };
}

// ---- gathering: what each of kubectl's describers fetches ---------------------------------------

const res = (word: string): ResourceInfo => lookupResource(word)!;

interface Ref {
  kind: string;
  name: string;
  namespace: string;
  uid: string;
}

/** searchEvents: events whose involvedObject matches the reference (empty kind/uid match any). */
function searchEvents(api: ApiServer, ref: Ref): KObject[] {
  return api.list(res('events'), ref.namespace || undefined).filter((e) => {
    const io = e.involvedObject ?? {};
    if ((io.name ?? '') !== ref.name || (io.namespace ?? '') !== ref.namespace) return false;
    if (ref.kind && (io.kind ?? '') !== ref.kind) return false;
    if (ref.uid && (io.uid ?? '') !== ref.uid) return false;
    return true;
  });
}

const refOf = (o: KObject): Ref => ({ kind: o.kind, name: o.metadata.name ?? '', namespace: o.metadata.namespace ?? '', uid: o.metadata.uid ?? '' });

/** Pods selected by a controller's selector, counted by phase when the controller owns them. */
function podCounts(api: ApiServer, owner: KObject): PodCounts {
  const counts: PodCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of api.list(res('pods'), owner.metadata.namespace, { labelSelector: selectorString(owner.spec?.selector) })) {
    const ctl = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (!ctl || ctl.uid !== owner.metadata.uid) continue;
    switch (pod.status?.phase) {
      case 'Running':
        counts.running++;
        break;
      case 'Pending':
        counts.waiting++;
        break;
      case 'Succeeded':
        counts.succeeded++;
        break;
      case 'Failed':
        counts.failed++;
        break;
    }
  }
  return counts;
}

/** JSON with empty maps, lists and nulls dropped (apimachinery's semantic equality treats them as unset). */
function normalized(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalized) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = normalized((v as Record<string, unknown>)[k]);
      if (x !== undefined && x !== null) out[k] = x;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

function templateKey(t: any): string {
  const copy = structuredClone(t ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return JSON.stringify(normalized(copy) ?? {});
}

function deploymentReplicaSets(api: ApiServer, d: KObject): { oldRSs: KObject[]; newRSs: KObject[] } {
  let owned: KObject[];
  try {
    owned = api
      .list(res('replicasets'), d.metadata.namespace, { labelSelector: selectorString(d.spec?.selector) })
      .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === d.metadata.uid));
  } catch {
    return { oldRSs: [], newRSs: [] };
  }
  const created = (o: KObject) => Date.parse(o.metadata.creationTimestamp ?? '') || 0;
  owned.sort((a, b) => created(a) - created(b) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  const want = templateKey(d.spec?.template);
  const newRS = owned.find((rs) => templateKey(rs.spec?.template) === want);
  // kubectl lists every other owned ReplicaSet as old, scaled to zero or not.
  const oldRSs = owned.filter((rs) => rs !== newRS);
  return { oldRSs, newRSs: newRS ? [newRS] : [] };
}

function nodeLease(api: ApiServer, name: string): LeaseResult {
  const ri = res('leases.coordination.k8s.io');
  try {
    return { lease: api.get(ri, 'kube-node-lease', name) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function ingressBackends(api: ApiServer, ing: KObject): Record<string, BackendService> {
  const out: Record<string, BackendService> = {};
  const ns = ing.metadata.namespace;
  for (const name of ingressServiceNames(ing)) {
    const slices = api.list(res('endpointslices.discovery.k8s.io'), ns, { labelSelector: `kubernetes.io/service-name=${name}` });
    try {
      out[name] = { service: api.get(res('services'), ns, name), slices };
    } catch (e) {
      out[name] = { error: (e as Error).message, slices };
    }
  }
  return out;
}

function claimUsers(api: ApiServer, pvc: KObject): KObject[] {
  const pods = api.list(res('pods'), pvc.metadata.namespace);
  const users: KObject[] = [];
  for (const pod of pods) for (const vol of pod.spec?.volumes ?? []) if (vol.persistentVolumeClaim?.claimName === pvc.metadata.name) users.push(pod);
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !users.some((u) => u.metadata.uid === owner.metadata.uid)) users.push(owner);
  }
  return users;
}

function serviceAccountSecrets(api: ApiServer, sa: KObject): { tokens: KObject[]; missing: Set<string> } {
  const tokens: KObject[] = [];
  const existing = new Set<string>();
  for (const s of api.list(res('secrets'), sa.metadata.namespace)) {
    const a = s.metadata.annotations ?? {};
    if (s.type === 'kubernetes.io/service-account-token' && a['kubernetes.io/service-account.name'] === sa.metadata.name && a['kubernetes.io/service-account.uid'] === sa.metadata.uid) tokens.push(s);
    existing.add(s.metadata.name ?? '');
  }
  const missing = new Set<string>();
  for (const s of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) if (!existing.has(s.name)) missing.add(s.name);
  return { tokens, missing };
}

/** Everything kubectl's describer for this object's kind reads, ready for the formatter. */
function gather(api: ApiServer, ri: ResourceInfo, obj: KObject, showEvents: boolean): DescribeInput {
  const describer = describerFor(ri.group, ri.kind);
  let events: KObject[] | undefined;
  if (showEvents && !WITHOUT_EVENTS.has(describer)) {
    if (describer === 'Pod') {
      const ref = { ...refOf(obj), kind: '' };
      const mirror = obj.metadata.annotations?.['kubernetes.io/config.mirror'];
      if (mirror !== undefined) ref.uid = mirror;
      events = searchEvents(api, ref);
    } else if (describer === 'Node') {
      const ref = refOf(obj);
      events = [...searchEvents(api, ref), ...searchEvents(api, { ...ref, uid: ref.name })];
    } else {
      events = searchEvents(api, refOf(obj));
    }
  }
  const base = { obj, events };
  const ns = obj.metadata.namespace;
  switch (describer) {
    case 'Node': {
      const pods = api.list(res('pods'), undefined).filter((p) => p.spec?.nodeName === obj.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
      return { ...base, describer, pods, lease: nodeLease(api, obj.metadata.name!) };
    }
    case 'Deployment':
      return { ...base, describer, ...deploymentReplicaSets(api, obj) };
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet': {
      let pods: PodCounts | string;
      try {
        pods = podCounts(api, obj);
      } catch (e) {
        if (describer === 'ReplicaSet') pods = (e as Error).message;
        else throw e;
      }
      if (describer === 'ReplicaSet') return { ...base, describer, pods };
      return { ...base, describer, pods: pods as PodCounts };
    }
    case 'Service':
      return { ...base, describer, slices: api.list(res('endpointslices.discovery.k8s.io'), ns, { labelSelector: `kubernetes.io/service-name=${obj.metadata.name}` }) };
    case 'Ingress':
      return { ...base, describer, services: ingressBackends(api, obj) };
    case 'Namespace':
      return { ...base, describer, quotas: api.list(res('resourcequotas'), obj.metadata.name), limitRanges: api.list(res('limitranges'), obj.metadata.name) };
    case 'ServiceAccount':
      return { ...base, describer, ...serviceAccountSecrets(api, obj) };
    case 'PersistentVolumeClaim':
      return { ...base, describer, pods: claimUsers(api, obj) };
    default:
      return { ...base, describer };
  }
}
