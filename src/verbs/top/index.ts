/**
 * `kubectl top pod|node`: usage from the simulated metrics API (src/api/metrics.ts), printed as
 * kubectl's metrics printer does (a tab after every cell, so the last column is padded too).
 */
import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { CliError } from '../../cli/errors.js';
import { forGroupResource } from '../../api/registry.js';
import { podMetrics, nodeMetrics, type Usage, type PodMetrics } from '../../api/metrics.js';
import { TabWriter, GET_TABWRITER } from '../../printers/tabwriter.js';
import { Quantity } from '../../util/quantity.js';
import { usageError } from '../create/common.js';
import * as H from './help.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const NODES = forGroupResource('nodes')!;
const MI = 1024 * 1024;

const cell = (v: string | number) => `${v}\t`;
const cpu = (m: number) => `${m}m`;
const mem = (b: number) => `${Math.floor(b / MI)}Mi`;

function checkSort(sortBy: string): void {
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new CliError('--sort-by accepts only cpu or memory');
}

/** Stable sort as the metrics sorters do: cpu or memory descending, else by name. */
function sortUsage<T>(items: T[], sortBy: string, usage: (t: T) => Usage, name: (t: T) => string): T[] {
  return [...items].sort((a, b) => {
    if (sortBy === 'cpu') return usage(b).cpu - usage(a).cpu;
    if (sortBy === 'memory') return usage(b).memory - usage(a).memory;
    return name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;
  });
}

const sum = (us: Usage[]): Usage => us.reduce((a, u) => ({ cpu: a.cpu + u.cpu, memory: a.memory + u.memory }), { cpu: 0, memory: 0 });

async function topPod(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const name = p.args[0] ?? '';
  if (p.args.length > 1) throw usageError(ctx, H.POD_USE);
  const sortBy = (v['sort-by'] as string) ?? '';
  checkSort(sortBy);
  const selector = (v.selector as string) ?? '';
  if (name && selector) throw new CliError('only one of NAME or selector can be provided');
  const allNs = v['all-namespaces'] === true;
  const ns = ctx.namespace();
  const session = await ctx.cluster();
  const found = await session.tx((api) => {
    if (name) api.get(PODS, ns, name);
    let ms = podMetrics(api, allNs ? undefined : ns, { labelSelector: selector, fieldSelector: v['field-selector'] as string });
    if (name) ms = ms.filter((m) => m.name === name);
    const anyPods = api.list(PODS, allNs ? undefined : ns, { labelSelector: selector || undefined }).length > 0;
    return { ms, anyPods };
  });
  if (!found.ms.length) {
    if (!name && !found.anyPods) {
      ctx.io.err(allNs ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
      return 0;
    }
    throw new CliError('metrics not available yet');
  }
  const containers = v.containers === true;
  const podUsage = (m: PodMetrics) => sum(m.containers.map((c) => c.usage));
  let out = '';
  if (v['no-headers'] !== true) {
    if (allNs) out += cell('NAMESPACE');
    if (containers) out += cell('POD');
    out += `${cell('NAME')}${cell('CPU(cores)')}${cell('MEMORY(bytes)')}\n`;
  }
  const pods = sortUsage(found.ms, sortBy, podUsage, (m) => (allNs ? `${m.namespace}/${m.name}` : m.name));
  for (const m of pods) {
    if (containers) {
      for (const c of sortUsage(m.containers, sortBy, (x) => x.usage, (x) => x.name)) {
        out += `${allNs ? cell(m.namespace) : ''}${cell(m.name)}${cell(c.name)}${cell(cpu(c.usage.cpu))}${cell(mem(c.usage.memory))}\n`;
      }
    } else {
      const u = podUsage(m);
      out += `${allNs ? cell(m.namespace) : ''}${cell(m.name)}${cell(cpu(u.cpu))}${cell(mem(u.memory))}\n`;
    }
  }
  if (v.sum === true) {
    const total = sum(pods.map(podUsage));
    const pad = (allNs ? 1 : 0) + (containers ? 1 : 0) + 1;
    out += `${cell('').repeat(pad)}${cell('________')}${cell('________')}\n`;
    out += `${cell('').repeat(pad)}${cell(cpu(total.cpu))}${cell(mem(total.memory))}\n`;
  }
  ctx.io.out(new TabWriter(GET_TABWRITER).format(out));
  return 0;
}

async function topNode(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const name = p.args[0] ?? '';
  if (p.args.length > 1) throw usageError(ctx, H.NODE_USE);
  const sortBy = (v['sort-by'] as string) ?? '';
  checkSort(sortBy);
  const selector = (v.selector as string) ?? '';
  if (name && selector) throw new CliError('only one of NAME or selector can be provided');
  const session = await ctx.cluster();
  const { ms, nodes } = await session.tx((api) => {
    const nodes = name ? [api.get(NODES, undefined, name)] : api.list(NODES, undefined, { labelSelector: selector || undefined });
    const names = new Set(nodes.map((n) => n.metadata.name));
    return { ms: nodeMetrics(api).filter((m) => names.has(m.node.metadata.name)), nodes };
  });
  if (!ms.length) throw new CliError('metrics not available yet');
  const basis = v['show-capacity'] === true ? 'capacity' : 'allocatable';
  const avail = (n: any, res: string, scale: 0 | -3) => Number(Quantity.parse(n.status?.[basis]?.[res])?.scaledValue(scale) ?? 0);
  let out = v['no-headers'] === true ? '' : `${['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'].map(cell).join('')}\n`;
  for (const m of sortUsage(ms, sortBy, (x) => x.usage, (x) => x.node.metadata.name!)) {
    const cpuPct = Math.trunc((m.usage.cpu / avail(m.node, 'cpu', -3)) * 100);
    const memPct = Math.trunc((m.usage.memory / avail(m.node, 'memory', 0)) * 100);
    out += `${cell(m.node.metadata.name!)}${cell(cpu(m.usage.cpu))}${cell(`${cpuPct}%`)}${cell(mem(m.usage.memory))}${cell(`${memPct}%`)}\n`;
  }
  const reported = new Set(ms.map((m) => m.node.metadata.name));
  for (const n of nodes) if (!reported.has(n.metadata.name)) out += `${cell(n.metadata.name!)}${cell('<unknown>').repeat(4)}\n`;
  ctx.io.out(new TabWriter(GET_TABWRITER).format(out));
  return 0;
}

const SELECTOR = {
  name: 'selector',
  short: 'l',
  type: 'string' as const,
  usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
};
const PROTOBUF = { name: 'use-protocol-buffers', type: 'bool' as const, default: true, usage: 'Enables using protocol-buffers to access Metrics API.' };

export const pod: VerbModule = {
  use: H.POD_USE,
  long: H.POD_LONG,
  example: H.POD_EXAMPLE,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'containers', type: 'bool', usage: 'If present, print usage of containers within a pod.' },
    {
      name: 'field-selector',
      type: 'string',
      usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    },
    { name: 'no-headers', type: 'bool', usage: 'If present, print output without headers.' },
    SELECTOR,
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." },
    { name: 'sum', type: 'bool', usage: 'Print the sum of the resource usage' },
    PROTOBUF,
  ],
  run: topPod,
};

export const node: VerbModule = {
  use: H.NODE_USE,
  long: H.NODE_LONG,
  example: H.NODE_EXAMPLE,
  flags: [
    { name: 'no-headers', type: 'bool', usage: 'If present, print output without headers' },
    SELECTOR,
    { name: 'show-capacity', type: 'bool', usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'." },
    PROTOBUF,
  ],
  run: topNode,
};
