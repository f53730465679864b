/**
 * DefaultPreemption (the PostFilter plugin): when nothing fits, find nodes where evicting pods of
 * lower priority would make room, pick the one that hurts least, and nominate it. When preemption
 * cannot help, explain why per node, in the scheduler's words.
 */
import type { KObject } from '../api/types.js';
import { filterNode, fitErrorMessage, nodeView, type FitError, type Snapshot, type Status } from './plugins.js';
import type { PodEntry } from './cache.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface PreemptionResult {
  /** The PostFilter message appended to the FitError ("preemption: ..."), empty when preemption succeeded. */
  message: string;
  /** The node nominated and the pods to evict, when preemption can help. */
  nominated?: { node: string; victims: PodEntry[] };
}

function startTime(e: PodEntry): number {
  return Date.parse(e.pod.status?.startTime ?? e.pod.metadata.creationTimestamp ?? '') || 0;
}

/** More important first: higher priority, then the one that started earlier. */
function moreImportant(a: PodEntry, b: PodEntry): number {
  return b.priority - a.priority || startTime(a) - startTime(b);
}

export function preempt(pod: KObject, snap: Snapshot, fe: FitError): PreemptionResult {
  const c = fe.cycle;
  if (pod.spec?.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const nominated: string | undefined = pod.status?.nominatedNodeName;
  if (nominated && fe.statuses.get(nominated)?.code !== 'UnschedulableAndUnresolvable') {
    const info = snap.cache.nodes.get(nominated);
    const prio = pod.spec?.priority ?? 0;
    for (const e of info?.pods.values() ?? []) {
      if (e.pod.metadata.deletionTimestamp && e.priority < prio) return { message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
    }
  }
  const statuses = new Map<string, Status>();
  const candidates: { node: string; victims: PodEntry[] }[] = [];
  for (const n of snap.nodes) {
    const name = n.metadata.name!;
    const s = fe.statuses.get(name);
    if (!s || s.code === 'UnschedulableAndUnresolvable' || !c) {
      statuses.set(name, { code: 'UnschedulableAndUnresolvable', reasons: [NOT_HELPFUL], plugin: 'DefaultPreemption' });
      continue;
    }
    const info = snap.cache.nodes.get(name);
    const potential = [...(info?.pods.values() ?? [])].filter((e) => e.priority < c.priority);
    if (!potential.length) {
      statuses.set(name, { code: 'UnschedulableAndUnresolvable', reasons: [NO_VICTIMS], plugin: 'DefaultPreemption' });
      continue;
    }
    const view = nodeView(n);
    const without = new Set(potential.map((e) => e.key));
    const after = filterNode(c, snap, view, without);
    if (after) {
      statuses.set(name, after);
      continue;
    }
    // Reprieve as many as possible, most important first.
    potential.sort(moreImportant);
    const victims: PodEntry[] = [];
    for (const e of potential) {
      without.delete(e.key);
      if (filterNode(c, snap, view, without)) {
        without.add(e.key);
        victims.push(e);
      }
    }
    candidates.push({ node: name, victims });
  }
  if (!candidates.length) {
    return { message: `preemption: ${fitErrorMessage({ numAllNodes: fe.numAllNodes, statuses })}` };
  }
  // pickOneNodeForPreemption: lowest highest-priority victim, then lowest priority sum, then fewest victims.
  const key = (x: { victims: PodEntry[] }) => [Math.max(...x.victims.map((v) => v.priority), -Infinity), x.victims.reduce((s, v) => s + v.priority + 2147483648, 0), x.victims.length];
  let best = candidates[0];
  for (const cand of candidates.slice(1)) {
    const a = key(cand);
    const b = key(best);
    for (let i = 0; i < a.length; i++) {
      if (a[i] < b[i]) {
        best = cand;
        break;
      }
      if (a[i] > b[i]) break;
    }
  }
  return { message: '', nominated: best };
}
