/** `kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS`: the selector of a Service. */
import type { VerbModule } from '../../cli/types.js';
import { CliError } from '../../cli/errors.js';
import { SET_TEXTS } from './texts.js';
import { SET_FILE_FLAGS, checkBuilder, resolveSet, runSet, setCommonFlags, setSelection } from './common.js';
import { parseToLabelSelector } from '../generators/pdb.js';
import { generatorErrors } from '../create/common.js';

export const verb: VerbModule = {
  use: 'set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]',
  ...SET_TEXTS.selector,
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    ...SET_FILE_FLAGS(true).map((f) => (f.name === 'filename' ? { ...f, usage: 'identifying the resource.' } : f)),
    { name: 'local', type: 'bool', usage: 'If true, annotation will NOT contact api-server but run locally.' },
    {
      name: 'resource-version',
      type: 'string',
      usage: 'If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.',
    },
    ...setCommonFlags(),
  ],
  async run(ctx, p) {
    const v = p.values;
    const resources = p.args.slice(0, -1);
    const selector = p.args.length ? generatorErrors(() => parseToLabelSelector(p.args[p.args.length - 1])) : undefined;
    const sel = await setSelection(ctx, p, resources);
    if (!selector) throw new CliError('one selector is required');
    checkBuilder(sel, p);
    const targets = await resolveSet(ctx, sel);
    const rv = v['resource-version'] as string;
    return runSet(ctx, sel, targets, {
      operation: 'selector updated',
      failure: '',
      bareMutateErrors: true,
      mutate(obj) {
        if (rv) obj.metadata.resourceVersion = rv;
        if (selector.matchExpressions?.length) throw new Error(`match expression ${JSON.stringify(selector.matchExpressions)} not supported on this object`);
        if (obj.kind !== 'Service') throw new Error('setting a selector is only supported for Services');
        obj.spec = { ...(obj.spec ?? {}), selector: { ...(selector.matchLabels ?? {}) } };
        return true;
      },
    });
  },
};
