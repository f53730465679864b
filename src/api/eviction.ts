/**
 * POST pods/<name>/eviction (policy/v1 Eviction), as the API server's eviction REST handler does
 * it: a pod that already disrupts nothing (finished, pending, already deleting) is deleted at once;
 * otherwise its PodDisruptionBudget must allow one more disruption, which the eviction uses up
 * (status.disruptionsAllowed, status.disruptedPods), or the request fails with 429. The pod gets the
 * DisruptionTarget condition before it is deleted.
 */
import type { ApiServer, DeleteOptions } from './server.js';
import type { KObject } from './types.js';
import { forGroupResource } from './registry.js';
import { internalError, forbiddenError, tooManyRequestsError, type StatusError } from './errors.js';
import { selectorMatches } from './selectors.js';

const PODS = forGroupResource('pods')!;
const PDBS = forGroupResource('poddisruptionbudgets.policy')!;

export const EVICTION_BLOCKED = "Cannot evict pod as it would violate the pod's disruption budget.";
/** The most entries status.disruptedPods may hold (MaxDisruptedPodSize). */
const MAX_DISRUPTED_PODS = 2000;

export interface EvictionOptions {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
}

const isReady = (pod: KObject) => (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');

/** A pod whose eviction cannot disrupt anything more: it finished, has not started, or is already going. */
function canIgnoreBudget(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

function blocked(cause: string): StatusError {
  const err = tooManyRequestsError(EVICTION_BLOCKED, 0);
  err.status.details = { ...(err.status.details ?? {}), causes: [{ reason: 'DisruptionBudget', message: cause }] };
  return err;
}

/** Evicts a pod. Throws the API's errors (NotFound, 429 when a budget forbids it). */
export function evictPod(api: ApiServer, ns: string, name: string, opts: EvictionOptions = {}): void {
  const pod = api.get(PODS, ns, name);
  const del: DeleteOptions = { dryRun: opts.dryRun, gracePeriodSeconds: opts.gracePeriodSeconds, uid: pod.metadata.uid };
  if (canIgnoreBudget(pod)) {
    api.delete(PODS, ns, name, del);
    return;
  }
  const labels = pod.metadata.labels ?? {};
  const pdbs = api.list(PDBS, ns).filter((b) => selectorMatches(b.spec?.selector, labels));
  if (pdbs.length > 1) throw internalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  if (pdbs.length === 1) {
    const pdb = pdbs[0];
    const st = pdb.status ?? {};
    // An unready pod does not count as healthy: evicting it costs nothing while the budget is met.
    const free = !isReady(pod) && (st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0;
    if (!free) {
      if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw blocked(`The disruption budget ${pdb.metadata.name} is still being processed by the server.`);
      if ((st.disruptionsAllowed ?? 0) < 0) throw forbiddenError(PODS, name, 'pdb disruptions allowed is negative');
      if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) throw forbiddenError(PODS, name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
      if ((st.disruptionsAllowed ?? 0) === 0) {
        throw blocked(`The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`);
      }
      if (!opts.dryRun) {
        const allowed = st.disruptionsAllowed - 1;
        const next: KObject = { ...structuredClone(pdb), status: { ...structuredClone(st), disruptionsAllowed: allowed, disruptedPods: { ...(st.disruptedPods ?? {}), [name]: api.nowRfc3339() } } };
        if (allowed === 0) {
          next.status.conditions = (next.status.conditions ?? []).map((c: { type: string }) =>
            c.type === 'DisruptionAllowed' ? { ...c, status: 'False', reason: 'InsufficientPods', message: '', lastTransitionTime: api.nowRfc3339() } : c,
          );
        }
        api.updateStatus(next);
      }
    }
  }
  if (!opts.dryRun) {
    const conds = (pod.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'DisruptionTarget');
    conds.push({ lastProbeTime: null, lastTransitionTime: api.nowRfc3339(), message: 'Eviction API: evicting', reason: 'EvictionByEvictionAPI', status: 'True', type: 'DisruptionTarget' });
    api.updateStatus({ ...structuredClone(pod), status: { ...structuredClone(pod.status), conditions: conds } });
  }
  api.delete(PODS, ns, name, del);
}
