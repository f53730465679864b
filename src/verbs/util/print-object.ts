/**
 * Printing the objects a writing verb acted on, as kubectl's PrintFlags printer does: -o json, yaml
 * (documents after the first start with "---"), name, jsonpath and go-template forms through the
 * printer factory — or, without -o, the verb's own line ("deployment.apps/x scaled").
 */
import type { Ctx } from '../../cli/types.js';
import type { FlagSpec } from '../../cli/flags.js';
import type { KObject } from '../../api/types.js';
import { makePrinter, printFlagValues, PRINT_FLAGS, type Printer } from '../../printers/index.js';
import { toTyped } from '../../api/gotypes.js';

/** -o, --template and --allow-missing-template-keys of a writing verb (--show-managed-fields is declared apart). */
export const OUTPUT_FLAGS: FlagSpec[] = PRINT_FLAGS.filter((f) => f.name !== 'show-managed-fields');

function build(ctx: Ctx, output: string, typed: boolean): Promise<Printer | undefined> {
  const values = printFlagValues(ctx.global.values, ctx.global.changed);
  return makePrinter({ ...values, output }, { formats: 'generic', cwd: ctx.cwd, typed });
}

/** Checks -o and the template before the verb acts, failing with kubectl's text. */
export async function validateOutput(ctx: Ctx, output: string): Promise<void> {
  await build(ctx, output, false);
}

/** One printer per command, so that several YAML documents are separated. */
export class ObjectPrinter {
  private printer?: Promise<Printer | undefined>;
  constructor(
    private readonly ctx: Ctx,
    private readonly output: string,
  ) {}

  /** typed: kubectl holds the object as a Go struct (JSON in struct order); else unstructured (sorted keys). */
  async print(obj: KObject, line: string, opts: { typed?: boolean } = {}): Promise<void> {
    const typed = opts.typed === true;
    const p = await (this.printer ??= build(this.ctx, this.output, typed));
    this.ctx.io.out(p ? p.print(typed ? toTyped(obj) : obj) : line + '\n');
  }

  /** Several objects at once: one object as itself, more as a List (kubectl apply's way). */
  async printAll(objs: KObject[], lines: string[]): Promise<void> {
    const p = await (this.printer ??= build(this.ctx, this.output, false));
    if (!p) return objs.forEach((_, i) => this.ctx.io.out(lines[i] + '\n'));
    this.ctx.io.out(p.print(objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } }));
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
