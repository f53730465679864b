/** `kubectl set resources (-f FILENAME | TYPE NAME) [--limits=LIMITS] [--requests=REQUESTS]`. */
import type { VerbModule } from '../../cli/types.js';
import { CliError } from '../../cli/errors.js';
import { SET_TEXTS } from './texts.js';
import { SET_FILE_FLAGS, SET_SELECTOR_FLAG, checkBuilder, podSpecOf, resolveSet, runSet, selectString, setCommonFlags, setSelection } from './common.js';
import { parseResourceList } from '../generators/quota.js';
import { generatorErrors } from '../create/common.js';

const USAGE =
  "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.";

export const verb: VerbModule = {
  use: 'set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
  ...SET_TEXTS.resources,
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    { name: 'containers', short: 'c', type: 'string', default: '*', usage: 'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards' },
    ...SET_FILE_FLAGS(),
    { name: 'limits', type: 'string', usage: USAGE },
    { name: 'local', type: 'bool', usage: 'If true, set resources will NOT contact api-server but run locally.' },
    { name: 'requests', type: 'string', usage: USAGE },
    SET_SELECTOR_FLAG,
    ...setCommonFlags(),
  ],
  async run(ctx, p) {
    const v = p.values;
    const sel = await setSelection(ctx, p, p.args);
    checkBuilder(sel, p);
    const targets = await resolveSet(ctx, sel);
    if (sel.local && sel.dry === 'server') throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (v.all && v.selector) throw new CliError('cannot set --all and --selector at the same time');
    const limitsArg = v.limits as string;
    const requestsArg = v.requests as string;
    if (!limitsArg && !requestsArg) throw new CliError('you must specify an update to requests or limits (in the form of --requests/--limits)');
    const limits = generatorErrors(() => parseResourceList(limitsArg));
    const requests = generatorErrors(() => parseResourceList(requestsArg));
    const containerSel = v.containers as string;
    const notFound: unknown[] = [];
    return runSet(ctx, sel, targets, {
      operation: 'resource requirements updated',
      failure: 'failed to patch resources update to pod template ',
      extraErrors: () => notFound,
      mutate(obj) {
        const spec = podSpecOf(obj);
        const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c: { name: string }) => selectString(c.name, containerSel));
        if (!containers.length) {
          notFound.push(new CliError(`error: unable to find container named ${containerSel}`));
          return false;
        }
        for (const c of containers) {
          const r = (c.resources ??= {});
          if (limitsArg) r.limits = { ...(r.limits ?? {}), ...(limits ?? {}) };
          if (requestsArg) r.requests = { ...(r.requests ?? {}), ...(requests ?? {}) };
        }
        return true;
      },
    });
  },
};
