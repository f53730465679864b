/** `kubectl create quota`. */
import type { KObject } from '../../api/types.js';
import { formatQuantity, parseQuantity, QuantityError } from '../../util/quantity.js';
import { GeneratorError } from './util.js';

export interface QuotaOptions {
  name: string;
  hard: string;
  scopes: string;
  namespace?: string;
}

/** "cpu=1,memory=1Gi" → a ResourceList with canonical quantities; "" → undefined. */
export function parseResourceList(spec: string): Record<string, string> | undefined {
  if (spec === '') return undefined;
  const out: Record<string, string> = {};
  for (const stmt of spec.split(',')) {
    const parts = stmt.split('=');
    if (parts.length !== 2) throw new GeneratorError(`Invalid argument syntax ${stmt}, expected <resource>=<value>`);
    try {
      out[parts[0]] = formatQuantity(parseQuantity(parts[1]));
    } catch (e) {
      if (e instanceof QuantityError) throw new GeneratorError(e.message);
      throw e;
    }
  }
  return out;
}

export function generateQuota(o: QuotaOptions): KObject {
  const hard = parseResourceList(o.hard);
  let scopes: string[] | undefined;
  if (o.scopes !== '') {
    scopes = o.scopes.split(',');
    if (scopes.some((s) => s === '')) throw new GeneratorError('invalid resource quota scope ""');
  }
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec: { ...(hard ? { hard } : {}), ...(scopes ? { scopes } : {}) },
  };
}
