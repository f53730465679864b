/** `kubectl create poddisruptionbudget`. */
import type { KObject } from '../../api/types.js';
import { parseLabelSelector, SelectorParseError } from '../../api/selectors.js';
import { GeneratorError, intstrParse } from './util.js';

export interface PdbOptions {
  name: string;
  minAvailable: string;
  maxUnavailable: string;
  selector: string;
  namespace?: string;
}

export function validatePdb(o: PdbOptions): void {
  if (!o.name) throw new GeneratorError('name must be specified');
  if (!o.selector) throw new GeneratorError('a selector must be specified');
  if (!o.maxUnavailable && !o.minAvailable) throw new GeneratorError('one of min-available or max-unavailable must be specified');
  if (o.maxUnavailable && o.minAvailable) throw new GeneratorError('min-available and max-unavailable cannot be both specified');
  if (o.minAvailable && !/^[0-9]+%?$/.test(o.minAvailable)) throw new GeneratorError('invalid format specified for min-available');
  if (o.maxUnavailable && !/^[0-9]+%?$/.test(o.maxUnavailable)) throw new GeneratorError('invalid format specified for max-unavailable');
}

/** metav1.ParseToLabelSelector. */
export function parseToLabelSelector(s: string): { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } {
  let reqs;
  try {
    reqs = parseLabelSelector(s);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new GeneratorError(`couldn't parse the selector string "${s}": ${e.message}`);
    throw e;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: unknown[] = [];
  for (const r of [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    switch (r.op) {
      case '=':
      case '==':
        matchLabels[r.key] = r.values[0];
        continue;
      case 'in':
        matchExpressions.push({ key: r.key, operator: 'In', values: [...new Set(r.values)].sort() });
        continue;
      case 'notin':
        matchExpressions.push({ key: r.key, operator: 'NotIn', values: [...new Set(r.values)].sort() });
        continue;
      case 'exists':
        matchExpressions.push({ key: r.key, operator: 'Exists' });
        continue;
      case '!':
        matchExpressions.push({ key: r.key, operator: 'DoesNotExist' });
        continue;
      case 'gt':
      case 'lt':
        throw new GeneratorError(`"${r.op}" isn't supported in label selectors`);
      default:
        throw new GeneratorError(`"${r.op}" is not a valid label selector operator`);
    }
  }
  return { matchLabels, matchExpressions };
}

export function generatePdb(o: PdbOptions): KObject {
  const spec: Record<string, unknown> = { selector: parseToLabelSelector(o.selector) };
  if (o.minAvailable) spec.minAvailable = intstrParse(o.minAvailable);
  else if (o.maxUnavailable) spec.maxUnavailable = intstrParse(o.maxUnavailable);
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec,
  };
}
