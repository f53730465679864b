/** A cluster's store: its document split by resource (see src/store/split.ts), with labels indexed. */
import { DocumentStore } from '../store/store.js';
import { CLUSTER_FORMAT, CLUSTER_LAYOUT, recordIndex, type ClusterDoc } from '../api/state.js';

export function clusterStore(path: string, resetHint: string): DocumentStore<ClusterDoc> {
  return new DocumentStore<ClusterDoc>(path, resetHint, { format: CLUSTER_FORMAT, layout: CLUSTER_LAYOUT, indexer: recordIndex });
}

/** Where a cluster's big buckets live, next to its head file. */
export { bucketDir } from '../store/split.js';
