/**
 * RBAC as the API server's authorizer evaluates it: the subject's bindings (ClusterRoleBindings, and
 * RoleBindings in the request's namespace), their roles' rules, allow if any rule matches. Also the
 * default cluster's bootstrap roles and bindings (the rbac-defaults a kubeadm cluster has), and the
 * user kubemu's kubeconfig acts as.
 */
import type { ApiServer } from './server.js';
import type { KObject } from './types.js';
import { forGroupResource } from './registry.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const CLUSTER_ROLES = forGroupResource('clusterroles.rbac.authorization.k8s.io')!;
const CLUSTER_ROLE_BINDINGS = forGroupResource('clusterrolebindings.rbac.authorization.k8s.io')!;
const ROLES = forGroupResource('roles.rbac.authorization.k8s.io')!;
const ROLE_BINDINGS = forGroupResource('rolebindings.rbac.authorization.k8s.io')!;

export interface UserInfo {
  name: string;
  groups: string[];
}

/** The kubeconfig's user, as kubeadm writes it: kubernetes-admin in kubeadm:cluster-admins. */
export const ADMIN: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/** The identity --as/--as-group stand for (a service account gets its groups). */
export function impersonate(as: string, groups: string[]): UserInfo {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
  const base = sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`] : [];
  return { name: as, groups: [...new Set([...groups, ...base, 'system:authenticated'])] };
}

export interface Attributes {
  verb: string;
  namespace: string;
  /** Resource requests. */
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** Non-resource requests ("/healthz"). */
  path?: string;
}

function subjectMatches(s: any, user: UserInfo, bindingNs: string | undefined): boolean {
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user.name === `system:serviceaccount:${s.namespace || bindingNs}:${s.name}`;
  return false;
}

const has = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

export function ruleAllows(rule: any, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) {
    return (rule.nonResourceURLs ?? []).some((u: string) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))));
  }
  if (!has(rule.apiGroups, a.group ?? '')) return false;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource!;
  const resources: string[] = rule.resources ?? [];
  if (!(resources.includes('*') || resources.includes(res) || (a.subresource && resources.includes(`*/${a.subresource}`)))) return false;
  return !rule.resourceNames?.length || (!!a.name && rule.resourceNames.includes(a.name));
}

/** The rules that apply to the user in a namespace ("" for cluster-wide only). */
export function rulesFor(api: ApiServer, user: UserInfo, namespace: string): any[] {
  const rules: any[] = [];
  const roleRules = (ref: any, ns: string | undefined) => {
    const role = ref.kind === 'ClusterRole' ? api.peek(CLUSTER_ROLES, undefined, ref.name) : ns ? api.peek(ROLES, ns, ref.name) : undefined;
    return role?.rules ?? [];
  };
  for (const b of api.list(CLUSTER_ROLE_BINDINGS, undefined)) {
    if ((b.subjects ?? []).some((s: any) => subjectMatches(s, user, undefined))) rules.push(...roleRules(b.roleRef, undefined));
  }
  if (namespace) {
    for (const b of api.list(ROLE_BINDINGS, namespace)) {
      if ((b.subjects ?? []).some((s: any) => subjectMatches(s, user, namespace))) rules.push(...roleRules(b.roleRef, namespace));
    }
  }
  return rules;
}

/** A SelfSubjectRulesReview's status: the user's rules in a namespace, as the RBAC authorizer lists them. */
export interface RulesReviewStatus {
  resourceRules: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
  nonResourceRules: { verbs: string[]; nonResourceURLs?: string[] }[];
  incomplete: boolean;
}

/**
 * The selfsubjectrulesreviews handler: every rule of the user's bindings, a rule with resources as a
 * resource rule and one with non-resource URLs as a non-resource rule (a rule with both is both).
 */
export function rulesReview(api: ApiServer, user: UserInfo, namespace: string): RulesReviewStatus {
  const status: RulesReviewStatus = { resourceRules: [], nonResourceRules: [], incomplete: false };
  for (const r of rulesFor(api, user, namespace)) {
    if (r.resources?.length) {
      const rule: RulesReviewStatus['resourceRules'][number] = { verbs: r.verbs ?? [] };
      if (r.apiGroups) rule.apiGroups = r.apiGroups;
      rule.resources = r.resources;
      if (r.resourceNames) rule.resourceNames = r.resourceNames;
      status.resourceRules.push(rule);
    }
    if (r.nonResourceURLs?.length) status.nonResourceRules.push({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs });
  }
  return status;
}

export function allowed(api: ApiServer, user: UserInfo, a: Attributes): boolean {
  return rulesFor(api, user, a.namespace).some((r) => ruleAllows(r, a));
}

// ---- the bootstrap policy ----------------------------------------------------------------------------

const RO = ['get', 'list', 'watch'];
const RW = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...((extra.labels as object) ?? {}) },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
});

/** What view, edit and admin grant, by API group (the aggregated bootstrap rules, in brief). */
const VIEWABLE: [string, string[]][] = [
  ['', ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'pods/log', 'pods/status', 'replicationcontrollers', 'replicationcontrollers/scale', 'replicationcontrollers/status', 'serviceaccounts', 'services', 'services/status', 'bindings', 'events', 'limitranges', 'namespaces/status', 'resourcequotas', 'resourcequotas/status', 'namespaces']],
  ['apps', ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']],
  ['autoscaling', ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']],
  ['batch', ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']],
  ['discovery.k8s.io', ['endpointslices']],
  ['networking.k8s.io', ['ingresses', 'ingresses/status', 'networkpolicies']],
  ['policy', ['poddisruptionbudgets', 'poddisruptionbudgets/status']],
];
const EDITABLE: [string, string[]][] = [
  ['', ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'pods/eviction', 'configmaps', 'endpoints', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy', 'serviceaccounts/token']],
  ['apps', ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']],
  ['autoscaling', ['horizontalpodautoscalers']],
  ['batch', ['cronjobs', 'jobs']],
  ['discovery.k8s.io', ['endpointslices']],
  ['networking.k8s.io', ['ingresses', 'networkpolicies']],
  ['policy', ['poddisruptionbudgets']],
];

function clusterRole(name: string, rules: any[], aggregate?: string): KObject {
  const o: KObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(name), rules };
  if (aggregate) o.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${aggregate}`]: 'true' } }] };
  return o;
}

