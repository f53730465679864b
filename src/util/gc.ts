/**
 * A full garbage collection when the heap has grown big. V8 collects lazily, so a command that builds
 * thousands of objects (a 5,000-replica apply) keeps the garbage of every step until the heap is far
 * larger than what is live; collecting at a few points keeps the process's peak memory near its live
 * set. The collector is exposed at run time (no command-line flag is needed), only when first used.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** Collects if more than `bytes` of heap are in use (cheap to call often: one heap statistics read). */
export function collectIfBig(bytes = 128 * 1024 * 1024): void {
  if (getHeapStatistics().used_heap_size < bytes) return;
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
