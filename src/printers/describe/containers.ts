/**
 * Containers (with or without their statuses), pod templates and the QoS class, as describe
 * prints them for pods and for the workloads that hold a pod template.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types.js';
import type { DescribeWriter } from './writer.js';
import { type DescribeClock, fmtTime, labelsMultiline, annotationsMultiline, tolerationsMultiline, formatLabelSelector, printBool, orNone } from './common.js';
import { goSort } from './gosort.js';
import { Quantity } from '../../util/quantity.js';
import { describeVolumes } from './volumes.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Resolves a container env var's fieldRef against the pod (only what kubectl's scheme can convert). */
export type EnvResolver = (e: any) => string;

/**
 * kubectl resolves a fieldRef through its client scheme, which knows no pod field labels beyond
 * metadata.name and metadata.namespace: every other path shows an empty value.
 */
export function envResolver(pod: KObject): EnvResolver {
  return (e) => {
    const path = e.valueFrom?.fieldRef?.fieldPath;
    if (path === 'metadata.name') return s(pod.metadata.name);
    if (path === 'metadata.namespace') return s(pod.metadata.namespace);
    return '';
  };
}

function sortedNames(list: Record<string, unknown> | undefined): string[] {
  return goSort(Object.keys(list ?? {}), (a, b) => a < b);
}

const qText = (v: unknown): string => Quantity.parse(v)?.toString() ?? s(v);

/** describeResources: Limits then Requests, each sorted by name. */
export function describeResources(w: DescribeWriter, r: any, level: number): void {
  if (!r) return;
  const limits = r.limits ?? {};
  const requests = r.requests ?? {};
  if (Object.keys(limits).length) w.write(level, 'Limits:\n');
  for (const k of sortedNames(limits)) w.write(level + 1, `${k}:\t${qText(limits[k])}\n`);
  if (Object.keys(requests).length) w.write(level, 'Requests:\n');
  for (const k of sortedNames(requests)) w.write(level + 1, `${k}:\t${qText(requests[k])}\n`);
}

