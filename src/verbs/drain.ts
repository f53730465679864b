/**
 * `kubectl cordon`, `uncordon` and `drain`: mark nodes (un)schedulable, then evict the pods a drain
 * may move, as kubectl's drain helper classifies them, waiting for each to be gone.
 */
import type { Ctx, VerbModule, ClusterSession } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { ApiServer } from '../api/server.js';
import type { KObject } from '../api/types.js';
import { forGroupResource } from '../api/registry.js';
import { isStatusError } from '../api/errors.js';
import { parseLabelSelector } from '../api/selectors.js';
import { evictPod } from '../api/eviction.js';
import { AggregateError2, CliError } from '../cli/errors.js';
import { parseDryRun, dryRunSuffix, DRY_RUN_FLAG, type DryRun } from './util/objects.js';
import { usageError } from './create/common.js';
import { parseDuration } from './util/wait.js';
import { goDuration } from '../util/duration.js';

const NODES = forGroupResource('nodes')!;
const PODS = forGroupResource('pods')!;

const SELECTOR_FLAG = {
  name: 'selector',
  short: 'l',
  type: 'string' as const,
  usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
};

/** The drain command's Complete step: the nodes named or selected (NotFound fails the command). */
function selectNodes(ctx: Ctx, p: Parsed, use: string): { names: string[]; selector: string } {
  const selector = (p.values.selector as string) ?? '';
  if (!p.args.length && !p.changed.has('selector')) throw usageError(ctx, `USAGE: ${use} [flags]`);
  if (p.args.length && selector) throw usageError(ctx, 'error: cannot specify both a node name and a --selector option');
  return { names: p.args, selector };
}

function findNodes(api: ApiServer, names: string[], selector: string): KObject[] {
  if (names.length) return names.map((n) => structuredClone(api.get(NODES, undefined, n)));
  return api.list(NODES, undefined, { labelSelector: selector }).map((n) => structuredClone(n));
}

const nodeRef = (name: string) => `node/${name}`;

/** Cordons (desired true) or uncordons the nodes, printing kubectl's line for each. */
function cordonAll(ctx: Ctx, api: ApiServer, nodes: KObject[], desired: boolean, dry: DryRun): void {
  for (const node of nodes) {
    const name = node.metadata.name!;
    if (!!node.spec?.unschedulable === desired) {
      ctx.io.out(`${nodeRef(name)} already ${desired ? 'cordoned' : 'uncordoned'}${dryRunSuffix(dry)}\n`);
      continue;
    }
    if (dry !== 'client') {
      const next = structuredClone(node);
      next.spec = { ...(next.spec ?? {}) };
      if (desired) next.spec.unschedulable = true;
      else delete next.spec.unschedulable;
      delete next.metadata.resourceVersion;
      try {
        api.update(next, { dryRun: dry === 'server', manager: 'kubectl-cordon' });
      } catch (e) {
        ctx.io.err(`error: unable to ${desired ? 'cordon' : 'uncordon'} node "${name}": ${(e as Error).message}\n`);
        continue;
      }
    }
    ctx.io.out(`${nodeRef(name)} ${desired ? 'cordoned' : 'uncordoned'}${dryRunSuffix(dry)}\n`);
  }
}

async function runCordon(ctx: Ctx, p: Parsed, desired: boolean): Promise<number> {
  const { names, selector } = selectNodes(ctx, p, desired ? 'cordon NODE' : 'uncordon NODE');
  const dry = parseDryRun(p.values['dry-run'] as string);
  const session = await ctx.cluster();
  await session.tx(
    (api) => {
      const nodes = findNodes(api, names, selector);
      cordonAll(ctx, api, nodes, desired, dry);
    },
    { write: true },
  );
  return 0;
}

const cordonFlags = [DRY_RUN_FLAG, SELECTOR_FLAG];

export const cordon: VerbModule = {
  use: 'cordon NODE [options]',
  long: 'Mark node as unschedulable.',
  example: `  # Mark node "foo" as unschedulable
  kubectl cordon foo`,
  flags: cordonFlags,
  run: (ctx, p) => runCordon(ctx, p, true),
};

