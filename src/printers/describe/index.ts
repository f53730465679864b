/**
 * kubectl describe's formatters: one pure function per kind. The verb gathers the object with
 * what its describer needs (events, owned objects, the node's pods...), and this module only
 * formats it.
 */
import type { KObject } from '../../api/types.js';
import type { DescribeClock } from './common.js';
import { describePod } from './pod.js';
import { describeNode, type LeaseResult } from './node.js';
import { describeDeployment, describeReplicaSet, describeDaemonSet, describeStatefulSet, describeJob, describeCronJob, type PodCounts } from './workloads.js';
import { describeService, describeEndpoints, describeEndpointSlice, describeIngress, describeIngressClass, describeNetworkPolicy, type BackendService } from './network.js';
import { describeConfigMap, describeSecret, describeServiceAccount, describeNamespace, describeResourceQuota, describeLimitRange } from './config.js';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage.js';
import { describeHPA, describePDB, describePriorityClass, describeRole, describeRoleBinding } from './policy.js';
import { describeGeneric } from './generic.js';

export type { DescribeClock } from './common.js';
export { makeClock } from './common.js';
export type { LeaseResult } from './node.js';
export type { PodCounts } from './workloads.js';
export type { BackendService } from './network.js';
export { ingressServiceNames } from './network.js';

/** What the verb gathered for one object. `events` is undefined with --show-events=false. */
export type DescribeInput = { obj: KObject; events?: KObject[] } & (
  | { describer: 'Pod' | 'Job' | 'CronJob' | 'Endpoints' | 'EndpointSlice' | 'IngressClass' | 'ConfigMap' | 'PersistentVolume' | 'StorageClass' | 'HorizontalPodAutoscaler' | 'PodDisruptionBudget' | 'PriorityClass' | 'Generic' }
  | { describer: 'Secret' | 'NetworkPolicy' | 'ResourceQuota' | 'LimitRange' | 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding' }
  | { describer: 'Node'; pods: KObject[]; lease: LeaseResult }
  | { describer: 'Deployment'; oldRSs: KObject[]; newRSs: KObject[] }
  | { describer: 'ReplicaSet'; pods: PodCounts | string }
  | { describer: 'DaemonSet' | 'StatefulSet'; pods: PodCounts }
  | { describer: 'Service'; slices: KObject[] }
  | { describer: 'Ingress'; services: Record<string, BackendService> }
  | { describer: 'Namespace'; quotas: KObject[]; limitRanges: KObject[] }
  | { describer: 'ServiceAccount'; tokens: KObject[]; missing: Set<string> }
  | { describer: 'PersistentVolumeClaim'; pods: KObject[] }
);

export type DescriberName = DescribeInput['describer'];

/** kubectl's describer for a group and kind; kinds without one get the generic describer. */
export function describerFor(group: string, kind: string): DescriberName {
  const key = `${group}/${kind}`;
  return (DESCRIBERS as Record<string, DescriberName>)[key] ?? 'Generic';
}

const DESCRIBERS = {
  '/Pod': 'Pod',
  '/Secret': 'Secret',
  '/Service': 'Service',
  '/ServiceAccount': 'ServiceAccount',
  '/Node': 'Node',
  '/LimitRange': 'LimitRange',
  '/ResourceQuota': 'ResourceQuota',
  '/PersistentVolume': 'PersistentVolume',
  '/PersistentVolumeClaim': 'PersistentVolumeClaim',
  '/Namespace': 'Namespace',
  '/Endpoints': 'Endpoints',
  '/ConfigMap': 'ConfigMap',
  'discovery.k8s.io/EndpointSlice': 'EndpointSlice',
  'autoscaling/HorizontalPodAutoscaler': 'HorizontalPodAutoscaler',
  'networking.k8s.io/Ingress': 'Ingress',
  'networking.k8s.io/IngressClass': 'IngressClass',
  'batch/Job': 'Job',
  'batch/CronJob': 'CronJob',
  'apps/StatefulSet': 'StatefulSet',
  'apps/Deployment': 'Deployment',
  'apps/DaemonSet': 'DaemonSet',
  'apps/ReplicaSet': 'ReplicaSet',
  'storage.k8s.io/StorageClass': 'StorageClass',
  'policy/PodDisruptionBudget': 'PodDisruptionBudget',
  'rbac.authorization.k8s.io/Role': 'Role',
  'rbac.authorization.k8s.io/ClusterRole': 'ClusterRole',
  'rbac.authorization.k8s.io/RoleBinding': 'RoleBinding',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'ClusterRoleBinding',
  'networking.k8s.io/NetworkPolicy': 'NetworkPolicy',
  'scheduling.k8s.io/PriorityClass': 'PriorityClass',
} as const;

/** Describers that print no Events section at all (kubectl does not look events up for them). */
export const WITHOUT_EVENTS: ReadonlySet<DescriberName> = new Set(['Secret', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'Namespace']);

/** The description of one object. */
export function describe(input: DescribeInput, c: DescribeClock): string {
  const { obj, events } = input;
  switch (input.describer) {
    case 'Pod':
      return describePod(obj, events, c);
    case 'Node':
      return describeNode(obj, input.pods, input.lease, events, c);
    case 'Deployment':
      return describeDeployment(obj, input.oldRSs, input.newRSs, events, c);
    case 'ReplicaSet':
      return describeReplicaSet(obj, input.pods, events, c);
    case 'DaemonSet':
      return describeDaemonSet(obj, input.pods, events, c);
    case 'StatefulSet':
      return describeStatefulSet(obj, input.pods, events, c);
    case 'Job':
      return describeJob(obj, events, c);
    case 'CronJob':
      return describeCronJob(obj, events, c);
    case 'Service':
      return describeService(obj, input.slices, events, c);
    case 'Endpoints':
      return describeEndpoints(obj, events, c);
    case 'EndpointSlice':
      return describeEndpointSlice(obj, events, c);
    case 'Ingress':
      return describeIngress(obj, input.services, events, c);
    case 'IngressClass':
      return describeIngressClass(obj, events, c);
    case 'NetworkPolicy':
      return describeNetworkPolicy(obj, c);
    case 'ConfigMap':
      return describeConfigMap(obj, events, c);
    case 'Secret':
      return describeSecret(obj);
    case 'ServiceAccount':
      return describeServiceAccount(obj, input.tokens, input.missing, events, c);
    case 'Namespace':
      return describeNamespace(obj, input.quotas, input.limitRanges, c);
    case 'ResourceQuota':
      return describeResourceQuota(obj);
    case 'LimitRange':
      return describeLimitRange(obj);
    case 'PersistentVolume':
      return describePersistentVolume(obj, events, c);
    case 'PersistentVolumeClaim':
      return describePersistentVolumeClaim(obj, input.pods, events, c);
    case 'StorageClass':
      return describeStorageClass(obj, events, c);
    case 'HorizontalPodAutoscaler':
      return describeHPA(obj, events, c);
    case 'PodDisruptionBudget':
      return describePDB(obj, events, c);
    case 'PriorityClass':
      return describePriorityClass(obj, events, c);
    case 'Role':
    case 'ClusterRole':
      return describeRole(obj);
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return describeRoleBinding(obj);
    case 'Generic':
      return describeGeneric(obj, events, c);
  }
}
