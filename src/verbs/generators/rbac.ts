/** `kubectl create role|clusterrole|rolebinding|clusterrolebinding`. */
import type { KObject } from '../../api/types.js';
import { GeneratorError } from './util.js';

export const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
export const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

const SPECIAL_VERBS: Record<string, { group: string; resource: string }[]> = {
  use: [
    { group: 'policy', resource: 'podsecuritypolicies' },
    { group: 'extensions', resource: 'podsecuritypolicies' },
  ],
  bind: [
    { group: 'rbac.authorization.k8s.io', resource: 'roles' },
    { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  ],
  escalate: [
    { group: 'rbac.authorization.k8s.io', resource: 'roles' },
    { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  ],
  impersonate: [
    { group: '', resource: 'users' },
    { group: '', resource: 'serviceaccounts' },
    { group: '', resource: 'groups' },
    { group: 'authentication.k8s.io', resource: 'userextras' },
  ],
};

export interface ResourceOption {
  resource: string;
  group: string;
  subResource: string;
}

/** The RESTMapper's ResourceFor: the served resource a word names, or undefined. */
export type ResourceMapper = (resource: string, group: string) => { resource: string; group: string } | undefined;

/** A resource the mapper does not know (kubectl prints this without "error: "). */
export class NoResourceMatch extends Error {}

function noMatch(r: ResourceOption): NoResourceMatch {
  return new NoResourceMatch(r.group ? `the server doesn't have a resource type "${r.resource}" in group "${r.group}"` : `the server doesn't have a resource type "${r.resource}"`);
}

/** Verbs deduplicated ("*" alone wins). */
export function normalizeVerbs(verbs: string[]): string[] {
  const out: string[] = [];
  for (const v of verbs) {
    if (v === '*') return ['*'];
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** "pods", "deployments.apps", "pods/log": a lone "*" replaces the list. */
export function parseResources(resources: string[]): ResourceOption[] {
  let out: ResourceOption[] = [];
  for (const r of resources) {
    const slash = r.indexOf('/');
    const sections = slash < 0 ? [r] : [r.slice(0, slash), r.slice(slash + 1)];
    const dot = sections[0].indexOf('.');
    const parts = dot < 0 ? [sections[0]] : [sections[0].slice(0, dot), sections[0].slice(dot + 1)];
    const opt: ResourceOption = { resource: parts[0], group: parts[1] ?? '', subResource: sections[1] ?? '' };
    if (opt.resource === '*' && parts.length === 1 && sections.length === 1) {
      out = [opt];
      break;
    }
    out.push(opt);
  }
  return out;
}

export const dedupe = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i);

/** CreateRoleOptions.validateResource. */
export function validateResources(resources: ResourceOption[], verbs: string[], mapper: ResourceMapper): void {
  for (const r of resources) {
    if (!r.resource) throw new GeneratorError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const found = mapper(r.resource, r.group);
    const res = found ?? { resource: r.resource, group: r.group };
    let err: Error | undefined = found ? undefined : noMatch(r);
    for (const v of verbs) {
      const extras = SPECIAL_VERBS[v];
      if (!extras) continue;
      if (extras.some((e) => e.resource === res.resource && e.group === res.group)) err = undefined;
      else throw new GeneratorError(`can not perform '${v}' on '${res.resource}' in group '${res.group}'`);
    }
    if (err) throw err;
  }
}

export function policyRules(verbs: string[], resources: ResourceOption[], resourceNames: string[], nonResourceURLs: string[], mapper: ResourceMapper): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const res = mapper(r.resource, r.group) ?? { resource: r.resource, group: r.group };
    const name = r.subResource ? `${res.resource}/${r.subResource}` : res.resource;
    const list = byGroup.get(res.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(res.group, list);
  }
  const rules: Record<string, unknown>[] = [];
  for (const g of [...byGroup.keys()].sort()) rules.push({ verbs, apiGroups: [g], resources: byGroup.get(g), resourceNames });
  if (nonResourceURLs.length) rules.push({ verbs, nonResourceURLs });
  return rules;
}

export function generateRole(name: string, rules: Record<string, unknown>[], namespace?: string): KObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, ...(namespace ? { namespace } : {}) }, rules };
}

export function generateClusterRole(name: string, rules: Record<string, unknown>[] | undefined, aggregationRule: Record<string, string> | undefined): KObject {
  const role: KObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name } };
  if (aggregationRule) role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: aggregationRule }] };
  else role.rules = rules;
  return role;
}

export interface BindingOptions {
  name: string;
  role: string;
  clusterRole: string;
  users: string[];
  groups: string[];
  serviceAccounts: string[];
  namespace?: string;
}

function subjects(o: BindingOptions): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const u of o.users) out.push({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: u });
  for (const g of o.groups) out.push({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: g });
  for (const sa of o.serviceAccounts) {
    const t = sa.split(':');
    if (t.length !== 2 || !t[0] || !t[1]) throw new GeneratorError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', apiGroup: '', namespace: t[0], name: t[1] });
  }
  return out;
}

export function generateRoleBinding(o: BindingOptions): KObject {
  const roleRef = o.role
    ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: o.role }
    : { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: o.clusterRole };
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    roleRef,
    subjects: subjects(o),
  };
}

export function generateClusterRoleBinding(o: BindingOptions): KObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: o.name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: o.clusterRole },
    subjects: subjects(o),
  };
}
