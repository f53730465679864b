import type { ResourceInfo } from './registry.js';
import type { KObject } from './types.js';

type Getter = (o: KObject) => string;
const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** The fields each resource's field selectors support (the server's GetAttrs / field label conversion). */
const FIELDS: Record<string, Record<string, Getter>> = {
  pods: {
    'spec.nodeName': (o) => s(o.spec?.nodeName),
    'spec.restartPolicy': (o) => s(o.spec?.restartPolicy),
    'spec.schedulerName': (o) => s(o.spec?.schedulerName),
    'spec.serviceAccountName': (o) => s(o.spec?.serviceAccountName),
    'spec.hostNetwork': (o) => String(!!o.spec?.hostNetwork),
    'status.phase': (o) => s(o.status?.phase),
    'status.podIP': (o) => s(o.status?.podIP),
    'status.nominatedNodeName': (o) => s(o.status?.nominatedNodeName),
  },
  nodes: { 'spec.unschedulable': (o) => String(!!o.spec?.unschedulable) },
  events: {
    'involvedObject.kind': (o) => s(o.involvedObject?.kind),
    'involvedObject.namespace': (o) => s(o.involvedObject?.namespace),
    'involvedObject.name': (o) => s(o.involvedObject?.name),
    'involvedObject.uid': (o) => s(o.involvedObject?.uid),
    'involvedObject.apiVersion': (o) => s(o.involvedObject?.apiVersion),
    'involvedObject.resourceVersion': (o) => s(o.involvedObject?.resourceVersion),
    'involvedObject.fieldPath': (o) => s(o.involvedObject?.fieldPath),
    reason: (o) => s(o.reason),
    reportingComponent: (o) => s(o.reportingComponent),
    source: (o) => s(o.source?.component),
    type: (o) => s(o.type),
  },
  secrets: { type: (o) => s(o.type) },
  namespaces: { 'status.phase': (o) => s(o.status?.phase) },
  'replicasets.apps': { 'status.replicas': (o) => s(o.status?.replicas ?? 0) },
  'jobs.batch': { 'status.successful': (o) => s(o.status?.succeeded ?? 0) },
};

/** The value of a selectable field, or undefined when the resource does not support the field. */
export function fieldValue(ri: ResourceInfo, o: KObject, field: string): string | undefined {
  if (field === 'metadata.name') return s(o.metadata?.name);
  if (field === 'metadata.namespace' && ri.namespaced) return s(o.metadata?.namespace);
  const gr = ri.group ? `${ri.resource}.${ri.group}` : ri.resource;
  const g = FIELDS[gr]?.[field];
  return g ? g(o) : undefined;
}
