/**
 * The server-side table printers (kubernetes pkg/printers/internalversion): columns per resource and
 * the rules that turn an object into its row cells. priority 1 columns show only with -o wide.
 */
import type { KObject } from '../../api/types.js';
import { age, humanDuration } from '../duration.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface Column {
  name: string;
  priority: 0 | 1;
}

export interface TableDef {
  columns: Column[];
  row(o: KObject, now: number): string[];
}

const c = (name: string, priority: 0 | 1 = 0): Column => ({ name, priority });

export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

/** metav1.FormatLabelSelector. */
export function formatSelector(sel: any): string {
  if (!sel) return '<none>';
  const parts: string[] = [];
  for (const k of Object.keys(sel.matchLabels ?? {}).sort()) parts.push(`${k}=${sel.matchLabels[k]}`);
  for (const e of sel.matchExpressions ?? []) {
    switch (e.operator) {
      case 'In':
        parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
        break;
      case 'Exists':
        parts.push(e.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${e.key}`);
        break;
    }
  }
  const s = parts.join(',');
  return s === '' ? '<none>' : s;
}

function containersAndImages(spec: any): [string, string] {
  const cs: any[] = spec?.containers ?? [];
  return [cs.map((x) => x.name).join(','), cs.map((x) => x.image).join(',')];
}

// ---- Pod -----------------------------------------------------------------------------------------

function podReadyCount(p: KObject): [number, number] {
  const statuses: any[] = p.status?.containerStatuses ?? [];
  const total = (p.spec?.containers ?? []).length + (p.spec?.initContainers ?? []).filter((x: any) => x.restartPolicy === 'Always').length;
  let ready = 0;
  for (const s of statuses) if (s.ready && s.state?.running) ready++;
  for (const s of p.status?.initContainerStatuses ?? []) {
    const spec = (p.spec?.initContainers ?? []).find((x: any) => x.name === s.name);
    if (spec?.restartPolicy === 'Always' && s.started && s.ready) ready++;
  }
  return [ready, total];
}

export function podStatus(p: KObject): { reason: string; restarts: number; lastRestart?: string } {
  let reason: string = p.status?.reason || p.status?.phase || '';
  let restarts = 0;
  let lastRestart: number | undefined;
  const noteRestart = (s: any) => {
    restarts += s.restartCount ?? 0;
    const f = s.lastState?.terminated?.finishedAt;
    if (f) {
      const t = Date.parse(f);
      if (lastRestart === undefined || t > lastRestart) lastRestart = t;
    }
  };
  const sched = (p.status?.conditions ?? []).find((x: any) => x.type === 'PodScheduled');
  if (sched?.reason === 'SchedulingGated') reason = 'SchedulingGated';

  let initializing = false;
  const initSpecs: any[] = p.spec?.initContainers ?? [];
  const initStatuses: any[] = p.status?.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const s = initStatuses[i];
    const spec = initSpecs.find((x) => x.name === s.name);
    const sidecar = spec?.restartPolicy === 'Always';
    noteRestart(s);
    if (s.state?.terminated?.exitCode === 0) continue;
    if (sidecar && s.started) continue;
    if (s.state?.terminated) {
      const t = s.state.terminated;
      if (t.reason) reason = `Init:${t.reason}`;
      else if (t.signal) reason = `Init:Signal:${t.signal}`;
      else reason = `Init:ExitCode:${t.exitCode}`;
    } else if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${s.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  const initializedCond = (p.status?.conditions ?? []).find((x: any) => x.type === 'Initialized');
  if (!initializing || initializedCond?.status === 'True') {
    restarts = 0;
    lastRestart = undefined;
    for (const s of initStatuses) {
      const spec = initSpecs.find((x) => x.name === s.name);
      if (spec?.restartPolicy === 'Always') noteRestart(s);
    }
    let hasRunning = false;
    const statuses: any[] = p.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i];
      noteRestart(s);
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state?.terminated?.reason) reason = s.state.terminated.reason;
      else if (s.state?.terminated) reason = s.state.terminated.signal ? `Signal:${s.state.terminated.signal}` : `ExitCode:${s.state.terminated.exitCode}`;
      else if (s.ready && s.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (p.status?.conditions ?? []).find((x: any) => x.type === 'Ready');
      reason = ready?.status === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (p.metadata.deletionTimestamp) {
    if (p.status?.reason === 'NodeLost') reason = 'Unknown';
    else if (p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') reason = 'Terminating';
  }
  return { reason, restarts, lastRestart: lastRestart !== undefined ? new Date(lastRestart).toISOString() : undefined };
}

const pods: TableDef = {
  columns: [c('Name'), c('Ready'), c('Status'), c('Restarts'), c('Age'), c('IP', 1), c('Node', 1), c('Nominated Node', 1), c('Readiness Gates', 1)],
  row(p, now) {
    const [ready, total] = podReadyCount(p);
    const st = podStatus(p);
    const restarts = st.restarts && st.lastRestart ? `${st.restarts} (${humanDuration(now - Date.parse(st.lastRestart))} ago)` : String(st.restarts);
    const gates: any[] = p.spec?.readinessGates ?? [];
    let gatesCell = '<none>';
    if (gates.length) {
      const trueCount = gates.filter((g) => (p.status?.conditions ?? []).some((x: any) => x.type === g.conditionType && x.status === 'True')).length;
      gatesCell = `${trueCount}/${gates.length}`;
    }
    return [
      p.metadata.name!,
      `${ready}/${total}`,
      st.reason,
      restarts,
      age(p.metadata.creationTimestamp, now),
      p.status?.podIPs?.[0]?.ip || p.status?.podIP || '<none>',
      p.spec?.nodeName || '<none>',
      p.status?.nominatedNodeName || '<none>',
      gatesCell,
    ];
  },
};

// ---- Node ----------------------------------------------------------------------------------------

export function nodeRoles(n: KObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

export function nodeStatus(n: KObject): string {
  const ready = (n.status?.conditions ?? []).find((x: any) => x.type === 'Ready');
  let s = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  if (n.spec?.unschedulable) s += ',SchedulingDisabled';
  return s;
}

const nodes: TableDef = {
  columns: [c('Name'), c('Status'), c('Roles'), c('Age'), c('Version'), c('Internal-IP', 1), c('External-IP', 1), c('OS-Image', 1), c('Kernel-Version', 1), c('Container-Runtime', 1)],
  row(n, now) {
    const addr = (t: string) => (n.status?.addresses ?? []).find((a: any) => a.type === t)?.address || '<none>';
    const info = n.status?.nodeInfo ?? {};
    return [
      n.metadata.name!,
      nodeStatus(n),
      nodeRoles(n),
      age(n.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '',
      addr('InternalIP'),
      addr('ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

// ---- Workloads -----------------------------------------------------------------------------------

const deployments: TableDef = {
  columns: [c('Name'), c('Ready'), c('Up-to-date'), c('Available'), c('Age'), c('Containers', 1), c('Images', 1), c('Selector', 1)],
  row(d, now) {
    const [cs, is] = containersAndImages(d.spec?.template?.spec);
    return [
      d.metadata.name!,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      String(d.status?.updatedReplicas ?? 0),
      String(d.status?.availableReplicas ?? 0),
      age(d.metadata.creationTimestamp, now),
      cs,
      is,
      formatSelector(d.spec?.selector),
    ];
  },
};

const replicasets: TableDef = {
  columns: [c('Name'), c('Desired'), c('Current'), c('Ready'), c('Age'), c('Containers', 1), c('Images', 1), c('Selector', 1)],
  row(r, now) {
    const [cs, is] = containersAndImages(r.spec?.template?.spec);
    return [
      r.metadata.name!,
      String(r.spec?.replicas ?? 0),
      String(r.status?.replicas ?? 0),
      String(r.status?.readyReplicas ?? 0),
      age(r.metadata.creationTimestamp, now),
      cs,
      is,
      formatSelector(r.spec?.selector),
    ];
  },
};

const daemonsets: TableDef = {
  columns: [c('Name'), c('Desired'), c('Current'), c('Ready'), c('Up-to-date'), c('Available'), c('Node Selector'), c('Age'), c('Containers', 1), c('Images', 1), c('Selector', 1)],
  row(d, now) {
    const s = d.status ?? {};
    const [cs, is] = containersAndImages(d.spec?.template?.spec);
    return [
      d.metadata.name!,
      String(s.desiredNumberScheduled ?? 0),
      String(s.currentNumberScheduled ?? 0),
      String(s.numberReady ?? 0),
      String(s.updatedNumberScheduled ?? 0),
      String(s.numberAvailable ?? 0),
      formatLabels(d.spec?.template?.spec?.nodeSelector),
      age(d.metadata.creationTimestamp, now),
      cs,
      is,
      formatSelector(d.spec?.selector),
    ];
  },
};

const statefulsets: TableDef = {
  columns: [c('Name'), c('Ready'), c('Age'), c('Containers', 1), c('Images', 1)],
  row(s, now) {
    const [cs, is] = containersAndImages(s.spec?.template?.spec);
    return [s.metadata.name!, `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, age(s.metadata.creationTimestamp, now), cs, is];
  },
};

// ---- Core ----------------------------------------------------------------------------------------

const namespaces: TableDef = {
  columns: [c('Name'), c('Status'), c('Age')],
  row: (n, now) => [n.metadata.name!, n.status?.phase ?? '', age(n.metadata.creationTimestamp, now)],
};

function servicePorts(s: KObject): string {
  const ports: any[] = s.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
}

function serviceExternalIP(s: KObject, wide: boolean): string {
  const spec = s.spec ?? {};
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
    case undefined:
      return spec.externalIPs?.length ? spec.externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ips: string[] = [];
      for (const i of s.status?.loadBalancer?.ingress ?? []) ips.push(i.ip || i.hostname);
      ips.sort();
      ips.push(...(spec.externalIPs ?? []));
      if (!ips.length) return '<pending>';
      const r = ips.join(',');
      return !wide && r.length > 16 ? r.slice(0, 13) + '...' : r;
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

const services: TableDef = {
  columns: [c('Name'), c('Type'), c('Cluster-IP'), c('External-IP'), c('Port(s)'), c('Age'), c('Selector', 1)],
  row(s, now) {
    const ip = s.spec?.clusterIPs?.[0] ?? s.spec?.clusterIP;
    return [
      s.metadata.name!,
      s.spec?.type ?? '',
      ip === 'None' ? 'None' : ip || '<none>',
      serviceExternalIP(s, false),
      servicePorts(s),
      age(s.metadata.creationTimestamp, now),
      s.spec?.selector && Object.keys(s.spec.selector).length ? formatLabels(s.spec.selector) : '<none>',
    ];
  },
};

const configmaps: TableDef = {
  columns: [c('Name'), c('Data'), c('Age')],
  row: (o, now) => [o.metadata.name!, String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length), age(o.metadata.creationTimestamp, now)],
};

const secrets: TableDef = {
  columns: [c('Name'), c('Type'), c('Data'), c('Age')],
  row: (o, now) => [o.metadata.name!, o.type ?? '', String(Object.keys(o.data ?? {}).length), age(o.metadata.creationTimestamp, now)],
};

const serviceaccounts: TableDef = {
  columns: [c('Name'), c('Secrets'), c('Age')],
  row: (o, now) => [o.metadata.name!, String((o.secrets ?? []).length), age(o.metadata.creationTimestamp, now)],
};

const endpoints: TableDef = {
  columns: [c('Name'), c('Endpoints'), c('Age')],
  row(o, now) {
    const list: string[] = [];
    let total = 0;
    for (const ss of o.subsets ?? []) {
      for (const a of ss.addresses ?? []) {
        const ports: any[] = ss.ports?.length ? ss.ports : [{}];
        for (const p of ports) {
          total++;
          if (list.length < 3) list.push(p.port !== undefined ? `${a.ip}:${p.port}` : a.ip);
        }
      }
    }
    let cell = list.length ? list.join(',') : '<none>';
    if (total > 3) cell += ` + ${total - 3} more...`;
    return [o.metadata.name!, cell, age(o.metadata.creationTimestamp, now)];
  },
};

export function eventLastSeen(e: KObject): string | undefined {
  if (e.series?.lastObservedTime) return e.series.lastObservedTime;
  return e.lastTimestamp || e.firstTimestamp || e.eventTime || undefined;
}

const events: TableDef = {
  columns: [c('Last Seen'), c('Type'), c('Reason'), c('Object'), c('Subobject', 1), c('Source', 1), c('Message'), c('First Seen', 1), c('Count', 1), c('Name', 1)],
  row(e, now) {
    const src = e.source?.component ? (e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component) : e.reportingComponent ?? '';
    const first = e.firstTimestamp || e.eventTime;
    return [
      age(eventLastSeen(e), now),
      e.type ?? '',
      e.reason ?? '',
      `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
      e.involvedObject?.fieldPath ?? '',
      src,
      (e.message ?? '').trim(),
      age(first, now),
      String(e.count ?? 1),
      e.metadata.name!,
    ];
  },
};

export const defaultTable: TableDef = {
  columns: [c('Name'), c('Age')],
  row: (o, now) => [o.metadata.name!, age(o.metadata.creationTimestamp, now)],
};

export const TABLES: Record<string, TableDef> = {
  pods,
  nodes,
  namespaces,
  services,
  configmaps,
  secrets,
  serviceaccounts,
  endpoints,
  events,
  'deployments.apps': deployments,
  'replicasets.apps': replicasets,
  'daemonsets.apps': daemonsets,
  'statefulsets.apps': statefulsets,
};

export function tableFor(gr: string): TableDef {
  return TABLES[gr] ?? defaultTable;
}
