/**
 * Validation of the other served kinds: ConfigMap, Secret, Namespace, ServiceAccount, PVC, PV, Node,
 * ResourceQuota, LimitRange, Endpoints, RBAC, NetworkPolicy, Ingress, IngressClass, PDB, PriorityClass,
 * StorageClass, HPA, Lease, EndpointSlice, ControllerRevision.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import { invalid, required, forbidden, notSupported, tooLong, duplicate } from '../errors.js';
import {
  type Errs,
  type NameFn,
  isConfigMapKey,
  isDNS1123Subdomain,
  isDNS1123Label,
  isQualifiedName,
  isValidPortNum,
  isValidPortName,
  msgsToErrs,
  nonNegative,
  immutable,
  deepEqualLoose,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateLabelSelector,
  nameIsDNSSubdomain,
  nameIsDNSLabel,
  nameIsPathSegment,
} from './primitives.js';
import { validateResourceName, validateResourceQuantityValue } from './pod.js';
import { intOrStringValue } from './workloads.js';
import { parseQuantity, formatQuantity } from '../../util/quantity.js';
import { GoLiteral, goStringSlice } from './gofmt.js';

const MAX_SECRET_SIZE = 1024 * 1024;
const IMMUTABLE_SET = 'field is immutable when `immutable` is set';
const sortedKeys = (m: any) => Object.keys(m ?? {}).sort();

/** Objects whose validation is only their metadata, with the kind's name rule. */
export const metaOnly = (nameFn: NameFn, namespaced: boolean) => ({
  validate: (o: any): Errs => validateObjectMeta(o.metadata, namespaced, nameFn),
  validateUpdate: (o: any, old: any): Errs => validateObjectMetaUpdate(o.metadata, old.metadata),
});

// ---- ConfigMap, Secret ---------------------------------------------------------------------------

function b64len(s: string): number {
  const clean = s.replace(/[\r\n]/g, '');
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0);
}

export function validateConfigMap(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  let size = 0;
  for (const k of sortedKeys(o.data)) {
    errs.push(...msgsToErrs(`data[${k}]`, k, isConfigMapKey(k)));
    if (o.binaryData && k in o.binaryData) errs.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    size += Buffer.byteLength(String(o.data[k] ?? ''));
  }
  for (const k of sortedKeys(o.binaryData)) {
    errs.push(...msgsToErrs(`binaryData[${k}]`, k, isConfigMapKey(k)));
    size += b64len(String(o.binaryData[k] ?? ''));
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLong('', '', MAX_SECRET_SIZE));
  return errs;
}

export function validateConfigMapUpdate(o: any, old: any): Errs {
  const errs = validateObjectMetaUpdate(o.metadata, old.metadata);
  if (old.immutable === true) {
    if (o.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE_SET));
    if (!sameMap(o.data, old.data)) errs.push(forbidden('data', IMMUTABLE_SET));
    if (!sameMap(o.binaryData, old.binaryData)) errs.push(forbidden('binaryData', IMMUTABLE_SET));
  }
  errs.push(...validateConfigMap(o));
  return errs;
}

function sameMap(a: any, b: any): boolean {
  const ka = sortedKeys(a);
  const kb = sortedKeys(b);
  if ((a == null) !== (b == null) && (ka.length || kb.length)) return false;
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

export function validateSecret(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  const data = o.data ?? {};
  let size = 0;
  for (const k of sortedKeys(data)) {
    errs.push(...msgsToErrs(`data[${k}]`, k, isConfigMapKey(k)));
    size += b64len(String(data[k] ?? ''));
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLong('data', '', MAX_SECRET_SIZE));
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  const decodedJson = (k: string) => {
    try {
      JSON.parse(Buffer.from(String(data[k]), 'base64').toString('utf8'));
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  switch (o.type ?? '') {
    case 'kubernetes.io/service-account-token':
      if (!o.metadata?.annotations?.['kubernetes.io/service-account.name']) errs.push(required('metadata.annotations[kubernetes.io/service-account.name]', ''));
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(required('data[.dockercfg]', ''));
      else if (decodedJson('.dockercfg')) errs.push(invalid('data[.dockercfg]', '<secret contents redacted>', 'invalid character in JSON'));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(required('data[.dockerconfigjson]', ''));
      else if (decodedJson('.dockerconfigjson')) errs.push(invalid('data[.dockerconfigjson]', '<secret contents redacted>', 'invalid character in JSON'));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(required('data[username]', ''));
        errs.push(required('data[password]', ''));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required('data[ssh-privatekey]', ''));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]', ''));
      if (!has('tls.key')) errs.push(required('data[tls.key]', ''));
      break;
    default:
      break;
  }
  return errs;
}

export function validateSecretUpdate(o: any, old: any): Errs {
  const errs = validateObjectMetaUpdate(o.metadata, old.metadata);
  errs.push(...immutable('type', o.type ?? '', old.type ?? ''));
  if (old.immutable === true) {
    if (o.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE_SET));
    if (!sameMap(o.data, old.data)) errs.push(forbidden('data', IMMUTABLE_SET));
  }
  errs.push(...validateSecret(o));
  return errs;
}

