/** A cluster's store: its document split by resource (see src/store/split.ts), with labels indexed. */
import { DocumentStore } from '../store/store.js';
import type { Env } from '../cli/types.js';
import { CLUSTER_FORMAT, CLUSTER_LAYOUT, recordIndex, type ClusterDoc } from '../api/state.js';

/**
 * `KUBEMU_SPLIT_BYTES` (for tests) sets the size from which a bucket gets a file of its own (0: every
 * bucket does), so that small clusters exercise the split layout too.
 */
export function clusterStore(path: string, resetHint: string, env: Env = {}): DocumentStore<ClusterDoc> {
  const split = env.KUBEMU_SPLIT_BYTES;
  const splitBytes = split !== undefined && /^\d+$/.test(split) ? Number(split) : undefined;
  return new DocumentStore<ClusterDoc>(path, resetHint, { format: CLUSTER_FORMAT, layout: CLUSTER_LAYOUT, indexer: recordIndex, splitBytes });
}

/** Where a cluster's big buckets live, next to its head file. */
export { bucketDir } from '../store/split.js';
