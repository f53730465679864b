/** `kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ...`. */
import type { VerbModule } from '../../cli/types.js';
import { CliError } from '../../cli/errors.js';
import { resourcesAndPairs } from '../util/metamap.js';
import { SET_TEXTS } from './texts.js';
import { SET_FILE_FLAGS, SET_SELECTOR_FLAG, checkBuilder, podSpecOf, resolveSet, runSet, setCommonFlags, setSelection, throwAll } from './common.js';

export const verb: VerbModule = {
  use: 'set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  ...SET_TEXTS.image,
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    ...SET_FILE_FLAGS(),
    { name: 'local', type: 'bool', usage: 'If true, set image will NOT contact api-server but run locally.' },
    SET_SELECTOR_FLAG,
    ...setCommonFlags(),
  ],
  async run(ctx, p) {
    const v = p.values;
    const [resources, pairs] = resourcesAndPairs(p.args, 'image');
    const images: Record<string, string> = {};
    const invalid: string[] = [];
    for (const a of pairs) {
      const i = a.indexOf('=');
      if (i > 0) images[a.slice(0, i)] = a.slice(i + 1);
      else invalid.push(a);
    }
    if (invalid.length) throw new CliError(`invalid image format: ${invalid.join(', ')}`);
    const sel = await setSelection(ctx, p, resources);
    checkBuilder(sel, p);
    const targets = await resolveSet(ctx, sel);
    const errs: string[] = [];
    if (v.all && v.selector) errs.push('cannot set --all and --selector at the same time');
    if (!resources.length && !(v.filename as string[]).length) errs.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (!Object.keys(images).length) errs.push('at least one image update is required');
    else if (Object.keys(images).length > 1 && '*' in images) errs.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
    if (sel.local && sel.dry === 'server') errs.push('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    throwAll(errs);
    const notFound: unknown[] = [];
    return runSet(ctx, sel, targets, {
      operation: 'image updated',
      failure: 'failed to patch image update to pod template: ',
      extraErrors: () => notFound,
      mutate(obj) {
        const spec = podSpecOf(obj);
        for (const [name, image] of Object.entries(images)) {
          let found = false;
          for (const list of [spec.initContainers ?? [], spec.containers ?? []]) {
            for (const c of list) {
              if (c.name === name || name === '*') {
                c.image = image;
                found = true;
              }
            }
          }
          if (!found) notFound.push(new CliError(`error: unable to find container named ${JSON.stringify(name)}`));
        }
        return true;
      },
    });
  },
};
