/** `kubectl create priorityclass`. */
import type { KObject } from '../../api/types.js';

export interface PriorityClassOptions {
  name: string;
  value: number;
  globalDefault: boolean;
  description: string;
  preemptionPolicy: string;
}

export function generatePriorityClass(o: PriorityClassOptions): KObject {
  return {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: o.name },
    value: o.value,
    globalDefault: o.globalDefault,
    description: o.description,
    // kubectl always sends the pointer, empty or not.
    preemptionPolicy: o.preemptionPolicy,
  };
}
