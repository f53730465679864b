/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types.js';
import { tabbed, type DescribeWriter } from './writer.js';
import { type DescribeClock, labelsMultiline, annotationsMultiline, describeEvents, formatLabels, formatLabelSelector, timeOf } from './common.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpointSlices: ready addresses (host:port for the named ports), at most 3 then "+ N more...". */
export function formatEndpointSlices(slices: KObject[], ports: Set<string> | null): string {
  if (!slices.length) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const sl of slices) {
    const eps: any[] = sl.endpoints ?? [];
    const isReady = (ep: any) => ep.conditions?.ready === undefined || ep.conditions?.ready === null || ep.conditions.ready === true;
    if (!sl.ports?.length) {
      for (const ep of eps) {
        if (list.length === max) more = true;
        if (!isReady(ep)) continue;
        if (!more) list.push(s(ep.addresses?.[0]));
        count++;
      }
    } else {
      for (const port of sl.ports) {
        if (ports && !ports.has(s(port.name))) continue;
        for (const ep of eps) {
          if (list.length === max) more = true;
          const addr = s(ep.addresses?.[0]);
          if (!isReady(ep)) continue;
          if (!more) list.push(joinHostPort(addr, s(port.port)));
          count++;
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function ingressString(ingress: any[] | undefined): string {
  return (ingress ?? [])
    .map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : '') : s(i.hostname)))
    .join(', ');
}

export function describeService(svc: KObject, slices: KObject[], events: KObject[] | undefined, c: DescribeClock): string {
  const spec = svc.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${svc.metadata.name}\n`);
    w.write(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
    labelsMultiline(w, 'Labels', svc.metadata.labels);
    annotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(0, `Type:\t${s(spec.type)}\n`);
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(0, `IP:\t${s(spec.clusterIP)}\n`);
    w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
    const lb: any[] = svc.status?.loadBalancer?.ingress ?? [];
    if (lb.length) w.write(0, `LoadBalancer Ingress:\t${ingressString(lb)}\n`);
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>';
      const proto = s(sp.protocol);
      w.write(0, `Port:\t${name}\t${sp.port ?? 0}/${proto}\n`);
      const tp = sp.targetPort;
      w.write(0, `TargetPort:\t${typeof tp === 'number' ? tp : tp === undefined || tp === null ? 0 : tp}/${proto}\n`);
      if (sp.nodePort) w.write(0, `NodePort:\t${name}\t${sp.nodePort}/${proto}\n`);
      w.write(0, `Endpoints:\t${formatEndpointSlices(slices, new Set([s(sp.name)]))}\n`);
    }
    w.write(0, `Session Affinity:\t${s(spec.sessionAffinity)}\n`);
    if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy !== undefined && spec.internalTrafficPolicy !== null) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    if (events) describeEvents(w, events, c);
  });
}

export function describeEndpoints(ep: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${ep.metadata.name}\n`);
    w.write(0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
    labelsMultiline(w, 'Labels', ep.metadata.labels);
    annotationsMultiline(w, 'Annotations', ep.metadata.annotations);
    w.write(0, 'Subsets:\n');
    for (const sub of ep.subsets ?? []) {
      const addrs = (sub.addresses ?? []).map((a: any) => s(a.ip)).join(',');
      w.write(1, `Addresses:\t${addrs || '<none>'}\n`);
      const notReady = (sub.notReadyAddresses ?? []).map((a: any) => s(a.ip)).join(',');
      w.write(1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
      if (sub.ports?.length) {
        w.write(1, 'Ports:\n');
        w.write(2, 'Name\tPort\tProtocol\n');
        w.write(2, '----\t----\t--------\n');
        for (const p of sub.ports) w.write(2, `${p.name || '<unset>'}\t${p.port ?? 0}\t${s(p.protocol)}\n`);
      }
      w.write(0, '\n');
    }
    if (events) describeEvents(w, events, c);
  });
}

