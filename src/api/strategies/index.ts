/**
 * Per-resource strategies of the API server (pkg/registry/<group>/<kind>/strategy.go): defaulting
 * (SetDefaults_*), create/update preparation, admission, validation with Kubernetes' messages.
 */
import type { Strategy, StrategySet, ApiServer } from '../server.js';
import type { KObject } from '../types.js';
import { FieldError, forbiddenError, invalidError, invalid } from '../errors.js';
import { defaultPod, defaultTemplate, qosClass } from './podspec.js';
import { decodeObject } from '../validation/index.js';
import { validateObjectMeta, validateObjectMetaUpdate, nameIsDNSSubdomain } from '../validation/primitives.js';
import { validatePodSpec, validatePodOnly } from '../validation/pod.js';
import { validatePodUpdateRules } from '../validation/podupdate.js';
import * as wl from '../validation/workloads.js';
import { validateService, validateServiceUpdate, nodePortAllocationError } from '../validation/service.js';
import * as misc from '../validation/misc.js';
import { forGroupResource } from '../registry.js';
import { GoLiteral, goStringSlice } from '../validation/gofmt.js';
import { limitRangerMutatePod, limitRangerValidate, quotaAdmit } from './admission.js';
import { groupResource } from '../registry.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const withGeneration = (o: KObject) => {
  o.metadata.generation = 1;
};

// ---- pods -----------------------------------------------------------------------------------------

function validatePod(o: KObject): FieldError[] {
  return [...validateObjectMeta(o.metadata, true, nameIsDNSSubdomain), ...podAnnotations(o), ...validatePodSpec(o.spec, 'spec'), ...validatePodOnly(o, true)];
}

function podAnnotations(o: KObject): FieldError[] {
  const v = o.metadata.annotations?.['kubernetes.io/config.mirror'];
  if (v !== undefined && !o.spec?.nodeName) return [invalid('metadata.annotations[kubernetes.io/config.mirror]', v, 'must set spec.nodeName if mirror pod annotation is set')];
  return [];
}

