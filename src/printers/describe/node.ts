/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types.js';
import { tabbed, type DescribeWriter } from './writer.js';
import { type DescribeClock, fmtTime, since, labelsMultiline, annotationsMultiline, taintsMultiline, describeEvents } from './common.js';
import { Quantity } from '../../util/quantity.js';

/** The node's lease, or the error text of fetching it. */
export type LeaseResult = { lease: KObject } | { error: string };

type ResourceMap = Map<string, Quantity>;

function addList(into: ResourceMap, list: Record<string, unknown> | undefined | ResourceMap): void {
  const entries = list instanceof Map ? [...list] : Object.entries(list ?? {}).map(([k, v]) => [k, Quantity.parse(v)] as const);
  for (const [k, q] of entries) {
    if (!q) continue;
    const prev = into.get(k);
    into.set(k, prev ? prev.add(q) : q);
  }
}

function maxList(into: ResourceMap, list: ResourceMap): void {
  for (const [k, q] of list) {
    const prev = into.get(k);
    if (!prev || q.cmp(prev) > 0) into.set(k, q);
  }
}

/** resourcehelper.PodRequestsAndLimits: containers, sidecars and init containers, plus overhead. */
export function podRequestsAndLimits(pod: KObject): [ResourceMap, ResourceMap] {
  const spec = pod.spec ?? {};
  const statuses = new Map<string, any>();
  for (const s of pod.status?.containerStatuses ?? []) statuses.set(s.name, s);
  const total = (kind: 'requests' | 'limits'): ResourceMap => {
    const out: ResourceMap = new Map();
    for (const ct of spec.containers ?? []) {
      let list: Record<string, unknown> | ResourceMap | undefined = ct.resources?.[kind];
      const st = statuses.get(ct.name);
      if (kind === 'requests' && st?.resources) {
        if (pod.status?.resize === 'Infeasible') list = st.resources.requests;
        else {
          const m: ResourceMap = new Map();
          addList(m, ct.resources?.requests);
          const other: ResourceMap = new Map();
          addList(other, st.resources.requests);
          for (const [k, q] of other) if (!m.has(k) || m.get(k)!.cmp(q) <= 0) m.set(k, q);
          list = m;
        }
      }
      addList(out, list);
    }
    const restartable: ResourceMap = new Map();
    const init: ResourceMap = new Map();
    for (const ct of spec.initContainers ?? []) {
      let cur: ResourceMap = new Map();
      addList(cur, ct.resources?.[kind]);
      if (ct.restartPolicy === 'Always') {
        addList(out, cur);
        addList(restartable, cur);
        cur = new Map(restartable);
      } else {
        addList(cur, restartable);
      }
      maxList(init, cur);
    }
    maxList(out, init);
    if (spec.overhead) {
      if (kind === 'requests') addList(out, spec.overhead);
      else
        for (const [k, v] of Object.entries(spec.overhead)) {
          const q = Quantity.parse(v);
          const cur = out.get(k);
          if (q && cur && !cur.isZero()) out.set(k, cur.add(q));
        }
    }
    return out;
  };
  return [total('requests'), total('limits')];
}

/** int64(float64(a) / float64(b) * 100), including Go's result for NaN and ±Inf on amd64. */
const pct = (a: number, b: number): string => {
  const v = (a / b) * 100;
  return Number.isFinite(v) ? String(Math.trunc(v) || 0) : '-9223372036854775808';
};

const get = (m: ResourceMap, k: string): Quantity => m.get(k) ?? Quantity.zero();

function findRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

function resourceList(w: DescribeWriter, list: Record<string, unknown>): void {
  for (const k of Object.keys(list).sort()) w.write(0, `  ${k}:\t${Quantity.parse(list[k])?.toString() ?? String(list[k])}\n`);
}

