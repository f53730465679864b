/**
 * The pod behind an argument, as kubectl's polymorphic helpers pick it for logs, exec and attach: a
 * pod by name, or for a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, ReplicationController or
 * Service one of the pods its selector matches — the best for logging (podutils.ByLogging) for logs,
 * the most active (podutils.ActivePods, reversed) for exec and attach.
 */
import type { ApiServer } from '../../api/server.js';
import type { KObject } from '../../api/types.js';
import { forGroupResource, type ResourceInfo } from '../../api/registry.js';
import { fromLabelSelector, matchesLabels, type Requirement } from '../../api/selectors.js';
import { CliError } from '../../cli/errors.js';
import { resolveType } from './resources.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;

const readyCond = (p: KObject) => (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
const isReady = (p: KObject) => readyCond(p)?.status === 'True';
/** The Ready condition's transition time when it is True; 0 (Go's zero time) otherwise. */
const readyTime = (p: KObject) => (isReady(p) ? Date.parse(readyCond(p)?.lastTransitionTime ?? '') || 0 : 0);
const created = (p: KObject) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;
const deleting = (p: KObject) => !!p.metadata.deletionTimestamp;

/** podutils.maxContainerRestarts: the most restarts of a regular container, and of a sidecar (init container with restartPolicy Always). */
function maxRestarts(p: KObject): [number, number] {
  const regular = Math.max(0, ...(p.status?.containerStatuses ?? []).map((c: any) => c.restartCount ?? 0));
  const sidecars = new Set((p.spec?.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always').map((c: any) => c.name));
  const sidecar = Math.max(0, ...(p.status?.initContainerStatuses ?? []).filter((c: any) => sidecars.has(c.name)).map((c: any) => c.restartCount ?? 0));
  return [regular, sidecar];
}

/** compareMaxContainerRestarts: negative when a has more restarts (regular containers first, then sidecars). */
function byRestarts(a: KObject, b: KObject): number {
  const [ra, sa] = maxRestarts(a);
  const [rb, sb] = maxRestarts(b);
  if (ra !== rb) return rb - ra;
  return sb - sa;
}

/** afterOrZero(t1, t2): t1 is after t2, a zero time counting as after any other. */
const afterOrZero = (t1: number, t2: number) => (!t1 || !t2 ? !t1 : t1 > t2);

/** podutils.ByLogging: negative when a is the better pod to read logs from. */
export function byLogging(a: KObject, b: KObject): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (!an || !bn)) return an ? -1 : 1;
  const rank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const pa = rank[a.status?.phase] ?? 0;
  const pb = rank[b.status?.phase] ?? 0;
  if (pa !== pb) return pa - pb;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (isReady(a) && isReady(b) && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(b), readyTime(a)) ? -1 : 1;
  const r = byRestarts(a, b);
  if (r) return r;
  if (created(a) !== created(b)) return afterOrZero(created(b), created(a)) ? -1 : 1;
  return 0;
}

/** podutils.ActivePods: negative when a is less active (a controller's first pick to delete). */
export function activePods(a: KObject, b: KObject): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (!an || !bn)) return an ? 1 : -1;
  const rank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const pa = rank[a.status?.phase] ?? 0;
  const pb = rank[b.status?.phase] ?? 0;
  if (pa !== pb) return pa - pb;
  if (isReady(a) !== isReady(b)) return isReady(a) ? 1 : -1;
  if (deleting(a) !== deleting(b)) return deleting(a) ? -1 : 1;
  if (deleting(a) && deleting(b)) {
    const da = Date.parse(a.metadata.deletionTimestamp!);
    const db = Date.parse(b.metadata.deletionTimestamp!);
    if (da !== db) return da - db;
  }
  if (isReady(a) && isReady(b) && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(a), readyTime(b)) ? -1 : 1;
  const r = byRestarts(a, b);
  if (r) return r;
  if (created(a) !== created(b)) return afterOrZero(created(a), created(b)) ? -1 : 1;
  return 0;
}

