/** Printing one object a verb acted on, as kubectl's PrintFlags printer does (-o json|yaml|name, or the line). */
import type { Ctx } from '../../cli/types.js';
import type { KObject } from '../../api/types.js';
import { printJson, printName } from '../../printers/output.js';

/** An object kubectl holds as unstructured: JSON with sorted keys. */
export async function printObject(ctx: Ctx, output: string, obj: KObject, line: string): Promise<void> {
  if (output === 'json') ctx.io.out(printJson(obj));
  else if (output === 'yaml') {
    const { printYaml } = await import('../../printers/yaml.js');
    ctx.io.out(printYaml(obj));
  } else if (output === 'name') ctx.io.out(printName(obj));
  else ctx.io.out(line + '\n');
}

/** What a writing verb did to one object, to print after its transaction. */
export interface Done {
  obj: KObject;
  line: string;
}

export async function printDone(ctx: Ctx, output: string, done: Done[]): Promise<void> {
  for (const d of done) await printObject(ctx, output, d.obj, d.line);
}
