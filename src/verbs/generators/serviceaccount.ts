/** `kubectl create serviceaccount`. */
import type { KObject } from '../../api/types.js';

export function generateServiceAccount(name: string, namespace?: string): KObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, ...(namespace ? { namespace } : {}) } };
}