/** "POD" or "TYPE/NAME" → the resource and name (a bare name is a pod). */
export function parseObjectArg(arg: string): { ri: ResourceInfo; name: string } {
  const i = arg.indexOf('/');
  if (i === -1) return { ri: PODS, name: arg };
  return { ri: resolveType(arg.slice(0, i)), name: arg.slice(i + 1) };
}

/** Go's %T of the typed object kubectl decodes: "*v1.Deployment", "*v1beta1.Foo". */
export function goTypeName(obj: KObject): string {
  const version = (obj.apiVersion ?? 'v1').split('/').pop();
  return `*${version}.${obj.kind}`;
}

const BY_LABEL_SELECTOR = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/** polymorphichelpers.SelectorsForObject: the label requirements of an object's pods, or kubectl's error text. */
export function selectorForObject(obj: KObject): Requirement[] {
  // A nil label selector selects nothing.
  if (BY_LABEL_SELECTOR.has(obj.kind!)) return fromLabelSelector(obj.spec?.selector) ?? [{ key: '', op: 'in', values: [] }];
  if (obj.kind === 'ReplicationController') return fromLabelSelector({ matchLabels: obj.spec?.selector ?? {} })!;
  if (obj.kind === 'Service') {
    const sel = obj.spec?.selector;
    if (!sel || !Object.keys(sel).length) throw new Error(`invalid service '${obj.metadata.name}': Service is defined without a selector`);
    return fromLabelSelector({ matchLabels: sel })!;
  }
  throw new Error(`selector for ${goTypeName(obj)} not implemented`);
}

/**
 * The pods an object selects, in the order kubectl picks them (the first is its choice); a pod is
 * itself. `what` starts the error for objects that select no pods ("cannot get the logs from").
 */
export function podsForObject(api: ApiServer, obj: KObject, order: 'logging' | 'active', what: string): KObject[] {
  if (obj.kind === 'Pod') return [obj];
  let reqs: Requirement[];
  try {
    reqs = selectorForObject(obj);
  } catch (e) {
    throw new CliError(`${what} ${goTypeName(obj)}: ${(e as Error).message}`);
  }
  const pods = api.list(PODS, obj.metadata.namespace).filter((p) => matchesLabels(reqs, p.metadata.labels));
  if (order === 'logging') return pods.sort(byLogging);
  return pods.sort((a, b) => activePods(b, a));
}

/** The object named by the argument ("POD" or "TYPE/NAME"), from the API server. */
export function objectForArg(api: ApiServer, arg: string, ns: string): KObject {
  const { ri, name } = parseObjectArg(arg);
  return api.get(ri, ri.namespaced ? ns : undefined, name);
}

/** podcmd.AllContainerNames: "a, b, debug (ephem), init (init)". */
export function allContainerNames(pod: KObject): string {
  return [
    ...(pod.spec?.containers ?? []).map((c: any) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c: any) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c: any) => `${c.name} (init)`),
  ].join(', ');
}

/** podcmd.FindContainerByName: the container of any kind with that name. */
export function findContainer(pod: KObject, name: string): any {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].find((c: any) => c.name === name);
}

/**
 * The container kubectl picks when none is named: the one the kubectl.kubernetes.io/default-container
 * annotation names, else the first (said on stderr when there was a choice, unless quiet).
 * podcmd.FindOrDefaultContainerByName for exec and attach; logs (`forLogs`) also says when the
 * annotation names no container of the pod.
 */
export function defaultContainer(pod: KObject, warn: (s: string) => void, opts: { quiet?: boolean; forLogs?: boolean } = {}): string {
  const containers: any[] = pod.spec?.containers ?? [];
  if (!containers.length) throw new CliError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated) {
    if (findContainer(pod, annotated)) return annotated;
    if (opts.forLogs) warn(`Default container name ${JSON.stringify(annotated)} not found in pod ${pod.metadata.name}\n`);
  }
  const first = containers[0].name;
  if (!opts.quiet && (containers.length > 1 || pod.spec?.initContainers?.length || pod.spec?.ephemeralContainers?.length)) {
    warn(`Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(pod)}\n`);
  }
  return first;
}
