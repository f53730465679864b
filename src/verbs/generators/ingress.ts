/** `kubectl create ingress`. */
import type { KObject } from '../../api/types.js';
import { GeneratorError, intstrParse } from './util.js';

export interface IngressOptions {
  name: string;
  ingressClass: string;
  rules: string[];
  defaultBackend: string;
  annotations: string[];
  namespace?: string;
}

const RULE_RE = /^(?<host>[\w*\-.]*)(?<path>\/.*)=(?<svcname>[\w-]+):(?<svcport>[\w-]+)(,(?<istls>tls)=?(?<secretname>[\w-]+)?)?/;

export function validateIngress(o: IngressOptions): void {
  if (!o.defaultBackend && !o.rules.length) {
    throw new GeneratorError(
      'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
    );
  }
  for (const rule of o.rules) if (!RULE_RE.test(rule)) throw new GeneratorError(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  for (const a of o.annotations) if (!a.includes('=')) throw new GeneratorError(`annotation ${a} is invalid and should be in format key=[value]`);
  if (o.defaultBackend && o.defaultBackend.split(':').length !== 2) throw new GeneratorError('default-backend should be in format servicename:serviceport');
}

function backend(service: string): Record<string, unknown> {
  const [name, port] = service.split(':');
  const p = intstrParse(port);
  return { service: { name, port: typeof p === 'number' ? { number: p } : { name: p } } };
}

function httpPath(pathsvc: string): Record<string, unknown> {
  const parts = pathsvc.split('=');
  let path = '/' + parts[0];
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backend(parts[1]) };
}

export function generateIngress(o: IngressOptions): KObject {
  const annotations: Record<string, string> = {};
  for (const a of o.annotations) {
    const i = a.indexOf('=');
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const spec: Record<string, unknown> = {};
  if (o.ingressClass) spec.ingressClassName = o.ingressClass;
  if (o.defaultBackend) spec.defaultBackend = backend(o.defaultBackend);
  // TLS: one entry per secret, collecting hosts.
  const tls: { hosts?: string[]; secretName?: string }[] = [];
  const seenHosts = new Set<string>();
  for (const rule of o.rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const sn = parts[1].split('=');
    const secret = sn.length > 1 ? sn[1] : '';
    const idx = tls.findIndex((t) => (t.secretName ?? '') === secret);
    if (seenHosts.has(host)) continue;
    if (idx > -1) {
      (tls[idx].hosts ??= []).push(host);
      seenHosts.add(host);
      continue;
    }
    const entry: { hosts?: string[]; secretName?: string } = {};
    if (host !== '') entry.hosts = [host];
    if (secret !== '') entry.secretName = secret;
    if (entry.secretName || entry.hosts?.length) tls.push(entry);
    seenHosts.add(host);
  }
  spec.tls = tls;
  const rules: { host?: string; http: { paths: unknown[] } }[] = [];
  for (const rule of o.rules) {
    const noTls = rule.split(',')[0];
    const slash = noTls.indexOf('/');
    const host = noTls.slice(0, slash);
    const p = httpPath(noTls.slice(slash + 1));
    const idx = rules.findIndex((r) => (r.host ?? '') === host);
    if (idx > -1) {
      rules[idx].http.paths.push(p);
      continue;
    }
    rules.push({ ...(host ? { host } : {}), http: { paths: [p] } });
  }
  spec.rules = rules;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), annotations },
    spec,
  };
}
