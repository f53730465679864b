import type { Ctx } from '../../cli/types.js';
import type { FlagSpec } from '../../cli/flags.js';
import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/registry.js';
import { CliError } from '../../cli/errors.js';
import { printJson, printName, asList } from '../../printers/output.js';

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

export const OUTPUT_FLAG: FlagSpec = {
  name: 'output',
  short: 'o',
  type: 'string',
  usage: 'Output format. One of: (json, yaml, name).',
};

const FORMATS = ['json', 'name', 'yaml'];

export function validateOutput(o: string): void {
  if (o && !FORMATS.includes(o)) {
    throw new CliError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${FORMATS.join(',')}`);
  }
}

/** Prints what a writing verb did: its lines, or the objects in the -o format. */
export async function printResults(ctx: Ctx, output: string, results: Result[]): Promise<void> {
  if (output === 'yaml') {
    const { printYaml } = await import('../../printers/yaml.js');
    for (const r of results) for (const w of r.warnings ?? []) ctx.io.err(w);
    ctx.io.out(results.length === 1 ? printYaml(results[0].obj) : printYaml(asList(results.map((r) => r.obj))));
    return;
  }
  if (output === 'json') {
    for (const r of results) for (const w of r.warnings ?? []) ctx.io.err(w);
    ctx.io.out(results.length === 1 ? printJson(results[0].obj) : printJson(asList(results.map((r) => r.obj))));
    return;
  }
  for (const r of results) {
    for (const w of r.warnings ?? []) ctx.io.err(w);
    ctx.io.out(output === 'name' ? printName(r.obj) : r.line + '\n');
  }
}
