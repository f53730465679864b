/**
 * The Endpoints and EndpointSlice controllers (pkg/controller/endpoint, endpointslice): for every
 * Service with a selector, the pods it selects become addresses — ready ones in `addresses`, others
 * in `notReadyAddresses` — per service port, with named target ports resolved against each pod's
 * container ports; EndpointSlices carry the same with ready/serving/terminating conditions, at most
 * 100 endpoints each. Services without a selector (and ExternalName ones) are left alone.
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import type { Change } from '../api/server.js';
import { forGroupResource } from '../api/registry.js';
import { forWrite, isPodReady, keyOf, mapMatches, ownerRefTo, readyCondition, splitKey, timeMs } from './util.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const SERVICES = forGroupResource('services')!;
const ENDPOINTS = forGroupResource('endpoints')!;
const SLICES = forGroupResource('endpointslices.discovery.k8s.io')!;
const NODES = forGroupResource('nodes')!;
const TRIGGER = 'endpoints.kubernetes.io/last-change-trigger-time';
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
const HEADLESS = 'service.kubernetes.io/headless';
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
/** The most addresses an Endpoints object holds (maxCapacity), and endpoints per slice. */
export const MAX_ENDPOINTS = 1000;
export const MAX_PER_SLICE = 100;

const managed = (svc: KObject | undefined) => !!svc && svc.spec?.selector !== undefined && svc.spec?.selector !== null && svc.spec?.type !== 'ExternalName';

/** podutil.FindPort: a service port's target on a pod (a number, or a named container port). */
export function findPort(pod: KObject, sp: any): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (typeof tp === 'string' && /^\d+$/.test(tp)) return Number(tp);
  const proto = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

function podIP(p: KObject): string | undefined {
  return p.status?.podIP || p.status?.podIPs?.[0]?.ip || undefined;
}

/** Pods the service selects that may be endpoints: not terminal, with an IP. */
function selectedPods(view: View, svc: KObject, includeTerminating: boolean): KObject[] {
  const sel = svc.spec.selector ?? {};
  return view
    .list(PODS, svc.metadata.namespace)
    .filter((p) => mapMatches(sel, p.metadata.labels) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !!podIP(p) && (includeTerminating || !p.metadata.deletionTimestamp));
}

function compareIP(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The Endpoints subsets for a service (repacked: addresses grouped by identical port sets). */
export function endpointSubsets(svc: KObject, pods: KObject[]): { subsets: any[]; truncated: boolean } {
  const publish = !!svc.spec?.publishNotReadyAddresses;
  const groups = new Map<string, { ports: any[]; ready: any[]; notReady: any[] }>();
  for (const p of pods) {
    if (p.metadata.deletionTimestamp && !publish) continue;
    const addr: any = { ip: podIP(p) };
    if (p.spec?.hostname && p.spec?.subdomain === svc.metadata.name) addr.hostname = p.spec.hostname;
    if (p.spec?.nodeName) addr.nodeName = p.spec.nodeName;
    addr.targetRef = { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid };
    const ports: any[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(p, sp);
      if (port === undefined) continue;
      const ep: any = {};
      if (sp.name) ep.name = sp.name;
      ep.port = port;
      ep.protocol = sp.protocol ?? 'TCP';
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    if ((svc.spec?.ports ?? []).length && !ports.length) continue;
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    if (publish || isPodReady(p)) g.ready.push(addr);
    else g.notReady.push(addr);
  }
  const byAddr = (a: any, b: any) => compareIP(a.ip, b.ip) || compareIP(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');
  let total = 0;
  let truncated = false;
  const subsets: any[] = [];
  for (const g of groups.values()) {
    g.ready.sort(byAddr);
    g.notReady.sort(byAddr);
    const s: any = {};
    const room = Math.max(0, MAX_ENDPOINTS - total);
    const ready = g.ready.slice(0, room);
    const notReady = g.notReady.slice(0, Math.max(0, room - ready.length));
    if (ready.length + notReady.length < g.ready.length + g.notReady.length) truncated = true;
    total += ready.length + notReady.length;
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    if (g.ports.length) s.ports = g.ports;
    if (s.addresses || s.notReadyAddresses) subsets.push(s);
  }
  return { subsets, truncated };
}

/** The last-change trigger time: the earliest change (pod readiness, or the service's creation) not yet reflected. */
function triggerTime(svc: KObject, pods: KObject[], before: KObject | undefined, beforePods: Set<string>): string | undefined {
  let min: number | undefined;
  const note = (t: number | undefined) => {
    if (t !== undefined && (min === undefined || t < min)) min = t;
  };
  if (!before) note(timeMs(svc.metadata.creationTimestamp));
  for (const p of pods) {
    const sig = `${p.metadata.uid}|${podIP(p)}|${isPodReady(p)}|${!!p.metadata.deletionTimestamp}`;
    if (beforePods.has(sig)) continue;
    note(timeMs(readyCondition(p)?.lastTransitionTime) ?? timeMs(p.metadata.creationTimestamp));
  }
  return min === undefined ? undefined : new Date(min).toISOString().replace('.000Z', 'Z');
}

function signatures(subsets: any[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const s of subsets ?? []) {
    for (const a of s.addresses ?? []) out.add(`${a.targetRef?.uid}|${a.ip}|true|false`);
    for (const a of s.notReadyAddresses ?? []) out.add(`${a.targetRef?.uid}|${a.ip}|false|false`);
  }
  return out;
}

export function syncEndpoints(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const svc = view.get(SERVICES, ns, name);
  const cur = view.get(ENDPOINTS, ns, name);
  if (!svc) return cur ? [{ op: 'delete', ri: ENDPOINTS, namespace: ns, name, onError: () => [] }] : [];
  if (!managed(svc) || svc.metadata.deletionTimestamp) return [];
  const pods = selectedPods(view, svc, !!svc.spec?.publishNotReadyAddresses);
  const { subsets, truncated } = endpointSubsets(svc, pods);
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec?.clusterIP === 'None') labels[HEADLESS] = '';
  const annotations: Record<string, string> = { ...(cur?.metadata.annotations ?? {}) };
  if (truncated) annotations[OVER_CAPACITY] = 'truncated';
  else delete annotations[OVER_CAPACITY];
  const same = cur && JSON.stringify(cur.subsets ?? []) === JSON.stringify(subsets) && JSON.stringify(cur.metadata.labels ?? {}) === JSON.stringify(labels) && annotations[OVER_CAPACITY] === cur.metadata.annotations?.[OVER_CAPACITY];
  if (same) return [];
  const trig = triggerTime(svc, pods, cur, signatures(cur?.subsets));
  if (trig) annotations[TRIGGER] = trig;
  if (cur) {
    const upd = forWrite(cur);
    upd.metadata.labels = labels;
    if (Object.keys(labels).length === 0) delete upd.metadata.labels;
    upd.metadata.annotations = annotations;
    if (subsets.length) upd.subsets = subsets;
    else delete upd.subsets;
    return [{ op: 'update', obj: upd, onError: () => [] }];
  }
  const ep: KObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, annotations } };
  if (Object.keys(labels).length) ep.metadata.labels = labels;
  if (subsets.length) ep.subsets = subsets;
  return [{ op: 'create', obj: ep, onError: () => [] }];
}