// ---- Namespace, ServiceAccount --------------------------------------------------------------------

export function validateNamespace(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, false, nameIsDNSLabel);
  for (const f of o.spec?.finalizers ?? []) errs.push(...validateFinalizerName(f, 'spec.finalizers'));
  return errs;
}

function validateFinalizerName(f: string, path: string): Errs {
  const errs = msgsToErrs(path, f, isQualifiedName(f));
  if (!f.includes('/') && f !== 'kubernetes' && !errs.length) {
    errs.push(invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

// ---- PersistentVolumeClaim, PersistentVolume -----------------------------------------------------------

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

function positiveQuantity(q: unknown, path: string): Errs {
  try {
    const p = parseQuantity(String(q));
    if (p.nanos <= 0n) return [invalid(path, formatQuantity(p), 'must be greater than zero')];
  } catch {
    return [];
  }
  return [];
}

function pvcSpec(s: any, path: string): Errs {
  const errs: Errs = [];
  const modes: string[] = s?.accessModes ?? [];
  if (!modes.length) errs.push(required(`${path}.accessModes`, 'at least 1 access mode is required'));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(`${path}.accessModes`, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) errs.push(forbidden(`${path}.accessModes`, 'may not use ReadWriteOncePod with other access modes'));
  errs.push(...validateLabelSelector(s?.selector, `${path}.selector`));
  const reqs = s?.resources?.requests ?? {};
  const sp = `${path}.resources[storage]`;
  if (!('storage' in reqs)) errs.push(required(sp, ''));
  else {
    const pos = positiveQuantity(reqs.storage, sp);
    errs.push(...(pos.length ? pos : validateResourceQuantityValue('storage', reqs.storage, sp)));
  }
  if (s?.storageClassName) errs.push(...msgsToErrs(`${path}.storageClassName`, s.storageClassName, isDNS1123Subdomain(s.storageClassName)));
  if (s?.volumeMode !== undefined && s?.volumeMode !== null && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported(`${path}.volumeMode`, s.volumeMode, VOLUME_MODES));
  return errs;
}

export function validatePVC(o: any): Errs {
  return [...validateObjectMeta(o.metadata, true, nameIsDNSSubdomain), ...pvcSpec(o.spec, 'spec')];
}

export function validatePVCUpdate(o: any, old: any): Errs {
  const errs = [...validateObjectMetaUpdate(o.metadata, old.metadata), ...pvcSpec(o.spec, 'spec')];
  const strip = (s: any) => {
    const c = structuredClone(s ?? {});
    if (old.status?.phase === 'Bound' && c.resources) delete c.resources.requests;
    // A claim may be bound once: volumeName can be set while it is still empty.
    if (!old.spec?.volumeName) delete c.volumeName;
    return c;
  };
  if (!deepEqualLoose(strip(o.spec), strip(old.spec))) {
    errs.push(forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff('core.PersistentVolumeClaimSpec', old.spec, o.spec)}`));
  }
  return errs;
}

/** A field-level go-cmp style diff of two specs. */
function specDiff(type: string, a: any, b: any): string {
  const lines = [`  ${type}{`];
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
  let same = 0;
  const cmpValue = (v: any): string => {
    if (v === undefined || v === null) return 'nil';
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v !== 'object') return String(v);
    if (Array.isArray(v)) return `{${v.map(cmpValue).join(', ')}}`;
    return `{${Object.keys(v).map((k) => `${k.charAt(0).toUpperCase() + k.slice(1)}: ${cmpValue(v[k])}`).join(', ')}}`;
  };
  for (const k of keys) {
    if (deepEqualLoose(a?.[k], b?.[k])) {
      same++;
      continue;
    }
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
    const name = k.charAt(0).toUpperCase() + k.slice(1);
    lines.push(`- \t${name}: ${cmpValue(a?.[k])},`);
    lines.push(`+ \t${name}: ${cmpValue(b?.[k])},`);
  }
  if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
  lines.push('  }');
  return lines.join('\n') + '\n';
}

const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi',
  'cinder', 'fc', 'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi',
];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];

export function validatePV(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, false, nameIsDNSSubdomain);
  const s = o.spec ?? {};
  const modes: string[] = s.accessModes ?? [];
  if (!modes.length) errs.push(required('spec.accessModes', ''));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
  const cap = s.capacity ?? {};
  if (!Object.keys(cap).length) errs.push(required('spec.capacity', ''));
  const capKeys = Object.keys(cap).sort();
  if (capKeys.some((k) => k !== 'storage')) errs.push(notSupported('spec.capacity', new GoLiteral(`core.ResourceList{...}`), ['storage']));
  for (const k of capKeys) errs.push(...validateResourceQuantityValue(k, cap[k], `spec.capacity[${k}]`));
  const rp = s.persistentVolumeReclaimPolicy;
  if (rp && !RECLAIM_POLICIES.includes(rp)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', rp, RECLAIM_POLICIES));
  if (s.storageClassName) errs.push(...msgsToErrs('spec.storageClassName', s.storageClassName, isDNS1123Subdomain(s.storageClassName)));
  let n = 0;
  for (const src of PV_SOURCES) {
    if (s[src] === undefined || s[src] === null) continue;
    if (n > 0) {
      errs.push(forbidden(`spec.${src}`, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    if (src === 'hostPath' && !s.hostPath.path) errs.push(required('spec.hostPath.path', ''));
    if (src === 'nfs') {
      if (!s.nfs.server) errs.push(required('spec.nfs.server', ''));
      if (!s.nfs.path) errs.push(required('spec.nfs.path', ''));
    }
    if (src === 'local') {
      if (!s.local.path) errs.push(required('spec.local.path', ''));
      if (!s.nodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
    }
    if (src === 'csi' && !s.csi.driver) errs.push(required('spec.csi.driver', ''));
  }
  if (n === 0) errs.push(required('spec', 'must specify a volume type'));
  if (s.volumeMode !== undefined && s.volumeMode !== null && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported('spec.volumeMode', s.volumeMode, VOLUME_MODES));
  return errs;
}

export function validatePVUpdate(o: any, old: any): Errs {
  const errs = [...validateObjectMetaUpdate(o.metadata, old.metadata), ...validatePV(o).filter((e) => !e.field.startsWith('metadata'))];
  const strip = (s: any) => {
    const c = { ...(s ?? {}) };
    for (const k of ['capacity', 'persistentVolumeReclaimPolicy', 'claimRef', 'mountOptions', 'accessModes', 'storageClassName', 'nodeAffinity', 'volumeAttributesClassName']) delete c[k];
    return c;
  };
  if (!deepEqualLoose(strip(o.spec), strip(old.spec))) {
    errs.push(forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${specDiff('core.PersistentVolumeSource', strip(old.spec), strip(o.spec))}`));
  }
  errs.push(...immutable('volumeMode', o.spec?.volumeMode, old.spec?.volumeMode));
  return errs;
}

// ---- ResourceQuota, LimitRange -----------------------------------------------------------------------

const QUOTA_RESOURCES = [
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'requests.cpu', 'requests.memory', 'requests.storage',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'cpu', 'memory', 'ephemeral-storage',
];

export function validateResourceQuota(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  const hard = o.spec?.hard ?? {};
  for (const k of sortedKeys(hard)) {
    const p = `spec.hard[${k}]`;
    const nameErrs = validateResourceName(k, p);
    errs.push(...nameErrs);
    if (!nameErrs.length && !k.includes('/') && !QUOTA_RESOURCES.includes(k) && !k.startsWith('count/') && !k.startsWith('requests.hugepages-')) {
      errs.push(invalid(p, k, 'must be a standard resource for quota'));
    }
    errs.push(...validateResourceQuantityValue(k, hard[k], p));
  }
  const scopes: string[] = o.spec?.scopes ?? [];
  const known = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];
  for (const sc of scopes) if (!known.includes(sc)) errs.push(invalid('spec.scopes', sc, 'unsupported scope'));
  return errs;
}

const LIMIT_TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];

