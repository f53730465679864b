import type { Controller } from '../engine/types.js';
import { BASIC } from './basic.js';

/** The kube-controller-manager: every control loop, in the order their queues are served. */
export const CONTROLLERS: Controller[] = [...BASIC];
