import type { Controller } from '../engine/types.js';
import { kubelet } from './kubelet.js';

/** The kubelets of all nodes (one control loop over every bound pod). */
export const KUBELETS: Controller[] = [kubelet];
