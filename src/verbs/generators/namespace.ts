/** `kubectl create namespace`. */
import type { KObject } from '../../api/types.js';

export function generateNamespace(name: string): KObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}
