/**
 * The scheduler's cache (framework.NodeInfo per node): what each node's assigned pods request, the
 * host ports they hold, how many pods of each controller it runs, and which pods carry pod
 * (anti-)affinity. Kept up to date incrementally from pod changes, so a scheduling attempt costs
 * O(nodes), never O(pods).
 */
import type { KObject } from '../api/types.js';
import { podRequests, type Res } from './resources.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface PodEntry {
  key: string;
  /** The pod (for an entry made from stored facts, read from the store when first asked for). */
  readonly pod: KObject;
  /** Made from stored facts: the pod object was not read. */
  fromFacts?: true;
  node: string;
  priority: number;
  req: Res;
  nzCpu: number;
  nzMem: number;
  ports: string[];
  /** The uid of the pod's controller (ReplicaSet, StatefulSet...), for spreading. */
  owner?: string;
  /** Has required pod anti-affinity terms (matters to every incoming pod). */
  antiAffinity: boolean;
  /** Has any pod affinity or anti-affinity. */
  affinity: boolean;
}

export interface NodeInfo {
  name: string;
  pods: Map<string, PodEntry>;
  req: Res;
  nzCpu: number;
  nzMem: number;
  /** "TCP/0.0.0.0/80" → how many pods hold it. */
  ports: Map<string, number>;
  /** controller uid → pods on this node. */
  owners: Map<string, number>;
  /** Pods with pod (anti-)affinity terms. */
  affinityPods: number;
}

export function hostPorts(pod: KObject): string[] {
  const out: string[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      out.push(`${p.protocol ?? 'TCP'}/${p.hostIP || '0.0.0.0'}/${p.hostPort}`);
    }
  }
  return out;
}

const isTerminal = (p: KObject): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/**
 * What the cache needs of a pod, compact enough to be kept in the store's index next to each pod, so
 * that building the cache does not read every pod: node, priority, requests (and the non-zero ones
 * scoring uses), host ports, controller uid, affinity bits (1: any pod affinity, 2: required
 * anti-affinity), nominated node, and whether the pod is finished.
 */
export interface PodFacts {
  n?: string;
  pr?: number;
  r: Res;
  z: [number, number];
  p?: string[];
  o?: string;
  a?: number;
  nn?: string;
  t?: 1;
}

export function podFacts(pod: KObject): PodFacts {
  const nz = podRequests(pod, true);
  const aff = pod.spec?.affinity ?? {};
  const anti = aff.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const f: PodFacts = { r: podRequests(pod), z: [nz.cpu ?? 0, nz.memory ?? 0] };
  if (pod.spec?.nodeName) f.n = pod.spec.nodeName;
  if (pod.spec?.priority) f.pr = pod.spec.priority;
  const ports = hostPorts(pod);
  if (ports.length) f.p = ports;
  const owner = pod.metadata.ownerReferences?.find((r: any) => r.controller)?.uid;
  if (owner) f.o = owner;
  const bits = (aff.podAffinity || aff.podAntiAffinity ? 1 : 0) | (Array.isArray(anti) && anti.length > 0 ? 2 : 0);
  if (bits) f.a = bits;
  if (!pod.spec?.nodeName && pod.status?.nominatedNodeName) f.nn = pod.status.nominatedNodeName;
  if (isTerminal(pod)) f.t = 1;
  return f;
}

function entryFrom(key: string, f: PodFacts, pod: KObject | (() => KObject)): PodEntry {
  const e = {
    key,
    node: f.n!,
    priority: f.pr ?? 0,
    req: f.r,
    nzCpu: f.z[0],
    nzMem: f.z[1],
    ports: f.p ?? [],
    owner: f.o,
    antiAffinity: ((f.a ?? 0) & 2) !== 0,
    affinity: ((f.a ?? 0) & 1) !== 0,
  };
  if (typeof pod !== 'function') return { ...e, pod };
  let read: KObject | undefined;
  return Object.defineProperties(e, {
    fromFacts: { value: true, enumerable: true },
    pod: { get: () => (read ??= pod()), enumerable: true },
  }) as PodEntry;
}

