/**
 * A full garbage collection when the heap has grown big. V8 collects lazily, so a command that builds
 * thousands of objects (a 5,000-replica apply) keeps the garbage of every step until the heap is far
 * larger than what is live; collecting at a few points keeps the process's peak memory near its live
 * set. The collector is exposed at run time (no command-line flag is needed), only when first used;
 * node:v8 and node:vm are fetched only then (importing them would cost every command start-up time).
 * On a Node without process.getBuiltinModule (before 20.16) this does nothing.
 */
type GetBuiltin = <T>(id: string) => T;

let collect: (() => void) | undefined;
let heapUsed: (() => number) | undefined;

/** Collects if more than `bytes` of heap are in use (cheap to call often: one heap statistics read). */
export function collectIfBig(bytes = 112 * 1024 * 1024): void {
  const builtin = (process as unknown as { getBuiltinModule?: GetBuiltin }).getBuiltinModule;
  if (!builtin) return;
  if (!heapUsed) {
    const v8 = builtin<typeof import('node:v8')>('node:v8');
    heapUsed = () => v8.getHeapStatistics().used_heap_size;
  }
  if (heapUsed() < bytes) return;
  if (!collect) {
    builtin<typeof import('node:v8')>('node:v8').setFlagsFromString('--expose-gc');
    collect = builtin<typeof import('node:vm')>('node:vm').runInNewContext('gc') as () => void;
  }
  collect();
}
