/**
 * A container's environment and files as the kubelet builds them: env and envFrom (ConfigMaps,
 * Secrets, the downward API, resource fields), service links, $(VAR) expansion, and the files of
 * configMap/secret/projected/downwardAPI volumes. Missing references give the kubelet's errors
 * (CreateContainerConfigError for env, FailedMount for volumes).
 */
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/registry.js';
import { forGroupResource } from '../api/registry.js';
import { milliValue, value } from '../scheduler/resources.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const CM = forGroupResource('configmaps')!;
const SECRETS = forGroupResource('secrets')!;
const SERVICES = forGroupResource('services')!;
const NODES = forGroupResource('nodes')!;

export class ConfigError extends Error {}

/** Reads a pod-referenced object: ConfigMaps and Secrets in the pod's namespace. */
export interface Refs {
  configMap(name: string): KObject | undefined;
  secret(name: string): KObject | undefined;
  services(): KObject[];
  node(): KObject | undefined;
}

/** Read access to objects (a View, or the document itself for readers outside the engine). */
export interface Reader {
  get(ri: ResourceInfo, ns: string | undefined, name: string): KObject | undefined;
  list(ri: ResourceInfo, ns?: string): KObject[];
}

export function refsFor(view: Reader, pod: KObject): Refs {
  const ns = pod.metadata.namespace ?? 'default';
  return {
    configMap: (n) => view.get(CM, ns, n),
    secret: (n) => view.get(SECRETS, ns, n),
    services: () => [...view.list(SERVICES, ns), ...(ns === 'default' ? [] : view.list(SERVICES, 'default').filter((s) => s.metadata.name === 'kubernetes'))],
    node: () => (pod.spec?.nodeName ? view.get(NODES, undefined, pod.spec.nodeName) : undefined),
  };
}

const b64 = (s: string) => Buffer.from(s ?? '', 'base64').toString('utf8');

function cmValue(refs: Refs, pod: KObject, name: string, key: string, optional: boolean): string | undefined {
  const cm = refs.configMap(name);
  if (!cm) {
    if (optional) return undefined;
    throw new ConfigError(`configmap "${name}" not found`);
  }
  if (cm.data && key in cm.data) return cm.data[key];
  if (cm.binaryData && key in cm.binaryData) return b64(cm.binaryData[key]);
  if (optional) return undefined;
  throw new ConfigError(`couldn't find key ${key} in ConfigMap ${pod.metadata.namespace}/${name}`);
}

function secretValue(refs: Refs, pod: KObject, name: string, key: string, optional: boolean): string | undefined {
  const s = refs.secret(name);
  if (!s) {
    if (optional) return undefined;
    throw new ConfigError(`secret "${name}" not found`);
  }
  if (s.data && key in s.data) return b64(s.data[key]);
  if (optional) return undefined;
  throw new ConfigError(`couldn't find key ${key} in Secret ${pod.metadata.namespace}/${name}`);
}

/** A downward API fieldRef value. */
export function fieldRefValue(pod: KObject, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (pod.metadata[m[1]] as Record<string, string> | undefined)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'metadata.labels':
      return Object.entries(pod.metadata.labels ?? {}).sort().map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'metadata.annotations':
      return Object.entries(pod.metadata.annotations ?? {}).sort().map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.hostIPs':
      return (pod.status?.hostIPs ?? []).map((x: any) => x.ip).join(',');
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((x: any) => x.ip).join(',');
    default:
      return '';
  }
}

/** A resourceFieldRef value (limits default to the node's allocatable), divided by the divisor, rounded up. */
export function resourceFieldValue(pod: KObject, containerName: string | undefined, ref: any, node: KObject | undefined): string {
  const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x: any) => x.name === (ref.containerName || containerName));
  const [kind, res] = String(ref.resource ?? '').split('.');
  const isCpu = res === 'cpu';
  let q = c?.resources?.[kind]?.[res];
  if (q === undefined && kind === 'limits') q = node?.status?.allocatable?.[res];
  if (q === undefined) return '0';
  const divisor = ref.divisor ?? (isCpu ? '1' : '1');
  if (isCpu) return String(Math.ceil(milliValue(q) / Math.max(1, milliValue(divisor))));
  return String(Math.ceil(value(q) / Math.max(1, value(divisor))));
}

/** Expands $(VAR) references (and $$ escapes) against the variables defined so far. */
export function expandRefs(s: string, vars: Map<string, string>): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (s[i] === '$' && s[i + 1] === '(') {
      const end = s.indexOf(')', i + 2);
      if (end > 0) {
        const name = s.slice(i + 2, end);
        if (vars.has(name)) {
          out += vars.get(name);
          i = end;
          continue;
        }
      }
    }
    out += s[i];
  }
  return out;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Service link variables for one service (FOO_SERVICE_HOST, FOO_PORT_80_TCP...). */
