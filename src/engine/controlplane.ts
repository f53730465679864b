import { Engine } from './engine.js';
import { CONTROLLERS } from '../controllers/index.js';
import { SCHEDULERS } from '../scheduler/index.js';
import { KUBELETS } from '../kubelet/index.js';

/** The whole simulated control plane: controller manager, scheduler, kubelets. */
export const engine = new Engine([...CONTROLLERS, ...SCHEDULERS, ...KUBELETS]);
