/**
 * The pod behind an argument, as kubectl's polymorphic helpers pick it for logs and exec: a pod by
 * name, or for a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or Service the best of its
 * pods for logging (podutils.ByLogging: scheduled, running, ready longest, most restarts, oldest).
 */
import type { ApiServer } from '../../api/server.js';
import type { KObject } from '../../api/types.js';
import { forGroupResource, type ResourceInfo } from '../../api/registry.js';
import { fromLabelSelector, matchesLabels } from '../../api/selectors.js';
import { CliError } from '../../cli/errors.js';
import { resolveType } from './resources.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;

const readyCond = (p: KObject) => (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
const isReady = (p: KObject) => readyCond(p)?.status === 'True';
const maxRestarts = (p: KObject) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c: any) => c.restartCount ?? 0));
const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

/** podutils.ByLogging: negative when a is the better pod to read logs from. */
export function byLogging(a: KObject, b: KObject): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (!an || !bn)) return an ? -1 : 1;
  const pa = PHASE_RANK[a.status?.phase] ?? 0;
  const pb = PHASE_RANK[b.status?.phase] ?? 0;
  if (pa !== pb) return pa - pb;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (isReady(a) && isReady(b)) {
    const ta = Date.parse(readyCond(a)?.lastTransitionTime ?? '') || 0;
    const tb = Date.parse(readyCond(b)?.lastTransitionTime ?? '') || 0;
    if (ta !== tb) return ta - tb;
  }
  const ra = maxRestarts(a);
  const rb = maxRestarts(b);
  if (ra !== rb) return rb - ra;
  return (Date.parse(a.metadata.creationTimestamp ?? '') || 0) - (Date.parse(b.metadata.creationTimestamp ?? '') || 0);
}

/** "POD" or "TYPE/NAME" → the resource and name (a bare name is a pod). */
export function parseObjectArg(arg: string): { ri: ResourceInfo; name: string } {
  const i = arg.indexOf('/');
  if (i === -1) return { ri: PODS, name: arg };
  return { ri: resolveType(arg.slice(0, i)), name: arg.slice(i + 1) };
}

/** The pods an object selects, best for logging first. */
export function podsForObject(api: ApiServer, obj: KObject): KObject[] {
  if (obj.kind === 'Pod') return [obj];
  const sel = obj.kind === 'Service' ? (obj.spec?.selector ? { matchLabels: obj.spec.selector } : undefined) : obj.spec?.selector;
  const reqs = fromLabelSelector(sel);
  if (!reqs) throw new CliError(`cannot attach to ${obj.kind}: selector is missing`);
  const pods = api.list(PODS, obj.metadata.namespace).filter((p) => matchesLabels(reqs, p.metadata.labels));
  return pods.sort(byLogging);
}

const ATTACHABLE = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Service', 'ReplicationController']);

/** The object named by the argument, checked to be one pods can be picked from. */
export function attachableObject(api: ApiServer, arg: string, ns: string): KObject {
  const { ri, name } = parseObjectArg(arg);
  const obj = api.get(ri, ri.namespaced ? ns : undefined, name);
  if (!ATTACHABLE.has(obj.kind!)) throw new CliError(`cannot attach to ${ri.group ? `${ri.kind}.${ri.group}` : ri.kind}: not implemented`);
  return obj;
}

/** podcmd.AllContainerNames: "a, b, init (init), debug (ephem)". */
export function allContainerNames(pod: KObject): string {
  return [
    ...(pod.spec?.containers ?? []).map((c: any) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c: any) => `${c.name} (init)`),
    ...(pod.spec?.ephemeralContainers ?? []).map((c: any) => `${c.name} (ephem)`),
  ].join(', ');
}

/** podcmd.FindOrDefaultContainerByName with no name: the annotated default, or the first container (said on stderr when there was a choice). */
export function defaultContainer(pod: KObject, warn: (s: string) => void, quiet = false): string {
  const containers: any[] = pod.spec?.containers ?? [];
  if (!containers.length) throw new CliError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const all = [...containers, ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (annotated && all.some((c) => c.name === annotated)) return annotated;
  const first = containers[0].name;
  if (!quiet && (containers.length > 1 || pod.spec?.initContainers?.length || pod.spec?.ephemeralContainers?.length)) {
    warn(`Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(pod)}\n`);
  }
  return first;
}