export const uncordon: VerbModule = {
  use: 'uncordon NODE [options]',
  long: 'Mark node as schedulable.',
  example: `  # Mark node "foo" as schedulable
  kubectl uncordon foo`,
  flags: cordonFlags,
  run: (ctx, p) => runCordon(ctx, p, false),
};

// ---- drain ----------------------------------------------------------------------------------------

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

export interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** --skip-wait-for-delete-timeout, seconds. */
  skipWaitSeconds: number;
  now: number;
}

type Status = { delete: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message?: string };
const okay: Status = { delete: true, reason: 'Okay' };

const finished = (pod: KObject) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const controllerOf = (pod: KObject) => (pod.metadata.ownerReferences ?? []).find((r: { controller?: boolean }) => r.controller);

/** What drain does with one pod: the drain helper's filters, in its order (the first that says no wins). */
export function classifyPod(pod: KObject, o: DrainOptions, daemonSetExists: (ns: string, name: string) => boolean): Status {
  const filters: ((p: KObject) => Status)[] = [
    // skipDeletedFilter
    (p) => {
      const ts = p.metadata.deletionTimestamp;
      return o.skipWaitSeconds > 0 && ts && Math.floor((o.now - Date.parse(ts)) / 1000) > o.skipWaitSeconds ? { delete: false, reason: 'Skip' } : okay;
    },
    // daemonSetFilter
    (p) => {
      const ref = controllerOf(p);
      if (!ref || ref.kind !== 'DaemonSet' || finished(p)) return okay;
      if (!daemonSetExists(p.metadata.namespace!, ref.name)) {
        const msg = `daemonsets.apps "${ref.name}" not found`;
        return o.force ? { delete: true, reason: 'Warning', message: msg } : { delete: false, reason: 'Error', message: msg };
      }
      return o.ignoreDaemonSets ? { delete: false, reason: 'Warning', message: DAEMONSET_WARNING } : { delete: false, reason: 'Error', message: DAEMONSET_FATAL };
    },
    // mirrorPodFilter
    (p) => (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { delete: false, reason: 'Skip' } : okay),
    // localStorageFilter
    (p) => {
      if (!(p.spec?.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir) || finished(p)) return okay;
      return o.deleteEmptyDirData ? { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING } : { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
    },
    // unreplicatedFilter
    (p) => {
      if (finished(p) || controllerOf(p)) return okay;
      return o.force ? { delete: true, reason: 'Warning', message: UNMANAGED_WARNING } : { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
    },
  ];
  let status = okay;
  for (const f of filters) {
    status = f(pod);
    if (!status.delete) break;
  }
  return status;
}

/** Groups "ns/name" by message, in first-seen order: `msg: a, b` joined by `; ` (warnings) or one error each. */
function grouped(items: { pod: KObject; status: Status }[], reason: Status['reason']): [string, string[]][] {
  const by = new Map<string, string[]>();
  for (const { pod, status } of items) {
    if (status.reason !== reason) continue;
    const msg = status.message || 'unexpected error';
    by.set(msg, [...(by.get(msg) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);
  }
  return [...by];
}

export interface PodsForDeletion {
  pods: KObject[];
  warnings: string;
  errors: string[];
}

export function podsForDeletion(api: ApiServer, node: string, podSelector: string, o: DrainOptions): PodsForDeletion {
  const all = api.list(PODS, undefined, { labelSelector: podSelector || undefined, fieldSelector: `spec.nodeName=${node}` });
  const dsExists = (ns: string, name: string) => !!api.peek(forGroupResource('daemonsets.apps')!, ns, name);
  const items = all.map((pod) => ({ pod, status: classifyPod(pod, o, dsExists) }));
  return {
    pods: items.filter((i) => i.status.delete).map((i) => i.pod),
    warnings: grouped(items, 'Warning')
      .map(([m, ps]) => `${m}: ${ps.join(', ')}`)
      .join('; '),
    errors: grouped(items, 'Error').map(([m, ps]) => `cannot delete ${m}: ${ps.join(', ')}`),
  };
}

/** Go's utilerrors aggregate text: one message as is, several in brackets. */
const aggregateText = (msgs: string[]) => (msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`);

interface Drainer {
  ctx: Ctx;
  session: ClusterSession;
  dry: DryRun;
  grace: number;
  timeoutMs: number;
  disableEviction: boolean;
  skipWaitSeconds: number;
}

const podKey = (p: KObject) => `${p.metadata.namespace}/${p.metadata.name}`;

/**
 * Evicts (or deletes) the pods and waits for them to be gone, as the drain helper's goroutines do:
 * every pod is asked at once; a budget refusal is retried every 5 s; a pod is reported when it is
 * gone (or replaced by one with another uid). Returns the errors.
 */
async function evictOrDelete(d: Drainer, pods: KObject[]): Promise<string[]> {
  const { ctx, session } = d;
  const useEviction = !d.disableEviction;
  const errors: string[] = [];
  const start = await session.tx((api) => api.now);
  const deadline = d.timeoutMs > 0 ? start + d.timeoutMs : Infinity;
  /** Pods still to ask, with when to ask them next; then pods asked, waiting to be gone. */
  const toAsk = new Map<string, { pod: KObject; at: number }>(pods.map((p) => [podKey(p), { pod: p, at: start }]));
  const waiting = new Map<string, KObject>();
  const opts = { dryRun: d.dry === 'server', gracePeriodSeconds: d.grace >= 0 ? d.grace : undefined };
  const gone = (api: ApiServer, p: KObject) => {
    const live = api.peek(PODS, p.metadata.namespace, p.metadata.name!);
    if (!live || live.metadata.uid !== p.metadata.uid) return true;
    const ts = live.metadata.deletionTimestamp;
    if (d.skipWaitSeconds > 0 && ts && Math.floor((api.now - Date.parse(ts)) / 1000) > d.skipWaitSeconds) {
      ctx.io.out(`Pod ${p.metadata.name} was deleted more than ${d.skipWaitSeconds} seconds ago, skip waiting for deletion\n`);
      return true;
    }
    return false;
  };
  if (!useEviction) {
    // deletePods: delete them all, then wait (the global timeout bounds the wait).
    const err = await session.tx(
      (api) => {
        for (const p of pods) {
          try {
            api.delete(PODS, p.metadata.namespace, p.metadata.name!, opts);
          } catch (e) {
            if (!(isStatusError(e) && e.reason === 'NotFound')) return (e as Error).message;
          }
        }
        return undefined;
      },
      { write: true },
    );
    if (err) return [err];
    if (d.dry === 'server') return [];
    for (const p of pods) waiting.set(podKey(p), p);
    toAsk.clear();
  }
  for (;;) {
    const now = await session.tx(
      (api) => {
        for (const [key, t] of [...toAsk]) {
          if (t.at > api.now) continue;
          ctx.io.out(`evicting pod ${key}${d.dry === 'server' ? ' (server dry run)' : ''}\n`);
          if (api.now >= deadline) {
            toAsk.delete(key);
            errors.push(`error when evicting pods/"${t.pod.metadata.name}" -n "${t.pod.metadata.namespace}": global timeout reached: ${goDuration(d.timeoutMs)}`);
            continue;
          }
          try {
            evictPod(api, t.pod.metadata.namespace!, t.pod.metadata.name!, opts);
            toAsk.delete(key);
            if (d.dry !== 'server') waiting.set(key, t.pod);
          } catch (e) {
            if (isStatusError(e) && e.reason === 'NotFound') {
              toAsk.delete(key);
            } else if (isStatusError(e) && e.code === 429) {
              ctx.io.err(`error when evicting pods/"${t.pod.metadata.name}" -n "${t.pod.metadata.namespace}" (will retry after 5s): ${e.message}\n`);
              t.at = api.now + 5000;
            } else {
              toAsk.delete(key);
              errors.push(`error when evicting pods/"${t.pod.metadata.name}" -n "${t.pod.metadata.namespace}": ${(e as Error).message}`);
            }
          }
        }
        for (const [key, p] of [...waiting]) {
          if (!gone(api, p)) continue;
          waiting.delete(key);
          ctx.io.out(`pod/${p.metadata.name} ${useEviction ? 'evicted' : 'deleted'}\n`);
        }
        return api.now;
      },
      { write: true },
    );
    if (!toAsk.size && !waiting.size) break;
    if (now >= deadline && !toAsk.size) {
      for (const p of waiting.values()) {
        errors.push(
          useEviction
            ? `error when waiting for pod "${p.metadata.name}" in namespace "${p.metadata.namespace}" to terminate: context deadline exceeded`
            : `timed out waiting for the condition`,
        );
      }
      break;
    }
    const nextAsk = Math.min(...[...toAsk.values()].map((t) => t.at));
    // Polls every second while waiting for deletions; otherwise sleeps until the next retry.
    const wait = waiting.size ? 1000 : Math.max(1, nextAsk - now);
    await session.step(Math.min(wait, Math.max(1, deadline - now)));
    ctx.io.flush?.();
  }
  return errors;
}

async function runDrain(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const { names, selector } = selectNodes(ctx, p, 'drain NODE');
  const dry = parseDryRun(v['dry-run'] as string);
  const podSelector = (v['pod-selector'] as string) ?? '';
  if (podSelector) {
    try {
      parseLabelSelector(podSelector);
    } catch {
      throw new CliError('--pod-selector=<pod_selector> must be a valid label selector');
    }
  }
  const session = await ctx.cluster();
  const o = (now: number): DrainOptions => ({
    force: v.force === true,
    ignoreDaemonSets: v['ignore-daemonsets'] === true,
    deleteEmptyDirData: v['delete-emptydir-data'] === true,
    skipWaitSeconds: v['skip-wait-for-delete-timeout'] as number,
    now,
  });
  const nodes = await session.tx(
    (api) => {
      const found = findNodes(api, names, selector);
      cordonAll(ctx, api, found, true, dry);
      return found.map((n) => n.metadata.name!);
    },
    { write: true },
  );
  const drainer: Drainer = {
    ctx,
    session,
    dry,
    grace: v['grace-period'] as number,
    timeoutMs: parseDuration(v.timeout as string),
    disableEviction: v['disable-eviction'] === true,
    skipWaitSeconds: v['skip-wait-for-delete-timeout'] as number,
  };
  const fatal: unknown[] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    const list = await session.tx((api) => podsForDeletion(api, node, podSelector, o(api.now)));
    let errs = list.errors;
    if (!errs.length) {
      if (list.warnings) ctx.io.err(`Warning: ${list.warnings}\n`);
      if (dry === 'client') {
        for (const pod of list.pods) ctx.io.out(`evicting pod ${podKey(pod)} (dry run)\n`);
      } else {
        errs = await evictOrDelete(drainer, list.pods);
        if (errs.length) {
          const err = aggregateText(errs);
          const pending = await session.tx((api) => podsForDeletion(api, node, podSelector, o(api.now)));
          if (pending.pods.length) {
            ctx.io.err(`There are pending pods in node "${node}" when an error occurred: ${err}\n`);
            for (const pod of pending.pods) ctx.io.err(`pod/${pod.metadata.name}\n`);
          }
        }
      }
    }
    if (!errs.length) {
      ctx.io.out(`${nodeRef(node)} drained${dryRunSuffix(dry)}\n`);
      continue;
    }
    ctx.io.err(`error: unable to drain node "${node}" due to error: ${aggregateText(errs)}, continuing command...\n`);
    fatal.push(new AggregateError2(errs.map((m) => new CliError(m))));
    remaining.push(node);
  }
  if (remaining.length) ctx.io.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  if (fatal.length) throw new AggregateError2(fatal);
  return 0;
}

export const drain: VerbModule = {
  use: 'drain NODE [options]',
  long: `Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.

 'drain' waits for graceful termination. You should not operate on the machine until the command completes.

 When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.

https://kubernetes.io/images/docs/kubectl_drain.svg Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg`,
  example: `  # Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
  kubectl drain foo --force
  
  # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
  kubectl drain foo --grace-period=900`,
  flags: [
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'delete-emptydir-data', type: 'bool', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'disable-eviction', type: 'bool', usage: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
    DRY_RUN_FLAG,
    { name: 'force', type: 'bool', usage: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
    { name: 'ignore-daemonsets', type: 'bool', usage: 'Ignore DaemonSet-managed pods.' },
    { name: 'pod-selector', type: 'string', usage: 'Label selector to filter pods on the node' },
    SELECTOR_FLAG,
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0, usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up, zero means infinite' },
  ],
  run: runDrain,
};
