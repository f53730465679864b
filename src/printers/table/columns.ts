/**
 * The server-side table printers (kubernetes pkg/printers/internalversion): columns per resource and
 * the rules that turn an object into its row cells. priority 1 columns show only with -o wide.
 * Like the server, a row may have fewer cells than there are columns (PriorityClass without -o wide).
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
  /** The row's cells (wide cells only when `wide`, as the server builds them). */
  row(o: KObject, now: number, wide: boolean): string[];
}

const c = (name: string, priority: 0 | 1 = 0): Column => ({ name, priority });

/** labels.FormatLabels: sorted k=v pairs, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

/** labels.Selector.String() of a LabelSelector: requirements sorted by key, values sorted. */
export function selectorString(sel: any): string {
  if (!sel) return '';
  const reqs: [string, string][] = [];
  for (const k of Object.keys(sel.matchLabels ?? {})) reqs.push([k, `${k}=${sel.matchLabels[k]}`]);
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...((e.values ?? []) as string[])].sort().join(',');
    switch (e.operator) {
      case 'In':
        reqs.push([e.key, `${e.key} in (${vals})`]);
        break;
      case 'NotIn':
        reqs.push([e.key, `${e.key} notin (${vals})`]);
        break;
      case 'Exists':
        reqs.push([e.key, e.key]);
        break;
      case 'DoesNotExist':
        reqs.push([e.key, `!${e.key}`]);
        break;
    }
  }
  reqs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return reqs.map((r) => r[1]).join(',');
}

/** metav1.FormatLabelSelector: the selector's string, `<none>` when empty. */
export function formatSelector(sel: any): string {
  return selectorString(sel) || '<none>';
}

function containersAndImages(spec: any): [string, string] {
  const cs: any[] = spec?.containers ?? [];
  return [cs.map((x) => x.name ?? '').join(','), cs.map((x) => x.image ?? '').join(',')];
}

const created = (o: KObject, now: number) => age(o.metadata.creationTimestamp, now);
const int = (v: unknown) => String(typeof v === 'number' ? v : 0);
const boolStr = (v: unknown) => (v ? 'true' : 'false');

// ---- Pod -----------------------------------------------------------------------------------------

const isSidecar = (spec: any) => spec?.restartPolicy === 'Always';

