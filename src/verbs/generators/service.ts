/** `kubectl create service clusterip|nodeport|loadbalancer|externalname`. */
import type { KObject } from '../../api/types.js';
import { GeneratorError } from './util.js';

export interface ServiceOptions {
  name: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  tcp: string[];
  clusterIP: string;
  nodePort: number;
  externalName: string;
  namespace?: string;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** ServiceOptions.Validate. */
export function validateService(o: ServiceOptions): void {
  if (o.clusterIP === 'None' && o.type !== 'ClusterIP') throw new GeneratorError('ClusterIP=None can only be used with ClusterIP service type');
  if (o.clusterIP !== 'None' && o.tcp.length === 0 && o.type !== 'ExternalName') throw new GeneratorError('at least one tcp port specifier must be provided');
  if (o.type === 'ExternalName' && (o.externalName.length > 253 || !DNS1123_SUBDOMAIN.test(o.externalName))) {
    throw new GeneratorError(`invalid service external name ${o.externalName}`);
  }
}

/** validation.IsValidPortName. */
export function portNameErrors(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port[0] === '-' || port[port.length - 1] === '-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** "<port>[:<targetPort>]" → [port, targetPort]. */
export function parsePorts(s: string): [number, number | string] {
  const parts = s.split(':');
  const p = parts[0];
  if (!/^\d+$/.test(p)) throw new GeneratorError(`strconv.ParseUint: parsing ${JSON.stringify(p)}: invalid syntax`);
  const port = Number(p);
  if (port > 65535) throw new GeneratorError(`strconv.ParseUint: parsing ${JSON.stringify(p)}: value out of range`);
  if (parts.length === 1) return [port, port];
  const t = parts[1];
  if (/^[-+]?\d+$/.test(t)) {
    const n = Number(t);
    if (!(n >= 1 && n <= 65535)) throw new GeneratorError('must be between 1 and 65535, inclusive');
    return [port, n];
  }
  const errs = portNameErrors(t);
  if (errs.length) throw new GeneratorError(errs.join(','));
  return [port, t];
}

export function generateService(o: ServiceOptions): KObject {
  const ports = o.tcp.map((s) => {
    const [port, targetPort] = parsePorts(s);
    return { name: s.replace(/:/g, '-'), protocol: 'TCP', port, targetPort, nodePort: o.nodePort };
  });
  const spec: Record<string, unknown> = { type: o.type, selector: { app: o.name }, ports, externalName: o.externalName };
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name, labels: { app: o.name }, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec,
  };
}
