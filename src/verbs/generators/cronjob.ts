/** `kubectl create cronjob`. */
import type { KObject } from '../../api/types.js';

export interface CronJobOptions {
  name: string;
  image: string;
  schedule: string;
  restart: string;
  command: string[];
  namespace?: string;
}

export function generateCronJob(o: CronJobOptions): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec: {
      schedule: o.schedule,
      jobTemplate: {
        metadata: { name: o.name },
        spec: {
          template: {
            spec: {
              containers: [{ name: o.name, image: o.image, ...(o.command.length ? { command: [...o.command] } : {}) }],
              restartPolicy: o.restart,
            },
          },
        },
      },
    },
  };
}
