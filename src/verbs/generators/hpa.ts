/** `kubectl autoscale`: an autoscaling/v1 HorizontalPodAutoscaler. */
import type { KObject } from '../../api/types.js';

export interface HpaOptions {
  name: string;
  /** The target's apiVersion, kind and name. */
  target: { apiVersion: string; kind: string; name: string };
  min: number;
  max: number;
  cpuPercent: number;
}

export function generateHpa(o: HpaOptions): KObject {
  const spec: Record<string, unknown> = { scaleTargetRef: { ...o.target }, maxReplicas: o.max };
  if (o.min > 0) spec.minReplicas = o.min;
  if (o.cpuPercent >= 0) spec.targetCPUUtilizationPercentage = o.cpuPercent;
  return { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: o.name || o.target.name }, spec };
}
