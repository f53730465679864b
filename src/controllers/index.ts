import type { Controller } from '../engine/types.js';
import { daemonSetController } from './daemonset.js';
import { deploymentController } from './deployment.js';
import { replicaSetController } from './replicaset.js';
import { garbageCollector } from './gc.js';
import { namespaceController, namespaceDefaultsController } from './namespace.js';
import { jobController, ttlAfterFinishedController } from './job.js';
import { cronJobController } from './cronjob.js';
import { statefulSetController } from './statefulset.js';
import { endpointsController, endpointSliceController } from './endpoints.js';
import { nodeLifecycleController } from './nodelifecycle.js';
import { persistentVolumeController } from './volumes.js';
import { disruptionController } from './disruption.js';

/** The kube-controller-manager: every control loop, in the order their queues are served. */
export const CONTROLLERS: Controller[] = [
  namespaceDefaultsController,
  namespaceController,
  deploymentController,
  replicaSetController,
  daemonSetController,
  statefulSetController,
  jobController,
  cronJobController,
  ttlAfterFinishedController,
  endpointsController,
  endpointSliceController,
  nodeLifecycleController,
  persistentVolumeController,
  disruptionController,
  garbageCollector,
];
