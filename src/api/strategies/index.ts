import type { Strategy, StrategySet, ApiServer } from '../server.js';
import { subdomainNameErrors } from '../server.js';
import type { KObject } from '../types.js';
import { FieldError, invalid, required, forbidden, forbiddenError } from '../errors.js';
import { defaultPodSpec, defaultTemplate, qosClass } from './podspec.js';
import { selectorMatches, fromLabelSelector } from '../selectors.js';
import { decodeObject } from '../validation/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

export function labelNameErrors(name: string, field = 'metadata.name'): FieldError[] {
  const errs: FieldError[] = [];
  if (name.length > 63) errs.push(invalid(field, name, 'must be no more than 63 characters'));
  if (!LABEL_RE.test(name)) {
    if (subdomainNameErrors(name).length === 0) errs.push(invalid(field, name, 'must not contain dots'));
    else errs.push(invalid(field, name, LABEL_MSG));
  }
  return errs;
}

export function dns1035Errors(name: string, field = 'metadata.name'): FieldError[] {
  const errs: FieldError[] = [];
  if (name.length > 63) errs.push(invalid(field, name, 'must be no more than 63 characters'));
  if (!DNS1035_RE.test(name)) errs.push(invalid(field, name, DNS1035_MSG));
  return errs;
}

const nameOf = (o: KObject) => o.metadata.name ?? '';

function containersRequired(spec: any, path: string): FieldError[] {
  if (!spec?.containers?.length) return [required(`${path}.containers`)];
  return [];
}

