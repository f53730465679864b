/**
 * Printing the objects a verb acted on, as kubectl's PrintFlags printer does: -o json, -o yaml
 * (documents after the first start with "---"), -o name, or the verb's line.
 */
import type { Ctx } from '../../cli/types.js';
import type { KObject } from '../../api/types.js';
import { printJson, printName } from '../../printers/output.js';
import { toTyped } from '../../api/gotypes.js';

/** One printer per command, so that several YAML documents are separated. */
export class ObjectPrinter {
  private count = 0;
  constructor(
    private readonly ctx: Ctx,
    private readonly output: string,
  ) {}

  /** typed: kubectl holds the object as a Go struct (JSON in struct order); else unstructured (sorted keys). */
  async print(obj: KObject, line: string, opts: { typed?: boolean } = {}): Promise<void> {
    const { ctx, output } = this;
    if (output === 'json') ctx.io.out(opts.typed ? printJson(toTyped(obj), { sort: false }) : printJson(obj));
    else if (output === 'yaml') {
      const { printYaml } = await import('../../printers/yaml.js');
      if (this.count > 0) ctx.io.out('---\n');
      ctx.io.out(printYaml(opts.typed ? toTyped(obj) : obj));
    } else if (output === 'name') ctx.io.out(printName(obj));
    else ctx.io.out(line + '\n');
    this.count++;
  }
}

/** Prints a single object (unstructured). */
export async function printObject(ctx: Ctx, output: string, obj: KObject, line: string): Promise<void> {
  await new ObjectPrinter(ctx, output).print(obj, line);
}

/** What a writing verb did to one object, to print after its transaction. */
export interface Done {
  obj: KObject;
  line: string;
}

export async function printDone(ctx: Ctx, output: string, done: Done[]): Promise<void> {
  const p = new ObjectPrinter(ctx, output);
  for (const d of done) await p.print(d.obj, d.line);
}
