/**
 * autoscaling/v1 ⇄ autoscaling/v2 HorizontalPodAutoscaler conversion, as the API server converts
 * between the version a client speaks and the one it stores (v1's CPU target is v2's first metric).
 */
import type { KObject } from '../../api/types.js';

const CPU_UTILIZATION = (n: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: n } } });

/** A v1 HPA as v2, with v1's defaults (minReplicas 1) applied. */
export function hpaV1ToV2(o: KObject): KObject {
  const spec = o.spec ?? {};
  const out: KObject = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: structuredClone(o.metadata),
    spec: {
      scaleTargetRef: structuredClone(spec.scaleTargetRef),
      minReplicas: spec.minReplicas ?? 1,
      maxReplicas: spec.maxReplicas,
      ...(spec.targetCPUUtilizationPercentage !== undefined ? { metrics: [CPU_UTILIZATION(spec.targetCPUUtilizationPercentage)] } : {}),
    },
  };
  return out;
}

/** A v2 HPA as v1: the CPU utilization target and status counts. */
export function hpaV2ToV1(o: KObject): KObject {
  const spec = o.spec ?? {};
  const cpu = (spec.metrics ?? []).find((m: { type: string; resource?: { name: string; target?: { type: string } } }) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.type === 'Utilization');
  const status = o.status ?? {};
  const cpuStatus = (status.currentMetrics ?? []).find((m: { type: string; resource?: { name: string } }) => m.type === 'Resource' && m.resource?.name === 'cpu');
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: structuredClone(o.metadata),
    spec: {
      scaleTargetRef: structuredClone(spec.scaleTargetRef),
      ...(spec.minReplicas !== undefined ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec.maxReplicas,
      ...(cpu ? { targetCPUUtilizationPercentage: cpu.resource.target.averageUtilization } : {}),
    },
    status: {
      ...(status.observedGeneration !== undefined ? { observedGeneration: status.observedGeneration } : {}),
      ...(status.lastScaleTime ? { lastScaleTime: status.lastScaleTime } : {}),
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      ...(cpuStatus?.resource?.current?.averageUtilization !== undefined ? { currentCPUUtilizationPercentage: cpuStatus.resource.current.averageUtilization } : {}),
    },
  };
}