/** Selector/template checks shared by Deployment, ReplicaSet, DaemonSet, StatefulSet. */
function workloadErrors(o: KObject, opts: { replicas: boolean }): FieldError[] {
  const errs: FieldError[] = [...subdomainNameErrors(nameOf(o))];
  const spec = o.spec ?? {};
  if (opts.replicas && typeof spec.replicas === 'number' && spec.replicas < 0) {
    errs.push(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  }
  const sel = spec.selector;
  if (!sel) errs.push(required('spec.selector'));
  else {
    const reqs = fromLabelSelector(sel);
    if (reqs && reqs.length === 0) errs.push(invalid('spec.selector', sel, 'empty selector is invalid for deployment'));
    else if (!selectorMatches(sel, spec.template?.metadata?.labels)) {
      errs.push(invalid('spec.template.metadata.labels', spec.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
    }
  }
  errs.push(...containersRequired(spec.template?.spec, 'spec.template.spec'));
  return errs;
}

function immutableSelector(o: KObject, old: KObject): FieldError[] {
  if (JSON.stringify(o.spec?.selector) !== JSON.stringify(old.spec?.selector)) {
    return [invalid('spec.selector', o.spec?.selector, 'field is immutable')];
  }
  return [];
}

const clearStatus = (o: KObject) => {
  o.status = {};
  o.metadata.generation = 1;
};

const pod: Strategy = {
  statusSubresource: true,
  defaults(o) {
    defaultPodSpec(o.spec, true);
  },
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
    o.status = { phase: 'Pending', qosClass: qosClass(spec) };
  },
  validate(o) {
    return [...subdomainNameErrors(nameOf(o)), ...containersRequired(o.spec, 'spec')];
  },
  validateUpdate: podValidateUpdate,
  gracePeriod(o, requested) {
    if (!o.spec?.nodeName) return 0;
    if (o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed') return 0;
    return requested ?? o.spec?.terminationGracePeriodSeconds ?? 30;
  },
};

function serviceAccountAdmission(o: KObject, api: ApiServer): void {
    const spec = o.spec;
    spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
    spec.serviceAccount = spec.serviceAccountName;
    const sa = api.doc.objects['serviceaccounts']?.[`${o.metadata.namespace}/${spec.serviceAccountName}`];
    if (!sa) {
      throw forbiddenError(
        { group: '', resource: 'pods' },
        o.metadata.name ?? '',
        `error looking up service account ${o.metadata.namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
      );
    }
    if (spec.automountServiceAccountToken !== false && !(spec.volumes ?? []).some((v: any) => v.name?.startsWith('kube-api-access-'))) {
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
      spec.priority ??= 0;
      spec.preemptionPolicy ??= 'PreemptLowerPriority';
    }
}

function podValidateUpdate(o: KObject, old: KObject): FieldError[] {
    const strip = (s: any) => {
      const c = structuredClone(s ?? {});
      for (const ct of [...(c.containers ?? []), ...(c.initContainers ?? [])]) delete ct.image;
      delete c.activeDeadlineSeconds;
      delete c.tolerations;
      delete c.terminationGracePeriodSeconds;
      if (!old.spec?.nodeName) delete c.nodeName;
      delete c.schedulingGates;
      return JSON.stringify(c);
    };
    if (strip(o.spec) !== strip({ ...old.spec, nodeName: old.spec?.nodeName ? old.spec.nodeName : o.spec?.nodeName })) {
      return [forbidden('spec', 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)')];
    }
    return [];
}


const deployment: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.replicas ??= 1;
    s.strategy ??= {};
    s.strategy.type ??= 'RollingUpdate';
    if (s.strategy.type === 'RollingUpdate') {
      s.strategy.rollingUpdate ??= {};
      s.strategy.rollingUpdate.maxUnavailable ??= '25%';
      s.strategy.rollingUpdate.maxSurge ??= '25%';
    }
    s.revisionHistoryLimit ??= 10;
    s.progressDeadlineSeconds ??= 600;
    defaultTemplate(s.template);
  },
  prepareCreate: clearStatus,
  validate: (o) => workloadErrors(o, { replicas: true }),
  validateUpdate: immutableSelector,
};

const replicaset: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.replicas ??= 1;
    defaultTemplate(s.template);
  },
  prepareCreate(o) {
    o.status = { replicas: 0 };
    o.metadata.generation = 1;
  },
  validate: (o) => workloadErrors(o, { replicas: true }),
  validateUpdate: immutableSelector,
};

const daemonset: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.updateStrategy ??= {};
    s.updateStrategy.type ??= 'RollingUpdate';
    if (s.updateStrategy.type === 'RollingUpdate') {
      s.updateStrategy.rollingUpdate ??= {};
      s.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      s.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    s.revisionHistoryLimit ??= 10;
    defaultTemplate(s.template);
  },
  prepareCreate(o) {
    o.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    o.metadata.generation = 1;
  },
  validate: (o) => workloadErrors(o, { replicas: false }),
  validateUpdate: immutableSelector,
};

const statefulset: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.replicas ??= 1;
    s.podManagementPolicy ??= 'OrderedReady';
    s.updateStrategy ??= {};
    s.updateStrategy.type ??= 'RollingUpdate';
    if (s.updateStrategy.type === 'RollingUpdate') {
      s.updateStrategy.rollingUpdate ??= {};
      s.updateStrategy.rollingUpdate.partition ??= 0;
    }
    s.revisionHistoryLimit ??= 10;
    s.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    for (const t of s.volumeClaimTemplates ?? []) {
      t.apiVersion ??= 'v1';
      t.kind ??= 'PersistentVolumeClaim';
      t.spec ??= {};
      t.spec.volumeMode ??= 'Filesystem';
      t.status ??= { phase: 'Pending' };
    }
    defaultTemplate(s.template);
  },
  prepareCreate(o) {
    o.status = { availableReplicas: 0, replicas: 0 };
    o.metadata.generation = 1;
  },
  validate: (o) => workloadErrors(o, { replicas: true }),
};

const namespace: Strategy = {
  defaults(o) {
    o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': nameOf(o) };
  },
  prepareCreate(o) {
    o.spec = { finalizers: ['kubernetes'] };
    o.status = { phase: 'Active' };
  },
  validate: (o) => labelNameErrors(nameOf(o)),
};

const simpleSubdomain: Strategy = { validate: (o) => subdomainNameErrors(nameOf(o)) };

const secret: Strategy = {
  defaults(o) {
    o.type ??= 'Opaque';
  },
  validate: (o) => subdomainNameErrors(nameOf(o)),
};

const SERVICE_CIDR_BASE = (10 << 24) | (96 << 16); // 10.96.0.0/12

function ipToString(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function usedClusterIPs(api: ApiServer): Set<string> {
  const used = new Set<string>();
  for (const s of Object.values(api.doc.objects['services'] ?? {})) for (const ip of s.spec?.clusterIPs ?? []) used.add(ip);
  return used;
}

function usedNodePorts(api: ApiServer): Set<number> {
  const used = new Set<number>();
  for (const s of Object.values(api.doc.objects['services'] ?? {})) for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  return used;
}

const service: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.type ??= 'ClusterIP';
    s.sessionAffinity ??= 'None';
    for (const p of s.ports ?? []) {
      p.protocol ??= 'TCP';
      if (p.targetPort === undefined && s.type !== 'ExternalName') p.targetPort = p.port;
    }
    if (s.type !== 'ExternalName') {
      s.internalTrafficPolicy ??= 'Cluster';
    }
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy ??= 'Cluster';
    if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
  },
  prepareCreate(o, api) {
    const s = o.spec;
    o.status = { loadBalancer: {} };
    if (s.type === 'ExternalName') return;
    if (s.clusterIP === 'None') {
      s.clusterIPs = ['None'];
    } else if (!s.clusterIP) {
      const used = usedClusterIPs(api);
      let ip: string;
      do ip = ipToString(SERVICE_CIDR_BASE + 2 + api.rng.int((1 << 20) - 3));
      while (used.has(ip) || ip === '10.96.0.10');
      s.clusterIP = ip;
      s.clusterIPs = [ip];
    } else {
      s.clusterIPs ??= [s.clusterIP];
    }
    s.ipFamilies ??= ['IPv4'];
    s.ipFamilyPolicy ??= 'SingleStack';
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
      const used = usedNodePorts(api);
      for (const p of s.ports ?? []) {
        if (p.nodePort) continue;
        let port: number;
        do port = 30000 + api.rng.int(2768);
        while (used.has(port));
        used.add(port);
        p.nodePort = port;
      }
    }
  },
  prepareUpdate(o, old) {
    const s = (o.spec ??= {});
    if (old.spec?.clusterIP && !s.clusterIP) {
      s.clusterIP = old.spec.clusterIP;
      s.clusterIPs = old.spec.clusterIPs;
    }
    s.ipFamilies ??= old.spec?.ipFamilies;
    s.ipFamilyPolicy ??= old.spec?.ipFamilyPolicy;
    for (const p of s.ports ?? []) {
      const prev = (old.spec?.ports ?? []).find((q: any) => q.port === p.port && q.protocol === p.protocol);
      if (!p.nodePort && prev?.nodePort && (s.type === 'NodePort' || s.type === 'LoadBalancer')) p.nodePort = prev.nodePort;
    }
  },
  validate(o) {
    const errs = dns1035Errors(nameOf(o));
    const s = o.spec ?? {};
    if (s.type !== 'ExternalName' && !(s.ports?.length) && s.clusterIP !== 'None') errs.push(required('spec.ports'));
    return errs;
  },
};

const job: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    if (s.completions === undefined && s.parallelism === undefined) {
      s.completions = 1;
      s.parallelism = 1;
    }
    s.parallelism ??= 1;
    s.backoffLimit ??= 6;
    s.completionMode ??= 'NonIndexed';
    s.suspend ??= false;
    s.podReplacementPolicy ??= 'TerminatingOrFailed';
    defaultTemplate(s.template);
  },
  prepareCreate(o, api) {
    o.status = {};
    o.metadata.generation = 1;
    const s = o.spec;
    if (!s.manualSelector) {
      const uid = (o.metadata.uid ??= api.rng.uuid());
      const name = nameOf(o);
      s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      s.template.metadata ??= {};
      s.template.metadata.labels = {
        ...(s.template.metadata.labels ?? {}),
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': name,
        'controller-uid': uid,
        'job-name': name,
      };
    }
  },
  validate(o) {
    const errs = [...subdomainNameErrors(nameOf(o)), ...containersRequired(o.spec?.template?.spec, 'spec.template.spec')];
    const rp = o.spec?.template?.spec?.restartPolicy;
    if (rp !== 'Never' && rp !== 'OnFailure') {
      errs.push(new FieldError('FieldValueNotSupported', 'spec.template.spec.restartPolicy', rp ?? '', 'supported values: "OnFailure", "Never"'));
    }
    return errs;
  },
};

const cronjob: Strategy = {
  statusSubresource: true,
  defaults(o) {
    const s = (o.spec ??= {});
    s.concurrencyPolicy ??= 'Allow';
    s.suspend ??= false;
    s.successfulJobsHistoryLimit ??= 3;
    s.failedJobsHistoryLimit ??= 1;
    s.jobTemplate ??= {};
    s.jobTemplate.metadata ??= {};
    if (s.jobTemplate.metadata.creationTimestamp === undefined) s.jobTemplate.metadata.creationTimestamp = null;
    defaultTemplate(s.jobTemplate.spec?.template);
  },
  prepareCreate: clearStatus,
  validate(o) {
    const errs = subdomainNameErrors(nameOf(o));
    if (nameOf(o).length > 52) errs.push(invalid('metadata.name', nameOf(o), 'must be no more than 52 characters'));
    if (!o.spec?.schedule) errs.push(required('spec.schedule'));
    return errs;
  },
};

const node: Strategy = {
  statusSubresource: true,
  validate: (o) => subdomainNameErrors(nameOf(o)),
};

const byGr: Record<string, Strategy> = {
  pods: pod,
  'deployments.apps': deployment,
  'replicasets.apps': replicaset,
  'daemonsets.apps': daemonset,
  'statefulsets.apps': statefulset,
  'jobs.batch': job,
  'cronjobs.batch': cronjob,
  namespaces: namespace,
  services: service,
  secrets: secret,
  nodes: node,
};

export const strategies: StrategySet = {
  get: (gr) => byGr[gr] ?? simpleSubdomain,
  decode: (obj, _ri, req) => decodeObject(obj, req),
};