const pod: Strategy = {
  statusSubresource: true,
  defaults: (o) => defaultPod(o),
  prepareCreate(o, api) {
    const spec = (o.spec ??= {});
    const mirror = o.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
    // ServiceAccount admission (mirror pods are exempt): the service account, and its token
    // projected into every container.
    if (!mirror) serviceAccountAdmission(o, api);
    // DefaultTolerationSeconds admission.
    const tol = (spec.tolerations ??= []);
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
      if (!tol.some((t: any) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'))) {
        tol.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
      }
    }
    priorityAdmission(o, api);
    limitRangerMutatePod(o, api);
    o.status = { phase: 'Pending', qosClass: qosClass(spec) };
  },
  validate: validatePod,
  validateUpdate(o, old) {
    return [
      ...validateObjectMetaUpdate(o.metadata, old.metadata),
      ...validateObjectMeta(o.metadata, true, nameIsDNSSubdomain),
      ...podAnnotations(o),
      ...validatePodSpec(o.spec, 'spec'),
      ...validatePodOnly(o, false),
      ...validatePodUpdateRules(o, old),
    ];
  },
  gracePeriod(o, requested) {
    if (!o.spec?.nodeName) return 0;
    if (o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed') return 0;
    return requested ?? o.spec?.terminationGracePeriodSeconds ?? 30;
  },
};

function serviceAccountAdmission(o: KObject, api: ApiServer): void {
  const spec = o.spec;
  spec.serviceAccountName ||= spec.serviceAccount || 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const sa = api.doc.objects['serviceaccounts']?.[`${o.metadata.namespace}/${spec.serviceAccountName}`];
  if (!sa) {
    throw forbiddenError(
      { group: '', resource: 'pods' },
      o.metadata.name ?? '',
      `error looking up service account ${o.metadata.namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
    );
  }
  const automount = spec.automountServiceAccountToken ?? sa.automountServiceAccountToken;
  if (automount !== false && !(spec.volumes ?? []).some((v: any) => v.name?.startsWith('kube-api-access-'))) {
    const vol = `kube-api-access-${api.rng.string(5)}`;
    (spec.volumes ??= []).push({
      name: vol,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    });
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      if ((c.volumeMounts ?? []).some((m: any) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount')) continue;
      (c.volumeMounts ??= []).push({ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol, readOnly: true });
    }
  }
}

function priorityAdmission(o: KObject, api: ApiServer): void {
  const spec = o.spec;
  if (spec.priorityClassName) {
    const pc = api.doc.objects['priorityclasses.scheduling.k8s.io']?.[spec.priorityClassName];
    if (!pc) {
      throw forbiddenError({ group: '', resource: 'pods' }, o.metadata.name ?? '', `no PriorityClass with name ${spec.priorityClassName} was found`);
    }
    spec.priority = pc.value;
    spec.preemptionPolicy ??= pc.preemptionPolicy ?? 'PreemptLowerPriority';
  } else {
    const def = Object.values(api.doc.objects['priorityclasses.scheduling.k8s.io'] ?? {}).find((pc: any) => pc.globalDefault);
    if (def) {
      spec.priorityClassName = def.metadata.name;
      spec.priority = def.value;
      spec.preemptionPolicy ??= def.preemptionPolicy ?? 'PreemptLowerPriority';
    } else {
      spec.priority ??= 0;
      spec.preemptionPolicy ??= 'PreemptLowerPriority';
    }
  }
}

// ---- apps -----------------------------------------------------------------------------------------

const deployment: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.replicas ??= 1;
    s.strategy ??= {};
    s.strategy.type ||= 'RollingUpdate';
    if (s.strategy.type === 'RollingUpdate') {
      s.strategy.rollingUpdate ??= {};
      s.strategy.rollingUpdate.maxUnavailable ??= '25%';
      s.strategy.rollingUpdate.maxSurge ??= '25%';
    }
    s.revisionHistoryLimit ??= 10;
    s.progressDeadlineSeconds ??= 600;
    s.template ??= {};
    defaultTemplate(s.template);
  },
  prepareCreate(o) {
    o.status = {};
    withGeneration(o);
  },
  validate: wl.validateDeployment,
  validateUpdate: wl.validateDeploymentUpdate,
};

const replicaset: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.replicas ??= 1;
    s.template ??= {};
    defaultTemplate(s.template);
  },
  prepareCreate(o) {
    o.status = { replicas: 0 };
    withGeneration(o);
  },
  validate: wl.validateReplicaSet,
  validateUpdate: wl.validateReplicaSetUpdate,
};

const DS_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

const daemonset: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.updateStrategy ??= {};
    s.updateStrategy.type ||= 'RollingUpdate';
    if (s.updateStrategy.type === 'RollingUpdate') {
      s.updateStrategy.rollingUpdate ??= {};
      s.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      s.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    s.revisionHistoryLimit ??= 10;
    s.template ??= {};
    defaultTemplate(s.template);
  },
  prepareCreate(o) {
    o.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    withGeneration(o);
    o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [DS_TEMPLATE_GENERATION]: '1' };
  },
  prepareUpdate(o, old) {
    const prev = Number(old.metadata.annotations?.[DS_TEMPLATE_GENERATION] ?? '1');
    const changed = JSON.stringify(o.spec?.template) !== JSON.stringify(old.spec?.template);
    o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [DS_TEMPLATE_GENERATION]: String(changed ? prev + 1 : prev) };
  },
  validate: wl.validateDaemonSet,
  validateUpdate: wl.validateDaemonSetUpdate,
};

const statefulset: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.replicas ??= 1;
    s.podManagementPolicy ||= 'OrderedReady';
    s.updateStrategy ??= {};
    s.updateStrategy.type ||= 'RollingUpdate';
    if (s.updateStrategy.type === 'RollingUpdate') {
      s.updateStrategy.rollingUpdate ??= {};
      s.updateStrategy.rollingUpdate.partition ??= 0;
    }
    s.revisionHistoryLimit ??= 10;
    s.persistentVolumeClaimRetentionPolicy ??= {};
    s.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
    s.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
    for (const t of s.volumeClaimTemplates ?? []) {
      t.apiVersion ||= 'v1';
      t.kind ||= 'PersistentVolumeClaim';
      t.metadata ??= {};
      if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null;
      t.spec ??= {};
      t.spec.volumeMode ??= 'Filesystem';
      t.status ??= {};
      t.status.phase ||= 'Pending';
    }
    s.template ??= {};
    defaultTemplate(s.template);
  },
  prepareCreate(o) {
    o.status = { availableReplicas: 0, replicas: 0 };
    withGeneration(o);
  },
  validate: wl.validateStatefulSet,
  validateUpdate: wl.validateStatefulSetUpdate,
};

// ---- batch ----------------------------------------------------------------------------------------

const job: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    if ((s.completions === undefined || s.completions === null) && (s.parallelism === undefined || s.parallelism === null)) {
      s.completions = 1;
      s.parallelism = 1;
    }
    s.parallelism ??= 1;
    s.backoffLimit ??= s.backoffLimitPerIndex !== undefined && s.backoffLimitPerIndex !== null ? 2147483647 : 6;
    s.completionMode ??= 'NonIndexed';
    s.suspend ??= false;
    s.podReplacementPolicy ??= s.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
    s.manualSelector ??= false;
    s.template ??= {};
    const labels = s.template.metadata?.labels;
    if (labels && !Object.keys(o.metadata.labels ?? {}).length) o.metadata.labels = { ...labels };
    defaultTemplate(s.template);
  },
  prepareCreate(o, api) {
    o.status = {};
    withGeneration(o);
    const s = o.spec;
    if (!s.manualSelector) {
      // generateSelector: the Job's uid labels its pods and is its selector.
      const uid = (o.metadata.uid ??= api.rng.uuid());
      const name = o.metadata.name ?? '';
      const labels = { ...(s.template.metadata?.labels ?? {}) };
      for (const [k, v] of [
        ['batch.kubernetes.io/controller-uid', uid],
        ['batch.kubernetes.io/job-name', name],
        ['controller-uid', uid],
        ['job-name', name],
      ]) labels[k] ??= v;
      s.template.metadata ??= {};
      s.template.metadata.labels = labels;
      s.selector ??= {};
      s.selector.matchLabels = { ...(s.selector.matchLabels ?? {}) };
      s.selector.matchLabels['batch.kubernetes.io/controller-uid'] ??= uid;
    }
    // SetDefaults_Job (applied again when the object is read): a Job without labels takes its template's.
    if (!Object.keys(o.metadata.labels ?? {}).length && s.template?.metadata?.labels) o.metadata.labels = { ...s.template.metadata.labels };
  },
  validate: wl.validateJob,
  validateUpdate: wl.validateJobUpdate,
};

const cronjob: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.concurrencyPolicy ||= 'Allow';
    s.suspend ??= false;
    s.successfulJobsHistoryLimit ??= 3;
    s.failedJobsHistoryLimit ??= 1;
    s.jobTemplate ??= {};
    s.jobTemplate.metadata ??= {};
    if (s.jobTemplate.metadata.creationTimestamp === undefined) s.jobTemplate.metadata.creationTimestamp = null;
    s.jobTemplate.spec ??= {};
    s.jobTemplate.spec.template ??= {};
    defaultTemplate(s.jobTemplate.spec.template);
  },
  prepareCreate(o) {
    o.status = {};
    withGeneration(o);
  },
  validate: wl.validateCronJob,
  validateUpdate: wl.validateCronJobUpdate,
};

// ---- core -----------------------------------------------------------------------------------------

const namespace: Strategy = {
  defaults(o) {
    o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name ?? '' };
  },
  prepareCreate(o) {
    o.spec = { finalizers: ['kubernetes'] };
    o.status = { phase: 'Active' };
  },
  prepareUpdate(o, old) {
    o.spec = structuredClone(old.spec);
    o.status = structuredClone(old.status);
  },
  validate: misc.validateNamespace,
  validateUpdate: (o, old) => validateObjectMetaUpdate(o.metadata, old.metadata),
};

const configmap: Strategy = { validate: misc.validateConfigMap, validateUpdate: misc.validateConfigMapUpdate };

const secret: Strategy = {
  defaults(o) {
    o.type ||= 'Opaque';
    // Conversion to the internal type: stringData is written into data (base64) and dropped.
    if (o.stringData && typeof o.stringData === 'object') {
      o.data = { ...(o.data ?? {}) };
      for (const [k, v] of Object.entries(o.stringData)) o.data[k] = Buffer.from(String(v ?? ''), 'utf8').toString('base64');
    }
    delete o.stringData;
  },
  validate: misc.validateSecret,
  validateUpdate: misc.validateSecretUpdate,
};

const SERVICE_CIDR_BASE = (10 << 24) | (96 << 16); // 10.96.0.0/12
const SERVICE_CIDR_SIZE = 1 << 20;

function ipToString(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function ipToNumber(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

function usedClusterIPs(api: ApiServer, except?: KObject): Set<string> {
  const used = new Set<string>();
  for (const s of Object.values(api.doc.objects['services'] ?? {})) {
    if (except && s.metadata.uid === except.metadata.uid) continue;
    for (const ip of s.spec?.clusterIPs ?? []) used.add(ip);
  }
  return used;
}

function usedNodePorts(api: ApiServer, except?: KObject): Set<number> {
  const used = new Set<number>();
  for (const s of Object.values(api.doc.objects['services'] ?? {})) {
    if (except && s.metadata.uid === except.metadata.uid) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  }
  return used;
}

const externallyAccessible = (s: any) => s.type === 'LoadBalancer' || s.type === 'NodePort' || (s.type === 'ClusterIP' && (s.externalIPs ?? []).length > 0);
const needsNodePorts = (s: any) => s.type === 'NodePort' || (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false);

function allocateNodePorts(o: KObject, api: ApiServer, except?: KObject): void {
  const s = o.spec;
  if (!needsNodePorts(s)) return;
  const used = usedNodePorts(api, except);
  const err = nodePortAllocationError(s.ports ?? [], used);
  if (err) throw invalidError({ kind: 'Service', group: '' }, o.metadata.name ?? '', [invalid(err.path, err.port, err.msg)]);
  for (const p of s.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  for (const p of s.ports ?? []) {
    if (p.nodePort) continue;
    let port: number;
    do port = 30000 + api.rng.int(2768);
    while (used.has(port));
    used.add(port);
    p.nodePort = port;
  }
}

const needsClusterIP = (s: any) => s.type !== 'ExternalName';
const nodePortSet = (s: any) => JSON.stringify((s.ports ?? []).map((p: any) => p?.nodePort ?? 0).filter((n: number) => n).sort());

/** dropTypeDependentFields: what a change of type leaves behind is wiped, unless the user changed it. */
function dropTypeDependentFields(o: KObject, old: KObject): void {
  const s = o.spec;
  const os = old.spec ?? {};
  if (needsClusterIP(os) && !needsClusterIP(s)) {
    if (JSON.stringify(s.clusterIPs ?? []) === JSON.stringify(os.clusterIPs ?? []) && (s.clusterIP ?? '') === (os.clusterIP ?? '')) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (JSON.stringify(s.ipFamilies ?? []) === JSON.stringify(os.ipFamilies ?? [])) delete s.ipFamilies;
    if (s.ipFamilyPolicy === os.ipFamilyPolicy) delete s.ipFamilyPolicy;
  }
  if (needsNodePorts(os) && !needsNodePorts(s) && nodePortSet(s) === nodePortSet(os)) {
    for (const p of s.ports ?? []) if (p) delete p.nodePort;
  }
  if (os.type === 'LoadBalancer' && s.type !== 'LoadBalancer' && s.allocateLoadBalancerNodePorts === os.allocateLoadBalancerNodePorts) {
    delete s.allocateLoadBalancerNodePorts;
  }
  const needsETP = (x: any) => x.type === 'NodePort' || x.type === 'LoadBalancer';
  if (needsETP(os) && !needsETP(s) && s.externalTrafficPolicy === os.externalTrafficPolicy) delete s.externalTrafficPolicy;
  if (s.type !== 'LoadBalancer') o.status = { ...(o.status ?? {}), loadBalancer: {} };
}

const service: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.sessionAffinity ||= 'None';
    if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
    s.type ||= 'ClusterIP';
    for (const p of s.ports ?? []) {
      if (!p) continue;
      p.protocol ||= 'TCP';
      if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
    if (externallyAccessible(s) && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
    if ((s.internalTrafficPolicy === undefined || s.internalTrafficPolicy === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(s.type)) {
      s.internalTrafficPolicy = 'Cluster';
    }
    if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
  },
  prepareCreate(o, api) {
    const s = o.spec;
    o.status = { loadBalancer: {} };
    if (s.type === 'ExternalName') return;
    // The REST storage allocates before validating: cluster IPs, then node ports.
    if (s.clusterIP === 'None' || s.clusterIPs?.[0] === 'None') {
      s.clusterIP = 'None';
      s.clusterIPs = ['None'];
    } else if (s.clusterIP || s.clusterIPs?.length) {
      s.clusterIP ||= s.clusterIPs[0];
      s.clusterIPs ??= [s.clusterIP];
      const n = ipToNumber(s.clusterIP);
      const used = usedClusterIPs(api);
      if (n === undefined || n < SERVICE_CIDR_BASE || n >= SERVICE_CIDR_BASE + SERVICE_CIDR_SIZE) {
        throw invalidError({ kind: 'Service', group: '' }, o.metadata.name ?? '', [
          invalid('spec.clusterIPs', new GoLiteral(goStringSlice(s.clusterIPs)), `failed to allocate IP ${s.clusterIP}: the provided IP (${s.clusterIP}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`),
        ]);
      }
      if (used.has(s.clusterIP)) {
        throw invalidError({ kind: 'Service', group: '' }, o.metadata.name ?? '', [
          invalid('spec.clusterIPs', new GoLiteral(goStringSlice(s.clusterIPs)), `failed to allocate IP ${s.clusterIP}: provided IP is already allocated`),
        ]);
      }
    } else {
      const used = usedClusterIPs(api);
      let ip: string;
      do ip = ipToString(SERVICE_CIDR_BASE + 2 + api.rng.int(SERVICE_CIDR_SIZE - 3));
      while (used.has(ip) || ip === '10.96.0.10');
      s.clusterIP = ip;
      s.clusterIPs = [ip];
    }
    s.ipFamilies ??= ['IPv4'];
    s.ipFamilyPolicy ??= 'SingleStack';
    allocateNodePorts(o, api);
  },
  prepareUpdate(o, old, api) {
    const s = (o.spec ??= {});
    const os = old.spec ?? {};
    dropTypeDependentFields(o, old);
    if (s.type !== 'ExternalName' && os.type !== 'ExternalName') {
      if (!s.clusterIP && os.clusterIP) s.clusterIP = os.clusterIP;
      if (!s.clusterIPs?.length && os.clusterIPs) s.clusterIPs = os.clusterIPs;
      // A changed clusterIP with the old clusterIPs: the new value takes the first slot.
      if (s.clusterIP && s.clusterIPs?.length && s.clusterIP !== s.clusterIPs[0] && JSON.stringify(s.clusterIPs) === JSON.stringify(os.clusterIPs)) {
        s.clusterIPs = [s.clusterIP, ...s.clusterIPs.slice(1)];
      }
      s.ipFamilies ??= os.ipFamilies;
      s.ipFamilyPolicy ??= os.ipFamilyPolicy;
    }
    if (needsNodePorts(s)) {
      for (const p of s.ports ?? []) {
        const prev = (os.ports ?? []).find((q: any) => q.port === p.port && q.protocol === p.protocol);
        if (!p.nodePort && prev?.nodePort) p.nodePort = prev.nodePort;
      }
      allocateNodePorts(o, api, old);
    }
  },
  validate: validateService,
  validateUpdate: validateServiceUpdate,
};

const pvc: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.volumeMode ??= 'Filesystem';
  },
  prepareCreate(o, api) {
    o.status = { phase: 'Pending' };
    // DefaultStorageClass admission.
    if (o.spec.storageClassName === undefined) {
      const def = Object.values(api.doc.objects['storageclasses.storage.k8s.io'] ?? {}).find(
        (sc: any) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
      );
      if (def) o.spec.storageClassName = def.metadata.name;
    }
  },
  validate: misc.validatePVC,
  validateUpdate: misc.validatePVCUpdate,
};

const pv: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.persistentVolumeReclaimPolicy ||= 'Retain';
    s.volumeMode ??= 'Filesystem';
    if (s.hostPath) s.hostPath.type ??= '';
  },
  prepareCreate(o, api) {
    o.status = { lastPhaseTransitionTime: api.nowRfc3339(), phase: 'Pending' };
  },
  validate: misc.validatePV,
  validateUpdate: misc.validatePVUpdate,
};

const limitrange: Strategy = {
  defaults(o) {
    for (const l of o.spec?.limits ?? []) {
      if (l.type !== 'Container') continue;
      l.default ??= {};
      l.defaultRequest ??= {};
      for (const [k, v] of Object.entries(l.max ?? {})) l.default[k] ??= v;
      for (const [k, v] of Object.entries(l.default)) l.defaultRequest[k] ??= v;
      for (const [k, v] of Object.entries(l.min ?? {})) l.defaultRequest[k] ??= v;
      if (!Object.keys(l.default).length) delete l.default;
      if (!Object.keys(l.defaultRequest).length) delete l.defaultRequest;
    }
  },
  validate: misc.validateLimitRange,
  validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateLimitRange(o).filter((e) => !e.field.startsWith('metadata'))],
};

const resourcequota: Strategy = {
  statusSubresource: true,
  prepareCreate(o) {
    o.status = {};
  },
  validate: misc.validateResourceQuota,
  validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateResourceQuota(o).filter((e) => !e.field.startsWith('metadata'))],
};

const endpoints: Strategy = {
  defaults(o) {
    for (const ss of o.subsets ?? []) for (const p of ss.ports ?? []) p.protocol ||= 'TCP';
  },
  validate: misc.validateEndpoints,
  validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateEndpoints(o).filter((e) => !e.field.startsWith('metadata'))],
};

const node: Strategy = {
  statusSubresource: true,
  validate: misc.validateNode,
  validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateNode(o).filter((e) => !e.field.startsWith('metadata'))],
};

// ---- other groups ---------------------------------------------------------------------------------

const rbacBindingDefaults = (o: KObject) => {
  if (o.roleRef && !o.roleRef.apiGroup) o.roleRef.apiGroup = 'rbac.authorization.k8s.io';
  for (const s of o.subjects ?? []) {
    if (s && !s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = 'rbac.authorization.k8s.io';
  }
};

const role: Strategy = { validate: (o) => misc.validateRole(o, true), validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateRole(o, true).filter((e) => !e.field.startsWith('metadata'))] };
const clusterrole: Strategy = {
  validate: (o) => misc.validateRole(o, false),
  validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateRole(o, false).filter((e) => !e.field.startsWith('metadata'))],
};
const rolebinding: Strategy = { defaults: rbacBindingDefaults, validate: (o) => misc.validateRoleBinding(o, true), validateUpdate: (o, old) => misc.validateRoleBindingUpdate(o, old, true) };
const clusterrolebinding: Strategy = { defaults: rbacBindingDefaults, validate: (o) => misc.validateRoleBinding(o, false), validateUpdate: (o, old) => misc.validateRoleBindingUpdate(o, old, false) };

const networkpolicy: Strategy = {
  defaults(o) {
    const s = (o.spec ??= {});
    s.podSelector ??= {};
    for (const r of [...(s.ingress ?? []), ...(s.egress ?? [])]) for (const p of r?.ports ?? []) p.protocol ||= 'TCP';
    if (!(s.policyTypes ?? []).length) {
      s.policyTypes = ['Ingress'];
      if ((s.egress ?? []).length) s.policyTypes.push('Egress');
    }
  },
  prepareCreate: withGeneration,
  validate: misc.validateNetworkPolicy,
  validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateNetworkPolicy(o).filter((e) => !e.field.startsWith('metadata'))],
};

const ingress: Strategy = {
  statusSubresource: true,
  prepareCreate(o) {
    o.status = { loadBalancer: {} };
    withGeneration(o);
  },
  validate: misc.validateIngress,
  validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateIngress(o).filter((e) => !e.field.startsWith('metadata'))],
};

const ingressclass: Strategy = {
  defaults(o) {
    const p = o.spec?.parameters;
    if (p && !p.scope) p.scope = 'Cluster';
  },
  prepareCreate: withGeneration,
  validate: misc.validateIngressClass,
  validateUpdate: misc.validateIngressClassUpdate,
};

const pdb: Strategy = {
  statusSubresource: true,
  prepareCreate(o) {
    o.status = { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
    withGeneration(o);
  },
  validate: misc.validatePDB,
  validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validatePDB(o).filter((e) => !e.field.startsWith('metadata'))],
};

const priorityclass: Strategy = {
  defaults(o) {
    o.preemptionPolicy ||= 'PreemptLowerPriority';
  },
  validate: misc.validatePriorityClass,
  validateUpdate: misc.validatePriorityClassUpdate,
};

const storageclass: Strategy = {
  defaults(o) {
    o.reclaimPolicy ||= 'Delete';
    o.volumeBindingMode ||= 'Immediate';
  },
  validate: misc.validateStorageClass,
  validateUpdate: misc.validateStorageClassUpdate,
};

const hpa: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    if (o.apiVersion === 'autoscaling/v1') {
      // Stored as autoscaling/v2: the CPU target becomes a Resource metric.
      o.apiVersion = 'autoscaling/v2';
      const cpu = s.targetCPUUtilizationPercentage;
      delete s.targetCPUUtilizationPercentage;
      if (typeof cpu === 'number') s.metrics = [{ resource: { name: 'cpu', target: { averageUtilization: cpu, type: 'Utilization' } }, type: 'Resource' }];
    }
    s.minReplicas ??= 1;
    if (!(s.metrics ?? []).length) s.metrics = [{ resource: { name: 'cpu', target: { averageUtilization: 80, type: 'Utilization' } }, type: 'Resource' }];
    const b = s.behavior;
    if (b) {
      b.scaleUp ??= {};
      b.scaleUp.stabilizationWindowSeconds ??= 0;
      b.scaleUp.selectPolicy ??= 'Max';
      b.scaleUp.policies ??= [
        { periodSeconds: 15, type: 'Pods', value: 4 },
        { periodSeconds: 15, type: 'Percent', value: 100 },
      ];
      b.scaleDown ??= {};
      b.scaleDown.selectPolicy ??= 'Max';
      b.scaleDown.policies ??= [{ periodSeconds: 15, type: 'Percent', value: 100 }];
    }
  },
  prepareCreate(o) {
    o.status = { currentMetrics: null, desiredReplicas: 0 };
  },
  validate: misc.validateHPA,
  validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateHPA(o).filter((e) => !e.field.startsWith('metadata'))],
};

const lease: Strategy = { validate: misc.validateLease, validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateLease(o).filter((e) => !e.field.startsWith('metadata'))] };

const endpointslice: Strategy = {
  defaults(o) {
    for (const p of o.ports ?? []) {
      if (!p) continue;
      p.name ??= '';
      p.protocol ??= 'TCP';
    }
  },
  prepareCreate: withGeneration,
  validate: misc.validateEndpointSlice,
  validateUpdate: (o, old) => [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateEndpointSlice(o).filter((e) => !e.field.startsWith('metadata'))],
};

const controllerrevision: Strategy = {
  validate: misc.validateControllerRevision,
  validateUpdate: (o, old) => {
    const errs = [...validateObjectMetaUpdate(o.metadata, old.metadata), ...misc.validateControllerRevision(o).filter((e) => !e.field.startsWith('metadata'))];
    if (JSON.stringify(o.data) !== JSON.stringify(old.data)) errs.push(invalid('data', new GoLiteral('runtime.RawExtension{...}'), 'field is immutable'));
    return errs;
  },
};

const byGr: Record<string, Strategy> = {
  pods: pod,
  configmaps: configmap,
  secrets: secret,
  namespaces: namespace,
  services: service,
  nodes: node,
  persistentvolumeclaims: pvc,
  persistentvolumes: pv,
  limitranges: limitrange,
  resourcequotas: resourcequota,
  endpoints,
  'deployments.apps': deployment,
  'replicasets.apps': replicaset,
  'daemonsets.apps': daemonset,
  'statefulsets.apps': statefulset,
  'controllerrevisions.apps': controllerrevision,
  'jobs.batch': job,
  'cronjobs.batch': cronjob,
  'roles.rbac.authorization.k8s.io': role,
  'clusterroles.rbac.authorization.k8s.io': clusterrole,
  'rolebindings.rbac.authorization.k8s.io': rolebinding,
  'clusterrolebindings.rbac.authorization.k8s.io': clusterrolebinding,
  'networkpolicies.networking.k8s.io': networkpolicy,
  'ingresses.networking.k8s.io': ingress,
  'ingressclasses.networking.k8s.io': ingressclass,
  'poddisruptionbudgets.policy': pdb,
  'priorityclasses.scheduling.k8s.io': priorityclass,
  'storageclasses.storage.k8s.io': storageclass,
  'horizontalpodautoscalers.autoscaling': hpa,
  'leases.coordination.k8s.io': lease,
  'endpointslices.discovery.k8s.io': endpointslice,
};

/** Kinds with no rules of their own: their metadata, with the subdomain name rule. */
function plain(gr: string): Strategy {
  const ri = forGroupResource(gr);
  return misc.metaOnly(misc.nameIsDNSSubdomain, ri?.namespaced ?? true);
}

const plainCache = new Map<string, Strategy>();

export const strategies: StrategySet = {
  get(gr) {
    const s = byGr[gr];
    if (s) return s;
    let p = plainCache.get(gr);
    if (!p) plainCache.set(gr, (p = plain(gr)));
    return p;
  },
  decode: (obj, _ri, req) => decodeObject(obj, req),
  admit(obj, ri, api) {
    const gr = groupResource(ri);
    if (gr === 'pods' || gr === 'persistentvolumeclaims') limitRangerValidate(obj, gr, api);
    quotaAdmit(obj, gr, api);
  },
};