// ---- EndpointSlices ---------------------------------------------------------------------------------

function sliceEndpoint(svc: KObject, p: KObject, zones: Map<string, string>): any {
  const publish = !!svc.spec?.publishNotReadyAddresses;
  const terminating = !!p.metadata.deletionTimestamp;
  const ready = isPodReady(p);
  const ep: any = {
    addresses: [podIP(p)],
    conditions: { ready: publish || (ready && !terminating), serving: publish || ready, terminating },
  };
  if (p.spec?.hostname && p.spec?.subdomain === svc.metadata.name) ep.hostname = p.spec.hostname;
  if (p.spec?.nodeName) ep.nodeName = p.spec.nodeName;
  ep.targetRef = { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid };
  const zone = p.spec?.nodeName ? zones.get(p.spec.nodeName) : undefined;
  if (zone) ep.zone = zone;
  return ep;
}

export function desiredSlices(svc: KObject, pods: KObject[], zones: Map<string, string>): { ports: any[] | null; endpoints: any[] | null }[] {
  const groups = new Map<string, { ports: any[]; endpoints: any[] }>();
  for (const p of pods) {
    const ports: any[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(p, sp);
      if (port === undefined) continue;
      const ep: any = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    g.endpoints.push(sliceEndpoint(svc, p, zones));
  }
  const out: { ports: any[] | null; endpoints: any[] | null }[] = [];
  for (const g of groups.values()) {
    g.endpoints.sort((a, b) => compareIP(a.addresses[0], b.addresses[0]) || compareIP(a.targetRef.uid, b.targetRef.uid));
    for (let i = 0; i < g.endpoints.length; i += MAX_PER_SLICE) out.push({ ports: g.ports.length ? g.ports : null, endpoints: g.endpoints.slice(i, i + MAX_PER_SLICE) });
  }
  // A service with no endpoints keeps one placeholder slice.
  if (!out.length) out.push({ ports: null, endpoints: null });
  return out;
}

export function syncEndpointSlices(key: string, view: View): Action[] {
  const [ns, name] = splitKey(key);
  const svc = view.get(SERVICES, ns, name);
  if (!svc || !managed(svc) || svc.metadata.deletionTimestamp) return [];
  const existing = view
    .ownedBy(svc.metadata.uid!)
    .filter((s) => s.kind === 'EndpointSlice' && s.metadata.labels?.[MANAGED_BY] === SLICE_CONTROLLER)
    .sort((a, b) => compareIP(a.metadata.name!, b.metadata.name!));
  const zones = new Map<string, string>();
  for (const n of view.list(NODES)) {
    const z = n.metadata.labels?.['topology.kubernetes.io/zone'];
    if (z) zones.set(n.metadata.name!, z);
  }
  const pods = selectedPods(view, svc, true);
  const want = desiredSlices(svc, pods, zones);
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  delete labels[MANAGED_BY];
  labels[SERVICE_NAME_LABEL] = name;
  labels[MANAGED_BY] = SLICE_CONTROLLER;
  if (svc.spec?.clusterIP === 'None') labels[HEADLESS] = '';
  const actions: Action[] = [];
  const before = new Set<string>();
  for (const s of existing) for (const e of s.endpoints ?? []) before.add(`${e.targetRef?.uid}|${e.addresses?.[0]}|${e.conditions?.ready}|${!!e.conditions?.terminating}`);
  let trig: string | undefined;
  const trigger = () => (trig ??= triggerTime(svc, pods, existing[0], before));
  want.forEach((w, i) => {
    const cur = existing[i];
    if (cur && JSON.stringify(cur.endpoints ?? null) === JSON.stringify(w.endpoints) && JSON.stringify(cur.ports ?? null) === JSON.stringify(w.ports) && JSON.stringify(cur.metadata.labels ?? {}) === JSON.stringify(labels)) return;
    const annotations: Record<string, string> = { ...(cur?.metadata.annotations ?? {}) };
    const t = trigger();
    if (t) annotations[TRIGGER] = t;
    if (cur) {
      const upd = forWrite(cur);
      upd.metadata.labels = labels;
      upd.metadata.annotations = annotations;
      upd.endpoints = w.endpoints;
      upd.ports = w.ports;
      actions.push({ op: 'update', obj: upd, onError: () => [] });
    } else {
      actions.push({
        op: 'create',
        obj: {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { generateName: `${name}-`, namespace: ns, labels, annotations, ownerReferences: [ownerRefTo(svc)] },
          addressType: 'IPv4',
          endpoints: w.endpoints,
          ports: w.ports,
        },
        onError: () => [],
      });
    }
  });
  for (const extra of existing.slice(want.length)) actions.push({ op: 'delete', ri: SLICES, namespace: ns, name: extra.metadata.name!, onError: () => [] });
  return actions;
}

/** Services in the pod's namespace whose selector matches it now or matched it before. */
function podToServices(c: Change, view: View): string[] {
  const o = c.obj;
  const old = c.old;
  // Only what endpoints show: labels, IP, readiness, deletion, phase, node, hostname.
  if (c.type === 'MODIFIED' && old) {
    const sig = (p: KObject) => JSON.stringify([p.metadata.labels, podIP(p), isPodReady(p), !!p.metadata.deletionTimestamp, p.status?.phase, p.spec?.nodeName, p.spec?.hostname, p.spec?.subdomain]);
    if (sig(o) === sig(old)) return [];
  }
  const keys: string[] = [];
  for (const svc of view.list(SERVICES, o.metadata.namespace)) {
    if (!managed(svc)) continue;
    if (mapMatches(svc.spec.selector, o.metadata.labels) || (old && mapMatches(svc.spec.selector, old.metadata.labels))) keys.push(keyOf(svc));
  }
  return keys;
}

export const endpointsController: Controller = {
  name: 'endpoint-controller',
  watches: {
    services: (c) => [keyOf(c.obj)],
    pods: podToServices,
    endpoints: (c) => (c.type === 'DELETED' ? [keyOf(c.obj)] : []),
  },
  resync: (v) => v.list(SERVICES).filter(managed).map(keyOf),
  sync: syncEndpoints,
};

export const endpointSliceController: Controller = {
  name: 'endpointslice-controller',
  watches: {
    services: (c) => (c.type === 'DELETED' ? [] : [keyOf(c.obj)]),
    pods: podToServices,
    'endpointslices.discovery.k8s.io': (c) => {
      if (c.type !== 'DELETED' || c.obj.metadata.labels?.[MANAGED_BY] !== SLICE_CONTROLLER) return [];
      const svc = c.obj.metadata.labels?.[SERVICE_NAME_LABEL];
      return svc ? [`${c.obj.metadata.namespace}/${svc}`] : [];
    },
    nodes: (c, view) => {
      const z = (n: KObject | undefined) => n?.metadata.labels?.['topology.kubernetes.io/zone'];
      if (c.type === 'MODIFIED' && z(c.obj) === z(c.old)) return [];
      if (!z(c.obj) && !z(c.old)) return [];
      return view.list(SERVICES).filter(managed).map(keyOf);
    },
  },
  resync: (v) => v.list(SERVICES).filter(managed).map(keyOf),
  sync: syncEndpointSlices,
};