export function describeEndpointSlice(eps: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${eps.metadata.name}\n`);
    w.write(0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`);
    labelsMultiline(w, 'Labels', eps.metadata.labels);
    annotationsMultiline(w, 'Annotations', eps.metadata.annotations);
    w.write(0, `AddressType:\t${s(eps.addressType)}\n`);
    const ports: any[] = eps.ports ?? [];
    if (!ports.length) w.write(0, 'Ports: <unset>\n');
    else {
      w.write(0, 'Ports:\n');
      w.write(1, 'Name\tPort\tProtocol\n');
      w.write(1, '----\t----\t--------\n');
      for (const p of ports) w.write(1, `${p.name ? p.name : '<unset>'}\t${p.port === undefined || p.port === null ? '<unset>' : p.port}\t${s(p.protocol)}\n`);
    }
    const endpoints: any[] = eps.endpoints ?? [];
    if (!endpoints.length) w.write(0, 'Endpoints: <none>\n');
    else {
      w.write(0, 'Endpoints:\n');
      for (const ep of endpoints) {
        w.write(1, `- Addresses:\t${(ep.addresses ?? []).join(', ') || '<none>'}\n`);
        w.write(2, 'Conditions:\n');
        const ready = ep.conditions?.ready;
        w.write(3, `Ready:\t${ready === undefined || ready === null ? '<unset>' : ready ? 'true' : 'false'}\n`);
        w.write(2, `Hostname:\t${ep.hostname === undefined || ep.hostname === null ? '<unset>' : ep.hostname}\n`);
        if (ep.targetRef) w.write(2, `TargetRef:\t${s(ep.targetRef.kind)}/${s(ep.targetRef.name)}\n`);
        w.write(2, `NodeName:\t${ep.nodeName === undefined || ep.nodeName === null ? '<unset>' : ep.nodeName}\n`);
        w.write(2, `Zone:\t${ep.zone === undefined || ep.zone === null ? '<unset>' : ep.zone}\n`);
      }
    }
    if (events) describeEvents(w, events, c);
  });
}

/** What the verb found for each service an Ingress points at. */
export interface BackendService {
  service?: KObject;
  /** The error text of getting the service. */
  error?: string;
  slices: KObject[];
}

function backendString(backend: any, services: Record<string, BackendService>): string {
  if (backend?.service) {
    const b = backend.service;
    const port = b.port?.number ? String(b.port.number) : s(b.port?.name);
    const sb = `${s(b.name)}:${port}`;
    const found = services[s(b.name)];
    if (!found || found.error !== undefined) return `${sb} (<error: ${found?.error ?? ''}>)`;
    let spName = '';
    for (const sp of found.service?.spec?.ports ?? []) {
      if (b.port?.number && b.port.number === sp.port) spName = s(sp.name);
      else if (b.port?.name && b.port.name === sp.name) spName = s(sp.name);
    }
    return `${sb} (${formatEndpointSlices(found.slices, new Set([spName]))})`;
  }
  if (backend?.resource) {
    const r = backend.resource;
    const group = r.apiGroup === undefined || r.apiGroup === null ? '<none>' : s(r.apiGroup);
    return `APIGroup: ${group}, Kind: ${s(r.kind)}, Name: ${s(r.name)}`;
  }
  return '';
}

/** The service names an Ingress's backends refer to (the verb fetches these). */
export function ingressServiceNames(ing: KObject): string[] {
  const names = new Set<string>();
  const add = (b: any) => b?.service?.name && names.add(b.service.name);
  add(ing.spec?.defaultBackend);
  for (const r of ing.spec?.rules ?? []) for (const p of r.http?.paths ?? []) add(p.backend);
  return [...names];
}

