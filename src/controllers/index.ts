import type { Controller } from '../engine/types.js';
import { daemonSetController, garbageCollector, namespaceDefaultsController } from './basic.js';
import { deploymentController } from './deployment.js';
import { replicaSetController } from './replicaset.js';

/** The kube-controller-manager: every control loop, in the order their queues are served. */
export const CONTROLLERS: Controller[] = [namespaceDefaultsController, deploymentController, replicaSetController, daemonSetController, garbageCollector];