/** The pod row's READY, STATUS and RESTARTS, as printPod computes them. */
export function podSummary(p: KObject, now: number): { ready: string; reason: string; restarts: string } {
  const status = p.status ?? {};
  const spec = p.spec ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let reason: string = status.reason || status.phase || '';
  for (const cond of status.conditions ?? []) if (cond.type === 'PodScheduled' && cond.reason === 'SchedulingGated') reason = 'SchedulingGated';
  const initSpecs = new Map<string, any>();
  for (const ic of spec.initContainers ?? []) {
    initSpecs.set(ic.name, ic);
    if (isSidecar(ic)) total++;
  }
  const finished = (s: any) => {
    const f = s.lastState?.terminated?.finishedAt;
    return f ? Date.parse(f) : 0;
  };
  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const s = initStatuses[i];
    restarts += s.restartCount ?? 0;
    if (s.lastState?.terminated && finished(s) > lastRestart) lastRestart = finished(s);
    const sidecar = isSidecar(initSpecs.get(s.name));
    if (sidecar) {
      sidecarRestarts += s.restartCount ?? 0;
      if (s.lastState?.terminated && finished(s) > lastSidecarRestart) lastSidecarRestart = finished(s);
    }
    const t = s.state?.terminated;
    if (t && (t.exitCode ?? 0) === 0) continue;
    if (sidecar && s.started) {
      if (s.ready) ready++;
      continue;
    }
    if (t) {
      if (!t.reason) reason = t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode ?? 0}`;
      else reason = `Init:${t.reason}`;
    } else if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') reason = `Init:${s.state.waiting.reason}`;
    else reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    initializing = true;
    break;
  }
  const initialized = (status.conditions ?? []).some((x: any) => x.type === 'Initialized' && x.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const cs: any[] = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const s = cs[i];
      restarts += s.restartCount ?? 0;
      if (s.lastState?.terminated && finished(s) > lastRestart) lastRestart = finished(s);
      const t = s.state?.terminated;
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
      else if (s.ready && s.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((x: any) => x.type === 'Ready' && x.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (p.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (p.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  const restartsStr = restarts !== 0 && lastRestart ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, reason, restarts: restartsStr };
}

/** The pod's STATUS column. */
export function podStatus(p: KObject, now = 0): string {
  return podSummary(p, now).reason;
}

const pods: TableDef = {
  columns: [c('Name'), c('Ready'), c('Status'), c('Restarts'), c('Age'), c('IP', 1), c('Node', 1), c('Nominated Node', 1), c('Readiness Gates', 1)],
  row(p, now, wide) {
    const s = podSummary(p, now);
    const cells = [p.metadata.name!, s.ready, s.reason, s.restarts, created(p, now)];
    if (wide) {
      const gates: any[] = p.spec?.readinessGates ?? [];
      let gatesCell = '<none>';
      if (gates.length) {
        let n = 0;
        for (const g of gates) {
          const cond = (p.status?.conditions ?? []).find((x: any) => x.type === g.conditionType);
          if (cond?.status === 'True') n++;
        }
        gatesCell = `${n}/${gates.length}`;
      }
      cells.push(p.status?.podIPs?.[0]?.ip || '<none>', p.spec?.nodeName || '<none>', p.status?.nominatedNodeName || '<none>', gatesCell);
    }
    return cells;
  },
};

const podtemplates: TableDef = {
  columns: [c('Name'), c('Containers'), c('Images'), c('Pod Labels')],
  row(o) {
    const [cs, is] = containersAndImages(o.template?.spec);
    return [o.metadata.name!, cs, is, formatLabels(o.template?.metadata?.labels)];
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
  const status = !ready ? ['Unknown'] : [ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (n.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const nodes: TableDef = {
  columns: [c('Name'), c('Status'), c('Roles'), c('Age'), c('Version'), c('Internal-IP', 1), c('External-IP', 1), c('OS-Image', 1), c('Kernel-Version', 1), c('Container-Runtime', 1)],
  row(n, now, wide) {
    const info = n.status?.nodeInfo ?? {};
    const cells = [n.metadata.name!, nodeStatus(n), nodeRoles(n), created(n, now), info.kubeletVersion ?? ''];
    if (wide) {
      const addr = (t: string) => (n.status?.addresses ?? []).find((a: any) => a.type === t)?.address ?? '<none>';
      cells.push(addr('InternalIP'), addr('ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>');
    }
    return cells;
  },
};

// ---- Workloads -----------------------------------------------------------------------------------

const deployments: TableDef = {
  columns: [c('Name'), c('Ready'), c('Up-to-date'), c('Available'), c('Age'), c('Containers', 1), c('Images', 1), c('Selector', 1)],
  row(d, now, wide) {
    const cells = [d.metadata.name!, `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, int(d.status?.updatedReplicas), int(d.status?.availableReplicas), created(d, now)];
    if (wide) cells.push(...containersAndImages(d.spec?.template?.spec), selectorString(d.spec?.selector));
    return cells;
  },
};

const replicaLike = (specReplicas: (o: KObject) => unknown): TableDef => ({
  columns: [c('Name'), c('Desired'), c('Current'), c('Ready'), c('Age'), c('Containers', 1), c('Images', 1), c('Selector', 1)],
  row(r, now, wide) {
    const cells = [r.metadata.name!, int(specReplicas(r)), int(r.status?.replicas), int(r.status?.readyReplicas), created(r, now)];
    if (wide) cells.push(...containersAndImages(r.spec?.template?.spec), formatSelector(r.spec?.selector));
    return cells;
  },
});

