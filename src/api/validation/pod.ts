/**
 * Pod and pod template validation (pkg/apis/core/validation: ValidatePodSpec and what it calls), in the
 * order the API server reports errors.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import { FieldError, invalid, required, forbidden, duplicate, notFound, notSupported } from '../errors.js';
import { parseQuantity, QuantityError, formatQuantity } from '../../util/quantity.js';
import {
  type Errs,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPortNum,
  isValidPortName,
  isConfigMapKey,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isQualifiedName,
  msgsToErrs,
  nonNegative,
  inclusiveRangeError,
  validateLabels,
  validateAnnotations,
  validateLabelName,
  validateLabelSelector,
  nameIsDNSSubdomain,
  IS_NEGATIVE,
} from './primitives.js';
import { GoLiteral } from './gofmt.js';

const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';

const dns1123Label = (v: string, path: string) => msgsToErrs(path, v, isDNS1123Label(v));
const dns1123Subdomain = (v: string, path: string) => msgsToErrs(path, v, isDNS1123Subdomain(v));

// ---- volumes --------------------------------------------------------------------------------------

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gitRepo', 'awsElasticBlockStore', 'gcePersistentDisk', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

function validateFileMode(mode: unknown, path: string): Errs {
  if (typeof mode === 'number' && (mode > 0o777 || mode < 0)) return [invalid(path, mode, FILE_MODE_MSG)];
  return [];
}

function validateLocalNonReservedPath(p: string, path: string): Errs {
  const errs = validateLocalDescendingPath(p, path);
  if (p.startsWith('..')) errs.push(invalid(path, p, "must not start with '..'"));
  return errs;
}

function validateLocalDescendingPath(p: string, path: string): Errs {
  const errs: Errs = [];
  if (p.startsWith('/')) errs.push(invalid(path, p, 'must be a relative path'));
  if (p.split(/[\\/]/).includes('..')) errs.push(invalid(path, p, "must not contain '..'"));
  return errs;
}

function validateKeyToPaths(items: any[] | undefined, path: string): Errs {
  const errs: Errs = [];
  (items ?? []).forEach((kp: any, i: number) => {
    const ip = `${path}[${i}]`;
    if (!kp.key) errs.push(required(`${ip}.key`, ''));
    if (!kp.path) errs.push(required(`${ip}.path`, ''));
    errs.push(...validateLocalNonReservedPath(kp.path ?? '', `${ip}.path`));
    errs.push(...validateFileMode(kp.mode, `${ip}.mode`));
  });
  return errs;
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateVolumeSource(v: any, path: string): Errs {
  const errs: Errs = [];
  let n = 0;
  for (const src of VOLUME_SOURCES) {
    if (v[src] === undefined || v[src] === null) continue;
    if (n > 0) {
      errs.push(forbidden(`${path}.${src}`, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    const s = v[src];
    const sp = `${path}.${src}`;
    switch (src) {
      case 'hostPath':
        if (!s.path) errs.push(required(`${sp}.path`, ''));
        else errs.push(...validatePathNoBacksteps(s.path, `${sp}.path`));
        if (s.type !== undefined && s.type !== null && !HOST_PATH_TYPES.includes(s.type)) errs.push(notSupported(`${sp}.type`, s.type, HOST_PATH_TYPES));
        break;
      case 'emptyDir':
        if (s.sizeLimit !== undefined && s.sizeLimit !== null && quantitySign(s.sizeLimit) < 0) errs.push(forbidden(`${sp}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
        break;
      case 'secret':
        if (!s.secretName) errs.push(required(`${sp}.secretName`, ''));
        errs.push(...validateFileMode(s.defaultMode, `${sp}.defaultMode`));
        errs.push(...validateKeyToPaths(s.items, `${sp}.items`));
        break;
      case 'configMap':
        if (!s.name) errs.push(required(`${sp}.name`, ''));
        errs.push(...validateFileMode(s.defaultMode, `${sp}.defaultMode`));
        errs.push(...validateKeyToPaths(s.items, `${sp}.items`));
        break;
      case 'persistentVolumeClaim':
        if (!s.claimName) errs.push(required(`${sp}.claimName`, ''));
        break;
      case 'nfs':
        if (!s.server) errs.push(required(`${sp}.server`, ''));
        if (!s.path) errs.push(required(`${sp}.path`, ''));
        else if (!String(s.path).startsWith('/')) errs.push(invalid(`${sp}.path`, s.path, 'must be an absolute path'));
        break;
      case 'downwardAPI':
        errs.push(...validateFileMode(s.defaultMode, `${sp}.defaultMode`));
        break;
      case 'projected':
        errs.push(...validateFileMode(s.defaultMode, `${sp}.defaultMode`));
        break;
      case 'csi':
        if (!s.driver) errs.push(required(`${sp}.driver`, ''));
        break;
      default:
        break;
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

function validatePathNoBacksteps(p: string, path: string): Errs {
  return p.split(/[\\/]/).includes('..') ? [invalid(path, p, "must not contain '..'")] : [];
}

function quantitySign(q: unknown): number {
  try {
    const n = parseQuantity(String(q)).nanos;
    return n < 0n ? -1 : n > 0n ? 1 : 0;
  } catch {
    return 0;
  }
}

/** ValidateVolumes: the volumes that validated, by name, and the errors. */
function validateVolumes(volumes: any[] | undefined, path: string): [Map<string, any>, Errs] {
  const errs: Errs = [];
  const names = new Set<string>();
  const vols = new Map<string, any>();
  (volumes ?? []).forEach((vol: any, i: number) => {
    const ip = `${path}[${i}]`;
    const np = `${ip}.name`;
    const el = validateVolumeSource(vol ?? {}, ip);
    if (!vol?.name) el.push(required(np, ''));
    else el.push(...dns1123Label(vol.name, np));
    if (names.has(vol?.name)) el.push(duplicate(np, vol.name));
    if (!el.length) {
      names.add(vol.name);
      vols.set(vol.name, vol);
    } else errs.push(...el);
  });
  return [vols, errs];
}

