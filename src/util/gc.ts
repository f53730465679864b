/**
 * A full garbage collection when the heap has grown big. V8 collects lazily, so a command that builds
 * thousands of objects (a 5,000-replica apply) keeps the garbage of every step until the heap is far
 * larger than what is live; collecting at a few points keeps the process's peak memory near its live
 * set. The collector is exposed at run time (no command-line flag is needed), only when first used;
 * node:v8 and node:vm are loaded only then (they cost start-up time every command would pay).
 */
import { createRequire } from 'node:module';

let collect: (() => void) | undefined;
let heapUsed: (() => number) | undefined;

/** Collects if more than `bytes` of heap are in use (cheap to call often: one heap statistics read). */
export function collectIfBig(bytes = 112 * 1024 * 1024): void {
  if (!heapUsed) {
    const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
    heapUsed = () => v8.getHeapStatistics().used_heap_size;
  }
  if (heapUsed() < bytes) return;
  if (!collect) {
    const req = createRequire(import.meta.url);
    (req('node:v8') as typeof import('node:v8')).setFlagsFromString('--expose-gc');
    collect = (req('node:vm') as typeof import('node:vm')).runInNewContext('gc') as () => void;
  }
  collect();
}
