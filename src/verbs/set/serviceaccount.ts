/** `kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT`. */
import type { VerbModule } from '../../cli/types.js';
import { CliError } from '../../cli/errors.js';
import { SET_TEXTS } from './texts.js';
import { SET_FILE_FLAGS, checkBuilder, podSpecOf, resolveSet, runSet, setCommonFlags, setSelection } from './common.js';

export const verb: VerbModule = {
  use: 'set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]',
  ...SET_TEXTS.serviceaccount,
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    ...SET_FILE_FLAGS(),
    { name: 'local', type: 'bool', usage: 'If true, set serviceaccount will NOT contact api-server but run locally.' },
    ...setCommonFlags(),
  ],
  async run(ctx, p) {
    const v = p.values;
    if (v.local && (v['dry-run'] as string) === 'server') throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (!p.args.length) throw new CliError('serviceaccount is required');
    const name = p.args[p.args.length - 1];
    const sel = await setSelection(ctx, p, p.args.slice(0, -1));
    checkBuilder(sel, p);
    const targets = await resolveSet(ctx, sel);
    return runSet(ctx, sel, targets, {
      operation: 'serviceaccount updated',
      failure: 'failed to patch ServiceAccountName ',
      skipEmpty: false,
      mutate(obj) {
        podSpecOf(obj).serviceAccountName = name;
        return true;
      },
    });
  },
};