// ---- containers ---------------------------------------------------------------------------------

function validateContainerPorts(ports: any[] | undefined, path: string): Errs {
  const errs: Errs = [];
  const names = new Set<string>();
  (ports ?? []).forEach((p: any, i: number) => {
    const ip = `${path}[${i}]`;
    if (p.name) {
      const msgs = isValidPortName(p.name);
      if (msgs.length) errs.push(...msgsToErrs(`${ip}.name`, p.name, msgs));
      else if (names.has(p.name)) errs.push(duplicate(`${ip}.name`, p.name));
      else names.add(p.name);
    }
    if (!p.containerPort) errs.push(required(`${ip}.containerPort`, ''));
    else errs.push(...msgsToErrs(`${ip}.containerPort`, p.containerPort, isValidPortNum(p.containerPort)));
    if (p.hostPort) errs.push(...msgsToErrs(`${ip}.hostPort`, p.hostPort, isValidPortNum(p.hostPort)));
    if (!p.protocol) errs.push(required(`${ip}.protocol`, ''));
    else if (!SUPPORTED_PORT_PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${ip}.protocol`, p.protocol, SUPPORTED_PORT_PROTOCOLS));
  });
  return errs;
}

const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function validateObjectFieldSelector(fs: any, path: string): Errs {
  if (!fs.apiVersion) return [required(`${path}.apiVersion`, '')];
  if (!fs.fieldPath) return [required(`${path}.fieldPath`, '')];
  const m = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fs.fieldPath);
  if (m) {
    const key = m[1] === 'metadata.annotations' ? m[2].toLowerCase() : m[2];
    return msgsToErrs(path, key, isQualifiedName(key));
  }
  if (!ENV_FIELD_PATHS.includes(fs.fieldPath)) return [notSupported(`${path}.fieldPath`, fs.fieldPath, ENV_FIELD_PATHS)];
  return [];
}

function validateKeySelector(s: any, path: string): Errs {
  const errs = msgsToErrs(`${path}.name`, s.name ?? '', nameIsDNSSubdomain(s.name ?? '', false));
  if (!s.key) errs.push(required(`${path}.key`, ''));
  else errs.push(...msgsToErrs(`${path}.key`, s.key, isConfigMapKey(s.key)));
  return errs;
}

function validateEnv(env: any[] | undefined, path: string): Errs {
  const errs: Errs = [];
  (env ?? []).forEach((ev: any, i: number) => {
    const ip = `${path}[${i}]`;
    if (!ev.name) errs.push(required(`${ip}.name`, ''));
    else errs.push(...msgsToErrs(`${ip}.name`, ev.name, isRelaxedEnvVarName(ev.name)));
    const vf = ev.valueFrom;
    if (!vf) return;
    const vp = `${ip}.valueFrom`;
    let n = 0;
    if (vf.fieldRef) {
      n++;
      errs.push(...validateObjectFieldSelector(vf.fieldRef, `${vp}.fieldRef`));
    }
    if (vf.resourceFieldRef) {
      n++;
      const r = vf.resourceFieldRef;
      if (!r.resource) errs.push(required(`${vp}.resourceFieldRef.resource`, ''));
      else if (!RESOURCE_FIELD_PATHS.includes(r.resource) && !/^(requests|limits)\.hugepages-/.test(r.resource)) {
        errs.push(notSupported(`${vp}.resourceFieldRef.resource`, r.resource, RESOURCE_FIELD_PATHS));
      }
    }
    if (vf.configMapKeyRef) {
      n++;
      errs.push(...validateKeySelector(vf.configMapKeyRef, `${vp}.configMapKeyRef`));
    }
    if (vf.secretKeyRef) {
      n++;
      errs.push(...validateKeySelector(vf.secretKeyRef, `${vp}.secretKeyRef`));
    }
    if (n === 0) errs.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (ev.value) errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
    else if (n > 1) errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateEnvFrom(envFrom: any[] | undefined, path: string): Errs {
  const errs: Errs = [];
  (envFrom ?? []).forEach((ev: any, i: number) => {
    const ip = `${path}[${i}]`;
    if (ev.prefix) errs.push(...msgsToErrs(`${ip}.prefix`, ev.prefix, isRelaxedEnvVarName(ev.prefix)));
    let n = 0;
    for (const [k, p] of [['configMapRef', 'configMapRef'], ['secretRef', 'secretRef']] as const) {
      const ref = ev[k];
      if (!ref) continue;
      n++;
      if (!ref.name) errs.push(required(`${ip}.${p}.name`, ''));
      else errs.push(...msgsToErrs(`${ip}.${p}.name`, ref.name, nameIsDNSSubdomain(ref.name, true)));
    }
    if (n === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: any[] | undefined, vols: Map<string, any>, path: string): Errs {
  const errs: Errs = [];
  const points = new Set<string>();
  (mounts ?? []).forEach((m: any, i: number) => {
    const ip = `${path}[${i}]`;
    if (!m.name) errs.push(required(`${ip}.name`, ''));
    if (!vols.has(m.name)) errs.push(notFound(`${ip}.name`, m.name ?? ''));
    if (!m.mountPath) errs.push(required(`${ip}.mountPath`, ''));
    if (points.has(m.mountPath)) errs.push(invalid(`${ip}.mountPath`, m.mountPath, 'must be unique'));
    points.add(m.mountPath);
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, `${path}.subPath`));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(invalid(`${ip}.subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(m.subPathExpr, `${path}.subPathExpr`));
    }
  });
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const STANDARD_RESOURCES = [
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets',
  'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers', 'requests.storage', 'storage',
];
const INTEGER_RESOURCES = ['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers'];