function binding(name: string, role: string, subjects: any[]): KObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(name), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects };
}

const group = (name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name });

export function bootstrapPolicy(): KObject[] {
  const view = VIEWABLE.map(([g, resources]) => ({ apiGroups: [g], resources, verbs: RO }));
  const edit = [...view, ...EDITABLE.map(([g, resources]) => ({ apiGroups: [g], resources, verbs: RW })), { apiGroups: [''], resources: ['secrets'], verbs: RO }];
  const admin = [
    ...edit,
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: [...RO, ...RW] },
    { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
  ];
  return [
    clusterRole('cluster-admin', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    clusterRole('admin', admin, 'admin'),
    clusterRole('edit', edit, 'edit'),
    clusterRole('view', view, 'view'),
    clusterRole('system:basic-user', [{ apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] }, { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] }]),
    clusterRole('system:discovery', [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    clusterRole('system:public-info-viewer', [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    binding('cluster-admin', 'cluster-admin', [group('system:masters')]),
    { ...binding('kubeadm:cluster-admins', 'cluster-admin', [group('kubeadm:cluster-admins')]), metadata: { name: 'kubeadm:cluster-admins' } },
    binding('system:basic-user', 'system:basic-user', [group('system:authenticated')]),
    binding('system:discovery', 'system:discovery', [group('system:authenticated')]),
    binding('system:public-info-viewer', 'system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')]),
  ];
}
