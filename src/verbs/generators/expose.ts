/** `kubectl expose`: a Service for a pod, service, deployment, replica set or replication controller. */
import type { KObject } from '../../api/types.js';
import { GeneratorError, intstrParse, parseLabelSpec } from './util.js';

export interface ExposeOptions {
  name: string;
  defaultName: string;
  selector: string;
  labels: string;
  /** One port ("80"), or several ("80,443") introspected from the object. */
  port: string;
  ports: string;
  protocol: string;
  /** "port/PROTO,..." introspected from the object. */
  protocols: string;
  targetPort: string;
  externalIP: string;
  type: string;
  loadBalancerIP: string;
  sessionAffinity: string;
  clusterIP: string;
}

function parseProtocols(s: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of s.split(',')) {
    const pp = part.split('/');
    if (pp.length !== 2) throw new GeneratorError(`unexpected port protocol mapping: ${part}`);
    if (!pp[0]) throw new GeneratorError('unexpected empty port');
    if (!pp[1]) throw new GeneratorError('unexpected empty protocol');
    m.set(pp[0], [...(m.get(pp[0]) ?? []), pp[1]]);
  }
  return m;
}

export function generateExposeService(o: ExposeOptions): KObject {
  if (!o.selector) throw new GeneratorError('selector must be specified');
  const selector = parseLabelSpec(o.selector);
  const labels = o.labels ? parseLabelSpec(o.labels) : undefined;
  const name = o.name || o.defaultName;
  if (!name) throw new GeneratorError('name must be specified');
  const protoMap = o.protocols ? parseProtocols(o.protocols) : new Map<string, string[]>();
  const portString = o.ports || o.port;
  const ports: Record<string, unknown>[] = [];
  if (portString) {
    const list = portString.split(',');
    list.forEach((p, i) => {
      if (!/^[-+]?\d+$/.test(p)) throw new GeneratorError(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
      const port = Number(p);
      const portName = list.length > 1 ? `port-${i + 1}` : '';
      let protocol = o.protocol;
      if (!protocol && protoMap.size === 0) protocol = 'TCP';
      else if (!protocol && protoMap.size > 0) {
        protocol = 'TCP';
        const ps = protoMap.get(p);
        if (ps) {
          if (ps.length === 1) protocol = ps[0];
          else {
            for (const proto of ps) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, port, protocol: proto });
            return;
          }
        }
      }
      ports.push({ name: portName, port, protocol });
    });
  }
  const target = o.targetPort ? intstrParse(o.targetPort) : undefined;
  for (const p of ports) p.targetPort = target ?? p.port;
  const spec: Record<string, unknown> = { selector, ports };
  if (o.externalIP) spec.externalIPs = [o.externalIP];
  if (o.type) spec.type = o.type;
  if (spec.type === 'LoadBalancer') spec.loadBalancerIP = o.loadBalancerIP;
  if (o.sessionAffinity) {
    if (o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP') throw new GeneratorError(`unknown session affinity: ${o.sessionAffinity}`);
    spec.sessionAffinity = o.sessionAffinity;
  }
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...(labels ? { labels } : {}) }, spec };
}
