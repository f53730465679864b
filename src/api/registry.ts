/**
 * The resource registry: what the API server serves, as discovery reports it. Everything that maps a
 * user's word ("deploy", "deployments.apps", "Deployment") to a resource goes through here.
 */
export interface ResourceInfo {
  /** Plural, lower-case: "deployments". */
  resource: string;
  singular: string;
  shortNames: string[];
  /** "" for the core group. */
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  categories: string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const RO = ['get', 'list', 'watch'];

function r(
  resource: string,
  group: string,
  version: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[] = [],
  categories: string[] = [],
  verbs: string[] = RW,
): ResourceInfo {
  return { resource, singular: kind.toLowerCase(), shortNames, group, version, kind, namespaced, verbs, categories };
}

/** In discovery order: core first, then groups as kube-apiserver lists them. */
export const RESOURCES: readonly ResourceInfo[] = [
  r('bindings', '', 'v1', 'Binding', true, [], [], ['create']),
  r('configmaps', '', 'v1', 'ConfigMap', true, ['cm']),
  r('endpoints', '', 'v1', 'Endpoints', true, ['ep']),
  r('events', '', 'v1', 'Event', true, ['ev']),
  r('limitranges', '', 'v1', 'LimitRange', true, ['limits']),
  r('namespaces', '', 'v1', 'Namespace', false, ['ns'], [], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
  r('nodes', '', 'v1', 'Node', false, ['no']),
  r('persistentvolumeclaims', '', 'v1', 'PersistentVolumeClaim', true, ['pvc']),
  r('persistentvolumes', '', 'v1', 'PersistentVolume', false, ['pv']),
  r('pods', '', 'v1', 'Pod', true, ['po'], ['all']),
  r('resourcequotas', '', 'v1', 'ResourceQuota', true, ['quota']),
  r('secrets', '', 'v1', 'Secret', true),
  r('serviceaccounts', '', 'v1', 'ServiceAccount', true, ['sa']),
  r('services', '', 'v1', 'Service', true, ['svc'], ['all'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
  r('controllerrevisions', 'apps', 'v1', 'ControllerRevision', true),
  r('daemonsets', 'apps', 'v1', 'DaemonSet', true, ['ds'], ['all']),
  r('deployments', 'apps', 'v1', 'Deployment', true, ['deploy'], ['all']),
  r('replicasets', 'apps', 'v1', 'ReplicaSet', true, ['rs'], ['all']),
  r('statefulsets', 'apps', 'v1', 'StatefulSet', true, ['sts'], ['all']),
  r('selfsubjectaccessreviews', 'authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', false, [], [], ['create']),
  r('horizontalpodautoscalers', 'autoscaling', 'v2', 'HorizontalPodAutoscaler', true, ['hpa'], ['all']),
  r('cronjobs', 'batch', 'v1', 'CronJob', true, ['cj'], ['all']),
  r('jobs', 'batch', 'v1', 'Job', true, [], ['all']),
  r('leases', 'coordination.k8s.io', 'v1', 'Lease', true),
  r('endpointslices', 'discovery.k8s.io', 'v1', 'EndpointSlice', true),
  r('ingressclasses', 'networking.k8s.io', 'v1', 'IngressClass', false),
  r('ingresses', 'networking.k8s.io', 'v1', 'Ingress', true, ['ing']),
  r('networkpolicies', 'networking.k8s.io', 'v1', 'NetworkPolicy', true, ['netpol']),
  r('poddisruptionbudgets', 'policy', 'v1', 'PodDisruptionBudget', true, ['pdb']),
  r('clusterrolebindings', 'rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', false),
  r('clusterroles', 'rbac.authorization.k8s.io', 'v1', 'ClusterRole', false),
  r('rolebindings', 'rbac.authorization.k8s.io', 'v1', 'RoleBinding', true),
  r('roles', 'rbac.authorization.k8s.io', 'v1', 'Role', true),
  r('priorityclasses', 'scheduling.k8s.io', 'v1', 'PriorityClass', false, ['pc']),
  r('storageclasses', 'storage.k8s.io', 'v1', 'StorageClass', false, ['sc']),
];

/** Group/versions that are served but whose resources are listed under their preferred version. */
const EXTRA_GROUP_VERSIONS = ['autoscaling/v1'];

/** "pods", "deployments.apps": the key a resource is stored and addressed under. */
export function groupResource(info: Pick<ResourceInfo, 'resource' | 'group'>): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** "Deployment.apps", "Pod": how the API server names a kind in Invalid errors. */
export function groupKind(info: Pick<ResourceInfo, 'kind' | 'group'>): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

/** "deployment.apps", "pod": the prefix kubectl's name printer uses. */
export function kindPrefix(info: Pick<ResourceInfo, 'kind' | 'group'>): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}

export function allGroupVersions(): string[] {
  const set = new Set<string>(EXTRA_GROUP_VERSIONS);
  for (const ri of RESOURCES) set.add(apiVersionOf(ri));
  return [...set].sort();
}

const byKind = new Map<string, ResourceInfo>();
for (const ri of RESOURCES) {
  // The first registration of a kind wins (core before others).
  const k = `${ri.group}/${ri.kind}`;
  if (!byKind.has(k)) byKind.set(k, ri);
}

/** Finds the resource for an object's apiVersion and kind. */
export function forApiVersionKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const ri = byKind.get(`${group}/${kind}`);
  if (!ri) return undefined;
  if (ri.version === version || (group === 'autoscaling' && version === 'v1')) return ri;
  return undefined;
}

export function forGroupResource(gr: string): ResourceInfo | undefined {
  return RESOURCES.find((ri) => groupResource(ri) === gr);
}

/**
 * kubectl's RESTMapper lookup of a user's word: plural, singular, short name or kind, case-insensitive,
 * optionally qualified with ".group" or ".version.group". Core wins over other groups on ties.
 */
export function lookupResource(word: string): ResourceInfo | undefined {
  const w = word.toLowerCase();
  const dot = w.indexOf('.');
  const base = dot < 0 ? w : w.slice(0, dot);
  const qual = dot < 0 ? undefined : w.slice(dot + 1);
  const matches = (ri: ResourceInfo) =>
    ri.resource === base || ri.singular === base || ri.shortNames.includes(base) || ri.kind.toLowerCase() === base;
  if (qual === undefined) {
    const exact = RESOURCES.find((ri) => ri.resource === base) ?? RESOURCES.find((ri) => ri.singular === base);
    return exact ?? RESOURCES.find((ri) => ri.shortNames.includes(base)) ?? RESOURCES.find(matches);
  }
  for (const ri of RESOURCES) {
    if (!matches(ri)) continue;
    if (qual === ri.group || qual === `${ri.version}.${ri.group}` || (ri.group === '' && qual === ri.version)) return ri;
    if (ri.group === 'autoscaling' && qual === 'v1.autoscaling') return ri;
  }
  return undefined;
}

/** The resources in a category ("all"), in kubectl's discovery order for `get all`. */
export function category(name: string): ResourceInfo[] {
  const order = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];
  const rs = RESOURCES.filter((ri) => ri.categories.includes(name));
  return rs.sort((a, b) => order.indexOf(a.resource) - order.indexOf(b.resource));
}