export function describeIngress(ing: KObject, services: Record<string, BackendService>, events: KObject[] | undefined, c: DescribeClock): string {
  const spec = ing.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${ing.metadata.name}\n`);
    labelsMultiline(w, 'Labels', ing.metadata.labels);
    w.write(0, `Namespace:\t${ing.metadata.namespace ?? ''}\n`);
    const addrs = new Set<string>();
    for (const i of ing.status?.loadBalancer?.ingress ?? []) {
      if (i.ip) addrs.add(i.ip);
      else if (i.hostname) addrs.add(i.hostname);
    }
    w.write(0, `Address:\t${[...addrs].sort().join(',')}\n`);
    w.write(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
    const def = spec.defaultBackend ? backendString(spec.defaultBackend, services) : '<default>';
    w.write(0, `Default backend:\t${def}\n`);
    if (spec.tls?.length) {
      w.write(0, 'TLS:\n');
      for (const t of spec.tls) {
        if (!t.secretName) w.write(1, `SNI routes ${(t.hosts ?? []).join(',')}\n`);
        else w.write(1, `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`);
      }
    }
    w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(1, '----\t----\t--------\n');
    let count = 0;
    for (const rule of spec.rules ?? []) {
      if (!rule.http) continue;
      count++;
      w.write(1, `${rule.host || '*'}\t\n`);
      for (const p of rule.http.paths ?? []) w.write(2, `\t${s(p.path)} \t${backendString(p.backend, services)}\n`);
    }
    if (count === 0) w.write(1, `*\t*\t${def}\n`);
    annotationsMultiline(w, 'Annotations', ing.metadata.annotations);
    if (events) describeEvents(w, events, c);
  });
}

export function describeIngressClass(ic: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${ic.metadata.name}\n`);
    labelsMultiline(w, 'Labels', ic.metadata.labels);
    annotationsMultiline(w, 'Annotations', ic.metadata.annotations);
    w.write(0, `Controller:\t${s(ic.spec?.controller)}\n`);
    const p = ic.spec?.parameters;
    if (p) {
      w.write(0, 'Parameters:\n');
      if (p.apiGroup !== undefined && p.apiGroup !== null) w.write(1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(1, `Kind:\t${s(p.kind)}\n`);
      w.write(1, `Name:\t${s(p.name)}\n`);
    }
    if (events) describeEvents(w, events, c);
  });
}

function peerRules(w: DescribeWriter, rules: any[] | undefined, dir: 'ingress' | 'egress'): void {
  const indent = '    ';
  if (!rules?.length) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  const peersKey = dir === 'ingress' ? 'from' : 'to';
  const peerTitle = dir === 'ingress' ? 'From' : 'To';
  rules.forEach((rule, i) => {
    if (!rule.ports?.length) w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    else {
      for (const port of rule.ports) {
        const proto = port.protocol ?? 'TCP';
        const p = port.port === undefined || port.port === null ? '<nil>' : String(port.port);
        if (port.endPort === undefined || port.endPort === null) w.write(0, `${indent}To Port: ${p}/${proto}\n`);
        else w.write(0, `${indent}To Port Range: ${p}-${port.endPort}/${proto}\n`);
      }
    }
    const peers: any[] = rule[peersKey] ?? [];
    if (!peers.length) {
      w.write(0, dir === 'ingress' ? `${indent}From: <any> (traffic not restricted by source)\n` : `${indent}To: <any> (traffic not restricted by destination)\n`);
    } else {
      for (const peer of peers) {
        w.write(0, `${indent}${peerTitle}:\n`);
        if (peer.podSelector && peer.namespaceSelector) {
          w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
          w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        } else if (peer.podSelector) {
          w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        } else if (peer.namespaceSelector) {
          w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
        } else if (peer.ipBlock) {
          w.write(1, `${indent}IPBlock:\n`);
          w.write(2, `${indent}CIDR: ${s(peer.ipBlock.cidr)}\n`);
          w.write(2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
        }
      }
    }
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: KObject, c: DescribeClock): string {
  const spec = np.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${np.metadata.name}\n`);
    w.write(0, `Namespace:\t${np.metadata.namespace ?? ''}\n`);
    const created = timeOf(np.metadata.creationTimestamp);
    w.write(0, `Created on:\t${created === undefined ? '0001-01-01 00:00:00 +0000 UTC' : c.goString(created)}\n`);
    labelsMultiline(w, 'Labels', np.metadata.labels);
    annotationsMultiline(w, 'Annotations', np.metadata.annotations);
    w.write(0, 'Spec:\n');
    w.write(1, 'PodSelector: ');
    const ps = spec.podSelector ?? {};
    if (!Object.keys(ps.matchLabels ?? {}).length && !(ps.matchExpressions ?? []).length) w.write(2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
    else w.write(2, `${formatLabelSelector(ps)}\n`);
    const types: string[] = spec.policyTypes ?? [];
    if (types.includes('Ingress')) {
      w.write(1, 'Allowing ingress traffic:\n');
      peerRules(w, spec.ingress, 'ingress');
    } else w.write(1, 'Not affecting ingress traffic\n');
    if (types.includes('Egress')) {
      w.write(1, 'Allowing egress traffic:\n');
      peerRules(w, spec.egress, 'egress');
    } else w.write(1, 'Not affecting egress traffic\n');
    w.write(1, `Policy Types: ${types.length ? types.join(', ') : '<none>'}\n`);
  });
}
