/**
 * metrics.k8s.io as metrics-server would serve it: usage of running containers and of nodes. The
 * numbers are simulated: a plausible base per kind of image, varied per container and per minute
 * from the container's uid (deterministic for a seed and a clock), never above a container's limits.
 */
import type { ApiServer } from './server.js';
import type { KObject } from './types.js';
import { forGroupResource } from './registry.js';
import { Quantity } from '../util/quantity.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const NODES = forGroupResource('nodes')!;
const MI = 1024 * 1024;

export interface Usage {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
}

export interface ContainerMetrics {
  name: string;
  usage: Usage;
}

export interface PodMetrics {
  namespace: string;
  name: string;
  containers: ContainerMetrics[];
}

/** [cpu m from, to], [memory Mi from, to] by image name. */
const PROFILES: [RegExp, [number, number], [number, number]][] = [
  [/etcd/, [20, 45], [40, 70]],
  [/kube-apiserver/, [40, 90], [220, 320]],
  [/kube-controller-manager/, [12, 25], [45, 60]],
  [/kube-scheduler/, [2, 6], [20, 28]],
  [/coredns/, [1, 4], [12, 18]],
  [/kube-proxy/, [1, 2], [14, 20]],
  [/kindnet/, [1, 2], [9, 13]],
  [/nginx|httpd|caddy/, [0, 2], [2, 9]],
  [/redis|memcached/, [1, 4], [3, 10]],
  [/postgres|mysql|mariadb|mongo/, [3, 15], [30, 380]],
  [/busybox|alpine|ubuntu|debian|curl/, [0, 1], [0, 2]],
];

/** A small deterministic hash of text into [0, 1). */
function unit(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

const limitOf = (c: any, res: string, scale: 0 | -3) => {
  const q = Quantity.parse(c.resources?.limits?.[res]);
  return q ? Number(q.scaledValue(scale)) : Infinity;
};

function containerUsage(pod: KObject, spec: any, now: number): Usage {
  const image: string = spec.image ?? '';
  const [, cpuRange, memRange] = PROFILES.find(([re]) => re.test(image)) ?? [null, [1, 5], [10, 50]];
  const key = `${pod.metadata.uid}/${spec.name}/${Math.floor(now / 60_000)}`;
  const cpu = Math.round(cpuRange[0] + (cpuRange[1] - cpuRange[0]) * unit(key + 'c'));
  const memory = Math.round((memRange[0] + (memRange[1] - memRange[0]) * unit(key + 'm')) * MI);
  return { cpu: Math.min(cpu, limitOf(spec, 'cpu', -3)), memory: Math.min(memory, limitOf(spec, 'memory', 0)) };
}

/** PodMetrics of the running pods in a namespace (undefined: all namespaces). */
export function podMetrics(api: ApiServer, ns: string | undefined, opts: { labelSelector?: string; fieldSelector?: string } = {}): PodMetrics[] {
  const out: PodMetrics[] = [];
  for (const pod of api.list(PODS, ns, { labelSelector: opts.labelSelector || undefined, fieldSelector: opts.fieldSelector || undefined })) {
    if (pod.status?.phase !== 'Running') continue;
    const running = new Set((pod.status?.containerStatuses ?? []).filter((c: any) => c.state?.running).map((c: any) => c.name));
    const containers = (pod.spec?.containers ?? []).filter((c: any) => running.has(c.name)).map((c: any) => ({ name: c.name, usage: containerUsage(pod, c, api.now) }));
    if (containers.length) out.push({ namespace: pod.metadata.namespace!, name: pod.metadata.name!, containers });
  }
  return out;
}

/** NodeMetrics: the node's pods plus what the system itself uses (kubelet, runtime, OS). */
export function nodeMetrics(api: ApiServer, labelSelector?: string): { node: KObject; usage: Usage }[] {
  const all = podMetrics(api, undefined);
  const byNode = new Map<string, Usage>();
  for (const m of all) {
    const pod = api.peek(PODS, m.namespace, m.name);
    const node = pod?.spec?.nodeName;
    if (!node) continue;
    const u = byNode.get(node) ?? { cpu: 0, memory: 0 };
    for (const c of m.containers) {
      u.cpu += c.usage.cpu;
      u.memory += c.usage.memory;
    }
    byNode.set(node, u);
  }
  return api
    .list(NODES, undefined, { labelSelector: labelSelector || undefined })
    .filter((n) => (n.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'))
    .map((node) => {
      const pods = byNode.get(node.metadata.name!) ?? { cpu: 0, memory: 0 };
      const key = `${node.metadata.uid}/${Math.floor(api.now / 60_000)}`;
      return { node, usage: { cpu: pods.cpu + 60 + Math.round(60 * unit(key + 'c')), memory: pods.memory + Math.round((450 + 150 * unit(key + 'm')) * MI) } };
    });
}