function nodeResources(w: DescribeWriter, node: KObject, pods: KObject[], c: DescribeClock): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocList = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const alloc: ResourceMap = new Map();
  addList(alloc, allocList);
  const allocCpu = get(alloc, 'cpu').milliValue();
  const allocMem = get(alloc, 'memory').value();
  const reqs: ResourceMap = new Map();
  const limits: ResourceMap = new Map();
  for (const pod of pods) {
    const [req, lim] = podRequestsAndLimits(pod);
    const cr = get(req, 'cpu');
    const cl = get(lim, 'cpu');
    const mr = get(req, 'memory');
    const ml = get(lim, 'memory');
    w.write(
      1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t${cr} (${pct(cr.milliValue(), allocCpu)}%)\t${cl} (${pct(cl.milliValue(), allocCpu)}%)\t${mr} (${pct(mr.value(), allocMem)}%)\t${ml} (${pct(ml.value(), allocMem)}%)\t${since(c, pod.metadata.creationTimestamp)}\n`,
    );
    addList(reqs, req);
    addList(limits, lim);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const frac = (q: Quantity, total: number, milli: boolean) => (total !== 0 ? pct(milli ? q.milliValue() : q.value(), total) : '0');
  const row = (name: string, milli: boolean, total: number) => {
    const r = get(reqs, name);
    const l = get(limits, name);
    w.write(1, `${name}\t${r} (${frac(r, total, milli)}%)\t${l} (${frac(l, total, milli)}%)\n`);
  };
  row('cpu', true, allocCpu);
  row('memory', false, allocMem);
  row('ephemeral-storage', false, get(alloc, 'ephemeral-storage').value());
  const names = Object.keys(allocList);
  const huge = names.filter((n) => n.startsWith('hugepages-')).sort();
  const ext = names.filter((n) => !n.startsWith('hugepages-') && !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(n)).sort();
  for (const h of huge) row(h, false, get(alloc, h).value());
  for (const e of ext) w.write(1, `${e}\t${get(reqs, e)}\t${get(limits, e)}\n`);
}

export function describeNode(node: KObject, pods: KObject[], lease: LeaseResult, events: KObject[] | undefined, c: DescribeClock): string {
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${node.metadata.name}\n`);
    const roles = findRoles(node.metadata.labels);
    w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
    labelsMultiline(w, 'Labels', node.metadata.labels);
    annotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(0, `CreationTimestamp:\t${fmtTime(c, node.metadata.creationTimestamp)}\n`);
    taintsMultiline(w, 'Taints', spec.taints);
    w.write(0, `Unschedulable:\t${spec.unschedulable ? 'true' : 'false'}\n`);
    if ('lease' in lease) {
      const ls = lease.lease.spec ?? {};
      w.write(0, 'Lease:\n');
      w.write(1, `HolderIdentity:\t${ls.holderIdentity ?? '<unset>'}\n`);
      w.write(1, `AcquireTime:\t${ls.acquireTime ? fmtTime(c, ls.acquireTime) : '<unset>'}\n`);
      w.write(1, `RenewTime:\t${ls.renewTime ? fmtTime(c, ls.renewTime) : '<unset>'}\n`);
    } else {
      w.write(0, `Lease:\tFailed to get lease: ${lease.error}\n`);
    }
    const conds: any[] = status.conditions ?? [];
    if (conds.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const x of conds) {
        w.write(1, `${x.type ?? ''} \t${x.status ?? ''} \t${fmtTime(c, x.lastHeartbeatTime)} \t${fmtTime(c, x.lastTransitionTime)} \t${x.reason ?? ''} \t${x.message ?? ''}\n`);
      }
    }
    w.write(0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(1, `${a.type ?? ''}:\t${a.address ?? ''}\n`);
    if (Object.keys(status.capacity ?? {}).length) {
      w.write(0, 'Capacity:\n');
      resourceList(w, status.capacity);
    }
    if (Object.keys(status.allocatable ?? {}).length) {
      w.write(0, 'Allocatable:\n');
      resourceList(w, status.allocatable);
    }
    const info = status.nodeInfo ?? {};
    w.write(0, 'System Info:\n');
    w.write(0, `  Machine ID:\t${info.machineID ?? ''}\n`);
    w.write(0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
    w.write(0, `  Boot ID:\t${info.bootID ?? ''}\n`);
    w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
    w.write(0, `  OS Image:\t${info.osImage ?? ''}\n`);
    w.write(0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
    w.write(0, `  Architecture:\t${info.architecture ?? ''}\n`);
    w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
    w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
    w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
    if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
    nodeResources(w, node, pods, c);
    if (events) describeEvents(w, events, c);
  });
}