/** url.URL's path escaping: unreserved characters and $&+,/:;=@ stay, the rest is %XX. */
function escapePath(p: string): string {
  let out = '';
  for (const byte of Buffer.from(p, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(ch) ? ch : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** DescribeProbe. */
export function describeProbe(p: any): string {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const attrs = `delay=${n(p.initialDelaySeconds)}s timeout=${n(p.timeoutSeconds)}s period=${n(p.periodSeconds)}s #success=${n(p.successThreshold)} #failure=${n(p.failureThreshold)}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const scheme = s(h.scheme).toLowerCase();
    const port = s(h.port ?? 0);
    const host = port.length ? joinHostPort(s(h.host), port) : s(h.host);
    let path = s(h.path);
    if (path && !path.startsWith('/') && host) path = '/' + path;
    let url = '';
    if (scheme) url += scheme + ':';
    if (scheme || host) url += '//' + host;
    url += escapePath(path);
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${s(p.tcpSocket.host)}:${s(p.tcpSocket.port ?? 0)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${n(p.grpc.port)} ${s(p.grpc.service)} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeState(w: DescribeWriter, name: string, st: any, c: DescribeClock): void {
  if (st?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${fmtTime(c, st.running.startedAt)}\n`);
  } else if (st?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (st.waiting.reason) w.write(3, `Reason:\t${st.waiting.reason}\n`);
  } else if (st?.terminated) {
    const t = st.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${fmtTime(c, t.startedAt)}\n`);
    w.write(3, `Finished:\t${fmtTime(c, t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

function quoteGo(v: string): string {
  return JSON.stringify(v);
}

function envVars(w: DescribeWriter, container: any, resolve: EnvResolver | undefined): void {
  const env: any[] = container.env ?? [];
  w.write(2, `Environment:${env.length ? '' : '\t<none>'}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      s(e.value)
        .split('\n')
        .forEach((line, i) => w.write(3, i === 0 ? `${s(e.name)}:\t${line}\n` : `\t${line}\n`));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) {
      const value = resolve ? resolve(e) : '';
      w.write(3, `${s(e.name)}:\t${value} (${s(vf.fieldRef.apiVersion)}:${s(vf.fieldRef.fieldPath)})\n`);
    } else if (vf.resourceFieldRef) {
      const res = s(vf.resourceFieldRef.resource);
      let value = containerResourceValue(vf.resourceFieldRef, container);
      if (value === '0' && (res === 'limits.cpu' || res === 'limits.memory')) value = 'node allocatable';
      w.write(3, `${s(e.name)}:\t${value} (${res})\n`);
    } else if (vf.secretKeyRef) {
      w.write(3, `${s(e.name)}:\t<set to the key '${s(vf.secretKeyRef.key)}' in secret '${s(vf.secretKeyRef.name)}'>\tOptional: ${vf.secretKeyRef.optional ? 'true' : 'false'}\n`);
    } else if (vf.configMapKeyRef) {
      w.write(3, `${s(e.name)}:\t<set to the key '${s(vf.configMapKeyRef.key)}' of config map '${s(vf.configMapKeyRef.name)}'>\tOptional: ${vf.configMapKeyRef.optional ? 'true' : 'false'}\n`);
    }
  }
}

/** ExtractContainerResourceValue: the value rounded up in units of the divisor. */
function containerResourceValue(fs: any, container: any): string {
  const divisor = Quantity.parse(fs.divisor);
  const div = divisor && !divisor.isZero() ? divisor : (Quantity.parse('1') as Quantity);
  const res = s(fs.resource);
  const [kind, name] = res.startsWith('requests.') ? ['requests', res.slice(9)] : res.startsWith('limits.') ? ['limits', res.slice(7)] : ['', ''];
  const known = ['cpu', 'memory', 'ephemeral-storage'].includes(name) || name.startsWith('hugepages-');
  if (!kind || !known) return '';
  const q = Quantity.parse(container.resources?.[kind]?.[name]) ?? Quantity.zero();
  const value = name === 'cpu' ? Math.ceil(q.milliValue() / div.milliValue()) : Math.ceil(q.value() / div.value());
  return String(value);
}

function envFrom(w: DescribeWriter, container: any): void {
  const list: any[] = container.envFrom ?? [];
  w.write(2, `Environment Variables from:${list.length ? '' : '\t<none>'}\n`);
  for (const e of list) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef) {
      from = 'ConfigMap';
      name = s(e.configMapRef.name);
      optional = !!e.configMapRef.optional;
    } else if (e.secretRef) {
      from = 'Secret';
      name = s(e.secretRef.name);
      optional = !!e.secretRef.optional;
    }
    if (!e.prefix) w.write(3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function mounts(w: DescribeWriter, container: any): void {
  const ms: any[] = container.volumeMounts ?? [];
  const none = ms.length ? '' : '\t<none>';
  w.write(2, `Mounts:${none}\n`);
  for (const m of goSort([...ms], (a, b) => s(a.mountPath) < s(b.mountPath))) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${quoteGo(m.subPath)}`);
    w.write(3, `${s(m.mountPath)} from ${s(m.name)} (${flags.join(',')})\n`);
  }
  const devs: any[] = container.volumeDevices ?? [];
  if (devs.length) {
    w.write(2, `Devices:${none}\n`);
    for (const d of goSort([...devs], (a, b) => s(a.devicePath) < s(b.devicePath))) w.write(3, `${s(d.devicePath)} from ${s(d.name)}\n`);
  }
}

/** describeContainers: a "Containers:"-like section; statuses undefined for templates. */
export function describeContainers(w: DescribeWriter, label: string, containers: any[] | undefined, statuses: any[] | undefined, resolve: EnvResolver | undefined, space: string, c: DescribeClock): void {
  const list = containers ?? [];
  const byName = new Map<string, any>();
  for (const st of statuses ?? []) byName.set(st.name, st);
  w.write(0, `${space}${label}:${list.length ? '' : ' <none>'}\n`);
  for (const ct of list) {
    const st = byName.get(ct.name);
    w.write(1, `${space ? ' ' : ''}${s(ct.name)}:\n`);
    if (st) w.write(2, `Container ID:\t${s(st.containerID)}\n`);
    w.write(2, `Image:\t${s(ct.image)}\n`);
    if (st) w.write(2, `Image ID:\t${s(st.imageID)}\n`);
    const ports: any[] = ct.ports ?? [];
    const portStr = ports.map((p) => `${p.containerPort ?? 0}/${s(p.protocol)}`).join(', ');
    if (portStr.includes(',')) w.write(2, `Ports:\t${portStr}\n`);
    else w.write(2, `Port:\t${orNone(portStr)}\n`);
    const hostStr = ports.map((p) => `${p.hostPort ?? 0}/${s(p.protocol)}`).join(', ');
    if (hostStr.includes(',')) w.write(2, `Host Ports:\t${hostStr}\n`);
    else w.write(2, `Host Port:\t${orNone(hostStr)}\n`);
    const sp = ct.securityContext?.seccompProfile;
    if (sp) {
      w.write(2, `SeccompProfile:\t${s(sp.type)}\n`);
      if (sp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${s(sp.localhostProfile)}\n`);
    }
    if (ct.command?.length) {
      w.write(2, 'Command:\n');
      for (const x of ct.command) for (const line of s(x).split('\n')) w.write(3, `${line}\n`);
    }
    if (ct.args?.length) {
      w.write(2, 'Args:\n');
      for (const x of ct.args) for (const line of s(x).split('\n')) w.write(3, `${line}\n`);
    }
    if (st) {
      describeState(w, 'State', st.state, c);
      if (st.lastState?.terminated) describeState(w, 'Last State', st.lastState, c);
      w.write(2, `Ready:\t${printBool(st.ready)}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeResources(w, ct.resources ?? {}, 2);
    if (ct.livenessProbe) w.write(2, `Liveness:\t${describeProbe(ct.livenessProbe)}\n`);
    if (ct.readinessProbe) w.write(2, `Readiness:\t${describeProbe(ct.readinessProbe)}\n`);
    if (ct.startupProbe) w.write(2, `Startup:\t${describeProbe(ct.startupProbe)}\n`);
    if (ct.envFrom?.length) envFrom(w, ct);
    envVars(w, ct, resolve);
    mounts(w, ct);
  }
}

/** describeTopologySpreadConstraints. */
export function describeTopologySpread(w: DescribeWriter, tscs: any[] | undefined, space: string): void {
  if (!tscs?.length) return;
  const sorted = goSort([...tscs], (a, b) => s(a.topologyKey) < s(b.topologyKey));
  w.write(0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(0, space);
      w.write(0, '\t');
    }
    w.write(0, `${s(t.topologyKey)}:`);
    w.write(0, s(t.whenUnsatisfiable));
    w.write(0, ` when max skew ${t.maxSkew ?? 0} is exceeded`);
    if (t.labelSelector) w.write(0, ` for selector ${formatLabelSelector(t.labelSelector)}`);
    w.write(0, '\n');
  });
}

/** DescribePodTemplate: the template of a workload. */
export function describePodTemplate(w: DescribeWriter, template: any, c: DescribeClock): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  const spec = template.spec ?? {};
  labelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) annotationsMultiline(w, '  Annotations', template.metadata.annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ', c);
  describeContainers(w, 'Containers', spec.containers, undefined, undefined, '  ', c);
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpread(w, spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  labelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** qos.GetPodQOS: status.qosClass, else computed from the containers' requests and limits. */
export function podQOS(pod: KObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const process = (into: Map<string, Quantity>, list: Record<string, unknown> | undefined) => {
    for (const [name, v] of Object.entries(list ?? {})) {
      if (!QOS_RESOURCES.has(name)) continue;
      const q = Quantity.parse(v);
      if (!q || q.sign() <= 0) continue;
      const prev = into.get(name);
      into.set(name, prev ? q.add(prev) : q);
    }
  };
  const qosNames = (list: Record<string, unknown> | undefined) => {
    const out = new Set<string>();
    for (const [name, v] of Object.entries(list ?? {})) {
      const q = Quantity.parse(v);
      if (QOS_RESOURCES.has(name) && q && q.sign() > 0) out.add(name);
    }
    return out;
  };
  const spec = pod.spec ?? {};
  if (spec.resources) {
    process(requests, spec.resources.requests);
    if (spec.resources.limits) {
      process(limits, spec.resources.limits);
      const names = qosNames(spec.resources.limits);
      if (!names.has('memory') || !names.has('cpu')) guaranteed = false;
    }
  } else {
    for (const ct of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      process(requests, ct.resources?.requests);
      process(limits, ct.resources?.limits);
      const names = qosNames(ct.resources?.limits);
      if (!names.has('memory') || !names.has('cpu')) guaranteed = false;
    }
  }
  if (!requests.size && !limits.size) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  if (guaranteed && requests.size === limits.size) return 'Guaranteed';
  return 'Burstable';
}
