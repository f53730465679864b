/** `kubectl create job`, from an image or from a CronJob's template (--from=cronjob/NAME). */
import type { KObject } from '../../api/types.js';

export interface JobOptions {
  name: string;
  image: string;
  command: string[];
  namespace?: string;
}

export function generateJob(o: JobOptions): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec: {
      template: {
        spec: {
          containers: [{ name: o.name, image: o.image, ...(o.command.length ? { command: [...o.command] } : {}) }],
          restartPolicy: 'Never',
        },
      },
    },
  };
}

/** A Job instantiated by hand from a CronJob: its job template, owned by the CronJob. */
export function generateJobFromCronJob(name: string, cronJob: KObject, namespace?: string): KObject {
  const tmpl = cronJob.spec?.jobTemplate ?? {};
  const annotations: Record<string, string> = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmpl.metadata?.annotations ?? {}) };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      annotations,
      ...(tmpl.metadata?.labels ? { labels: structuredClone(tmpl.metadata.labels) } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name!, uid: cronJob.metadata.uid ?? '', controller: true }],
    },
    spec: structuredClone(tmpl.spec ?? {}),
  };
}
