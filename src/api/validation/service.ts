/**
 * Service validation (ValidateService, ValidateServiceUpdate) and the allocation errors of its REST
 * storage (node ports, cluster IPs).
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import { invalid, required, forbidden, duplicate, notSupported } from '../errors.js';
import {
  type Errs,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPortNum,
  isValidPortName,
  isQualifiedName,
  msgsToErrs,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
  nameIsDNS1035Label,
} from './primitives.js';
import { GoLiteral, goStringSlice } from './gofmt.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const isHeadless = (s: any) => (s.clusterIPs?.[0] ?? s.clusterIP) === 'None';

function targetPortValue(tp: unknown): string {
  if (typeof tp === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(tp)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${typeof tp === 'number' ? tp : 0}, StrVal:""}`;
}

function validatePortNumOrName(port: unknown, path: string): Errs {
  if (typeof port === 'string') return msgsToErrs(path, port, isValidPortName(port));
  const n = typeof port === 'number' ? port : 0;
  return msgsToErrs(path, n, isValidPortNum(n));
}

function validateServicePort(p: any, requireName: boolean, names: Set<string>, path: string): Errs {
  const errs: Errs = [];
  if (requireName && !p.name) errs.push(required(`${path}.name`, ''));
  else if (p.name) {
    errs.push(...msgsToErrs(`${path}.name`, p.name, isDNS1123Label(p.name)));
    if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
    else names.add(p.name);
  }
  errs.push(...msgsToErrs(`${path}.port`, p.port ?? 0, isValidPortNum(p.port ?? 0)));
  if (!p.protocol) errs.push(required(`${path}.protocol`, ''));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort, `${path}.targetPort`));
  if (p.appProtocol !== undefined && p.appProtocol !== null) errs.push(...msgsToErrs(`${path}.appProtocol`, p.appProtocol, isQualifiedName(p.appProtocol)));
  return errs;
}

/** ValidateService. */
export function validateService(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNS1035Label);
  const s = o.spec ?? {};
  const type = s.type ?? '';
  const ports: any[] = s.ports ?? [];
  if (!ports.length && !isHeadless(s) && type !== 'ExternalName') errs.push(required('spec.ports', ''));
  if (type === 'LoadBalancer' && isHeadless(s)) errs.push(invalid('spec.clusterIPs[0]', s.clusterIPs?.[0] ?? 'None', "may not be set to 'None' for LoadBalancer services"));
  if (type === 'NodePort' && isHeadless(s)) errs.push(invalid('spec.clusterIPs[0]', s.clusterIPs?.[0] ?? 'None', "may not be set to 'None' for NodePort services"));
  if (type === 'ExternalName') {
    if ((s.clusterIPs ?? []).length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if ((s.ipFamilies ?? []).length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (s.ipFamilyPolicy) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = String(s.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...msgsToErrs('spec.externalName', cname, isDNS1123Subdomain(cname)));
    else errs.push(required('spec.externalName', ''));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p ?? {}, ports.length > 1, names, `spec.ports[${i}]`)));
  if (s.selector) errs.push(...validateLabels(s.selector, 'spec.selector'));
  const sa = s.sessionAffinity ?? '';
  if (!sa) errs.push(required('spec.sessionAffinity', ''));
  else if (sa !== 'ClientIP' && sa !== 'None') errs.push(notSupported('spec.sessionAffinity', sa, ['ClientIP', 'None']));
  if (sa === 'ClientIP') {
    const cfg = s.sessionAffinityConfig;
    if (!cfg) errs.push(required('spec.sessionAffinityConfig', 'when session affinity type is ClientIP'));
    else if (!cfg.clientIP) errs.push(required('spec.sessionAffinityConfig.clientIP', 'when session affinity type is ClientIP'));
    else if (cfg.clientIP.timeoutSeconds === undefined || cfg.clientIP.timeoutSeconds === null) {
      errs.push(required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'when session affinity type is ClientIP'));
    } else if (cfg.clientIP.timeoutSeconds <= 0 || cfg.clientIP.timeoutSeconds > 86400) {
      errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', cfg.clientIP.timeoutSeconds, 'must be greater than 0 and less than 86400'));
    }
  } else if (sa === 'None' && s.sessionAffinityConfig) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  if (s.clusterIPs?.length && s.clusterIP !== s.clusterIPs[0]) {
    errs.push(invalid('spec.clusterIPs', new GoLiteral(goStringSlice(s.clusterIPs)), 'first value must match `clusterIP`'));
  }
  (s.clusterIPs ?? []).forEach((ip: string, i: number) => {
    if (ip !== 'None' && !isIPv4(ip) && !ip.includes(':')) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  (s.externalIPs ?? []).forEach((ip: string, i: number) => {
    if (!isIPv4(ip) && !ip.includes(':')) errs.push(invalid(`spec.externalIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (!type) errs.push(required('spec.type', ''));
  else if (!TYPES.includes(type)) errs.push(notSupported('spec.type', type, TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p?.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p?.nodePort) return;
    const k = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(k)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(k);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${p?.protocol}/${p?.port}`;
    if (seen.has(k)) {
      errs.push(
        duplicate(
          `spec.ports[${i}]`,
          new GoLiteral(`core.ServicePort{Name:"", Protocol:${JSON.stringify(p?.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p?.port ?? 0}, TargetPort:${targetPortValue(undefined)}, NodePort:0}`),
        ),
      );
    }
    seen.add(k);
  });
  if ((s.loadBalancerSourceRanges ?? []).length && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (s.allocateLoadBalancerNodePorts !== undefined && s.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && (s.allocateLoadBalancerNodePorts === undefined || s.allocateLoadBalancerNodePorts === null)) {
    errs.push(required('allocateLoadBalancerNodePorts', ''));
  }
  const external = type === 'NodePort' || type === 'LoadBalancer' || (s.externalIPs ?? []).length > 0;
  if (!external) {
    if (s.externalTrafficPolicy) errs.push(invalid('spec.externalTrafficPolicy', s.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!s.externalTrafficPolicy) errs.push(required('spec.externalTrafficPolicy', ''));
  else if (!['Cluster', 'Local'].includes(s.externalTrafficPolicy)) errs.push(notSupported('spec.externalTrafficPolicy', s.externalTrafficPolicy, ['Cluster', 'Local']));
  if (s.internalTrafficPolicy === undefined || s.internalTrafficPolicy === null) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required('spec.internalTrafficPolicy', ''));
  } else if (!['Cluster', 'Local'].includes(s.internalTrafficPolicy)) errs.push(notSupported('spec.internalTrafficPolicy', s.internalTrafficPolicy, ['Cluster', 'Local']));
  return errs;
}

function isIPv4(ip: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  return !!m && m.slice(1).every((x) => Number(x) <= 255);
}

/** ValidateServiceUpdate: cluster IPs may not change once set (except to or from ExternalName). */
export function validateServiceUpdate(o: any, old: any): Errs {
  const errs = validateObjectMetaUpdate(o.metadata, old.metadata);
  const s = o.spec ?? {};
  const os = old.spec ?? {};
  if (s.type !== 'ExternalName' && os.type !== 'ExternalName' && !(isHeadless(s) && isHeadless(os))) {
    const a: string[] = os.clusterIPs ?? [];
    const b: string[] = s.clusterIPs ?? [];
    if (a.length === b.length) {
      a.forEach((ip, i) => {
        if (ip !== b[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, new GoLiteral(goStringSlice(b)), 'may not change once set'));
      });
    } else if (a.length > b.length && b.length === 0) {
      errs.push(invalid('spec.clusterIPs[0]', new GoLiteral(goStringSlice(b.length ? b : null)), 'primary clusterIP can not be unset'));
    }
  }
  errs.push(...validateService(o));
  return errs;
}

/** The node port allocator's errors for the ports a NodePort/LoadBalancer Service asks for. */
export function nodePortAllocationError(ports: any[], used: Set<number>): { path: string; port: number; msg: string } | undefined {
  for (let i = 0; i < ports.length; i++) {
    const np = ports[i]?.nodePort;
    if (!np) continue;
    if (np < NODE_PORT_MIN || np > NODE_PORT_MAX) {
      return { path: `spec.ports[${i}].nodePort`, port: np, msg: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}` };
    }
    if (used.has(np)) return { path: `spec.ports[${i}].nodePort`, port: np, msg: 'provided port is already allocated' };
  }
  return undefined;
}
