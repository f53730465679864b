import type { Ctx } from '../../cli/types.js';
import type { FlagSpec } from '../../cli/flags.js';
import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/registry.js';
import { ObjectPrinter } from './print-object.js';

/** One object a writing verb acted on, and the line kubectl prints for it. */
export interface Result {
  ri: ResourceInfo;
  obj: KObject;
  line: string;
  /** Printed to stderr before the line. */
  warnings?: string[];
}

export const FILE_FLAGS = (what: string): FlagSpec[] => [
  { name: 'filename', short: 'f', type: 'stringSlice', usage: `The files ${what}.` },
  { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
];

export { OUTPUT_FLAGS, validateOutput } from './print-object.js';

/**
 * Prints what a writing verb did: its lines, or the objects in the -o format. apply gathers several
 * objects into one List (except for -o name); create prints each object as it goes.
 */
export async function printResults(ctx: Ctx, output: string, results: Result[], opts: { list?: boolean } = {}): Promise<void> {
  const printer = new ObjectPrinter(ctx, output);
  if (opts.list && output && output !== 'name') {
    for (const r of results) for (const w of r.warnings ?? []) ctx.io.err(w);
    await printer.printAll(results.map((r) => r.obj), results.map((r) => r.line));
    return;
  }
  for (const r of results) {
    for (const w of r.warnings ?? []) ctx.io.err(w);
    await printer.print(r.obj, r.line);
  }
}