const replicasets = replicaLike((r) => r.spec?.replicas);

const replicationcontrollers: TableDef = {
  columns: replicasets.columns,
  row(r, now, wide) {
    const cells = [r.metadata.name!, int(r.spec?.replicas), int(r.status?.replicas), int(r.status?.readyReplicas), created(r, now)];
    if (wide) cells.push(...containersAndImages(r.spec?.template?.spec), formatLabels(r.spec?.selector));
    return cells;
  },
};

const daemonsets: TableDef = {
  columns: [c('Name'), c('Desired'), c('Current'), c('Ready'), c('Up-to-date'), c('Available'), c('Node Selector'), c('Age'), c('Containers', 1), c('Images', 1), c('Selector', 1)],
  row(d, now, wide) {
    const s = d.status ?? {};
    const cells = [
      d.metadata.name!,
      int(s.desiredNumberScheduled),
      int(s.currentNumberScheduled),
      int(s.numberReady),
      int(s.updatedNumberScheduled),
      int(s.numberAvailable),
      formatLabels(d.spec?.template?.spec?.nodeSelector),
      created(d, now),
    ];
    if (wide) cells.push(...containersAndImages(d.spec?.template?.spec), formatSelector(d.spec?.selector));
    return cells;
  },
};

const statefulsets: TableDef = {
  columns: [c('Name'), c('Ready'), c('Age'), c('Containers', 1), c('Images', 1)],
  row(s, now, wide) {
    const cells = [s.metadata.name!, `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, created(s, now)];
    if (wide) cells.push(...containersAndImages(s.spec?.template?.spec));
    return cells;
  },
};

const condTrue = (o: KObject, type: string) => {
  const cond = (o.status?.conditions ?? []).find((x: any) => x.type === type);
  return cond ? cond.status === 'True' : false;
};

const jobs: TableDef = {
  columns: [c('Name'), c('Status'), c('Completions'), c('Duration'), c('Age'), c('Containers', 1), c('Images', 1), c('Selector', 1)],
  row(j, now, wide) {
    const succeeded = j.status?.succeeded ?? 0;
    let completions: string;
    if (j.spec?.completions !== undefined && j.spec?.completions !== null) completions = `${succeeded}/${j.spec.completions}`;
    else {
      const parallelism = j.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    let duration = '';
    const start = j.status?.startTime;
    if (start) {
      const done = j.status?.completionTime;
      duration = humanDuration((done ? Date.parse(done) : now) - Date.parse(start));
    }
    let status = 'Running';
    if (condTrue(j, 'Complete')) status = 'Complete';
    else if (condTrue(j, 'Failed')) status = 'Failed';
    else if (j.metadata.deletionTimestamp) status = 'Terminating';
    else if (condTrue(j, 'Suspended')) status = 'Suspended';
    else if (condTrue(j, 'FailureTarget')) status = 'FailureTarget';
    const cells = [j.metadata.name!, status, completions, duration, created(j, now)];
    if (wide) cells.push(...containersAndImages(j.spec?.template?.spec), formatSelector(j.spec?.selector));
    return cells;
  },
};

const cronjobs: TableDef = {
  columns: [c('Name'), c('Schedule'), c('Timezone'), c('Suspend'), c('Active'), c('Last Schedule'), c('Age'), c('Containers', 1), c('Images', 1), c('Selector', 1)],
  row(cj, now, wide) {
    const suspend = cj.spec?.suspend;
    const last = cj.status?.lastScheduleTime;
    const cells = [
      cj.metadata.name!,
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      suspend === undefined || suspend === null ? '<unset>' : suspend ? 'True' : 'False',
      String((cj.status?.active ?? []).length),
      last ? age(last, now) : '<none>',
      created(cj, now),
    ];
    if (wide) {
      const jt = cj.spec?.jobTemplate?.spec;
      cells.push(...containersAndImages(jt?.template?.spec), formatSelector(jt?.selector));
    }
    return cells;
  },
};

const controllerrevisions: TableDef = {
  columns: [c('Name'), c('Controller'), c('Revision'), c('Age')],
  row(o, now) {
    const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      const av = ref.apiVersion ?? '';
      const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
      controller = `${ref.kind.toLowerCase()}${group ? '.' + group : ''}/${ref.name}`;
    }
    return [o.metadata.name!, controller, int(o.revision), created(o, now)];
  },
};

const horizontalpodautoscalers: TableDef = {
  columns: [c('Name'), c('Reference'), c('Targets'), c('MinPods'), c('MaxPods'), c('Replicas'), c('Age')],
  row(h, now) {
    const ref = h.spec?.scaleTargetRef ?? {};
    const min = h.spec?.minReplicas;
    return [
      h.metadata.name!,
      `${ref.kind ?? ''}/${ref.name ?? ''}`,
      hpaTargets(h.spec?.metrics ?? [], h.status?.currentMetrics ?? []),
      min === undefined || min === null ? '<unset>' : String(min),
      int(h.spec?.maxReplicas),
      int(h.status?.currentReplicas),
      created(h, now),
    ];
  },
};

function hpaTargets(specs: any[], statuses: any[]): string {
  if (!specs.length) return '<none>';
  const list: string[] = [];
  const q = (v: unknown) => (v === undefined || v === null ? '0' : String(v));
  specs.forEach((spec, i) => {
    const st = statuses[i];
    switch (spec.type) {
      case 'External': {
        const t = spec.external?.target ?? {};
        if (t.averageValue !== undefined) list.push(`${st?.external?.current?.averageValue !== undefined ? q(st.external.current.averageValue) : '<unknown>'}/${q(t.averageValue)} (avg)`);
        else list.push(`${st?.external ? q(st.external.current?.value) : '<unknown>'}/${q(t.value)}`);
        break;
      }
      case 'Pods':
        list.push(`${st?.pods ? q(st.pods.current?.averageValue) : '<unknown>'}/${q(spec.pods?.target?.averageValue)}`);
        break;
      case 'Object': {
        const t = spec.object?.target ?? {};
        if (t.averageValue !== undefined) list.push(`${st?.object?.current?.averageValue !== undefined ? q(st.object.current.averageValue) : '<unknown>'}/${q(t.averageValue)} (avg)`);
        else list.push(`${st?.object ? q(st.object.current?.value) : '<unknown>'}/${q(t.value)}`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const r = spec[key] ?? {};
        const t = r.target ?? {};
        const cur = st?.[key];
        if (t.averageValue !== undefined) list.push(`${r.name}: ${cur ? q(cur.current?.averageValue) : '<unknown>'}/${q(t.averageValue)}`);
        else {
          const current = cur?.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : '<unknown>';
          const target = t.averageUtilization !== undefined ? `${t.averageUtilization}%` : '<auto>';
          list.push(`${r.name}: ${current}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

const poddisruptionbudgets: TableDef = {
  columns: [c('Name'), c('Min Available'), c('Max Unavailable'), c('Allowed Disruptions'), c('Age')],
  row(o, now) {
    const s = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));
    return [o.metadata.name!, s(o.spec?.minAvailable), s(o.spec?.maxUnavailable), int(o.status?.disruptionsAllowed), created(o, now)];
  },
};

// ---- Core ----------------------------------------------------------------------------------------

const namespaces: TableDef = {
  columns: [c('Name'), c('Status'), c('Age')],
  row: (n, now) => [n.metadata.name!, n.status?.phase ?? '', created(n, now)],
};

function servicePorts(s: KObject): string {
  const ports: any[] = s.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`)).join(',');
}

function loadBalancerIngress(ingress: any[] | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  let r = [...set].sort().join(',');
  if (!wide && Buffer.byteLength(r) > 16) r = Buffer.from(r).subarray(0, 13).toString() + '...';
  return r;
}

function serviceExternalIP(s: KObject, wide: boolean): string {
  const spec = s.spec ?? {};
  const ext: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(s.status?.loadBalancer?.ingress, wide);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

const services: TableDef = {
  columns: [c('Name'), c('Type'), c('Cluster-IP'), c('External-IP'), c('Port(s)'), c('Age'), c('Selector', 1)],
  row(s, now, wide) {
    const cells = [s.metadata.name!, s.spec?.type ?? '', s.spec?.clusterIPs?.[0] ?? '<none>', serviceExternalIP(s, wide), servicePorts(s), created(s, now)];
    if (wide) cells.push(formatLabels(s.spec?.selector));
    return cells;
  },
};

const configmaps: TableDef = {
  columns: [c('Name'), c('Data'), c('Age')],
  row: (o, now) => [o.metadata.name!, String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length), created(o, now)],
};

const secrets: TableDef = {
  columns: [c('Name'), c('Type'), c('Data'), c('Age')],
  row: (o, now) => [o.metadata.name!, o.type ?? '', String(Object.keys(o.data ?? {}).length), created(o, now)],
};

const serviceaccounts: TableDef = {
  columns: [c('Name'), c('Secrets'), c('Age')],
  row: (o, now) => [o.metadata.name!, String((o.secrets ?? []).length), created(o, now)],
};

const joinHostPort = (ip: string, port: unknown) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** formatEndpoints: ip:port per address × port, at most 3, then " + N more...". */
export function formatEndpoints(o: KObject): string {
  const subsets: any[] = o.subsets ?? [];
  if (!subsets.length) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs: any[] = ss.addresses ?? [];
    const ports: any[] = ss.ports ?? [];
    if (!ports.length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === 3) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === 3) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, p.port ?? 0));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - 3} more...` : ret;
}

const endpoints: TableDef = {
  columns: [c('Name'), c('Endpoints'), c('Age')],
  row: (o, now) => [o.metadata.name!, formatEndpoints(o), created(o, now)],
};

function listWithMore(list: string[], count: number): string {
  const shown = list.slice(0, 3);
  const ret = shown.join(',');
  if (count > 3) return `${ret} + ${count - 3} more...`;
  return ret || '<unset>';
}

const endpointslices: TableDef = {
  columns: [c('Name'), c('AddressType'), c('Ports'), c('Endpoints'), c('Age')],
  row(o, now) {
    const ports = (o.ports ?? []).map((p: any) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name !== undefined && p.name !== null ? p.name : '*'));
    const addrs = (o.endpoints ?? []).flatMap((e: any) => e.addresses ?? []);
    return [o.metadata.name!, o.addressType ?? '', listWithMore(ports, ports.length), listWithMore(addrs, addrs.length), created(o, now)];
  },
};