function serviceEnv(svc: KObject): [string, string][] {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return [];
  const ports: any[] = svc.spec?.ports ?? [];
  if (!ports.length) return [];
  const name = svc.metadata.name!.toUpperCase().replace(/-/g, '_');
  const out: [string, string][] = [[`${name}_SERVICE_HOST`, ip], [`${name}_SERVICE_PORT`, String(ports[0].port)]];
  for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
  const first = ports[0];
  out.push([`${name}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`]);
  for (const p of ports) {
    const proto = (p.protocol ?? 'TCP').toUpperCase();
    const prefix = `${name}_PORT_${p.port}_${proto}`;
    out.push([prefix, `${proto.toLowerCase()}://${ip}:${p.port}`], [`${prefix}_PROTO`, proto.toLowerCase()], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
  }
  return out;
}

/**
 * The environment a container starts with, in order: the image's, HOSTNAME, the container's own
 * (envFrom, then env), the service links, HOME. Throws ConfigError for a missing reference.
 */
export function containerEnv(pod: KObject, container: any, refs: Refs, imageEnv: [string, string][] = []): [string, string][] {
  const vars = new Map<string, string>();
  const set = (k: string, v: string) => {
    vars.delete(k);
    vars.set(k, v);
  };
  // The container's own variables, in the kubelet's order; $(VAR) sees earlier ones and service links.
  const own = new Map<string, string>();
  const svcVars = new Map<string, string>();
  const services = refs.services().filter((s) => pod.spec?.enableServiceLinks !== false || (s.metadata.name === 'kubernetes' && s.metadata.namespace === 'default'));
  services.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  for (const s of services) for (const [k, v] of serviceEnv(s)) svcVars.set(k, v);
  const scope = new Map<string, string>(svcVars);
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = refs.configMap(from.configMapRef.name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new ConfigError(`configmap "${from.configMapRef.name}" not found`);
      }
      for (const [k, v] of Object.entries<string>(cm.data ?? {})) if (ENV_NAME.test(prefix + k)) (own.set(prefix + k, v), scope.set(prefix + k, v));
    } else if (from.secretRef) {
      const s = refs.secret(from.secretRef.name);
      if (!s) {
        if (from.secretRef.optional) continue;
        throw new ConfigError(`secret "${from.secretRef.name}" not found`);
      }
      for (const [k, v] of Object.entries<string>(s.data ?? {})) if (ENV_NAME.test(prefix + k)) (own.set(prefix + k, b64(v)), scope.set(prefix + k, b64(v)));
    }
  }
  for (const e of container.env ?? []) {
    let v: string | undefined;
    const vf = e.valueFrom;
    if (!vf) v = expandRefs(e.value ?? '', scope);
    else if (vf.configMapKeyRef) v = cmValue(refs, pod, vf.configMapKeyRef.name, vf.configMapKeyRef.key, !!vf.configMapKeyRef.optional);
    else if (vf.secretKeyRef) v = secretValue(refs, pod, vf.secretKeyRef.name, vf.secretKeyRef.key, !!vf.secretKeyRef.optional);
    else if (vf.fieldRef) v = fieldRefValue(pod, vf.fieldRef.fieldPath);
    else if (vf.resourceFieldRef) v = resourceFieldValue(pod, container.name, vf.resourceFieldRef, refs.node());
    if (v === undefined) continue;
    own.delete(e.name);
    own.set(e.name, v);
    scope.set(e.name, v);
  }
  for (const [k, v] of imageEnv) set(k, v);
  set('HOSTNAME', pod.spec?.hostNetwork ? (pod.spec?.nodeName ?? '') : (pod.spec?.hostname ?? pod.metadata.name ?? ''));
  for (const [k, v] of own) set(k, v);
  for (const [k, v] of svcVars) if (!own.has(k)) set(k, v);
  if (!vars.has('HOME')) vars.set('HOME', '/root');
  return [...vars];
}

// ---- volumes -------------------------------------------------------------------------------------------

