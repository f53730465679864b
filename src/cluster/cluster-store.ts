/** A cluster's store: its document split by resource (see src/store/split.ts), with labels indexed. */
import { DocumentStore } from '../store/store.js';
import type { Env } from '../cli/types.js';
import type { Indexer } from '../store/buckets.js';
import type { KObject } from '../api/types.js';
import { CLUSTER_FORMAT, CLUSTER_LAYOUT, recordIndex, type ClusterDoc } from '../api/state.js';

/**
 * `KUBEMU_SPLIT_BYTES` (for tests) sets the size from which a bucket gets a file of its own (0: every
 * bucket does), so that small clusters exercise the split layout too.
 */
export function clusterStore(path: string, resetHint: string, env: Env = {}): DocumentStore<ClusterDoc> {
  const split = env.KUBEMU_SPLIT_BYTES;
  const splitBytes = split !== undefined && /^\d+$/.test(split) ? Number(split) : undefined;
  return new DocumentStore<ClusterDoc>(path, resetHint, { format: CLUSTER_FORMAT, layout: CLUSTER_LAYOUT, indexer: INDEXER, splitBytes });
}

let podFacts: ((pod: KObject) => unknown) | undefined;

/**
 * The scheduler's pod facts, to be kept in the index of every pod written (the control plane registers
 * them when it is loaded, so that commands which only read do not load the scheduler's code). A pod
 * written without them is read in full when the scheduler builds its cache.
 */
export function indexPodFacts(fn: (pod: KObject) => unknown): void {
  podFacts = fn;
}

/**
 * What the store keeps next to each record: the API's index (labels, owners, node, event times) and,
 * for pods, the scheduler's facts (so its cache is built without reading every pod). The version
 * changes whenever either does: files indexed otherwise are then read in full and rewritten.
 */
const INDEXER: Indexer = {
  version: 3,
  index(bucket, record) {
    const idx = recordIndex(bucket, record);
    if (bucket !== 'objects.pods' || !podFacts) return idx;
    return { ...idx, s: podFacts(record as KObject) };
  },
};

/** Where a cluster's big buckets live, next to its head file. */
export { bucketDir } from '../store/split.js';