export function eventLastSeen(e: KObject): string | undefined {
  if (e.series?.lastObservedTime) return e.series.lastObservedTime;
  return e.lastTimestamp || e.firstTimestamp || e.eventTime || undefined;
}

/** formatEventSource: component (or reporting controller), then ", host" (or reporting instance). */
export function eventSource(e: KObject): string {
  const component = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

const events: TableDef = {
  columns: [c('Last Seen'), c('Type'), c('Reason'), c('Object'), c('Subobject', 1), c('Source', 1), c('Message'), c('First Seen', 1), c('Count', 1), c('Name', 1)],
  row(e, now, wide) {
    const first = e.firstTimestamp ? age(e.firstTimestamp, now) : age(e.eventTime, now);
    let last = e.lastTimestamp ? age(e.lastTimestamp, now) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = age(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (!count) count = 1;
    const io = e.involvedObject ?? {};
    const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
    const message = (e.message ?? '').trim();
    if (wide) return [last, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', eventSource(e), message, first, String(count), e.metadata.name!];
    return [last, e.type ?? '', e.reason ?? '', target, message];
  },
};

const ACCESS_MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];
const accessModes = (modes: string[] | undefined) =>
  ACCESS_MODES.filter(([m]) => (modes ?? []).includes(m))
    .map(([, s]) => s)
    .join(',');

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

const persistentvolumes: TableDef = {
  columns: [
    c('Name'),
    c('Capacity'),
    c('Access Modes'),
    c('Reclaim Policy'),
    c('Status'),
    c('Claim'),
    c('StorageClass'),
    c('VolumeAttributesClass'),
    c('Reason'),
    c('Age'),
    c('VolumeMode', 1),
  ],
  row(pv, now) {
    const ref = pv.spec?.claimRef;
    const claim = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
    const cls = pv.metadata.annotations?.[BETA_CLASS] ?? pv.spec?.storageClassName ?? '';
    return [
      pv.metadata.name!,
      String(pv.spec?.capacity?.storage ?? '0'),
      accessModes(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      claim,
      cls,
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      created(pv, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

const persistentvolumeclaims: TableDef = {
  columns: [c('Name'), c('Status'), c('Volume'), c('Capacity'), c('Access Modes'), c('StorageClass'), c('VolumeAttributesClass'), c('Age'), c('VolumeMode', 1)],
  row(pvc, now) {
    const bound = !!pvc.spec?.volumeName;
    const cls = pvc.metadata.annotations?.[BETA_CLASS] ?? pvc.spec?.storageClassName ?? '';
    return [
      pvc.metadata.name!,
      pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      pvc.spec?.volumeName ?? '',
      bound ? String(pvc.status?.capacity?.storage ?? '0') : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      cls,
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      created(pvc, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

const resourcequotas: TableDef = {
  columns: [c('Name'), c('Request'), c('Limit'), c('Age')],
  row(q, now) {
    const hard = q.status?.hard ?? {};
    const used = q.status?.used ?? {};
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const piece = `${r}: ${used[r] ?? '0'}/${hard[r]}`;
      const parts = r.split('.');
      if (parts.length > 1 && parts[0] === 'limits') lim.push(piece);
      else req.push(piece);
    }
    return [q.metadata.name!, req.join(', '), lim.join(', '), created(q, now)];
  },
};

// ---- Networking, RBAC, scheduling, storage, coordination -------------------------------------------

const ingresses: TableDef = {
  columns: [c('Name'), c('Class'), c('Hosts'), c('Address'), c('Ports'), c('Age')],
  row(i, now, wide) {
    const rules: any[] = i.spec?.rules ?? [];
    const list: string[] = [];
    let more = false;
    for (const r of rules) {
      if (list.length === 3) more = true;
      if (!more && r.host) list.push(r.host);
    }
    const hosts = !list.length ? '*' : more ? `${list.join(',')} + ${rules.length - 3} more...` : list.join(',');
    return [i.metadata.name!, i.spec?.ingressClassName ?? '<none>', hosts, loadBalancerIngress(i.status?.loadBalancer?.ingress, wide), (i.spec?.tls ?? []).length ? '80, 443' : '80', created(i, now)];
  },
};

const ingressclasses: TableDef = {
  columns: [c('Name'), c('Controller'), c('Parameters'), c('Age')],
  row(o, now) {
    const p = o.spec?.parameters;
    const params = p ? `${p.kind ?? ''}${p.apiGroup !== undefined && p.apiGroup !== null ? '.' + p.apiGroup : ''}/${p.name ?? ''}` : '<none>';
    return [o.metadata.name!, o.spec?.controller ?? '', params, created(o, now)];
  },
};

const networkpolicies: TableDef = {
  columns: [c('Name'), c('Pod-Selector'), c('Age')],
  row: (o, now) => [o.metadata.name!, formatSelector(o.spec?.podSelector ?? {}), created(o, now)],
};

function subjects(o: KObject): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of o.subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

const bindings: TableDef = {
  columns: [c('Name'), c('Role'), c('Age'), c('Users', 1), c('Groups', 1), c('ServiceAccounts', 1)],
  row(o, now, wide) {
    const cells = [o.metadata.name!, `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`, created(o, now)];
    if (wide) cells.push(...subjects(o));
    return cells;
  },
};

const priorityclasses: TableDef = {
  columns: [c('Name'), c('Value'), c('Global-Default'), c('Age'), c('PreemptionPolicy')],
  row(o, now, wide) {
    const cells = [o.metadata.name!, int(o.value), boolStr(o.globalDefault), created(o, now)];
    if (wide) cells.push(o.preemptionPolicy ?? '');
    return cells;
  },
};

const storageclasses: TableDef = {
  columns: [c('Name'), c('Provisioner'), c('ReclaimPolicy'), c('VolumeBindingMode'), c('AllowVolumeExpansion'), c('Age')],
  row(o, now) {
    const ann = o.metadata.annotations ?? {};
    const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [
      o.metadata.name! + (isDefault ? ' (default)' : ''),
      o.provisioner ?? '',
      o.reclaimPolicy ?? 'Delete',
      o.volumeBindingMode ?? 'Immediate',
      boolStr(o.allowVolumeExpansion),
      created(o, now),
    ];
  },
};

const leases: TableDef = {
  columns: [c('Name'), c('Holder'), c('Age')],
  row: (o, now) => [o.metadata.name!, o.spec?.holderIdentity ?? '', created(o, now)],
};

/** The API server's default table (rest.DefaultTableConvertor) for kinds without a printer. */
export const createdAtTable: TableDef = {
  columns: [c('Name'), c('Created At')],
  row: (o) => [o.metadata.name!, createdAt(o.metadata.creationTimestamp)],
};

/** time.Time.UTC().Format(time.RFC3339) ("0001-01-01T00:00:00Z" when unset). */
function createdAt(ts: string | null | undefined): string {
  const t = ts ? Date.parse(ts) : NaN;
  if (!Number.isFinite(t)) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** kubectl's own NAME/AGE table (--server-print=false, and objects no printer knows). */
export const defaultTable: TableDef = {
  columns: [c('Name'), c('Age')],
  row: (o, now) => [o.metadata.name!, created(o, now)],
};

export const TABLES: Record<string, TableDef> = {
  pods,
  podtemplates,
  nodes,
  namespaces,
  services,
  configmaps,
  secrets,
  serviceaccounts,
  endpoints,
  events,
  persistentvolumes,
  persistentvolumeclaims,
  resourcequotas,
  replicationcontrollers,
  limitranges: createdAtTable,
  'controllerrevisions.apps': controllerrevisions,
  'deployments.apps': deployments,
  'replicasets.apps': replicasets,
  'daemonsets.apps': daemonsets,
  'statefulsets.apps': statefulsets,
  'horizontalpodautoscalers.autoscaling': horizontalpodautoscalers,
  'cronjobs.batch': cronjobs,
  'jobs.batch': jobs,
  'leases.coordination.k8s.io': leases,
  'endpointslices.discovery.k8s.io': endpointslices,
  'ingressclasses.networking.k8s.io': ingressclasses,
  'ingresses.networking.k8s.io': ingresses,
  'networkpolicies.networking.k8s.io': networkpolicies,
  'poddisruptionbudgets.policy': poddisruptionbudgets,
  'clusterrolebindings.rbac.authorization.k8s.io': bindings,
  'rolebindings.rbac.authorization.k8s.io': bindings,
  'clusterroles.rbac.authorization.k8s.io': createdAtTable,
  'roles.rbac.authorization.k8s.io': createdAtTable,
  'priorityclasses.scheduling.k8s.io': priorityclasses,
  'storageclasses.storage.k8s.io': storageclasses,
};

/** The table for a group-resource: its server printer, else the API server's default NAME/CREATED AT. */
export function tableFor(gr: string): TableDef {
  return TABLES[gr] ?? createdAtTable;
}