/** A fake but well-formed service account token. */
function token(pod: KObject): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'RS256', kid: 'kubemu' })}.${enc({ aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local', sub: `system:serviceaccount:${pod.metadata.namespace}:${pod.spec?.serviceAccountName ?? 'default'}` })}.a3ViZW11LXNpZ25hdHVyZQ`;
}

function itemsOf(data: Record<string, string>, items: any[] | undefined): [string, string][] {
  if (!items?.length) return Object.entries(data);
  return items.filter((i) => i.key in data).map((i) => [i.path, data[i.key]]);
}

function checkItems(kind: 'configmap' | 'secret', name: string, data: Record<string, string>, items: any[] | undefined, optional: boolean): void {
  for (const i of items ?? []) {
    if (!(i.key in data) && !optional) throw new ConfigError(`${kind === 'configmap' ? 'configmap' : 'secret'} references non-existent config key: ${i.key}`);
  }
  void name;
}

/** The files a volume holds (relative paths), or a FailedMount error. emptyDir and friends hold none. */
export function volumeFiles(pod: KObject, vol: any, refs: Refs): Map<string, string> {
  const files = new Map<string, string>();
  if (vol.configMap) {
    const cm = refs.configMap(vol.configMap.name);
    if (!cm) {
      if (vol.configMap.optional) return files;
      throw new ConfigError(`configmap "${vol.configMap.name}" not found`);
    }
    const data = { ...(cm.data ?? {}), ...Object.fromEntries(Object.entries<string>(cm.binaryData ?? {}).map(([k, v]) => [k, b64(v)])) };
    checkItems('configmap', vol.configMap.name, data, vol.configMap.items, !!vol.configMap.optional);
    for (const [p, v] of itemsOf(data, vol.configMap.items)) files.set(p, v);
  } else if (vol.secret) {
    const s = refs.secret(vol.secret.secretName);
    if (!s) {
      if (vol.secret.optional) return files;
      throw new ConfigError(`secret "${vol.secret.secretName}" not found`);
    }
    const data = Object.fromEntries(Object.entries<string>(s.data ?? {}).map(([k, v]) => [k, b64(v)]));
    checkItems('secret', vol.secret.secretName, data, vol.secret.items, !!vol.secret.optional);
    for (const [p, v] of itemsOf(data, vol.secret.items)) files.set(p, v);
  } else if (vol.downwardAPI) {
    for (const i of vol.downwardAPI.items ?? []) {
      if (i.fieldRef) files.set(i.path, fieldRefValue(pod, i.fieldRef.fieldPath));
      else if (i.resourceFieldRef) files.set(i.path, resourceFieldValue(pod, undefined, i.resourceFieldRef, refs.node()));
    }
  } else if (vol.projected) {
    for (const src of vol.projected.sources ?? []) {
      if (src.serviceAccountToken) files.set(src.serviceAccountToken.path ?? 'token', token(pod));
      else if (src.configMap) for (const [k, v] of volumeFiles(pod, { configMap: src.configMap }, refs)) files.set(k, v);
      else if (src.secret) for (const [k, v] of volumeFiles(pod, { secret: { ...src.secret, secretName: src.secret.name } }, refs)) files.set(k, v);
      else if (src.downwardAPI) for (const [k, v] of volumeFiles(pod, { downwardAPI: src.downwardAPI }, refs)) files.set(k, v);
    }
  }
  return files;
}

/** The first volume of the pod that cannot be set up, with the kubelet's FailedMount message. */
export function mountError(pod: KObject, refs: Refs): { volume: string; message: string } | undefined {
  for (const vol of pod.spec?.volumes ?? []) {
    try {
      volumeFiles(pod, vol, refs);
    } catch (e) {
      if (e instanceof ConfigError) return { volume: vol.name, message: `MountVolume.SetUp failed for volume "${vol.name}" : ${e.message}` };
      throw e;
    }
  }
  return undefined;
}

/** Files a container sees (absolute path → content) from its volume mounts, plus which mounts are shared dirs. */
export function containerFiles(pod: KObject, container: any, refs: Refs): { files: Map<string, string>; shared: { mountPath: string; volume: string }[] } {
  const files = new Map<string, string>();
  const shared: { mountPath: string; volume: string }[] = [];
  for (const m of container.volumeMounts ?? []) {
    const vol = (pod.spec?.volumes ?? []).find((v: any) => v.name === m.name);
    if (!vol) continue;
    const mountPath = String(m.mountPath).replace(/\/+$/, '');
    if (vol.emptyDir || vol.hostPath || vol.persistentVolumeClaim || (!vol.configMap && !vol.secret && !vol.downwardAPI && !vol.projected)) {
      shared.push({ mountPath, volume: vol.name + (m.subPath ? '/' + m.subPath : '') });
      continue;
    }
    let vf: Map<string, string>;
    try {
      vf = volumeFiles(pod, vol, refs);
    } catch {
      continue;
    }
    if (m.subPath) {
      const v = vf.get(m.subPath);
      if (v !== undefined) files.set(mountPath, v);
      continue;
    }
    for (const [p, v] of vf) files.set(`${mountPath}/${p}`, v);
  }
  return { files, shared };
}
