/** Builds a `create <generator>` verb module from its help text, its own flags and its run. */
import type { Ctx, VerbModule } from '../../cli/types.js';
import type { FlagSpec, Parsed } from '../../cli/flags.js';
import { TEXTS } from './texts.js';
import { createSubFlags } from './common.js';

export function generatorVerb(key: string, flags: FlagSpec[], run: (ctx: Ctx, p: Parsed) => Promise<number | void>, opts: { common?: boolean } = {}): VerbModule {
  const t = TEXTS[key];
  return { use: t.use, long: t.long, example: t.example, flags: [...flags, ...(opts.common === false ? [] : createSubFlags())], run };
}

/** The namespace to put in generated objects: only an explicit -n (kubectl's EnforceNamespace). */
export const explicitNamespace = (ctx: Ctx): string | undefined => (ctx.namespaceExplicit() ? ctx.namespace() : undefined);