export function validateLimitRange(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  const seen = new Set<string>();
  (o.spec?.limits ?? []).forEach((l: any, i: number) => {
    const p = `spec.limits[${i}]`;
    if (seen.has(l.type)) errs.push(duplicate(`${p}.type`, l.type));
    seen.add(l.type);
    if (!LIMIT_TYPES.includes(l.type)) errs.push(notSupported(`${p}.type`, l.type ?? '', LIMIT_TYPES));
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      for (const k of sortedKeys(l[f])) errs.push(...validateResourceName(k, `${p}.${f}[${k}]`));
    }
    for (const k of sortedKeys(l.min)) {
      if (l.max && k in l.max && qcmp(l.min[k], l.max[k]) > 0) errs.push(invalid(`${p}.min[${k}]`, qtext(l.min[k]), `min value ${qtext(l.min[k])} is greater than max value ${qtext(l.max[k])}`));
    }
    for (const k of sortedKeys(l.defaultRequest)) {
      if (l.max && k in l.max && qcmp(l.defaultRequest[k], l.max[k]) > 0) {
        errs.push(invalid(`${p}.defaultRequest[${k}]`, qtext(l.defaultRequest[k]), `default request value ${qtext(l.defaultRequest[k])} is greater than max value ${qtext(l.max[k])}`));
      }
      if (l.default && k in l.default && qcmp(l.defaultRequest[k], l.default[k]) > 0) {
        errs.push(invalid(`${p}.defaultRequest[${k}]`, qtext(l.defaultRequest[k]), `default request value ${qtext(l.defaultRequest[k])} is greater than default limit value ${qtext(l.default[k])}`));
      }
    }
    for (const k of sortedKeys(l.default)) {
      if (l.max && k in l.max && qcmp(l.default[k], l.max[k]) > 0) errs.push(invalid(`${p}.default[${k}]`, qtext(l.default[k]), `default value ${qtext(l.default[k])} is greater than max value ${qtext(l.max[k])}`));
      if (l.min && k in l.min && qcmp(l.min[k], l.default[k]) > 0) errs.push(invalid(`${p}.default[${k}]`, qtext(l.default[k]), `min value ${qtext(l.min[k])} is greater than default value ${qtext(l.default[k])}`));
    }
  });
  return errs;
}