function entryFor(key: string, pod: KObject): PodEntry {
  return entryFrom(key, podFacts(pod), pod);
}

export class SchedulerCache {
  readonly nodes = new Map<string, NodeInfo>();
  /** Assigned, non-terminal pods. */
  readonly pods = new Map<string, PodEntry>();
  /** Unassigned pods nominated to a node by preemption: node → entries. */
  readonly nominated = new Map<string, Map<string, PodEntry>>();
  private readonly nominatedOf = new Map<string, string>();
  /** Pods with any pod (anti-)affinity, cluster-wide. */
  affinityPods = 0;

  node(name: string): NodeInfo {
    let n = this.nodes.get(name);
    if (!n) {
      n = { name, pods: new Map(), req: {}, nzCpu: 0, nzMem: 0, ports: new Map(), owners: new Map(), affinityPods: 0 };
      this.nodes.set(name, n);
    }
    return n;
  }

  /** Brings one pod's contribution in line with the stored object (undefined: the pod is gone). Idempotent. */
  sync(key: string, pod: KObject | undefined): void {
    const old = this.pods.get(key);
    if (old && pod && !old.fromFacts && old.pod === pod) return;
    if (old) this.remove(old);
    this.syncNominated(key, pod);
    if (!pod || !pod.spec?.nodeName || isTerminal(pod)) return;
    const e = entryFor(key, pod);
    this.add(e);
  }

  private syncNominated(key: string, pod: KObject | undefined): void {
    const prev = this.nominatedOf.get(key);
    const next = pod && !pod.spec?.nodeName ? pod.status?.nominatedNodeName : undefined;
    if (prev) {
      this.nominated.get(prev)?.delete(key);
      this.nominatedOf.delete(key);
    }
    if (next && pod) {
      let m = this.nominated.get(next);
      if (!m) this.nominated.set(next, (m = new Map()));
      m.set(key, { ...entryFor(key, pod), node: next });
      this.nominatedOf.set(key, next);
    }
  }

  private add(e: PodEntry): void {
    const n = this.node(e.node);
    n.pods.set(e.key, e);
    for (const [k, v] of Object.entries(e.req)) n.req[k] = (n.req[k] ?? 0) + v;
    n.nzCpu += e.nzCpu;
    n.nzMem += e.nzMem;
    for (const p of e.ports) n.ports.set(p, (n.ports.get(p) ?? 0) + 1);
    if (e.owner) n.owners.set(e.owner, (n.owners.get(e.owner) ?? 0) + 1);
    if (e.affinity) {
      n.affinityPods++;
      this.affinityPods++;
    }
    this.pods.set(e.key, e);
  }

  private remove(e: PodEntry): void {
    const n = this.node(e.node);
    n.pods.delete(e.key);
    for (const [k, v] of Object.entries(e.req)) n.req[k] = (n.req[k] ?? 0) - v;
    n.nzCpu -= e.nzCpu;
    n.nzMem -= e.nzMem;
    for (const p of e.ports) {
      const c = (n.ports.get(p) ?? 1) - 1;
      if (c) n.ports.set(p, c);
      else n.ports.delete(p);
    }
    if (e.owner) {
      const c = (n.owners.get(e.owner) ?? 1) - 1;
      if (c) n.owners.set(e.owner, c);
      else n.owners.delete(e.owner);
    }
    if (e.affinity) {
      n.affinityPods--;
      this.affinityPods--;
    }
    this.pods.delete(e.key);
  }

  /**
   * The cache over the stored pods. `facts(key)` gives a pod's stored facts when the store has them for
   * a pod not yet read: such a pod is accounted from them and read only if a plugin asks for it.
   */
  static build(keys: Iterable<string>, get: (key: string) => KObject, facts: (key: string) => PodFacts | undefined): SchedulerCache {
    const c = new SchedulerCache();
    for (const k of keys) {
      const f = facts(k);
      if (!f || f.nn) c.sync(k, get(k));
      else if (f.n && !f.t) c.add(entryFrom(k, f, () => get(k)));
    }
    return c;
  }
}