export function validateResourceName(name: string, path: string): Errs {
  const errs = msgsToErrs(path, name, isQualifiedName(name));
  if (errs.length) return errs;
  if (!name.includes('/') && !name.startsWith('hugepages-') && !STANDARD_RESOURCES.includes(name)) {
    errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

function validateContainerResourceName(name: string, path: string): Errs {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!name.startsWith('kubernetes.io/') && !name.includes('.kubernetes.io/')) {
    if (name.startsWith('requests.')) errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuantityValue: not negative, and whole numbers for countable resources. */
export function validateResourceQuantityValue(name: string, q: unknown, path: string): Errs {
  const errs: Errs = [];
  let parsed;
  try {
    parsed = parseQuantity(String(q));
  } catch (e) {
    if (e instanceof QuantityError) return [];
    throw e;
  }
  const text = formatQuantity(parsed);
  if (parsed.nanos < 0n) errs.push(invalid(path, text, IS_NEGATIVE));
  if (INTEGER_RESOURCES.includes(name) && parsed.nanos % 1_000_000_000n !== 0n) errs.push(invalid(path, text, 'must be an integer'));
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

const qtext = (q: unknown) => {
  try {
    return formatQuantity(parseQuantity(String(q)));
  } catch {
    return String(q);
  }
};

function validateResourceRequirements(res: any, path: string): Errs {
  const errs: Errs = [];
  const lp = `${path}.limits`;
  const rp = `${path}.requests`;
  const limits = res?.limits ?? {};
  const requests = res?.requests ?? {};
  const overcommit = (n: string) => !(n.startsWith('hugepages-') || (n.includes('/') && !n.includes('kubernetes.io/')));
  for (const n of Object.keys(limits).sort()) {
    errs.push(...validateContainerResourceName(n, `${lp}[${n}]`));
    errs.push(...validateResourceQuantityValue(n, limits[n], `${lp}[${n}]`));
  }
  for (const n of Object.keys(requests).sort()) {
    errs.push(...validateContainerResourceName(n, `${rp}[${n}]`));
    errs.push(...validateResourceQuantityValue(n, requests[n], `${rp}[${n}]`));
    if (n in limits) {
      if (qcmp(requests[n], limits[n]) !== 0 && !overcommit(n)) {
        errs.push(invalid(rp, qtext(requests[n]), `must be equal to ${n} limit of ${qtext(limits[n])}`));
      } else if (qcmp(requests[n], limits[n]) > 0) {
        errs.push(invalid(rp, qtext(requests[n]), `must be less than or equal to ${n} limit of ${qtext(limits[n])}`));
      }
    } else if (!overcommit(n)) {
      errs.push(required(lp, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

function validatePortNumOrName(port: unknown, path: string): Errs {
  if (typeof port === 'number') return msgsToErrs(path, port, isValidPortNum(port));
  if (typeof port === 'string') return msgsToErrs(path, port, isValidPortName(port));
  return msgsToErrs(path, 0, isValidPortNum(0));
}

function validateHandler(h: any, path: string, kinds: string[], grace: number | undefined): Errs {
  const errs: Errs = [];
  let n = 0;
  for (const k of kinds) {
    const s = h?.[k];
    if (s === undefined || s === null) continue;
    if (n > 0) {
      errs.push(forbidden(`${path}.${k}`, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const sp = `${path}.${k}`;
    if (k === 'exec' && !(s.command?.length)) errs.push(required(`${sp}.command`, ''));
    if (k === 'httpGet') {
      if (!s.path) errs.push(required(`${sp}.path`, ''));
      errs.push(...validatePortNumOrName(s.port, `${sp}.port`));
      if (!['HTTP', 'HTTPS'].includes(s.scheme)) errs.push(notSupported(`${sp}.scheme`, s.scheme ?? '', ['HTTP', 'HTTPS']));
    }
    if (k === 'tcpSocket') errs.push(...validatePortNumOrName(s.port, `${sp}.port`));
    if (k === 'grpc') errs.push(...validatePortNumOrName(s.port ?? 0, `${sp}.port`));
    if (k === 'sleep' && grace !== undefined) {
      const sec = s.seconds ?? 0;
      if (sec < 0 || sec > grace) errs.push(invalid(sp, sec, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`));
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

function validateProbe(p: any, path: string, grace: number | undefined, kind: 'liveness' | 'readiness' | 'startup'): Errs {
  if (!p) return [];
  const errs = validateHandler(p, path, PROBE_HANDLERS, grace);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errs.push(...nonNegative(`${path}.${f}`, p[f]));
  if (typeof p.terminationGracePeriodSeconds === 'number' && p.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, p.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind !== 'readiness' && (p.successThreshold ?? 1) !== 1) errs.push(invalid(`${path}.successThreshold`, p.successThreshold, 'must be 1'));
  if (kind === 'readiness' && p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds !== null) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, p.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

function validateLifecycle(l: any, path: string, grace: number | undefined): Errs {
  const errs: Errs = [];
  if (l?.postStart) errs.push(...validateHandler(l.postStart, `${path}.postStart`, LIFECYCLE_HANDLERS, grace));
  if (l?.preStop) errs.push(...validateHandler(l.preStop, `${path}.preStop`, LIFECYCLE_HANDLERS, grace));
  return errs;
}

const USER_ID_MAX = 2147483647;

function validateSecurityContext(sc: any, path: string): Errs {
  if (!sc) return [];
  const errs: Errs = [];
  if (typeof sc.runAsUser === 'number' && (sc.runAsUser < 0 || sc.runAsUser > USER_ID_MAX)) errs.push(invalid(`${path}.runAsUser`, sc.runAsUser, inclusiveRangeError(0, USER_ID_MAX)));
  if (typeof sc.runAsGroup === 'number' && (sc.runAsGroup < 0 || sc.runAsGroup > USER_ID_MAX)) errs.push(invalid(`${path}.runAsGroup`, sc.runAsGroup, inclusiveRangeError(0, USER_ID_MAX)));
  if (sc.procMount !== undefined && sc.procMount !== null && !['Default', 'Unmasked'].includes(sc.procMount)) errs.push(notSupported(`${path}.procMount`, sc.procMount, ['Default', 'Unmasked']));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged) errs.push(invalid(path, new GoLiteral('core.SecurityContext{...}'), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    if ((sc.capabilities?.add ?? []).includes('CAP_SYS_ADMIN') || (sc.capabilities?.add ?? []).includes('SYS_ADMIN')) {
      errs.push(invalid(path, new GoLiteral('core.SecurityContext{...}'), 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  return errs;
}

function validateContainerCommon(c: any, vols: Map<string, any>, path: string): Errs {
  const errs: Errs = [];
  if (!c.name) errs.push(required(`${path}.name`, ''));
  else errs.push(...dns1123Label(c.name, `${path}.name`));
  if (!c.image) errs.push(required(`${path}.image`, ''));
  const tmp = c.terminationMessagePolicy;
  if (tmp === undefined || tmp === null || tmp === '') errs.push(required(`${path}.terminationMessagePolicy`, ''));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  errs.push(...validateVolumeMounts(c.volumeMounts, vols, `${path}.volumeMounts`));
  const pp = c.imagePullPolicy;
  if (pp === undefined || pp === null || pp === '') errs.push(required(`${path}.imagePullPolicy`, ''));
  else if (!PULL_POLICIES.includes(pp)) errs.push(notSupported(`${path}.imagePullPolicy`, pp, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, `${path}.resources`));
  errs.push(...validateSecurityContext(c.securityContext, `${path}.securityContext`));
  return errs;
}

function hostPortConflicts(containers: any[], path: string): Errs {
  const errs: Errs = [];
  const seen = new Set<string>();
  containers.forEach((c: any, ci: number) => {
    (c.ports ?? []).forEach((p: any, pi: number) => {
      if (!p.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateContainers(containers: any[] | undefined, vols: Map<string, any>, grace: number | undefined, path: string): Errs {
  if (!containers?.length) return [required(path, '')];
  const errs: Errs = [];
  const names = new Set<string>();
  containers.forEach((c: any, i: number) => {
    const ip = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c ?? {}, vols, ip));
    if (names.has(c?.name)) errs.push(duplicate(`${ip}.name`, c.name));
    else names.add(c?.name);
    if (c?.lifecycle) errs.push(...validateLifecycle(c.lifecycle, `${ip}.lifecycle`, grace));
    errs.push(...validateProbe(c?.livenessProbe, `${ip}.livenessProbe`, grace, 'liveness'));
    errs.push(...validateProbe(c?.readinessProbe, `${ip}.readinessProbe`, grace, 'readiness'));
    errs.push(...validateProbe(c?.startupProbe, `${ip}.startupProbe`, grace, 'startup'));
    if (c?.restartPolicy !== undefined && c?.restartPolicy !== null) errs.push(forbidden(`${ip}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(inits: any[] | undefined, regular: any[] | undefined, vols: Map<string, any>, grace: number | undefined, path: string): Errs {
  const errs: Errs = [];
  const names = new Set<string>((regular ?? []).map((c: any) => c?.name));
  (inits ?? []).forEach((c: any, i: number) => {
    const ip = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c ?? {}, vols, ip));
    let always = false;
    if (c?.restartPolicy !== undefined && c?.restartPolicy !== null) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(`${ip}.restartPolicy`, c.restartPolicy, ['Always']));
      always = c.restartPolicy === 'Always';
    }
    if (names.has(c?.name)) errs.push(duplicate(`${ip}.name`, c.name));
    else if (c?.name) names.add(c.name);
    errs.push(...hostPortConflicts([c ?? {}], path));
    if (always) {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, `${ip}.lifecycle`, grace));
      errs.push(...validateProbe(c.livenessProbe, `${ip}.livenessProbe`, grace, 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, `${ip}.readinessProbe`, grace, 'readiness'));
      errs.push(...validateProbe(c.startupProbe, `${ip}.startupProbe`, grace, 'startup'));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c?.[f]) errs.push(forbidden(`${ip}.${f}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTolerations(tols: any[] | undefined, path: string): Errs {
  const errs: Errs = [];
  (tols ?? []).forEach((t: any, i: number) => {
    const ip = `${path}[${i}]`;
    if (t.key) errs.push(...validateLabelName(t.key, `${ip}.key`));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(invalid(`${ip}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalid(`${ip}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    const op = t.operator ?? '';
    if (op === 'Equal' || op === '') {
      const m = isValidLabelValue(t.value ?? '');
      if (m.length) errs.push(invalid(`${ip}.operator`, t.value ?? '', m.join(';')));
    } else if (op === 'Exists') {
      if (t.value) errs.push(invalid(`${ip}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(`${ip}.operator`, op, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${ip}.effect`, t.effect, TAINT_EFFECTS));
  });
  return errs;
}

function validateNodeSelectorRequirement(r: any, path: string): Errs {
  const errs: Errs = [];
  const vals: string[] = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (!vals.length) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (vals.length) errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (vals.length !== 1) errs.push(required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(`${path}.operator`, r.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(r.key ?? '', `${path}.key`));
  vals.forEach((v, i) => errs.push(...msgsToErrs(`${path}.values[${i}]`, v, isValidLabelValue(v))));
  return errs;
}

function validateNodeSelectorTerm(term: any, path: string): Errs {
  const errs: Errs = [];
  (term?.matchExpressions ?? []).forEach((r: any, j: number) => errs.push(...validateNodeSelectorRequirement(r, `${path}.matchExpressions[${j}]`)));
  (term?.matchFields ?? []).forEach((r: any, j: number) => {
    const fp = `${path}.matchFields[${j}]`;
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if ((r.values ?? []).length !== 1) errs.push(required(`${fp}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else errs.push(invalid(`${fp}.operator`, r.operator ?? '', 'not a valid selector operator'));
    if (r.key !== 'metadata.name') errs.push(invalid(`${fp}.key`, r.key ?? '', 'not a valid field selector key'));
  });
  return errs;
}

function validatePodAffinityTerm(t: any, path: string): Errs {
  const errs = validateLabelSelector(t?.labelSelector, `${path}.labelSelector`);
  errs.push(...validateLabelSelector(t?.namespaceSelector, `${path}.namespaceSelector`));
  (t?.namespaces ?? []).forEach((n: string) => errs.push(...msgsToErrs(`${path}.namespace`, n, isDNS1123Label(n))));
  if (!t?.topologyKey) errs.push(required(`${path}.topologyKey`, 'can not be empty'));
  else errs.push(...validateLabelName(t.topologyKey, `${path}.topologyKey`));
  return errs;
}

function validateAffinity(a: any, path: string): Errs {
  if (!a) return [];
  const errs: Errs = [];
  const na = a.nodeAffinity;
  if (na) {
    const np = `${path}.nodeAffinity`;
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) {
      const tp = `${np}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      if (!(req.nodeSelectorTerms ?? []).length) errs.push(required(tp, 'must have at least one node selector term'));
      (req.nodeSelectorTerms ?? []).forEach((t: any, i: number) => errs.push(...validateNodeSelectorTerm(t, `${tp}[${i}]`)));
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((p: any, i: number) => {
      const pp = `${np}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (typeof p.weight !== 'number' || p.weight <= 0 || p.weight > 100) errs.push(invalid(`${pp}.weight`, p.weight ?? 0, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(p.preference, `${pp}.preference`));
    });
  }
  for (const k of ['podAffinity', 'podAntiAffinity']) {
    const pa = a[k];
    if (!pa) continue;
    const kp = `${path}.${k}`;
    (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) =>
      errs.push(...validatePodAffinityTerm(t, `${kp}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`)),
    );
    (pa.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w: any, i: number) => {
      const wp = `${kp}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (typeof w.weight !== 'number' || w.weight <= 0 || w.weight > 100) errs.push(invalid(`${wp}.weight`, w.weight ?? 0, 'must be in the range 1-100'));
      errs.push(...validatePodAffinityTerm(w.podAffinityTerm, `${wp}.podAffinityTerm`));
    });
  }
  return errs;
}

function validateTopologySpreadConstraints(tscs: any[] | undefined, path: string): Errs {
  const errs: Errs = [];
  (tscs ?? []).forEach((c: any, i: number) => {
    const ip = `${path}[${i}]`;
    if ((c.maxSkew ?? 0) <= 0) errs.push(invalid(`${ip}.maxSkew`, c.maxSkew ?? 0, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(`${ip}.topologyKey`, 'can not be empty'));
    else errs.push(...validateLabelName(c.topologyKey, `${ip}.topologyKey`));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) errs.push(notSupported(`${ip}.whenUnsatisfiable`, c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    errs.push(...validateLabelSelector(c.labelSelector, `${ip}.labelSelector`));
  });
  return errs;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: any, path: string): Errs {
  const s = spec ?? {};
  const errs: Errs = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) errs.push(required(`${path}.terminationGracePeriodSeconds`, ''));
  const grace = typeof s.terminationGracePeriodSeconds === 'number' ? s.terminationGracePeriodSeconds : undefined;
  const [vols, vErrs] = validateVolumes(s.volumes, `${path}.volumes`);
  errs.push(...vErrs);
  errs.push(...validateContainers(s.containers, vols, grace, `${path}.containers`));
  errs.push(...validateInitContainers(s.initContainers, s.containers, vols, grace, `${path}.initContainers`));
  if (s.hostNetwork) {
    (s.containers ?? []).forEach((c: any, i: number) =>
      (c.ports ?? []).forEach((p: any, j: number) => {
        if (p.hostPort !== p.containerPort) {
          errs.push(invalid(`${path}.containers[${i}].ports[${j}].hostPort`, p.hostPort ?? 0, 'must match `containerPort` when `hostNetwork` is true'));
        }
      }),
    );
  }
  const rp = s.restartPolicy ?? '';
  if (rp === '') errs.push(required(`${path}.restartPolicy`, ''));
  else if (!RESTART_POLICIES.includes(rp)) errs.push(notSupported(`${path}.restartPolicy`, rp, RESTART_POLICIES));
  const dp = s.dnsPolicy ?? '';
  if (dp === '') errs.push(required(`${path}.dnsPolicy`, ''));
  else if (!DNS_POLICIES.includes(dp)) errs.push(notSupported(`${path}.dnsPolicy`, dp, DNS_POLICIES));
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  const psc = s.securityContext;
  if (psc) {
    const sp = `${path}.securityContext`;
    for (const f of ['fsGroup', 'runAsGroup']) {
      if (typeof psc[f] === 'number' && (psc[f] < 0 || psc[f] > USER_ID_MAX)) errs.push(invalid(`${sp}.${f}`, psc[f], inclusiveRangeError(0, USER_ID_MAX)));
    }
    if (typeof psc.runAsUser === 'number' && (psc.runAsUser < 0 || psc.runAsUser > USER_ID_MAX)) errs.push(invalid(`${sp}.runAsUser`, psc.runAsUser, inclusiveRangeError(0, USER_ID_MAX)));
    (psc.supplementalGroups ?? []).forEach((g: number, i: number) => {
      if (g < 0 || g > USER_ID_MAX) errs.push(invalid(`${sp}.supplementalGroups[${i}]`, g, inclusiveRangeError(0, USER_ID_MAX)));
    });
    if (psc.fsGroupChangePolicy !== undefined && psc.fsGroupChangePolicy !== null && !['Always', 'OnRootMismatch'].includes(psc.fsGroupChangePolicy)) {
      errs.push(notSupported(`${sp}.fsGroupChangePolicy`, psc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
    }
  }
  (s.imagePullSecrets ?? []).forEach((r: any, i: number) => {
    if (Object.keys(r ?? {}).some((k) => k !== 'name')) errs.push(invalid(`${path}.imagePullSecrets[${i}]`, new GoLiteral(`core.LocalObjectReference{Name:${JSON.stringify(r.name ?? '')}}`), 'only name may be set'));
  });
  errs.push(...validateAffinity(s.affinity, `${path}.affinity`));
  if (dp === 'None') {
    if (!s.dnsConfig) errs.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if (!(s.dnsConfig.nameservers ?? []).length) errs.push(required(`${path}.dnsConfig.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
  }
  (s.readinessGates ?? []).forEach((g: any, i: number) => errs.push(...msgsToErrs(`${path}.readinessGates[${i}].conditionType`, g.conditionType ?? '', isQualifiedName(g.conditionType ?? ''))));
  errs.push(...validateTopologySpreadConstraints(s.topologySpreadConstraints, `${path}.topologySpreadConstraints`));
  if (s.serviceAccountName) errs.push(...msgsToErrs(`${path}.serviceAccountName`, s.serviceAccountName, isDNS1123Subdomain(s.serviceAccountName)));
  if (s.nodeName) errs.push(...msgsToErrs(`${path}.nodeName`, s.nodeName, isDNS1123Subdomain(s.nodeName)));
  if (typeof s.activeDeadlineSeconds === 'number' && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)));
  }
  if (s.hostname) errs.push(...dns1123Label(s.hostname, `${path}.hostname`));
  if (s.subdomain) errs.push(...dns1123Label(s.subdomain, `${path}.subdomain`));
  if ((s.tolerations ?? []).length) errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  (s.hostAliases ?? []).forEach((ha: any, i: number) => (ha.hostnames ?? []).forEach((h: string, j: number) => errs.push(...dns1123Subdomain(h, `${path}.hostAliases[${i}].hostnames[${j}]`))));
  if (s.priorityClassName) errs.push(...msgsToErrs(`${path}.priorityClassName`, s.priorityClassName, isDNS1123Subdomain(s.priorityClassName)));
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null && !['PreemptLowerPriority', 'Never'].includes(s.preemptionPolicy)) {
    errs.push(notSupported(`${path}.preemptionPolicy`, s.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
  }
  if (s.os) {
    if (!['linux', 'windows'].includes(s.os.name)) errs.push(notSupported(`${path}.os.name`, s.os.name ?? '', ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec (templates of workloads). */
export function validatePodTemplateSpec(t: any, path: string): Errs {
  const errs = validateLabels(t?.metadata?.labels, `${path}.labels`);
  errs.push(...validateAnnotations(t?.metadata?.annotations, `${path}.annotations`));
  errs.push(...validatePodSpec(t?.spec, `${path}.spec`));
  if ((t?.spec?.ephemeralContainers ?? []).length) errs.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  return errs;
}

/** The checks only a Pod (not a template) gets: image whitespace, ephemeral containers on create. */
export function validatePodOnly(pod: any, create: boolean): Errs {
  const errs: Errs = [];
  const spec = pod.spec ?? {};
  if (!spec.serviceAccountName) {
    (spec.volumes ?? []).forEach((v: any, vi: number) =>
      (v.projected?.sources ?? []).forEach((src: any, si: number) => {
        if (src.serviceAccountToken) errs.push(forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
      }),
    );
  }
  for (const k of ['containers', 'initContainers']) {
    (spec[k] ?? []).forEach((c: any, i: number) => {
      if (typeof c?.image === 'string' && c.image.trim() !== c.image) errs.push(invalid(`spec.${k}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
    });
  }
  if (create) {
    if ((spec.ephemeralContainers ?? []).length) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    if (spec.nodeName && (spec.schedulingGates ?? []).length) errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

export type { FieldError };