function qcmp(a: unknown, b: unknown): number {
  try {
    const x = parseQuantity(String(a)).nanos;
    const y = parseQuantity(String(b)).nanos;
    return x < y ? -1 : x > y ? 1 : 0;
  } catch {
    return 0;
  }
}

function qtext(q: unknown): string {
  try {
    return formatQuantity(parseQuantity(String(q)));
  } catch {
    return String(q);
  }
}

// ---- RBAC -----------------------------------------------------------------------------------------

function policyRule(r: any, namespaced: boolean, path: string): Errs {
  const errs: Errs = [];
  if (!(r?.verbs ?? []).length) errs.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
  if ((r?.nonResourceURLs ?? []).length) {
    if (namespaced) errs.push(invalid(`${path}.nonResourceURLs`, new GoLiteral(goStringSlice(r.nonResourceURLs)), 'namespaced rules cannot apply to non-resource URLs'));
    if ((r.apiGroups ?? []).length || (r.resources ?? []).length || (r.resourceNames ?? []).length) {
      errs.push(invalid(`${path}.nonResourceURLs`, new GoLiteral(goStringSlice(r.nonResourceURLs)), 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (!(r?.apiGroups ?? []).length) errs.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (!(r?.resources ?? []).length) errs.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

export function validateRole(o: any, namespaced: boolean): Errs {
  const errs = validateObjectMeta(o.metadata, namespaced, nameIsPathSegment);
  (o.rules ?? []).forEach((r: any, i: number) => errs.push(...policyRule(r, namespaced, `rules[${i}]`)));
  if (!namespaced && o.aggregationRule) {
    if (!(o.aggregationRule.clusterRoleSelectors ?? []).length) errs.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    (o.aggregationRule.clusterRoleSelectors ?? []).forEach((s: any, i: number) => errs.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`)));
  }
  return errs;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function subject(s: any, namespaced: boolean, path: string): Errs {
  const errs: Errs = [];
  if (!s?.name) errs.push(required(`${path}.name`, ''));
  switch (s?.kind) {
    case 'ServiceAccount':
      if (s.name) errs.push(...msgsToErrs(`${path}.name`, s.name, isDNS1123Subdomain(s.name)));
      if (s.apiGroup) errs.push(notSupported(`${path}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(required(`${path}.namespace`, ''));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(`${path}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(`${path}.kind`, s?.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

export function validateRoleBinding(o: any, namespaced: boolean): Errs {
  const errs = validateObjectMeta(o.metadata, namespaced, nameIsPathSegment);
  const ref = o.roleRef ?? {};
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name', ''));
  else errs.push(...msgsToErrs('roleRef.name', ref.name, nameIsPathSegment(ref.name, false)));
  (o.subjects ?? []).forEach((s: any, i: number) => errs.push(...subject(s, namespaced, `subjects[${i}]`)));
  return errs;
}

export function validateRoleBindingUpdate(o: any, old: any, namespaced: boolean): Errs {
  const errs = [...validateRoleBinding(o, namespaced), ...validateObjectMetaUpdate(o.metadata, old.metadata)];
  const a = o.roleRef ?? {};
  const b = old.roleRef ?? {};
  if (a.apiGroup !== b.apiGroup || a.kind !== b.kind || a.name !== b.name) {
    errs.push(invalid('roleRef', new GoLiteral(`rbac.RoleRef{APIGroup:${JSON.stringify(a.apiGroup ?? '')}, Kind:${JSON.stringify(a.kind ?? '')}, Name:${JSON.stringify(a.name ?? '')}}`), 'cannot change roleRef'));
  }
  return errs;
}

// ---- networking -------------------------------------------------------------------------------------

function isValidCIDR(v: string): boolean {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(v);
  if (m) return m[1].split('.').every((x) => Number(x) <= 255) && Number(m[2]) <= 32;
  return /^[0-9a-fA-F:]+\/\d{1,3}$/.test(v) && v.includes(':');
}

function netpolPort(p: any, path: string): Errs {
  const errs: Errs = [];
  if (p.protocol !== undefined && p.protocol !== null && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, ['TCP', 'UDP', 'SCTP']));
  if (p.port !== undefined && p.port !== null) {
    if (typeof p.port === 'number') errs.push(...msgsToErrs(`${path}.port`, p.port, isValidPortNum(p.port)));
    else {
      errs.push(...msgsToErrs(`${path}.port`, p.port, isValidPortName(p.port)));
      if (p.endPort !== undefined && p.endPort !== null) errs.push(forbidden(`${path}.endPort`, 'may not be specified when `port` is non-numeric'));
    }
    if (typeof p.port === 'number' && typeof p.endPort === 'number') {
      if (p.endPort < p.port) errs.push(invalid(`${path}.endPort`, p.endPort, 'must be greater than or equal to `port`'));
      errs.push(...msgsToErrs(`${path}.endPort`, p.endPort, isValidPortNum(p.endPort)));
    }
  } else if (p.endPort !== undefined && p.endPort !== null) errs.push(required(`${path}.port`, 'must be specified when `endPort` is specified'));
  return errs;
}

function netpolPeer(peer: any, path: string): Errs {
  const errs: Errs = [];
  let n = 0;
  if (peer.podSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, `${path}.podSelector`));
  }
  if (peer.namespaceSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${path}.namespaceSelector`));
  }
  if (peer.ipBlock) {
    n++;
    const ib = peer.ipBlock;
    if (!ib.cidr) errs.push(required(`${path}.ipBlock.cidr`, ''));
    else if (!isValidCIDR(ib.cidr)) errs.push(invalid(`${path}.ipBlock.cidr`, ib.cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    (ib.except ?? []).forEach((e: string, i: number) => {
      if (!isValidCIDR(e)) errs.push(invalid(`${path}.ipBlock.except[${i}]`, e, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    });
  }
  if (n === 0) errs.push(required(path, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock) errs.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

export function validateNetworkPolicy(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  const s = o.spec ?? {};
  errs.push(...validateLabelSelector(s.podSelector ?? {}, 'spec.podSelector'));
  (s.ingress ?? []).forEach((r: any, i: number) => {
    (r.ports ?? []).forEach((p: any, j: number) => errs.push(...netpolPort(p, `spec.ingress[${i}].ports[${j}]`)));
    (r.from ?? []).forEach((p: any, j: number) => errs.push(...netpolPeer(p, `spec.ingress[${i}].from[${j}]`)));
  });
  (s.egress ?? []).forEach((r: any, i: number) => {
    (r.ports ?? []).forEach((p: any, j: number) => errs.push(...netpolPort(p, `spec.egress[${i}].ports[${j}]`)));
    (r.to ?? []).forEach((p: any, j: number) => errs.push(...netpolPeer(p, `spec.egress[${i}].to[${j}]`)));
  });
  const types: string[] = s.policyTypes ?? [];
  if (types.length > 2) errs.push(invalid('spec.policyTypes', new GoLiteral(`&[]networking.PolicyType{${types.map((t) => JSON.stringify(t)).join(', ')}}`), 'may not specify more than two policyTypes'));
  else types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
  });
  return errs;
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function ingressBackend(b: any, path: string): Errs {
  const errs: Errs = [];
  const hasR = !!b?.resource;
  const hasS = !!b?.service;
  if (hasR && hasS) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (hasR) {
    if (!b.resource.kind) errs.push(required(`${path}.resource.kind`, ''));
    if (!b.resource.name) errs.push(required(`${path}.resource.name`, ''));
    return errs;
  }
  if (!hasS) return [invalid(path, '', 'resource or service backend is required')];
  const svc = b.service;
  if (!svc.name) errs.push(required(`${path}.service.name`, ''));
  else errs.push(...msgsToErrs(`${path}.service.name`, svc.name, dns1035(svc.name)));
  const hasName = !!svc.port?.name;
  const hasNum = !!svc.port?.number;
  if (hasName && hasNum) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (hasName) errs.push(...msgsToErrs(`${path}.service.port.name`, svc.port.name, isValidPortName(svc.port.name)));
  else if (hasNum) errs.push(...msgsToErrs(`${path}.service.port.number`, svc.port.number, isValidPortNum(svc.port.number)));
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

function dns1035(n: string): string[] {
  const errs: string[] = [];
  if (n.length > 63) errs.push('must be no more than 63 characters');
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(n)) {
    errs.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return errs;
}

export function validateIngress(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  const s = o.spec ?? {};
  const rules: any[] = s.rules ?? [];
  if (!rules.length && !s.defaultBackend) {
    errs.push(invalid('spec', new GoLiteral(rules.length || s.rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'));
  }
  if (s.defaultBackend) errs.push(...ingressBackend(s.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((r: any, i: number) => {
    const rp = `spec.rules[${i}]`;
    if (r.host) {
      if (/^\d{1,3}(\.\d{1,3}){3}$/.test(r.host) || r.host.includes(':')) errs.push(invalid(`${rp}.host`, r.host, 'must be a DNS name, not an IP address'));
      if (r.host.includes('*')) {
        const rest = r.host.startsWith('*.') ? r.host.slice(2) : '';
        if (!rest || isDNS1123Subdomain(rest).length) {
          errs.push(
            invalid(
              `${rp}.host`,
              r.host,
              "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ),
          );
        }
        return;
      }
      errs.push(...msgsToErrs(`${rp}.host`, r.host, isDNS1123Subdomain(r.host)));
    }
    if (r.http) {
      // The API server names every rule's paths under rules[0] (its own quirk).
      const hp = 'spec.rules[0].http';
      const paths: any[] = r.http.paths ?? [];
      if (!paths.length) errs.push(required(`${hp}.paths`, ''));
      paths.forEach((p: any, j: number) => {
        const pp = `${hp}.paths[${j}]`;
        if (p.pathType === undefined || p.pathType === null) errs.push(required(`${pp}.pathType`, 'pathType must be specified'));
        else if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
          const pt: string = p.path ?? '';
          if (!pt.startsWith('/')) errs.push(invalid(`${pp}.path`, pt, 'must be an absolute path'));
          if (pt.length) {
            for (const seq of ['//', '/./', '/../', '%2f', '%2F']) if (pt.includes(seq)) errs.push(invalid(`${pp}.path`, pt, `must not contain '${seq}'`));
            for (const suf of ['/..', '/.']) if (pt.endsWith(suf)) errs.push(invalid(`${pp}.path`, pt, `cannot end with '${suf}'`));
          }
        } else if (p.pathType === 'ImplementationSpecific') {
          if (p.path && !p.path.startsWith('/')) errs.push(invalid(`${pp}.path`, p.path, 'must be an absolute path'));
        } else errs.push(notSupported(`${pp}.pathType`, p.pathType, PATH_TYPES));
        errs.push(...ingressBackend(p.backend, `${pp}.backend`));
      });
    }
  });
  if (s.ingressClassName) errs.push(...msgsToErrs('spec.ingressClassName', s.ingressClassName, isDNS1123Subdomain(s.ingressClassName)));
  (s.tls ?? []).forEach((t: any, i: number) => (t.hosts ?? []).forEach((h: string, j: number) => {
    if (!h.includes('*')) errs.push(...msgsToErrs(`spec.tls[${i}].hosts[${j}]`, h, isDNS1123Subdomain(h)));
  }));
  return errs;
}

export function validateIngressClass(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, false, nameIsDNSSubdomain);
  const c = o.spec?.controller ?? '';
  if (!c) errs.push(required('spec.controller', ''));
  else if (c.length > 250) errs.push(tooLong('spec.controller', '', 250));
  else {
    const parts = c.split('/');
    if (parts.length < 2 || isDNS1123Subdomain(parts[0]).length) errs.push(invalid('spec.controller', c, 'must be a domain-prefixed path (such as "acme.io/foo")'));
  }
  return errs;
}

export function validateIngressClassUpdate(o: any, old: any): Errs {
  return [...validateIngressClass(o).filter((e) => !e.field.startsWith('metadata')), ...validateObjectMetaUpdate(o.metadata, old.metadata), ...immutable('spec.controller', o.spec?.controller, old.spec?.controller)];
}

// ---- policy, scheduling, storage, autoscaling --------------------------------------------------------

export function validatePDB(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  const s = o.spec ?? {};
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(s.minAvailable) && has(s.maxUnavailable)) errs.push(invalid('spec', new GoLiteral('policy.PodDisruptionBudgetSpec{...}'), 'minAvailable and maxUnavailable cannot be both set'));
  for (const f of ['minAvailable', 'maxUnavailable']) {
    const v = s[f];
    if (!has(v)) continue;
    if (typeof v === 'string') {
      if (!/^[0-9]+%$/.test(v)) errs.push(invalid(`spec.${f}`, intOrStringValue(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
      else if (parseInt(v, 10) > 100) errs.push(invalid(`spec.${f}`, intOrStringValue(v), 'must not be greater than 100%'));
    } else if (typeof v === 'number' && v < 0) errs.push(invalid(`spec.${f}`, v, 'must be greater than or equal to 0'));
  }
  errs.push(...validateLabelSelector(s.selector, 'spec.selector'));
  if (has(s.unhealthyPodEvictionPolicy) && !['AlwaysAllow', 'IfHealthyBudget'].includes(s.unhealthyPodEvictionPolicy)) {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', s.unhealthyPodEvictionPolicy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return errs;
}

const HIGHEST_USER_PRIORITY = 1000000000;
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 };

export function validatePriorityClass(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, false, nameIsDNSSubdomain);
  const name: string = o.metadata?.name ?? '';
  if (name.startsWith('system-')) {
    const want = SYSTEM_PRIORITY_CLASSES[name];
    let why = '';
    if (want === undefined) why = `${name} is not a known system priority class`;
    else if (want !== o.value) why = `value of ${name} PriorityClass must be ${want}`;
    else if (o.globalDefault) why = `globalDefault must be false for ${name} PriorityClass`;
    if (why) errs.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`));
  } else if ((o.value ?? 0) > HIGHEST_USER_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  if (o.preemptionPolicy !== undefined && o.preemptionPolicy !== null && !['PreemptLowerPriority', 'Never'].includes(o.preemptionPolicy)) {
    errs.push(notSupported('preemptionPolicy', o.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

export function validatePriorityClassUpdate(o: any, old: any): Errs {
  const errs = validateObjectMetaUpdate(o.metadata, old.metadata);
  if ((o.value ?? 0) !== (old.value ?? 0)) errs.push(forbidden('value', 'may not be changed in an update.'));
  errs.push(...immutable('preemptionPolicy', o.preemptionPolicy, old.preemptionPolicy));
  return errs;
}

export function validateStorageClass(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, false, nameIsDNSSubdomain);
  const p: string = o.provisioner ?? '';
  if (!p) errs.push(required('provisioner', ''));
  else errs.push(...msgsToErrs('provisioner', p.toLowerCase(), isQualifiedName(p.toLowerCase())));
  if (o.reclaimPolicy && !RECLAIM_POLICIES.includes(o.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', o.reclaimPolicy, RECLAIM_POLICIES));
  const vbm = o.volumeBindingMode;
  if (vbm === undefined || vbm === null) errs.push(required('volumeBindingMode', ''));
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(vbm)) errs.push(notSupported('volumeBindingMode', vbm, ['Immediate', 'WaitForFirstConsumer']));
  return errs;
}

export function validateStorageClassUpdate(o: any, old: any): Errs {
  const errs = [...validateObjectMetaUpdate(o.metadata, old.metadata)];
  if (!deepEqualLoose(o.parameters, old.parameters)) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (o.provisioner !== old.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (o.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  errs.push(...immutable('volumeBindingMode', o.volumeBindingMode, old.volumeBindingMode));
  errs.push(...validateStorageClass(o).filter((e) => !e.field.startsWith('metadata')));
  return errs;
}

export function validateHPA(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  const s = o.spec ?? {};
  if (typeof s.minReplicas === 'number' && s.minReplicas < 1) errs.push(invalid('spec.minReplicas', s.minReplicas, 'must be greater than or equal to 1'));
  if ((s.maxReplicas ?? 0) < 1) errs.push(invalid('spec.maxReplicas', s.maxReplicas ?? 0, 'must be greater than 0'));
  if (typeof s.minReplicas === 'number' && (s.maxReplicas ?? 0) < s.minReplicas) errs.push(invalid('spec.maxReplicas', s.maxReplicas ?? 0, 'must be greater than or equal to `minReplicas`'));
  const ref = s.scaleTargetRef ?? {};
  if (!ref.kind) errs.push(required('spec.scaleTargetRef.kind', ''));
  else errs.push(...msgsToErrs('spec.scaleTargetRef.kind', ref.kind, nameIsPathSegment(ref.kind, false)));
  if (!ref.name) errs.push(required('spec.scaleTargetRef.name', ''));
  else errs.push(...msgsToErrs('spec.scaleTargetRef.name', ref.name, nameIsPathSegment(ref.name, false)));
  if (typeof s.targetCPUUtilizationPercentage === 'number' && s.targetCPUUtilizationPercentage < 1) {
    errs.push(invalid('spec.targetCPUUtilizationPercentage', s.targetCPUUtilizationPercentage, 'must be greater than 0'));
  }
  (s.metrics ?? []).forEach((m: any, i: number) => {
    const mp = `spec.metrics[${i}]`;
    const types = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
    if (!m.type) errs.push(required(`${mp}.type`, 'must specify a metric source type'));
    else if (!types.includes(m.type)) errs.push(notSupported(`${mp}.type`, m.type, types));
    if (m.type === 'Resource') {
      if (!m.resource) errs.push(required(`${mp}.resource`, 'must populate information for the given metric source'));
      else {
        if (!m.resource.name) errs.push(required(`${mp}.resource.name`, 'must specify a resource name'));
        const t = m.resource.target ?? {};
        const tt = ['AverageValue', 'Utilization', 'Value'];
        if (!t.type) errs.push(required(`${mp}.resource.target.type`, 'must specify a metric target type'));
        else if (!tt.includes(t.type)) errs.push(notSupported(`${mp}.resource.target.type`, t.type, tt));
        if (typeof t.averageUtilization === 'number' && t.averageUtilization < 1) errs.push(invalid(`${mp}.resource.target.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
      }
    }
  });
  return errs;
}

export function validateLease(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  const s = o.spec ?? {};
  if (typeof s.leaseDurationSeconds === 'number' && s.leaseDurationSeconds <= 0) errs.push(invalid('spec.leaseDurationSeconds', s.leaseDurationSeconds, 'must be greater than 0'));
  errs.push(...nonNegative('spec.leaseTransitions', s.leaseTransitions));
  return errs;
}

export function validateEndpointSlice(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  const types = ['FQDN', 'IPv4', 'IPv6'];
  if (!types.includes(o.addressType)) errs.push(notSupported('addressType', o.addressType ?? '', types));
  return errs;
}

export function validateControllerRevision(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  if (o.data === undefined || o.data === null) errs.push(required('data', 'data is mandatory'));
  errs.push(...nonNegative('revision', o.revision));
  return errs;
}

export function validateEndpoints(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  (o.subsets ?? []).forEach((ss: any, i: number) => {
    const sp = `subsets[${i}]`;
    if (!(ss.addresses ?? []).length && !(ss.notReadyAddresses ?? []).length) {
      errs.push(required(sp, 'must specify `addresses` or `notReadyAddresses`'));
    }
    (ss.ports ?? []).forEach((p: any, j: number) => {
      const pp = `${sp}.ports[${j}]`;
      if ((ss.ports ?? []).length > 1 && !p.name) errs.push(required(`${pp}.name`, ''));
      else if (p.name) errs.push(...msgsToErrs(`${pp}.name`, p.name, isDNS1123Label(p.name)));
      errs.push(...msgsToErrs(`${pp}.port`, p.port ?? 0, isValidPortNum(p.port ?? 0)));
      if (!p.protocol) errs.push(required(`${pp}.protocol`, ''));
      else if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    });
  });
  return errs;
}

export function validateNode(o: any): Errs {
  const errs = validateObjectMeta(o.metadata, false, nameIsDNSSubdomain);
  (o.spec?.taints ?? []).forEach((t: any, i: number) => {
    const tp = `spec.taints[${i}]`;
    errs.push(...msgsToErrs(`${tp}.key`, t.key ?? '', isQualifiedName(t.key ?? '')));
    if (t.value) {
      const m = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(t.value) && t.value.length <= 63;
      if (!m) errs.push(invalid(`${tp}.value`, t.value, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
    }
    if (!t.effect) errs.push(required(`${tp}.effect`, ''));
    else if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) errs.push(notSupported(`${tp}.effect`, t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  });
  return errs;
}

export { nameIsDNSSubdomain, nameIsDNSLabel, nameIsPathSegment };
