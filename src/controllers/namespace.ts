/**
 * The namespace controller (pkg/controller/namespace): a Terminating namespace has its content
 * deleted, reports what remains in its deletion conditions, and is finalized (spec.finalizers
 * emptied, so the API server removes it) once nothing is left. Also the ServiceAccount controller
 * and the root-CA publisher: "default" ServiceAccount and kube-root-ca.crt in every namespace.
 */
import type { Action, Controller } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { RESOURCES, forGroupResource, groupResource } from '../api/registry.js';
import { forWrite, keyOf, nowTime, withStatus } from './util.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const NS = forGroupResource('namespaces')!;
const SA = forGroupResource('serviceaccounts')!;
const CM = forGroupResource('configmaps')!;

/** The conditions the deleter maintains, in order, with their "all is well" reason and message. */
const CONDITIONS: [string, string, string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

/** Namespaced resources the deleter empties, in discovery order. */
const NAMESPACED = RESOURCES.filter((ri) => ri.namespaced && ri.verbs.includes('delete') && ri.verbs.includes('list'));

/** The deletion conditions for what remains (ProcessContentTotals + Update), keeping unchanged ones. */
export function deletionConditions(old: any[] | undefined, remaining: Map<string, number>, finalizers: Map<string, number>, now: string): any[] {
  const failing = new Map<string, { reason: string; message: string }>();
  const res = [...remaining].filter(([, n]) => n > 0).map(([gr, n]) => {
    const dot = gr.indexOf('.');
    const name = dot < 0 ? `${gr}.` : gr;
    return `${name} has ${n} resource instances`;
  });
  if (res.length) failing.set('NamespaceContentRemaining', { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${res.sort().join(', ')}` });
  const fins = [...finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`);
  if (fins.length) failing.set('NamespaceFinalizersRemaining', { reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${fins.sort().join(', ')}` });
  const out = (old ?? []).map((c) => ({ ...c }));
  for (const [type, okReason, okMessage] of CONDITIONS) {
    const f = failing.get(type);
    const want = f ? { status: 'True', ...f } : { status: 'False', reason: okReason, message: okMessage };
    const cur = out.find((c) => c.type === type);
    if (!cur) out.push({ lastTransitionTime: now, message: want.message, reason: want.reason, status: want.status, type });
    else if (cur.status !== want.status || cur.reason !== want.reason || cur.message !== want.message) {
      Object.assign(cur, { lastTransitionTime: now, message: want.message, reason: want.reason, status: want.status });
    }
  }
  return out;
}

export const namespaceController: Controller = {
  name: 'namespace-controller',
  watches: {
    namespaces: (c) => (c.type !== 'DELETED' && c.obj.metadata.deletionTimestamp ? [c.obj.metadata.name!] : []),
    ...Object.fromEntries(
      NAMESPACED.map((ri) => [
        groupResource(ri),
        (c: Change, view: { get: (ri: any, ns: any, n: string) => KObject | undefined }) => {
          const ns = c.obj.metadata.namespace;
          if (!ns || (c.type !== 'DELETED' && c.type !== 'MODIFIED')) return [];
          return view.get(NS, undefined, ns)?.metadata.deletionTimestamp ? [ns] : [];
        },
      ]),
    ),
  },
  resync: (v) => v.list(NS).filter((n) => n.metadata.deletionTimestamp).map(keyOf),
  sync(key, view) {
    const ns = view.get(NS, undefined, key);
    if (!ns || !ns.metadata.deletionTimestamp) return [];
    if (!(ns.spec?.finalizers ?? []).includes('kubernetes')) return [];
    const actions: Action[] = [];
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    let total = 0;
    for (const ri of NAMESPACED) {
      const gr = groupResource(ri);
      for (const o of view.list(ri, key)) {
        total++;
        remaining.set(gr, (remaining.get(gr) ?? 0) + 1);
        for (const f of o.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
        if (!o.metadata.deletionTimestamp) actions.push({ op: 'delete', ri, namespace: key, name: o.metadata.name!, onError: () => [] });
      }
    }
    // Deletes first; what they leave behind is counted on the next pass.
    if (actions.length) return [...actions, { op: 'after', delayMs: 0, key }];
    const conditions = deletionConditions(ns.status?.conditions, remaining, finalizers, nowTime(view.now));
    if (JSON.stringify(conditions) !== JSON.stringify(ns.status?.conditions ?? [])) {
      actions.push({ op: 'status', obj: withStatus(ns, { ...(ns.status ?? {}), conditions, phase: 'Terminating' }) });
    }
    if (total === 0) {
      const fin = forWrite(ns);
      fin.spec = { ...(ns.spec ?? {}), finalizers: (ns.spec?.finalizers ?? []).filter((f: string) => f !== 'kubernetes') };
      if (!fin.spec.finalizers.length) delete fin.spec.finalizers;
      actions.push({ op: 'finalize', obj: fin, onError: () => [] });
    }
    return actions;
  },
};

/** The ServiceAccount controller and root-ca publisher: "default" SA and kube-root-ca.crt per namespace. */
export const namespaceDefaultsController: Controller = {
  name: 'serviceaccount-controller',
  watches: {
    namespaces: (c) => (c.type === 'DELETED' ? [] : [c.obj.metadata.name!]),
    serviceaccounts: (c) => (c.type === 'DELETED' && c.obj.metadata.name === 'default' ? [c.obj.metadata.namespace!] : []),
    configmaps: (c) => (c.obj.metadata.name === 'kube-root-ca.crt' && (c.type === 'DELETED' || JSON.stringify(c.obj.data) !== JSON.stringify(c.old?.data)) ? [c.obj.metadata.namespace!] : []),
  },
  resync: (v) => v.list(NS).map(keyOf),
  sync(key, view) {
    const ns = view.get(NS, undefined, key);
    if (!ns || ns.metadata.deletionTimestamp) return [];
    const actions: Action[] = [];
    if (!view.get(SA, key, 'default')) {
      actions.push({ op: 'create', obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: key } }, onError: () => [] });
    }
    const cm = view.get(CM, key, 'kube-root-ca.crt');
    if (!cm) {
      actions.push({
        op: 'create',
        obj: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'kube-root-ca.crt', namespace: key, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
          data: { 'ca.crt': ROOT_CA },
        },
        onError: () => [],
      });
    } else if (cm.data?.['ca.crt'] !== ROOT_CA || Object.keys(cm.data ?? {}).length !== 1) {
      // The publisher puts the bundle back when it is edited.
      actions.push({ op: 'update', obj: { ...forWrite(cm), data: { 'ca.crt': ROOT_CA } }, onError: () => [] });
    }
    return actions;
  },
};

const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export const ROOT_CA =
  '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIKubemuEmulatorCAwDQYJKoZIhvcNAQELBQAwFTETMBEG\nA1UEAxMKa3ViZXJuZXRlczAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBa\nMBUxEzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAw\n-----END CERTIFICATE-----\n';
